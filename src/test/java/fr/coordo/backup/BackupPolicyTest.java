package fr.coordo.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BackupPolicyTest {
    private static final BackupPolicy POLICY = BackupPolicy.DEFAULT;

    private static LocalDateTime at(String day, int hour) {
        return LocalDate.parse(day).atTime(hour, 0);
    }

    @Test
    void aYearAndMoreOfDailyBackupsKeepsSevenDaysFourWeeksAndTwelveMonths() {
        List<LocalDateTime> taken = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2025, 1, 1); !d.isAfter(LocalDate.of(2026, 11, 24)); d = d.plusDays(1)) {
            taken.add(d.atTime(18, 0));
            taken.add(d.atTime(12, 30)); // closed twice that day: only the evening one is kept
        }
        Set<LocalDateTime> expected = new TreeSet<>();
        for (String day : List.of("2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24",
                // the Sundays ending the two weeks before (Tuesday 24 and Sunday 22 stand for their weeks already)
                "2026-11-15", "2026-11-08",
                // the last day of each of the eleven months before November 2026
                "2026-10-31", "2026-09-30", "2026-08-31", "2026-07-31", "2026-06-30", "2026-05-31", "2026-04-30", "2026-03-31",
                "2026-02-28", "2026-01-31", "2025-12-31")) {
            expected.add(at(day, 18));
        }
        assertEquals(expected, new TreeSet<>(POLICY.keep(taken)));
    }

    @Test
    void weeksAwayNeverEmptyTheFolder() {
        // Three backups before a long holiday: periods are counted among those that have a backup.
        List<LocalDateTime> taken = List.of(at("2026-06-29", 18), at("2026-06-30", 18), at("2026-07-01", 9), at("2026-07-01", 18));
        assertEquals(Set.of(at("2026-06-29", 18), at("2026-06-30", 18), at("2026-07-01", 18)), POLICY.keep(taken));
    }

    @Test
    void aShorterPolicyKeepsLess() {
        BackupPolicy small = new BackupPolicy(2, 1, 1);
        List<LocalDateTime> taken = List.of(at("2026-11-20", 18), at("2026-11-22", 18), at("2026-11-23", 18), at("2026-11-24", 18));
        // Sunday 22 belongs to the week before Tuesday 24's: the weekly rule keeps only Tuesday's week.
        assertEquals(Set.of(at("2026-11-23", 18), at("2026-11-24", 18)), small.keep(taken));
        assertEquals(Set.of(), POLICY.keep(List.of()));
    }

    @Provide
    Arbitrary<List<LocalDateTime>> backupTimes() {
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
        return Arbitraries.longs().between(0, 3L * 365 * 24 * 60).map(m -> start.plusMinutes(m)).list().ofMaxSize(300);
    }

    @Property(tries = 300)
    void theNewestIsAlwaysKeptAndNothingElseIsInvented(@ForAll("backupTimes") List<LocalDateTime> taken) {
        Set<LocalDateTime> kept = POLICY.keep(taken);
        assertTrue(taken.containsAll(kept));
        assertTrue(kept.size() <= 7 + 4 + 12);
        if (!taken.isEmpty()) {
            assertTrue(kept.contains(Collections.max(taken)));
        }
    }

    @Property(tries = 300)
    void everyKeptBackupIsTheLastOfItsDayAndTheLastSevenDaysAreAllKept(@ForAll("backupTimes") List<LocalDateTime> taken) {
        Set<LocalDateTime> kept = POLICY.keep(taken);
        for (LocalDateTime k : kept) {
            assertTrue(taken.stream().noneMatch(t -> t.toLocalDate().equals(k.toLocalDate()) && t.isAfter(k)), k.toString());
        }
        TreeSet<LocalDate> days = new TreeSet<>(taken.stream().map(LocalDateTime::toLocalDate).toList());
        days.descendingSet().stream().limit(7).forEach(day -> assertTrue(
                kept.stream().anyMatch(k -> k.toLocalDate().equals(day)), "the last backup of " + day + " is kept"));
    }

    @Property(tries = 300)
    void rotatingAgainDeletesNothingMore(@ForAll("backupTimes") List<LocalDateTime> taken) {
        Set<LocalDateTime> kept = POLICY.keep(taken);
        assertEquals(kept, POLICY.keep(kept));
    }

    @Test
    void namesCarryTheDatabaseDateTimeAndKindAndAreRecognisedBack() {
        LocalDateTime t = at("2026-11-24", 18).plusSeconds(7);
        String name = BackupFile.name("coordo", BackupFile.Kind.AUTO, t, 1);
        assertEquals("coordo-20261124-180007-auto.coordo-sauvegarde", name, "coordo.db's backups keep the names they always had");
        assertEquals("coordo-20261124-180007-manuelle-2.coordo-sauvegarde", BackupFile.name("coordo", BackupFile.Kind.MANUAL, t, 2));
        assertEquals("essai-20261124-180007-auto.coordo-sauvegarde", BackupFile.name("essai", BackupFile.Kind.AUTO, t, 1));
        assertEquals("essai", BackupFile.stemOf(java.nio.file.Path.of("/msp/essai.db")));
        var parsed = BackupFile.parse("coordo", java.nio.file.Path.of(name), 10).orElseThrow();
        assertEquals(BackupFile.Kind.AUTO, parsed.kind());
        assertEquals(t, parsed.takenAt());
        assertEquals(BackupFile.Kind.BEFORE_MIGRATION,
                BackupFile.parse("coordo", java.nio.file.Path.of("coordo-avant-migration-v10-20261124-180007.db"), 1).orElseThrow().kind());
        for (String foreign : List.of("coordo-20261124-180007-auto.coordo-sauvegarde.txt", "photos.db", "coordo-2026-auto.coordo-sauvegarde",
                ".coordo-20261124-180007-auto.coordo-sauvegarde-123.partiel", "coordo-20261399-180007-auto.coordo-sauvegarde",
                "essai-20261124-180007-auto.coordo-sauvegarde", "essai-avant-migration-v10-20261124-180007.db",
                "coordo-essai-20261124-180007-auto.coordo-sauvegarde")) {
            assertTrue(BackupFile.parse("coordo", java.nio.file.Path.of(foreign), 1).isEmpty(), foreign);
        }
        assertTrue(BackupFile.parse("essai", java.nio.file.Path.of(name), 1).isEmpty(), "another database's backup is not essai's");
    }
}
