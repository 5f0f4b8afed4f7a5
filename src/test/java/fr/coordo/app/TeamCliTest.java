package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamCliTest {
    private static final Path MIXED = Path.of("src/test/resources/team/equipe-melangee.csv");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, CliAccess.env(dir), new PrintWriter(out, true), new PrintWriter(err, true), t -> { });
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"), err.toString());
    }

    private List<Professional> team(Path db) {
        try (Database d = CliAccess.open(db)) {
            return new TeamService(d).all();
        }
    }

    @Test
    void aMixedWindows1252FileGivesTheExactReportAndWritesOnlyTheGoodRow() {
        Path db = CliAccess.protect(dir.resolve("equipe.db"));
        Run r = run("--db", db.toString(), "team", "import", MIXED.toString());
        assertEquals(1, r.code(), "not every row was imported");
        assertEquals("""
                ligne 2 : importée — Durand Élise
                ligne 3 : rejetée — Petit Marc : RPPS : 11 chiffres attendus, 10 reçus.
                ligne 4 : rejetée — Roux Anne : RPPS : la clé de contrôle ne correspond pas. Vérifiez le numéro ; s'il est juste, confirmez-le. (ligne acceptée avec --accept-warnings)
                ligne 5 : rejetée — Morel Luc : IBAN : la clé de contrôle est fausse ; vérifiez le numéro.
                ligne 6 : rejetée — Blanc Zoé : Email : adresse invalide (exemple : prenom.nom@exemple.fr).
                ligne 7 : rejetée — Jean : Nom : obligatoire.
                ligne 8 : rejetée — Faure Léa : Profession : « Astronaute » n'est pas dans la liste des professions.
                ligne 9 : rejetée — Durand Élise : ce professionnel figure déjà sur une ligne précédente du fichier.
                1 ligne importée, 7 rejetées.
                """, r.out());
        List<Professional> team = team(db);
        assertEquals(1, team.size(), "nothing of a rejected row is written");
        Professional elise = team.getFirst();
        assertEquals("Élise", elise.firstName(), "Windows-1252 accents read right");
        assertEquals("infirmier", elise.professionCode(), "« Infirmière » is the profession infirmier");
        assertEquals("FR7661358831036766795713881", elise.iban(), "IBAN stored without its spaces");
        assertEquals("934750449", elise.amNumber());
    }

    @Test
    void acceptingWarningsImportsTheDoubtfulKeyAndRecordsTheConfirmation() {
        Path db = CliAccess.protect(dir.resolve("avertissements.db"));
        Run r = run("--db", db.toString(), "team", "import", "--accept-warnings", MIXED.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("ligne 4 : importée — Roux Anne"), r.out());
        assertTrue(r.out().endsWith("2 lignes importées, 6 rejetées.\n"), r.out());
        Professional anne = team(db).stream().filter(p -> p.lastName().equals("Roux")).findFirst().orElseThrow();
        assertEquals("RPPS", anne.confirmedKeys());
        assertEquals("masseur_kinesitherapeute", anne.professionCode());
    }

    @Test
    void aFileWhoseRowsAreAllGoodExitsWithZeroAndRoundTripsThroughExport() throws Exception {
        Path db = dir.resolve("source.db");
        assertEquals(0, run("--db", db.toString(), "demo").code());
        CliAccess.adminOnDemo(db);
        Path csv = dir.resolve("export/equipe.csv");
        Run export = run("--db", db.toString(), "team", "export", "--out", csv.toString());
        assertEquals(0, export.code(), export.err());
        byte[] bytes = Files.readAllBytes(csv);
        assertEquals((byte) 0xEF, bytes[0], "UTF-8 with a byte-order mark, for Excel");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\n"), "CRLF line ends");
        assertTrue(text.lines().skip(1).allMatch(l -> l.split(";", -1).length == 23), "23 columns on every line");

        Path copy = CliAccess.protect(dir.resolve("copie.db"));
        // The export says which doubtful keys were confirmed: its own file imports without --accept-warnings.
        Run imported = run("--db", copy.toString(), "team", "import", csv.toString());
        assertEquals(0, imported.code(), imported.out());
        List<Professional> before = team(db);
        List<Professional> after = team(copy);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            Professional a = before.get(i);
            Professional b = after.get(i);
            assertEquals(a.rpps(), b.rpps());
            assertEquals(a.iban(), b.iban());
            assertEquals(a.memberUntil(), b.memberUntil(), "former members stay former members");
            assertEquals(a.missingForPcr(), b.missingForPcr());
            assertEquals(a.confirmedKeys(), b.confirmedKeys());
            assertEquals(a.amRequestedOn(), b.amRequestedOn());
            assertEquals(a.cpamContractSignedOn(), b.cpamContractSignedOn());
            assertEquals(a.employerName(), b.employerName());
        }
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedWhole() throws Exception {
        Path csv = Files.writeString(dir.resolve("sans-profession.csv"), "nom,prénom\nDupont,Jean\n");
        Run r = run("--db", CliAccess.protect(dir.resolve("x.db")).toString(), "team", "import", csv.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("colonnes obligatoires : profession"), r.err());
        assertTrue(r.err().contains("Rien n'a été importé"), r.err());
    }

    @Test
    void exportToTheTerminalHasNoByteOrderMark() {
        Path db = dir.resolve("t.db");
        assertEquals(0, run("--db", db.toString(), "demo").code());
        CliAccess.adminOnDemo(db);
        Run r = run("--db", db.toString(), "team", "export");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("nom;prénom;civilité;profession"), r.out().substring(0, 40));
    }
}
