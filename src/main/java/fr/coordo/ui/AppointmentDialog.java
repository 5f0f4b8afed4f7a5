package fr.coordo.ui;

import static fr.coordo.ui.Forms.blankToNull;
import static fr.coordo.ui.Forms.label;
import static fr.coordo.ui.Forms.nz;

import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentInput;
import fr.coordo.agenda.AppointmentKind;
import fr.coordo.agenda.Place;
import fr.coordo.agenda.Recurrence;
import fr.coordo.identity.Issue;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.patient.PatientSummary;
import fr.coordo.plan.Action;
import fr.coordo.plan.Plan;
import fr.coordo.plan.PlanService;
import fr.coordo.team.Professional;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.CheckListView;

/**
 * The form of one appointment or series: who, when, where, what for (with the plan action it serves),
 * how it repeats, and the notes before and after.
 */
final class AppointmentDialog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** What the form needs to offer its choices. */
    record Context(List<Professional> team, PatientService patients, PlanService plans, LocalDate today) {}

    /** A patient in the choice list; {@code id} null for « no patient ». */
    record PatientChoice(Integer id, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An action of the patient's plan; {@code uid} null for « none ». */
    record ActionChoice(Integer planId, String uid, String label) {}

    private final Context ctx;
    /** The plan the edited appointment is linked to, if any. */
    private Integer linkedPlan;
    private final TextField patientSearch = new TextField();
    private final ComboBox<PatientChoice> patient = new ComboBox<>();
    private final CheckListView<Professional> professionals = new CheckListView<>();
    private final DatePicker day = Forms.datePicker("appt-day");
    private final TextField start = new TextField();
    private final TextField end = new TextField();
    private final ComboBox<AppointmentKind> kind = new ComboBox<>();
    private final ComboBox<Place> place = new ComboBox<>();
    private final TextField placeDetail = new TextField();
    private final TextField title = new TextField();
    private final ComboBox<ActionChoice> action = new ComboBox<>();
    private final CheckBox repeat = new CheckBox("Répéter");
    private final Spinner<Integer> interval = new Spinner<>(1, 52, 1);
    private final ComboBox<Recurrence.Frequency> frequency = new ComboBox<>();
    private final RadioButton untilMode = new RadioButton("Fin le");
    private final RadioButton countMode = new RadioButton("Fin après");
    private final DatePicker until = Forms.datePicker("appt-until");
    private final Spinner<Integer> count = new Spinner<>(1, Recurrence.MAX_OCCURRENCES, 10);
    private final TextArea notesBefore = Forms.area("appt-notes-before", 2);
    private final TextArea notesAfter = Forms.area("appt-notes-after", 2);

    private AppointmentDialog(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * Shows the form filled with {@code initial}; {@code existing} is the appointment edited (null for a new
     * one) and {@code error} the reason a previous attempt was refused. Empty when the user cancels.
     */
    static Optional<AppointmentInput> show(Stage owner, Context ctx, AppointmentInput initial, Appointment existing, String error) {
        return new AppointmentDialog(ctx).open(owner, initial, existing, error);
    }

    private Optional<AppointmentInput> open(Stage owner, AppointmentInput in, Appointment existing, String error) {
        build(in, existing);
        Dialog<AppointmentInput> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(existing == null ? "Nouveau rendez-vous" : "Modifier le rendez-vous");
        d.setHeaderText(existing == null ? "Nouveau rendez-vous" : existing.headline()
                + (existing.isOccurrence() ? "\nFait partie d'une série : " + existing.series().rule().describe() + "." : ""));
        Label message = new Label(nz(error));
        message.setId("appointment-dialog-error");
        message.getStyleClass().add("form-messages");
        message.setWrapText(true);
        ScrollPane scroll = new ScrollPane(form(existing));
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(560);
        VBox box = new VBox(8, scroll, message);
        box.setPrefWidth(700);
        d.getDialogPane().setContent(box);
        d.getDialogPane().setId("appointment-dialog");
        ButtonType ok = new ButtonType("Enregistrer", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ok, new ButtonType("Annuler", ButtonBar.ButtonData.CANCEL_CLOSE));
        d.getDialogPane().lookupButton(ok).setId("appointment-dialog-ok");
        d.getDialogPane().lookupButton(ok).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                message.setText(String.join(" ", problems));
                e.consume();
            }
        });
        d.setResizable(true);
        d.setResultConverter(b -> b == ok ? read() : null);
        return d.showAndWait();
    }

    private void build(AppointmentInput in, Appointment existing) {
        linkedPlan = in.planId();
        patientSearch.setId("appt-patient-search");
        patientSearch.setPromptText("Nom, prénom ou date de naissance…");
        patient.setId("appt-patient");
        patient.setMaxWidth(Double.MAX_VALUE);
        PatientChoice none = new PatientChoice(null, "Aucun patient (réunion d'équipe)");
        PatientChoice current = none;
        if (in.patientId() != null) {
            String name = existing != null && Objects.equals(existing.data().patientId(), in.patientId()) ? existing.patientName()
                    : ctx.patients().find(in.patientId()).map(p -> p.displayName()).orElse("Patient " + in.patientId());
            current = new PatientChoice(in.patientId(), name);
        }
        patient.getItems().setAll(none);
        if (current != none) {
            patient.getItems().add(current);
        }
        patient.setValue(current);
        patientSearch.textProperty().addListener((o, was, is) -> searchPatients(is, none));
        patient.valueProperty().addListener((o, was, is) -> loadActions(is, null));

        professionals.setId("appt-professionals");
        professionals.setPrefHeight(150);
        List<Professional> offered = new ArrayList<>(ctx.team().stream()
                .filter(p -> p.isActive(ctx.today()) || in.professionalIds().contains(p.id())).toList());
        professionals.setItems(FXCollections.observableArrayList(offered));
        professionals.setCellFactory(l -> new javafx.scene.control.cell.CheckBoxListCell<Professional>(p -> professionals.getItemBooleanProperty(p),
                new javafx.util.StringConverter<Professional>() {
                    @Override
                    public String toString(Professional p) {
                        return p == null ? "" : p.displayName() + " — " + p.professionLabel();
                    }

                    @Override
                    public Professional fromString(String s) {
                        return null;
                    }
                }));
        for (Professional p : offered) {
            if (in.professionalIds().contains(p.id())) {
                professionals.getCheckModel().check(p);
            }
        }

        day.setValue(in.start() == null ? null : in.start().toLocalDate());
        start.setId("appt-start");
        start.setPromptText("hh:mm");
        start.setPrefColumnCount(5);
        start.setText(in.start() == null ? "" : in.start().format(TIME));
        end.setId("appt-end");
        end.setPromptText("hh:mm");
        end.setPrefColumnCount(5);
        end.setText(in.end() == null ? "" : in.end().format(TIME));

        kind.setId("appt-kind");
        kind.getItems().setAll(AppointmentKind.values());
        Forms.labelled(kind, AppointmentKind::label);
        kind.setValue(in.kind());
        place.setId("appt-place");
        place.getItems().setAll(Place.values());
        Forms.labelled(place, Place::label);
        place.setValue(in.place());
        placeDetail.setId("appt-place-detail");
        placeDetail.setPromptText("Adresse, salle, lien…");
        placeDetail.setText(nz(in.placeDetail()));
        title.setId("appt-title");
        title.setPromptText("Facultatif : par défaut, le type de rendez-vous");
        title.setText(nz(in.title()));

        action.setId("appt-action");
        action.setMaxWidth(Double.MAX_VALUE);
        Forms.labelled(action, ActionChoice::label);
        loadActions(current, in.actionUid());

        repeat.setId("appt-repeat");
        interval.setId("appt-interval");
        interval.setEditable(true);
        interval.setPrefWidth(80);
        frequency.setId("appt-frequency");
        frequency.getItems().setAll(Recurrence.Frequency.values());
        Forms.labelled(frequency, f -> f == Recurrence.Frequency.WEEKLY ? "semaine(s)" : "mois");
        ToggleGroup endGroup = new ToggleGroup();
        untilMode.setToggleGroup(endGroup);
        untilMode.setId("appt-until-mode");
        countMode.setToggleGroup(endGroup);
        countMode.setId("appt-count-mode");
        count.setId("appt-count");
        count.setEditable(true);
        count.setPrefWidth(90);
        count.setMinWidth(90);
        Recurrence rule = in.recurrence();
        repeat.setSelected(rule != null);
        frequency.setValue(rule == null ? Recurrence.Frequency.WEEKLY : rule.frequency());
        interval.getValueFactory().setValue(rule == null ? 1 : rule.interval());
        if (rule != null && rule.until() != null) {
            untilMode.setSelected(true);
            until.setValue(rule.until());
        } else {
            countMode.setSelected(true);
            count.getValueFactory().setValue(rule == null || rule.count() == null ? 10 : rule.count());
        }
        for (var n : List.of(interval, frequency, untilMode, countMode, until, count)) {
            n.disableProperty().bind(repeat.selectedProperty().not());
        }
        until.disableProperty().unbind();
        until.disableProperty().bind(repeat.selectedProperty().not().or(untilMode.selectedProperty().not()));
        count.disableProperty().unbind();
        count.disableProperty().bind(repeat.selectedProperty().not().or(countMode.selectedProperty().not()));
        notesBefore.setText(nz(in.notesBefore()));
        notesBefore.setPromptText("Ce qu'il faut savoir ou préparer avant");
        notesAfter.setText(nz(in.notesAfter()));
        notesAfter.setPromptText("Ce qui a été fait ou décidé");
    }

    private GridPane form(Appointment existing) {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(4));
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(new ColumnConstraints(), grow);
        int row = 0;
        g.addRow(row++, label("Chercher un patient", patientSearch), patientSearch);
        g.addRow(row++, label("Patient", patient), patient);
        g.addRow(row++, label("Professionnels", professionals), professionals);
        HBox when = new HBox(8, day, new Label("de"), start, new Label("à"), end);
        when.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        g.addRow(row++, label("Jour", day), when);
        g.addRow(row++, label("Type", kind), kind);
        HBox where = new HBox(8, place, placeDetail);
        HBox.setHgrow(placeDetail, Priority.ALWAYS);
        g.addRow(row++, label("Lieu", place), where);
        g.addRow(row++, label("Intitulé", title), title);
        g.addRow(row++, label("Action du plan", action), action);
        HBox every = new HBox(8, repeat, new Label("toutes les"), interval, frequency);
        every.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox endsOn = new HBox(8, untilMode, until);
        endsOn.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox endsAfter = new HBox(8, countMode, count, new Label("rendez-vous en tout"));
        endsAfter.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (var n : List.of(repeat, untilMode, countMode)) {
            n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        VBox repeatBox = new VBox(6, every, endsOn, endsAfter);
        if (existing != null && !existing.isOccurrence()) {
            repeat.setDisable(true);
            repeatBox.getChildren().add(new Label("Un rendez-vous seul ne devient pas une série : créez la série à part."));
        }
        g.addRow(row++, label("Répétition", repeat), repeatBox);
        g.addRow(row++, label("Notes avant", notesBefore), notesBefore);
        g.addRow(row, label("Notes après", notesAfter), notesAfter);
        return g;
    }

    /** Typing a name offers the matching patients and picks the first; the list still allows another choice. */
    private void searchPatients(String text, PatientChoice none) {
        if (text == null || text.strip().length() < 2) {
            return;
        }
        List<PatientChoice> found = new ArrayList<>();
        for (PatientSummary s : ctx.patients().search(text, PatientStatus.SUIVI, 30)) {
            found.add(new PatientChoice(s.id(), s.name() + " (" + Forms.date(s.birthDate()) + ")"));
        }
        if (found.isEmpty()) {
            return;
        }
        found.addFirst(none);
        patient.getItems().setAll(found);
        patient.setValue(found.get(1));
    }

    private void loadActions(PatientChoice who, String selectedUid) {
        ActionChoice none = new ActionChoice(null, null, "Aucune");
        List<ActionChoice> choices = new ArrayList<>();
        choices.add(none);
        if (who != null && who.id() != null) {
            Optional<Plan> plan = ctx.plans().openPlanOf(who.id());
            plan.ifPresent(p -> {
                for (Action a : p.current().content().actions()) {
                    choices.add(new ActionChoice(p.id(), a.uid(), a.label() + " (" + a.part().label().toLowerCase() + ", " + p.reference() + ")"));
                }
            });
        }
        if (selectedUid != null && linkedPlan != null && choices.stream().noneMatch(c -> selectedUid.equals(c.uid()))) {
            // the plan was closed or revised since: the link stays as it is unless the user changes it
            ctx.plans().find(linkedPlan).ifPresent(p -> p.versions().stream().flatMap(v -> v.content().actions().stream())
                    .filter(a -> a.uid().equals(selectedUid)).reduce((first, last) -> last)
                    .ifPresent(a -> choices.add(new ActionChoice(p.id(), a.uid(), a.label() + " (" + p.reference() + ", "
                            + p.state().label().toLowerCase() + ")"))));
        }
        action.getItems().setAll(choices);
        action.setValue(choices.stream().filter(c -> c.uid() != null && c.uid().equals(selectedUid)).findFirst().orElse(none));
    }

    /** What the form can tell without the store: dates and times that do not read, a missing rule end. */
    private List<String> problems() {
        List<String> out = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        Forms.commitDate(day, "day", "Jour", issues);
        if (repeat.isSelected() && untilMode.isSelected()) {
            Forms.commitDate(until, "until", "Fin de la répétition", issues);
        }
        issues.forEach(i -> out.add(i.message()));
        if (day.getValue() == null && issues.isEmpty()) {
            out.add("Jour : indiquez la date du rendez-vous (jj/mm/aaaa).");
        }
        if (time(start.getText()) == null) {
            out.add("Début : « " + start.getText().strip() + " » n'est pas une heure (hh:mm attendu, par exemple 09:30).");
        }
        if (time(end.getText()) == null) {
            out.add("Fin : « " + end.getText().strip() + " » n'est pas une heure (hh:mm attendu, par exemple 10:15).");
        }
        if (repeat.isSelected() && whole(interval.getEditor().getText()) == null) {
            out.add("Répétition : « toutes les » attend un nombre de semaines ou de mois, de 1 à 52.");
        }
        if (repeat.isSelected() && countMode.isSelected() && whole(count.getEditor().getText()) == null) {
            out.add("Répétition : indiquez le nombre de rendez-vous, de 1 à " + Recurrence.MAX_OCCURRENCES + ".");
        }
        if (repeat.isSelected() && untilMode.isSelected() && until.getValue() == null && issues.isEmpty()) {
            out.add("Fin de la répétition : indiquez une date, ou choisissez un nombre de rendez-vous.");
        }
        return out;
    }

    private static Integer whole(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static LocalTime time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().toLowerCase().replace('h', ':').replace('.', ':');
        if (t.endsWith(":")) {
            t = t + "00";
        }
        if (!t.contains(":") && t.length() <= 2) {
            t = t + ":00";
        }
        try {
            return LocalTime.parse(t.length() == 4 ? "0" + t : t, TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private AppointmentInput read() {
        LocalDate d = day.getValue();
        LocalDateTime s = d.atTime(time(start.getText()));
        LocalDateTime e = d.atTime(time(end.getText()));
        Recurrence rule = null;
        if (repeat.isSelected()) {
            // what was typed, even without Entrée (the spinners commit only then); the service checks the range
            int n = whole(interval.getEditor().getText());
            rule = untilMode.isSelected() ? new Recurrence(frequency.getValue(), n, until.getValue(), null)
                    : new Recurrence(frequency.getValue(), n, null, whole(count.getEditor().getText()));
        }
        ActionChoice a = action.getValue();
        PatientChoice p = patient.getValue();
        List<Integer> pros = professionals.getCheckModel().getCheckedItems().stream().map(Professional::id).toList();
        return new AppointmentInput(p == null ? null : p.id(), pros, s, e, kind.getValue(), place.getValue(),
                blankToNull(placeDetail.getText()), blankToNull(title.getText()), a == null ? null : a.planId(),
                a == null ? null : a.uid(), blankToNull(notesBefore.getText()), blankToNull(notesAfter.getText()), rule);
    }
}
