package fr.coordo.ui;

import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: the window shell around the sections. */
public final class CoordoApp extends Application {
    private static volatile Startup pending;

    private final Startup startup;
    private MainWindow window;

    /** Used by {@link Application#launch}: takes the startup handed to {@link #launch(Startup)}. */
    public CoordoApp() {
        this(pending);
    }

    public CoordoApp(Startup startup) {
        this.startup = startup;
    }

    /** Opens the window and returns when it is closed. */
    public static void launch(Startup startup) {
        pending = startup;
        // JavaFX's own words (dialog buttons, context menus) follow the default locale: the window is French.
        Locale.setDefault(Locale.FRANCE);
        Application.launch(CoordoApp.class);
    }

    @Override
    public void start(Stage stage) {
        // AtlantaFX: a restrained, modern theme with sound keyboard focus styles, on plain JavaFX controls.
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new MainWindow(startup, stage);
        window.show();
        if (Boolean.getBoolean("coordo.benchmark.firstFrame")) {
            FirstFrame.reportAndExit(stage.getScene());
        }
        window.openWorkspace();
    }

    /**
     * Closes the database off the JavaFX thread; a backup still running finishes first (the thread keeps the JVM alive).
     * The automatic backup at closing belongs in {@link Startup#closing} (AppStartup), which the window calls just
     * before closing the database; the daily one in {@link Startup#signedIn}.
     */
    @Override
    public void stop() {
        if (window != null) {
            Thread closer = new Thread(window::close, "coordo-close");
            closer.start();
        }
    }

    /** For tests: the window once {@link #start} has run. */
    MainWindow window() {
        return window;
    }

    static void exit() {
        Platform.exit();
    }
}
