package fr.coordo.agenda;

import fr.coordo.store.Database;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a series repeats: every {@code interval} weeks or months, until a date or for a number of occurrences.
 * Slots are wall-clock times in Europe/Paris, so a 10:00 session stays at 10:00 across a daylight-saving
 * change; a slot that does not exist (the spring gap) moves forward by the gap, as RFC 5545 says, and a
 * monthly series on the 31st skips the months without one, as an iCalendar RRULE does.
 */
public record Recurrence(Frequency frequency, int interval, LocalDate until, Integer count) {
    /** At most this many occurrences in a series: beyond, the coordinator makes a new one. */
    public static final int MAX_OCCURRENCES = 500;

    public enum Frequency {
        WEEKLY, MONTHLY
    }

    public static Recurrence weekly(int interval, LocalDate until) {
        return new Recurrence(Frequency.WEEKLY, interval, until, null);
    }

    public static Recurrence weekly(int interval, int count) {
        return new Recurrence(Frequency.WEEKLY, interval, null, count);
    }

    public static Recurrence monthly(int interval, LocalDate until) {
        return new Recurrence(Frequency.MONTHLY, interval, until, null);
    }

    public static Recurrence monthly(int interval, int count) {
        return new Recurrence(Frequency.MONTHLY, interval, null, count);
    }

    /** The slots of the series whose first occurrence is at {@code first}, in order. */
    public List<LocalDateTime> expand(LocalDateTime first) {
        return new ArrayList<>(slotsByPeriod(first).values());
    }

    /**
     * The slots keyed by their period: the k-th step of {@code interval} weeks or months from {@code first}.
     * A month without the day has a period but no slot, so that an edit can tell a month the rule skips from
     * an occurrence that was deleted.
     */
    public SortedMap<Integer, LocalDateTime> slotsByPeriod(LocalDateTime first) {
        SortedMap<Integer, LocalDateTime> slots = new TreeMap<>();
        int limit = count == null ? MAX_OCCURRENCES + 1 : count;
        for (int k = 0; slots.size() < limit; k++) {
            LocalDateTime slot;
            if (frequency == Frequency.WEEKLY) {
                slot = first.plusWeeks((long) k * interval);
            } else {
                LocalDate month = first.toLocalDate().withDayOfMonth(1).plusMonths((long) k * interval);
                if (first.getDayOfMonth() > month.lengthOfMonth()) {
                    if (until != null && month.isAfter(until)) {
                        break;
                    }
                    continue;
                }
                // from the month, not first.withYear(…): 29 February would become the 28th in the next year
                slot = month.withDayOfMonth(first.getDayOfMonth()).atTime(first.toLocalTime());
            }
            if (until != null && slot.toLocalDate().isAfter(until)) {
                break;
            }
            slots.put(k, wallClock(slot));
        }
        return slots;
    }

    /** The time a clock in Paris shows for {@code slot}: a time in the spring gap moves forward by the gap. */
    public static LocalDateTime wallClock(LocalDateTime slot) {
        return ZonedDateTime.of(slot, Database.ZONE).toLocalDateTime();
    }

    /** In French, for the window and the printed sheet: « toutes les 2 semaines, 10 fois ». */
    public String describe() {
        if (until == null && count != null && count == 1) {
            return "une seule fois";
        }
        String every = switch (frequency) {
            case WEEKLY -> interval == 1 ? "chaque semaine" : "toutes les " + interval + " semaines";
            case MONTHLY -> interval == 1 ? "chaque mois" : "tous les " + interval + " mois";
        };
        return every + (until != null ? " jusqu'au " + until.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")) : ", " + count + " fois");
    }
}
