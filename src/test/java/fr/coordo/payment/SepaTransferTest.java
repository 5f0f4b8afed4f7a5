package fr.coordo.payment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class SepaTransferTest {
    static final Path SCHEMA = Path.of(System.getProperty("coordo.shared", "../shared"), "schemas", "pain.001.001.09.xsd");
    static final String LONG_STRUCTURE = "Maison de santé pluriprofessionnelle des Tilleuls – Société interprofessionnelle de soins "
            + "ambulatoires « Œuvre & Cœur »";
    static final String EMPLOYER = "Centre hospitalier régional universitaire de Tours – Hôpital Bretonneau, service de nutrition "
            + "et d'éducation thérapeutique";
    static final LocalDate EXECUTION = LocalDate.of(2026, 11, 26);
    private static final Pattern SEPA_TEXT = Pattern.compile("[A-Za-z0-9/\\-?:().,'+ ]*");

    @TempDir
    Path dir;

    /**
     * Three orders paid by the structure: September (one episode of the main projet), then October (three episodes of
     * the main projet, one of a second projet: two orders). The structure's name is long and accented; the physician's
     * name is accented; the dietitian is salaried and paid to his employer, whose name is long.
     */
    record Issued(PaymentFixtures p, PaymentOrder september, PaymentOrder october, PaymentOrder second, int dietitian) {}

    static Issued threeOrders(Database db) {
        PaymentFixtures p = new PaymentFixtures(db);
        StructureInput s = PathwayFixtures.structure("msp_sisa");
        new StructureService(db, p.f.clock).save(new StructureInput(LONG_STRUCTURE, s.legalForm(), s.category(), s.siren(), s.siret(),
                s.finess(), s.address(), s.postalCode(), s.city(), null, null, null, s.legalRepresentative(), s.coordinators(), s.phone(),
                s.email(), s.iban(), s.bic()), Set.of());
        int doctor = p.pro("medecin");
        ProfessionalInput d = PathwayFixtures.complete("Lefèvre-Château", "Françoise-Hélène", "medecin", 1);
        p.f.team.update(doctor, d, Set.of());
        int dietitian = p.pro("dieteticien");
        ProfessionalInput c = PathwayFixtures.complete("Nœud", "Zoé", "dieteticien", 2);
        p.f.team.update(dietitian, new ProfessionalInput(c.civility(), c.lastName(), c.firstName(), c.professionCode(), null, c.rpps(), null,
                c.amNumber(), null, true, null, PracticeMode.SALARIE, EMPLOYER, null, c.phone(), null, null, PathwayFixtures.iban(77),
                "CMCIFRPPXXX", null), Set.of());
        int second = p.transmitted(PaymentChannel.STRUCTURE, PaymentFixtures.TRANSMITTED);

        p.episode("Sept", LocalDate.of(2026, 9, 20));
        PaymentOrder september = p.payments.issue(p.payments.prepare(Period.parse("2026-09")), true).getFirst();
        for (String name : List.of("Un", "Deux", "Trois")) {
            p.episode(name, LocalDate.of(2026, 10, 10));
        }
        p.episode(second, p.patient("Ébrard", "Anaïs", true), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 10, 12));
        List<PaymentOrder> october = p.payments.issue(p.payments.prepare(Period.parse("2026-10")), true);
        assertEquals(2, october.size());
        PaymentOrder main = october.stream().filter(o -> o.projectId() == p.project).findFirst().orElseThrow();
        PaymentOrder other = october.stream().filter(o -> o.projectId() == second).findFirst().orElseThrow();
        return new Issued(p, september, main, other, dietitian);
    }

    @Test
    void theTransferOfSeveralOrdersValidatesAgainstTheEpcSchemaWithItsCountsAndSums() throws Exception {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            Issued i = threeOrders(db);
            byte[] xml = SepaTransfer.write(List.of(i.october(), i.second(), i.september()), EXECUTION);

            validate(xml);

            Document doc = parse(xml);
            // 5 episodes × (1 126,00 − 168,90 of coordination kept by the structure) = 4 785,50 in 3 × 4 transfers
            assertEquals("12", text(doc, "GrpHdr", "NbOfTxs"));
            assertEquals("4785.50", text(doc, "GrpHdr", "CtrlSum"));
            assertEquals(12, all(doc, "CdtTrfTxInf").size());
            assertEquals(new BigDecimal("4785.50"), all(doc, "InstdAmt").stream().map(e -> new BigDecimal(e.getTextContent()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
            assertTrue(all(doc, "InstdAmt").stream().allMatch(e -> e.getAttribute("Ccy").equals("EUR")));

            List<Element> blocks = all(doc, "PmtInf");
            assertEquals(List.of(i.september().number(), i.october().number(), i.second().number()),
                    blocks.stream().map(b -> child(b, "PmtInfId").getTextContent()).toList(), "one block per order, by number");
            for (Element b : blocks) {
                List<Element> tx = children(b, "CdtTrfTxInf");
                assertEquals(String.valueOf(tx.size()), child(b, "NbOfTxs").getTextContent());
                BigDecimal sum = tx.stream().map(t -> new BigDecimal(child(child(t, "Amt"), "InstdAmt").getTextContent()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(sum, new BigDecimal(child(b, "CtrlSum").getTextContent()));
                assertEquals(EXECUTION.toString(), child(child(b, "ReqdExctnDt"), "Dt").getTextContent());
                assertEquals("FR7661358831036766795713881", child(child(child(b, "DbtrAcct"), "Id"), "IBAN").getTextContent());
            }
            Element october = blocks.get(1);
            assertEquals("2871.30", child(october, "CtrlSum").getTextContent(), "3 × 957,10");

            // the salaried dietitian: one transfer to his employer for his 3 episodes, to the employer's IBAN
            Element employer = children(october, "CdtTrfTxInf").stream()
                    .filter(t -> child(child(child(t, "CdtrAcct"), "Id"), "IBAN").getTextContent().equals(PathwayFixtures.iban(77)))
                    .findFirst().orElseThrow();
            assertEquals("Centre hospitalier regional universitaire de Tours - Hopital Bretonnea",
                    child(child(employer, "Cdtr"), "Nm").getTextContent());
            assertEquals("675.60", child(child(employer, "Amt"), "InstdAmt").getTextContent(), "3 × 225,20");
            assertEquals(i.october().number() + "-002", child(child(employer, "PmtId"), "EndToEndId").getTextContent());
            assertEquals(i.october().number() + " PCR Obesite complexe de l'adulte 2026-10 : 3 episodes",
                    child(child(employer, "RmtInf"), "Ustrd").getTextContent());
            assertTrue(all(doc, "Nm").stream().anyMatch(n -> n.getTextContent().equals("Lefevre-Chateau Francoise-Helene")),
                    "accents taken off the physician's name");

            assertEquals("Maison de sante pluriprofessionnelle des Tilleuls - Societe interprofe",
                    text(doc, "InitgPty", "Nm"));
            assertTrue(all(doc, "IBAN").stream().noneMatch(e -> e.getParentNode().getParentNode().getLocalName().equals("CdtrAcct")
                    && e.getTextContent().equals("FR7661358831036766795713881")), "the coordination share is not transferred");

            for (Element n : all(doc, "Nm")) {
                assertTrue(n.getTextContent().length() <= 70, n.getTextContent());
            }
            for (Element u : all(doc, "Ustrd")) {
                assertTrue(u.getTextContent().length() <= 140, u.getTextContent());
            }
            for (Element id : List.of(all(doc, "MsgId"), all(doc, "PmtInfId"), all(doc, "EndToEndId")).stream().flatMap(List::stream).toList()) {
                assertTrue(id.getTextContent().length() <= 35, id.getTextContent());
            }
            List<String> texts = new ArrayList<>();
            collectTexts(doc.getDocumentElement(), texts);
            for (String t : texts) {
                assertTrue(SEPA_TEXT.matcher(t).matches(), "outside the SEPA character set: " + t);
            }
            assertArrayEquals(xml, SepaTransfer.write(List.of(i.september(), i.second(), i.october()), EXECUTION),
                    "the same orders give the same bytes, whatever their order");
            assertEquals(text(doc, "GrpHdr", "CreDtTm"), text(parse(SepaTransfer.write(List.of(i.second()), EXECUTION)), "GrpHdr", "CreDtTm"),
                    "created at the latest order's issue time");
            PaymentOrder o = i.october();
            PaymentOrder.StructureSnapshot s = o.structure();
            PaymentOrder noBic = new PaymentOrder(o.id(), o.number(), o.kind(), null, null, null, o.projectId(), o.projectReference(),
                    o.pcrTypeCode(), o.pcrTypeLabel(), o.period(), o.channel(), o.issuedOn(), o.issuedAt(), o.issuedBy(),
                    new PaymentOrder.StructureSnapshot(s.name(), s.siret(), s.finess(), s.address(), s.representative(), s.iban(), null),
                    o.checks(), o.warnings(), o.totalCents(), o.lines(), null, null, null);
            byte[] withoutBic = SepaTransfer.write(List.of(noBic), EXECUTION);
            validate(withoutBic);
            assertEquals("NOTPROVIDED", child(child(child(all(parse(withoutBic), "DbtrAgt").getFirst(), "FinInstnId"), "Othr"), "Id")
                    .getTextContent(), "the structure's bank without its BIC");
            assertNotEquals(text(doc, "GrpHdr", "MsgId"), text(parse(SepaTransfer.write(List.of(i.september(), i.second(), i.october()),
                    EXECUTION.plusDays(1))), "GrpHdr", "MsgId"), "asked for another day, the file is a new message for the bank");
        }
    }

    @Test
    void ordersThatTransferNothingOrCannotBeTransferredAreRefusedInFrenchWithNothingProduced() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            Issued i = threeOrders(db);
            PaymentFixtures p = i.p();

            PaymentOrder cancelling = p.payments.cancel(i.september().id(), "Erreur de répartition");
            PaymentOrder cancelled = p.payments.find(i.september().id()).orElseThrow();
            assertRefused(List.of(cancelling), cancelling.number() + " est un ordre d'annulation : il ne donne lieu à aucun virement.");
            assertRefused(List.of(i.october(), cancelled), cancelled.number() + " est annulé par l'ordre " + cancelling.number()
                    + " : ses virements ne doivent plus être faits.");

            int cpamProject = p.transmitted(PaymentChannel.CPAM, PaymentFixtures.TRANSMITTED);
            p.episode(cpamProject, p.patient("Cpam", "Léon", true), LocalDate.of(2026, 7, 1), LocalDate.of(2026, 11, 2));
            int coordinationOnly = p.episode("Seule", LocalDate.of(2026, 11, 3));
            p.payments.saveSplit(coordinationOnly, "", List.of(new PaymentService.SplitLine(null, new BigDecimal("1126.00"))), "Suivi par la coordination");
            List<PaymentOrder> november = p.payments.issue(p.payments.prepare(Period.parse("2026-11")), true);
            PaymentOrder cpam = november.stream().filter(o -> o.channel() == PaymentChannel.CPAM).findFirst().orElseThrow();
            PaymentOrder kept = november.stream().filter(o -> o.channel() == PaymentChannel.STRUCTURE).findFirst().orElseThrow();
            assertRefused(List.of(cpam), cpam.number() + " est payé directement par la CPAM : il n'a pas de fichier de virement");
            assertRefused(List.of(kept), kept.number() + " ne paie que la part de la coordination, que la structure garde : aucun virement à faire.");

            PaymentOrder o = i.october();
            PaymentOrder noDebtor = new PaymentOrder(o.id(), o.number(), o.kind(), null, null, null, o.projectId(), o.projectReference(),
                    o.pcrTypeCode(), o.pcrTypeLabel(), o.period(), o.channel(), o.issuedOn(), o.issuedAt(), o.issuedBy(),
                    new PaymentOrder.StructureSnapshot("MSP", null, null, null, null, null, null), o.checks(), o.warnings(), o.totalCents(),
                    o.lines(), null, null, null);
            assertRefused(List.of(noDebtor), o.number() + " : l'IBAN de la structure manquait à l'émission de l'ordre");
            List<OrderLine> lines = new ArrayList<>(o.lines());
            OrderLine l = lines.get(1);
            lines.set(1, new OrderLine(l.position(), l.episodeId(), l.episodeReference(), l.sequenceCode(), l.sequenceLabel(), l.serviceStart(),
                    l.serviceEnd(), l.dueCents(), l.patientId(), l.patientLastName(), l.patientFirstName(), l.patientBirthDate(), l.patientNir(),
                    l.professionalId(), l.professionalName(), l.professionCode(), l.rpps(), l.amNumber(), l.payeeKind(), l.payeeName(),
                    "FR7630004008230000000100099", l.bic(), l.activityCount(), l.amountCents()));
            PaymentOrder badPayee = new PaymentOrder(o.id(), o.number(), o.kind(), null, null, null, o.projectId(), o.projectReference(),
                    o.pcrTypeCode(), o.pcrTypeLabel(), o.period(), o.channel(), o.issuedOn(), o.issuedAt(), o.issuedBy(), o.structure(),
                    o.checks(), o.warnings(), o.totalCents(), lines, null, null, null);
            assertRefused(List.of(i.second(), badPayee), o.number() + ", ligne 2 : l'IBAN de l'employeur de ");

            InputException none = assertThrows(InputException.class, () -> SepaTransfer.write(List.of(), EXECUTION));
            assertTrue(none.getMessage().startsWith("Aucun ordre de paiement choisi"), none.getMessage());
        }
    }

    @Test
    void textsAreBroughtIntoTheSepaCharacterSet() {
        assertEquals("Oeuvre + Coeur - Helene Zoe Ca-va, l'ete (Ile-de-France) 100", SepaTransfer.sepa(
                "Œuvre & Cœur – Hélène « Zoé » Ça_va; l’été (Île-de-France)\t100 %"));
        assertEquals("NON RENSEIGNE", SepaTransfer.name("« »"));
        assertEquals(70, SepaTransfer.name("é".repeat(100)).length());
        assertEquals("OP-2026-0004-003", SepaTransfer.identifier("OP-2026-0004-003"));
        assertEquals("A/B", SepaTransfer.identifier("/A//B/"));
    }

    private static void assertRefused(List<PaymentOrder> orders, String expected) {
        InputException e = assertThrows(InputException.class, () -> SepaTransfer.write(orders, EXECUTION));
        assertTrue(e.issues().stream().map(Issue::message).anyMatch(m -> m.startsWith(expected)), () -> e.getMessage());
    }

    /** Throws, naming the line and the rule, when the file does not validate against the EPC's schema. */
    static void validate(byte[] xml) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(SCHEMA.toFile()).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static List<Element> all(Document doc, String name) {
        NodeList nodes = doc.getElementsByTagNameNS(SepaTransfer.NAMESPACE, name);
        List<Element> out = new ArrayList<>();
        for (int k = 0; k < nodes.getLength(); k++) {
            out.add((Element) nodes.item(k));
        }
        return out;
    }

    static String text(Document doc, String parent, String name) {
        return child(all(doc, parent).getFirst(), name).getTextContent();
    }

    static Element child(Element e, String name) {
        return children(e, name).getFirst();
    }

    static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getLocalName().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    private static void collectTexts(Element e, List<String> out) {
        boolean leaf = true;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                leaf = false;
                collectTexts(c, out);
            }
        }
        if (leaf) {
            out.add(e.getTextContent());
        }
    }
}
