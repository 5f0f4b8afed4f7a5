package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientSummary;
import fr.coordo.plan.Action;
import fr.coordo.plan.Plan;
import fr.coordo.plan.PlanService;
import fr.coordo.plan.PlanVersion;
import fr.coordo.plan.Todo;
import fr.coordo.plan.TodoService;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The coordinator's day: a new patient, a plan written, refused, validated, revised; the to-do shows what is late. */
class PlanWorkflowTest extends DemoWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private Database db() {
        return app.window().workspace().database();
    }

    @Test
    void fromANewPatientToAValidatedAndRevisedPlan(FxRobot robot) throws Exception {
        waitUntilOpen();
        LocalDate today = LocalDate.now(Database.ZONE);
        robot.clickOn("#nav-patients");
        waitShown(robot, "#patient-new");
        robot.clickOn("#patient-new");
        waitShown(robot, "#patient-birthName");

        type(robot, "#patient-birthName", "Testard");
        type(robot, "#patient-firstNames", "Éloïse");
        setDate(robot, "#patient-birthDate", "14/03/1941");
        robot.interact(() -> robot.lookup("#patient-sex").<String>queryComboBox().setValue("F"));
        setDate(robot, "#patient-consentPlanOn", Forms.date(today));
        type(robot, "#patient-consentPlanForm", "Formulaire d'information remis");
        robot.clickOn("#patient-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !new PatientService(db()).search("eloise testard", null, 5).isEmpty());
        PatientSummary patient = new PatientService(db()).search("eloise testard", null, 5).getFirst();
        waitShown(robot, "#patient-tabs");
        Screenshots.save(stage.getScene(), "patient.png");

        robot.clickOn("Plan personnalisé");
        waitShown(robot, "#plan-start");
        robot.clickOn("#plan-start");
        waitShown(robot, "#plan-sections");
        robot.clickOn("Problèmes et objectifs");
        waitShown(robot, "#plan-add-problems");

        robot.clickOn("#plan-add-problems");
        waitShown(robot, "#problem-chutes");
        robot.clickOn("#problem-chutes");
        robot.clickOn("#problems-dialog-ok");
        waitRows(robot, "#plan-problems", 1);

        robot.clickOn("#plan-add-objective");
        waitShown(robot, "#objective-label");
        robot.clickOn("#objective-label").write("Marcher sans chute jusqu'au marché");
        robot.clickOn("#objective-dialog-ok");
        waitRows(robot, "#plan-objectives", 1);

        Professional physio = new fr.coordo.team.TeamService(db()).all().stream()
                .filter(p -> p.professionCode().equals("masseur_kinesitherapeute") && p.isActive(today)).findFirst().orElseThrow();
        robot.clickOn("Plan d'action");
        waitShown(robot, "#plan-add-care");
        robot.clickOn("#plan-add-care");
        waitShown(robot, "#action-label");
        robot.clickOn("#action-label").write("Rééducation de l'équilibre");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Professional> pros = (ComboBox<Professional>) robot.lookup("#action-professional").query();
            pros.setValue(pros.getItems().stream().filter(p -> p.id() == physio.id()).findFirst().orElseThrow());
        });
        setDate(robot, "#action-due", Forms.date(today.minusDays(3)));
        robot.clickOn("#action-dialog-ok");
        waitRows(robot, "#plan-care", 1);

        robot.clickOn("#plan-add-support");
        waitShown(robot, "#action-label");
        robot.clickOn("#action-label").write("Installer une téléassistance");
        robot.interact(() -> robot.lookup("#action-actor").<Action.Actor>queryComboBox().setValue(Action.Actor.EXTERIEUR));
        robot.clickOn("#action-actor-name").write("CCAS de Tours");
        robot.clickOn("#action-dialog-ok");
        waitRows(robot, "#plan-support", 1);

        robot.clickOn("#plan-validate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#plan-messages").contains("médecin traitant"));
        PlanService plans = new PlanService(db());
        Plan draft = plans.openPlanOf(patient.id()).orElseThrow();
        assertEquals(Plan.State.BROUILLON, draft.state(), "validation refused: still a draft");
        Screenshots.save(stage.getScene(), "plan-refuse.png");

        robot.clickOn("Fiche");
        waitShown(robot, "#patient-physician");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Professional> doctors = (ComboBox<Professional>) robot.lookup("#patient-physician").query();
            doctors.setValue(doctors.getItems().get(1));
        });
        robot.clickOn("#patient-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> new PatientService(db()).find(patient.id()).orElseThrow().data().physicianId() != null);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("Plan personnalisé");
        waitShown(robot, "#plan-validate");
        robot.clickOn("#plan-validate");
        waitShown(robot, "#validate-dialog-ok");
        robot.clickOn("#validate-dialog-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> plans.openPlanOf(patient.id()).orElseThrow().state() == Plan.State.VALIDE);
        waitShown(robot, "#plan-revise");
        PlanVersion v1 = plans.openPlanOf(patient.id()).orElseThrow().validated().orElseThrow();
        assertEquals(2, v1.content().actions().size());
        assertEquals(today.plusMonths(6), v1.content().reevaluationOn());
        Screenshots.save(stage.getScene(), "plan-valide.png");

        robot.clickOn("#plan-pdf");
        waitShown(robot, "#copy-dialog");
        robot.clickOn("Annuler");
        java.nio.file.Path pdf = dir.resolve("export").resolve(revisedName(v1));
        java.nio.file.Files.createDirectories(pdf.getParent());
        robot.interact(() -> robot.lookup("#plan-pane").queryAs(PlanPane.class).savePdf(v1, true, pdf));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#plan-messages").startsWith("PDF enregistré"));
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String printed = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("[\\s\\u00a0\\u202f]+", " ");
            assertTrue(printed.contains("Installer une téléassistance"), "the social copy has the support action");
            assertTrue(!printed.contains("Rééducation de l'équilibre"), "and no care action");
        }

        robot.clickOn("#plan-revise");
        waitShown(robot, "#revise-dialog-ok");
        robot.clickOn("#revise-text").write("Réévaluation après une chute");
        robot.clickOn("#revise-dialog-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> plans.openPlanOf(patient.id()).orElseThrow().state() == Plan.State.EN_REVISION);
        robot.clickOn("Plan d'action");
        waitShown(robot, "#plan-remove-support");
        waitRows(robot, "#plan-support", 1);
        robot.interact(() -> robot.lookup("#plan-support").queryTableView().getSelectionModel().select(0));
        robot.clickOn("#plan-remove-support");
        waitRows(robot, "#plan-support", 0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> plans.openPlanOf(patient.id()).orElseThrow().draft().orElseThrow().content().actions().size() == 1);

        Plan revised = plans.openPlanOf(patient.id()).orElseThrow();
        assertEquals(v1, revised.version(1).orElseThrow(), "the validated version is unchanged");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<PlanVersion> versions = (ComboBox<PlanVersion>) robot.lookup("#plan-versions").query();
            versions.setValue(versions.getItems().getFirst());
        });
        waitRows(robot, "#plan-support", 1);
        assertTrue(robot.lookup("#plan-remove-support").tryQuery().map(n -> !n.isVisible()).orElse(true),
                "a validated version is read-only");

        Todo todo = new TodoService(db()).today();
        assertTrue(todo.lateActions().stream().anyMatch(a -> a.patientId() == patient.id() && a.action().equals("Rééducation de l'équilibre")
                && a.daysLate() == 3), "the care action due three days ago is late");

        robot.clickOn("#nav-tableau-de-bord");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#todo-late").tryQuery()
                .map(n -> ((TableView<?>) n).getItems().stream().anyMatch(i -> i instanceof Todo.LateAction a && a.patientId() == patient.id()))
                .orElse(false));
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            TableView<Todo.LateAction> late = (TableView<Todo.LateAction>) robot.lookup("#todo-late").query();
            late.getSelectionModel().select(late.getItems().stream().filter(a -> a.patientId() == patient.id()).findFirst().orElseThrow());
            late.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#patient-heading").tryQuery()
                .map(n -> n.isVisible() && ((Label) n).getText().startsWith("TESTARD Éloïse")).orElse(false));
    }

    @Test
    void aFormWithMistakesNamesEachFieldAndWritesNothing(FxRobot robot) throws Exception {
        waitUntilOpen();
        int before = new PatientService(db()).count();
        robot.clickOn("#nav-patients");
        waitShown(robot, "#patient-new");
        robot.clickOn("#patient-new");
        waitShown(robot, "#patient-birthName");
        type(robot, "#patient-nir", "1 85 05 78 006 084 99");
        setDate(robot, "#patient-birthDate", "31/02/1950");
        robot.clickOn("#patient-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !text(robot, "#patient-messages").isEmpty());
        assertEquals("Date de naissance : « 31/02/1950 » n'est pas une date (jj/mm/aaaa attendu).", text(robot, "#patient-messages"));

        setDate(robot, "#patient-birthDate", "28/02/1950");
        robot.clickOn("#patient-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#patient-messages").contains("Nom de naissance"));
        String messages = text(robot, "#patient-messages");
        assertTrue(messages.contains("Nom de naissance : obligatoire."), messages);
        assertTrue(messages.contains("Prénom(s) : obligatoire."), messages);
        assertTrue(messages.contains("Sexe : choisissez F ou M."), messages);
        assertTrue(messages.startsWith("Nom de naissance") && messages.contains("NIR"), messages);
        assertTrue(robot.lookup("#patient-form").queryAs(PatientForm.class).isMarked("nir"));
        assertEquals(before, new PatientService(db()).count(), "nothing written");
    }

    @Test
    void whatIsTypedInADraftIsKeptWhenAnotherPatientIsOpened(FxRobot robot) throws Exception {
        waitUntilOpen();
        PlanService plans = new PlanService(db());
        List<PlanService.Listing> drafts = plans.list().stream().filter(l -> l.state() == Plan.State.BROUILLON).toList();
        int first = drafts.get(0).patientId();
        int second = drafts.get(1).patientId();
        robot.interact(() -> app.window().openPatient(first));
        waitShown(robot, "#patient-tabs");
        robot.clickOn("Plan personnalisé");
        waitShown(robot, "#plan-synthesis-SOCIALE");
        robot.interact(() -> robot.lookup("#plan-synthesis-SOCIALE").queryAs(javafx.scene.control.TextArea.class).clear());
        type(robot, "#plan-synthesis-SOCIALE", "Vit avec sa fille depuis octobre.");
        robot.interact(() -> app.window().openPatient(second));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#patient-heading").tryQuery()
                .map(n -> ((Label) n).getText().contains(Patient.reference(second))).orElse(false));
        assertEquals("Vit avec sa fille depuis octobre.",
                plans.find(drafts.get(0).planId()).orElseThrow().draft().orElseThrow().content().synthesisSocial());
    }

    private static String revisedName(PlanVersion v) {
        return "plan-v" + v.version() + "-social.pdf";
    }

    /** Waits until a node is on a window that is showing: a dialog takes a moment to appear. */
    static void waitShown(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery()
                .filter(n -> n.isVisible() && n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing())
                .isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitRows(FxRobot robot, String table, int rows) throws Exception {
        try {
            waitRowsOnly(robot, table, rows);
        } catch (java.util.concurrent.TimeoutException e) {
            robot.interact(() -> {
                try {
                    Screenshots.save(robot.lookup(table).query().getScene(), "echec.png");
                } catch (Exception ignored) {
                    // the assertion below says what failed
                }
            });
            throw new AssertionError(table + " n'a pas " + rows + " lignes ; messages : " + text(robot, "#plan-messages") + " / "
                    + robot.lookup(".form-messages").queryAll().stream().map(n -> ((Label) n).getText()).toList(), e);
        }
    }

    private static void waitRowsOnly(FxRobot robot, String table, int rows) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(table).tryQuery()
                .filter(n -> n.isVisible() && ((TableView<?>) n).getItems().size() == rows).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void type(FxRobot robot, String query, String text) {
        robot.interact(() -> robot.lookup(query).query().requestFocus());
        robot.write(text);
    }

    static void setDate(FxRobot robot, String query, String text) {
        robot.interact(() -> ((DatePicker) robot.lookup(query).query()).getEditor().setText(text));
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

}
