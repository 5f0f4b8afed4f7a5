package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.document.PdfAssertions;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanPdfFixtures;
import fr.coordo.plan.PlanService;
import fr.coordo.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCliTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path db;
    private static String nir;

    private record Run(int code, String out, String err) {}

    /** Mme Moreau's plan (validated twice), and a second person's plan still a draft. */
    @BeforeAll
    static void database() {
        db = shared.resolve("plans.db");
        try (PlanPdfFixtures.Built b = PlanPdfFixtures.create(db)) {
            nir = new PatientService(b.db()).find(b.patientId()).orElseThrow().data().nir();
            PatientInput m = PlanPdfFixtures.moreau(b.physicianId(), null);
            LocalDate birth = LocalDate.of(1938, 11, 2);
            int other = new PatientService(b.db()).add(new PatientInput("Garnier", null, "Henri", birth, "M",
                    fr.coordo.plan.PlanFixtures.nir(false, birth, 7), m.address(), m.postalCode(), m.city(), null, null, null,
                    b.physicianId(), null, null, false, null, false, null, false, null, null, null, null, m.status(), null, null,
                    List.of()), Set.of());
            new PlanService(b.db()).start(other);
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
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"), err.toString());
    }

    @Test
    void listPrintsOnePlanPerLineReferenceFirstAndNoNir() {
        Run r = run("plan", "list");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        lines.forEach(l -> assertTrue(Pattern.matches("PPS-\\d{4}-\\d{4}  .*", l), "reference first: " + l));
        assertTrue(Pattern.matches("PPS-2026-0001  MOREAU \\(née LEFÈVRE\\) Éloïse Marie +validé +v2 +validé le 12/05/2026 +"
                + "réévaluation 12/11/2026", lines.getFirst()), lines.getFirst());
        assertTrue(Pattern.matches("PPS-\\d{4}-0002  GARNIER Henri +brouillon +v1 +non validé", lines.get(1)), lines.get(1));
        assertEquals(lines.getFirst().indexOf("validé"), lines.get(1).indexOf("brouillon"), "columns aligned");
        assertFalse(r.out().contains(nir.substring(0, 7)), "no NIR, not even its start");
    }

    @Test
    void pdfWritesAValidFileAndAuditsIt() throws IOException {
        Path out = dir.resolve("impressions/PPS-2026-0001.pdf");
        Run r = run("plan", "pdf", "PPS-2026-0001", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Plan PPS-2026-0001, version 2 du 12/05/2026, écrit : " + out), r.out());
        assertTrue(r.err().startsWith("Attention : ce plan contient des données de santé"), r.err());
        byte[] pdf = Files.readAllBytes(out);
        PdfAssertions.assertPdfA2b(pdf);
        String text = text(pdf);
        assertTrue(text.contains("Rééducation de l'équilibre") && text.contains("Portage de repas à domicile"), "both parts");
        try (Database d = CliAccess.open(db)) {
            assertTrue(d.read(dsl -> dsl.fetchCount(dsl.selectFrom("audit_entry").where("action = 'PRINT' and changes like ?",
                    "%" + out.getFileName() + "%"))) == 1, "the print is audited");
        }
    }

    @Test
    void socialCopyLeavesOutTheCarePart() throws IOException {
        Path out = dir.resolve("sociale.pdf");
        Run r = run("plan", "pdf", "pps-2026-0001", "--social", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Copie sociale du plan PPS-2026-0001"), r.out());
        String text = text(Files.readAllBytes(out));
        assertTrue(text.contains("Copie pour les intervenants sociaux : la partie soins n'y figure pas"));
        assertFalse(text.contains("Rééducation de l'équilibre"), "a care action");
        assertTrue(text.contains("Portage de repas à domicile"), "a support action");
    }

    @Test
    void aVersionIsNamedAfterASlash() throws IOException {
        Path out = dir.resolve("v1.pdf");
        assertEquals(0, run("plan", "pdf", "PPS-2026-0001/v1", "--out", out.toString()).code());
        assertTrue(text(Files.readAllBytes(out)).contains("version 1 du 15/01/2026 (remplacée)"));
    }

    @Test
    void unknownReferencesAreRefusedInFrench() {
        Run unknown = run("plan", "pdf", "PPS-2026-0999", "--out", dir.resolve("x.pdf").toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().startsWith("Erreur : Aucun plan ne porte la référence PPS-2026-0999"), unknown.err());
        Run version = run("plan", "pdf", "PPS-2026-0001/v9", "--out", dir.resolve("x.pdf").toString());
        assertEquals(1, version.code());
        assertTrue(version.err().contains("n'a pas de version 9 (versions existantes : 1, 2)"), version.err());
        Run notAReference = run("plan", "pdf", "MOREAU", "--out", dir.resolve("x.pdf").toString());
        assertEquals(1, notAReference.code());
        assertTrue(notAReference.err().contains("« MOREAU » n'est pas une référence de plan"), notAReference.err());
        assertFalse(Files.exists(dir.resolve("x.pdf")));
        Run noOut = run("plan", "pdf", "PPS-2026-0001");
        assertEquals(2, noOut.code());
        assertTrue(noOut.err().contains("paramètre obligatoire manquant : --out"), noOut.err());
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForce() throws IOException {
        Path out = Files.writeString(dir.resolve("plan.pdf"), "ancien");
        Run refused = run("plan", "pdf", "PPS-2026-0001", "--out", out.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("existe déjà") && refused.err().contains("--force"), refused.err());
        assertArrayEquals("ancien".getBytes(), Files.readAllBytes(out), "left as it was");
        Run forced = run("plan", "pdf", "PPS-2026-0001", "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        PdfAssertions.assertPdfA2b(Files.readAllBytes(out));
    }

    @Test
    void anUnwritableFolderIsRefusedInFrench() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("fichier"), "x");
        Run r = run("plan", "pdf", "PPS-2026-0001", "--out", notAFolder.resolve("plan.pdf").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("Erreur : Le fichier") && r.err().contains("n'a pas pu être écrit")
                && r.err().contains("n'est pas un dossier"), r.err());
    }

    @Test
    void helpSaysWhichVersionIsPrinted() {
        Run r = run("plan", "pdf", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("version en vigueur") && r.out().contains("--social") && r.out().contains("--force"), r.out());
        assertTrue(run("--help").out().contains("plan"));
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replace('\u202f', ' ').replaceAll("\\s+", " ");
        }
    }
}
