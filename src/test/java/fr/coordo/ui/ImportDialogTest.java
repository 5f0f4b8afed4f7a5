package fr.coordo.ui;

import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import fr.coordo.team.TeamCsv;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
class ImportDialogTest {
    @TempDir
    Path dir;

    private Database db;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        db = Database.open(dir.resolve("import.db"));
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void thePreviewShowsEveryRowAndNothingIsWrittenBeforeImport(FxRobot robot) throws Exception {
        AtomicInteger imported = new AtomicInteger(-1);
        TeamCsv csv = new TeamCsv(new TeamService(db));
        robot.interact(() -> new ImportDialog(stage, csv, Path.of("src/test/resources/team/equipe-melangee.csv"), imported::set).show());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#import-summary").queryAs(Label.class).getText().startsWith("1 ligne à importer"));
        ListView<?> rows = robot.lookup("#import-rows").queryListView();
        assertEquals(8, rows.getItems().size(), "one entry per data row, with its outcome");
        assertEquals(0, (int) db.read(d -> d.fetchCount(PROFESSIONAL)), "a preview writes nothing");

        robot.clickOn("#import-accept-warnings");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#import-summary").queryAs(Label.class).getText().startsWith("2 lignes à importer"));
        assertEquals(0, (int) db.read(d -> d.fetchCount(PROFESSIONAL)));

        robot.clickOn("Importer 2 lignes");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> imported.get() == 2);
        assertEquals(2, (int) db.read(d -> d.fetchCount(PROFESSIONAL)));
        assertTrue(robot.lookup("#import-dialog").tryQuery().isEmpty(), "the dialog closes once done");
    }
}
