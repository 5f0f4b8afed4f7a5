package fr.coordo.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.coordo.security.SecurityFixtures;
import fr.coordo.security.Session;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, measured: a separate process writes to an encrypted database in a loop, one transaction per
 * professional, and is killed with SIGKILL at random moments (while it writes, and sometimes while it opens the
 * file). Every write it reported as committed must be in the file once reopened, whole (its membership and its
 * audit entry with it), and SQLite's integrity check must pass through the key.
 */
class CrashSafetyTest {
    private static final int MIN_WRITES = 1_000;
    private static final int MIN_KILLS = 20;
    private static final long SEED = 20261124L;
    /** SIGKILL: a killed process ends with 128 + 9. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;
    private static final String LOGIN = "robuste";
    private static final String PASSWORD = "une phrase de passe solide";

    @TempDir
    Path dir;

    @Test
    void everyReportedWriteSurvivesRandomKills() throws Exception {
        long begin = System.nanoTime();
        Path db = dir.resolve("crash.db");
        Clock clock = Clock.system(Database.ZONE);
        // The setup (encryption, keyring, administrator) is done once, here: the children only sign in.
        try (Session admin = SecurityFixtures.vault(db, clock).setup(LOGIN, "Robin Robuste", PASSWORD.toCharArray()).session()) {
            assertTrue(admin.database().encrypted());
        }
        Random random = new Random(SEED);
        Set<Integer> reported = new ConcurrentSkipListSet<>();
        int kills = 0;
        int killsWhileOpening = 0;
        int rounds = 0;
        while (reported.size() < MIN_WRITES || kills < MIN_KILLS) {
            rounds++;
            assertTrue(rounds < 200, "too many rounds: the child writes too little");
            Path err = dir.resolve("enfant-" + rounds + ".err");
            Process child = start(db, err);
            AtomicInteger thisRound = new AtomicInteger();
            Thread reader = Thread.ofVirtual().start(() -> read(child, reported, thisRound));
            boolean duringOpening = random.nextInt(6) == 0;
            if (duringOpening) {
                // Anywhere from the JVM's start to its first writes: opening, recovery of the log, sign-in.
                Thread.sleep(100 + random.nextInt(1_500));
                if (thisRound.get() == 0) {
                    killsWhileOpening++;
                }
            } else {
                int afterCommits = 10 + random.nextInt(80);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (thisRound.get() < afterCommits) {
                    if (!child.isAlive() || System.nanoTime() > deadline) {
                        fail("the writing process stopped or stalled after " + thisRound.get() + " writes: "
                                + Files.readString(err, StandardCharsets.UTF_8));
                    }
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(250));
            }
            if (!child.isAlive()) {
                fail("the writing process ended before it was killed: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            child.destroyForcibly(); // SIGKILL on Linux and macOS: checked by the exit code below
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed process is gone");
            assertEquals(KILLED_BY_SIGKILL, child.exitValue(), "killed by SIGKILL, not ended cleanly");
            reader.join(Duration.ofSeconds(30)); // lines written before the kill are still in the pipe
            kills++;
        }

        List<Integer> lost = new ArrayList<>();
        int stored;
        try (Session s = SecurityFixtures.signIn(db, clock, LOGIN, PASSWORD.toCharArray())) {
            Database d = s.database();
            assertEquals("ok", d.read(dsl -> dsl.fetchValue("PRAGMA integrity_check")), "integrity check through the key");
            assertEquals(0, (int) d.read(dsl -> dsl.fetch("PRAGMA foreign_key_check").size()), "no dangling reference");
            Set<Integer> present = new TreeSet<>();
            for (Professional p : new TeamService(d, clock).all()) {
                int n = CrashWriter.number(p);
                if (n > 0) {
                    assertTrue(present.add(n), "written once: " + n);
                }
            }
            stored = present.size();
            for (int n : reported) {
                if (!present.contains(n)) {
                    lost.add(n);
                }
            }
            // Whole transactions only: each professional has its membership and its audit entry, nothing more.
            int professionals = d.read(dsl -> dsl.fetchCount(fr.coordo.store.schema.Tables.PROFESSIONAL));
            int memberships = d.read(dsl -> dsl.fetchCount(fr.coordo.store.schema.Tables.TEAM_MEMBERSHIP));
            int created = d.read(dsl -> dsl.fetchCount(fr.coordo.store.schema.Tables.AUDIT_ENTRY,
                    fr.coordo.store.schema.Tables.AUDIT_ENTRY.ENTITY.eq("professional")
                            .and(fr.coordo.store.schema.Tables.AUDIT_ENTRY.ACTION.eq("CREATE"))));
            assertEquals(professionals, memberships, "one membership per professional");
            assertEquals(professionals, created, "one audit entry per professional");
            // No gap: the numbers run from 1 without a hole (a write is there whole or not at all).
            assertEquals(stored, present.isEmpty() ? 0 : ((TreeSet<Integer>) present).last());
            // At most one write per kill may be committed but not reported: killed between the commit and the print.
            assertTrue(stored - reported.size() <= kills, stored + " stored, " + reported.size() + " reported");
        }
        // The file opens again through the normal door, and takes new writes.
        try (Session s = SecurityFixtures.signIn(db, clock, LOGIN, PASSWORD.toCharArray())) {
            new TeamService(s.database(), clock).add(CrashWriter.input(stored + 1), Set.of(), null);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);
        String figures = String.format(java.util.Locale.ROOT,
                "Crash safety (encrypted database, SIGKILL): writes reported committed %d, stored %d, kills %d "
                        + "(%d while opening), rows lost %d, integrity_check ok, duration %d s, seed %d",
                reported.size(), stored, kills, killsWhileOpening, lost.size(), seconds, SEED);
        Figures.record("crash-safety", figures);
        assertEquals(List.of(), lost, "writes reported as committed but missing");
        assertTrue(reported.size() >= MIN_WRITES && kills >= MIN_KILLS, figures);
    }

    private static Process start(Path db, Path err) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + db.getParent(), "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                db.toString(), LOGIN, PASSWORD))
                .redirectError(err.toFile())
                .start();
    }

    private static void read(Process child, Set<Integer> reported, AtomicInteger thisRound) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("COMMITTED ")) {
                    reported.add(Integer.parseInt(line.substring("COMMITTED ".length()).strip()));
                    thisRound.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // the pipe closes with the killed process
        }
    }
}
