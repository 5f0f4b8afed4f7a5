package fr.coordo.ui;

import fr.coordo.store.StoreException;
import fr.coordo.team.TeamRepository;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell: navigation on the left, the current section in the middle, the database in use in the
 * status bar. The database opens in the background so that the window shows at once.
 */
final class MainWindow {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

    private final Startup startup;
    private final Stage stage;
    private final WindowState windowState;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final Map<Section, ToggleButton> navButtons = new EnumMap<>(Section.class);
    private final Map<Section, Node> views = new EnumMap<>(Section.class);
    private final Label structureLabel = new Label();
    private final Label statusDb = new Label();
    private final Label statusDemo = new Label("Données de démonstration");
    private volatile Workspace workspace;
    private boolean closing;
    private Section current;

    MainWindow(Startup startup, Stage stage) {
        this.startup = startup;
        this.stage = stage;
        this.windowState = new WindowState(startup.paths().windowStateFile());
        root.getStyleClass().add("coordo-shell");
        root.setLeft(navigation());
        root.setCenter(content);
        root.setBottom(statusBar());
        content.getStyleClass().add("content");
        showMessage(loading());
    }

    void show() {
        Scene scene = new Scene(root);
        scene.getStylesheets().add(MainWindow.class.getResource("coordo.css").toExternalForm());
        installShortcuts(scene);
        stage.setScene(scene);
        stage.setTitle("Coordo");
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        var icon = MainWindow.class.getResourceAsStream("/icons/coordo-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        windowState.restore(stage);
        stage.setOnCloseRequest(e -> windowState.save(stage));
        stage.show();
    }

    /** Opens the database off the JavaFX thread, then enables the sections. */
    void openWorkspace() {
        Background.run("open", () -> {
            Workspace ws = startup.open();
            synchronized (this) {
                if (closing) {
                    // The window was closed while the database was opening.
                    ws.database().close();
                }
            }
            return ws;
        }, this::workspaceOpened, this::openFailed);
    }

    /** Closes the database; may be called from any thread, also while it is still opening. */
    synchronized void close() {
        closing = true;
        if (workspace != null) {
            workspace.database().close();
        }
    }

    Workspace workspace() {
        return workspace;
    }

    Section current() {
        return current;
    }

    void select(Section section) {
        if (workspace == null || !section.shownTo(workspace.database().access())) {
            return;
        }
        current = section;
        navButtons.get(section).setSelected(true);
        // The dashboard is read again at each visit: its figures follow what was changed elsewhere.
        Node view = section == Section.DASHBOARD ? createView(section) : views.computeIfAbsent(section, this::createView);
        content.getChildren().setAll(view);
        if (view instanceof AgendaView agenda) {
            // appointments may have been booked from a patient's record meanwhile, professionals added
            agenda.refreshFilters();
            agenda.reload();
            // the agenda's shortcuts (Ctrl+N, arrows, Page suivante) work as soon as it is shown
            javafx.application.Platform.runLater(agenda::focusGrid);
        }
        if (view instanceof PathwayView pathway) {
            pathway.reload();
        }
        if (view instanceof AuditView journal) {
            journal.reload();
        }
        stage.setTitle(section.title + " — Coordo");
    }

    private Node createView(Section section) {
        Region view = switch (section) {
            case DASHBOARD -> new DashboardView(workspace, this::openPatient);
            case TEAM -> new TeamView(workspace, stage);
            case PATIENTS -> new PatientsView(workspace, stage, this::showPatientAgenda);
            case AGENDA -> new AgendaView(workspace, stage);
            case PATHWAY -> new PathwayView(workspace, stage, this::openPatient, this::showPatientAgenda);
            case PAYMENTS -> new PaymentsView(workspace, stage);
            case SETTINGS -> new SettingsView(workspace, stage);
            case JOURNAL -> new AuditView(workspace);
            default -> new ComingSoonView(section);
        };
        view.setId("view-" + section.id);
        return view;
    }

    /** Shows the patients section with this patient's record open. */
    void openPatient(int patientId) {
        select(Section.PATIENTS);
        if (views.get(Section.PATIENTS) instanceof PatientsView patients) {
            patients.open(patientId);
        }
    }

    /** Shows the agenda filtered on this patient. */
    void showPatientAgenda(int patientId, String name) {
        select(Section.AGENDA);
        if (views.get(Section.AGENDA) instanceof AgendaView agenda) {
            agenda.showPatient(patientId, name);
        }
    }

    private void workspaceOpened(Workspace ws) {
        synchronized (this) {
            if (closing) {
                return;
            }
            this.workspace = ws;
        }
        statusDb.setText("Base : " + ws.database().file());
        statusDb.setTooltip(new Tooltip(ws.database().file().toString()));
        statusDemo.setVisible(ws.demo());
        statusDemo.setManaged(ws.demo());
        navButtons.values().forEach(b -> b.setDisable(false));
        navButtons.forEach((s, b) -> Forms.show(b, s.shownTo(ws.database().access())));
        Background.run("structure", () -> new TeamRepository(ws.database()).structureName().orElse("Structure non renseignée"),
                structureLabel::setText, e -> structureLabel.setText(""));
        select(Section.DASHBOARD);
        navButtons.get(Section.DASHBOARD).requestFocus();
        if (FirstFrame.training()) {
            FirstFrame.trainAndExit(this);
        }
    }

    private void openFailed(Throwable error) {
        LOG.error("Opening the database failed", error);
        String message = error instanceof StoreException ? error.getMessage()
                : "Erreur inattendue : les détails sont dans le journal " + startup.paths().logFile() + ".";
        statusDb.setText("Aucune base ouverte");
        showMessage(failure(message));
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.CLOSE);
        alert.setTitle("Coordo");
        alert.setHeaderText("La base de données ne peut pas être ouverte");
        alert.initOwner(stage);
        alert.getDialogPane().setMinWidth(520);
        alert.show();
    }

