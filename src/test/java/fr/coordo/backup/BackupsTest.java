package fr.coordo.backup;

import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.security.SecurityFixtures;
import fr.coordo.security.Session;
import fr.coordo.store.Database;
import fr.coordo.store.Role;
import fr.coordo.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {
    @TempDir
    Path dir;

    private final MovingClock clock = new MovingClock(LocalDateTime.of(2026, 11, 24, 18, 0));

    private Session admin() {
        return Protected.admin(dir.resolve("msp.db"), clock);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int backupEntries(Database db) {
        return db.read(d -> d.fetchCount(AUDIT_ENTRY.where(AUDIT_ENTRY.ACTION.eq("BACKUP"))));
    }

    @Test
    void aManualBackupGoesBesideTheDatabaseEncryptedVerifiedAndNamedByDateAndKindOnly() throws Exception {
        try (Session s = admin()) {
            Backups backups = new Backups(s.database(), clock);
            assertTrue(backups.isDefaultFolder());
            BackupFile f = backups.backupNow();
            assertEquals(dir.resolve("sauvegardes/msp-20261124-180000-manuelle.coordo-sauvegarde"), f.path());
            assertFalse(Database.isPlainSqlite(f.path()), "the backup is as unreadable without the key as the database");
            assertEquals(s.database().openReport().schemaVersion(), Database.checkRestorable(f.path(), s.key()));
            assertEquals(List.of(f), backups.list());
            assertEquals(List.of(f.path().getFileName().toString()), names(f.path().getParent()), "no temporary file is left");
            assertEquals(1, backupEntries(s.database()), "the backup is in the audit");
            BackupFile second = backups.backupNow();
            assertEquals("msp-20261124-180000-manuelle-2.coordo-sauvegarde", second.path().getFileName().toString(),
                    "two backups in the same second do not overwrite each other");
        }
    }

    @Test
    void theChosenFolderIsASettingOfTheDatabaseAndAMissingOneIsSaidInFrench() throws Exception {
        Path usb = Files.createDirectories(dir.resolve("media/CLE-USB"));
        try (Session s = admin()) {
            Backups backups = new Backups(s.database(), clock);
            StoreException absent = assertThrows(StoreException.class, () -> backups.chooseFolder(dir.resolve("nulle-part")));
            assertTrue(absent.getMessage().contains("introuvable"), absent.getMessage());
            backups.chooseFolder(usb);
        }
        try (Session s = Protected.signIn(dir.resolve("msp.db"), clock)) {
            Backups backups = new Backups(s.database(), clock);
            assertEquals(usb, backups.folder(), "the folder is kept with the database");
            assertTrue(backups.backupNow().path().startsWith(usb));
            // The key is taken out: its folder disappears.
            try (Stream<Path> files = Files.list(usb)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(usb);
            int audited = backupEntries(s.database());
            StoreException e = assertThrows(StoreException.class, backups::backupNow);
            assertEquals("Le dossier de sauvegarde « " + usb + " » est introuvable : branchez la clé USB ou le disque qui le contient, "
                    + "ou choisissez un autre dossier dans les Réglages. Aucune sauvegarde n'a été écrite.", e.getMessage());
            assertFalse(Files.exists(usb), "the folder is not recreated on the internal disk where the key was");
            assertEquals(audited, backupEntries(s.database()));
            assertTrue(backups.folderProblem().isPresent());
        }
    }

    @Test
    void changingTheFolderNeedsTheRightToChangeSettings() throws Exception {
        Path usb = Files.createDirectories(dir.resolve("usb"));
        char[] pw;
        try (Session s = admin()) {
            int id = fr.coordo.plan.PlanFixtures.professional(new fr.coordo.team.TeamService(s.database(), clock), "Kiné", "Paul", "medecin");
            pw = Protected.account(s, clock, "paul", "Paul Kiné", Role.PROFESSIONNEL, id);
        }
        try (Session paul = SecurityFixtures.signIn(dir.resolve("msp.db"), clock, "paul", pw)) {
            Backups backups = new Backups(paul.database(), clock);
            assertThrows(fr.coordo.store.AccessDenied.class, () -> backups.chooseFolder(usb));
            assertTrue(backups.atClosing().path().startsWith(dir.resolve("sauvegardes")), "every role's closing protects the data");
        }
    }

    @Test
    void closingAndDailyBackupsAreRotatedAndOnlyAutomaticOnesAreEverDeleted() throws Exception {
        try (Session s = admin()) {
            Backups backups = new Backups(s.database(), clock);
            Path folder = backups.folder();
            BackupFile manual = backups.backupNow();
            Files.writeString(folder.resolve("notes.txt"), "à garder");
            Files.writeString(folder.resolve("coordo-sauvegarde-20261001-1200.db"), "une sauvegarde d'avant, nommée à la main");
            assertTrue(backups.dailyDue(), "no automatic backup yet");
            for (int day = 1; day <= 30; day++) {
                clock.advance(Duration.ofDays(1));
                assertTrue(backups.daily().isPresent(), "day " + day);
                clock.advance(Duration.ofHours(23));
                assertTrue(backups.daily().isEmpty(), "not due again within 24 hours");
                clock.advance(Duration.ofHours(-23));
            }
            // Closing twice in the evening of the last day: only the later one stands for that day.
            clock.advance(Duration.ofHours(2));
            backups.atClosing();
            clock.advance(Duration.ofMinutes(30));
            BackupFile last = backups.atClosing();
            List<String> auto = backups.list().stream().filter(b -> b.kind() == BackupFile.Kind.AUTO)
                    .map(b -> b.path().getFileName().toString()).sorted().toList();
            // Thirty daily backups from Wednesday 25 November to Thursday 24 December 2026 at 18:00:
            assertEquals(List.of(
                    "msp-20261130-180000-auto.coordo-sauvegarde", // November
                    "msp-20261206-180000-auto.coordo-sauvegarde", // week of 30 November
                    "msp-20261213-180000-auto.coordo-sauvegarde", // week of 7 December
                    "msp-20261218-180000-auto.coordo-sauvegarde",
                    "msp-20261219-180000-auto.coordo-sauvegarde",
                    "msp-20261220-180000-auto.coordo-sauvegarde",
                    "msp-20261221-180000-auto.coordo-sauvegarde",
                    "msp-20261222-180000-auto.coordo-sauvegarde",
                    "msp-20261223-180000-auto.coordo-sauvegarde",
                    last.path().getFileName().toString()), auto);
            assertEquals("msp-20261224-203000-auto.coordo-sauvegarde", last.path().getFileName().toString());
            List<String> all = names(folder);
            assertTrue(all.contains(manual.path().getFileName().toString()), "a manual backup is never rotated away");
            assertTrue(all.contains("notes.txt") && all.contains("coordo-sauvegarde-20261001-1200.db"), "foreign files are left alone");
            assertEquals(auto.size() + 3, all.size(), all.toString());
        }
    }

    @Test
    void anAutomaticBackupDatedInTheFutureDoesNotPutOffTheDailyOne() throws Exception {
        try (Database db = Database.open(dir.resolve("msp.db"))) {
            Backups backups = new Backups(db, clock);
            // Taken once while the computer's clock said 2027.
            clock.advance(Duration.ofDays(200));
            BackupFile future = backups.atClosing();
            clock.advance(Duration.ofDays(-200));
            assertTrue(backups.dailyDue(), "a backup dated " + future.takenAt() + " is no backup of today");
            BackupFile today = backups.daily().orElseThrow();
            assertEquals(LocalDateTime.of(2026, 11, 24, 18, 0), today.takenAt());
            clock.advance(Duration.ofHours(1));
            assertFalse(backups.dailyDue(), "today's backup counts: not due again an hour later");
            clock.advance(Duration.ofHours(23));
            assertTrue(backups.daily().isPresent(), "and the next day's is taken");
        }
    }

    @Test
    void twoDatabasesSharingAFolderEachKeepTheirOwnBackups() throws Exception {
        Path usb = Files.createDirectories(dir.resolve("usb"));
        try (Database msp = Database.open(dir.resolve("msp.db")); Database essai = Database.open(dir.resolve("essai.db"))) {
            Backups a = new Backups(msp, clock);
            Backups b = new Backups(essai, clock);
            a.chooseFolder(usb);
            b.chooseFolder(usb);
            for (int day = 1; day <= 40; day++) {
                clock.advance(Duration.ofDays(1));
                assertTrue(a.daily().isPresent(), "msp, day " + day + ": essai's backup of the same day does not stand for msp's");
                clock.advance(Duration.ofMinutes(1));
                assertTrue(b.daily().isPresent(), "essai, day " + day);
                clock.advance(Duration.ofMinutes(-1));
            }
            List<BackupFile> mine = a.list();
            List<BackupFile> theirs = b.list();
            assertTrue(mine.stream().allMatch(f -> f.path().getFileName().toString().startsWith("msp-")), mine.toString());
            assertTrue(theirs.stream().allMatch(f -> f.path().getFileName().toString().startsWith("essai-")), theirs.toString());
            // Each rotation kept its own recent days: the newest backups of both databases are still there.
            assertEquals(LocalDateTime.of(2027, 1, 3, 18, 0), mine.getFirst().takenAt());
            assertEquals(LocalDateTime.of(2027, 1, 3, 18, 1), theirs.getFirst().takenAt());
            assertEquals(mine.size(), theirs.size(), "the same policy keeps as many backups of each");
            assertTrue(mine.size() >= 9, mine.toString());
            assertEquals(mine.size() + theirs.size(), names(usb).size(), "nothing else in the folder");
        }
    }

    @Test
    void anUnwritableFolderIsRefusedInFrenchAndLeavesNothing() throws Exception {
        Path usb = dir.resolve("cle-protegee");
        boolean mounted = Mounts.tmpfs(usb, "size=8m");
        try {
            if (!mounted) {
                Files.createDirectories(usb);
            }
            try (Session s = admin()) {
                Backups backups = new Backups(s.database(), clock);
                backups.chooseFolder(usb);
                // The key's write protection is switched on (root ignores file modes, so the file system is made read-only).
                boolean readOnly = mounted ? Mounts.remount(usb, "ro")
                        : Files.setPosixFilePermissions(usb, PosixFilePermissions.fromString("r-xr-xr-x")) != null && !Files.isWritable(usb);
                Assumptions.assumeTrue(readOnly, "no way to make a read-only folder here");
                StoreException e = assertThrows(StoreException.class, backups::backupNow);
                assertTrue(e.getMessage().startsWith("Le dossier de sauvegarde « " + usb + " » n'est pas accessible en écriture"), e.getMessage());
                assertEquals(List.of(), names(usb));
                assertEquals(0, backupEntries(s.database()));
            }
        } finally {
            if (mounted) {
                Mounts.unmount(usb);
            } else {
                Files.setPosixFilePermissions(usb, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void aFullDiskLeavesNoPartialFileAndTheDatabaseAsItWas() throws Exception {
        Path usb = dir.resolve("petite-cle");
        Assumptions.assumeTrue(Mounts.tmpfs(usb, "size=64k"), "mounting a small tmpfs needs root");
        try (Session s = admin()) {
            Backups backups = new Backups(s.database(), clock);
            backups.chooseFolder(usb);
            long size = Files.size(s.database().file());
            assertTrue(size > 64 * 1024, "the database (" + size + " bytes) is bigger than the key");
            int audit = s.database().read(d -> d.fetchCount(AUDIT_ENTRY));
            StoreException e = assertThrows(StoreException.class, backups::backupNow);
            assertTrue(e.getMessage().startsWith("Le disque est plein : la sauvegarde « " + usb), e.getMessage());
            assertTrue(e.getMessage().contains("aucun fichier partiel n'a été laissé"), e.getMessage());
            assertEquals(List.of(), names(usb), "nothing is left on the full key");
            assertEquals(audit, (int) s.database().read(d -> d.fetchCount(AUDIT_ENTRY)), "the database is as it was");
            assertEquals("ok", s.database().read(d -> d.fetchValue("PRAGMA integrity_check")));
            // The database keeps working, and a backup elsewhere succeeds.
            backups.useDefaultFolder();
            assertTrue(Files.size(backups.backupNow().path()) > 0);
        } finally {
            Mounts.unmount(usb);
        }
    }
}
