package fr.coordo.ui;

import static fr.coordo.ui.PlanWorkflowTest.setDate;
import static fr.coordo.ui.PlanWorkflowTest.type;
import static fr.coordo.ui.PlanWorkflowTest.waitShown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.pathway.PcrTypeService;
import fr.coordo.pathway.PcrTypeVersion;
import fr.coordo.pathway.ProjectInput;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.store.Database;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The coordinator builds a projet de parcours in the window: a team with a psychologist whose RPPS is missing, the
 * gap seen and fixed, the signatures and Ordre notifications recorded, the transmission, the countdown in the
 * section and on the dashboard, then a change that makes version 2.
 */
@ExtendWith(ApplicationExtension.class)
class PathwayProjectWorkflowTest {
    @TempDir
    Path dir;

    private CoordoApp app;
    private Stage stage;
    /** Professional ids by profession code; the psychologist has no RPPS. */
    private final Map<String, Integer> pros = new LinkedHashMap<>();
    private final LocalDate today = LocalDate.now(Database.ZONE);

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // A structure able to carry the obesity PCR (a SISA, its representative and bank details, the type completed)
        // and its team; the projet itself is built through the window.
        try (Database db = Database.open(dir.resolve("coordo.db"))) {
            Clock clock = Clock.system(Database.ZONE);
            new StructureService(db, clock).save(PathwayFixtures.structure("msp_sisa"), Set.of());
            TeamService team = new TeamService(db, clock);
            LocalDate since = today.minusYears(1);
            pros.put("medecin", team.add(PathwayFixtures.complete("Lefèvre", "Claire", "medecin", 1), Set.of(), since));
            pros.put("dieteticien", team.add(PathwayFixtures.complete("Garnier", "Sophie", "dieteticien", 2), Set.of(), since));
            pros.put("enseignant_apa", team.add(PathwayFixtures.complete("Roussel", "Thomas", "enseignant_apa", 3), Set.of(), since));
            pros.put("psychologue", team.add(withoutRpps(PathwayFixtures.complete("Moreau", "Paul", "psychologue", 4)), Set.of(), since));
            pros.put("infirmier", team.add(PathwayFixtures.complete("Faure", "Julien", "infirmier", 5), Set.of(), since));
            team.add(PathwayFixtures.complete("Chevalier", "Marc", "masseur_kinesitherapeute", 6), Set.of(), since);
            PathwayFixtures.completedObesity(new PcrTypeService(db, clock));
        }
        app = new CoordoApp(ShellTest.startup(dir, false));
        app.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
    }

    private static ProfessionalInput withoutRpps(ProfessionalInput c) {
        return new ProfessionalInput(c.civility(), c.lastName(), c.firstName(), c.professionCode(), c.specialty(), null, c.adeli(),
                c.amNumber(), c.amRequestedOn(), c.conventioned(), c.cpamContractSignedOn(), c.practiceMode(), c.employerName(),
                c.employerSiret(), c.phone(), c.email(), c.mssante(), c.iban(), c.bic(), c.notes());
    }

    private Database db() {
        return app.window().workspace().database();
    }

    @Test
    void buildAProjetFixItsGapsCollectTheSignaturesTransmitAndWatchTheCountdown(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window().workspace() != null);
        resize(robot, 1400, 900);
        ProjectService projects = new ProjectService(db());
        String reference = "PP-" + today.getYear() + "-001";

        robot.clickOn("#nav-parcours");
        waitShown(robot, "#project-new");
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitShown(robot, "#new-project-type");
        Screenshots.save(robot.lookup("#new-project-type").query().getScene(), "parcours-dialogue-nouveau.png");
        robot.clickOn("#new-project-dialog-ok");
        waitFor(robot, () -> projects.all().size() == 1);
        int id = projects.all().getFirst().id();
        waitFor(robot, () -> text(robot, "#project-heading").equals(reference));
        assertEquals("Brouillon", text(robot, "#project-status"));

        setDate(robot, "#project-start", Forms.date(today.plusMonths(3)));
        type(robot, "#project-patients", "40");
        type(robot, "#project-territory", "Tours et sa métropole");

        selectTab(robot, "#project-tab-team");
        waitShown(robot, "#project-add-members");
        robot.clickOn("#project-add-members");
        waitShown(robot, "#members-filter");
        // The filter narrows the structure's professionals; the ones ticked stay ticked when it is cleared.
        robot.clickOn("#members-filter").write("moreau");
        waitShown(robot, "#member-pick-" + pros.get("psychologue"));
        robot.clickOn("#member-pick-" + pros.get("psychologue"));
        robot.interact(() -> robot.lookup("#members-filter").queryTextInputControl().clear());
        for (String profession : List.of("medecin", "dieteticien", "enseignant_apa", "infirmier")) {
            waitShown(robot, "#member-pick-" + pros.get(profession));
            robot.clickOn("#member-pick-" + pros.get(profession));
        }
        assertEquals("5 professionnels choisis.", text(robot, "#members-count"));
        Screenshots.save(robot.lookup("#members-list").query().getScene(), "parcours-dialogue-equipe.png");
        robot.clickOn("#members-dialog-ok");
        waitRows(robot, "#project-team", 5);

        robot.interact(() -> robot.lookup("#project-team").queryTableView().getSelectionModel().select(1));
        robot.clickOn("#project-edit-member");
        waitShown(robot, "#member-role");
        Screenshots.save(robot.lookup("#member-role").query().getScene(), "parcours-dialogue-role.png");
        robot.clickOn("#member-role").write("Médecin référent du parcours");
        robot.clickOn("#member-dialog-ok");
        assertTrue(robot.lookup("#project-dirty").query().isVisible(), "the unsaved changes are said");

        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor(robot, () -> projects.find(id).orElseThrow().current().members().size() == 5);
        ProjectVersion draft = projects.find(id).orElseThrow().current();
        assertEquals(today.plusMonths(3), draft.plannedStart());
        assertEquals(40, draft.expectedPatients());
        assertEquals("Tours et sa métropole", draft.territory());
        assertEquals("Médecin référent du parcours", draft.member(pros.get("medecin")).orElseThrow().role(),
                () -> draft.members().stream().map(m -> m.professional().displayName() + "=" + m.role()).toList().toString());

        String missingRpps = "Moreau Paul (Psychologue) n'a pas de numéro RPPS.";
        waitFor(robot, () -> gapTexts(robot).contains(missingRpps));
        assertEquals("1 manque à corriger avant de déclarer le projet prêt à signer.", text(robot, "#project-gaps-summary"));
        shoot(robot, "parcours-verification");

        // The gap leads to the psychologist's line.
        robot.interact(() -> robot.lookup("#project-tabs").queryAs(TabPane.class).getSelectionModel().select(0));
        clickGap(robot, missingRpps);
        int psychologistRow = draft.members().indexOf(draft.member(pros.get("psychologue")).orElseThrow());
        waitFor(robot, () -> robot.lookup("#project-team").queryTableView().getSelectionModel().getSelectedIndex() == psychologistRow);

        robot.clickOn("#project-ready");
        waitFor(robot, () -> text(robot, "#project-messages").contains(missingRpps));
        assertEquals(ProjectStatus.BROUILLON, projects.find(id).orElseThrow().current().storedStatus(), "refused: still a draft");

        // The RPPS is typed in Équipe (here through the service); coming back, the verification has followed.
        new TeamService(db()).update(pros.get("psychologue"), PathwayFixtures.complete("Moreau", "Paul", "psychologue", 4), Set.of());
        robot.clickOn("#nav-equipe");
        robot.clickOn("#nav-parcours");
        waitFor(robot, () -> text(robot, "#project-gaps-summary").equals("Aucun manque : le projet peut être déclaré prêt à signer."));
        assertFalse(gapTexts(robot).contains(missingRpps));

        robot.clickOn("#project-ready");
        waitFor(robot, () -> projects.find(id).orElseThrow().current().storedStatus() == ProjectStatus.PRET);
        waitFor(robot, () -> text(robot, "#project-status").equals("Prêt à signer"));
        assertTrue(robot.lookup("#project-type").query().isDisabled(), "a projet ready to sign is read-only");

        selectTab(robot, "#project-tab-team");
        for (int member : pros.values()) {
            waitShown(robot, "#project-sign-" + member);
            robot.clickOn("#project-sign-" + member);
            waitShown(robot, "#sign-dialog-ok");
            if (member == pros.get("medecin")) {
                Screenshots.save(robot.lookup("#sign-dialog-ok").query().getScene(), "parcours-dialogue-signature.png");
            }
            robot.clickOn("#sign-dialog-ok");
            waitFor(robot, () -> projects.find(id).orElseThrow().current().member(member).orElseThrow().signedOn() != null);
            waitFor(robot, () -> buttonText(robot, "#project-sign-" + member).equals(Forms.date(today)));
        }
        waitShown(robot, "#project-sign-representative");
        shoot(robot, "parcours-signatures");
        robot.clickOn("#project-sign-representative");
        waitShown(robot, "#sign-dialog-ok");
        robot.clickOn("#sign-dialog-ok");
        waitFor(robot, () -> projects.find(id).orElseThrow().current().storedStatus() == ProjectStatus.SIGNE);
        waitFor(robot, () -> text(robot, "#project-status").equals("Signé"));
        for (String ordered : List.of("medecin", "infirmier")) {
            int member = pros.get(ordered);
            waitShown(robot, "#project-notify-" + member);
            robot.clickOn("#project-notify-" + member);
            waitShown(robot, "#notify-dialog-ok");
            robot.clickOn("#notify-dialog-ok");
            waitFor(robot, () -> projects.find(id).orElseThrow().current().member(member).orElseThrow().ordreNotifiedOn() != null);
            waitFor(robot, () -> buttonText(robot, "#project-notify-" + member).equals(Forms.date(today)));
        }
        assertTrue(robot.lookup("#project-notify-" + pros.get("psychologue")).tryQuery().isEmpty(), "no Ordre for a psychologist");
        waitFor(robot, () -> text(robot, "#project-gaps-summary").equals("Aucun manque : le projet peut être transmis à l'ARS et à la CPAM."));

        LocalDate deadline = today.plusMonths(2);
        long days = ChronoUnit.DAYS.between(today, deadline);
        waitFor(robot, () -> !robot.lookup("#project-transmit").query().isDisabled());
        robot.clickOn("#project-transmit");
        waitShown(robot, "#transmit-dialog-deadline");
        assertTrue(text(robot, "#transmit-dialog-deadline").startsWith("Échéance le " + Forms.date(deadline)),
                text(robot, "#transmit-dialog-deadline"));
        Screenshots.save(robot.lookup("#transmit-dialog-deadline").query().getScene(), "parcours-dialogue-transmission.png");
        robot.clickOn("#transmit-dialog-ok");
        waitFor(robot, () -> projects.find(id).orElseThrow().current().storedStatus() == ProjectStatus.TRANSMIS);

        String countdown = "Délai d'opposition : " + days + " jours (échéance le " + Forms.date(deadline) + ")";
        waitFor(robot, () -> text(robot, "#project-window").equals(countdown));
        assertEquals("Transmis", text(robot, "#project-status"));
        assertEquals("Transmis : l'ARS peut s'opposer jusqu'au " + Forms.date(deadline) + ". Une version 2 se prépare après sa décision "
                + "ou cette échéance.", text(robot, "#project-banner"));
        selectTab(robot, "#project-tab-form");
        shoot(robot, "parcours-formulaire");
        selectTab(robot, "#project-tab-team");
        shoot(robot, "parcours-projet");

        robot.clickOn("#nav-tableau-de-bord");
        waitFor(robot, () -> text(robot, "#dash-project-" + reference + "-text")
                .equals("— délai d'opposition : " + days + " jours (échéance le " + Forms.date(deadline) + ")"));
        shoot(robot, "tableau-de-bord-parcours");
        robot.clickOn("#dash-project-" + reference);
        waitShown(robot, "#project-heading");
        assertEquals(Section.PATHWAY, app.window().current());

        // Once the ARS has validated it, a change asks its reason and makes version 2; version 1 stays as sent.
        projects.recordDecision(id, ProjectStatus.VALIDE, today, null);
        robot.clickOn("#nav-tableau-de-bord");
        robot.clickOn("#nav-parcours");
        waitFor(robot, () -> text(robot, "#project-status").equals("Validé"));
        selectTab(robot, "#project-tab-form");
        robot.interact(() -> {
            robot.lookup("#project-territory").query().requestFocus();
            robot.lookup("#project-territory").queryTextInputControl().end();
        });
        robot.write(" et Joué-lès-Tours");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitShown(robot, "#reason-dialog-text");
        robot.clickOn("#reason-dialog-text").write("Territoire élargi à Joué-lès-Tours");
        robot.clickOn("#reason-dialog-ok");
        waitFor(robot, () -> projects.find(id).orElseThrow().versions().size() == 2);
        Project twice = projects.find(id).orElseThrow();
        assertEquals(ProjectStatus.VALIDE, twice.versions().getFirst().storedStatus());
        assertEquals("Tours et sa métropole", twice.versions().getFirst().territory());
        assertEquals(ProjectStatus.BROUILLON, twice.current().storedStatus());
        assertEquals("Tours et sa métropole et Joué-lès-Tours", twice.current().territory());
        waitFor(robot, () -> text(robot, "#project-version").equals("Version 2"));
        selectTab(robot, "#project-tab-history");
        waitRows(robot, "#project-history", 2);
        robot.interact(() -> robot.lookup("#project-history").queryTableView().getSelectionModel().select(1));
        waitFor(robot, () -> text(robot, "#project-history-team-title").equals(
                "Équipe de la version 1, telle que transmise le " + Forms.date(today)));
        waitRows(robot, "#project-history-team", 5);
        shoot(robot, "parcours-historique");
    }

    @Test
    void aWrongDateStaysInItsDialogBackToDraftClearsTheSignaturesSupprRemovesAMemberAndTheArsOpposes(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window().workspace() != null);
        resize(robot, 1400, 900);
        ProjectService projects = new ProjectService(db());
        new TeamService(db()).update(pros.get("psychologue"), PathwayFixtures.complete("Moreau", "Paul", "psychologue", 4), Set.of());
        PcrTypeVersion obesity = new PcrTypeService(db()).current().getFirst();
        int id = projects.create(new ProjectInput(obesity.id(), today.plusMonths(2), 30, "Tours", PaymentChannel.STRUCTURE,
                pros.values().stream().map(p -> new ProjectInput.MemberInput(p, null, List.of())).toList()));
        signEverything(projects, id, today.minusDays(1));

        robot.clickOn("#nav-parcours");
        waitFor(robot, () -> text(robot, "#project-status").equals("Signé"));
        robot.clickOn("#project-transmit");
        waitShown(robot, "#transmit-dialog-on");
        setDate(robot, "#transmit-dialog-on", Forms.date(today.minusDays(5)));
        robot.clickOn("#transmit-dialog-ok");
        waitFor(robot, () -> text(robot, "#transmit-dialog-error").contains("précède la dernière signature ou notification"));
        assertEquals(ProjectStatus.SIGNE, projects.find(id).orElseThrow().current().storedStatus(), "nothing written");
        robot.type(KeyCode.ESCAPE);

        robot.clickOn("#project-back-to-draft");
        waitShown(robot, "#confirm-dialog");
        robot.type(KeyCode.ENTER);
        waitFor(robot, () -> projects.find(id).orElseThrow().current().storedStatus() == ProjectStatus.BROUILLON);
        assertTrue(projects.find(id).orElseThrow().current().members().stream().allMatch(m -> m.signedOn() == null),
                "the signatures were given on the former text");
        waitFor(robot, () -> text(robot, "#project-status").equals("Brouillon"));

        selectTab(robot, "#project-tab-team");
        waitRows(robot, "#project-team", 5);
        robot.interact(() -> {
            TableView<?> team = robot.lookup("#project-team").queryTableView();
            team.getSelectionModel().select(4);
            team.requestFocus();
        });
        robot.type(KeyCode.DELETE);
        waitShown(robot, "#confirm-dialog");
        robot.type(KeyCode.ENTER);
        waitRows(robot, "#project-team", 4);
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor(robot, () -> projects.find(id).orElseThrow().current().members().size() == 4);
        assertTrue(projects.find(id).orElseThrow().current().member(pros.get("infirmier")).isEmpty());

        signEverything(projects, id, today);
        projects.transmit(id, today);
        robot.clickOn("#nav-equipe");
        robot.clickOn("#nav-parcours");
        waitShown(robot, "#project-decision");
        robot.clickOn("#project-decision");
        waitShown(robot, "#decision-opposed");
        robot.clickOn("#decision-opposed");
        robot.clickOn("#decision-dialog-ok");
        waitFor(robot, () -> text(robot, "#decision-dialog-error").equals("Motif de l'opposition : obligatoire."));
        robot.clickOn("#decision-dialog-note").write("Équipe minimale : un infirmier est attendu sur ce territoire");
        robot.clickOn("#decision-dialog-ok");
        waitFor(robot, () -> projects.find(id).orElseThrow().current().storedStatus() == ProjectStatus.OPPOSE);
        waitFor(robot, () -> text(robot, "#project-window").equals("Opposition de l'ARS le " + Forms.date(today)
                + " : Équipe minimale : un infirmier est attendu sur ce territoire"));
        assertTrue(robot.lookup("#project-new-version").query().isVisible(), "an opposed projet is declared again as a new version");
    }

    /** Ready, signed by everyone and the representative, the Ordres notified: what the window is shown next. */
    private void signEverything(ProjectService projects, int id, LocalDate day) {
        projects.markReady(id);
        ProjectVersion v = projects.find(id).orElseThrow().current();
        for (ProjectVersion.Member m : v.members()) {
            projects.recordSignature(id, m.professional().id(), day);
            if (m.needsOrdreNotification()) {
                projects.recordOrdreNotification(id, m.professional().id(), day);
            }
        }
        projects.recordRepresentativeSignature(id, day);
    }

    // ---------------------------------------------------------------- helpers

    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The screenshot at 1400×900 (kept for the README), and one at 1000×800 to look at a narrower window. */
    private void shoot(FxRobot robot, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), name + ".png");
        resize(robot, 1000, 800);
        Screenshots.save(stage.getScene(), name + "-1000x800.png");
        resize(robot, 1400, 900);
    }

    private static void selectTab(FxRobot robot, String tabId) {
        robot.interact(() -> {
            TabPane tabs = robot.lookup("#project-tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> tabId.equals("#" + t.getId())).findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> gapTexts(FxRobot robot) {
        return robot.lookup("#project-gaps .label").queryAll().stream().filter(Node::isVisible).map(n -> ((Label) n).getText()).toList();
    }

    private static void clickGap(FxRobot robot, String message) {
        Node gap = robot.lookup("#project-gaps .label").queryAll().stream()
                .filter(n -> message.equals(((Label) n).getText())).findFirst().orElseThrow();
        robot.clickOn(gap);
    }

    private static String buttonText(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> ((javafx.scene.control.Button) n).getText()).orElse("");
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private void waitRows(FxRobot robot, String table, int rows) throws Exception {
        waitFor(robot, () -> robot.lookup(table).tryQuery().map(n -> ((TableView<?>) n).getItems().size() == rows).orElse(false));
    }

    /** Waits for {@code done}; on time-out, says what the pane reported. */
    private void waitFor(FxRobot robot, Callable<Boolean> done) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, done);
            WaitForAsyncUtils.waitForFxEvents();
        } catch (java.util.concurrent.TimeoutException e) {
            Screenshots.save(stage.getScene(), "echec-parcours.png");
            throw new AssertionError("messages : " + text(robot, "#project-messages") + " / vérification : " + gapTexts(robot)
                    + " / dialogues : " + robot.lookup(".form-messages").queryAll().stream().map(n -> ((Label) n).getText()).toList(), e);
        }
    }
}
