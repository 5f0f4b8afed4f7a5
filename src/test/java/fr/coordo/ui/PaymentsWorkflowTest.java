package fr.coordo.ui;

import static fr.coordo.ui.PlanWorkflowTest.waitShown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.payment.PaymentFixtures;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentService;
import fr.coordo.payment.Period;
import fr.coordo.store.Database;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
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
 * The coordinator pays the third quarter of 2026 in the window: three episodes ended in it, the psychologist's IBAN
 * missing. The blocking check is seen and « Émettre » stays disabled; one patient's split is modulated in the editor
 * to remove the psychologist (he never saw her), his IBAN is typed for the others, the orders are issued after the
 * confirmation that lists the warning left, and the SEPA file is written through the window.
 */
@ExtendWith(ApplicationExtension.class)
class PaymentsWorkflowTest {
    private static final Period Q3 = Period.quarter(2026, 3);

    @TempDir
    Path dir;

    private CoordoApp app;
    private Stage stage;
    private int psychologist;
    /** Seen by everyone but the psychologist; seen by everyone; seen by everyone but the APA teacher. */
    private String durand;
    private String lemoine;
    private String petit;
    private int paidOrder;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        try (Database db = Database.open(dir.resolve("coordo.db"))) {
            PaymentFixtures p = new PaymentFixtures(db);
            // the fixture's team, with names a coordinator would see (same identifiers), the psychologist without IBAN
            TeamService team = p.f.team;
            team.update(p.pro("medecin"), PathwayFixtures.complete("Lefèvre", "Claire", "medecin", 1), Set.of());
            team.update(p.pro("dieteticien"), PathwayFixtures.complete("Garnier", "Sophie", "dieteticien", 2), Set.of());
            team.update(p.pro("enseignant_apa"), PathwayFixtures.complete("Roussel", "Thomas", "enseignant_apa", 3), Set.of());
            team.update(p.pro("psychologue"), withoutIban(PathwayFixtures.complete("Moreau", "Paul", "psychologue", 4)), Set.of());
            team.update(p.pro("infirmier"), PathwayFixtures.complete("Faure", "Julien", "infirmier", 5), Set.of());
            psychologist = p.pro("psychologue");

            durand = ended(p, "Durand", "Marie", LocalDate.of(2026, 5, 11), LocalDate.of(2026, 8, 20), "psychologue");
            lemoine = ended(p, "Lemoine", "Jacques", LocalDate.of(2026, 5, 18), LocalDate.of(2026, 9, 10), null);
            petit = ended(p, "Petit", "Louise", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 9, 25), "enseignant_apa");
        }
        app = new CoordoApp(ShellTest.startup(dir, false));
        app.start(stage);
    }

    /** An episode of a new patient, ended on {@code end}, seen in August by every professional but {@code notSeen}. */
    private static String ended(PaymentFixtures p, String name, String first, LocalDate start, LocalDate end, String notSeen) {
        int patient = p.patient(name, first, true);
        int episode = p.episode(p.project, patient, start, end);
        int[] seen = p.f.pros.entrySet().stream().filter(e -> !e.getKey().equals(notSeen)).mapToInt(e -> e.getValue()).toArray();
        p.seen(patient, start.plusWeeks(3), seen);
        p.seen(patient, start.plusWeeks(8), seen);
        return p.payments.unit(episode, "").orElseThrow().episodeReference();
    }

    private static ProfessionalInput withoutIban(ProfessionalInput c) {
        return new ProfessionalInput(c.civility(), c.lastName(), c.firstName(), c.professionCode(), c.specialty(), c.rpps(), c.adeli(),
                c.amNumber(), c.amRequestedOn(), c.conventioned(), c.cpamContractSignedOn(), c.practiceMode(), c.employerName(),
                c.employerSiret(), c.phone(), c.email(), c.mssante(), null, null, c.notes());
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
    }

    private Database db() {
        return app.window().workspace().database();
    }

    @Test
    void prepareTheQuarterSeeTheMissingIbanFixItIssueAndExportTheSepaFile(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window().workspace() != null);
        resize(robot, 1400, 900);
        PaymentService payments = new PaymentService(db());
        robot.clickOn("#nav-paiements");
        waitShown(robot, "#payments-prepare-button");
        // the current quarter is prepared on opening; nothing of 2026-Q3 is shown until it is chosen
        waitFor(robot, () -> !robot.lookup("#payments-prepare-button").query().isDisabled());
        assertEquals(Period.quarterOf(LocalDate.now(Database.ZONE)), view(robot).chosenPeriod());
        choose(robot, 2026, 3);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitRows(robot, "#payments-units", 3);

        String missing = nb(" : l'IBAN de Moreau Paul (Psychologue) est absent ; le virement de 225,20 € est impossible (fiche du professionnel).");
        waitFor(robot, () -> findingTexts(robot).stream().anyMatch(t -> t.startsWith(durand + " (") && t.endsWith(missing)));
        for (String episode : List.of(durand, lemoine, petit)) {
            assertTrue(findingTexts(robot).stream().anyMatch(t -> t.startsWith(episode + " (") && t.endsWith(missing)), episode);
        }
        assertTrue(robot.lookup("#payments-issue").query().isDisabled(), "nothing is issued while a check fails");
        assertEquals("Émission impossible : 3 points bloquants à corriger.", text(robot, "#payments-issue-why"));
        assertEquals("3 points bloquants à corriger avant d'émettre, 2 avertissements à confirmer.", text(robot, "#payments-findings-summary"));
        // the README's screenshot: the check that blocks, and why « Émettre » is disabled
        shoot(robot, "paiements");

        // The finding leads to Mme Durand's episode and the psychologist's share: « aucune activité ».
        clickFinding(robot, durand, missing);
        waitFor(robot, () -> text(robot, "#payments-unit-title").startsWith(durand + " — "));
        TableView<fr.coordo.payment.Share> shares = robot.lookup("#payments-shares").queryTableView();
        assertEquals(5, shares.getItems().size());
        assertEquals(psychologist, shares.getSelectionModel().getSelectedItem().professionalId(), "his share is chosen");
        assertTrue(cellTexts(robot, "#payments-shares").contains("aucune activité"), "the missing activity is shown");

        robot.clickOn("#payments-edit-split");
        waitShown(robot, "#split-remaining");
        assertEquals(nb("Réparti au centime : 1 126,00 €"), text(robot, "#split-remaining"));
        robot.clickOn("#split-remove-3");
        assertEquals(nb("Reste à répartir : 225,20 €"), text(robot, "#split-remaining"));
        robot.interact(() -> robot.lookup("#split-amount-3").queryAs(TextInputControl.class).clear());
        robot.clickOn("#split-amount-3").write("394,10");
        assertEquals(nb("Réparti au centime : 1 126,00 €"), text(robot, "#split-remaining"));
        assertEquals(nb("35 %"), text(robot, "#split-percent-3"));
        robot.clickOn("#split-note").write("Pas de suivi psychologique : la coordination a assuré le lien.");
        Screenshots.save(robot.lookup("#split-remaining").query().getScene(), "paiements-repartition.png");
        robot.clickOn("#split-ok");
        waitFor(robot, () -> findingTexts(robot).stream().noneMatch(t -> t.startsWith(durand + " (")));
        assertTrue(findingTexts(robot).stream().anyMatch(t -> t.startsWith(lemoine + " (") && t.endsWith(missing)));
        assertTrue(text(robot, "#payments-unit-info").endsWith(
                " · répartition modulée par la coordination : « Pas de suivi psychologique : la coordination a assuré le lien. »"),
                text(robot, "#payments-unit-info"));

        // The IBAN is typed in Équipe (here through the service); coming back, the quarter is prepared again.
        new TeamService(db()).update(psychologist, PathwayFixtures.complete("Moreau", "Paul", "psychologue", 4), Set.of());
        robot.clickOn("#nav-equipe");
        robot.clickOn("#nav-paiements");
        waitFor(robot, () -> !robot.lookup("#payments-issue").query().isDisabled());
        assertEquals("1 avertissement à confirmer à l'émission.", text(robot, "#payments-issue-why"));
        assertEquals(nb("1 ordre · 3 378,00 €"), text(robot, "#payments-total"));
        shoot(robot, "paiements-pret");

        robot.clickOn("#payments-issue");
        waitShown(robot, "#issue-confirm-ok");
        assertEquals(nb("Total : 3 378,00 € pour 3 prestations de la période « 3e trimestre 2026 »."), text(robot, "#issue-confirm-total"));
        List<String> warnings = robot.lookup("#issue-confirm-warnings .label").queryAll().stream().map(n -> ((Label) n).getText()).toList();
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().startsWith("• " + petit + " (") && warnings.getFirst().contains("aucune activité de Roussel Thomas"),
                warnings.getFirst());
        Screenshots.save(robot.lookup("#issue-confirm-ok").query().getScene(), "paiements-confirmation.png");
        robot.clickOn("#issue-confirm-ok");

        String number = "OP-" + LocalDate.now(Database.ZONE).getYear() + "-0001";
        waitFor(robot, () -> payments.orders().size() == 1);
        PaymentOrder order = payments.orders().getFirst();
        assertEquals(number, order.number());
        assertEquals(337_800L, order.totalCents());
        // Mme Durand's episode pays four shares (no psychologist), the two others five
        assertEquals(14, order.lines().size());
        assertTrue(order.lines().stream().noneMatch(l -> l.episodeReference().equals(durand) && Integer.valueOf(psychologist).equals(l.professionalId())));
        waitRows(robot, "#payments-orders", 1);
        assertTrue(cellTexts(robot, "#payments-orders").contains(number), "the order is listed in « Ordres émis »");
        waitFor(robot, () -> text(robot, "#payments-order-title").startsWith(number + " — Ordre de paiement · 3e trimestre 2026"));
        assertTrue(robot.lookup("#payments-csv").query().isDisabled(), "a transfer order has no Assurance Maladie file");
        shoot(robot, "paiements-ordres");

        Path out = Files.createDirectories(dir.resolve("exports"));
        robot.interact(() -> view(robot).useChooser((chooser, owner) -> out.resolve(chooser.getInitialFileName()).toFile()));
        robot.clickOn("#payments-sepa");
        waitShown(robot, "#payments-health-warning-ok");
        robot.clickOn("#payments-health-warning-ok");
        Path sepa = out.resolve(fr.coordo.payment.PaymentDocuments.defaultName(order, PaymentService.Format.SEPA));
        waitFor(robot, () -> Files.exists(sepa) && text(robot, "#payments-orders-message").startsWith("Virement SEPA"));
        assertTrue(Files.readString(sepa).contains(number), "the transfer file names the order");
        assertTrue(text(robot, "#payments-orders-message").startsWith("Virement SEPA (" + number + ", exécution demandée le "
                + Forms.date(LocalDate.now(Database.ZONE)) + ") enregistré : " + sepa),
                text(robot, "#payments-orders-message"));

        // The personal-data warning was given once: the PDF goes straight to the save dialog.
        robot.clickOn("#payments-pdf");
        Path pdf = out.resolve(number + ".pdf");
        waitFor(robot, () -> Files.exists(pdf) && text(robot, "#payments-orders-message").startsWith("Ordre " + number + " enregistré en PDF"));
        assertTrue(robot.lookup("#payments-health-warning").tryQuery().isEmpty(), "no second warning in the session");
        fr.coordo.document.PdfAssertions.assertPdfA2b(Files.readAllBytes(pdf));

        // Back in « Préparer », the quarter's three episodes are paid and nothing is left to pay.
        robot.interact(() -> robot.lookup("#payments-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(0));
        waitFor(robot, () -> robot.lookup("#payments-paid").queryAs(javafx.scene.control.TitledPane.class).getText()
                .equals("Déjà payées dans la période (3)"));
        waitRows(robot, "#payments-units", 0);
        assertTrue(robot.lookup("#payments-issue").query().isDisabled());
    }

    @Test
    void theSplitEditorRefusesABadAmountAndKeepsWhatWasTyped(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window().workspace() != null);
        resize(robot, 1400, 900);
        PaymentService payments = new PaymentService(db());
        robot.clickOn("#nav-paiements");
        waitShown(robot, "#payments-prepare-button");
        waitFor(robot, () -> !robot.lookup("#payments-prepare-button").query().isDisabled());
        // a quarter becomes its first month and back; a click on the kind already chosen changes nothing
        Period current = Period.quarterOf(LocalDate.now(Database.ZONE));
        robot.clickOn("#payments-kind-month");
        assertEquals(Period.month(java.time.YearMonth.from(current.start())), view(robot).chosenPeriod());
        assertTrue(text(robot, "#payments-issue-why").startsWith("Période changée : préparez « "), text(robot, "#payments-issue-why"));
        robot.clickOn("#payments-kind-quarter");
        robot.clickOn("#payments-kind-quarter");
        assertEquals(current, view(robot).chosenPeriod());
        choose(robot, 2026, 3);
        robot.clickOn("#payments-prepare-button");
        waitRows(robot, "#payments-units", 3);
        robot.interact(() -> {
            TableView<?> units = robot.lookup("#payments-units").queryTableView();
            units.getSelectionModel().select(0);
            units.requestFocus();
        });
        robot.type(KeyCode.ENTER);
        waitShown(robot, "#split-amount-0");

        robot.interact(() -> robot.lookup("#split-amount-0").queryAs(TextInputControl.class).setText("281,505"));
        assertEquals("Part 1 : plus de deux décimales", text(robot, "#split-remaining"));
        robot.clickOn("#split-ok");
        waitFor(robot, () -> text(robot, "#split-error").equals("Part 1 : le montant a plus de deux décimales ; arrondissez au centime."));
        assertTrue(robot.lookup("#split-ok").query().getScene().getWindow().isShowing(), "the dialog stays open");
        assertEquals("281,505", robot.lookup("#split-amount-0").queryAs(TextInputControl.class).getText(), "what was typed is kept");

        robot.interact(() -> robot.lookup("#split-amount-0").queryAs(TextInputControl.class).setText("deux cents"));
        assertEquals("Part 1 : montant illisible", text(robot, "#split-remaining"));
        robot.clickOn("#split-ok");
        waitFor(robot, () -> text(robot, "#split-error").equals("Part 1 : « deux cents » n'est pas un montant en euros (par exemple 225,20)."));
        Screenshots.save(robot.lookup("#split-error").query().getScene(), "paiements-repartition-refusee.png");

        robot.interact(() -> robot.lookup("#split-amount-0").queryAs(TextInputControl.class).setText("-10"));
        robot.clickOn("#split-ok");
        waitFor(robot, () -> text(robot, "#split-error").equals("Part 1 : le montant ne peut pas être négatif."));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        for (var u : payments.prepare(Q3).units()) {
            assertFalse(u.modulated(), "nothing was written for " + u.episodeReference());
        }
    }

    @Test
    void anIssuedOrderIsCancelledByACancellingOrderAfterItsReasonAndAConfirmation(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window().workspace() != null);
        resize(robot, 1400, 900);
        PaymentService payments = new PaymentService(db());
        new TeamService(db()).update(psychologist, PathwayFixtures.complete("Moreau", "Paul", "psychologue", 4), Set.of());
        PaymentOrder first = payments.issue(payments.prepare(Q3), true).getFirst();

        robot.clickOn("#nav-paiements");
        robot.interact(() -> robot.lookup("#payments-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(1));
        waitRows(robot, "#payments-orders", 1);
        waitFor(robot, () -> !robot.lookup("#payments-cancel").query().isDisabled());
        robot.clickOn("#payments-cancel");
        waitShown(robot, "#cancel-dialog-ok");
        robot.clickOn("#cancel-dialog-ok");
        waitFor(robot, () -> text(robot, "#cancel-dialog-error").startsWith("Motif de l'annulation : dites pourquoi"));
        robot.clickOn("#cancel-reason").write("Mauvaise répartition : Mme Durand n'a pas vu le psychologue");
        robot.clickOn("#cancel-dialog-ok");
        waitShown(robot, "#confirm-dialog");
        robot.type(KeyCode.ENTER);
        waitFor(robot, () -> payments.orders().size() == 2);
        PaymentOrder cancelling = payments.orders().getFirst();
        assertEquals(first.number(), cancelling.cancelsNumber());
        waitRows(robot, "#payments-orders", 2);
        waitFor(robot, () -> text(robot, "#payments-order-title").startsWith(cancelling.number() + " — Ordre d'annulation"));
        assertTrue(cellTexts(robot, "#payments-orders").contains("annule " + first.number()));
        assertTrue(cellTexts(robot, "#payments-orders").contains("annulé par " + cancelling.number()));
        assertTrue(text(robot, "#payments-orders-message").startsWith("Ordre d'annulation " + cancelling.number() + " émis : il annule "
                + first.number()), text(robot, "#payments-orders-message"));
        assertTrue(robot.lookup("#payments-cancel").query().isDisabled(), "a cancelling order is not cancelled");
        robot.interact(() -> robot.lookup("#payments-orders").queryTableView().getSelectionModel().clearAndSelect(1));
        waitFor(robot, () -> text(robot, "#payments-order-info").contains("Annulé par l'ordre " + cancelling.number()));
        assertTrue(robot.lookup("#payments-cancel").query().isDisabled(), "a cancelled order is not cancelled twice");
        shoot(robot, "paiements-annulation");

        // its units are free again: « Préparer » offers them for a new order
        robot.interact(() -> robot.lookup("#payments-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(0));
        choose(robot, 2026, 3);
        robot.clickOn("#payments-prepare-button");
        waitRows(robot, "#payments-units", 3);
    }

    @Test
    void anIssueRefusedBecauseTheQuarterWasPaidMeanwhileSaysWhyAndShowsItPaid(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window().workspace() != null);
        resize(robot, 1400, 900);
        PaymentService payments = new PaymentService(db());
        new TeamService(db()).update(psychologist, PathwayFixtures.complete("Moreau", "Paul", "psychologue", 4), Set.of());
        robot.clickOn("#nav-paiements");
        waitShown(robot, "#payments-prepare-button");
        waitFor(robot, () -> !robot.lookup("#payments-prepare-button").query().isDisabled());
        choose(robot, 2026, 3);
        robot.clickOn("#payments-prepare-button");
        waitRows(robot, "#payments-units", 3);
        waitFor(robot, () -> !robot.lookup("#payments-issue").query().isDisabled());

        // meanwhile the quarter is issued elsewhere (the command line, another workstation)
        PaymentOrder elsewhere = payments.issue(payments.prepare(Q3), true).getFirst();
        robot.clickOn("#payments-issue");
        waitShown(robot, "#issue-confirm-ok");
        robot.clickOn("#issue-confirm-ok");
        waitFor(robot, () -> text(robot, "#payments-message").startsWith("Aucun ordre n'a été émis :"));
        assertTrue(text(robot, "#payments-message").contains(durand + " (DURAND Marie) : l'épisode est déjà payé par l'ordre "
                + elsewhere.number() + "."), text(robot, "#payments-message"));
        assertEquals(1, payments.orders().size(), "nothing paid twice");
        waitFor(robot, () -> robot.lookup("#payments-paid").queryAs(javafx.scene.control.TitledPane.class).getText()
                .equals("Déjà payées dans la période (3)"));
        waitRows(robot, "#payments-units", 0);
    }

    // ---------------------------------------------------------------- helpers

    /** Amounts and percentages as the window writes them, with non-breaking spaces. */
    private static String nb(String s) {
        return s.replaceAll("(\\d) (\\d)", "$1\u00a0$2").replace(" €", "\u00a0€").replace(" %", "\u00a0%");
    }

    private static PaymentsView view(FxRobot robot) {
        return robot.lookup("#view-paiements").queryAs(PaymentsView.class);
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, int year, int quarter) {
        robot.interact(() -> {
            robot.lookup("#payments-kind-quarter").queryAs(javafx.scene.control.ToggleButton.class).setSelected(true);
            robot.lookup("#payments-year").queryAs(ComboBox.class).setValue(year);
            robot.lookup("#payments-part").queryAs(ComboBox.class).setValue(quarter);
        });
    }

    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The screenshot at 1400×900, and one at 1000×800 to look at a narrower window. */
    private void shoot(FxRobot robot, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), name + ".png");
        resize(robot, 1000, 800);
        Screenshots.save(stage.getScene(), name + "-1000x800.png");
        resize(robot, 1400, 900);
    }

    private static List<String> findingTexts(FxRobot robot) {
        return robot.lookup("#payments-findings .payment-finding-text").queryAll().stream().map(n -> ((Label) n).getText()).toList();
    }

    private static void clickFinding(FxRobot robot, String episode, String end) {
        Node finding = robot.lookup("#payments-findings .payment-finding-text").queryAll().stream()
                .filter(n -> ((Label) n).getText().startsWith(episode + " (") && ((Label) n).getText().endsWith(end)).findFirst().orElseThrow();
        robot.clickOn(finding);
    }

    /** The texts of a table's cells, as shown or kept for screen readers. */
    private static List<String> cellTexts(FxRobot robot, String table) {
        return robot.lookup(table + " .table-cell").queryAll().stream()
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).filter(t -> t != null).toList();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n instanceof Label l ? l.getText() : ((Button) n).getText()).orElse("");
    }

    private void waitRows(FxRobot robot, String table, int rows) throws Exception {
        waitFor(robot, () -> robot.lookup(table).tryQuery().map(n -> ((TableView<?>) n).getItems().size() == rows).orElse(false));
    }

    /** Waits for {@code done}; on time-out, says what the section reported. */
    private void waitFor(FxRobot robot, Callable<Boolean> done) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, done);
            WaitForAsyncUtils.waitForFxEvents();
        } catch (java.util.concurrent.TimeoutException e) {
            Screenshots.save(stage.getScene(), "echec-paiements.png");
            throw new AssertionError("message : " + text(robot, "#payments-message") + " / ordres : " + text(robot, "#payments-orders-message")
                    + " / contrôles : " + findingTexts(robot) + " / dialogues : "
                    + robot.lookup(".form-messages").queryAll().stream().map(n -> ((Label) n).getText()).toList(), e);
        }
    }
}
