package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import fr.coordo.testing.Files2;
import fr.coordo.team.TeamRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private final List<CoordoCommand.Target> windows = new ArrayList<>();

    private record Run(int code, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true), windows::add);
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        // Signed in as the documented demo account: most databases here are made by « coordo demo ».
        return run(Map.of("XDG_DATA_HOME", dir.resolve("donnees").toString(), CoordoCommand.USER_ENV, DemoDatabase.LOGIN,
                CoordoCommand.PASSWORD_ENV, DemoDatabase.PASSWORD), args);
    }

    @Test
    void helpIsInFrenchAndListsCommandsAndExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Utilisation : coordo"), r.out());
        for (String expected : List.of("--db=FICHIER", "demo", "backup", "Codes de sortie", "commande ou option invalide", "COORDO_DB")) {
            assertTrue(r.out().contains(expected), "help mentions " + expected + ":\n" + r.out());
        }
        Run demoHelp = run("demo", "--help");
        assertEquals(0, demoHelp.code());
        assertTrue(demoHelp.out().contains("--size=TAILLE") && demoHelp.out().contains("--seed=N"), demoHelp.out());
    }

    @Test
    void versionNamesTheApplicationAndJava() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Coordo "), r.out());
        assertTrue(r.out().contains("Java " + Runtime.version().feature()), r.out());
    }

    @Test
    void demoFillsAnEmptyDatabaseAndRefusesAFilledOne() {
        Path db = dir.resolve("demo.db");
        Run r = run("--db", db.toString(), "demo");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("25 professionnels (dont 1 ancien membre), 200 patients"), r.out());
        assertTrue(r.out().contains("identifiant « demo », mot de passe « demo »"), r.out());
        assertTrue(r.out().matches("(?s).*Clé de secours de cette base de démonstration : ([0-9A-Z]{4}-){7}[0-9A-Z]{4}.*"), r.out());
        try (Database d = CliAccess.open(db, DemoDatabase.LOGIN, DemoDatabase.PASSWORD)) {
            assertEquals(24, new TeamRepository(d).countActive(LocalDate.now(Database.ZONE)));
        }
        String before = Files2.sha256(db);
        Run again = run("demo", "--db", db.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("Erreur : La base"), again.err());
        assertTrue(again.err().contains("contient déjà des données"), again.err());
        assertEquals(before, Files2.sha256(db), "a refused demo leaves the database as it was");
    }

    @Test
    void theDatabaseComesFromCoordoDbWhenNoOptionIsGiven() {
        Path db = dir.resolve("env.db");
        Run r = run(Map.of("COORDO_DB", db.toString()), "demo");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(db));
    }

    @Test
    void aBadOptionValueIsAFrenchUsageError() {
        Run r = run("demo", "--size", "enorme", "--db", dir.resolve("x.db").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("valeur « enorme » invalide pour --size (valeurs possibles : small, large)"), r.err());
        assertTrue(r.err().contains("coordo demo --help"), r.err());
        assertFalse(Files.exists(dir.resolve("x.db")), "nothing is created on a usage error");

        Run unknown = run("--couleur");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("argument non reconnu : --couleur"), unknown.err());
        assertTrue(windows.isEmpty(), "no window opens on a usage error");
    }

    @Test
    void anUnwritableDbGivesAFrenchErrorAndANonZeroExit() throws Exception {
        Path file = Files.writeString(dir.resolve("un-fichier"), "x");
        Run r = run("--db", file.resolve("coordo.db").toString(), "demo");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("Erreur : Le fichier"), r.err());
        assertTrue(r.err().contains("n'est pas un dossier. Choisissez un autre emplacement."), r.err());
    }

    @Test
    void backupWritesAVerifiedCopyAndNeverOverwrites() throws Exception {
        Path db = dir.resolve("msp.db");
        assertEquals(0, run("--db", db.toString(), "demo").code());
        Path dest = dir.resolve("cle-usb/sauvegarde.db");
        Run r = run("--db", db.toString(), "backup", dest.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Sauvegarde écrite : " + dest), r.out());
        try (Database copy = Database.open(dest)) {
            assertEquals(24, new TeamRepository(copy).countActive(LocalDate.now(Database.ZONE)));
        }
        String before = Files2.sha256(dest);
        Run twice = run("--db", db.toString(), "backup", dest.toString());
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("existe déjà"), twice.err());
        assertEquals(before, Files2.sha256(dest));
    }

    @Test
    void backupWorksWhileTheWindowHasTheDatabaseOpen() throws Exception {
        Path db = dir.resolve("ouverte.db");
        assertEquals(0, run("--db", db.toString(), "demo").code());
        try (Database open = Database.open(db)) {
            Path dest = dir.resolve("pendant.db");
            Run r = run("--db", db.toString(), "backup", dest.toString());
            assertEquals(0, r.code(), r.err());
            try (Database copy = Database.open(dest)) {
                assertEquals(200, (int) copy.read(dsl -> dsl.fetchCount(fr.coordo.store.schema.Tables.PATIENT)));
            }
        }
    }

    @Test
    void anOptionGivenTwiceIsNamed() {
        Run r = run("--db", "a.db", "--db", "b.db", "demo");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("l'option --db est donnée plusieurs fois"), r.err());
    }

    @Test
    void backupOfAMissingDatabaseIsRefusedWithoutCreatingIt() {
        Path db = dir.resolve("absente.db");
        Run r = run("--db", db.toString(), "backup", dir.resolve("s.db").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("n'existe pas"), r.err());
        assertFalse(Files.exists(db));
    }

    @Test
    void backupWithoutDestinationIsAUsageError() {
        Run r = run("backup");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("paramètre obligatoire manquant : FICHIER"), r.err());
    }

    @Test
    void withoutACommandTheWindowOpensOnTheDefaultDatabase() {
        Run r = run();
        assertEquals(0, r.code(), r.err());
        assertEquals(1, windows.size());
        assertTrue(windows.getFirst().defaultDatabase());
        assertEquals(dir.resolve("donnees/coordo/coordo.db"), windows.getFirst().paths().database());

        windows.clear();
        run("--db", dir.resolve("autre.db").toString());
        assertFalse(windows.getFirst().defaultDatabase(), "an explicit database is never filled with demo data");
    }
}
