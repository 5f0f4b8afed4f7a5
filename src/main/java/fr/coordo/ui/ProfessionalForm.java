package fr.coordo.ui;

import static fr.coordo.ui.Forms.label;
import static fr.coordo.ui.Forms.nz;

import fr.coordo.identity.IdentifierKind;

import fr.coordo.identity.Issue;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.Profession;
import fr.coordo.team.Professional;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.Professions;
import fr.coordo.team.TeamService;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The form of one professional: add or edit, with every refused field highlighted and named, and a
 * doubtful check key confirmed by the user before it is saved. Ctrl+S saves, Échap cancels.
 */
final class ProfessionalForm extends BorderPane {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final TeamService team;
    private final Stage owner;
    private final BiConsumer<Integer, String> onSaved;
    /** Field name (as in {@link Issue#field()}) to control; filled by the initialisers below. */
    private final Map<String, Control> controls = new LinkedHashMap<>();

    private final Label heading = new Label();
    private final ComboBox<String> civility = new ComboBox<>();
    private final TextField lastName = field("lastName");
    private final TextField firstName = field("firstName");
    private final ComboBox<Profession> profession = new ComboBox<>();
    private final TextField specialty = field("specialty");
    private final TextField rpps = field("rpps");
    private final TextField adeli = field("adeli");
    private final TextField amNumber = field("amNumber");
    private final CheckBox amRequested = new CheckBox("Demande en cours");
    private final DatePicker amRequestedOn = new DatePicker();
    private final CheckBox conventioned = new CheckBox("Conventionné");
    private final DatePicker contractSignedOn = new DatePicker();
    private final ComboBox<PracticeMode> practiceMode = new ComboBox<>();
    private final TextField employerName = field("employerName");
    private final TextField employerSiret = field("employerSiret");
    private final TextField phone = field("phone");
    private final TextField email = field("email");
    private final TextField mssante = field("mssante");
    private final TextField iban = field("iban");
    private final TextField bic = field("bic");
    private final TextArea notes = new TextArea();
    private final DatePicker memberSince = new DatePicker();
    private final Label membership = new Label();
    private final Label messages = new Label();
    private final Button save = new Button("Enregistrer");
    private final Button cancel = new Button("Annuler");
    private final Button leave = new Button("Fin d'appartenance…");
    private final Button rejoin = new Button("Réintégrer…");

    private Professional editing;
    /** Doubtful keys the user confirmed, with the value confirmed: another value asks again. */
    private final Map<IdentifierKind, String> confirmed = new java.util.EnumMap<>(IdentifierKind.class);
    /** The form as last loaded, to tell whether it holds unsaved changes. */
    private ProfessionalInput loaded;

    ProfessionalForm(TeamService team, Stage owner, BiConsumer<Integer, String> onSaved) {
        this.team = team;
        this.owner = owner;
        this.onSaved = onSaved;
        setId("professional-form");

        civility.getItems().setAll("", "Mme", "M.", "Dr", "Pr");
        civility.setId("pro-civility");
        profession.getItems().setAll(Professions.all());
        profession.setId("pro-professionCode");
        profession.setMaxWidth(Double.MAX_VALUE);
        practiceMode.getItems().setAll(PracticeMode.values());
        practiceMode.setId("pro-practiceMode");
        practiceMode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PracticeMode m) {
                return m == null ? "" : m.label();
            }

