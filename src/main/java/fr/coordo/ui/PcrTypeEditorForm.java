package fr.coordo.ui;

import fr.coordo.identity.Issue;
import fr.coordo.pathway.PcrType;
import fr.coordo.team.Profession;
import fr.coordo.team.Professions;
import fr.coordo.team.StructureReference;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The fields of one PCR type version, as the arrêté describes it. {@link #fill} shows a version, {@link #read}
 * turns what is typed back into a definition (figures typed the French way; an empty figure is « à compléter »).
 * In read-only mode an old version is shown as it was, nothing can be typed.
 */
final class PcrTypeEditorForm extends VBox {
    /** The colour of « à compléter » everywhere in the editor. */
    static final String TO_COMPLETE_STYLE = "-fx-text-fill: #bc4c00; -fx-font-style: italic;";
    private static final String EMPTY_FIGURE_STYLE = "-fx-prompt-text-fill: #bc4c00; -fx-font-style: italic;";
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    final BooleanProperty readOnly = new SimpleBooleanProperty(false);

    private final Map<String, Control> controls = new HashMap<>();
    private final Map<String, Label> sections = new HashMap<>();
    private final Label code = new Label();
    private final TextField label = register("label", new TextField());
    private final TextArea arreteReference = register("arreteReference", Forms.area("pcr-arreteReference", 2));
    private final DatePicker arreteDate = register("arreteDate", Forms.datePicker("pcr-arreteDate"));
    private final TextArea objectives = register("objectives", Forms.area("pcr-objectives", 5));
    private final TextArea targetPopulation = register("targetPopulation", Forms.area("pcr-targetPopulation", 3));
    private final TextField overseas = register("overseasSurchargePercent", figure(new SimpleStringProperty(""), "pcr-overseas"));
    private final TextField participation = register("patientParticipationPercent", figure(new SimpleStringProperty(""), "pcr-participation"));
    private final CheckBox coFinanced = new CheckBox("Cofinancement par les complémentaires santé (AMC)");
    private final CheckBox directCpam = new CheckBox("Paiement direct des professionnels par la CPAM");
    private final Map<String, CheckBox> categories = new LinkedHashMap<>();
    private final TextArea amendmentRule = register("amendmentRule", Forms.area("pcr-amendmentRule", 2));
    private final TextArea notes = register("notes", Forms.area("pcr-notes", 5));
    private final Label splitTotal = new Label();
    private final PcrTypeEditorRows<CriterionLine> criteria;
    private final PcrTypeEditorRows<ProfileLine> profiles;
    private final PcrTypeEditorRows<SequenceLine> sequences;
    private final PcrTypeEditorRows<ShareLine> split;
    private final PcrTypeEditorRows<MemberLine> team;
    /** The version shown: its code, revision and category order are kept as they are. */
    private PcrType base;

    static final class CriterionLine {
        final StringProperty code = new SimpleStringProperty("");
        final StringProperty label = new SimpleStringProperty("");
    }

    static final class ProfileLine {
        final StringProperty code = new SimpleStringProperty("");
        final StringProperty label = new SimpleStringProperty("");
        final StringProperty forfait = new SimpleStringProperty("");
        final StringProperty bySequence = new SimpleStringProperty("");
    }

    static final class SequenceLine {
        final StringProperty order = new SimpleStringProperty("");
        final StringProperty code = new SimpleStringProperty("");
        final StringProperty label = new SimpleStringProperty("");
        final StringProperty duration = new SimpleStringProperty("");
        final StringProperty interventions = new SimpleStringProperty("");
    }

    static final class ShareLine {
        final ObjectProperty<String> party = new SimpleObjectProperty<>();
        final StringProperty percent = new SimpleStringProperty("");
    }

    static final class MemberLine {
        final ObjectProperty<String> profession = new SimpleObjectProperty<>();
        final StringProperty count = new SimpleStringProperty("1");
    }

    PcrTypeEditorForm() {
        setId("pcr-form");
        setSpacing(8);
        label.setId("pcr-label");
        List<String> professions = Professions.all().stream().map(Profession::code).toList();
        List<String> parties = new ArrayList<>(professions);
        parties.add(PcrType.COORDINATION);

        criteria = new PcrTypeEditorRows<>("pcr-criteria", List.of(
                new PcrTypeEditorRows.Column<CriterionLine>("code", "Code", 170, (l, id) -> text(l.code, id)),
                new PcrTypeEditorRows.Column<CriterionLine>("label", "Libellé", 400, true, (l, id) -> text(l.label, id))),
                CriterionLine::new, "Ajouter un critère", "Retirer ce critère", readOnly);
        profiles = new PcrTypeEditorRows<>("pcr-profiles", List.of(
                new PcrTypeEditorRows.Column<ProfileLine>("code", "Code", 64, (l, id) -> text(l.code, id)),
                new PcrTypeEditorRows.Column<ProfileLine>("label", "Libellé", 260, true, (l, id) -> text(l.label, id)),
                new PcrTypeEditorRows.Column<ProfileLine>("forfait", "Forfait (€)", 130, (l, id) -> figure(l.forfait, id)),
                new PcrTypeEditorRows.Column<ProfileLine>("bySequence", "Parts par séquence (si l'arrêté les fixe)", 190,
                        (l, id) -> prompted(text(l.bySequence, id), "S1 : 500 ; S2 : 626"))),
                ProfileLine::new, "Ajouter un profil", "Retirer ce profil", readOnly);
        sequences = new PcrTypeEditorRows<>("pcr-sequences", List.of(
                new PcrTypeEditorRows.Column<SequenceLine>("order", "Ordre", 64, (l, id) -> text(l.order, id)),
                new PcrTypeEditorRows.Column<SequenceLine>("code", "Code", 60, (l, id) -> text(l.code, id)),
                new PcrTypeEditorRows.Column<SequenceLine>("label", "Libellé, puis les interventions attendues (une par ligne)", 360, true,
                        (l, id) -> new VBox(4, text(l.label, id), interventions(l.interventions, id.replace("-label-", "-interventions-")))),
                new PcrTypeEditorRows.Column<SequenceLine>("duration", "Durée (mois)", 124, (l, id) -> figure(l.duration, id))),
                SequenceLine::new, "Ajouter une séquence", "Retirer cette séquence", readOnly);
        split = new PcrTypeEditorRows<>("pcr-split", List.of(
                new PcrTypeEditorRows.Column<ShareLine>("party", "Profession ou coordination", 340, (l, id) -> choice(l.party, id, parties)),
                new PcrTypeEditorRows.Column<ShareLine>("percent", "Part (%)", 110, (l, id) -> {
                    TextField f = figure(l.percent, id);
                    f.textProperty().addListener((o, a, b) -> showSplitTotal());
                    return f;
                })),
                ShareLine::new, "Ajouter une part", "Retirer cette part", readOnly);
        split.rows().addListener((javafx.collections.ListChangeListener<ShareLine>) c -> showSplitTotal());
        team = new PcrTypeEditorRows<>("pcr-team", List.of(
                new PcrTypeEditorRows.Column<MemberLine>("profession", "Profession", 340, (l, id) -> choice(l.profession, id, professions)),
                new PcrTypeEditorRows.Column<MemberLine>("count", "Nombre", 80, (l, id) -> text(l.count, id))),
                MemberLine::new, "Ajouter une profession", "Retirer cette profession", readOnly);
        split.setMaxWidth(540);
        team.setMaxWidth(540);

        GridPane identity = grid();
        int row = 0;
        identity.addRow(row++, Forms.label("Code", code), code);
        identity.addRow(row++, Forms.label("Libellé *", label), label);
        identity.addRow(row++, Forms.label("Référence de l'arrêté", arreteReference), arreteReference);
        identity.addRow(row, Forms.label("Date de l'arrêté", arreteDate), arreteDate);
        code.getStyleClass().add("text-muted");
        arreteDate.setPromptText("à compléter");
        arreteDate.getEditor().setStyle(EMPTY_FIGURE_STYLE);
        arreteDate.valueProperty().addListener((o, a, d) -> arreteDate.getEditor().setStyle(d == null ? EMPTY_FIGURE_STYLE : ""));

        GridPane patients = grid();
        patients.addRow(0, Forms.label("Objectifs (un par ligne)", objectives), objectives);
        patients.addRow(1, Forms.label("Population cible", targetPopulation), targetPopulation);

        GridPane money = grid();
        money.addRow(0, Forms.label("Majoration outre-mer (%)", overseas), fixed(overseas));
        money.addRow(1, Forms.label("Taux de participation du patient (%)", participation), fixed(participation));
        money.add(coFinanced, 1, 2);
        money.add(directCpam, 1, 3);
        coFinanced.setId("pcr-coFinanced");
        directCpam.setId("pcr-directCpam");
        splitTotal.setId("pcr-split-total");

        GridPane categoryGrid = new GridPane();
        categoryGrid.setId("pcr-categories");
        categoryGrid.setHgap(24);
        categoryGrid.setVgap(6);
        int i = 0;
        for (StructureReference.Choice c : StructureReference.categories()) {
            if (!c.eligible()) {
                continue;
            }
            CheckBox box = new CheckBox(c.label());
            box.setId("pcr-category-" + c.code());
            box.setWrapText(true);
            box.disableProperty().bind(readOnly);
            categories.put(c.code(), box);
            categoryGrid.add(box, i % 2, i / 2);
            i++;
        }
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        categoryGrid.getColumnConstraints().setAll(half, half);
        coFinanced.disableProperty().bind(readOnly);
        directCpam.disableProperty().bind(readOnly);

        GridPane rules = grid();
        rules.addRow(0, Forms.label("Règle de modification", amendmentRule), amendmentRule);
        rules.addRow(1, Forms.label("Notes (ce qui reste à vérifier)", notes), notes);

        getChildren().addAll(
                section("identity", "Identification"), identity,
                section("patients", "Patients"), patients,
                section("criteria", "Critères d'éligibilité (tous doivent être cochés pour inclure un patient)"), criteria,
                section("profiles", "Profils de patients et forfaits (vide : à compléter)"), profiles,
                section("sequences", "Séquences de prise en charge"), sequences,
                section("money", "Financement"), money,
                section("defaultSplit", "Répartition par défaut du forfait"), split, splitTotal,
                section("minimumTeam", "Équipe minimale au lancement"), team,
                section("eligibleCategories", "Catégories de structures éligibles (article D.162-34)"), categoryGrid,
                section("rules", "Règles et notes"), rules);
        for (Control c : List.of(label, arreteReference, objectives, targetPopulation, overseas, participation, amendmentRule, notes)) {
            ((TextInputControl) c).editableProperty().bind(readOnly.not());
        }
        arreteDate.editableProperty().bind(readOnly.not());
        // a read-only date picker still opens its calendar: keep it shut
        arreteDate.setOnShowing(e -> {
            if (readOnly.get()) {
                arreteDate.hide();
            }
        });
    }

    /** Shows a version; what was typed before is dropped. */
    void fill(PcrType t) {
        base = t;
        clearMarks();
        code.setText(t.code());
        label.setText(Forms.nz(t.label()));
        arreteReference.setText(Forms.nz(t.arreteReference()));
        arreteDate.setValue(t.arreteDay().orElse(null));
        arreteDate.getEditor().setText(Forms.date(t.arreteDay().orElse(null)));
        objectives.setText(String.join("\n", t.objectives()));
        targetPopulation.setText(Forms.nz(t.targetPopulation()));
        criteria.rows().setAll(t.criteria().stream().map(c -> {
            CriterionLine l = new CriterionLine();
            l.code.set(Forms.nz(c.code()));
            l.label.set(Forms.nz(c.label()));
            return l;
        }).toList());
        profiles.rows().setAll(t.profiles().stream().map(p -> {
            ProfileLine l = new ProfileLine();
            l.code.set(Forms.nz(p.code()));
            l.label.set(Forms.nz(p.label()));
            l.forfait.set(PcrTypeEditorNumbers.show(p.forfait()));
            l.bySequence.set(p.bySequence().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " : " + PcrTypeEditorNumbers.show(e.getValue())).collect(Collectors.joining(" ; ")));
            return l;
        }).toList());
        sequences.rows().setAll(t.orderedSequences().stream().map(s -> {
            SequenceLine l = new SequenceLine();
            l.order.set(String.valueOf(s.order()));
            l.code.set(Forms.nz(s.code()));
            l.label.set(Forms.nz(s.label()));
            l.duration.set(s.durationMonths() == null ? "" : String.valueOf(s.durationMonths()));
            l.interventions.set(String.join("\n", s.interventions()));
            return l;
        }).toList());
        overseas.setText(PcrTypeEditorNumbers.show(t.overseasSurchargePercent()));
        participation.setText(PcrTypeEditorNumbers.show(t.patientParticipationPercent()));
        coFinanced.setSelected(t.coFinanced());
        directCpam.setSelected(t.directCpamPayment());
        split.rows().setAll(t.defaultSplit().stream().map(s -> {
            ShareLine l = new ShareLine();
            l.party.set(s.party());
            l.percent.set(PcrTypeEditorNumbers.show(s.percent()));
            return l;
        }).toList());
        team.rows().setAll(t.minimumTeam().stream().map(r -> {
            MemberLine l = new MemberLine();
            l.profession.set(r.professionCode());
            l.count.set(String.valueOf(r.count()));
            return l;
        }).toList());
        categories.forEach((c, box) -> box.setSelected(t.eligibleCategories().contains(c)));
        amendmentRule.setText(Forms.nz(t.amendmentRule()));
        notes.setText(Forms.nz(t.notes()));
        showSplitTotal();
    }

    /**
     * The definition as typed. A figure that cannot be read adds an issue naming its field and is left
     * « à compléter » in the result; fully empty lines are dropped.
     */
    PcrType read(List<Issue> problems) {
        Forms.commitDate(arreteDate, "arreteDate", "Date de l'arrêté", problems);
        LocalDate day = arreteDate.getValue();
        List<PcrType.Criterion> criterionList = new ArrayList<>();
        for (CriterionLine l : criteria.rows()) {
            if (!blank(l.code.get()) || !blank(l.label.get())) {
                criterionList.add(new PcrType.Criterion(Forms.blankToNull(l.code.get()), Forms.blankToNull(l.label.get())));
            }
        }
        List<PcrType.Profile> profileList = new ArrayList<>();
        int n = 0;
        for (ProfileLine l : profiles.rows()) {
            String id = "pcr-profiles-%s-" + n++;
            if (blank(l.code.get()) && blank(l.label.get()) && blank(l.forfait.get()) && blank(l.bySequence.get())) {
                continue;
            }
            String name = "profil « " + (blank(l.code.get()) ? Forms.nz(l.label.get()).strip() : l.code.get().strip()) + " »";
            BigDecimal forfait = PcrTypeEditorNumbers.amount(l.forfait.get(), id.formatted("forfait"), "Forfait du " + name, problems);
            profileList.add(new PcrType.Profile(Forms.blankToNull(l.code.get()), Forms.blankToNull(l.label.get()), forfait,
                    bySequence(l.bySequence.get(), id.formatted("bySequence"), name, problems)));
        }
        List<PcrType.Sequence> sequenceList = new ArrayList<>();
        n = 0;
        for (SequenceLine l : sequences.rows()) {
            String id = "pcr-sequences-%s-" + n++;
            if (blank(l.order.get()) && blank(l.code.get()) && blank(l.label.get()) && blank(l.duration.get()) && blank(l.interventions.get())) {
                continue;
            }
            String name = "séquence « " + (blank(l.label.get()) ? Forms.nz(l.code.get()).strip() : l.label.get().strip()) + " »";
            Integer order = PcrTypeEditorNumbers.integer(l.order.get(), id.formatted("order"), "Ordre de la " + name, problems);
            Integer months = PcrTypeEditorNumbers.integer(l.duration.get(), id.formatted("duration"), "Durée de la " + name, problems);
            sequenceList.add(new PcrType.Sequence(Forms.blankToNull(l.code.get()), order == null ? 0 : order, Forms.blankToNull(l.label.get()),
                    months, lines(l.interventions.get(), "[\\n;]")));
        }
        List<PcrType.Share> shares = new ArrayList<>();
        n = 0;
        for (ShareLine l : split.rows()) {
            String id = "pcr-split-%s-" + n++;
            if (l.party.get() == null && blank(l.percent.get())) {
                continue;
            }
            if (l.party.get() == null) {
                problems.add(Issue.blocking(id.formatted("party"), "Répartition par défaut, ligne " + n + " : choisissez une profession ou la coordination."));
                continue;
            }
            shares.add(new PcrType.Share(l.party.get(), PcrTypeEditorNumbers.percent(l.percent.get(), id.formatted("percent"),
                    "Part de « " + PcrType.partyLabel(l.party.get()) + " » dans la répartition par défaut", problems)));
        }
        List<PcrType.Requirement> members = new ArrayList<>();
        n = 0;
        for (MemberLine l : team.rows()) {
            String id = "pcr-team-%s-" + n++;
            if (l.profession.get() == null && (blank(l.count.get()) || "1".equals(l.count.get().strip()))) {
                continue;
            }
            if (l.profession.get() == null) {
                problems.add(Issue.blocking(id.formatted("profession"), "Équipe minimale, ligne " + n + " : choisissez une profession."));
                continue;
            }
            String what = "Nombre de « " + Professions.label(l.profession.get()) + " » dans l'équipe minimale";
            Integer count = PcrTypeEditorNumbers.integer(l.count.get(), id.formatted("count"), what, problems);
            if (count == null && blank(l.count.get())) {
                problems.add(Issue.blocking(id.formatted("count"), what + " : indiquez un nombre."));
            }
            members.add(new PcrType.Requirement(l.profession.get(), count == null ? 1 : count));
        }
        // the categories keep the order of the version shown; a newly ticked one comes after them
        List<String> ticked = new ArrayList<>(base.eligibleCategories().stream()
                .filter(c -> categories.containsKey(c) && categories.get(c).isSelected()).toList());
        categories.forEach((c, box) -> {
            if (box.isSelected() && !ticked.contains(c)) {
                ticked.add(c);
            }
        });
        return new PcrType(base.code(), Forms.blankToNull(label.getText()), base.revision(), Forms.blankToNull(arreteReference.getText()),
                day == null ? null : day.toString(), lines(objectives.getText(), "\\n"), Forms.blankToNull(targetPopulation.getText()),
                criterionList, profileList, sequenceList,
                PcrTypeEditorNumbers.percent(overseas.getText(), "overseasSurchargePercent", "Majoration outre-mer", problems),
                coFinanced.isSelected(),
                PcrTypeEditorNumbers.percent(participation.getText(), "patientParticipationPercent", "Taux de participation du patient", problems),
                directCpam.isSelected(), shares, members, ticked, Forms.blankToNull(amendmentRule.getText()), Forms.blankToNull(notes.getText()));
    }

    /** « S1 : 563 ; S2 : 563,50 »: the part of the forfait of each séquence. */
    private static Map<String, BigDecimal> bySequence(String text, String field, String name, List<Issue> problems) {
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        for (String part : lines(text, ";")) {
            String[] kv = part.split("[:=]", 2);
            if (kv.length < 2 || kv[0].isBlank()) {
                problems.add(Issue.blocking(field, "Parts par séquence du " + name + " : « " + part
                        + " » n'est pas de la forme « code de séquence : montant » (par exemple S1 : 563,00)."));
                continue;
            }
            BigDecimal amount = PcrTypeEditorNumbers.amount(kv[1], field, "Part de la séquence « " + kv[0].strip() + " » du " + name, problems);
            if (amount != null) {
                parts.put(kv[0].strip(), amount);
            }
        }
        return parts;
    }

    /** Marks the fields and sections the issues name; returns the first field to give the focus to. */
    Control mark(List<Issue> issues) {
        clearMarks();
        Control first = null;
        for (Issue i : issues) {
            Control c = controls.get(i.field());
            if (c != null) {
                c.pseudoClassStateChanged(DANGER, true);
                first = first == null ? c : first;
            } else if (sections.containsKey(i.field())) {
                sections.get(i.field()).getStyleClass().add("danger");
            }
        }
        return first;
    }

    boolean isMarked(String field) {
        Control c = controls.get(field);
        return c != null && c.getPseudoClassStates().contains(DANGER);
    }

    private void clearMarks() {
        controls.values().forEach(c -> c.pseudoClassStateChanged(DANGER, false));
        sections.values().forEach(l -> l.getStyleClass().remove("danger"));
    }

    private void showSplitTotal() {
        List<String> texts = split.rows().stream().map(l -> l.percent.get()).toList();
        splitTotal.setStyle("");
        if (texts.isEmpty()) {
            splitTotal.setText("Aucune répartition par défaut : à compléter.");
            splitTotal.setStyle(TO_COMPLETE_STYLE);
            return;
        }
        if (texts.stream().anyMatch(PcrTypeEditorForm::blank)) {
            splitTotal.setText("Total : à compléter (une part au moins n'est pas renseignée).");
            splitTotal.setStyle(TO_COMPLETE_STYLE);
            return;
        }
        List<Issue> ignored = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (String t : texts) {
            BigDecimal v = PcrTypeEditorNumbers.percent(t, "", "", ignored);
            sum = v == null ? sum : sum.add(v);
        }
        boolean hundred = ignored.isEmpty() && sum.compareTo(BigDecimal.valueOf(100)) == 0;
        splitTotal.setText("Total : " + PcrTypeEditorNumbers.show(sum.stripTrailingZeros()) + " %" + (hundred ? "" : " (100 % attendus)"));
        splitTotal.setStyle(hundred ? "-fx-text-fill: #1a7f37;" : "-fx-text-fill: #cf222e;");
    }

    private <C extends Control> C register(String field, C control) {
        controls.put(field, control);
        if (control.getId() == null) {
            control.setId("pcr-" + field);
        }
        return control;
    }

    private Label section(String field, String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("text-bold", "form-section");
        l.setWrapText(true);
        sections.put(field, l);
        return l;
    }

    private TextField text(StringProperty value, String id) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        f.editableProperty().bind(readOnly.not());
        f.setPrefWidth(40);
        f.setMaxWidth(Double.MAX_VALUE);
        // a long libellé cut by the column can be read whole
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(f.textProperty());
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        f.tooltipProperty().bind(javafx.beans.binding.Bindings.when(f.textProperty().length().greaterThan(18))
                .then(tip).otherwise((javafx.scene.control.Tooltip) null));
        controls.put(id, f);
        return f;
    }

    /** A figure field: empty reads « à compléter », in orange italics. */
    private TextField figure(StringProperty value, String id) {
        TextField f = text(value, id);
        f.setAlignment(Pos.CENTER_RIGHT);
        f.setPromptText(PcrType.TO_COMPLETE);
        f.setStyle(blank(f.getText()) ? EMPTY_FIGURE_STYLE : "");
        f.textProperty().addListener((o, a, b) -> f.setStyle(blank(b) ? EMPTY_FIGURE_STYLE : ""));
        return f;
    }

    private static TextField prompted(TextField f, String prompt) {
        f.setPromptText(prompt);
        return f;
    }

    private TextArea interventions(StringProperty value, String id) {
        TextArea a = Forms.area(id, Math.max(2, Math.min(8, value.get().split("\n", -1).length)));
        a.setPrefWidth(60);
        a.textProperty().bindBidirectional(value);
        a.editableProperty().bind(readOnly.not());
        controls.put(id, a);
        return a;
    }

    private ComboBox<String> choice(ObjectProperty<String> value, String id, List<String> codes) {
        ComboBox<String> c = new ComboBox<>();
        c.setId(id);
        c.getItems().setAll(codes);
        Forms.labelled(c, PcrType::partyLabel);
        c.setPromptText("Choisir…");
        c.setMaxWidth(Double.MAX_VALUE);
        c.valueProperty().bindBidirectional(value);
        c.disableProperty().bind(readOnly);
        controls.put(id, c);
        return c;
    }

    private static Node fixed(TextField f) {
        f.setPrefColumnCount(8);
        f.setMaxWidth(140);
        return f;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(270);
        labels.setPrefWidth(270);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(labels, grow);
        return g;
    }

    private static List<String> lines(String text, String separator) {
        return text == null ? List.of() : Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
