package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.audit.AuditLog.Entry;
import fr.coordo.demo.DemoGenerator;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanDocuments;
import fr.coordo.plan.PlanService;
import fr.coordo.store.Access;
import fr.coordo.store.Database;
import fr.coordo.store.Role;
import fr.coordo.team.Professional;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The coordinator opens the Journal of the demo structure after Julien Faure changed a colleague's phone number
 * and printed a patient's plan: she picks Julien Faure in the person filter, then looks for the patient by name,
 * and sees the trail whole.
 */
class AuditWorkflowTest extends DemoWindowTest {
    private String patientName;
    private String searchedName;

    @Start
    void start(Stage stage) throws Exception {
        Path file = dir.resolve("coordo.db");
        try (Database db = Database.open(file)) {
            new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
        }
        try (Database db = Database.open(file, Database.Options.defaults().withAccess(
                new Access("jfaure", "Julien Faure", Role.COORDINATEUR, null)))) {
            TeamService team = new TeamService(db);
            Professional in = team.all().getFirst();
            team.update(in.id(), new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(),
                    in.specialty(), in.rpps(), in.adeli(), in.amNumber(), in.amRequestedOn(), in.conventioned(), in.cpamContractSignedOn(),
                    in.practiceMode(), in.employerName(), in.employerSiret(), "02 47 99 88 77", in.email(), in.mssante(), in.iban(),
                    in.bic(), in.notes()), Set.of());
            PlanService plans = new PlanService(db);
            PlanService.Listing listed = plans.list().stream().filter(l -> l.version() >= 1).findFirst().orElseThrow();
            new PlanDocuments(db).export(listed.planId(), null, false, dir.resolve("pps.pdf"), false);
            Patient p = new PatientService(db).find(listed.patientId()).orElseThrow();
            patientName = p.displayName();
            searchedName = p.data().birthName();
        }
        open(stage);
    }

    @SuppressWarnings("unchecked")
    private TableView<Entry> table(FxRobot robot) {
        return robot.lookup("#audit-table").queryAs(TableView.class);
    }

    private void waitRows(FxRobot robot, java.util.function.Predicate<List<Entry>> ok) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                List<Entry> rows = List.copyOf(table(robot).getItems());
                return !rows.isEmpty() && ok.test(rows);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            Screenshots.save(stage.getScene(), "journal-echec.png");
            throw new AssertionError("rows: " + table(robot).getItems().size() + " / "
                    + robot.lookup("#audit-shown").queryAs(Label.class).getText(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void filterByPersonThenByPatientAndSeeTheTrailWhole(FxRobot robot) throws Exception {
        waitUntilOpen();
        robot.interact(() -> {
            stage.setWidth(1400);
            stage.setHeight(860);
        });
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT8).release(KeyCode.DIGIT8, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Section.JOURNAL, app.window().current());
        waitRows(robot, rows -> rows.size() >= 3);
        Label integrity = robot.lookup("#audit-integrity").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> integrity.getText().startsWith("Journal intègre"));
        assertTrue(integrity.getText().matches("Journal intègre : \\d+ entrées vérifiées\\."), integrity.getText());

        ComboBox<String> person = robot.lookup("#audit-person").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> person.getItems().contains("Julien Faure"));
        robot.interact(() -> person.setValue("Julien Faure"));
        waitRows(robot, rows -> rows.stream().allMatch(e -> e.actor().equals("Julien Faure")));
        List<String> his = table(robot).getItems().stream().map(Entry::description).toList();
        assertEquals(List.of("Plan de soins imprimé", "Professionnel modifié : téléphone"), his);

        robot.clickOn("#audit-clear");
        waitRows(robot, rows -> rows.size() >= 3);
        robot.clickOn("#audit-patient-search").write(searchedName);
        waitRows(robot, rows -> rows.stream().allMatch(e -> patientName.equals(e.patientName())));
        assertTrue(table(robot).getItems().stream().anyMatch(e -> e.description().equals("Plan de soins imprimé")
                && e.actor().equals("Julien Faure")), table(robot).getItems().toString());
        assertFalse(robot.lookup("#audit-older").query().isVisible(), "everything fits in one page");
        Screenshots.save(stage.getScene(), "journal.png");

        // someone edits the file behind Coordo's back: the next verification names the entry, in red
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("coordo.db"));
                java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_entry_no_update");
            st.execute("UPDATE audit_entry SET actor = 'Quelqu''un' WHERE id = 2");
        }
        robot.clickOn("#audit-verify");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> integrity.getText().startsWith("Journal altéré"));
        assertTrue(integrity.getText().startsWith("Journal altéré : l'entrée n° 2 du "), integrity.getText());
        assertTrue(integrity.getText().endsWith("(Quelqu'un) a été modifiée après son enregistrement."), integrity.getText());
        assertTrue(integrity.getStyle().contains("danger"), "the problem is shown in red");
        Screenshots.save(stage.getScene(), "journal-altere.png");

        // a professionnel never sees the section
        assertFalse(Section.JOURNAL.shownTo(new Access("pro", "Paul Pro", Role.PROFESSIONNEL, 1)));
        assertTrue(Section.JOURNAL.shownTo(new Access("coord", "Camille", Role.COORDINATEUR, null)));
    }
}
