package fr.coordo.backup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A clock the test moves forward, in Coordo's time zone. */
final class MovingClock extends Clock {
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private Instant now;

    MovingClock(LocalDateTime start) {
        now = start.atZone(ZONE).toInstant();
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    /** A fixed view at the current instant: enough for reading the time in another zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
