package fr.coordo.store;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Date-times as stored: ISO-8601 with milliseconds and offset, Europe/Paris, always the same width. */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private Timestamps() {}

    public static String now(Clock clock) {
        return OffsetDateTime.now(clock.withZone(Database.ZONE)).format(FORMAT);
    }

    /** A wall-clock time in Europe/Paris, stored like {@link #now}: for data dated in the past (the demo's history). */
    public static String of(LocalDateTime local) {
        return local.atZone(Database.ZONE).toOffsetDateTime().format(FORMAT);
    }
}
