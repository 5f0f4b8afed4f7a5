package fr.coordo.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Date-times as stored: ISO-8601 with milliseconds and offset, Europe/Paris, always the same width. */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private Timestamps() {}

    public static String now(Clock clock) {
        return OffsetDateTime.now(clock.withZone(Database.ZONE)).format(FORMAT);
    }
}
