package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.document.Fingerprint;
import fr.coordo.document.PdfAssertions;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.payment.PaymentCsv;
import fr.coordo.payment.PaymentFixtures;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentOrderPdf;
import fr.coordo.payment.PaymentService;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentsCliTest {
    private static final Path SCHEMA = Path.of(System.getProperty("coordo.shared", "../shared"), "schemas", "pain.001.001.09.xsd");

    @TempDir
    Path dir;

    private Path db;
    private int psychologist;
    /** The orders are numbered in the year of the real clock the command line runs on. */
    private final String year = String.valueOf(LocalDate.now(Database.ZONE).getYear());

    private record Run(int code, String out, String err) {}

    /**
     * October 2026: two episodes of the main projet paid by the structure (only the first patient was seen by the
     * team: the second one's shares are points to confirm), one episode of a second projet paid by the CPAM.
     */
    @BeforeEach
    void database() {
        db = dir.resolve("paiements.db");
        try (Database d = Database.open(db)) {
            PaymentFixtures p = new PaymentFixtures(d);
            psychologist = p.pro("psychologue");
            int seen = p.episode("Durand", LocalDate.of(2026, 10, 10));
            p.seenByAll(p.payments.unit(seen, "").orElseThrow().patient().id(), LocalDate.of(2026, 8, 3));
            p.episode("Martin", LocalDate.of(2026, 10, 12));
            int cpam = p.transmitted(PaymentChannel.CPAM, PaymentFixtures.TRANSMITTED);
            int patient = p.patient("Petit", "Louis", true);
            p.episode(cpam, patient, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 10, 20));
            p.seenByAll(patient, LocalDate.of(2026, 8, 4));
        }
        CliAccess.protect(db);
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = db.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.execute(all, CliAccess.env(dir), new PrintWriter(out, true), new PrintWriter(err, true), t -> { });
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void issueShowsTheUnitsAndIssuesNothingUntilThePointsToConfirmAreConfirmed() {
        Run refused = run("payments", "issue", "--period", "2026-10");
        assertEquals(1, refused.code(), refused.err());
        List<String> lines = refused.out().lines().toList();
        assertEquals("Période : octobre 2026 (2026-10).", lines.get(0));
        assertEquals("3 prestations à payer, 3\u00a0378,00\u00a0€ :", lines.get(1));
        assertEquals("  Projet PP-2026-001, payé par virement de la structure : 2 prestations, 2\u00a0252,00\u00a0€", lines.get(2));
        assertTrue(lines.get(3).matches("    EP-2026-0001 \\(DURAND Jeanne\\) +du 10/06/2026 au 10/10/2026 +1\u00a0126,00\u00a0€"), lines.get(3));
        assertTrue(lines.get(4).matches("    EP-2026-0002 \\(MARTIN Jeanne\\) +du 12/06/2026 au 12/10/2026 +1\u00a0126,00\u00a0€ +4 points"),
                lines.get(4));
        assertEquals(lines.get(3).indexOf(" du "), lines.get(4).indexOf(" du "), "columns aligned");
        assertEquals("  Projet PP-2026-002, payé par la CPAM : 1 prestation, 1\u00a0126,00\u00a0€", lines.get(5));
        assertEquals("Contrôles : 0 problème bloquant, 4 points à confirmer.", lines.getLast());
        assertTrue(refused.err().startsWith("Erreur : rien n'est émis.\nÀ confirmer, après vérification, par --confirm-warnings :\n"
                + "  - EP-2026-0002 (MARTIN Jeanne) : aucune activité de "), refused.err());
        assertEquals(6, refused.err().lines().count(), "the heading lines and the 4 points to confirm: " + refused.err());
        assertEquals("", run("payments", "list").out(), "nothing issued");

        Run issued = run("payments", "issue", "--period", "2026-10", "--confirm-warnings");
        assertEquals(0, issued.code(), issued.err());
        assertTrue(issued.out().contains("\nConfirmé : EP-2026-0002 (MARTIN Jeanne) : aucune activité de "), issued.out());
        assertTrue(issued.out().endsWith("Ordre OP-" + year + "-0001 émis : projet PP-2026-001, payé par virement de la structure, "
                + "2 épisodes, 10 lignes, 2\u00a0252,00\u00a0€.\nOrdre OP-" + year + "-0002 émis : projet PP-2026-002, payé par la CPAM, "
                + "1 épisode, 5 lignes, 1\u00a0126,00\u00a0€.\n"), issued.out());

        Run again = run("payments", "issue", "--period", "2026-10");
        assertEquals(1, again.code());
        assertTrue(again.out().contains("3 prestations déjà payées, non reprises : EP-2026-0001 par OP-" + year + "-0001"), again.out());
        assertEquals("Erreur : aucune prestation à payer pour octobre 2026 : rien n'est émis.\n", again.err());
    }

    @Test
    void aFailedCheckBlocksTheIssueWithItsFrenchSentence() {
        try (Database d = CliAccess.open(db)) {
            ProfessionalInput c = PathwayFixtures.complete("NomE", "Prénom", "psychologue", 4);
            new TeamService(d).update(psychologist, new ProfessionalInput(c.civility(), c.lastName(), c.firstName(), c.professionCode(),
                    null, c.rpps(), null, c.amNumber(), null, true, null, PracticeMode.LIBERAL, null, null, c.phone(), null, null, null, null,
                    null), Set.of());
        }
        Run r = run("payments", "issue", "--period", "2026-10", "--confirm-warnings");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("Contrôles : 2 problèmes bloquants, 4 points à confirmer."), r.out());
        assertTrue(r.err().startsWith("Erreur : rien n'est émis.\nÀ corriger :\n  - EP-2026-0001 (DURAND Jeanne) : l'IBAN de NomE Prénom "
                + "(Psychologue) est absent ; le virement de 225,20\u00a0€ est impossible (fiche du professionnel).\n  - EP-2026-0002 "), r.err());
        assertEquals("", run("payments", "list").out(), "nothing issued");
        Run badPeriod = run("payments", "issue", "--period", "octobre");
        assertEquals(1, badPeriod.code());
        assertTrue(badPeriod.err().startsWith("Erreur : Période : « octobre » n'est pas une période"), badPeriod.err());
    }

    @Test
    void listShowsOneOrderPerLineAndCancelIssuesTheCancellingOrder() {
        assertEquals(0, run("payments", "issue", "--period", "2026-10", "--confirm-warnings").code());
        Run cancel = run("payments", "cancel", "op-" + year + "-0001", "--reason", "Répartition à revoir");
        assertEquals(0, cancel.code(), cancel.err());
        assertEquals("Ordre d'annulation OP-" + year + "-0003 émis : il annule OP-" + year + "-0001 (-2\u00a0252,00\u00a0€) ; ses prestations "
                + "peuvent être payées à nouveau.\n", cancel.out());
        Run twice = run("payments", "cancel", "OP-" + year + "-0001", "--reason", "encore");
        assertEquals(1, twice.code());
        assertEquals("Erreur : OP-" + year + "-0001 est déjà annulé par l'ordre OP-" + year + "-0003.\n", twice.err());
        Run noReason = run("payments", "cancel", "OP-" + year + "-0002", "--reason", " ");
        assertEquals(1, noReason.code());
        assertTrue(noReason.err().startsWith("Erreur : Motif : dites pourquoi l'ordre est annulé"), noReason.err());

        Run list = run("payments", "list");
        assertEquals(0, list.code(), list.err());
        List<String> lines = list.out().lines().toList();
        assertEquals(4, lines.size(), list.out());
        assertTrue(lines.get(0).matches("Numéro +Nature +Période +Paiement +Projet +Lignes +Total +Émis le +Annulé par"), lines.get(0));
        String today = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(LocalDate.now(Database.ZONE));
        assertTrue(lines.get(1).matches("OP-" + year + "-0003 +annulation de OP-" + year + "-0001 +octobre 2026 +virement +PP-2026-001 +10 "
                + "+-2\u00a0252,00\u00a0€ +" + today), lines.get(1));
        assertTrue(lines.get(2).matches("OP-" + year + "-0002 +ordre +octobre 2026 +CPAM +PP-2026-002 +5 +1\u00a0126,00\u00a0€ +" + today),
                lines.get(2));
        assertTrue(lines.get(3).matches("OP-" + year + "-0001 +ordre +octobre 2026 +virement +PP-2026-001 +10 +2\u00a0252,00\u00a0€ +"
                + today + " +OP-" + year + "-0003"), lines.get(3));
        assertEquals(lines.get(1).indexOf("€"), lines.get(2).indexOf("€"), "totals aligned on the right");
        assertEquals(lines.get(0).indexOf("Émis le"), lines.get(3).indexOf(today));
    }

    @Test
    void exportWritesEachFormatKeepsTheFingerprintAndNeverOverwritesWithoutForce() throws Exception {
        assertEquals(0, run("payments", "issue", "--period", "2026-10", "--confirm-warnings").code());
        String transfer = "OP-" + year + "-0001";
        String cpam = "OP-" + year + "-0002";

        Path sepa = dir.resolve(transfer + "-sepa.xml");
        Run r = run("payments", "export", transfer, "--format", "sepa", "--out", sepa.toString(), "--execution-date", "2099-01-05");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Virement SEPA de l'ordre " + transfer + " écrit : " + sepa + " ("), r.out());
        assertTrue(r.out().endsWith("Exécution demandée le 05/01/2099 ; remettez le fichier à la banque de la structure.\n"), r.out());
        byte[] xml = Files.readAllBytes(sepa);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(SCHEMA.toFile()).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(xml)));
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("<NbOfTxs>4</NbOfTxs>") && text.contains("<CtrlSum>1914.20</CtrlSum>"),
                "4 payees, each paid once for his 2 episodes; the coordination's 2 × 168,90 € stay with the structure");

        Path csv = dir.resolve(cpam + "-cpam.csv");
        Run c = run("payments", "export", cpam.toLowerCase(), "--format", "csv", "--out", csv.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("Attention : ce fichier contient des données de santé à caractère personnel (patients, NIR)"), c.out());
        assertEquals(112_600L, PaymentCsv.read(Files.readAllBytes(csv)).stream().mapToLong(PaymentCsv.Row::amountCents).sum());

        Path pdf = dir.resolve(transfer + ".pdf");
        Run p = run("payments", "export", transfer, "--format", "pdf", "--out", pdf.toString());
        assertEquals(0, p.code(), p.err());
        PdfAssertions.assertPdfA2b(Files.readAllBytes(pdf));

        try (Database d = CliAccess.open(db)) {
            PaymentService service = new PaymentService(d);
            PaymentOrder o = service.findByNumber(transfer).orElseThrow();
            assertEquals(Fingerprint.of(xml), o.sepaFingerprint());
            assertEquals(PaymentOrderPdf.fingerprint(o), o.pdfFingerprint(), "the fingerprint printed in the PDF's footer");
            assertEquals(Fingerprint.of(Files.readAllBytes(csv)), service.findByNumber(cpam).orElseThrow().csvFingerprint());
        }

        Run exists = run("payments", "export", transfer, "--format", "sepa", "--out", sepa.toString());
        assertEquals(1, exists.code());
        assertTrue(exists.err().contains("existe déjà") && exists.err().contains("--force"), exists.err());
        assertArrayEquals(xml, Files.readAllBytes(sepa), "left as it was");
        assertEquals(0, run("payments", "export", transfer, "--format", "sepa", "--out", sepa.toString(), "--force",
                "--execution-date", "2099-01-05").code(), "the same file again");
        Run other = run("payments", "export", transfer, "--format", "sepa", "--out", sepa.toString(), "--force", "--execution-date", "2099-01-06");
        assertEquals(1, other.code(), "another file for the same order would pay it twice");
        assertTrue(other.err().contains(transfer + " a déjà son fichier de virement"), other.err());
        assertArrayEquals(xml, Files.readAllBytes(sepa), "left as it was");
    }

    @Test
    void exportRefusesInFrenchWhatCannotBeWrittenAndWritesNothing() {
        assertEquals(0, run("payments", "issue", "--period", "2026-10", "--confirm-warnings").code());
        Path out = dir.resolve("x");

        Run csvOfTransfer = run("payments", "export", "OP-" + year + "-0001", "--format", "csv", "--out", out.toString());
        assertEquals(1, csvOfTransfer.code());
        assertEquals("Erreur : OP-" + year + "-0001 est payé par virement de la structure : le fichier pour le téléservice de "
                + "l'Assurance Maladie ne concerne que les ordres payés directement par la CPAM (exportez le virement SEPA).\n", csvOfTransfer.err());
        Run sepaOfCpam = run("payments", "export", "OP-" + year + "-0002", "OP-" + year + "-0001", "--format", "sepa", "--out", out.toString());
        assertEquals(1, sepaOfCpam.code());
        assertTrue(sepaOfCpam.err().startsWith("Erreur : OP-" + year + "-0002 est payé directement par la CPAM : il n'a pas de fichier "
                + "de virement"), sepaOfCpam.err());
        Run past = run("payments", "export", "OP-" + year + "-0001", "--format", "sepa", "--out", out.toString(), "--execution-date", "2020-01-02");
        assertEquals(1, past.code());
        assertEquals("Erreur : Date d'exécution : le 02/01/2020 est passé ; la banque n'exécute pas un virement dans le passé.\n", past.err());
        Run unknown = run("payments", "export", "OP-1999-0001", "--format", "pdf", "--out", out.toString());
        assertEquals(1, unknown.code());
        assertEquals("Erreur : Aucun ordre de paiement ne porte le numéro « OP-1999-0001 » dans cette base (« coordo payments list » "
                + "les énumère).\n", unknown.err());
        Run twoPdfs = run("payments", "export", "OP-" + year + "-0001", "OP-" + year + "-0002", "--format", "pdf", "--out", out.toString());
        assertEquals(1, twoPdfs.code());
        assertFalse(Files.exists(out), "nothing written");

        Run badFormat = run("payments", "export", "OP-" + year + "-0001", "--format", "xlsx", "--out", out.toString());
        assertEquals(2, badFormat.code());
        assertTrue(badFormat.err().contains("valeur « xlsx » invalide pour --format"), badFormat.err());
        assertTrue(run("--help").out().contains("payments"));
    }
}
