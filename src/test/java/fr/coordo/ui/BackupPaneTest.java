package fr.coordo.ui;

import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.backup.BackupFile;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import fr.coordo.team.TeamService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Acceptance: « restore a backup » in the window. */
class BackupPaneTest extends DemoWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#backup-status").queryAs(Label.class).getText();
    }

    private static int named(Database db, String lastName) {
        return db.read(d -> d.fetchCount(PROFESSIONAL.where(PROFESSIONAL.LAST_NAME.eq(lastName))));
    }

    @Test
    void aBackupMadeInTheWindowIsRestoredAndTheDataItReplacedIsKept(FxRobot robot) throws Exception {
        waitUntilOpen();
        robot.clickOn("#nav-parametres");
        WaitForAsyncUtils.waitForFxEvents();
        BackupPane pane = robot.lookup("#backup-pane").queryAs(BackupPane.class);
        Database db = app.window().workspace().database();
        AtomicReference<String> restored = new AtomicReference<>();
        robot.interact(() -> pane.connect(null, db::close, restored::set));
        assertEquals(dir.resolve("sauvegardes") + " (par défaut, à côté de la base)", robot.lookup("#backup-folder").queryAs(Label.class).getText());

        // The backups are the last block of the Réglages: scroll down to them.
        robot.interact(() -> robot.lookup("#view-parametres").queryAs(SettingsView.class).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#backup-button");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status(robot).startsWith("Sauvegarde écrite"));
        assertTrue(status(robot).matches("Sauvegarde écrite : .*coordo-\\d{8}-\\d{6}-manuelle\\.coordo-sauvegarde \\(\\d+(,\\d)? [KM]o\\)\\."),
                status(robot));
        TableView<BackupFile> list = robot.lookup("#backup-list").queryTableView();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, list.getItems().size());
        assertEquals("manuelle", list.getItems().getFirst().kind().label);
        Screenshots.save(stage.getScene(), "sauvegardes.png");

        // A change after the backup: a new professional in the team.
        PlanFixtures.professional(new TeamService(db), "Nouvelle-Recrue", "Inès", "medecin");
        assertEquals(1, named(db, "Nouvelle-Recrue"));

        robot.interact(() -> list.getSelectionModel().select(0));
        robot.clickOn("#backup-restore");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        Node dialog = robot.lookup("#confirm-dialog").query();
        String question = robot.from(dialog).lookup(".content").queryAs(Label.class).getText();
        assertTrue(question.contains("Une copie des données actuelles sera d'abord gardée dans le dossier « " + dir.resolve("sauvegardes") + " »"),
                question);
        Screenshots.save(dialog.getScene(), "restaurer-confirmation.png");
        robot.clickOn("Restaurer");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> restored.get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(status(robot).contains("a été restaurée") && status(robot).endsWith("Reconnectez-vous pour continuer."), status(robot));
        Screenshots.save(stage.getScene(), "restaurer-fait.png");

        assertEquals(status(robot), restored.get(), "the window is told what the pane says, for the sign-in");
        java.util.regex.Matcher said = java.util.regex.Pattern.compile("Les données remplacées sont gardées dans « (.+) »\\.").matcher(restored.get());
        assertTrue(said.find(), restored.get());
        Path copy = Path.of(said.group(1));
        assertTrue(copy.getFileName().toString().matches("coordo-\\d{8}-\\d{6}-avant-restauration\\.coordo-sauvegarde"), copy.toString());
        assertTrue(Files.exists(copy));
        try (Database after = Database.open(dir.resolve("coordo.db"))) {
            assertEquals(0, named(after, "Nouvelle-Recrue"), "the change made after the backup is gone");
            assertEquals(1, (int) after.read(d -> d.fetchCount(fr.coordo.store.schema.Tables.AUDIT_ENTRY.where(
                    fr.coordo.store.schema.Tables.AUDIT_ENTRY.ACTION.eq("RESTORE")))));
        }
        try (Database kept = Database.open(copy)) {
            assertEquals(1, named(kept, "Nouvelle-Recrue"), "the replaced data is in the copy");
        }
    }
}
