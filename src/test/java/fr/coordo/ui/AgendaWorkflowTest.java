package fr.coordo.ui;

import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.ui.PlanWorkflowTest.setDate;
import static fr.coordo.ui.PlanWorkflowTest.type;
import static fr.coordo.ui.PlanWorkflowTest.waitShown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentKind;
import fr.coordo.agenda.AppointmentStatus;
import fr.coordo.patient.PatientStatus;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The coordinator books a weekly series, cancels one session, moves another and is warned of a double booking. */
class AgendaWorkflowTest extends DemoWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** Waits for {@code done}; on time-out, says what the form or the agenda reported. */
    private static void waitFor(FxRobot robot, java.util.concurrent.Callable<Boolean> done) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, done);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("messages : " + robot.lookup(".form-messages").queryAll().stream()
                    .map(n -> ((javafx.scene.control.Label) n).getText()).toList(), e);
        }
    }

    private Database db() {
        return app.window().workspace().database();
    }

    @Test
    void bookAWeeklySeriesCancelOneMoveAnotherAndBeWarnedOfADoubleBooking(FxRobot robot) throws Exception {
        waitUntilOpen();
        AgendaService agenda = new AgendaService(db());
        LocalDate today = LocalDate.now(Database.ZONE);
        // far enough ahead that the demo's own appointments do not clash
        LocalDate monday = today.plusMonths(14).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        Professional pro = new TeamService(db()).all().stream().filter(p -> p.isActive(monday)).findFirst().orElseThrow();
        var person = db().read(dsl -> dsl.select(PATIENT.ID, PATIENT.BIRTH_NAME, PATIENT.FIRST_NAMES).from(PATIENT)
                .where(PATIENT.STATUS.eq(PatientStatus.SUIVI.name())).orderBy(PATIENT.ID).limit(1).fetchOne());

        robot.clickOn("#nav-agenda");
        waitShown(robot, "#agenda-new");
        // the demo's week, as a newcomer first sees it, then one professional's week with an appointment open
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup(".agenda-block").queryAll().isEmpty());
        Screenshots.save(stage.getScene(), "agenda-equipe.png");
        Professional busiest = new TeamService(db()).all().stream()
                .max(java.util.Comparator.comparingInt(p -> agenda.between(today.with(DayOfWeek.MONDAY), today.with(DayOfWeek.MONDAY).plusDays(7),
                        AgendaService.Filter.professional(p.id())).size())).orElseThrow();
        robot.interact(() -> {
            ComboBox<AgendaView.FilterChoice> filter = robot.lookup("#agenda-filter").queryComboBox();
            filter.setValue(filter.getItems().stream().filter(c -> Integer.valueOf(busiest.id()).equals(c.filter().professionalId()))
                    .findFirst().orElseThrow());
        });
        Appointment shown = agenda.between(today.with(DayOfWeek.MONDAY), today.with(DayOfWeek.MONDAY).plusDays(7),
                AgendaService.Filter.professional(busiest.id())).getFirst();
        waitShown(robot, "#appointment-" + shown.id());
        robot.clickOn("#appointment-" + shown.id());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "agenda-professionnel.png");
        robot.interact(() -> {
            ComboBox<AgendaView.FilterChoice> filter = robot.lookup("#agenda-filter").queryComboBox();
            filter.setValue(filter.getItems().stream().filter(c -> Integer.valueOf(pro.id()).equals(c.filter().professionalId()))
                    .findFirst().orElseThrow());
        });
        robot.clickOn("#agenda-new");
        waitShown(robot, "#appt-patient-search");
        robot.clickOn("#appt-patient-search").write(person.value2() + " " + person.value3());
        setDate(robot, "#appt-day", Forms.date(monday));
        robot.interact(() -> {
            robot.lookup("#appt-start").queryTextInputControl().setText("10:00");
            robot.lookup("#appt-end").queryTextInputControl().setText("10:45");
            robot.lookup("#appt-kind").<AppointmentKind>queryComboBox().setValue(AppointmentKind.SEANCE);
        });
        robot.clickOn("#appt-repeat");
        robot.clickOn("#appt-count-mode");
        robot.interact(() -> ((Spinner<Integer>) robot.lookup("#appt-count").query()).getValueFactory().setValue(6));
        robot.clickOn("#appointment-dialog-ok");
        waitFor(robot, () -> !agenda.between(monday, monday.plusWeeks(6), AgendaService.Filter.professional(pro.id())).isEmpty());
        List<Appointment> series = agenda.between(monday, monday.plusWeeks(6), AgendaService.Filter.professional(pro.id())).stream()
                .filter(a -> a.isOccurrence() && a.data().patientId() != null && a.data().patientId() == person.value1().intValue()).toList();
        assertEquals(6, series.size(), "six weekly sessions");
        assertTrue(series.stream().allMatch(a -> a.isOccurrence() && a.data().patientId() == person.value1()
                && a.start().getHour() == 10 && a.start().getDayOfWeek() == DayOfWeek.MONDAY));
        waitShown(robot, "#appointment-" + series.getFirst().id());
        Screenshots.save(stage.getScene(), "agenda-semaine.png");

        // cancel the second session only
        robot.type(javafx.scene.input.KeyCode.PAGE_DOWN);
        Appointment second = series.get(1);
        waitShown(robot, "#appointment-" + second.id());
        robot.clickOn("#appointment-" + second.id());
        robot.clickOn("#agenda-cancel");
        waitShown(robot, "#scope-this");
        robot.clickOn("#scope-this");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> agenda.find(second.id()).orElseThrow().status() == AppointmentStatus.ANNULE);

        // move the third one hour later by dragging it
        robot.type(javafx.scene.input.KeyCode.PAGE_DOWN);
        Appointment third = series.get(2);
        waitShown(robot, "#appointment-" + third.id());
        robot.drag("#appointment-" + third.id()).dropBy(0, 52);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> agenda.find(third.id()).orElseThrow().start().getHour() == 11);
        Appointment moved = agenda.find(third.id()).orElseThrow();
        assertTrue(moved.moved(), "the occurrence remembers its slot: " + moved.recurrenceId());
        assertEquals(third.recurrenceId(), moved.recurrenceId());

        List<Appointment> after = agenda.ofSeries(series.getFirst().series().id());
        assertEquals(6, after.size());
        for (Appointment a : after) {
            if (a.id() != second.id()) {
                assertEquals(AppointmentStatus.PREVU, a.status(), "only the cancelled session changed status");
            }
            if (a.id() != third.id()) {
                assertEquals(10, a.start().getHour(), "only the moved session changed time");
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "agenda-exceptions.png");

        // a double booking of the same professional warns, and is kept only with a reason
        robot.clickOn("#agenda-new");
        waitShown(robot, "#appt-day");
        setDate(robot, "#appt-day", Forms.date(monday));
        robot.interact(() -> {
            robot.lookup("#appt-start").queryTextInputControl().setText("10:15");
            robot.lookup("#appt-end").queryTextInputControl().setText("11:00");
            robot.lookup("#appt-kind").<AppointmentKind>queryComboBox().setValue(AppointmentKind.REUNION);
        });
        robot.clickOn("#appointment-dialog-ok");
        waitShown(robot, "#conflict-dialog");
        String warning = robot.lookup(".conflict-line").queryAll().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList().toString();
        assertTrue(warning.contains(pro.lastName()) && warning.contains("a déjà un rendez-vous"), warning);
        Screenshots.save(robot.lookup("#conflict-dialog").query().getScene(), "agenda-conflit.png");
        Node keep = robot.lookup("#conflict-dialog-ok").query();
        assertTrue(keep.isDisabled(), "no saving without a reason");
        robot.clickOn("#conflict-reason").write("Réunion courte avant la séance");
        assertFalse(keep.isDisabled());
        robot.clickOn((Button) keep);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> agenda.between(monday, monday.plusDays(1),
                AgendaService.Filter.professional(pro.id())).stream().anyMatch(a -> a.data().kind() == AppointmentKind.REUNION));
        Appointment meeting = agenda.between(monday, monday.plusDays(1), AgendaService.Filter.professional(pro.id())).stream()
                .filter(a -> a.data().kind() == AppointmentKind.REUNION).findFirst().orElseThrow();
        assertEquals("Réunion courte avant la séance", meeting.conflictReason());

        // the patient's record shows the series on its timeline, the cancelled session included
        robot.interact(() -> app.window().openPatient(person.value1()));
        waitShown(robot, "#tab-appointments");
        robot.clickOn("Rendez-vous");
        waitShown(robot, "#patient-appointments");
        javafx.scene.control.TableView<Appointment> timeline = robot.lookup("#patient-appointments").queryTableView();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> timeline.getItems().stream().filter(a -> a.isOccurrence()
                && a.series().id() == series.getFirst().series().id()).count() == 6);
        assertTrue(timeline.getItems().stream().anyMatch(a -> a.id() == second.id() && a.status() == AppointmentStatus.ANNULE));
        Screenshots.save(stage.getScene(), "patient-rendez-vous.png");

        // and « Voir dans l'agenda » shows that patient's agenda only
        robot.clickOn("#timeline-agenda");
        waitShown(robot, "#agenda-filter");
        assertEquals(Integer.valueOf(person.value1()), robot.lookup("#agenda-filter").<AgendaView.FilterChoice>queryComboBox()
                .getValue().filter().patientId());
    }
}
