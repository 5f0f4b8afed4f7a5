package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.app.DemoDatabase;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.security.Keyring;
import fr.coordo.security.SecurityFixtures;
import fr.coordo.security.Session;
import fr.coordo.store.Database;
import fr.coordo.store.Role;
import fr.coordo.team.TeamService;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The door of the window: first run, the demonstration's documented account, the roles' sections, the recovery. */
class SignInWorkflowTest extends SignInWindowTest {
    @Start
    void open(Stage stage) {
        start(stage);
    }

    @Test
    void theFirstRunCreatesTheAdministratorShowsTheRecoveryKeyOnceThenOpensTheWindow(FxRobot robot) throws Exception {
        openWindow(robot, false);
        waitShown(robot, "#setup-login");
        assertTrue(robot.lookup("#setup-login").query().isFocused(), "the first field has the focus");

        type(robot, "#setup-login", "mdupont");
        type(robot, "#setup-name", "Marie Dupont");
        type(robot, "#setup-password", "court");
        type(robot, "#setup-confirm", "court");
        robot.clickOn("#setup-submit");
        waitShown(robot, "#setup-password-error");
        assertTrue(text(robot, "#setup-password-error").startsWith("Le mot de passe doit compter au moins 10 caractères"));
        assertFalse(Files.exists(database()), "nothing is created before the form is right");
        Screenshots.save(stage.getScene(), "premiere-utilisation.png");

        type(robot, "#setup-password", "la maison de santé du bourg");
        type(robot, "#setup-confirm", "la maison de sante du bourg");
        robot.clickOn("#setup-submit");
        waitShown(robot, "#setup-confirm-error");
        assertEquals("Les deux saisies du mot de passe diffèrent : retapez-les.", text(robot, "#setup-confirm-error"));

        type(robot, "#setup-confirm", "la maison de santé du bourg");
        robot.clickOn("#setup-submit");
        waitShown(robot, "#recovery-key");
        String key = text(robot, "#recovery-key");
        assertTrue(key.matches("([0-9A-Z]{4}\\s){7}[0-9A-Z]{4}"), key);
        Button next = robot.lookup("#recovery-continue").queryButton();
        assertTrue(next.isDisabled(), "cannot go on before saying the key is kept");
        Screenshots.save(stage.getScene(), "cle-de-secours.png");
        robot.clickOn("#recovery-noted");
        assertFalse(next.isDisabled());
        robot.clickOn("#recovery-continue");

        waitSignedIn(robot);
        assertEquals("Marie Dupont", text(robot, "#signed-in-name"));
        assertEquals("administrateur·rice", text(robot, "#signed-in-role"));
        assertTrue(robot.lookup("#nav-comptes").query().isVisible(), "the administrator manages the accounts");
        assertTrue(app.window().workspace().database().encrypted());
        assertFalse(Database.isPlainSqlite(database()), "the file is encrypted");
        assertTrue(Files.exists(Keyring.fileFor(database())));
        Screenshots.save(stage.getScene(), "apres-premiere-utilisation.png");
    }

    @Test
    void theDemonstrationDatabaseSaysItsAccountAndOpensWithDemoDemo(FxRobot robot) throws Exception {
        openWindow(robot, true);
        waitShown(robot, "#signin-demo-banner");
        assertEquals("Base de démonstration : identifiant demo, mot de passe demo", text(robot, "#signin-demo-banner"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#signin-login").query().isFocused());
        Screenshots.save(stage.getScene(), "connexion-demo.png");

        signIn(robot, DemoDatabase.LOGIN, DemoDatabase.PASSWORD);
        waitSignedIn(robot);
        assertEquals(DemoDatabase.NAME, text(robot, "#signed-in-name"));
        assertTrue(robot.lookup("#status-demo").query().isVisible(), "the window keeps saying the data are a demonstration");
        assertTrue(app.window().workspace().demo());
        assertEquals(200, new PatientService(app.window().workspace().database()).count());
    }

    @Test
    void aWrongPasswordIsRefusedInFrenchAndRepeatedFailuresMakeTheButtonWait(FxRobot robot) throws Exception {
        try (Session admin = admin()) {
            // the administrator exists; the window starts on the sign-in
        }
        openWindow(robot, false);
        for (int i = 1; i <= 3; i++) {
            signIn(robot, "admin", "pas-le-bon-mot-de-passe");
            int attempt = i;
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#signin-message").startsWith("Identifiant ou mot de passe incorrect")
                    && (attempt < 3 || robot.lookup("#signin-submit").queryButton().isDisabled()));
        }
        Button submit = robot.lookup("#signin-submit").queryButton();
        assertTrue(submit.isDisabled(), "after three failures the next attempt waits");
        assertTrue(submit.getText().matches("Réessayer dans \\d+ s"), submit.getText());
        Screenshots.save(stage.getScene(), "connexion-refusee.png");
    }

    @Test
    void aProfessionnelDoesNotSeePaymentsSettingsNorAccounts(FxRobot robot) throws Exception {
        String password;
        try (Session admin = admin()) {
            int nurse = PlanFixtures.professional(new TeamService(admin.database()), "Martin", "Lucie", "infirmier");
            password = account(admin, "lmartin", "Lucie Martin", Role.PROFESSIONNEL, nurse);
        }
        openWindow(robot, false);
        signIn(robot, "lmartin", password);
        waitSignedIn(robot);
        assertEquals("Lucie Martin", text(robot, "#signed-in-name"));
        for (String hidden : new String[] {"#nav-paiements", "#nav-parametres", "#nav-comptes"}) {
            assertFalse(robot.lookup(hidden).query().isVisible(), hidden + " is hidden");
        }
        for (String shown : new String[] {"#nav-tableau-de-bord", "#nav-patients", "#nav-agenda"}) {
            assertTrue(robot.lookup(shown).query().isVisible(), shown + " is shown");
        }
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#view-paiements").tryQuery().isEmpty(), "the shortcut does not open a hidden section");
        Screenshots.save(stage.getScene(), "professionnel.png");
    }

    @Test
    void withoutItsKeyringTheDatabaseOpensOnlyWithTheRecoveryKey(FxRobot robot) throws Exception {
        var setup = SecurityFixtures.vault(database(), clock).setup("admin", "Anne Admin", ADMIN_PASSWORD.toCharArray());
        String recovery = setup.recoveryKey().formatted();
        setup.session().close();
        Files.delete(Keyring.fileFor(database()));

        openWindow(robot, false);
        waitShown(robot, "#recover-key");
        assertTrue(robot.lookup("#recover-back").tryQuery().isEmpty(), "no sign-in to go back to");
        Screenshots.save(stage.getScene(), "cles-introuvables.png");
        type(robot, "#recover-key", "ABCD");
        type(robot, "#recover-login", "admin");
        type(robot, "#recover-password", "un nouveau mot de passe");
        type(robot, "#recover-confirm", "un nouveau mot de passe");
        robot.clickOn("#recover-submit");
        waitShown(robot, "#recover-key-error");
        assertTrue(text(robot, "#recover-key-error").startsWith("La clé de secours compte 32 caractères"));

        type(robot, "#recover-key", recovery.toLowerCase());
        robot.clickOn("#recover-submit");
        waitSignedIn(robot);
        assertEquals("Anne Admin", text(robot, "#signed-in-name"));
        assertTrue(Files.exists(Keyring.fileFor(database())), "a new keyring holds the new password");
    }
}