    private Parent navigation() {
        Label brand = new Label("Coordo");
        brand.getStyleClass().add("brand");
        structureLabel.getStyleClass().add("structure-name");
        structureLabel.setWrapText(true);
        VBox nav = new VBox(4, brand, structureLabel, spacer(12));
        nav.getStyleClass().add("nav");
        for (Section s : Section.values()) {
            ToggleButton b = new ToggleButton(s.title);
            b.setId("nav-" + s.id);
            b.setToggleGroup(navGroup);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setDisable(true);
            b.setTooltip(new Tooltip(s.title + " (Ctrl+" + (s.ordinal() + 1) + ")"));
            b.getStyleClass().add("nav-button");
            b.setOnAction(e -> select(s));
            navButtons.put(s, b);
            nav.getChildren().add(b);
        }
        // A click on the selected entry must not leave the navigation with nothing selected.
        navGroup.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null && was != null) {
                was.setSelected(true);
            }
        });
        nav.setPrefWidth(220);
        return nav;
    }

    private Parent statusBar() {
        statusDb.setId("status-db");
        statusDb.setText("Ouverture de la base…");
        statusDemo.setId("status-demo");
        statusDemo.getStyleClass().add("demo-badge");
        statusDemo.setVisible(false);
        statusDemo.setManaged(false);
        Label version = new Label("Coordo " + startup.version());
        version.getStyleClass().add("version");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(12, statusDb, statusDemo, grow, version);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 12, 4, 12));
        return bar;
    }

    private void installShortcuts(Scene scene) {
        for (Section s : Section.values()) {
            scene.getAccelerators().put(new KeyCodeCombination(s.shortcut, KeyCombination.SHORTCUT_DOWN), () -> {
                select(s);
                navButtons.get(s).requestFocus();
            });
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> {
            windowState.save(stage);
            stage.close();
        });
    }

    private void showMessage(Node node) {
        content.getChildren().setAll(node);
    }

    private static Node loading() {
        ProgressIndicator p = new ProgressIndicator();
        p.setMaxSize(48, 48);
        Label l = new Label("Ouverture de la base…");
        VBox box = new VBox(12, p, l);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private static Node failure(String message) {
        Label title = new Label("La base de données ne peut pas être ouverte");
        title.getStyleClass().add("title-3");
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(640);
        VBox box = new VBox(12, title, text);
        box.setId("open-failure");
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(24));
        return box;
    }

    private static Region spacer(double h) {
        Region r = new Region();
        r.setMinHeight(h);
        return r;
    }
}
