package fr.coordo.app;

import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import fr.coordo.team.TeamService;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** coordo backup [FICHIER] and coordo restore FICHIER [--yes], as a script or a person at a terminal uses them. */
class BackupCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, CliAccess.env(dir.resolve("donnees")), new PrintWriter(out, true),
                new PrintWriter(err, true), t -> {});
        return new Run(code, out.toString(), err.toString());
    }

    @AfterEach
    void terminal() {
        RestoreCommand.answers = () -> new BufferedReader(new java.io.InputStreamReader(System.in));
    }

    private static List<String> team(Path db) {
        try (Database d = CliAccess.open(db)) {
            return d.read(x -> x.select(PROFESSIONAL.LAST_NAME).from(PROFESSIONAL).orderBy(PROFESSIONAL.LAST_NAME).fetch(PROFESSIONAL.LAST_NAME));
        }
    }

    private static void hire(Path db, String name) {
        if (!java.nio.file.Files.exists(db)) {
            CliAccess.protect(db);
        }
        try (Database d = CliAccess.open(db)) {
            PlanFixtures.professional(new TeamService(d), name, "Camille", "medecin");
        }
    }

    @Test
    void aBackupWithoutFileGoesInTheBackupFolderAndRestoreBringsItBackAfterConfirmation() throws Exception {
        Path db = dir.resolve("msp.db");
        hire(db, "Avant");
        Run backup = run("--db", db.toString(), "backup");
        assertEquals(0, backup.code(), backup.err());
        Matcher m = Pattern.compile("Sauvegarde écrite : (.+msp-\\d{8}-\\d{6}-manuelle\\.coordo-sauvegarde) \\(\\d+ Ko\\)\\.\\s*")
                .matcher(backup.out());
        assertTrue(m.matches(), backup.out());
        Path file = Path.of(m.group(1));
        assertEquals(dir.resolve("sauvegardes"), file.getParent());
        hire(db, "Après");

        RestoreCommand.answers = () -> new BufferedReader(new StringReader("non\n"));
        Run no = run("--db", db.toString(), "restore", file.toString());
        assertEquals(1, no.code());
        assertTrue(no.out().contains("Une copie des données actuelles sera gardée dans le dossier « " + dir.resolve("sauvegardes") + " »."),
                no.out());
        assertEquals("Erreur : Restauration annulée : rien n'a été modifié.", no.err().strip());
        assertEquals(List.of("Après", "Avant"), team(db));

        RestoreCommand.answers = () -> new BufferedReader(new StringReader("oui\n"));
        Run yes = run("--db", db.toString(), "restore", file.toString());
        assertEquals(0, yes.code(), yes.err());
        assertTrue(yes.out().contains("a été restaurée. Les données remplacées sont gardées dans"), yes.out());
        assertEquals(List.of("Avant"), team(db));
    }

    @Test
    void aScriptRestoresWithYesAndARefusalExitsWithOne() throws Exception {
        Path db = dir.resolve("msp.db");
        hire(db, "Avant");
        Path file = dir.resolve("copie.db");
        assertEquals(0, run("--db", db.toString(), "backup", file.toString()).code());
        hire(db, "Après");
        Run yes = run("--db", db.toString(), "restore", file.toString(), "--yes");
        assertEquals(0, yes.code(), yes.err());
        assertEquals(List.of("Avant"), team(db));

        Path notes = Files.writeString(dir.resolve("notes.txt"), "rien à voir");
        Run refused = run("--db", db.toString(), "restore", notes.toString(), "--yes");
        assertEquals(1, refused.code());
        assertTrue(refused.err().startsWith("Erreur : Le fichier « " + notes + " » ne peut pas être déchiffré avec la clé de cette base")
                && refused.err().contains("Rien n'a été restauré"),
                refused.err());
        assertEquals(List.of("Avant"), team(db));

        Run usage = run("--db", db.toString(), "restore");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("paramètre obligatoire manquant : FICHIER"), usage.err());
    }

    @Test
    void aDamagedDatabaseThatNobodyCanOpenIsReplacedAndKeptAsItWas() throws Exception {
        Path db = dir.resolve("msp.db");
        hire(db, "Avant");
        Path file = dir.resolve("copie.db");
        assertEquals(0, run("--db", db.toString(), "backup", file.toString()).code());
        hire(db, "Après");
        // A few kilobytes of the file overwritten: the pages no longer authenticate.
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(db, java.nio.file.StandardOpenOption.WRITE)) {
            c.write(java.nio.ByteBuffer.wrap(new byte[8192]), 4096);
        }
        byte[] damaged = Files.readAllBytes(db);
        Run signIn = run("--db", db.toString(), "team", "export");
        assertEquals(1, signIn.code());
        assertTrue(signIn.err().contains("endommagée"), signIn.err());

        Run yes = run("--db", db.toString(), "restore", file.toString(), "--yes");
        assertEquals(0, yes.code(), yes.err());
        assertTrue(yes.out().contains("est endommagée : elle sera gardée telle quelle"), yes.out());
        assertEquals(List.of("Avant"), team(db));
        try (var kept = Files.list(fr.coordo.store.Database.backupDirFor(db))) {
            Path copy = kept.filter(p -> p.getFileName().toString().contains("avant-restauration") && !p.toString().endsWith("-wal"))
                    .findFirst().orElseThrow();
            assertArrayEquals(damaged, Files.readAllBytes(copy), "the damaged file is kept byte for byte");
        }
    }
}
