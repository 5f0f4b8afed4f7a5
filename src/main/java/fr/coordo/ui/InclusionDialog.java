package fr.coordo.ui;

import fr.coordo.identity.Check;
import fr.coordo.identity.Issue;
import fr.coordo.identity.Rpps;
import fr.coordo.pathway.ConsentForm;
import fr.coordo.pathway.EpisodeService;
import fr.coordo.pathway.InclusionInput;
import fr.coordo.pathway.Money;
import fr.coordo.pathway.PcrType;
import fr.coordo.pathway.Project;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.patient.PatientSummary;
import fr.coordo.team.Professional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The inclusion decision (R.162-138) as the coordinator records it: the patient, the projet and its PCR's
 * profile and eligibility criteria, who decides and which doctor validates, the patient's information and
 * consent, and optionally the start of the episode. Saved through {@link EpisodeService#include} when the
 * button is pressed: a refusal stays in the dialog, field by field, and nothing is recorded.
 */
final class InclusionDialog {
    /** What the dialog offers: the projets, the team, and the patients to search. */
    record Context(EpisodeService episodes, PatientService patients, List<Project> projects, List<Professional> team, LocalDate today) {}

    /** Reads what the dialog offers; call off the JavaFX thread. */
    static Context context(Workspace ws, EpisodeService episodes) {
        return new Context(episodes, new PatientService(ws.database()), new fr.coordo.pathway.ProjectService(ws.database()).all(),
                new fr.coordo.team.TeamService(ws.database()).all(), episodes.today());
    }

    record PatientChoice(int id, String name) {}

    /** A validating doctor of the team, or {@code doctor} null for a doctor outside the structure. */
    record Validator(Professional doctor) {}

    private static final Validator OUTSIDE = new Validator(null);

    private final Context ctx;
    private final TextField search = new TextField();
    private final ComboBox<PatientChoice> patient = new ComboBox<>();
    private final ComboBox<Project> project = new ComboBox<>();
    private final Label situation = EpisodeDialogs.muted("");
    private final ComboBox<PcrType.Profile> profile = new ComboBox<>();
    private final Label forfait = EpisodeDialogs.muted("");
    private final VBox criteria = new VBox(6);
    private final ComboBox<Professional> decider = new ComboBox<>();
    private final DatePicker decidedOn = Forms.datePicker("inclusion-decided-on");
    private final ComboBox<Validator> validator = new ComboBox<>();
    private final TextField outsideName = new TextField();
    private final TextField outsideRpps = new TextField();
    private final HBox outside;
    private final DatePicker informedOn = Forms.datePicker("inclusion-informed-on");
    private final DatePicker consentOn = Forms.datePicker("inclusion-consent-on");
    private final ToggleGroup consentForm = new ToggleGroup();
    private final HBox consentForms = new HBox(12);
    private final CheckBox overseas = new CheckBox();
    private final CheckBox startNow = new CheckBox("Commencer l'épisode le");
    private final DatePicker startOn = Forms.datePicker("inclusion-start-on");
    /** The validating doctor set from the deciding one: it follows him until the user chooses another. */
    private Validator followed;

    private InclusionDialog(Context ctx) {
        this.ctx = ctx;
        outside = new HBox(8, Forms.label("Nom", outsideName), outsideName, Forms.label("RPPS", outsideRpps), outsideRpps);
    }

    /** Shows the dialog, {@code preset} chosen as the patient when not null; the id of the episode recorded, if any. */
    static Optional<Integer> show(Window owner, Context ctx, PatientChoice preset) {
        return new InclusionDialog(ctx).open(owner, preset);
    }

    private Optional<Integer> open(Window owner, PatientChoice preset) {
        Node content = build(preset);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // The whole form without scrolling on a usual screen; on a small one it scrolls instead of being cut.
        double room = owner == null ? 900 : owner.getHeight();
        scroll.setPrefViewportHeight(Math.max(320, Math.min(760, room - 240)));
        scroll.setStyle("-fx-background-color: transparent; -fx-background-insets: 0; -fx-padding: 0;");
        Map<String, Node> fields = new LinkedHashMap<>();
        fields.put("patient", patient);
        fields.put("project", project);
        fields.put("profile", profile);
        fields.put("criteria", criteria);
        fields.put("decidedBy", decider);
        fields.put("decidedOn", decidedOn);
        fields.put("validatingDoctor", validator);
        fields.put("externalDoctorName", outsideName);
        fields.put("externalDoctorRpps", outsideRpps);
        fields.put("informedOn", informedOn);
        fields.put("consentOn", consentOn);
        fields.put("startOn", startOn);
        AtomicInteger created = new AtomicInteger(-1);
        Platform.runLater(() -> (patient.getValue() == null ? search : project).requestFocus());
        boolean saved = EpisodeDialogs.form(owner, "Inclure un patient", "Décision d'inclusion dans un parcours coordonné renforcé",
                scroll, "Enregistrer l'inclusion", "inclusion", fields, () -> {
                    List<Issue> problems = check();
                    if (!problems.isEmpty()) {
                        return problems;
                    }
                    InclusionInput in = input();
                    LocalDate start = startNow.isSelected() ? startOn.getValue() : null;
                    return EpisodeDialogs.attempt(() -> created.set(ctx.episodes().include(in, start)));
                }, 780);
        return saved && created.get() > 0 ? Optional.of(created.get()) : Optional.empty();
    }

    // ---------------------------------------------------------------- the form

    private Node build(PatientChoice preset) {
        search.setId("inclusion-patient-search");
        search.setPromptText("Chercher : nom, prénom, naissance…");
        search.setPrefWidth(190);
        patient.setId("inclusion-patient");
        patient.setMaxWidth(Double.MAX_VALUE);
        patient.setPromptText("Choisissez le patient");
        Forms.labelled(patient, PatientChoice::name);
        searchPatients("");
        if (preset != null) {
            PatientChoice listed = patient.getItems().stream().filter(c -> c.id() == preset.id()).findFirst().orElse(null);
            if (listed == null) {
                patient.getItems().addFirst(preset);
            }
            patient.setValue(listed == null ? preset : listed);
        }
        search.textProperty().addListener((o, was, is) -> searchPatients(is));
        HBox who = new HBox(8, search, patient);
        HBox.setHgrow(patient, Priority.ALWAYS);

        project.setId("inclusion-project");
        project.setMaxWidth(Double.MAX_VALUE);
        project.setPromptText("Choisissez le projet de parcours");
        project.getItems().setAll(ctx.projects());
        Forms.labelled(project, p -> p.reference() + " — " + p.type().label() + " — " + p.current().status(ctx.today()).label().toLowerCase());
        situation.setId("inclusion-project-situation");
        profile.setId("inclusion-profile");
        profile.setMaxWidth(Double.MAX_VALUE);
        profile.setPromptText("Choisissez le profil du patient");
        Forms.labelled(profile, p -> p.code() + " — " + p.label());
        forfait.setId("inclusion-forfait");
        criteria.setId("inclusion-criteria");
        project.valueProperty().addListener((o, was, is) -> projectChosen(is));
        profile.valueProperty().addListener((o, was, is) -> showForfait());
        overseas.selectedProperty().addListener((o, was, is) -> showForfait());

        List<Professional> active = ctx.team().stream().filter(p -> p.isActive(ctx.today()))
                .sorted(Comparator.comparing(Professional::displayName)).toList();
        decider.setId("inclusion-decider");
        decider.setMaxWidth(Double.MAX_VALUE);
        decider.setPromptText("Professionnel de la structure");
        decider.getItems().setAll(active);
        Forms.labelled(decider, p -> p.displayName() + " — " + p.professionLabel().toLowerCase());
        decidedOn.setValue(ctx.today());
        for (DatePicker d : List.of(decidedOn, informedOn, consentOn, startOn)) {
            d.setMinWidth(DatePicker.USE_PREF_SIZE);
        }
        validator.setId("inclusion-validator");
        validator.setMaxWidth(Double.MAX_VALUE);
        validator.setPromptText("Médecin de l'équipe, ou médecin extérieur");
        validator.getItems().setAll(active.stream().filter(p -> "medecin".equals(p.professionCode())).map(Validator::new).toList());
        validator.getItems().add(OUTSIDE);
        Forms.labelled(validator, v -> v.doctor() == null ? "Médecin extérieur à la structure (nom et RPPS)"
                : "Dr " + v.doctor().displayName() + (v.doctor().rpps() == null ? "" : " — RPPS " + v.doctor().rpps()));
        decider.valueProperty().addListener((o, was, is) -> {
            if (validator.getValue() == null || validator.getValue() == followed) {
                followed = is == null ? null : validator.getItems().stream()
                        .filter(v -> v.doctor() != null && v.doctor().id() == is.id()).findFirst().orElse(null);
                validator.setValue(followed);
            }
        });
        outsideName.setId("inclusion-outside-name");
        outsideName.setPromptText("Dr Nom Prénom");
        outsideRpps.setId("inclusion-outside-rpps");
        outsideRpps.setPromptText("11 chiffres");
        outsideRpps.setPrefColumnCount(11);
        HBox.setHgrow(outsideName, Priority.ALWAYS);
        outside.setAlignment(Pos.CENTER_LEFT);
        Forms.show(outside, false);
        validator.valueProperty().addListener((o, was, is) -> Forms.show(outside, is == OUTSIDE));

        informedOn.setValue(ctx.today());
        consentOn.setValue(ctx.today());
        for (ConsentForm f : ConsentForm.values()) {
            RadioButton r = new RadioButton(f.label());
            r.setId("inclusion-consent-" + f.name().toLowerCase());
            r.setUserData(f);
            r.setToggleGroup(consentForm);
            r.setMinWidth(RadioButton.USE_PREF_SIZE);
            consentForms.getChildren().add(r);
        }
        overseas.setId("inclusion-overseas");
        overseas.setWrapText(true);
        startNow.setId("inclusion-start-check");
        startNow.setMinWidth(CheckBox.USE_PREF_SIZE);
        startOn.setValue(ctx.today());
        startOn.disableProperty().bind(startNow.selectedProperty().not());

        GridPane g = EpisodeDialogs.grid();
        int row = 0;
        g.add(section("Patient et projet"), 0, row++, 2, 1);
        g.addRow(row++, Forms.label("Patient *", patient), who);
        g.addRow(row++, Forms.label("Projet de parcours *", project), project);
        g.add(situation, 1, row++);
        g.addRow(row++, Forms.label("Profil *", profile), profile);
        g.add(forfait, 1, row++);
        g.add(section("Critères d'éligibilité — tous doivent être remplis"), 0, row++, 2, 1);
        g.add(criteria, 0, row++, 2, 1);
        g.add(section("Décision"), 0, row++, 2, 1);
        HBox decision = new HBox(8, decider, Forms.label("le", decidedOn), decidedOn);
        decision.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(decider, Priority.ALWAYS);
        g.addRow(row++, Forms.label("Décidée par *", decider), decision);
        g.addRow(row++, Forms.label("Médecin validant *", validator), validator);
        g.add(outside, 1, row++);
        g.add(EpisodeDialogs.muted("Un médecin de la structure qui décide valide lui-même ; sinon, un médecin de l'équipe ou "
                + "extérieur valide l'inclusion, qui vaut prescription des actes de l'équipe."), 1, row++);
        g.add(section("Information et consentement du patient"), 0, row++, 2, 1);
        g.add(EpisodeDialogs.muted("Consentement à l'organisation du parcours et au partage de ses données de santé dans l'équipe."),
                0, row++, 2, 1);
        g.addRow(row++, Forms.label("Informé le *", informedOn), informedOn);
        HBox consent = new HBox(12, consentOn, consentForms);
        consent.setAlignment(Pos.CENTER_LEFT);
        g.addRow(row++, Forms.label("Consentement le *", consentOn), consent);
        g.add(overseas, 1, row++);
        g.add(section("Début de l'épisode"), 0, row++, 2, 1);
        HBox start = new HBox(8, startNow, startOn);
        start.setAlignment(Pos.CENTER_LEFT);
        g.add(start, 1, row++);
        g.add(EpisodeDialogs.muted("Sans date, l'inclusion est enregistrée et l'épisode commencera plus tard (« Commencer… ») : "
                + "le projet doit être validé, ou réputé validé, le jour du début."), 1, row);
        g.setPadding(new Insets(0, 12, 0, 0));
        if (ctx.projects().size() == 1) {
            project.setValue(ctx.projects().getFirst());
        } else {
            projectChosen(null);
        }
        return g;
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().addAll("title-4", "form-section");
        return l;
    }

    /** Typing offers the matching patients followed by the structure and picks the first; the list allows another. */
    private void searchPatients(String text) {
        List<PatientChoice> found = new ArrayList<>();
        for (PatientSummary s : ctx.patients().search(text, PatientStatus.SUIVI, 30)) {
            found.add(new PatientChoice(s.id(), s.name() + ", " + Forms.date(s.birthDate())));
        }
        if (text != null && !text.isBlank() && found.isEmpty()) {
            return;
        }
        PatientChoice kept = patient.getValue();
        patient.getItems().setAll(found);
        if (text != null && !text.isBlank()) {
            patient.setValue(found.getFirst());
        } else if (kept != null && found.contains(kept)) {
            patient.setValue(kept);
        }
    }

    /** A projet chosen: its situation, its PCR's profiles and criteria; the episode starts now when it may. */
    private void projectChosen(Project p) {
        criteria.getChildren().clear();
        profile.getItems().clear();
        if (p == null) {
            situation.setText("L'inclusion peut être décidée avant la validation du projet ; l'épisode ne commence qu'une fois le projet "
                    + "validé ou réputé validé.");
            criteria.getChildren().add(EpisodeDialogs.muted("Choisissez d'abord le projet : ses critères s'afficheront ici."));
            overseas.setText("Majoration outre-mer");
            return;
        }
        situation.setText(EpisodeTexts.situation(p, ctx.today()));
        PcrType type = typeOf(p);
        profile.getItems().setAll(type.profiles());
        if (type.profiles().size() == 1) {
            profile.setValue(type.profiles().getFirst());
        }
        for (PcrType.Criterion c : type.criteria()) {
            CheckBox box = new CheckBox(c.label());
            box.setId("criterion-" + c.code());
            box.setUserData(c.code());
            box.setWrapText(true);
            box.setMaxWidth(Double.MAX_VALUE);
            criteria.getChildren().add(box);
        }
        overseas.setText("Majoration outre-mer (" + Money.percent(type.overseasSurchargePercent())
                + ") : la structure exerce dans un département d'outre-mer");
        startNow.setSelected(p.inForce(ctx.today()).isPresent());
        showForfait();
    }

    /** The PCR type the inclusion will be recorded under: the version in force on the decision day, else the latest. */
    private PcrType typeOf(Project p) {
        LocalDate day = decidedOn.getValue() == null ? ctx.today() : decidedOn.getValue();
        return p.inForce(day).orElse(p.current()).type().type();
    }

    private void showForfait() {
        Project p = project.getValue();
        PcrType.Profile chosen = profile.getValue();
        Forms.show(forfait, p != null && chosen != null);
        if (p == null || chosen == null) {
            forfait.setText("");
            return;
        }
        PcrType type = typeOf(p);
        Optional<java.math.BigDecimal> amount = type.forfait(chosen.code(), overseas.isSelected());
        forfait.setText("Forfait du profil : " + amount.map(Money::format).orElse(PcrType.TO_COMPLETE
                + " (montant à saisir dans le type de PCR, Paramètres)") + (overseas.isSelected() && amount.isPresent() ? ", majoration outre-mer comprise" : "") + ".");
    }

    // ---------------------------------------------------------------- reading the form

    /** What the form itself can tell before asking the service: dates typed, the outside doctor's RPPS. */
    private List<Issue> check() {
        List<Issue> problems = new ArrayList<>();
        Forms.commitDate(decidedOn, "decidedOn", "Date de la décision", problems);
        Forms.commitDate(informedOn, "informedOn", "Information du patient", problems);
        Forms.commitDate(consentOn, "consentOn", "Consentement du patient", problems);
        Forms.commitDate(startOn, "startOn", "Début de l'épisode", problems);
        if (patient.getValue() == null) {
            problems.add(Issue.blocking("patient", "Patient : choisissez le patient à inclure (tapez son nom pour le chercher)."));
        }
        if (project.getValue() == null) {
            problems.add(Issue.blocking("project", "Projet de parcours : choisissez le projet dont relève l'inclusion."));
        }
        if (validator.getValue() == OUTSIDE) {
            if (Forms.blankToNull(outsideName.getText()) == null) {
                problems.add(Issue.blocking("externalDoctorName", "Médecin validant extérieur : le nom est obligatoire."));
            }
            Check<Rpps> rpps = Rpps.check(outsideRpps.getText() == null ? "" : outsideRpps.getText());
            switch (rpps) {
                case Check.Valid<Rpps> ok -> { }
                case Check.Doubtful<Rpps> doubt -> problems.add(Issue.blocking("externalDoctorRpps",
                        "Médecin validant extérieur — " + doubt.warning()));
                case Check.Invalid<Rpps> bad -> problems.add(Issue.blocking("externalDoctorRpps",
                        "Médecin validant extérieur — " + bad.message()));
            }
        }
        if (startNow.isSelected() && startOn.getValue() == null && problems.stream().noneMatch(i -> i.field().equals("startOn"))) {
            problems.add(Issue.blocking("startOn", "Début de l'épisode : indiquez la date, ou décochez « Commencer l'épisode le »."));
        }
        return problems;
    }

    private InclusionInput input() {
        Validator v = validator.getValue();
        boolean out = v == OUTSIDE;
        String rpps = out ? Rpps.check(outsideRpps.getText()).usableValue().map(Rpps::value).orElse(outsideRpps.getText()) : null;
        List<String> ticked = criteria.getChildren().stream().filter(n -> n instanceof CheckBox c && c.isSelected())
                .map(n -> (String) n.getUserData()).toList();
        return new InclusionInput(patient.getValue().id(), project.getValue().id(),
                profile.getValue() == null ? "" : profile.getValue().code(), ticked,
                decider.getValue() == null ? 0 : decider.getValue().id(),
                v == null || out ? null : v.doctor().id(), out ? Forms.blankToNull(outsideName.getText()) : null, rpps,
                decidedOn.getValue(), informedOn.getValue(), consentOn.getValue(),
                consentForm.getSelectedToggle() == null ? null : (ConsentForm) consentForm.getSelectedToggle().getUserData(),
                overseas.isSelected());
    }
}
