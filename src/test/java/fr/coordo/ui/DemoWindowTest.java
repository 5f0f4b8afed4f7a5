package fr.coordo.ui;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window on a demo database of each test's own, closed after the test. */
@ExtendWith(ApplicationExtension.class)
abstract class DemoWindowTest {
    @TempDir
    Path dir;

    CoordoApp app;
    Stage stage;

    /** TestFX finds @Start only on the test class itself: each subclass's @Start calls this. */
    void open(Stage stage) {
        open(stage, true);
    }

    /** The window on the demo data, or on a database with nothing but the shipped reference data. */
    void open(Stage stage, boolean demo) {
        this.stage = stage;
        app = new CoordoApp(ShellTest.startup(dir, demo));
        app.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
    }

    void waitUntilOpen() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window().workspace() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
