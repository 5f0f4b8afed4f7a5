package fr.coordo.ui;

import fr.coordo.security.Session;
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
import javafx.scene.control.Button;
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
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell: navigation on the left, the current section in the middle, the database in use in the
 * status bar. The database opens in the background so that the window shows at once. With a door
 * ({@link Startup#vault()}), the window first shows the sign-in (or the first-run setup), hides the
 * sections the person's role does not open, and locks after inactivity or on demand (Ctrl+L).
 */
final class MainWindow {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

    private final Startup startup;
    private final Stage stage;
    private final WindowState windowState;
    /** The scene's root: the shell, or the door, or the lock screen, never two of them (what is not shown is not in the scene). */
    private final StackPane frame = new StackPane();
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final Map<Section, ToggleButton> navButtons = new EnumMap<>(Section.class);
    private final Map<Section, Node> views = new EnumMap<>(Section.class);
    private final Label structureLabel = new Label();
    private final Label statusDb = new Label();
    private final Label statusDemo = new Label("Données de démonstration");
    private final Label userName = new Label();
    private final Label userRole = new Label();
    private final VBox userBox = new VBox(6);
    private final SignInFlow door;
    private final LockTimer lockTimer;
    private volatile Workspace workspace;
    private boolean closing;
    private boolean locked;
    private Node focusBeforeLock;
    /** The scene's shortcuts while the window is locked (see {@link #setAcceleratorsAside}); null otherwise. */
    private java.util.Map<KeyCombination, Runnable> acceleratorsBeforeLock;
    private static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
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
        frame.getChildren().setAll(root);
        door = startup.vault() == null ? null : new SignInFlow(startup, stage, this::showDoor, this::signedIn);
        lockTimer = new LockTimer(startup.clock(), this::lock);
        // the settings' lock block tells the new delay by an event that bubbles up to the window
        frame.addEventHandler(LockSettings.Changed.TYPE, e -> lockTimer.setMinutes(e.minutes));
    }

    void show() {
        Scene scene = new Scene(frame);
        scene.getStylesheets().add(MainWindow.class.getResource("coordo.css").toExternalForm());
        scene.getStylesheets().add(MainWindow.class.getResource("signin.css").toExternalForm());
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

    /**
     * Opens the database off the JavaFX thread, then enables the sections; with a door, readies the file
     * (the demonstration, on a newcomer's first start) and shows the sign-in or the first-run setup.
     */
    void openWorkspace() {
        if (door == null) {
            Background.run("open", () -> opened(startup.open()), this::workspaceOpened, this::openFailed);
            return;
        }
        Background.run("door", startup::prepare, door::start, this::openFailed);
    }

    /** The person is signed in: their workspace opens in the background. */
    private void signedIn(Session session) {
        showDoor(loadingCard());
        Background.run("open", () -> {
            try {
                Workspace ws = opened(startup.open(session));
                lockTimer.setMinutes(LockSettings.minutes(ws.database()));
                return ws;
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
        }, ws -> {
            frame.getChildren().setAll(root);
            workspaceOpened(ws);
            Background.run("signed-in", () -> {
                startup.signedIn(ws);
                return ws;
            }, x -> {}, e -> {});
        }, this::openFailed);
    }

    /** Closes a workspace that opened after the window was closed. */
    private Workspace opened(Workspace ws) {
        synchronized (this) {
            if (closing) {
                ws.database().close();
            }
        }
        return ws;
    }

    /** Closes the database; may be called from any thread, also while it is still opening. */
    synchronized void close() {
        closing = true;
        if (workspace != null) {
            startup.closing(workspace);
            workspace.database().close();
        }
    }

    Workspace workspace() {
        return workspace;
    }

    Section current() {
        return current;
    }

    boolean locked() {
        return locked;
    }

    /** Whether the person signed in may open this section (the services refuse too: this only hides). */
    boolean allowed(Section section) {
        return workspace != null && section.shownTo(workspace.database().access());
    }

    void select(Section section) {
        if (workspace == null || locked || !allowed(section)) {
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
            case SETTINGS -> settings(workspace);
            case ACCOUNTS -> new AccountsView(workspace, stage);
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
        navButtons.forEach((s, b) -> {
            b.setDisable(false);
            Forms.show(b, allowed(s));
        });
        if (ws.signedIn()) {
            userName.setText(ws.session().account().displayName());
            userRole.setText(ws.session().account().role().label());
            lockTimer.start();
        }
        Forms.show(userBox, ws.signedIn());
        Background.run("structure", () -> new TeamRepository(ws.database()).structureName().orElse("Structure non renseignée"),
                structureLabel::setText, e -> structureLabel.setText(""));
        select(Section.DASHBOARD);
        navButtons.get(Section.DASHBOARD).requestFocus();
        if (FirstFrame.training()) {
            FirstFrame.trainAndExit(this);
        }
    }

    /** Shows a screen of the door (sign-in, setup, recovery) in place of the whole window. */
    private void showDoor(Node screen) {
        frame.getChildren().setAll(screen);
        stage.setTitle("Coordo");
    }

    /** Hides everything behind the lock screen: the shell leaves the scene, dialogs are closed. */
    void lock() {
        Workspace ws = workspace;
        if (ws == null || !ws.signedIn() || locked) {
            return;
        }
        locked = true;
        lockTimer.stop();
        focusBeforeLock = stage.getScene() == null ? null : stage.getScene().getFocusOwner();
        setAcceleratorsAside();
        closeOwnedWindows();
        LockScreen screen = new LockScreen(ws, startup.clock(), this::unlock, this::switchUser);
        frame.getChildren().setAll(screen.screen());
        stage.setTitle("Coordo — verrouillé");
        javafx.application.Platform.runLater(screen::focus);
    }

    private void unlock() {
        locked = false;
        restoreAccelerators();
        frame.getChildren().setAll(root);
        if (current != null) {
            stage.setTitle(current.title + " — Coordo");
        }
        if (focusBeforeLock != null) {
            focusBeforeLock.requestFocus();
        }
        focusBeforeLock = null;
        lockTimer.start();
    }

    /**
     * The scene's shortcuts act on the views hidden behind the lock (Ctrl+N would start a new patient there, or ask
     * over the lock screen whether to leave a record): they are set aside until unlocked, all but « quit ».
     */
    private void setAcceleratorsAside() {
        Scene scene = stage.getScene();
        if (scene == null || acceleratorsBeforeLock != null) {
            return;
        }
        acceleratorsBeforeLock = new java.util.HashMap<>(scene.getAccelerators());
        // One by one: Ctrl+L locks from inside the scene's loop over its shortcuts, where clear() is refused.
        for (KeyCombination k : acceleratorsBeforeLock.keySet()) {
            if (!k.equals(QUIT)) {
                scene.getAccelerators().remove(k);
            }
        }
    }

    /** Puts back the shortcuts set aside by the lock. */
    private void restoreAccelerators() {
        Scene scene = stage.getScene();
        if (scene == null || acceleratorsBeforeLock == null) {
            return;
        }
        scene.getAccelerators().putAll(acceleratorsBeforeLock);
        acceleratorsBeforeLock = null;
    }

    /** Dialogs, menus and tooltips of the window show data too: a lock closes them (what was typed in a dialog is lost). */
    private void closeOwnedWindows() {
        for (Window w : java.util.List.copyOf(Window.getWindows())) {
            if (w != stage && ownedByStage(w)) {
                w.hide();
            }
        }
    }

    private boolean ownedByStage(Window w) {
        Window owner = w;
        for (int depth = 0; owner != null && depth < 16; depth++) {
            if (owner == stage) {
                return true;
            }
            owner = owner instanceof Stage s ? s.getOwner() : owner instanceof PopupWindow p ? p.getOwnerWindow() : null;
        }
        return false;
    }

    /**
     * The settings page; on a protected database its restore closes this session before the file is replaced
     * and then sends the person back to the sign-in, since the accounts may have changed with the data.
     */
    private SettingsView settings(Workspace ws) {
        SettingsView view = new SettingsView(ws, stage);
        if (ws.session() != null) {
            // The message says what happened, a failure after the file was replaced included.
            view.backupPane().connect(ws.session().key(), this::leaveForRestore, door::signIn);
        }
        return view;
    }

    /** Takes the data off the window and closes the session, before a restore replaces the file. */
    private void leaveForRestore() {
        Workspace old = clearWorkspace();
        if (old != null) {
            old.database().close();
        }
    }

    /** From the lock screen: closes this person's session and returns to the sign-in. */
    private void switchUser() {
        Workspace old = clearWorkspace();
        String name = old == null ? "" : old.session().account().displayName();
        Background.run("close-session", () -> {
            if (old != null) {
                startup.closing(old);
                old.database().close();
            }
            return name;
        }, n -> door.signIn("Session fermée pour " + n + "."), this::openFailed);
    }

    /** Takes every view and the session's data off the window, which waits at the door; returns the workspace left. */
    private Workspace clearWorkspace() {
        Workspace old;
        synchronized (this) {
            old = workspace;
            workspace = null;
        }
        locked = false;
        restoreAccelerators();
        lockTimer.stop();
        views.clear();
        current = null;
        content.getChildren().clear();
        navButtons.values().forEach(b -> b.setDisable(true));
        structureLabel.setText("");
        showDoor(loadingCard());
        return old;
    }

    private void openFailed(Throwable error) {
        LOG.error("Opening the database failed", error);
        String message = error instanceof StoreException ? error.getMessage()
                : "Erreur inattendue : les détails sont dans le journal " + startup.paths().logFile() + ".";
        statusDb.setText("Aucune base ouverte");
        frame.getChildren().setAll(root);
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
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        nav.getChildren().addAll(grow, userBox());
        nav.setPrefWidth(220);
        return nav;
    }

    /** Who is signed in, and their own actions: lock the window, change their password. */
    private Node userBox() {
        userName.setId("signed-in-name");
        userName.getStyleClass().add("user-name");
        userName.setWrapText(true);
        userRole.setId("signed-in-role");
        userRole.getStyleClass().add("user-role");
        Button lockButton = new Button("Verrouiller (Ctrl+L)");
        lockButton.getStyleClass().add("small");
        lockButton.setId("lock-button");
        lockButton.setTooltip(new Tooltip("Masquer les données jusqu'à la saisie du mot de passe (Ctrl+L)"));
        lockButton.setMaxWidth(Double.MAX_VALUE);
        lockButton.setOnAction(e -> lock());
        Button password = new Button("Mon mot de passe…");
        password.setTooltip(new Tooltip("Changer mon mot de passe"));
        password.getStyleClass().add("small");
        password.setId("change-password");
        password.setMaxWidth(Double.MAX_VALUE);
        password.setOnAction(e -> {
            if (workspace != null && workspace.signedIn()) {
                AccountsPasswordDialog.open(workspace, stage);
            }
        });
        userBox.getChildren().setAll(userName, userRole, lockButton, password);
        userBox.getStyleClass().add("user-box");
        Forms.show(userBox, false);
        return userBox;
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
                if (workspace != null && !locked && allowed(s)) {
                    select(s);
                    navButtons.get(s).requestFocus();
                }
            });
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), this::lock);
        scene.getAccelerators().put(QUIT, () -> {
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

    private static Node loadingCard() {
        ProgressIndicator p = new ProgressIndicator();
        p.setMaxSize(48, 48);
        VBox box = new VBox(12, p, new Label("Ouverture de la base…"));
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("signin-screen");
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
