package fr.coordo.ui;

import static fr.coordo.ui.PlanWorkflowTest.setDate;
import static fr.coordo.ui.PlanWorkflowTest.waitRows;
import static fr.coordo.ui.PlanWorkflowTest.waitShown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.pathway.EndReason;
import fr.coordo.pathway.Episode;
import fr.coordo.pathway.EpisodeService;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The coordinator includes a patient in a PCR: refused while the projet is not validated, refused with a criterion
 * left unticked, then recorded and started; a séquence's actual end is recorded, an episode is closed.
 */
@ExtendWith(ApplicationExtension.class)
class PathwayEpisodeWorkflowTest {
    @TempDir
    static Path dir;

    private static final LocalDate TODAY = LocalDate.now(Database.ZONE);
    /** Validated by the ARS twenty days ago: episodes may start. */
    private static int validated;
    /** Transmitted five days ago: réputé validé only in two months. */
    private static int pending;
    private static int patientId;

    private CoordoApp app;
    private Stage stage;

    @BeforeAll
    static void fill() {
        Database db = Database.open(dir.resolve("coordo.db"));
        try {
            PathwayFixtures f = new PathwayFixtures(db, Clock.system(Database.ZONE));
            validated = f.transmittedProject(TODAY.minusDays(40));
            f.projects.recordDecision(validated, ProjectStatus.VALIDE, TODAY.minusDays(20), null);
            pending = f.transmittedProject(TODAY.minusDays(5));
            patientId = f.patientId;
            // the patient's plan and appointments, the evidence the episode's detail shows beside it
            fr.coordo.plan.PlanService plans = new fr.coordo.plan.PlanService(db);
            int plan = plans.start(patientId);
            plans.saveDraft(plan, fr.coordo.plan.PlanFixtures.fallsPlan(f.pros.get("infirmier"), TODAY.plusDays(20), TODAY.plusDays(40)));
            plans.validate(plan, TODAY.minusDays(15));
            fr.coordo.agenda.AgendaService agenda = new fr.coordo.agenda.AgendaService(db);
            var past = agenda.create(fr.coordo.agenda.AppointmentInput.of(patientId, List.of(f.pros.get("dieteticien")),
                    TODAY.with(java.time.temporal.TemporalAdjusters.previous(java.time.DayOfWeek.TUESDAY)).atTime(10, 0),
                    java.time.Duration.ofMinutes(45), fr.coordo.agenda.AppointmentKind.CONSULTATION, fr.coordo.agenda.Place.MSP), null);
            agenda.setStatus(past.id(), fr.coordo.agenda.AppointmentStatus.REALISE, "Bilan diététique initial");
            agenda.create(fr.coordo.agenda.AppointmentInput.of(patientId, List.of(f.pros.get("enseignant_apa")),
                    TODAY.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.THURSDAY)).atTime(14, 30),
                    java.time.Duration.ofMinutes(60), fr.coordo.agenda.AppointmentKind.SEANCE, fr.coordo.agenda.Place.MSP), null);
        } finally {
            db.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new CoordoApp(ShellTest.startup(dir, false));
        app.start(stage);
        stage.setWidth(1400);
        stage.setHeight(900);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
    }

    private Database db() {
        return app.window().workspace().database();
    }

    private EpisodeService episodes() {
        return new EpisodeService(db());
    }

    /** Waits for {@code done}; on time-out, says what the screens reported. */
    private static void waitFor(FxRobot robot, Callable<Boolean> done) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, done);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("messages : " + robot.lookup(".form-messages").queryAll().stream()
                    .map(n -> ((Label) n).getText()).toList(), e);
        }
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    @SuppressWarnings("unchecked")
    private static <T> void choose(FxRobot robot, String combo, java.util.function.Predicate<T> which) {
        robot.interact(() -> {
            ComboBox<T> c = (ComboBox<T>) robot.lookup(combo).query();
            c.setValue(c.getItems().stream().filter(x -> x != null && which.test(x)).findFirst().orElseThrow(
                    () -> new AssertionError(combo + " : aucun choix ne convient parmi " + c.getItems())));
        });
    }

    private static void tick(FxRobot robot, String id, boolean on) {
        robot.interact(() -> ((CheckBox) robot.lookup(id).query()).setSelected(on));
    }

    /** Fills the inclusion dialog for the fixture's patient in {@code projectId}: every criterion ticked. */
    private static void fillInclusion(FxRobot robot, int projectId, LocalDate day) {
        robot.interact(() -> robot.lookup("#inclusion-patient-search").queryTextInputControl().setText("lefevre"));
        choose(robot, "#inclusion-patient", (InclusionDialog.PatientChoice p) -> p.id() == patientId);
        choose(robot, "#inclusion-project", (Project p) -> p.id() == projectId);
        choose(robot, "#inclusion-profile", (fr.coordo.pathway.PcrType.Profile p) -> p.code().equals("P1"));
        for (String c : List.of("adulte", "obesite_complexe", "evaluation", "prescription")) {
            tick(robot, "#criterion-" + c, true);
        }
        choose(robot, "#inclusion-decider", (Professional p) -> p.professionCode().equals("medecin"));
        setDate(robot, "#inclusion-decided-on", Forms.date(day));
        setDate(robot, "#inclusion-informed-on", Forms.date(day));
        setDate(robot, "#inclusion-consent-on", Forms.date(day));
        robot.interact(() -> robot.lookup("#inclusion-consent-ecrit").queryAs(javafx.scene.control.RadioButton.class).setSelected(true));
    }

    private void openEpisodes(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window() != null && app.window().workspace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#nav-parcours");
        waitShown(robot, "#tab-episodes");
        robot.interact(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) robot.lookup(".tab-pane").query();
            tabs.getTabs().stream().filter(t -> "tab-episodes".equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        waitShown(robot, "#episode-table");
    }

    @Test
    void includeStartFollowAndCloseAnEpisode(FxRobot robot) throws Exception {
        openEpisodes(robot);
        LocalDate decided = TODAY.minusDays(10);

        // Ctrl+N opens the inclusion; a start in the projet transmitted five days ago is refused, nothing recorded
        robot.push(KeyCode.CONTROL, KeyCode.N);
        waitShown(robot, "#inclusion-ok");
        fillInclusion(robot, pending, decided);
        tick(robot, "#inclusion-start-check", true);
        setDate(robot, "#inclusion-start-on", Forms.date(decided));
        assertTrue(text(robot, "#inclusion-project-situation").contains("pourront commencer le"),
                "the dialog says when the projet will allow episodes: " + text(robot, "#inclusion-project-situation"));
        robot.clickOn("#inclusion-ok");
        ProjectVersion sent = new fr.coordo.pathway.ProjectService(db()).find(pending).orElseThrow().current();
        String authorised = Forms.date(sent.authorisedFrom().orElseThrow());
        waitFor(robot, () -> text(robot, "#inclusion-error").contains("il le sera le " + authorised));
        assertTrue(text(robot, "#inclusion-error").contains("n'est ni validé ni réputé validé"), text(robot, "#inclusion-error"));
        assertEquals(List.of(), episodes().all(), "nothing recorded on refusal");

        // the validated projet, one criterion left unticked: the refusal names it
        fillInclusion(robot, validated, decided);
        tick(robot, "#criterion-evaluation", false);
        tick(robot, "#inclusion-start-check", true);
        setDate(robot, "#inclusion-start-on", Forms.date(decided));
        robot.clickOn("#inclusion-ok");
        waitFor(robot, () -> text(robot, "#inclusion-error").contains("« Évaluation médicale complète réalisée, profil déterminé »"));
        assertTrue(text(robot, "#inclusion-error").startsWith("Critère d'éligibilité non coché"), text(robot, "#inclusion-error"));
        assertEquals(List.of(), episodes().all(), "nothing recorded on refusal");

        // ticked: recorded and started, its séquences planned
        tick(robot, "#criterion-evaluation", true);
        Screenshots.save(robot.lookup("#inclusion-dialog").queryAs(DialogPane.class).getScene(), "parcours-inclusion.png");
        robot.clickOn("#inclusion-ok");
        waitFor(robot, () -> episodes().all().size() == 1);
        Episode e = episodes().all().getFirst();
        assertEquals(Episode.State.EN_COURS, e.state());
        assertEquals(decided, e.startOn());
        assertEquals(2, e.sequences().size());
        assertEquals(decided.plusMonths(12).minusDays(1), e.sequences().getFirst().plannedEnd());
        waitRows(robot, "#episode-table", 1);
        waitRows(robot, "#episode-sequences", 2);
        waitFor(robot, () -> text(robot, "#episode-state").equals("En cours"));
        assertTrue(text(robot, "#episode-messages").contains("Inclusion enregistrée"));
        waitShown(robot, "#episode-open-patient");
        assertTrue(robot.lookup("#episode-plan").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .anyMatch(n -> ((Label) n).getText().contains("validée le " + Forms.date(TODAY.minusDays(15)))), "the patient's plan is shown");
        assertEquals(4, robot.lookup("#episode-appointments").queryAs(javafx.scene.layout.VBox.class).getChildren().size(),
                "one appointment to come and one past, each under its heading");
        Screenshots.save(stage.getScene(), "parcours-episodes.png");

        // the actual end of séquence 1
        robot.interact(() -> robot.lookup("#episode-sequences").queryTableView().getSelectionModel().select(0));
        robot.clickOn("#episode-sequence-edit");
        waitShown(robot, "#sequence-ok");
        setDate(robot, "#sequence-actual-end", Forms.date(TODAY.minusDays(2)));
        robot.clickOn("#sequence-ok");
        waitFor(robot, () -> TODAY.minusDays(2).equals(episodes().find(e.id()).orElseThrow().sequences().getFirst().actualEnd()));
        assertEquals(decided, episodes().find(e.id()).orElseThrow().sequences().getFirst().actualStart());

        // included in the projet not yet validated, without a start; « Commencer… » is refused with the date it may
        robot.clickOn("#episode-include");
        waitShown(robot, "#inclusion-ok");
        fillInclusion(robot, pending, TODAY);
        tick(robot, "#inclusion-start-check", false);
        // decided by the dietitian, validated by a doctor outside the structure whose RPPS is checked
        choose(robot, "#inclusion-decider", (Professional p) -> p.professionCode().equals("dieteticien"));
        choose(robot, "#inclusion-validator", (InclusionDialog.Validator v) -> v.doctor() == null);
        robot.interact(() -> {
            robot.lookup("#inclusion-outside-name").queryTextInputControl().setText("Dr Martin Paul");
            robot.lookup("#inclusion-outside-rpps").queryTextInputControl().setText("1234");
        });
        robot.clickOn("#inclusion-ok");
        waitFor(robot, () -> text(robot, "#inclusion-error").startsWith("Médecin validant extérieur — RPPS"));
        assertEquals(1, episodes().all().size(), "nothing recorded on refusal");
        String rpps = "1000000999" + fr.coordo.identity.CheckDigits.luhnCheckDigit("1000000999");
        robot.interact(() -> robot.lookup("#inclusion-outside-rpps").queryTextInputControl().setText(rpps));
        robot.clickOn("#inclusion-ok");
        waitFor(robot, () -> episodes().all().size() == 2);
        waitFor(robot, () -> text(robot, "#episode-state").equals("Inclus, non commencé"));
        Episode included = episodes().all().stream().filter(x -> x.projectId() == pending).findFirst().orElseThrow();
        assertEquals(rpps, included.externalDoctorRpps());
        assertEquals(null, included.validatingDoctor());
        robot.clickOn("#episode-start");
        waitShown(robot, "#episode-start-ok");
        robot.clickOn("#episode-start-ok");
        waitFor(robot, () -> text(robot, "#episode-start-error").contains("il le sera le " + authorised));
        assertEquals(Episode.State.INCLUS, episodes().find(included.id()).orElseThrow().state());
        robot.clickOn("Annuler");

        // the state filter and the text filter narrow the list; Ctrl+F reaches the filter
        choose(robot, "#episode-state-filter", (EpisodesPane.StateFilter s) -> s.state() == Episode.State.INCLUS);
        waitRows(robot, "#episode-table", 1);
        choose(robot, "#episode-state-filter", (EpisodesPane.StateFilter s) -> s.state() == null);
        waitRows(robot, "#episode-table", 2);
        robot.interact(() -> robot.lookup("#episode-table").query().requestFocus());
        robot.push(KeyCode.CONTROL, KeyCode.F);
        assertTrue(robot.lookup("#episode-filter").query().isFocused(), "Ctrl+F goes to the filter");
        robot.write(e.reference());
        waitRows(robot, "#episode-table", 1);

        // Entrée on the episode under way goes to its séquences; it is closed after a confirmation
        robot.interact(() -> {
            TableView<?> t = robot.lookup("#episode-table").queryTableView();
            t.getSelectionModel().select(0);
            t.requestFocus();
        });
        robot.type(KeyCode.ENTER);
        waitFor(robot, () -> robot.lookup("#episode-sequences").query().isFocused());
        robot.clickOn("#episode-close");
        waitShown(robot, "#episode-end-ok");
        choose(robot, "#episode-end-reason", (EndReason r) -> r == EndReason.TERMINE);
        robot.clickOn("#episode-end-ok");
        waitShown(robot, "#confirm-dialog");
        Node confirm = robot.lookup("#confirm-dialog").queryAs(DialogPane.class).lookupButton(
                robot.lookup("#confirm-dialog").queryAs(DialogPane.class).getButtonTypes().getFirst());
        robot.clickOn(confirm);
        waitFor(robot, () -> episodes().find(e.id()).orElseThrow().state() == Episode.State.CLOS);
        assertEquals(EndReason.TERMINE, episodes().find(e.id()).orElseThrow().endReason());
        waitFor(robot, () -> text(robot, "#episode-state").equals("Clos"));

        // « Ouvrir la fiche du patient »: the record, whose « Parcours » tab lists both episodes
        waitShown(robot, "#episode-open-patient");
        robot.clickOn("#episode-open-patient");
        waitShown(robot, "#patient-tabs");
        robot.interact(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) robot.lookup("#patient-tabs").query();
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "tab-pathway".equals(t.getId())).findFirst().orElseThrow());
        });
        waitRows(robot, "#patient-episode-table", 2);
    }
}
