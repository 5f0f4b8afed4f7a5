package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ShellTest {
    @TempDir
    static Path dir;

    private CoordoApp app;
    private Stage stage;

    /** The window on a demo database of its own, as the README's run command gives a newcomer. */
    static Startup demoStartup(Path dataDir) {
        return startup(dataDir, true);
    }

    /** The window on a database of its own, filled with the demo structure or left as the test made it. */
    static Startup startup(Path dataDir, boolean demo) {
        AppPaths paths = AppPaths.resolve(dataDir.resolve("coordo.db"), Map.of("XDG_DATA_HOME", dataDir.toString()));
        return new Startup() {
            @Override
            public AppPaths paths() {
                return paths;
            }

            @Override
            public String version() {
                return "test";
            }

            @Override
            public Workspace open() {
                Database db = Database.open(paths.database());
                if (demo && !new Settings(db).isDemo()) {
                    new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
                }
                return new Workspace(db, paths, new Settings(db).isDemo(), "test");
            }
        };
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new CoordoApp(demoStartup(dir));
        app.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
    }

    private void waitUntilOpen() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window().workspace() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everySectionCanBeVisitedAndTheUnbuiltOnesSaySoHonestly(FxRobot robot) throws Exception {
        waitUntilOpen();
        for (Section s : Section.values()) {
            robot.clickOn("#nav-" + s.id);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(s, app.window().current());
            Node view = robot.lookup("#view-" + s.id).query();
            assertNotNull(view, "view of " + s.title);
            assertTrue(view.isVisible());
            assertTrue(((ToggleButton) robot.lookup("#nav-" + s.id).query()).isSelected());
            boolean soon = robot.from(view).lookup("#coming-soon").tryQuery().isPresent();
            assertEquals(!s.available, soon, s.title + " says « Bientôt disponible » exactly when it is not built");
            assertEquals(s.title + " — Coordo", stage.getTitle());
        }
    }

    @Test
    void theDashboardShowsRealFiguresAndTheStatusBarTheDatabaseAndDemoData(FxRobot robot) throws Exception {
        waitUntilOpen();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !"…".equals(robot.lookup("#dash-patients").queryAs(Label.class).getText()));
        assertEquals("24", robot.lookup("#dash-active").queryAs(Label.class).getText());
        assertEquals("1", robot.lookup("#dash-former").queryAs(Label.class).getText());
        assertEquals("200", robot.lookup("#dash-patients").queryAs(Label.class).getText());
        Label db = robot.lookup("#status-db").queryAs(Label.class);
        assertEquals("Base : " + dir.resolve("coordo.db"), db.getText());
        Label demo = robot.lookup("#status-demo").queryAs(Label.class);
        assertTrue(demo.isVisible());
        assertEquals("Données de démonstration", demo.getText());
        Screenshots.save(stage.getScene(), "tableau-de-bord.png");
    }

    @Test
    void keyboardShortcutsMoveBetweenSections(FxRobot robot) throws Exception {
        waitUntilOpen();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Section.PATIENTS, app.window().current());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Section.SETTINGS, app.window().current());
        assertTrue(robot.lookup("#nav-parametres").query().isFocused(), "focus follows the shortcut");
        Screenshots.save(stage.getScene(), "parametres.png");
    }

    @Test
    void settingsWritesABackupAndSaysWhere(FxRobot robot) throws Exception {
        waitUntilOpen();
        robot.clickOn("#nav-parametres");
        Path dest = dir.resolve("sauvegarde-" + System.nanoTime() + ".db");
        SettingsView view = robot.lookup("#view-parametres").queryAs(SettingsView.class);
        robot.interact(() -> view.backupTo(dest));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#backup-status").queryAs(Label.class).getText().startsWith("Sauvegarde écrite"));
        assertTrue(robot.lookup("#backup-status").queryAs(Label.class).getText().matches("Sauvegarde écrite : " + java.util.regex.Pattern.quote(dest.toString()) + " \\(\\d+(,\\d)? [KM]o\\)\\."));
        assertTrue(Files.size(dest) > 0);
        robot.interact(() -> view.backupTo(dest));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#backup-status").queryAs(Label.class).getText().contains("existe déjà"));
        assertTrue(robot.lookup("#backup-button").query().isDisabled() == false, "the button is usable again after a refusal");
    }

    @Test
    void theWindowRemembersItsSizeAndPosition(FxRobot robot) throws Exception {
        waitUntilOpen();
        robot.interact(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Path file = dir.resolve("coordo/fenetre.properties");
        assertTrue(Files.exists(file));
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        assertEquals("1024.0", p.getProperty("width"));
        assertEquals("40.0", p.getProperty("x"));

        robot.interact(() -> {
            Stage again = new Stage();
            new WindowState(file).restore(again);
            assertEquals(1024, again.getWidth());
            assertEquals(700, again.getHeight());
            assertEquals(40, again.getX());
        });
    }
}
