package fr.coordo.agenda;

import static fr.coordo.store.schema.Tables.OPENING_HOURS;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The structure's opening hours, which the agenda warns about; a day without hours is closed. */
public final class OpeningHours {
    /** One open day. */
    public record Span(LocalTime opens, LocalTime closes) {
        @Override
        public String toString() {
            return opens + "–" + closes;
        }
    }

    private final Database db;

    public OpeningHours(Database db) {
        this.db = db;
    }

    public Map<DayOfWeek, Span> get() {
        Map<DayOfWeek, Span> hours = new EnumMap<>(DayOfWeek.class);
        new AgendaService(db).openingHours().forEach((day, span) -> hours.put(day, new Span(span[0], span[1])));
        return hours;
    }

    /** Replaces the week's hours; refused whole, naming the day, when a day closes before it opens. */
    public void set(Map<DayOfWeek, Span> hours) {
        // opening hours are a setting of the structure
        db.access().require(Permission.SETTINGS);
        List<Issue> issues = new ArrayList<>();
        hours.forEach((day, span) -> {
            if (span.opens() == null || span.closes() == null || !span.closes().isAfter(span.opens())) {
                issues.add(Issue.blocking("openingHours", French.capitalised(day.getDisplayName(TextStyle.FULL, Locale.FRENCH))
                        + " : l'heure de fermeture doit venir après l'heure d'ouverture."));
            }
        });
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
        Map<DayOfWeek, Span> before = get();
        db.write((dsl, audit) -> {
            dsl.deleteFrom(OPENING_HOURS).execute();
            hours.forEach((day, span) -> dsl.insertInto(OPENING_HOURS).set(OPENING_HOURS.DAY_OF_WEEK, day.getValue())
                    .set(OPENING_HOURS.OPENS, span.opens().toString()).set(OPENING_HOURS.CLOSES, span.closes().toString()).execute());
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                Span was = before.get(d);
                Span is = hours.get(d);
                if (!java.util.Objects.equals(was, is)) {
                    changes.put(d.name().toLowerCase(Locale.ROOT), new Audit.Change(was == null ? null : was.toString(),
                            is == null ? null : is.toString()));
                }
            }
            audit.record("opening_hours", null, AuditAction.UPDATE, changes);
            return null;
        });
    }
}
