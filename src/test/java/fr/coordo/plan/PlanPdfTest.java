package fr.coordo.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.document.Fingerprint;
import fr.coordo.document.PdfAssertions;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanPdfTest {
    private static final Clock CLOCK = PlanPdfFixtures.PRINT_CLOCK;
    private static final List<String> SECTIONS = List.of("1. La personne et ses contacts utiles", "2. Plan d'action",
            "3. Évaluation et problèmes", "4. Objectifs partagés", "5. Suivi", "6. Accord de la personne");

    @TempDir
    static Path dir;

    private static PlanPdfFixtures.Built built;
    private static PlanSnapshot snapshot;
    private static byte[] full;
    private static byte[] social;

    @BeforeAll
    static void print() throws IOException {
        built = PlanPdfFixtures.create(dir.resolve("plans.db"));
        snapshot = new PlanDocuments(built.db(), CLOCK).snapshot(built.planId(), null);
        full = PlanPdf.render(snapshot, false, CLOCK);
        social = PlanPdf.render(snapshot, true, CLOCK);
        // Left in target/documents to be looked at.
        Path out = Path.of("target", "documents");
        Files.createDirectories(out);
        Files.write(out.resolve("plan.pdf"), full);
        Files.write(out.resolve("plan-copie-sociale.pdf"), social);
    }

    @AfterAll
    static void close() {
        built.close();
    }

    @Test
    void theVersionInForceIsPrintedWithEverySectionAndEveryAction() {
        assertEquals(2, snapshot.version().version(), "no version named: the one in force");
        String text = flat(full);
        for (String s : SECTIONS) {
            assertTrue(text.contains(s), s);
        }
        for (String s : List.of("Plan personnalisé de santé", "Plan de soins", "Plan d'aides", "Prévention", "Soins",
                "Accompagnement / aides", "Synthèse de l'évaluation globale", "Situations à problèmes", "Objectifs non atteints",
                "Points d'étape", "Professionnels intervenants", "Entourage")) {
            assertTrue(text.contains(s), s);
        }
        for (Action a : snapshot.actions()) {
            assertTrue(text.contains(a.label()), a.label());
        }
        assertEquals(21, snapshot.actions().size());
        assertTrue(snapshot.actions().stream().anyMatch(a -> a.part() == Action.Part.SOINS));
        assertTrue(snapshot.actions().stream().anyMatch(a -> a.part() == Action.Part.AIDES));
    }

    @Test
    void everyPageSaysPageXOfYWithTheVersionAndTheFingerprint() throws IOException {
        List<String> pages = pages(full);
        assertTrue(pages.size() >= 4, "pages: " + pages.size());
        String fingerprint = Fingerprint.of(PlanPdf.snapshotText(snapshot, false));
        for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i);
            assertTrue(page.contains("Page " + (i + 1) + " / " + pages.size()), "page " + (i + 1));
            assertTrue(page.contains("Plan personnalisé " + snapshot.plan().reference() + " — version 2 du 12/05/2026"), "page " + (i + 1));
            assertTrue(page.contains("Généré le 15/09/2026 10:30"), "page " + (i + 1));
            assertTrue(page.contains("Empreinte " + fingerprint), "page " + (i + 1));
            assertTrue(page.contains("MOREAU (née LEFÈVRE) Éloïse Marie"), "every page names the person: page " + (i + 1));
        }
        assertTrue(pages.getFirst().contains("La personne et ses contacts utiles"), "page 1 is the person");
    }

    @Test
    void theNirIsPrintedMaskedOnly() {
        String nir = snapshot.patient().data().nir();
        String text = flat(full);
        assertFalse(text.replace(" ", "").contains(nir), "the full NIR never appears");
        assertTrue(text.contains(snapshot.patient().maskedNir()), snapshot.patient().maskedNir());
    }

    @Test
    void theSocialCopyLeavesOutCareAndHealthButKeepsSupport() {
        String text = flat(social);
        assertTrue(text.contains(PlanPdf.SOCIAL_NOTICE), "page 1 says what is missing");
        assertTrue(pages(social).getFirst().contains(PlanPdf.SOCIAL_NOTICE));
        for (Action a : snapshot.actions()) {
            if (a.part() == Action.Part.SOINS) {
                assertFalse(text.contains(a.label()), "care action in the social copy: " + a.label());
            } else {
                assertTrue(text.contains(a.label()), "support action missing: " + a.label());
            }
        }
        PlanContent c = snapshot.version().content();
        assertFalse(text.contains(c.synthesisMedical()), "medical synthesis");
        assertFalse(text.contains(c.synthesisPsychological()), "psychological synthesis");
        assertTrue(text.contains(c.synthesisSocial()));
        assertTrue(text.contains(c.synthesisEnvironmental()));
        for (Problem p : c.problems()) {
            boolean health = p.dimension() == Dimension.MEDICALE || p.dimension() == Dimension.PSYCHOLOGIQUE;
            assertEquals(!health, text.contains(p.label()), p.label());
        }
        assertFalse(text.contains("Insuffisance cardiaque ; hypertension"), "the ALD conditions are health data");
        assertFalse(text.contains("Plan de soins"), "no care part at all");
        assertFalse(text.contains("Thomas Roux"), "a professional named only in care actions is not listed");
        assertTrue(text.contains("Nadia Haddad"), "the social worker is listed");
        for (Step s : snapshot.steps()) {
            assertFalse(text.contains(s.note()), "points d'étape are free notes that may hold health data");
        }
        assertTrue(text.contains("copie sociale"), "the footer says which copy it is");
        assertNotEquals(Fingerprint.of(PlanPdf.snapshotText(snapshot, false)), Fingerprint.of(PlanPdf.snapshotText(snapshot, true)));
    }

    @Test
    void bothCopiesArePdfA2bWithTitleLanguageAndBookmarks() throws IOException {
        PdfAssertions.assertPdfA2b(full);
        PdfAssertions.assertPdfA2b(social);
        try (PDDocument pdf = Loader.loadPDF(full)) {
            assertTrue(pdf.getDocumentInformation().getTitle().startsWith("Plan personnalisé de santé"));
            assertEquals("fr-FR", pdf.getDocumentCatalog().getLanguage());
            assertEquals("MSP des Tanneurs", pdf.getDocumentInformation().getAuthor());
            List<String> bookmarks = new ArrayList<>();
            pdf.getDocumentCatalog().getDocumentOutline().children().forEach(i -> bookmarks.add(i.getTitle()));
            assertEquals(SECTIONS, bookmarks);
            List<String> parts = new ArrayList<>();
            for (PDOutlineItem i : pdf.getDocumentCatalog().getDocumentOutline().children()) {
                if (i.getTitle().equals("2. Plan d'action")) {
                    i.children().forEach(c -> parts.add(c.getTitle()));
                }
            }
            assertEquals(List.of("Plan de soins", "Plan d'aides"), parts);
        }
    }

    @Test
    void sameSnapshotAndClockGiveTheSameBytes() {
        assertArrayEquals(full, PlanPdf.render(snapshot, false, CLOCK));
        PlanSnapshot again = new PlanDocuments(built.db(), CLOCK).snapshot(built.planId(), null);
        assertArrayEquals(full, PlanPdf.render(again, false, CLOCK), "a snapshot read again from the database");
        byte[] later = PlanPdf.render(snapshot, false, Clock.offset(CLOCK, java.time.Duration.ofDays(1)));
        assertFalse(java.util.Arrays.equals(full, later), "the generation date is printed");
        assertTrue(flat(later).contains("Empreinte " + Fingerprint.of(PlanPdf.snapshotText(snapshot, false))),
                "the fingerprint is of the data, not of the moment it was printed");
    }

    @Test
    void warmingUpChangesNothingInTheNextDocument() {
        PlanPdf.warmUp();
        assertArrayEquals(full, PlanPdf.render(snapshot, false, CLOCK));
    }

    @Test
    void aReplacedVersionShowsItsOwnContentAndSaysItIsReplaced() {
        PlanSnapshot v1 = new PlanDocuments(built.db(), CLOCK).snapshot(built.planId(), 1);
        String text = flat(PlanPdf.render(v1, false, CLOCK));
        assertTrue(text.contains("VERSION REMPLACÉE"), "warning on page 1");
        assertTrue(text.contains("version 1 du 15/01/2026 (remplacée)"));
        assertFalse(text.contains("Entretiens de soutien psychologique"), "an action added by version 2");
        assertTrue(text.contains("Téléassistance avec détecteur de chute"));
        assertFalse(text.contains("Mme Moreau est allée au mariage"), "a point d'étape after version 2 was validated");
        assertTrue(text.contains("Chute dans l'escalier le 28/04"), "a point d'étape of version 1's time");
    }

    @Test
    void aDraftIsMarkedOnItsFirstPageAndInEveryFooter(@TempDir Path own) {
        try (PlanPdfFixtures.Built b = PlanPdfFixtures.create(own.resolve("brouillon.db"))) {
            new PlanService(b.db(), b.clock()).revise(b.planId(), "Réévaluation à six mois");
            PlanSnapshot draft = new PlanDocuments(b.db(), CLOCK).snapshot(b.planId(), 3);
            assertEquals(2, new PlanDocuments(b.db(), CLOCK).snapshot(b.planId(), null).version().version(),
                    "the version in force is printed by default, not the revision being written");
            List<String> pages = pages(PlanPdf.render(draft, false, CLOCK));
            String first = pages.getFirst();
            assertTrue(first.indexOf("BROUILLON — non validé") < first.indexOf("1. La personne"), "at the top of page 1");
            pages.forEach(p -> assertTrue(p.contains("version 3 (brouillon)"), p));
        }
    }

    @Test
    void aValidatedVersionKeepsThePhysicianOfItsValidation(@TempDir Path own) {
        try (PlanPdfFixtures.Built b = PlanPdfFixtures.create(own.resolve("medecin.db"))) {
            PatientService patients = new PatientService(b.db(), b.clock());
            PatientInput changed = patients.find(b.patientId()).orElseThrow().data().withPhysician(b.otherPhysicianId());
            patients.update(b.patientId(), changed, Set.of());
            assertEquals("Dr Antoine Leroy", patients.find(b.patientId()).orElseThrow().physician());

            String text = flat(PlanPdf.render(new PlanDocuments(b.db(), CLOCK).snapshot(b.planId(), null), false, CLOCK));
            assertTrue(text.contains("Médecin traitant (à la validation) Dr Camille Bernard"), "professionals table");
            assertTrue(text.contains("Dr Camille Bernard Qualité : Médecin traitant"), "signature block");
            assertFalse(text.contains("Antoine Leroy"), "the new physician belongs to the next version");
        }
    }

    @Test
    void exportWritesTheFileAndAuditsThePrintWithoutNameOrNir(@TempDir Path own) throws IOException {
        try (PlanPdfFixtures.Built b = PlanPdfFixtures.create(own.resolve("export.db"))) {
            PlanDocuments docs = new PlanDocuments(b.db(), CLOCK);
            PlanSnapshot s = docs.snapshot(b.planId(), null);
            assertEquals(s.plan().reference() + "-v2.pdf", PlanPdf.fileName(s, false));
            Path file = own.resolve(PlanPdf.fileName(s, true));
            assertEquals(file, docs.export(b.planId(), null, true, file, false));
            assertArrayEquals(PlanPdf.render(s, true, CLOCK), Files.readAllBytes(file));

            StoreException refused = assertThrows(StoreException.class, () -> docs.export(b.planId(), null, true, file, false));
            assertTrue(refused.getMessage().contains("existe déjà"), refused.getMessage());
            docs.export(b.planId(), 1, false, file, true);

            List<String> audit = b.db().read(dsl -> dsl.fetch("select action, changes from audit_entry where entity = 'care_plan' "
                    + "and action = 'PRINT' order by id").map(r -> r.get(0) + " " + r.get(1)));
            assertEquals(2, audit.size(), audit.toString());
            assertTrue(audit.getFirst().contains("sociale") && audit.get(1).contains("complète"), audit.toString());
            String nir = s.patient().data().nir();
            for (String entry : audit) {
                assertFalse(entry.contains(nir) || entry.contains("Moreau") || entry.contains("MOREAU"), entry);
            }
        }
    }

    @Test
    void unknownVersionsAndReferencesAreRefusedInFrench() {
        PlanDocuments docs = new PlanDocuments(built.db(), CLOCK);
        StoreException noVersion = assertThrows(StoreException.class, () -> docs.snapshot(built.planId(), 7));
        assertTrue(noVersion.getMessage().contains("n'a pas de version 7 (versions existantes : 1, 2)"), noVersion.getMessage());
        StoreException noPlan = assertThrows(StoreException.class, () -> docs.snapshot("PPS-2031-0042"));
        assertTrue(noPlan.getMessage().startsWith("Aucun plan ne porte la référence PPS-2031-0042"), noPlan.getMessage());
        StoreException bad = assertThrows(StoreException.class, () -> docs.snapshot("Moreau"));
        assertTrue(bad.getMessage().contains("n'est pas une référence de plan"), bad.getMessage());
        assertEquals(1, docs.snapshot(snapshot.plan().reference() + "/v1").version().version());
    }

    // ---------------------------------------------------------------- text extraction

    /** The text of each page, French non-breaking spaces made plain so that sentences compare. */
    static List<String> pages(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(normalise(stripper.getText(doc)));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole text on one line: cells are drawn one after the other, so a label wrapped in its cell comes out whole. */
    static String flat(byte[] pdf) {
        return String.join(" ", pages(pdf)).replaceAll("\\s+", " ");
    }

    private static String normalise(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }
}
