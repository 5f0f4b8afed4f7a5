package fr.coordo.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.security.SecurityFixtures;
import fr.coordo.security.Session;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import fr.coordo.testing.Fuzz;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up in the middle of a write: the write is refused with « Le disque est plein : rien n'a été
 * enregistré », the encrypted database is exactly as before and sound, and it takes the same write once there is
 * room again. Twice: with SQLite's page limit, which works everywhere, and on a real full file system (a small
 * tmpfs) where the machine allows mounting one.
 */
class FullDiskTest {
    private static final String LOGIN = "robuste";
    private static final String PASSWORD = "une phrase de passe solide";
    private static final String DISK_FULL = "Le disque est plein : rien n'a été enregistré. Libérez de la place puis recommencez.";
    private static final Clock CLOCK = Clock.system(Database.ZONE);

    @TempDir
    Path dir;

    @Test
    void aDatabaseThatCannotGrowRefusesTheWholeWriteAndKeepsItsData() {
        Path db = dir.resolve("plein.db");
        try (Session s = setup(db)) {
            Database d = s.database();
            TeamService team = new TeamService(d, CLOCK);
            team.addAll(batch("Avant", 20, 100));
            String before = Fuzz.dump(d);
            long pages = d.read(dsl -> ((Number) dsl.fetchValue("PRAGMA page_count")).longValue());
            // The file may not take one page more: what a full disk does to SQLite, on the write's own connection.
            d.read(dsl -> dsl.fetch("PRAGMA max_page_count = " + pages));

            StoreException full = assertThrows(StoreException.class, () -> team.addAll(batch("Pendant", 300, 1_000)));
            assertEquals(DISK_FULL, full.getMessage());
            assertEquals(before, Fuzz.dump(d), "the database is as it was");
            assertEquals("ok", d.read(dsl -> dsl.fetchValue("PRAGMA integrity_check")));

            d.read(dsl -> dsl.fetch("PRAGMA max_page_count = 1073741823"));
            assertEquals(300, team.addAll(batch("Pendant", 300, 1_000)).size(), "the same write, once there is room");
        }
        try (Session s = SecurityFixtures.signIn(db, CLOCK, LOGIN, PASSWORD.toCharArray())) {
            assertEquals("ok", s.database().read(dsl -> dsl.fetchValue("PRAGMA integrity_check")));
            assertEquals(320, new TeamService(s.database(), CLOCK).all().size());
        }
        Figures.record("full-disk-page-limit", "Full disk (SQLite page limit, encrypted database): write of 300 professionals "
                + "refused with « " + DISK_FULL + " », database identical, integrity_check ok, write accepted once room is back");
    }

    @Test
    void aRealFullFileSystemDuringAWriteLeavesTheDatabaseAsItWas() throws Exception {
        Path mount = dir.resolve("petit-disque");
        Files.createDirectories(mount);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString()),
                "mounting a small tmpfs needs root on Linux: the page-limit test covers the other machines");
        try {
            Path db = mount.resolve("plein.db");
            Path filler = mount.resolve("remplissage");
            try (Session s = setup(db)) {
                Database d = s.database();
                TeamService team = new TeamService(d, CLOCK);
                team.addAll(batch("Avant", 20, 100));
                String before = Fuzz.dump(d);
                long free = fill(filler);
                assertTrue(Files.getFileStore(mount).getUsableSpace() < 8_192, "the file system is full");

                StoreException full = assertThrows(StoreException.class, () -> team.addAll(batch("Pendant", 400, 1_000)));
                assertEquals(DISK_FULL, full.getMessage());
                assertEquals(before, Fuzz.dump(d), "the database is as it was");
                assertEquals("ok", d.read(dsl -> dsl.fetchValue("PRAGMA integrity_check")));

                Files.delete(filler);
                assertEquals(400, team.addAll(batch("Pendant", 400, 1_000)).size(), "the same write, once there is room");
                Figures.record("full-disk-tmpfs", "Full disk (4 MB tmpfs, its " + free / 1024 + " KiB of free room filled, encrypted "
                        + "database): write of 400 professionals refused with « " + DISK_FULL + " », database identical, "
                        + "integrity_check ok, write accepted once room is back");
            }
            try (Session s = SecurityFixtures.signIn(db, CLOCK, LOGIN, PASSWORD.toCharArray())) {
                assertEquals("ok", s.database().read(dsl -> dsl.fetchValue("PRAGMA integrity_check")));
                assertEquals(420, new TeamService(s.database(), CLOCK).all().size());
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private static Session setup(Path db) {
        Session s = SecurityFixtures.vault(db, CLOCK).setup(LOGIN, "Robin Robuste", PASSWORD.toCharArray()).session();
        assertTrue(s.database().encrypted());
        return s;
    }

    /** {@code count} new professionals, each with notes of {@code notes} characters: one write of a known size. */
    private static List<TeamService.Entry> batch(String name, int count, int notes) {
        List<TeamService.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ProfessionalInput in = new ProfessionalInput(null, name, "N" + i, "infirmier", null, null, null, null, null, true, null,
                    PracticeMode.LIBERAL, null, null, null, null, null, null, null, ("note " + i + " ").repeat(notes / 6));
            entries.add(new TeamService.Entry(in, Set.of(), LocalDate.of(2024, 1, 1)));
        }
        return entries;
    }

    /** Writes {@code filler} until the file system refuses a byte more; returns how much room was left before. */
    private static long fill(Path filler) throws IOException {
        long free = Files.getFileStore(filler.getParent()).getUsableSpace();
        byte[] chunk = new byte[4_096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return free;
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
