package fr.coordo.payment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentCsvTest {
    private static final String EMPLOYER = "Clinique \"Les Cèdres\"; service de nutrition";

    @TempDir
    Path dir;

    /** A CPAM-paid order of three October episodes; the dietitian is salaried, his employer's name needs quoting. */
    static PaymentOrder cpamOrder(PaymentFixtures p) {
        ProfessionalInput c = PathwayFixtures.complete("Nœud", "Zoé", "dieteticien", 2);
        p.f.team.update(p.pro("dieteticien"), new ProfessionalInput(c.civility(), c.lastName(), c.firstName(), c.professionCode(), null,
                c.rpps(), null, c.amNumber(), null, true, null, PracticeMode.SALARIE, EMPLOYER, null, c.phone(), null, null,
                PathwayFixtures.iban(77), "CMCIFRPPXXX", null), Set.of());
        for (String name : List.of("Durand", "Martin", "Petit")) {
            p.episode(name, LocalDate.of(2026, 10, 10));
        }
        return p.payments.issue(p.payments.prepare(Period.parse("2026-10")), true).getFirst();
    }

    @Test
    void theFileIsUtf8WithBomSemicolonsCrlfAndOneHeaderLine() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentOrder order = cpamOrder(new PaymentFixtures(db, PaymentChannel.CPAM));
            byte[] file = PaymentCsv.write(List.of(order));
            assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(file, 3), "UTF-8 BOM");
            String text = new String(file, StandardCharsets.UTF_8).substring(1);
            assertTrue(text.startsWith("version_format;numero_ordre;numero_ligne;nature_ordre;ordre_annule;date_emission;periode;"
                    + "siret_structure;finess_structure;code_type_pcr;reference_episode;nir_patient;nom_patient;prenom_patient;"
                    + "date_naissance_patient;sequence;debut_prestation;fin_prestation;rpps_professionnel;numero_am_professionnel;"
                    + "nom_professionnel;profession;montant;nature_beneficiaire;nom_beneficiaire;iban_beneficiaire\r\n"), text);
            assertTrue(text.endsWith("\r\n"));
            assertEquals(text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "every line ends with CRLF");
            assertEquals(1 + order.lines().size(), text.split("\r\n").length, "one header line, then one row per order line");
            String first = text.split("\r\n")[1];
            assertTrue(first.startsWith("1;" + order.number() + ";1;ORDRE;;" + order.issuedOn() + ";2026-10;53875700604300;;"
                    + order.pcrTypeCode() + ";"), first);
            assertTrue(first.contains(";2026-06-10;2026-10-10;") && first.contains(";medecin;281.50;PROFESSIONNEL;"), first);
            assertTrue(text.contains(";dieteticien;225.20;EMPLOYEUR;\"Clinique \"\"Les Cèdres\"\"; service de nutrition\";"),
                    "RFC 4180 quoting where needed");
            assertTrue(text.contains(";coordination;168.90;STRUCTURE;"), "the coordination line too: the CPAM pays it to the structure");
        }
    }

    @Test
    void anIssuedOrderOfSeveralEpisodesRoundTripsThroughCommonsCsvWithTheSameTotalAndNirs() throws Exception {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentFixtures p = new PaymentFixtures(db, PaymentChannel.CPAM);
            PaymentOrder order = cpamOrder(p);
            assertEquals(3, order.episodeCount());
            byte[] file = PaymentCsv.write(List.of(order));

            // an independent reading, as the téléservice would: plain Commons CSV, header by name
            String text = new String(file, StandardCharsets.UTF_8).substring(1);
            try (CSVParser parser = CSVParser.parse(new StringReader(text),
                    CSVFormat.RFC4180.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get())) {
                List<CSVRecord> records = parser.getRecords();
                assertEquals(order.lines().size(), records.size());
                long total = records.stream().mapToLong(r -> Split.cents(new java.math.BigDecimal(r.get("montant")))).sum();
                assertEquals(337_800L, total, "3 × 1 126,00 € to the cent");
                assertEquals(order.totalCents(), total);
                for (int i = 0; i < records.size(); i++) {
                    OrderLine l = order.lines().get(i);
                    assertEquals(l.patientNir(), records.get(i).get("nir_patient"));
                    assertEquals(Split.euros(l.amountCents()).toPlainString(), records.get(i).get("montant"));
                    assertEquals(l.payeeName(), records.get(i).get("nom_beneficiaire"));
                }
                assertEquals(3, records.stream().map(r -> r.get("nir_patient")).distinct().count());
            }

            List<PaymentCsv.Row> rows = PaymentCsv.read(file);
            assertEquals(337_800L, rows.stream().mapToLong(PaymentCsv.Row::amountCents).sum());
            assertEquals(order.lines().stream().map(OrderLine::patientNir).toList(), rows.stream().map(PaymentCsv.Row::patientNir).toList());
            assertEquals(2, rows.getFirst().line(), "the header is line 1");
            assertEquals(EMPLOYER, rows.get(1).payeeName());
            assertEquals(PayeeKind.EMPLOYEUR, rows.get(1).payeeKind());
            assertEquals(order.lines().getFirst().patientBirthDate(), rows.getFirst().patientBirthDate());
            assertTrue(!rows.getFirst().toString().contains(rows.getFirst().patientNir()), "a row's text never shows the NIR");
        }
    }

    @Test
    void aCancellingOrdersRowsAreNegativeAndNameTheCancelledOrder() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentFixtures p = new PaymentFixtures(db, PaymentChannel.CPAM);
            PaymentOrder order = cpamOrder(p);
            PaymentOrder cancelling = p.payments.cancel(order.id(), "NIR d'un patient erroné");
            List<PaymentCsv.Row> rows = PaymentCsv.read(PaymentCsv.write(List.of(order, cancelling)));
            List<PaymentCsv.Row> negative = rows.stream().filter(r -> r.orderNumber().equals(cancelling.number())).toList();
            assertEquals(order.lines().size(), negative.size());
            assertTrue(negative.stream().allMatch(r -> r.amountCents() < 0 && r.kind() == PaymentOrder.Kind.ANNULATION
                    && r.cancelsNumber().equals(order.number())));
            assertEquals(-337_800L, negative.stream().mapToLong(PaymentCsv.Row::amountCents).sum());
            assertEquals(0L, rows.stream().mapToLong(PaymentCsv.Row::amountCents).sum(), "the order and its cancellation cancel out");
            assertTrue(new String(PaymentCsv.write(List.of(cancelling)), StandardCharsets.UTF_8).contains(";-281.50;PROFESSIONNEL;"));
        }
    }

    @Test
    void anOrderPaidByTransferIsRefused() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentFixtures p = new PaymentFixtures(db);
            p.episode("Durand", LocalDate.of(2026, 10, 10));
            PaymentOrder transfer = p.payments.issue(p.payments.prepare(Period.parse("2026-10")), true).getFirst();
            InputException e = assertThrows(InputException.class, () -> PaymentCsv.write(List.of(transfer)));
            assertEquals(transfer.number() + " est payé par virement de la structure : le fichier pour le téléservice de l'Assurance "
                    + "Maladie ne concerne que les ordres payés directement par la CPAM (exportez le virement SEPA).", e.getMessage());
        }
    }

    @Test
    void aMalformedFileIsRefusedNamingTheLine() {
        String header = String.join(";", PaymentCsv.HEADER) + "\r\n";
        String good = "1;OP-2026-0001;1;ORDRE;;2026-11-24;2026-10;53875700604300;;obesite_complexe_adulte;EP-2026-0001;"
                + "260013700000107;DURAND;Jeanne;1961-02-02;;2026-06-10;2026-10-10;10000001012;370000016;NomA Prénom;medecin;281.50;"
                + "PROFESSIONNEL;NomA Prénom;\r\n";
        assertEquals(1, PaymentCsv.read(("\uFEFF" + header + good).getBytes(StandardCharsets.UTF_8)).size());

        assertRefused(header + good + good.replace(";281.50;", ";281,50;").replace("2026-06-10", "2026-02-30"),
                "Ligne 3, colonne debut_prestation : « 2026-02-30 » n'est pas une date AAAA-MM-JJ.",
                "Ligne 3, colonne montant : « 281,50 » n'est pas un montant à deux décimales avec un point (1126.00).");
        assertRefused(header + good + "1;OP-2026-0001;2\r\n", "Ligne 3 : 3 colonnes au lieu de 26.");
        assertRefused(header + good + good.replace("DURAND", "\"DURAND"), "Ligne 3 : guillemets mal placés");
        assertRefused("nom;prénom\r\n", "Ligne 1 : ce n'est pas l'en-tête d'un fichier de paiements version 1");
        assertRefused(header + good.replace(";ORDRE;", ";PAIEMENT;"),
                "Ligne 2, colonne nature_ordre : « PAIEMENT » inconnu (valeurs possibles : ORDRE, ANNULATION).");
        InputException latin1 = assertThrows(InputException.class, () -> PaymentCsv.read((header + good).getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(latin1.getMessage().startsWith("Le fichier n'est pas en UTF-8"), latin1.getMessage());
    }

    private static void assertRefused(String file, String... expected) {
        InputException e = assertThrows(InputException.class, () -> PaymentCsv.read(file.getBytes(StandardCharsets.UTF_8)));
        List<String> messages = e.issues().stream().map(Issue::message).toList();
        assertEquals(expected.length, messages.size(), messages::toString);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(messages.get(i).startsWith(expected[i]), messages.get(i));
        }
    }
}
