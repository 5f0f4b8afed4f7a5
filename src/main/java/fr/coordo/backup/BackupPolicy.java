package fr.coordo.backup;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Which automatic backups to keep: the newest of each of the last {@code daily} days that have one, of
 * each of the last {@code weekly} ISO weeks, of each of the last {@code monthly} months. Periods are
 * counted among those that have a backup, so that weeks away from the office never empty the folder.
 */
public record BackupPolicy(int daily, int weekly, int monthly) {
    public static final BackupPolicy DEFAULT = new BackupPolicy(7, 4, 12);

    public BackupPolicy {
        if (daily < 1 || weekly < 0 || monthly < 0) {
            throw new IllegalArgumentException("at least one daily backup is kept, and no count is negative");
        }
    }

    /** The dates among {@code taken} whose backups are kept; the others may be deleted. */
    public Set<LocalDateTime> keep(Collection<LocalDateTime> taken) {
        List<LocalDateTime> newestFirst = taken.stream().filter(Objects::nonNull).distinct()
                .sorted(Comparator.reverseOrder()).toList();
        Set<LocalDateTime> kept = new HashSet<>();
        keepNewestPer(newestFirst, LocalDateTime::toLocalDate, daily, kept);
        keepNewestPer(newestFirst, t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100 + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), weekly, kept);
        keepNewestPer(newestFirst, YearMonth::from, monthly, kept);
        return kept;
    }

    private static void keepNewestPer(List<LocalDateTime> newestFirst, Function<LocalDateTime, Object> period, int count,
            Set<LocalDateTime> kept) {
        Object last = null;
        int periods = 0;
        for (LocalDateTime t : newestFirst) {
            if (periods == count) {
                return;
            }
            Object p = period.apply(t);
            if (!p.equals(last)) {
                kept.add(t);
                last = p;
                periods++;
            }
        }
    }
}
