package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.plan.PlanFixtures;
import fr.coordo.security.Account;
import fr.coordo.security.Keyring;
import fr.coordo.security.Session;
import fr.coordo.store.Role;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The administrator's accounts: created with a role (a professionnel tied to their team record), deactivated; one's own password changed. */
class AccountsWorkflowTest extends SignInWindowTest {
    @Start
    void open(Stage stage) {
        start(stage);
    }

    private TableView<Account> table(FxRobot robot) {
        return robot.lookup("#accounts-table").queryTableView();
    }

    private Account row(FxRobot robot, String login) {
        return table(robot).getItems().stream().filter(a -> a.login().equals(login)).findFirst().orElseThrow();
    }

    private void fill(FxRobot robot, String login, String name, Role role, String password) {
        type(robot, "#account-login", login);
        type(robot, "#account-name", name);
        robot.interact(() -> robot.lookup("#account-role").<Role>queryComboBox().setValue(role));
        type(robot, "#account-password", password);
        type(robot, "#account-confirm", password);
    }

    private void save(FxRobot robot, String expected) throws Exception {
        robot.clickOn("#account-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#accounts-message").startsWith(expected));
    }

    @Test
    void theAdministratorCreatesAccountsWithTheirRoleAndDeactivatesOne(FxRobot robot) throws Exception {
        try (Session admin = admin()) {
            PlanFixtures.professional(new TeamService(admin.database()), "Martin", "Lucie", "infirmier");
        }
        openWindow(robot, false);
        signIn(robot, "admin", ADMIN_PASSWORD);
        waitSignedIn(robot);
        robot.clickOn("#nav-comptes");
        waitShown(robot, "#accounts-table");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);

        fill(robot, "cbernard", "Claire Bernard", Role.COORDINATEUR, "court");
        save(robot, "Le mot de passe doit compter au moins 10 caractères");
        type(robot, "#account-password", "la coordination du bourg");
        type(robot, "#account-confirm", "la coordination du bourg");
        save(robot, "Compte « cbernard » créé");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
        assertEquals(Role.COORDINATEUR, row(robot, "cbernard").role());

        robot.clickOn("#account-new");
        fill(robot, "lmartin", "Lucie Martin", Role.PROFESSIONNEL, "les soins de Lucie");
        assertTrue(robot.lookup("#account-professional").query().isVisible(), "a professionnel is tied to a record of the team");
        save(robot, "Professionnel : un compte professionnel est relié à sa fiche de l'équipe");
        robot.interact(() -> {
            ComboBox<Professional> team = robot.lookup("#account-professional").queryComboBox();
            team.setValue(team.getItems().getFirst());
        });
        save(robot, "Compte « lmartin » créé");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 3);
        assertEquals(Role.PROFESSIONNEL, row(robot, "lmartin").role());
        assertTrue(robot.lookup((javafx.scene.Node n) -> n instanceof Labeled l && "Martin Lucie".equals(l.getText())).tryQuery().isPresent(),
                "the table names the linked professional");
        Screenshots.save(stage.getScene(), "comptes.png");

        robot.interact(() -> table(robot).getSelectionModel().select(row(robot, "cbernard")));
        assertEquals("Désactiver…", robot.lookup("#account-active").queryButton().getText());
        robot.clickOn("#account-active");
        waitShown(robot, "#confirm-dialog");
        robot.clickOn("Désactiver le compte");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !row(robot, "cbernard").active());
        assertTrue(Keyring.load(database()).map(k -> !k.has("cbernard")).orElse(false), "its way into the keyring is removed");
    }

    @Test
    void everybodyChangesTheirOwnPasswordAfterTypingTheCurrentOne(FxRobot robot) throws Exception {
        try (Session admin = admin()) {
            // nothing else
        }
        openWindow(robot, false);
        signIn(robot, "admin", ADMIN_PASSWORD);
        waitSignedIn(robot);
        robot.clickOn("#change-password");
        waitShown(robot, "#password-dialog-current");
        type(robot, "#password-dialog-current", "pas le bon");
        type(robot, "#password-dialog-new", "un tout nouveau secret");
        type(robot, "#password-dialog-confirm", "un tout nouveau secret");
        robot.clickOn("#password-dialog-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#password-dialog-error").startsWith("Mot de passe actuel incorrect."));
        Screenshots.save(robot.lookup("#password-dialog").query().getScene(), "mot-de-passe.png");
        type(robot, "#password-dialog-current", ADMIN_PASSWORD);
        robot.clickOn("#password-dialog-ok");
        waitShown(robot, "#password-changed");
        assertTrue(Keyring.load(database()).orElseThrow().unwrap("admin", "un tout nouveau secret".toCharArray()).isPresent());
    }
}
