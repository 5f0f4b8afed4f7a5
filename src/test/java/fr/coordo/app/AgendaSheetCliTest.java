package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.agenda.AgendaSheetFixtures;
import fr.coordo.document.PdfAssertions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code sheet} command, registered here straight under {@code coordo}: it finds the database through the root
 * command, so it works the same under {@code coordo agenda}.
 */
class AgendaSheetCliTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path db;

    private record Run(int code, String out, String err) {}

    @BeforeAll
    static void database() {
        db = shared.resolve("agenda.db");
        AgendaSheetFixtures.create(db).close();
        CliAccess.protect(db);
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CoordoCommand.commandLine(CliAccess.env(dir), t -> { });
        cli.addSubcommand("sheet", new AgendaSheetCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "--db";
        all[1] = db.toString();
        all[2] = "sheet";
        System.arraycopy(args, 0, all, 3, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"), err.toString());
    }

    @Test
    void writesTheWeekOfAProfessionalNamedByRpps() throws IOException {
        Path out = dir.resolve("semaine.pdf");
        Run r = run("--professional", AgendaSheetFixtures.PETIT_RPPS, "--week", "2026-11-25", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Agenda de Lucie Petit pour la semaine du lundi 23 au dimanche 29 novembre 2026 "
                + "(11 rendez-vous) écrit : " + out), r.out());
        assertTrue(r.err().startsWith("Attention : cette feuille contient des données de santé"), r.err());
        byte[] pdf = Files.readAllBytes(out);
        PdfAssertions.assertPdfA2b(pdf);
        assertTrue(text(pdf).contains("Lundi 23 novembre"));
    }

    @Test
    void aDayInTheFrenchFormatIntoAFolderGetsTheProposedName() throws IOException {
        Run r = run("--professional", "Lucie Petit", "--day", "26/11/2026", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        Path written = dir.resolve("agenda-" + AgendaSheetFixtures.PETIT_RPPS + "-jour-2026-11-26.pdf");
        assertTrue(Files.exists(written), r.out());
        assertTrue(r.out().startsWith("Agenda de Lucie Petit du jeudi 26 novembre 2026 (2 rendez-vous)"), r.out());
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws IOException {
        Path out = dir.resolve("deja.pdf");
        Files.writeString(out, "déjà là");
        Run refused = run("--professional", "petit", "--week", "2026-11-23", "--out", out.toString());
        assertEquals(ExitCodes.REFUSED, refused.code());
        assertTrue(refused.err().contains("existe déjà et n'a pas été remplacé"), refused.err());
        assertEquals("déjà là", Files.readString(out));

        Run forced = run("--professional", "petit", "--week", "2026-11-23", "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertArrayEquals("%PDF".getBytes(), java.util.Arrays.copyOf(Files.readAllBytes(out), 4));
    }

    @Test
    void wrongRequestsAreRefusedInFrench() {
        Run both = run("--professional", "petit", "--day", "2026-11-23", "--week", "2026-11-23", "--out", dir.resolve("x.pdf").toString());
        assertEquals(ExitCodes.USAGE, both.code());
        assertTrue(both.err().contains("--day et --week ne vont pas ensemble"), both.err());

        Run none = run("--professional", "petit", "--out", dir.resolve("x.pdf").toString());
        assertEquals(ExitCodes.USAGE, none.code());
        assertTrue(none.err().contains("indiquez la période"), none.err());

        Run badDate = run("--professional", "petit", "--day", "31/02/2026", "--out", dir.resolve("x.pdf").toString());
        assertEquals(ExitCodes.USAGE, badDate.code());
        assertTrue(badDate.err().contains("valeur « 31/02/2026 » invalide pour --day"), badDate.err());

        Run nobody = run("--professional", "Dupuis", "--day", "2026-11-23", "--out", dir.resolve("x.pdf").toString());
        assertEquals(ExitCodes.REFUSED, nobody.code());
        assertTrue(nobody.err().contains("Aucun professionnel de l'équipe ne s'appelle « Dupuis »"), nobody.err());
        assertFalse(Files.exists(dir.resolve("x.pdf")), "nothing written");
    }

    @Test
    void theHelpIsInFrench() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Utilisation : coordo sheet") && r.out().contains("--professional=RPPS"), r.out());
        assertTrue(r.out().contains("du lundi au dimanche"), r.out());
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
