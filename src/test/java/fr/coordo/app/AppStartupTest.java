package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.patient.PatientService;
import fr.coordo.security.Kdf;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import fr.coordo.ui.Startup;
import fr.coordo.ui.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppStartupTest {
    @TempDir
    Path dir;

    private AppStartup startup(Path chosen) {
        AppPaths paths = AppPaths.resolve(chosen, Map.of("XDG_DATA_HOME", dir.toString()));
        return new AppStartup(paths, chosen == null, Clock.system(Database.ZONE), Kdf.Params.LIGHT);
    }

    @Test
    void theDefaultDatabaseBecomesTheProtectedDemonstrationOnceAndSaysSo() {
        AppStartup first = startup(null);
        Startup.Door door = first.prepare();
        assertEquals(new Startup.Door(Vault.State.PROTECTED, true), door);
        assertFalse(Database.isPlainSqlite(first.paths().database()), "the demonstration is encrypted like any database");
        try (Session session = first.vault().unlock(DemoDatabase.LOGIN, DemoDatabase.PASSWORD.toCharArray())) {
            Workspace ws = first.open(session);
            assertTrue(ws.demo());
            assertTrue(ws.signedIn());
            assertEquals(200, new PatientService(ws.database()).count());
        }
        AppStartup again = startup(null);
        assertEquals(new Startup.Door(Vault.State.PROTECTED, true), again.prepare(), "the sign-in still shows the demo account");
        try (Session session = again.vault().unlock(DemoDatabase.LOGIN, DemoDatabase.PASSWORD.toCharArray())) {
            assertEquals(200, new PatientService(session.database()).count(), "filled once, not twice");
        }
    }

    @Test
    void aPlainDemonstrationFromAnOlderCoordoIsProtectedWithTheDemoAccount() {
        AppStartup startup = startup(null);
        try (Database plain = Database.open(startup.paths().database())) {
            new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(plain, DemoGenerator.Size.SMALL);
        }
        assertEquals(new Startup.Door(Vault.State.PROTECTED, true), startup.prepare());
        try (Session session = startup.vault().unlock(DemoDatabase.LOGIN, DemoDatabase.PASSWORD.toCharArray())) {
            assertEquals(200, new PatientService(session.database()).count(), "its data kept, not generated again");
        }
    }

    @Test
    void aDemonstrationSomeoneWorkedInAfterwardsNeverGetsThePublicDemoPassword() throws Exception {
        AppStartup startup = startup(null);
        Path db = startup.paths().database();
        try (Database plain = Database.open(db)) {
            new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(plain, DemoGenerator.Size.SMALL);
        }
        // Two hours later, someone types a real patient into it.
        Clock later = Clock.offset(Clock.system(Database.ZONE), java.time.Duration.ofHours(2));
        try (Database plain = Database.open(db, Database.Options.defaults().withClock(later))) {
            new PatientService(plain, later).add(fr.coordo.plan.PlanFixtures.eloise(null, java.time.LocalDate.of(2026, 1, 5)), java.util.Set.of());
        }
        java.util.List<Path> before;
        try (var files = Files.walk(dir)) {
            before = files.filter(Files::isRegularFile).toList();
        }
        assertEquals(new Startup.Door(Vault.State.UNPROTECTED, false), startup.prepare(), "its own administrator sets it up");
        assertTrue(Database.isPlainSqlite(db), "untouched until then");
        try (var files = Files.walk(dir)) {
            // SQLite's own shared-memory index of the log aside: no copy, no backup before migration
            assertEquals(before, files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().endsWith("-wal") && !f.toString().endsWith("-shm")).toList(), "no plain copy");
        }
    }

    @Test
    void aDatabaseChosenByTheUserIsNeverFilledWithDemoDataButSetUpByItsAdministrator() {
        Path chosen = dir.resolve("vraie.db");
        AppStartup startup = startup(chosen);
        assertEquals(new Startup.Door(Vault.State.NEW, false), startup.prepare());
        assertFalse(Files.exists(chosen), "the first-run setup creates it");
        Vault.Setup setup = startup.vault().setup("admin", "Anne Admin", "coordonner la maison".toCharArray());
        try (Session session = setup.session()) {
            Workspace ws = startup.open(session);
            assertFalse(ws.demo());
            assertEquals(0, new PatientService(ws.database()).count());
        }
        assertEquals(new Startup.Door(Vault.State.PROTECTED, false), startup(chosen).prepare());
    }

    @Test
    void closingTheWindowLeavesAVerifiedAutomaticBackup() throws Exception {
        AppStartup startup = startup(null);
        startup.prepare();
        try (Session session = startup.vault().unlock(DemoDatabase.LOGIN, DemoDatabase.PASSWORD.toCharArray())) {
            Workspace ws = startup.open(session);
            startup.signedIn(ws);
            startup.closing(ws);
            java.util.List<fr.coordo.backup.BackupFile> kept = new fr.coordo.backup.Backups(ws.database(), Clock.system(Database.ZONE)).list();
            assertEquals(1, kept.size(), kept.toString());
            assertEquals(fr.coordo.backup.BackupFile.Kind.AUTO, kept.getFirst().kind());
            assertTrue(kept.getFirst().path().getFileName().toString().endsWith("-auto.coordo-sauvegarde"), kept.toString());
            assertTrue(Database.isSound(kept.getFirst().path(), session.key()), "encrypted with the same key, and whole");
        }
    }
}
