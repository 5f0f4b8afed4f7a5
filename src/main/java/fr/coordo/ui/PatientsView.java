package fr.coordo.ui;

import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.patient.PatientSummary;
import fr.coordo.plan.PlanService;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The patient list with its search, and the open record: the patient's file and the personalised plan. */
final class PatientsView extends BorderPane {
    /** The list shows the first lines only: a search narrows it. */
    static final int LIST_LIMIT = 200;

    private final Workspace ws;
    private final Stage owner;
    /** Opens the agenda filtered on a patient. */
    private final java.util.function.BiConsumer<Integer, String> showAgenda;
    private final PatientService patients;
    private final PlanService plans;
    private final TeamService team;
    private final TextField search = new TextField();
    private final ComboBox<PatientStatus> status = new ComboBox<>();
    private final TableView<PatientSummary> table = new TableView<>();
    private final Label count = new Label();
    private final Label message = new Label();
    private final StackPane record = new StackPane();
    private final AtomicLong searches = new AtomicLong();
    private PatientForm form;
    private PlanPane planPane;

    PatientsView(Workspace ws, Stage owner, java.util.function.BiConsumer<Integer, String> showAgenda) {
        this.showAgenda = showAgenda;
        this.ws = ws;
        this.owner = owner;
        this.patients = new PatientService(ws.database());
        this.plans = new PlanService(ws.database());
        this.team = new TeamService(ws.database());

        Label title = new Label("Patients");
        title.getStyleClass().add("title-2");
        search.setId("patient-search");
        search.setPromptText("Nom, date de naissance ou NIR");
        search.textProperty().addListener((o, a, b) -> refresh());
        status.getItems().setAll(null, PatientStatus.SUIVI, PatientStatus.SORTI, PatientStatus.DECEDE);
        Forms.labelled(status, s -> s == null ? "Tous" : s.label() + "s");
        status.setValue(PatientStatus.SUIVI);
        status.setId("patient-status-filter");
        status.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.valueProperty().addListener((o, a, b) -> refresh());
        Button add = new Button("Nouveau patient");
        add.setId("patient-new");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> newPatient());
        HBox filters = new HBox(8, search, status);
        HBox.setHgrow(search, Priority.ALWAYS);

