package fr.coordo.backup;

import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.plan.PlanFixtures;
import fr.coordo.security.Session;
import fr.coordo.store.AccessDenied;
import fr.coordo.store.Database;
import fr.coordo.store.Role;
import fr.coordo.store.StoreException;
import fr.coordo.team.TeamService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorationTest {
    @TempDir
    Path dir;

    private final MovingClock clock = new MovingClock(LocalDateTime.of(2026, 11, 24, 18, 0));

    private Path db() {
        return dir.resolve("msp.db");
    }

    private static List<String> team(Database db) {
        return db.read(d -> d.select(PROFESSIONAL.LAST_NAME).from(PROFESSIONAL).orderBy(PROFESSIONAL.LAST_NAME).fetch(PROFESSIONAL.LAST_NAME));
    }

    private void hire(Session s, String name) {
        PlanFixtures.professional(new TeamService(s.database(), clock), name, "Camille", "medecin");
    }

    @Test
    void aBackupReplacesTheDataAfterAVerifiedCopyOfItAndTheRestoreIsAudited() throws Exception {
        Path backup;
        Restoration restoration;
        try (Session s = Protected.admin(db(), clock)) {
            hire(s, "Avant");
            backup = new Backups(s.database(), clock).backupNow().path();
            hire(s, "Après");
            clock.advance(java.time.Duration.ofMinutes(5));
            restoration = Restoration.prepare(s, backup, clock);
            assertEquals(dir.resolve("sauvegardes"), restoration.previousCopyFolder());
            StoreException open = assertThrows(StoreException.class, restoration::run);
            assertTrue(open.getMessage().contains("est encore ouverte"), open.getMessage());
            assertEquals(List.of("Après", "Avant"), team(s.database()), "refused while open: nothing changed");
        }
        Restoration.Summary summary = restoration.run();
        Path copy = dir.resolve("sauvegardes/msp-20261124-180500-avant-restauration.coordo-sauvegarde");
        assertEquals(copy, summary.previousCopy());
        assertEquals(0, summary.migrationsApplied());
        assertEquals("La sauvegarde « msp-20261124-180000-manuelle.coordo-sauvegarde » a été restaurée. Les données remplacées "
                + "sont gardées dans « " + copy + " ».", summary.message());
        try (Session s = Protected.signIn(db(), clock)) {
            assertEquals(List.of("Avant"), team(s.database()), "the data is the backup's");
            var entry = s.database().read(d -> d.selectFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.ACTION.eq("RESTORE")).fetchSingle());
            assertEquals("Anne Admin", entry.getActor());
            assertTrue(entry.getChanges().contains(backup.getFileName().toString()), entry.getChanges());
            assertEquals(BackupFile.Kind.BEFORE_RESTORE, new Backups(s.database(), clock).list().getFirst().kind());
        }
        // The copy holds what was replaced, encrypted with the same key.
        assertEquals("12", Database.checkRestorable(copy, keyOf()));
        try (Database kept = Database.open(copy, Database.Options.defaults().withKey(keyOf()))) {
            assertEquals(List.of("Après", "Avant"), team(kept));
        }
        assertFalse(Files.exists(dir.resolve(".msp.db-restauration.partiel")));
    }

    private fr.coordo.store.DatabaseKey keyOf() {
        try (Session s = Protected.signIn(db(), clock)) {
            return s.key();
        }
    }

    @Test
    void filesThatAreNotBackupsOfThisDatabaseAreRefusedAndNothingChanges() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.coordo-sauvegarde"), "Liste de courses\n".repeat(500));
        Path plain = dir.resolve("autre.db");
        try (Database other = Database.open(plain)) {
            other.read(d -> d.fetchCount(PROFESSIONAL));
        }
        Path foreignKey;
        try (Session other = Protected.admin(dir.resolve("autre-msp/msp.db"), clock)) {
            foreignKey = new Backups(other.database(), clock).backupNow().path();
        }
        Path damaged;
        Path newer = dir.resolve("plus-recente.coordo-sauvegarde");
        try (Session s = Protected.admin(db(), clock)) {
            hire(s, "Présent");
            Path good = new Backups(s.database(), clock).backupNow().path();
            byte[] bytes = Files.readAllBytes(good);
            for (int i = 0; i < 64; i++) {
                bytes[bytes.length / 2 + i] ^= 0x5A;
            }
            damaged = Files.write(dir.resolve("abimee.coordo-sauvegarde"), bytes);
            Files.copy(good, newer);
            try (Database future = Database.open(newer, Database.Options.defaults().withKey(s.key()))) {
                future.read(d -> d.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                        + "checksum, installed_by, execution_time, success) VALUES (99, '99', 'futur', 'SQL', 'V99__futur.sql', 0, 'x', 0, 1)"));
            }
            assertRefused(s, text, "ne peut pas être déchiffré avec la clé de cette base");
            assertRefused(s, plain, "n'est pas chiffré : ce n'est pas une sauvegarde de cette base protégée");
            assertRefused(s, foreignKey, "ne peut pas être déchiffré avec la clé de cette base");
            assertRefused(s, damaged, "est endommagé (le contrôle d'intégrité a échoué)");
            assertRefused(s, newer, "a été enregistré par une version plus récente de Coordo (schéma 99) : installez cette version");
            assertRefused(s, dir.resolve("absente.coordo-sauvegarde"), "est introuvable");
            assertRefused(s, db(), "Ce fichier est la base elle-même");
            assertEquals(List.of("Présent"), team(s.database()));
            assertEquals(1, new Backups(s.database(), clock).list().size(), "no copy of the current data was made");
        }
    }

    private void assertRefused(Session s, Path file, String why) {
        StoreException e = assertThrows(StoreException.class, () -> Restoration.prepare(s, file, clock));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().contains("Rien n'a été restauré"), e.getMessage());
    }

    @Test
    void anOlderBackupIsAcceptedAndMigratedOnReopening() throws Exception {
        Path old = dir.resolve("ancienne.coordo-sauvegarde");
        Restoration restoration;
        try (Session s = Protected.admin(db(), clock)) {
            try (Database v10 = Database.open(old, Database.Options.defaults().withKey(s.key()).withTarget("10"))) {
                assertEquals("10", v10.openReport().schemaVersion());
            }
            restoration = Restoration.prepare(s, old, clock);
            assertEquals("10", restoration.backupVersion());
        }
        Restoration.Summary summary = restoration.run();
        assertEquals("10", summary.restoredVersion());
        assertEquals("12", summary.schemaVersion());
        assertEquals(2, summary.migrationsApplied());
        assertTrue(summary.message().contains("Elle venait d'une version antérieure de Coordo (schéma 10) et a été mise à jour (schéma 12)."),
                summary.message());
    }

    @Test
    void aReopeningThatFailsAfterTheFileWasReplacedSaysSoAndWhereTheReplacedDataIs() throws Exception {
        Path old = dir.resolve("ancienne.coordo-sauvegarde");
        Path usb = Files.createDirectories(dir.resolve("usb"));
        Restoration restoration;
        fr.coordo.store.DatabaseKey key;
        try (Session s = Protected.admin(db(), clock)) {
            key = s.key();
            hire(s, "Actuel");
            try (Database v10 = Database.open(old, Database.Options.defaults().withKey(s.key()).withTarget("10"))) {
                assertEquals("10", v10.openReport().schemaVersion());
            }
            new Backups(s.database(), clock).chooseFolder(usb);
            restoration = Restoration.prepare(s, old, clock);
        }
        // The folder beside the database, where the backup before migrating the restored file goes, cannot be made.
        Files.deleteIfExists(dir.resolve("sauvegardes"));
        Files.writeString(dir.resolve("sauvegardes"), "un fichier, pas un dossier");
        StoreException e = assertThrows(StoreException.class, restoration::run);
        Path copy = usb.resolve("msp-20261124-180000-avant-restauration.coordo-sauvegarde");
        assertTrue(e.getMessage().startsWith("La sauvegarde « ancienne.coordo-sauvegarde » a remplacé la base « " + db()
                + " », mais la base n'a pas pu être rouverte ensuite : La sauvegarde automatique qui précède la mise à jour"), e.getMessage());
        assertTrue(e.getMessage().contains("Les données remplacées sont gardées dans « " + copy + " »."), e.getMessage());
        assertFalse(e.getMessage().contains("Rien n'a été restauré"), e.getMessage());
        try (Database kept = Database.open(copy, Database.Options.defaults().withKey(key))) {
            assertEquals(List.of("Actuel"), team(kept), "the replaced data is where the message says");
        }
        // Once the folder is fixed, the next opening migrates the restored data.
        Files.delete(dir.resolve("sauvegardes"));
        try (Database restored = Database.open(db(), Database.Options.defaults().withKey(key))) {
            assertEquals(List.of(), team(restored), "the data is the backup's");
            assertTrue(restored.openReport().migrationsApplied() > 0, "migrated at this opening");
        }
    }

    @Test
    void onlyAnAdministratorRestores() throws Exception {
        Path backup;
        char[] pw;
        try (Session s = Protected.admin(db(), clock)) {
            backup = new Backups(s.database(), clock).backupNow().path();
            pw = Protected.account(s, clock, "claire", "Claire Coordinatrice", Role.COORDINATEUR, null);
        }
        try (Session claire = fr.coordo.security.SecurityFixtures.signIn(db(), clock, "claire", pw)) {
            assertThrows(AccessDenied.class, () -> Restoration.prepare(claire, backup, clock));
        }
        // Even called directly, the file-level restore checks the right.
        var coordinatrice = new fr.coordo.store.Access("claire", "Claire Coordinatrice", Role.COORDINATEUR, null);
        assertThrows(AccessDenied.class, () -> Database.restore(db(), backup, dir.resolve("copie"),
                Database.Options.defaults().withAccess(coordinatrice)));
        assertFalse(Files.exists(dir.resolve("copie")));
    }
}
