package fr.coordo.ui;

import static fr.coordo.ui.PlanWorkflowTest.waitShown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentInput;
import fr.coordo.agenda.AppointmentKind;
import fr.coordo.agenda.Place;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Without the mouse: move an appointment by the quarter hour and by the day, undo, switch to the month. */
class AgendaKeyboardTest extends DemoWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void theKeyboardMovesAnAppointmentUndoesTheMoveAndSwitchesViews(FxRobot robot) throws Exception {
        waitUntilOpen();
        Database db = app.window().workspace().database();
        AgendaService agenda = new AgendaService(db);
        LocalDate tuesday = LocalDate.now(Database.ZONE).plusMonths(15).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
        Professional pro = new TeamService(db).all().stream().filter(p -> p.isActive(tuesday)).findFirst().orElseThrow();
        Appointment a = agenda.create(AppointmentInput.of(null, List.of(pro.id()), tuesday.atTime(14, 0), Duration.ofMinutes(60),
                AppointmentKind.REUNION, Place.MSP), "test");

        robot.clickOn("#nav-agenda");
        waitShown(robot, "#view-agenda");
        robot.interact(() -> robot.lookup("#view-agenda").<AgendaView>query().goTo(tuesday));
        waitShown(robot, "#appointment-" + a.id());
        robot.clickOn("#appointment-" + a.id());

        robot.press(KeyCode.CONTROL).type(KeyCode.DOWN).type(KeyCode.DOWN).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> agenda.find(a.id()).orElseThrow().start().equals(tuesday.atTime(14, 30)));
        robot.press(KeyCode.CONTROL).type(KeyCode.RIGHT).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> agenda.find(a.id()).orElseThrow().start().equals(tuesday.plusDays(1).atTime(14, 30)));
        assertEquals(Duration.ofMinutes(60), agenda.find(a.id()).orElseThrow().data().length(), "the length is kept");
        assertTrue(robot.lookup("#agenda-message").queryLabeled().getText().contains("Ctrl+Z"));

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> agenda.find(a.id()).orElseThrow().start().equals(tuesday.atTime(14, 30)));

        robot.press(KeyCode.ALT).type(KeyCode.M).release(KeyCode.ALT);
        waitShown(robot, "#month-day-" + tuesday);
        assertTrue(robot.lookup("#agenda-period").queryLabeled().getText().matches("(?i)\\p{L}+ \\d{4}"),
                robot.lookup("#agenda-period").queryLabeled().getText());
        Screenshots.save(stage.getScene(), "agenda-mois.png");
        robot.doubleClickOn("#month-number-" + tuesday);
        waitShown(robot, "#appointment-" + a.id());
        assertTrue(robot.lookup("#agenda-mode-day").<javafx.scene.control.ToggleButton>query().isSelected(), "double-click opens the day");

        // the day sheet of a professional, from the window
        assertTrue(robot.lookup("#agenda-sheet").query().isDisabled(), "no sheet for the whole team");
        robot.interact(() -> {
            javafx.scene.control.ComboBox<AgendaView.FilterChoice> filter = robot.lookup("#agenda-filter").queryComboBox();
            filter.setValue(filter.getItems().stream().filter(c -> Integer.valueOf(pro.id()).equals(c.filter().professionalId()))
                    .findFirst().orElseThrow());
        });
        assertTrue(!robot.lookup("#agenda-sheet").query().isDisabled());
        java.nio.file.Path file = dir.resolve("feuille.pdf");
        var snapshot = new fr.coordo.agenda.AgendaSheets(db).snapshot(pro.id(), fr.coordo.agenda.AgendaSheet.Span.DAY, tuesday);
        robot.interact(() -> robot.lookup("#view-agenda").<AgendaView>query().saveSheet(snapshot, file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> java.nio.file.Files.exists(file));
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertTrue(text.contains(pro.lastName()) && text.contains("14:30"), text);
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#agenda-message").queryLabeled().getText().contains("Feuille enregistrée"));

        // the professional's calendar exported, then imported again: nothing is duplicated
        java.nio.file.Path ics = dir.resolve("agenda.ics");
        AgendaView view = robot.lookup("#view-agenda").query();
        robot.interact(() -> view.exportIcs(AgendaService.Filter.professional(pro.id()), ics));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> java.nio.file.Files.exists(ics));
        assertTrue(java.nio.file.Files.readString(ics).contains("UID:" + a.uid()));
        int before = agenda.between(tuesday.minusYears(2), tuesday.plusYears(2), AgendaService.Filter.professional(pro.id())).size();
        robot.interact(() -> view.importIcs(ics));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#agenda-message").queryLabeled().getText().startsWith("Import de"));
        String report = robot.lookup("#agenda-message").queryLabeled().getText();
        assertTrue(report.contains(" 0 rendez-vous créé(s)"), report);
        assertEquals(before, agenda.between(tuesday.minusYears(2), tuesday.plusYears(2), AgendaService.Filter.professional(pro.id())).size());
    }
}
