package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.document.PdfAssertions;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.ProjectInput;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

class DeclarationCliTest {
    private static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path db;
    private static LocalDate transmittedOn;

    private record Run(int code, String out, String err) {}

    /**
     * PP-2026-001 transmitted ten days before the fixture's day; PP-2026-002 a draft whose nurse has no RPPS; PP-2026-003
     * ready to sign, nobody has signed yet. The command line runs on the real clock: the lines below do not depend on it.
     */
    @BeforeAll
    static void database() {
        db = shared.resolve("parcours.db");
        transmittedOn = PathwayFixtures.TODAY.minusDays(10);
        try (Database d = Database.open(db)) {
            PathwayFixtures f = new PathwayFixtures(d);
            f.transmittedProject(transmittedOn);
            ProfessionalInput c = PathwayFixtures.complete("Sansrpps", "Léa", "infirmier", 40);
            int nurse = f.team.add(new ProfessionalInput(c.civility(), c.lastName(), c.firstName(), c.professionCode(), null, null, null,
                    c.amNumber(), null, true, null, PracticeMode.LIBERAL, null, null, null, null, null, c.iban(), c.bic(), null), Set.of(),
                    PathwayFixtures.TODAY.minusYears(1));
            List<ProjectInput.MemberInput> members = new ArrayList<>(f.members());
            members.add(new ProjectInput.MemberInput(nurse, null, List.of()));
            f.projects.create(f.input().withMembers(members));
            f.projects.markReady(f.readyProject());
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
    void listPrintsOneProjetPerLineReferenceFirst() {
        Run r = run("declaration", "list");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(Pattern.matches("PP-2026-001  v1  Obésité complexe de l'adulte  (Transmis|Réputé validé) +transmis le "
                + transmittedOn.format(FR) + ", .*", lines.get(0)), lines.get(0));
        assertTrue(Pattern.matches("PP-2026-002  v1  Obésité complexe de l'adulte  Brouillon +1 manque à corriger", lines.get(1)), lines.get(1));
        assertTrue(Pattern.matches("PP-2026-003  v1  Obésité complexe de l'adulte  Prêt à signer +6 signatures à recueillir", lines.get(2)),
                lines.get(2));
        assertEquals(lines.get(1).indexOf("1 manque"), lines.get(2).indexOf("6 signatures"), "columns aligned");
    }

    @Test
    void pdfWritesTheDossier() throws IOException {
        Path out = dir.resolve("dossier-PP-2026-001-v1.pdf");
        Run r = run("declaration", "pdf", "pp-2026-001", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Dossier du projet PP-2026-001 v1 écrit : " + out, r.out().substring(0, r.out().indexOf(" (")), r.out());
        byte[] pdf = Files.readAllBytes(out);
        PdfAssertions.assertPdfA2b(pdf);
        assertTrue(text(pdf).contains("Transmis le " + transmittedOn.format(FR)));

        Path draft = dir.resolve("a-signer.pdf");
        Run toSign = run("declaration", "pdf", "PP-2026-003", "--version", "1", "--out", draft.toString());
        assertEquals(0, toSign.code(), toSign.err());
        assertTrue(toSign.out().startsWith("Dossier du projet PP-2026-003 v1 (exemplaire à signer) écrit : "), toSign.out());
        assertTrue(text(Files.readAllBytes(draft)).contains("EXEMPLAIRE À SIGNER"));
    }

    @Test
    void aProjetWithGapsWritesNoFileListsTheGapsAndFails() {
        Path out = dir.resolve("x.pdf");
        Run r = run("declaration", "pdf", "PP-2026-002", "--out", out.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals("Erreur : Le dossier du projet PP-2026-002 v1 n'est pas produit : un manque bloque la déclaration.\n"
                + "  - Sansrpps Léa (Infirmier) n'a pas de numéro RPPS.\n", r.err());
        assertFalse(Files.exists(out));
        assertEquals("", r.out());
    }

    @Test
    void unknownReferencesVersionsAndExistingFilesAreRefusedInFrench() throws IOException {
        Path out = dir.resolve("x.pdf");
        Run unknown = run("declaration", "pdf", "PP-2026-999", "--out", out.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().startsWith("Erreur : Aucun projet de parcours ne porte la référence « PP-2026-999 » dans cette base"),
                unknown.err());
        Run version = run("declaration", "pdf", "PP-2026-001", "--version", "4", "--out", out.toString());
        assertEquals(1, version.code());
        assertTrue(version.err().contains("Le projet PP-2026-001 n'a pas de version 4 (versions existantes : 1)."), version.err());
        assertFalse(Files.exists(out));

        Path existing = Files.writeString(dir.resolve("ancien.pdf"), "ancien");
        Run refused = run("declaration", "pdf", "PP-2026-001", "--out", existing.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("existe déjà") && refused.err().contains("--force"), refused.err());
        assertArrayEquals("ancien".getBytes(), Files.readAllBytes(existing), "left as it was");
        assertEquals(0, run("declaration", "pdf", "PP-2026-001", "--out", existing.toString(), "--force").code());
        PdfAssertions.assertPdfA2b(Files.readAllBytes(existing));

        Run noOut = run("declaration", "pdf", "PP-2026-001");
        assertEquals(2, noOut.code());
        assertTrue(noOut.err().contains("paramètre obligatoire manquant : --out"), noOut.err());
        assertTrue(run("--help").out().contains("declaration"));
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replaceAll("\\s+", " ");
        }
    }
}
