package fr.coordo.store;

import static fr.coordo.store.schema.Tables.APP_SETTING;
import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.testing.Files2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    /** The newest schema version: the highest V&lt;n&gt;__ script among the migrations. */
    private static final int LATEST = latestMigration();

    @TempDir
    Path dir;

    private static int latestMigration() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final Database.Options options = new Database.Options(
            Clock.fixed(Instant.parse("2026-11-23T09:30:00Z"), Database.ZONE), () -> "coordinatrice", null);

    @Test
    void anEmptyFileIsMigratedToTheLatestSchemaWithSafePragmas() throws Exception {
        Path file = dir.resolve("neuve.db");
        try (Database db = Database.open(file, options)) {
            assertEquals(String.valueOf(LATEST), db.openReport().schemaVersion());
            assertEquals(LATEST, db.openReport().migrationsApplied());
            assertNull(db.openReport().backup(), "nothing to back up in a new file");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals("wal", pragma(c, "journal_mode"));
            assertEquals(String.valueOf(Database.APPLICATION_ID), pragma(c, "application_id"));
            assertTrue(tables(c).containsAll(List.of("audit_entry", "app_setting", "structure", "professional", "team_membership", "patient")));
        }
    }

    @Test
    void foreignKeysAreEnforcedOnTheApplicationsConnection() {
        try (Database db = Database.open(dir.resolve("fk.db"), options)) {
            StoreException e = assertThrows(StoreException.class, () -> db.write((dsl, audit) ->
                    dsl.execute("INSERT INTO team_membership (professional_id, start_date) VALUES (999, '2026-01-01')")));
            assertTrue(e.getMessage().contains("rien n'a été enregistré"), e.getMessage());
        }
    }

    @Test
    void aBackupIsTakenBeforePendingMigrationsAreApplied() throws Exception {
        Path file = dir.resolve("ancienne.db");
        try (Database v1 = Database.open(file, options.withTarget("1"))) {
            assertEquals("1", v1.openReport().schemaVersion());
            put(v1, "marque", "avant");
        }
        Path backup;
        try (Database db = Database.open(file, options)) {
            backup = db.openReport().backup();
            assertEquals(String.valueOf(LATEST), db.openReport().schemaVersion());
            assertEquals(LATEST - 1, db.openReport().migrationsApplied());
        }
        assertNotNull(backup, "a backup must be reported");
        assertEquals(dir.resolve("sauvegardes"), backup.getParent());
        assertTrue(backup.getFileName().toString().startsWith("ancienne-avant-migration-v1-20261123-1030"), backup.toString());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup)) {
            assertEquals("1", single(c, "SELECT max(version) FROM flyway_schema_history"));
            assertEquals("avant", single(c, "SELECT value FROM app_setting WHERE key = 'marque'"));
            assertFalse(tables(c).contains("patient"), "the backup holds the schema as it was before the migration");
        }
        try (Database again = Database.open(file, options)) {
            assertNull(again.openReport().backup(), "no migration pending, no backup");
        }
    }

    @Test
    void aDamagedDatabaseIsRefusedAndLeftByteIdentical() throws Exception {
        Path file = dir.resolve("abimee.db");
        try (Database db = Database.open(file, options)) {
            db.write((dsl, audit) -> {
                for (int i = 0; i < 2_000; i++) {
                    dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, "k" + i).set(APP_SETTING.VALUE, "x".repeat(100)).execute();
                }
                audit.record("setting", null, AuditAction.IMPORT, null);
                return null;
            });
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 8_192; i < 16_384; i++) {
            bytes[i] = (byte) 0x5A; // page 3 onwards turned into garbage
        }
        Files.write(file, bytes);
        String before = Files2.sha256(file);

        StoreException e = assertThrows(StoreException.class, () -> Database.open(file, options));
        assertTrue(e.getMessage().contains("endommagée"), e.getMessage());
        assertTrue(e.getMessage().contains("n'a pas été modifiée"), e.getMessage());
        assertEquals(before, Files2.sha256(file));
        assertFalse(Files.exists(dir.resolve("sauvegardes")));
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftByteIdentical() throws IOException {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "Compte rendu de la réunion du lundi\n".repeat(50));
        String before = Files2.sha256(file);
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file, options));
        assertTrue(e.getMessage().contains("n'est pas une base de données Coordo"), e.getMessage());
        assertEquals(before, Files2.sha256(file));
    }

    @Test
    void anotherApplicationsSqliteFileIsRefusedAndLeftByteIdentical() throws Exception {
        Path file = dir.resolve("autre.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE contacts (nom TEXT)");
            st.execute("INSERT INTO contacts VALUES ('Dupont')");
        }
        String before = Files2.sha256(file);
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file, options));
        assertTrue(e.getMessage().contains("n'est pas une base de données Coordo"), e.getMessage());
        assertEquals(before, Files2.sha256(file));
    }

    @Test
    void aDatabaseFromANewerCoordoIsRefusedAndLeftByteIdentical() throws Exception {
        Path file = dir.resolve("future.db");
        Database.open(file, options).close();
        markAsMigratedByAFutureVersion(file);
        String before = Files2.sha256(file);
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file, options));
        assertTrue(e.getMessage().contains("version plus récente"), e.getMessage());
        assertEquals(before, Files2.sha256(file));
    }

    @Test
    void aSecondInstanceOnTheSameFileIsRefusedUntilTheFirstCloses() {
        Path file = dir.resolve("partagee.db");
        try (Database first = Database.open(file, options)) {
            put(first, "k", "v");
            String before = Files2.sha256(file);
            StoreException e = assertThrows(StoreException.class, () -> Database.open(file, options));
            assertTrue(e.getMessage().contains("déjà ouverte par une autre instance"), e.getMessage());
            assertEquals(before, Files2.sha256(file), "the refused instance wrote nothing");
            assertTrue(Files.exists(dir.resolve("partagee.db.lock")), "the first instance keeps its lock");
            put(first, "k2", "v2");
        }
        Database.open(file, options).close();
    }

    @Test
    void aDirectoryGivenAsDatabaseIsRefusedInFrench() {
        StoreException e = assertThrows(StoreException.class, () -> Database.open(dir, options));
        assertTrue(e.getMessage().contains("est un dossier"), e.getMessage());
    }

    @Test
    void aWriteAndItsAuditEntryAreCommittedTogether() {
        try (Database db = Database.open(dir.resolve("audit.db"), options)) {
            db.write((dsl, audit) -> {
                dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, "structure.nom").set(APP_SETTING.VALUE, "MSP des Tilleuls").execute();
                audit.record("setting", "structure.nom", AuditAction.CREATE, Map.of("value", new Audit.Change(null, "MSP des Tilleuls")));
                return null;
            });
            var entry = db.read(dsl -> dsl.selectFrom(AUDIT_ENTRY).fetchSingle());
            assertEquals("coordinatrice", entry.getActor());
            assertEquals("setting", entry.getEntity());
            assertEquals("structure.nom", entry.getEntityId());
            assertEquals("CREATE", entry.getAction());
            assertEquals("2026-11-23T10:30:00.000+01:00", entry.getAt());
            assertEquals("{\"value\":[null,\"MSP des Tilleuls\"]}", entry.getChanges());
        }
    }

    @Test
    void aFailedWriteRollsBackItsChangeAndItsAuditEntry() {
        try (Database db = Database.open(dir.resolve("rollback.db"), options)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> db.write((dsl, audit) -> {
                dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, "a").set(APP_SETTING.VALUE, "1").execute();
                audit.record("setting", "a", AuditAction.CREATE, Map.of("value", Audit.Change.created("1")));
                throw new IllegalStateException("saisie interrompue");
            }));
            assertTrue(e.getMessage().contains("rien n'a été enregistré"), e.getMessage());
            assertEquals(0, (int) db.read(dsl -> dsl.fetchCount(APP_SETTING)));
            assertEquals(0, (int) db.read(dsl -> dsl.fetchCount(AUDIT_ENTRY)));
            // the connection is usable again afterwards
            put(db, "b", "2");
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(APP_SETTING)));
        }
    }

    @Test
    void sensitiveValuesAreMaskedInTheAuditTrail() {
        try (Database db = Database.open(dir.resolve("masque.db"), options)) {
            db.write((dsl, audit) -> {
                audit.record("patient", 12, AuditAction.UPDATE, Map.of(
                        "nir", new Audit.Change(null, "185057800608436"),
                        "iban", new Audit.Change("FR7630006000011234567890189", null)));
                return null;
            });
            String changes = db.read(dsl -> dsl.select(AUDIT_ENTRY.CHANGES).from(AUDIT_ENTRY).fetchSingle().value1());
            assertFalse(changes.contains("185057800608436"), changes);
            assertFalse(changes.contains("FR7630006000011234567890189"), changes);
            assertTrue(changes.contains("*************36"), changes);
        }
    }

    @Test
    void theAuditTrailCannotBeEditedOrDeleted() {
        try (Database db = Database.open(dir.resolve("immuable.db"), options)) {
            db.write((dsl, audit) -> {
                audit.record("setting", "x", AuditAction.CREATE, null);
                return null;
            });
            assertThrows(StoreException.class, () -> db.write((dsl, audit) -> dsl.deleteFrom(AUDIT_ENTRY).execute()));
            assertThrows(StoreException.class, () -> db.write((dsl, audit) -> dsl.update(AUDIT_ENTRY).set(AUDIT_ENTRY.ACTOR, "x").execute()));
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(AUDIT_ENTRY)));
        }
    }

    @Test
    void anOnlineBackupIsACompleteDatabaseAndNeverOverwritesAFile() throws Exception {
        Path file = dir.resolve("source.db");
        Path copy = dir.resolve("copies/sauvegarde.db");
        try (Database db = Database.open(file, options)) {
            put(db, "k", "v");
            db.backupTo(copy);
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(AUDIT_ENTRY.where(AUDIT_ENTRY.ACTION.eq("BACKUP")))));
            String before = Files2.sha256(copy);
            StoreException e = assertThrows(StoreException.class, () -> db.backupTo(copy));
            assertTrue(e.getMessage().contains("existe déjà"), e.getMessage());
            assertEquals(before, Files2.sha256(copy));
        }
        try (Database restored = Database.open(copy, options)) {
            assertEquals("v", restored.read(dsl -> dsl.select(APP_SETTING.VALUE).from(APP_SETTING).fetchSingle().value1()));
        }
        try (var files = Files.list(copy.getParent())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".partiel")), "no partial file left behind");
        }
    }

    @Test
    void workThatRecordsNoAuditEntryIsRolledBack() {
        try (Database db = Database.open(dir.resolve("sans-journal.db"), options)) {
            assertThrows(StoreException.class, () -> db.write((dsl, audit) ->
                    dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, "cache").set(APP_SETTING.VALUE, "1").execute()));
            assertEquals(0, (int) db.read(dsl -> dsl.fetchCount(APP_SETTING)));
        }
    }

    @Test
    void anErrorInsideAWriteRollsBackAndTheDatabaseStaysUsable() {
        try (Database db = Database.open(dir.resolve("erreur.db"), options)) {
            assertThrows(AssertionError.class, () -> db.write((dsl, audit) -> {
                dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, "a").set(APP_SETTING.VALUE, "1").execute();
                audit.record("setting", "a", AuditAction.CREATE, null);
                throw new AssertionError("plantage");
            }));
            assertEquals(0, (int) db.read(dsl -> dsl.fetchCount(APP_SETTING)), "nothing committed by the error");
            assertEquals(0, (int) db.read(dsl -> dsl.fetchCount(AUDIT_ENTRY)));
            put(db, "b", "2");
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(APP_SETTING)));
        }
    }

    @Test
    void aWriteInsideAWriteIsRefusedAndNothingOfTheOuterOneIsKept() {
        try (Database db = Database.open(dir.resolve("imbrique.db"), options)) {
            assertThrows(StoreException.class, () -> db.write((dsl, audit) -> {
                dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, "dehors").set(APP_SETTING.VALUE, "1").execute();
                audit.record("setting", "dehors", AuditAction.CREATE, null);
                put(db, "dedans", "2");
                return null;
            }));
            assertEquals(0, (int) db.read(dsl -> dsl.fetchCount(APP_SETTING)));
        }
    }

    @Test
    void aNewerDatabaseWithAJournalLeftBesideItIsRefusedWithoutTouchingEither() throws Exception {
        Path original = dir.resolve("vivante.db");
        Path copy = dir.resolve("copie.db");
        Database.open(original, options).close();
        markAsMigratedByAFutureVersion(original);
        // Copied while open, as after a crash: the last writes are still in the -wal file beside it.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + original); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA wal_autocheckpoint = 0");
            st.execute("INSERT INTO app_setting VALUES ('dans-le-journal', '1')");
            Files.copy(original, copy);
            Files.copy(dir.resolve("vivante.db-wal"), dir.resolve("copie.db-wal"));
        }
        String db = Files2.sha256(copy);
        assertTrue(Files.size(dir.resolve("copie.db-wal")) > 0, "the copy has a journal to lose");
        String wal = Files2.sha256(dir.resolve("copie.db-wal"));
        StoreException e = assertThrows(StoreException.class, () -> Database.open(copy, options));
        assertTrue(e.getMessage().contains("version plus récente"), e.getMessage());
        assertEquals(db, Files2.sha256(copy));
        assertTrue(Files.exists(dir.resolve("copie.db-wal")), "the journal is left where it was");
        assertEquals(wal, Files2.sha256(dir.resolve("copie.db-wal")));
        assertFalse(Files.exists(dir.resolve("copie.db.lock")), "a refused file gets no lock file beside it");
    }

    @Test
    void anotherApplicationsEmptyFileWithItsOwnIdIsRefused() throws Exception {
        Path file = dir.resolve("autre-vide.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = 42");
        }
        String before = Files2.sha256(file);
        assertThrows(StoreException.class, () -> Database.open(file, options));
        assertEquals(before, Files2.sha256(file));
    }

    /** Adds a schema version this Coordo does not know, as a newer Coordo would have. */
    private static void markAsMigratedByAFutureVersion(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, installed_on, execution_time, success) VALUES (99, '99', 'future', 'SQL', "
                    + "'V99__future.sql', 0, 'x', '2030-01-01 00:00:00.000', 1, 1)");
        }
    }

    private static void put(Database db, String key, String value) {
        db.write((dsl, audit) -> {
            dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, key).set(APP_SETTING.VALUE, value).execute();
            audit.record("setting", key, AuditAction.CREATE, Map.of("value", Audit.Change.created(value)));
            return null;
        });
    }

    private static String pragma(Connection c, String name) throws SQLException {
        return single(c, "PRAGMA " + name);
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
