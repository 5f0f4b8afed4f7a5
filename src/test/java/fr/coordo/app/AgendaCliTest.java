package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.agenda.AgendaFixtures;
import fr.coordo.agenda.AgendaService;
import fr.coordo.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgendaCliTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path full;

    private record Run(int code, String out, String err) {}

    @BeforeAll
    static void database() {
        full = shared.resolve("agenda.db");
        AgendaFixtures.agenda(full).close();
        CliAccess.protect(full);
    }

    private Run run(Path db, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = db.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.execute(all, CliAccess.env(dir), new PrintWriter(out, true), new PrintWriter(err, true), t -> { });
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
    }

    private static int appointments(Path db) {
        try (Database d = CliAccess.open(db)) {
            return new AgendaService(d).between(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), AgendaService.Filter.TEAM).size();
        }
    }

    @Test
    void exportThenImportIntoAnotherBase() throws IOException {
        Path ics = dir.resolve("agenda-bernard.ics");
        Run export = run(full, "agenda", "export-ics", "--professional", AgendaFixtures.BERNARD_RPPS, "--out", ics.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Pattern.matches("Agenda de Bernard Camille : 20 rendez-vous \\(9 événements iCalendar\\) écrits : "
                + Pattern.quote(ics.toString()) + " \\(empreinte [0-9a-f]{12}\\)\\.\n", export.out()), export.out());
        assertTrue(export.err().startsWith("Attention : ce fichier contient des données personnelles de santé"), export.err());
        assertTrue(Files.readString(ics, StandardCharsets.UTF_8).startsWith("BEGIN:VCALENDAR\r\n"));

        Path other = dir.resolve("autre.db");
        AgendaFixtures.people(other).close();
        CliAccess.protect(other);
        Run imported = run(other, "agenda", "import-ics", ics.toString(), "--professional", AgendaFixtures.BERNARD_RPPS);
        assertEquals(0, imported.code(), imported.err());
        assertEquals("Agenda de Bernard Camille : 20 rendez-vous créés, 0 mis à jour, 0 inchangé.\n", imported.out());
        assertEquals(20, appointments(other));

        Run again = run(other, "agenda", "import-ics", ics.toString(), "--professional", AgendaFixtures.BERNARD_RPPS);
        assertEquals("Agenda de Bernard Camille : 0 rendez-vous créé, 0 mis à jour, 20 inchangés.\n", again.out());
        assertEquals(20, appointments(other), "no copy");
    }

    @Test
    void aPatientsAgendaHoldsOnlyTheirAppointments() throws IOException {
        Path ics = dir.resolve("garnier.ics");
        Run r = run(full, "agenda", "export-ics", "--patient", "P000002", "--out", ics.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Agenda du patient P000002 : 6 rendez-vous (1 événement iCalendar) écrits"), r.out());
        String text = Files.readString(ics, StandardCharsets.UTF_8);
        assertTrue(text.contains("X-COORDO-PATIENT;CN=GARNIER Henri:P000002"));
        assertFalse(text.contains("P000001"), "nothing of another patient");
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws IOException {
        Path ics = dir.resolve("deja.ics");
        Files.writeString(ics, "ancien");
        Run refused = run(full, "agenda", "export-ics", "--professional", AgendaFixtures.PETIT_RPPS, "--out", ics.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("existe déjà et n'a pas été remplacé") && refused.err().contains("--force"), refused.err());
        assertEquals("ancien", Files.readString(ics));
        Run forced = run(full, "agenda", "export-ics", "--professional", AgendaFixtures.PETIT_RPPS, "--out", ics.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.readString(ics).startsWith("BEGIN:VCALENDAR"));
    }

    @Test
    void mistakesAreExplainedInFrench() throws IOException {
        Run unknown = run(full, "agenda", "export-ics", "--professional", "10000000999", "--out", dir.resolve("x.ics").toString());
        assertEquals(1, unknown.code());
        assertEquals("Erreur : Aucun professionnel de l'équipe n'a le numéro RPPS « 10000000999 » (11 chiffres attendus, tel qu'il "
                + "figure dans la fiche du professionnel).\n", unknown.err());
        assertFalse(Files.exists(dir.resolve("x.ics")));

        Run both = run(full, "agenda", "export-ics", "--professional", AgendaFixtures.BERNARD_RPPS, "--patient", "P000001", "--out", "x.ics");
        assertEquals(2, both.code(), "one agenda at a time");
        Run neither = run(full, "agenda", "export-ics", "--out", "x.ics");
        assertEquals(2, neither.code());
        assertTrue(neither.err().startsWith("Erreur : "), neither.err());

        Path broken = dir.resolve("abime.ics");
        Files.writeString(broken, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:demain\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        Run bad = run(full, "agenda", "import-ics", broken.toString(), "--professional", AgendaFixtures.BERNARD_RPPS);
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("Erreur : Le fichier « abime.ics » n'est pas un calendrier iCalendar valide : la ligne 4"), bad.err());
        Run missing = run(full, "agenda", "import-ics", dir.resolve("absent.ics").toString(), "--professional", AgendaFixtures.BERNARD_RPPS);
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("est introuvable"), missing.err());
    }

    @Test
    void helpIsInFrench() {
        Run help = run(full, "agenda", "export-ics", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Utilisation : coordo agenda export-ics") && help.out().contains("jamais par son NIR"), help.out());
        assertTrue(run(full, "--help").out().contains("agenda"), "listed among the commands");
    }
}
