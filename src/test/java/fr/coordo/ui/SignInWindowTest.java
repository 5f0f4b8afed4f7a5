package fr.coordo.ui;

import fr.coordo.app.AppStartup;
import fr.coordo.security.Kdf;
import fr.coordo.store.AppPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window through its door (the real vault, Argon2 at its light test cost), on a file each test prepares. */
@ExtendWith(ApplicationExtension.class)
abstract class SignInWindowTest {
    /** A clock the test moves: the inactivity lock reads it. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-24T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return fr.coordo.store.Database.ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;

    final MovableClock clock = new MovableClock();
    CoordoApp app;
    Stage stage;

    /** TestFX finds @Start only on the test class itself: each subclass's @Start calls this. */
    void start(Stage stage) {
        this.stage = stage;
    }

    static final String ADMIN_PASSWORD = "coordonner la maison";

    /** A protected database with its administrator « admin » (Anne Admin), signed in; the caller closes it. */
    fr.coordo.security.Session admin() {
        return fr.coordo.security.SecurityFixtures.vault(database(), clock).setup("admin", "Anne Admin", ADMIN_PASSWORD.toCharArray()).session();
    }

    /** Creates an account through the administrator; returns its password. */
    String account(fr.coordo.security.Session admin, String login, String name, fr.coordo.store.Role role, Integer professionalId) {
        String password = "le mot de passe de " + name;
        new fr.coordo.security.AccountService(admin, fr.coordo.security.SecurityFixtures.vault(database(), clock), clock)
                .create(new fr.coordo.security.AccountService.AccountInput(login, name, role, professionalId),
                        password.toCharArray(), password.toCharArray());
        return password;
    }

    /** The database the user chose (not the default one: never filled with the demonstration). */
    Path database() {
        return dir.resolve("coordo.db");
    }

    /** Opens the window as {@code coordo} would: on the chosen file, or on the default one. */
    void openWindow(FxRobot robot, boolean defaultDatabase) {
        AppPaths paths = AppPaths.resolve(defaultDatabase ? null : database(), Map.of("XDG_DATA_HOME", dir.toString()));
        app = new CoordoApp(new AppStartup(paths, defaultDatabase, clock, Kdf.Params.LIGHT));
        robot.interact(() -> app.start(stage));
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
        }
    }

    static void waitShown(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void type(FxRobot robot, String query, String text) {
        robot.interact(() -> {
            TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
            field.requestFocus();
            field.setText(text);
        });
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    void waitSignedIn(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.window().workspace() != null);
        waitShown(robot, "#signed-in-name");
    }

    /** Signs in with the keyboard: identifiant, mot de passe, Entrée. */
    void signIn(FxRobot robot, String login, String password) throws Exception {
        waitShown(robot, "#signin-login");
        type(robot, "#signin-login", login);
        type(robot, "#signin-password", password);
        robot.type(javafx.scene.input.KeyCode.ENTER);
    }
}
