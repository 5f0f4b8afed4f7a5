package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.security.Session;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lock: on demand and after inactivity it hides every patient; only the person's password brings the window back. */
class LockWorkflowTest extends SignInWindowTest {
    @Start
    void open(Stage stage) {
        start(stage);
    }

    /** Any node of any window that shows the patient's name, and is visible. */
    private static boolean patientShown(FxRobot robot) {
        return robot.lookup((Node n) -> n instanceof Labeled l && l.getText() != null && l.getText().toLowerCase().contains("lefèvre")
                && n.isVisible() && n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing())
                .tryQuery().isPresent();
    }

    private void openOnThePatients(FxRobot robot) throws Exception {
        try (Session admin = admin()) {
            new PatientService(admin.database()).add(PlanFixtures.eloise(null, null), Set.of());
        }
        openWindow(robot, false);
        signIn(robot, "admin", ADMIN_PASSWORD);
        waitSignedIn(robot);
        robot.clickOn("#nav-patients");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> patientShown(robot));
    }

    private void waitLocked(FxRobot robot) throws Exception {
        waitShown(robot, "#lock-password");
        assertTrue(app.window().locked());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#lock-password").query().isFocused());
    }

    @Test
    void ctrlLHidesThePatientsAWrongPasswordIsRefusedTheRightOneBringsTheSameSectionBack(FxRobot robot) throws Exception {
        openOnThePatients(robot);
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        waitLocked(robot);
        assertFalse(patientShown(robot), "nothing of the patients shows behind the lock");
        assertTrue(robot.lookup("#nav-patients").tryQuery().isEmpty(), "nor the navigation");
        assertEquals("Anne Admin", text(robot, "#lock-name"));
        assertEquals("Coordo — verrouillé", stage.getTitle());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        assertFalse(patientShown(robot), "the sections' shortcuts do not open anything while locked");

        type(robot, "#lock-password", "pas le bon mot de passe");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#lock-message").queryAs(Labeled.class).isVisible());
        assertTrue(text(robot, "#lock-message").startsWith("Mot de passe incorrect."), text(robot, "#lock-message"));
        assertFalse(patientShown(robot));
        Screenshots.save(stage.getScene(), "verrouillage.png");

        type(robot, "#lock-password", ADMIN_PASSWORD);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> patientShown(robot));
        assertFalse(app.window().locked());
        assertEquals(Section.PATIENTS, app.window().current(), "the same section, as it was left");
        assertEquals("Patients — Coordo", stage.getTitle());
    }

    @Test
    void theViewsShortcutsDoNothingBehindTheLockAndWorkAgainOnceUnlocked(FxRobot robot) throws Exception {
        openOnThePatients(robot);
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        waitLocked(robot);
        int windows = javafx.stage.Window.getWindows().size();
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(windows, javafx.stage.Window.getWindows().size(), "no dialog over the lock screen");
        assertTrue(app.window().locked());

        type(robot, "#lock-password", ADMIN_PASSWORD);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> patientShown(robot));
        assertTrue(robot.lookup("#patient-form").tryQuery().isEmpty(), "Ctrl+N pressed while locked did not start a new patient behind it");
        // Unlocked, the shortcuts are back: the sections' and the patients' own.
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.window().current() == Section.DASHBOARD);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.window().current() == Section.PATIENTS);
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitShown(robot, "#patient-form");
    }

    @Test
    void theWindowLocksAfterTheDelaySetInTheSettingsWithoutActivity(FxRobot robot) throws Exception {
        openOnThePatients(robot);
        robot.clickOn("#nav-parametres");
        waitShown(robot, "#lock-minutes");
        assertEquals(10, robot.lookup("#lock-minutes").<Spinner<Integer>>query().getValue(), "ten minutes unless changed");
        robot.interact(() -> robot.lookup("#lock-minutes").<Spinner<Integer>>query().getEditor().setText("2"));
        // far down the settings page: fired rather than scrolled to
        robot.interact(() -> robot.lookup("#lock-minutes-save").queryButton().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#lock-minutes-message").equals("Délai enregistré : 2 minutes."));
        assertEquals(2, LockSettings.minutes(app.window().workspace().database()));
        robot.clickOn("#nav-patients");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> patientShown(robot));

        // the person stops touching the window (the test's clock stands for the minutes that pass)
        clock.advance(Duration.ofSeconds(100));
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.window().locked(), "not before the delay");
        assertTrue(patientShown(robot));
        clock.advance(Duration.ofSeconds(21));
        waitLocked(robot);
        assertFalse(patientShown(robot));

        type(robot, "#lock-password", ADMIN_PASSWORD);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> patientShown(robot));
        // activity counts the delay from zero again
        clock.advance(Duration.ofSeconds(90));
        robot.moveBy(5, 5);
        clock.advance(Duration.ofSeconds(90));
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.window().locked(), "a move of the mouse restarts the delay");

        // a dialog open when the delay passes is closed: it would show data over the lock screen
        robot.clickOn("#change-password");
        waitShown(robot, "#password-dialog");
        clock.advance(Duration.ofSeconds(121));
        waitLocked(robot);
        assertTrue(robot.lookup("#password-dialog").tryQuery().map(n -> !n.getScene().getWindow().isShowing()).orElse(true),
                "the dialog is closed by the lock");
    }

    @Test
    void changingUserFromTheLockScreenClosesTheSessionAndReturnsToTheSignIn(FxRobot robot) throws Exception {
        openOnThePatients(robot);
        robot.clickOn("#lock-button");
        waitLocked(robot);
        robot.clickOn("#lock-switch");
        waitShown(robot, "#signin-login");
        assertEquals("Session fermée pour Anne Admin.", text(robot, "#signin-notice"));
        assertFalse(patientShown(robot));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#signin-login").query().isFocused());
        signIn(robot, "admin", ADMIN_PASSWORD);
        waitSignedIn(robot);
        assertEquals(Section.DASHBOARD, app.window().current());
    }
}