        table.setId("patient-table");
        table.getColumns().setAll(List.of(
                column("Nom", 210, PatientSummary::name),
                column("Naissance", 95, p -> Forms.date(p.birthDate())),
                column("NIR", 165, PatientSummary::maskedNir),
                column("Ville", 120, p -> Forms.nz(p.city())),
                column("Médecin traitant", 170, p -> Forms.nz(p.physician()))));
        table.setPlaceholder(new Label("Aucun patient ne correspond."));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) {
                open(p.id());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        count.setId("patient-count");
        count.getStyleClass().add("text-muted");
        count.setWrapText(true);
        message.setId("patient-message");
        message.setWrapText(true);
        VBox list = new VBox(10, new HBox(12, title), add, filters, table, count, message);
        list.setPadding(new Insets(20, 12, 12, 20));
        list.setMinWidth(300);
        record.setMinWidth(480);

        Label none = new Label("Choisissez un patient dans la liste, ou créez-en un (Ctrl+N).");
        none.getStyleClass().add("text-muted");
        record.getChildren().setAll(none);
        record.setId("patient-record");
        SplitPane split = new SplitPane(list, record);
        split.setDividerPositions(0.36);
        SplitPane.setResizableWithParent(list, false);
        setCenter(split);

        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
                    if (isVisible() && getParent() != null) {
                        newPatient();
                    }
                });
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
                    if (getParent() != null) {
                        search.requestFocus();
                    }
                });
            }
        });
        refresh();
    }

    private static TableColumn<PatientSummary, String> column(String title, double width,
                                                               java.util.function.Function<PatientSummary, String> value) {
        TableColumn<PatientSummary, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    /** Searches in the background; only the newest search's answer is shown. */
    void refresh() {
        long n = searches.incrementAndGet();
        String q = search.getText();
        PatientStatus s = status.getValue();
        Background.run("patient-search", () -> patients.search(q, s, LIST_LIMIT + 1), found -> {
            if (n != searches.get()) {
                return;
            }
            boolean more = found.size() > LIST_LIMIT;
            Integer selected = Optional.ofNullable(table.getSelectionModel().getSelectedItem()).map(PatientSummary::id).orElse(null);
            table.getItems().setAll(more ? found.subList(0, LIST_LIMIT) : found);
            table.getItems().stream().filter(p -> selected != null && p.id() == selected).findFirst()
                    .ifPresent(p -> table.getSelectionModel().select(p));
            count.setText(found.isEmpty() ? "" : more ? "Les " + LIST_LIMIT + " premiers : précisez la recherche."
                    : found.size() == 1 ? "1 patient" : found.size() + " patients");
        }, e -> message.setText("La recherche a échoué : " + TeamView.describe(e)));
    }

    void newPatient() {
        if (!leaveRecord()) {
            return;
        }
        table.getSelectionModel().clearSelection();
        Background.run("physicians", () -> physicians(team.all()), docs -> {
            form = new PatientForm(patients, docs, this::saved);
            planPane = null;
            record.getChildren().setAll(form);
            form.startNew();
        }, e -> message.setText(TeamView.describe(e)));
    }

    /** Opens a patient's record, from the list or from elsewhere (the dashboard). */
    void open(int patientId) {
        if (form != null && currentId() != null && currentId() == patientId) {
            return;
        }
        if (!leaveRecord()) {
            // Back to the row of the record still open.
            Integer current = currentId();
            table.getItems().stream().filter(s -> current != null && s.id() == current).findFirst()
                    .ifPresent(s -> table.getSelectionModel().select(s));
            return;
        }
        Background.run("open-patient", () -> new Loaded(patients.find(patientId).orElse(null), team.all()), loaded -> {
            if (loaded.patient() == null) {
                message.setText("Ce patient n'existe plus.");
                return;
            }
            show(loaded);
        }, e -> message.setText("La fiche n'a pas pu être lue : " + TeamView.describe(e)));
    }

    /** A patient and the team, read once: the form offers its physicians, the plan all of it. */
    private record Loaded(Patient patient, List<Professional> team) {
        List<Professional> physicians() {
            return PatientsView.physicians(team);
        }
    }

    private void show(Loaded loaded) {
        Patient p = loaded.patient();
        form = new PatientForm(patients, loaded.physicians(), this::saved);
        form.edit(p);
        form.setUserData(p.id());
        PlanPane plan = new PlanPane(ws, owner, plans, p, loaded.team(), () -> open(p.id(), true));
        planPane = plan;
        Tab file = new Tab("Fiche", form);
        file.setId("tab-file");
        Tab planTab = new Tab("Plan personnalisé", plan);
        planTab.setId("tab-plan");
        fr.coordo.agenda.AgendaService agenda = new fr.coordo.agenda.AgendaService(ws.database());
        PatientTimeline timeline = new PatientTimeline(agenda, () -> new AppointmentEditor(owner, agenda,
                new AppointmentDialog.Context(loaded.team(), patients, plans, agenda.today())), p.id(), p.data().physicianId(),
                () -> showAgenda.accept(p.id(), p.displayName()));
        Tab agendaTab = new Tab("Rendez-vous", timeline);
        agendaTab.setId("tab-appointments");
        Tab pathwayTab = new Tab("Parcours", new EpisodePatientList(ws, owner, p.id(), p.displayName()));
        pathwayTab.setId("tab-pathway");
        TabPane tabs = new TabPane(file, planTab, agendaTab, pathwayTab);
        tabs.setId("patient-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        record.getChildren().setAll(tabs);
        // The list shows whom the record is about, also when it was opened from the dashboard.
        PatientSummary selected = table.getSelectionModel().getSelectedItem();
        if (selected == null || selected.id() != p.id()) {
            table.getItems().stream().filter(s -> s.id() == p.id()).findFirst().ifPresentOrElse(
                    s -> table.getSelectionModel().select(s), () -> table.getSelectionModel().clearSelection());
        }
    }

    /** Reopens the record after a change elsewhere (the plan reads the médecin traitant from the file). */
    private void open(int patientId, boolean force) {
        if (force) {
            form = null;
        }
        open(patientId);
    }

    private Integer currentId() {
        return form == null ? null : (Integer) form.getUserData();
    }

    private void saved(int id, String text) {
        // The plan pane is rebuilt with the new file: what was typed in it is saved first.
        if (planPane != null) {
            planPane.flush();
        }
        message.setText(text);
        form = null;
        refresh();
        Background.run("reopen", () -> new Loaded(patients.find(id).orElse(null), team.all()), loaded -> {
            if (loaded.patient() != null) {
                String selectedTab = record.getChildren().getFirst() instanceof TabPane t
                        ? t.getSelectionModel().getSelectedItem().getId() : "tab-file";
                show(loaded);
                if (record.getChildren().getFirst() instanceof TabPane t) {
                    t.getTabs().stream().filter(tab -> tab.getId().equals(selectedTab)).findFirst()
                            .ifPresent(tab -> t.getSelectionModel().select(tab));
                }
            }
        }, e -> message.setText(TeamView.describe(e)));
    }

    /** Asks before dropping unsaved changes of the open record. */
    private boolean leaveRecord() {
        if (planPane != null && !planPane.flush()) {
            return false;
        }
        if (form == null || !form.isDirty()) {
            return true;
        }
        return Dialogs.confirmDiscard(owner);
    }

    private static List<Professional> physicians(List<Professional> team) {
        LocalDate today = LocalDate.now(Database.ZONE);
        return team.stream().filter(p -> "medecin".equals(p.professionCode()) && !p.isFormer(today)).toList();
    }
}
