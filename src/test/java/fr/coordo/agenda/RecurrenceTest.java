package fr.coordo.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** How a series repeats, in Paris wall-clock time, across daylight-saving changes and short months. */
class RecurrenceTest {
    private static LocalDateTime at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute);
    }

    /** Hours between two wall-clock times in Paris, as a clock on the wall counts them. */
    private static long hoursBetween(LocalDateTime a, LocalDateTime b) {
        return Duration.between(a.atZone(Database.ZONE), b.atZone(Database.ZONE)).toHours();
    }

    @Test
    void aWeeklySessionStaysAtTenAcrossTheSpringChangeSoItsInstantsAre167HoursApart() {
        List<LocalDateTime> slots = Recurrence.weekly(1, 4).expand(at(2026, 3, 15, 10, 0));
        assertEquals(List.of(at(2026, 3, 15, 10, 0), at(2026, 3, 22, 10, 0), at(2026, 3, 29, 10, 0), at(2026, 4, 5, 10, 0)), slots);
        assertEquals(168, hoursBetween(slots.get(0), slots.get(1)));
        assertEquals(167, hoursBetween(slots.get(1), slots.get(2)), "the night of 28 to 29 March is one hour shorter");
        assertEquals(168, hoursBetween(slots.get(2), slots.get(3)));
    }

    @Test
    void aWeeklySessionStaysAtTenAcrossTheAutumnChangeSoItsInstantsAre169HoursApart() {
        List<LocalDateTime> slots = Recurrence.weekly(1, LocalDate.of(2026, 11, 1)).expand(at(2026, 10, 18, 10, 0));
        assertEquals(List.of(at(2026, 10, 18, 10, 0), at(2026, 10, 25, 10, 0), at(2026, 11, 1, 10, 0)), slots);
        assertEquals(169, hoursBetween(slots.get(0), slots.get(1)), "the night of 24 to 25 October is one hour longer");
        assertEquals(168, hoursBetween(slots.get(1), slots.get(2)));
    }

    @Test
    void aSlotInTheSpringGapMovesForwardByTheGapAndOnlyThatOne() {
        List<LocalDateTime> slots = Recurrence.weekly(1, 3).expand(at(2026, 3, 22, 2, 30));
        assertEquals(List.of(at(2026, 3, 22, 2, 30), at(2026, 3, 29, 3, 30), at(2026, 4, 5, 2, 30)), slots,
                "02:30 does not exist on 29 March 2026: the clock jumps from 02:00 to 03:00");
        assertEquals(at(2026, 3, 29, 3, 30), Recurrence.wallClock(at(2026, 3, 29, 2, 30)));
        assertEquals(at(2026, 10, 25, 2, 30), Recurrence.wallClock(at(2026, 10, 25, 2, 30)), "an autumn time exists (twice): kept");
    }

    @Test
    void everyTwoWeeks() {
        assertEquals(List.of(at(2026, 1, 6, 9, 15), at(2026, 1, 20, 9, 15), at(2026, 2, 3, 9, 15)),
                Recurrence.weekly(2, 3).expand(at(2026, 1, 6, 9, 15)));
        assertEquals(List.of(at(2026, 1, 6, 9, 15), at(2026, 1, 20, 9, 15)),
                Recurrence.weekly(2, LocalDate.of(2026, 2, 2)).expand(at(2026, 1, 6, 9, 15)));
    }

    @Test
    void untilIncludesItsOwnDayAndCountGivesThatManySlots() {
        LocalDateTime first = at(2026, 1, 6, 18, 0);
        List<LocalDateTime> byCount = Recurrence.weekly(1, 5).expand(first);
        assertEquals(5, byCount.size());
        assertEquals(byCount, Recurrence.weekly(1, LocalDate.of(2026, 2, 3)).expand(first), "the until day is included");
        assertEquals(byCount.subList(0, 4), Recurrence.weekly(1, LocalDate.of(2026, 2, 2)).expand(first));
        assertEquals(List.of(first), Recurrence.weekly(1, first.toLocalDate()).expand(first), "until the first day: one slot");
    }

    @Test
    void monthlyOnThe31stSkipsTheMonthsWithoutOneAsAnRruleDoes() {
        assertEquals(List.of(at(2026, 1, 31, 14, 0), at(2026, 3, 31, 14, 0), at(2026, 5, 31, 14, 0), at(2026, 7, 31, 14, 0)),
                Recurrence.monthly(1, 4).expand(at(2026, 1, 31, 14, 0)), "count counts the slots that exist");
        assertEquals(List.of(at(2026, 1, 31, 14, 0), at(2026, 3, 31, 14, 0)),
                Recurrence.monthly(1, LocalDate.of(2026, 5, 30)).expand(at(2026, 1, 31, 14, 0)));
        assertEquals(List.of(at(2026, 1, 30, 14, 0), at(2026, 3, 30, 14, 0), at(2026, 4, 30, 14, 0)),
                Recurrence.monthly(1, 3).expand(at(2026, 1, 30, 14, 0)), "February has no 30th either");
    }

    @Test
    void aMonthTheRuleSkipsKeepsItsPeriodWithoutASlot() {
        var byPeriod = Recurrence.monthly(1, 3).slotsByPeriod(at(2026, 1, 31, 14, 0));
        assertEquals(java.util.Map.of(0, at(2026, 1, 31, 14, 0), 2, at(2026, 3, 31, 14, 0), 4, at(2026, 5, 31, 14, 0)), byPeriod);
        assertEquals(List.of(0, 1, 2), List.copyOf(Recurrence.weekly(2, 3).slotsByPeriod(at(2026, 1, 6, 9, 0)).keySet()));
    }

    @Test
    void monthlyOnThe29thOfFebruaryInALeapYearKeepsThe29thAfterwards() {
        List<LocalDateTime> slots = Recurrence.monthly(1, 13).expand(at(2028, 2, 29, 11, 0));
        assertEquals(at(2028, 3, 29, 11, 0), slots.get(1));
        assertEquals(at(2029, 1, 29, 11, 0), slots.get(11), "the next year too, not the 28th");
        assertEquals(at(2029, 3, 29, 11, 0), slots.get(12), "February 2029 has no 29th: skipped");
        assertTrue(slots.stream().allMatch(s -> s.getDayOfMonth() == 29), slots::toString);

        assertEquals(List.of(at(2028, 2, 29, 11, 0), at(2032, 2, 29, 11, 0), at(2036, 2, 29, 11, 0)),
                Recurrence.monthly(12, 3).expand(at(2028, 2, 29, 11, 0)), "yearly on 29 February: leap years only");
    }

    @Test
    void everyThreeMonths() {
        assertEquals(List.of(at(2026, 11, 15, 8, 30), at(2027, 2, 15, 8, 30), at(2027, 5, 15, 8, 30)),
                Recurrence.monthly(3, LocalDate.of(2027, 8, 14)).expand(at(2026, 11, 15, 8, 30)));
    }

    @Test
    void describedInFrench() {
        assertEquals("chaque semaine, 10 fois", Recurrence.weekly(1, 10).describe());
        assertEquals("toutes les 2 semaines jusqu'au 30/06/2026", Recurrence.weekly(2, LocalDate.of(2026, 6, 30)).describe());
        assertEquals("chaque mois, 6 fois", Recurrence.monthly(1, 6).describe());
        assertEquals("tous les 3 mois jusqu'au 01/02/2027", Recurrence.monthly(3, LocalDate.of(2027, 2, 1)).describe());
        assertEquals("une seule fois", Recurrence.weekly(1, 1).describe());
    }

    // ----- properties

    @Provide
    Arbitrary<LocalDateTime> starts() {
        // every quarter of an hour over ten years, with the change nights over-represented
        Arbitrary<LocalDateTime> any = Arbitraries.longs().between(0, 10L * 365 * 96)
                .map(q -> LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(q * 15));
        Arbitrary<LocalDateTime> changeNights = Arbitraries.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25),
                        LocalDate.of(2027, 3, 28), LocalDate.of(2028, 3, 26), LocalDate.of(2026, 3, 22))
                .flatMap(d -> Arbitraries.integers().between(0, 4 * 4 - 1).map(q -> d.atTime(1, 0).plusMinutes(q * 15L)));
        // month ends, 29 February of leap years included
        Arbitrary<LocalDateTime> monthEnds = Arbitraries.integers().between(0, 10 * 12 - 1)
                .flatMap(m -> Arbitraries.integers().between(0, 3).map(back -> {
                    LocalDate end = LocalDate.of(2024, 1, 1).plusMonths(m).plusMonths(1).minusDays(1);
                    return end.minusDays(back).atTime(17, 45);
                }));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(1, changeNights),
                net.jqwik.api.Tuple.of(1, monthEnds));
    }

    /** The slot the rule names before the clock's gap is taken into account. */
    private static boolean inGap(LocalDateTime t) {
        return Database.ZONE.getRules().getValidOffsets(t).isEmpty();
    }

    @Property(tries = 1000)
    void weeklyGivesExactlyCountSlotsStrictlyIncreasingOnTheSameDayAndTime(@ForAll("starts") LocalDateTime start,
            @ForAll @IntRange(min = 1, max = 52) int interval, @ForAll @IntRange(min = 1, max = 60) int count) {
        List<LocalDateTime> slots = Recurrence.weekly(interval, count).expand(start);
        assertEquals(count, slots.size());
        for (int k = 0; k < slots.size(); k++) {
            LocalDateTime named = start.plusWeeks((long) k * interval);
            LocalDateTime s = slots.get(k);
            assertEquals(start.getDayOfWeek(), s.getDayOfWeek());
            assertEquals(inGap(named) ? named.plusHours(1) : named, s, () -> "slot of " + named);
            assertTrue(!inGap(s), "a slot is a time a clock shows");
            if (k > 0) {
                assertTrue(s.isAfter(slots.get(k - 1)), slots::toString);
            }
        }
    }

    @Property(tries = 1000)
    void monthlyGivesExactlyCountSlotsOnTheStartDayOfMonth(@ForAll("starts") LocalDateTime start,
            @ForAll @IntRange(min = 1, max = 12) int interval, @ForAll @IntRange(min = 1, max = 40) int count) {
        List<LocalDateTime> slots = Recurrence.monthly(interval, count).expand(start);
        assertEquals(count, slots.size());
        for (int k = 0; k < slots.size(); k++) {
            LocalDateTime s = slots.get(k);
            assertEquals(start.getDayOfMonth(), s.getDayOfMonth(), slots::toString);
            LocalDateTime named = s.toLocalDate().atTime(start.toLocalTime());
            assertEquals(inGap(named) ? named.plusHours(1) : named, s);
            long months = (s.getYear() - start.getYear()) * 12L + s.getMonthValue() - start.getMonthValue();
            assertEquals(0, months % interval, () -> s + " is not a multiple of " + interval + " months after " + start);
            if (k > 0) {
                assertTrue(s.isAfter(slots.get(k - 1)), slots::toString);
            }
        }
    }

    @Property(tries = 500)
    void untilTheDayOfTheKthSlotGivesTheFirstKSlots(@ForAll("starts") LocalDateTime start,
            @ForAll @IntRange(min = 1, max = 26) int interval, @ForAll @IntRange(min = 1, max = 30) int count,
            @ForAll boolean monthly, @ForAll @IntRange(min = 1, max = 30) int k) {
        int weeksOrMonths = monthly ? 1 + interval % 12 : interval;
        Recurrence byCount = monthly ? Recurrence.monthly(weeksOrMonths, count) : Recurrence.weekly(weeksOrMonths, count);
        List<LocalDateTime> slots = byCount.expand(start);
        int last = Math.min(k, count) - 1;
        LocalDate until = slots.get(last).toLocalDate();
        Recurrence byDate = monthly ? Recurrence.monthly(weeksOrMonths, until) : Recurrence.weekly(weeksOrMonths, until);
        assertEquals(slots.subList(0, last + 1), byDate.expand(start));
    }

    @Test
    void aWeekdayStaysTheSameOverAYear() {
        List<LocalDateTime> slots = Recurrence.weekly(1, LocalDate.of(2026, 12, 31)).expand(at(2026, 1, 5, 10, 0));
        assertEquals(52, slots.size());
        assertTrue(slots.stream().allMatch(s -> s.getDayOfWeek() == DayOfWeek.MONDAY && s.toLocalTime().equals(LocalTime.of(10, 0))));
    }
}