            @Override
            public PracticeMode fromString(String s) {
                return null;
            }
        });
        amRequestedOn.setId("pro-amRequestedOn");
        contractSignedOn.setId("pro-cpamContractSignedOn");
        memberSince.setId("pro-memberSince");
        notes.setId("pro-notes");
        notes.setPrefRowCount(3);
        notes.setWrapText(true);
        conventioned.setId("pro-conventioned");
        amRequested.setId("pro-amRequested");
        controls.put("civility", civility);
        controls.put("professionCode", profession);
        controls.put("amRequestedOn", amRequestedOn);
        controls.put("cpamContractSignedOn", contractSignedOn);
        controls.put("memberSince", memberSince);
        controls.put("memberUntil", memberSince);

        // Fields that only make sense in some cases are enabled only then.
        amRequestedOn.disableProperty().bind(amRequested.selectedProperty().not());
        contractSignedOn.disableProperty().bind(conventioned.selectedProperty());
        employerName.disableProperty().bind(practiceMode.valueProperty().isNotEqualTo(PracticeMode.SALARIE));
        employerSiret.disableProperty().bind(employerName.disabledProperty());
        specialty.disableProperty().bind(profession.valueProperty().isNull()
                .or(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> profession.getValue() == null || !"medecin".equals(profession.getValue().code()), profession.valueProperty())));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, label("Civilité", civility), civility);
        grid.addRow(row++, label("Nom *", lastName), lastName);
        grid.addRow(row++, label("Prénom *", firstName), firstName);
        grid.addRow(row++, label("Profession *", profession), profession);
        grid.addRow(row++, label("Spécialité", specialty), specialty);
        grid.addRow(row++, label("RPPS", rpps), rpps);
        grid.addRow(row++, label("ADELI", adeli), adeli);
        grid.addRow(row++, label("Numéro AM", amNumber), amNumber);
        grid.addRow(row++, new Label(), amRequested);
        grid.addRow(row++, label("Demandé le", amRequestedOn), amRequestedOn);
        grid.addRow(row++, new Label(), conventioned);
        grid.addRow(row++, label("Contrat CPAM signé le", contractSignedOn), contractSignedOn);
        grid.addRow(row++, label("Mode d'exercice", practiceMode), practiceMode);
        grid.addRow(row++, label("Employeur", employerName), employerName);
        grid.addRow(row++, label("SIRET employeur", employerSiret), employerSiret);
        grid.addRow(row++, label("Téléphone", phone), phone);
        grid.addRow(row++, label("Email", email), email);
        grid.addRow(row++, label("MSSanté", mssante), mssante);
        grid.addRow(row++, label("IBAN", iban), iban);
        grid.addRow(row++, label("BIC", bic), bic);
        grid.addRow(row++, label("Notes", notes), notes);
        grid.addRow(row, label("Membre depuis", memberSince), memberSince);
        javafx.scene.layout.ColumnConstraints grow = new javafx.scene.layout.ColumnConstraints();
        grow.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grid.getColumnConstraints().setAll(new javafx.scene.layout.ColumnConstraints(), grow);

        heading.getStyleClass().add("title-3");
        heading.setId("pro-heading");
        messages.setId("pro-messages");
        messages.setWrapText(true);
        messages.getStyleClass().add("form-messages");
        membership.setId("pro-membership");
        membership.getStyleClass().add("text-muted");
        save.setId("pro-save");
        save.setDefaultButton(false);
        save.setOnAction(e -> save());
        cancel.setId("pro-cancel");
        cancel.setOnAction(e -> reset());
        leave.setId("pro-leave");
        leave.setOnAction(e -> endMembership());
        rejoin.setId("pro-rejoin");
        rejoin.setOnAction(e -> rejoinTeam());
        for (Button b : List.of(save, cancel, leave, rejoin)) {
            b.setMinWidth(Button.USE_PREF_SIZE);
        }
        save.getStyleClass().add("accent");
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(8, 8, save, cancel, leave, rejoin);

        // Heading, actions and messages stay in view; the fields scroll, following the keyboard focus.
        VBox top = new VBox(8, heading, membership, buttons, messages);
        top.setPadding(new Insets(16, 16, 8, 16));
        setTop(top);
        grid.setPadding(new Insets(8, 16, 16, 16));
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((obs, was, now) -> scrollTo(scroll, grid, now));
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                reset();
                e.consume();
            }
        });
        startNew();
    }

    /** Scrolls so that {@code node}, if it is one of the fields, is in view. */
    private static void scrollTo(ScrollPane scroll, GridPane grid, Node node) {
        if (node == null || !isInside(node, grid)) {
            return;
        }
        double contentHeight = grid.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        javafx.geometry.Bounds b = grid.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double top = scroll.getVvalue() * (contentHeight - viewport);
        if (b.getMinY() < top) {
            scroll.setVvalue(b.getMinY() / (contentHeight - viewport));
        } else if (b.getMaxY() > top + viewport) {
            scroll.setVvalue((b.getMaxY() - viewport) / (contentHeight - viewport));
        }
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** An empty form for a new professional, focus on the name. */
    void startNew() {
        editing = null;
        heading.setText("Nouveau professionnel");
        membership.setText("");
        fill(ProfessionalInput.blank());
        memberSince.setValue(LocalDate.now(Database.ZONE));
        memberSince.setDisable(false);
        loaded = input();
        Forms.show(leave, false);
        Forms.show(rejoin, false);
        lastName.requestFocus();
    }

    void edit(Professional p) {
        editing = p;
        heading.setText(p.displayName());
        LocalDate today = LocalDate.now(Database.ZONE);
        membership.setText(p.isFormer(today)
                ? "A quitté l'équipe : membre du " + date(p.memberSince()) + " au " + date(p.memberUntil()) + "."
                : p.memberSince() != null && p.memberSince().isAfter(today)
                        ? "Entrera dans l'équipe le " + date(p.memberSince()) + "."
                        : "Membre de l'équipe depuis le " + date(p.memberSince())
                                + (p.memberUntil() == null ? "." : ", jusqu'au " + date(p.memberUntil()) + "."));
        fill(p.toInput());
        memberSince.setValue(p.memberSince());
        memberSince.setDisable(true);
        Forms.show(leave, !p.isFormer(today) && p.memberUntil() == null);
        Forms.show(rejoin, p.isFormer(today));
        confirmed.clear();
        if (p.confirmedKeys() != null) {
            for (String k : p.confirmedKeys().split(",")) {
                IdentifierKind kind = IdentifierKind.valueOf(k);
                confirmed.put(kind, fieldValue(kind));
            }
        }
        loaded = input();
    }

    private void fill(ProfessionalInput in) {
        clearMarks();
        messages.setText("");
        confirmed.clear();
        civility.setValue(in.civility() == null ? "" : in.civility());
        lastName.setText(nz(in.lastName()));
        firstName.setText(nz(in.firstName()));
        profession.setValue(Professions.byCode(in.professionCode()).orElse(null));
        specialty.setText(nz(in.specialty()));
        rpps.setText(nz(in.rpps()));
        adeli.setText(nz(in.adeli()));
        amNumber.setText(nz(in.amNumber()));
        amRequested.setSelected(in.amRequestedOn() != null);
        amRequestedOn.setValue(in.amRequestedOn());
        conventioned.setSelected(in.conventioned());
        contractSignedOn.setValue(in.cpamContractSignedOn());
        practiceMode.setValue(in.practiceMode() == null ? PracticeMode.LIBERAL : in.practiceMode());
        employerName.setText(nz(in.employerName()));
        employerSiret.setText(nz(in.employerSiret()));
        phone.setText(nz(in.phone()));
        email.setText(nz(in.email()));
        mssante.setText(nz(in.mssante()));
        iban.setText(nz(in.iban()));
        bic.setText(nz(in.bic()));
        notes.setText(nz(in.notes()));
    }

    /** What the form holds; a field that does not apply (greyed out) gives nothing. */
    ProfessionalInput input() {
        boolean salaried = practiceMode.getValue() == PracticeMode.SALARIE;
        return new ProfessionalInput(Forms.blankToNull(civility.getValue()), lastName.getText(), firstName.getText(),
                profession.getValue() == null ? null : profession.getValue().code(),
                profession.getValue() != null && "medecin".equals(profession.getValue().code()) ? specialty.getText() : null,
                rpps.getText(), adeli.getText(), amNumber.getText(), amRequested.isSelected() ? amRequestedOn.getValue() : null,
                conventioned.isSelected(), conventioned.isSelected() ? null : contractSignedOn.getValue(), practiceMode.getValue(),
                salaried ? employerName.getText() : null, salaried ? employerSiret.getText() : null, phone.getText(), email.getText(),
                mssante.getText(), iban.getText(), bic.getText(), notes.getText());
    }

    /** True when the form differs from what was loaded or started. */
    boolean isDirty() {
        return loaded != null && !comparable(input()).equals(comparable(loaded));
    }

    private static List<Object> comparable(ProfessionalInput in) {
        List<Object> values = new java.util.ArrayList<>();
        for (var c : ProfessionalInput.class.getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(in);
                values.add(v instanceof String str && str.isBlank() ? null : v instanceof String str ? str.strip() : v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    /** The normalised text of an identifier field, to compare with a confirmed value. */
    private String fieldValue(IdentifierKind kind) {
        String text = switch (kind) {
            case RPPS -> rpps.getText();
            case ADELI -> adeli.getText();
            case AM -> amNumber.getText();
            case SIRET -> employerSiret.getText();
            case IBAN -> iban.getText();
            case BIC -> bic.getText();
            default -> "";
        };
        return text == null ? "" : text.replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** Takes what was typed in the date fields, even without Entrée; a wrong date is named. */
    private List<Issue> commitDates() {
        List<Issue> problems = new java.util.ArrayList<>();
        Map<String, DatePicker> pickers = new LinkedHashMap<>();
        pickers.put("amRequestedOn", amRequestedOn);
        pickers.put("cpamContractSignedOn", contractSignedOn);
        pickers.put("memberSince", memberSince);
        pickers.forEach((name, picker) -> Forms.commitDate(picker, name, "Date", problems));
        if (amRequested.isSelected() && amRequestedOn.getValue() == null && problems.isEmpty()) {
            problems.add(Issue.blocking("amRequestedOn", "Demande de numéro AM : indiquez la date de la demande."));
        }
        if (editing == null && memberSince.getValue() == null && problems.isEmpty()) {
            problems.add(Issue.blocking("memberSince", "Membre depuis : indiquez la date d'entrée dans l'équipe."));
        }
        return problems;
    }

    /** Checks in the background, asks on screen to confirm doubtful keys, then saves in the background. */
    void save() {
        clearMarks();
        List<Issue> dateProblems = commitDates();
        if (!dateProblems.isEmpty()) {
            show(dateProblems);
            return;
        }
        ProfessionalInput in = input();
        Integer selfId = editing == null ? null : editing.id();
        LocalDate since = memberSince.getValue();
        save.setDisable(true);
        Set<IdentifierKind> known = EnumSet.noneOf(IdentifierKind.class);
        confirmed.forEach((kind, value) -> {
            if (value.equals(fieldValue(kind))) {
                known.add(kind);
            }
        });
        Background.run("check-professional", () -> team.check(in, known, selfId), issues -> {
            if (issues.stream().anyMatch(i -> !i.isWarning())) {
                save.setDisable(false);
                show(issues);
                return;
            }
            for (Issue warning : issues) {
                mark(warning.field(), WARNING);
                if (!Dialogs.confirmDoubtfulKey(owner, warning)) {
                    save.setDisable(false);
                    messages.setText(warning.message());
                    controls.get(warning.field()).requestFocus();
                    return;
                }
                confirmed.put(warning.confirmable(), fieldValue(warning.confirmable()));
                known.add(warning.confirmable());
            }
            write(in, known, selfId, since);
        }, error -> {
            save.setDisable(false);
            messages.setText(TeamView.describe(error));
        });
    }

    private void write(ProfessionalInput in, Set<IdentifierKind> keys, Integer selfId, LocalDate since) {
        Background.run("save-professional", () -> {
            if (selfId == null) {
                return team.add(in, keys, since);
            }
            team.update(selfId, in, keys);
            return selfId;
        }, id -> {
            save.setDisable(false);
            loaded = input();
            onSaved.accept(id, (selfId == null ? "Professionnel ajouté : " : "Modifications enregistrées : ")
                    + in.lastName().strip() + " " + in.firstName().strip() + ".");
        }, error -> {
            save.setDisable(false);
            Forms.showFailure(error, this::show, messages);
        });
    }


    private void endMembership() {
        if (editing == null) {
            return;
        }
        Professional p = editing;
        Dialog<LocalDate> dialog = dateDialog("Fin d'appartenance à l'équipe",
                p.displayName() + " quitte l'équipe. Son historique est conservé.", "Dernier jour dans l'équipe", "Enregistrer la sortie");
        dialog.showAndWait().ifPresent(end -> Background.run("leave", () -> {
            team.endMembership(p.id(), end);
            return p.id();
        }, id -> onSaved.accept(id, p.displayName() + " quitte l'équipe : dernier jour le " + date(end) + "."),
                error -> messages.setText(TeamView.describe(error))));
    }

    private void rejoinTeam() {
        if (editing == null) {
            return;
        }
        Professional p = editing;
        Dialog<LocalDate> dialog = dateDialog("Réintégrer l'équipe", p.displayName() + " rejoint l'équipe.", "Date d'entrée",
                "Réintégrer");
        dialog.showAndWait().ifPresent(start -> Background.run("rejoin", () -> {
            team.rejoin(p.id(), start);
            return p.id();
        }, id -> onSaved.accept(id, p.displayName() + " fait de nouveau partie de l'équipe."),
                error -> messages.setText(TeamView.describe(error))));
    }

    private Dialog<LocalDate> dateDialog(String title, String text, String dateLabel, String action) {
        Dialog<LocalDate> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(text);
        DatePicker picker = new DatePicker(LocalDate.now(Database.ZONE));
        picker.setId("membership-date");
        HBox box = new HBox(10, new Label(dateLabel), picker);
        box.setPadding(new Insets(10));
        dialog.getDialogPane().setContent(box);
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, new ButtonType("Annuler", ButtonBar.ButtonData.CANCEL_CLOSE));
        dialog.getDialogPane().setId("membership-dialog");
        dialog.setResultConverter(b -> b == ok ? picker.getValue() : null);
        return dialog;
    }

    private void reset() {
        if (editing != null) {
            edit(editing);
        } else {
            startNew();
        }
    }

    private void show(List<Issue> issues) {
        for (Issue i : issues) {
            mark(i.field(), i.isWarning() ? WARNING : DANGER);
        }
        messages.setText(issues.stream().map(Issue::message).collect(Collectors.joining("\n")));
        issues.stream().map(i -> controls.get(i.field())).filter(c -> c != null).findFirst().ifPresent(Node::requestFocus);
    }

    private void mark(String field, PseudoClass state) {
        Control c = controls.get(field);
        if (c != null) {
            c.pseudoClassStateChanged(state, true);
        }
    }

    private void clearMarks() {
        controls.values().forEach(c -> {
            c.pseudoClassStateChanged(DANGER, false);
            c.pseudoClassStateChanged(WARNING, false);
        });
    }

    /** Whether a field is shown as refused, for tests. */
    boolean isMarked(String field) {
        Control c = controls.get(field);
        return c != null && c.getPseudoClassStates().contains(DANGER);
    }

    private TextField field(String name) {
        TextField f = new TextField();
        f.setId("pro-" + name);
        controls.put(name, f);
        return f;
    }

    private static String date(LocalDate d) {
        return d == null ? "?" : d.format(FR_DATE);
    }
}
