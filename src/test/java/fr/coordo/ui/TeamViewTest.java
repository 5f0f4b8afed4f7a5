package fr.coordo.ui;

import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.Professions;
import fr.coordo.team.TeamFilter;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

class TeamViewTest extends DemoWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private Database db() {
        return app.window().workspace().database();
    }

    private TeamView openTeam(FxRobot robot) throws Exception {
        waitUntilOpen();
        robot.clickOn("#nav-equipe");
        TeamView view = robot.lookup("#view-equipe").queryAs(TeamView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !view.shown().isEmpty());
        return view;
    }

    private void typeNew(FxRobot robot, TeamView view, String last, String first, String professionCode) {
        robot.clickOn("#team-add");
        robot.clickOn("#pro-lastName").write(last);
        robot.clickOn("#pro-firstName").write(first);
        robot.interact(() -> robot.lookup("#pro-professionCode").<Object>queryComboBox()
                .setValue(Professions.byCode(professionCode).orElseThrow()));
    }

    /** Waits until a node is on a window that is showing: a dialog takes a moment to appear. */
    private static void waitShown(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery()
                .filter(n -> n.isVisible() && n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing())
                .isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Focus by keyboard, as a user tabbing through the form, then type. */
    private static void type(FxRobot robot, String query, String text) {
        robot.interact(() -> robot.lookup(query).query().requestFocus());
        robot.write(text);
    }

    @Test
    void aWrongRppsKeyIsAWarningThatTheUserConfirmsThenTheProfessionalIsSaved(FxRobot robot) throws Exception {
        TeamView view = openTeam(robot);
        int before = db().read(d -> d.fetchCount(PROFESSIONAL));
        typeNew(robot, view, "Martin", "Paul", "infirmier");
        type(robot, "#pro-rpps", "06594487017");
        robot.clickOn("#pro-save");
        waitShown(robot, "#confirm-key");
        robot.clickOn("Confirmer le numéro");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown().stream().anyMatch(p -> p.lastName().equals("Martin")));
        assertEquals(before + 1, (int) db().read(d -> d.fetchCount(PROFESSIONAL)));
        var saved = db().read(d -> d.selectFrom(PROFESSIONAL).where(PROFESSIONAL.LAST_NAME.eq("Martin")).fetchSingle());
        assertEquals("06594487017", saved.getRpps());
        assertEquals("RPPS", saved.getConfirmedKeys(), "the confirmation is recorded");
        String audit = db().read(d -> d.select(AUDIT_ENTRY.CHANGES).from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.ENTITY.eq("professional")).and(AUDIT_ENTRY.ENTITY_ID.eq(String.valueOf(saved.getId())))
                .fetchSingle().value1());
        assertTrue(audit.contains("\"confirmed_keys\":[null,\"RPPS\"]"), audit);
        assertTrue(robot.lookup("#team-message").queryAs(Label.class).getText().startsWith("Professionnel ajouté : Martin Paul"));
    }

    @Test
    void anotherDoubtfulValueIsAskedAgainAndUnsavedChangesAreNotLostSilently(FxRobot robot) throws Exception {
        TeamView view = openTeam(robot);
        typeNew(robot, view, "Lambert", "Rose", "psychologue");
        type(robot, "#pro-rpps", "06594487017");
        robot.clickOn("#pro-save");
        waitShown(robot, "#confirm-key");
        robot.clickOn("Confirmer le numéro");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown().stream().anyMatch(p -> p.lastName().equals("Lambert")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#pro-heading").queryAs(Label.class).getText().equals("Lambert Rose"));

        // The same value confirmed earlier is not asked again; another doubtful value is.
        robot.interact(() -> robot.lookup("#pro-rpps").queryTextInputControl().setText("10000000001"));
        robot.clickOn("#pro-save");
        waitShown(robot, "#confirm-key");
        robot.clickOn("Corriger");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("06594487017", db().read(d -> d.selectFrom(PROFESSIONAL).where(PROFESSIONAL.LAST_NAME.eq("Lambert")).fetchSingle().getRpps()));

        // Moving to another row with unsaved changes asks first; « Continuer la saisie » keeps them.
        Professional other = view.shown().stream().filter(p -> !p.lastName().equals("Lambert")).findFirst().orElseThrow();
        // No wait: the question is a modal dialog that the robot answers below.
        javafx.application.Platform.runLater(() -> robot.lookup("#team-table").<Professional>queryTableView().getSelectionModel().select(other));
        waitShown(robot, "Continuer la saisie");
        robot.clickOn("Continuer la saisie");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("10000000001", robot.lookup("#pro-rpps").queryTextInputControl().getText(), "the typed value is still there");
    }

    @Test
    void aMalformedIbanIsRefusedWithItsFieldHighlightedAndNothingSaved(FxRobot robot) throws Exception {
        TeamView view = openTeam(robot);
        int before = db().read(d -> d.fetchCount(PROFESSIONAL));
        typeNew(robot, view, "Nouveau", "Jean", "medecin");
        type(robot, "#pro-iban", "FR76 3000 6000");
        type(robot, "#pro-bic", "BNPAFRPP");
        robot.clickOn("#pro-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.form().isMarked("iban"));
        assertFalse(view.form().isMarked("lastName"));
        String messages = robot.lookup("#pro-messages").queryAs(Label.class).getText();
        assertTrue(messages.startsWith("IBAN : "), messages);
        assertEquals(before, (int) db().read(d -> d.fetchCount(PROFESSIONAL)), "nothing saved");
        assertTrue(robot.lookup("#pro-iban").query().isFocused(), "focus on the field to correct");
    }

    @Test
    void endingAMembershipMovesThePersonAmongFormerMembers(FxRobot robot) throws Exception {
        TeamView view = openTeam(robot);
        Professional leaving = view.shown().getFirst();
        robot.interact(() -> robot.lookup("#team-table").<Professional>queryTableView().getSelectionModel().select(leaving));
        robot.clickOn("#pro-leave");
        waitShown(robot, "#membership-date");
        LocalDate yesterday = LocalDate.now(Database.ZONE).minusDays(1);
        robot.interact(() -> robot.lookup("#membership-date").<javafx.scene.control.DatePicker>query().setValue(yesterday));
        robot.clickOn("Enregistrer la sortie");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shown().stream().noneMatch(p -> p.id() == leaving.id()));
        robot.interact(() -> robot.lookup("#team-status").<TeamFilter.Status>queryComboBox().setValue(TeamFilter.Status.FORMER));
        Professional former = view.shown().stream().filter(p -> p.id() == leaving.id()).findFirst().orElseThrow();
        assertEquals(yesterday, former.memberUntil());
        assertEquals(leaving.memberSince(), former.memberSince(), "the history is kept");
    }

    @Test
    void searchIgnoresCaseAndAccentsAndTheIncompleteFilterShowsWhatIsMissing(FxRobot robot) throws Exception {
        TeamView view = openTeam(robot);
        Professional someone = view.shown().stream().filter(p -> !p.firstName().equals(fr.coordo.identity.SearchKey.of(p.firstName())))
                .findFirst().orElse(view.shown().getFirst());
        String typed = fr.coordo.identity.SearchKey.of(someone.firstName()).toUpperCase();
        robot.clickOn("#team-search").write(typed);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.shown().contains(someone), typed + " finds " + someone.displayName());
        assertTrue(view.shown().stream().allMatch(p -> fr.coordo.identity.SearchKey.of(p.lastName(), p.firstName())
                .contains(fr.coordo.identity.SearchKey.of(typed)) || fr.coordo.identity.SearchKey.of(p.firstName(), p.lastName())
                .contains(fr.coordo.identity.SearchKey.of(typed))));
        robot.interact(() -> robot.lookup("#team-search").queryTextInputControl().clear());
        robot.clickOn("#team-incomplete");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.shown().isEmpty(), "the demo team has incomplete records");
        assertTrue(view.shown().stream().noneMatch(p -> p.missingForPcr().isEmpty()));
        TableView<?> table = robot.lookup("#team-table").queryTableView();
        assertEquals(view.shown().size(), table.getItems().size());
        String counts = robot.lookup("#team-counts").queryAs(Label.class).getText();
        assertTrue(counts.startsWith("24 membres actifs : 6 infirmiers, 6 médecins, 3 masseurs-kinésithérapeutes"), counts);
        assertTrue(counts.endsWith(view.shown().size() + " affichés."), counts);
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        robot.clickOn("#team-incomplete");
        robot.interact(() -> robot.lookup("#team-table").<Professional>queryTableView().getSelectionModel().selectFirst());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "equipe.png");
    }
}
