package fr.coordo.agenda;

import static fr.coordo.store.schema.Tables.APPOINTMENT;
import static fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL;

import fr.coordo.document.Documents;
import fr.coordo.document.Fingerprint;
import fr.coordo.patient.Visibility;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.slf4j.LoggerFactory;

/**
 * The agenda of one professional or one patient as an iCalendar file (RFC 5545) that calendar programs
 * read and that {@link IcsImport} reads back without loss. Times carry TZID=Europe/Paris with its
 * VTIMEZONE (ical4j's bundled definition, never downloaded: see ical4j.properties). A series is one
 * VEVENT with its RRULE, EXDATE for plainly cancelled occurrences, and a RECURRENCE-ID VEVENT for every
 * occurrence that differs from the rest. The X-COORDO-* properties carry what iCalendar has no field for.
 * The patient appears by reference and display name, never by NIR.
 */
public final class IcsExport {
    public static final String PRODID = "-//Coordo//Agenda//FR";
    static final String TZID = "Europe/Paris";
    static final String X_KIND = "X-COORDO-KIND";
    static final String X_PLACE = "X-COORDO-PLACE";
    static final String X_STATUS = "X-COORDO-STATUS";
    static final String X_NOTES_BEFORE = "X-COORDO-NOTES-BEFORE";
    static final String X_NOTES_AFTER = "X-COORDO-NOTES-AFTER";
    static final String X_PATIENT = "X-COORDO-PATIENT";
    static final String RPPS_URN = "urn:rpps:";
    static final String PROFESSIONAL_URN = "urn:coordo:professional:";
    /** Between the place and its detail in LOCATION, read back by the import. */
    static final String LOCATION_SEPARATOR = " — ";
    /** RFC 5545 §3.1: content lines are folded at 75 octets. */
    private static final int FOLD_OCTETS = 75;

    private IcsExport() {}

    /** What was written: how many appointments, in how many VEVENTs, where, and the file's fingerprint. */
    public record Result(int appointments, int events, Path file, String fingerprint) {}

    /** The rendered calendar, before it is written. */
    public record Rendered(byte[] bytes, int appointments, int events) {}

    /**
     * Writes the appointments of {@code filter} (every date) to {@code out}, complete or not at all, and records
     * the export in the audit trail with the file's fingerprint. Without {@code replace}, an existing file is refused.
     */
    public static Result write(Database db, AgendaService.Filter filter, Path out, boolean replace, Clock clock) {
        Rendered rendered = render(db, filter, clock);
        Path target = out.toAbsolutePath().normalize();
        Documents.writeAtomically(target, rendered.bytes(), replace);
        String fingerprint = Fingerprint.of(rendered.bytes());
        db.write(Permission.TRACE, (dsl, audit) -> {
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            changes.put("format", Audit.Change.created("iCalendar"));
            changes.put("professional_id", Audit.Change.created(filter.professionalId()));
            changes.put("patient_id", Audit.Change.created(filter.patientId()));
            changes.put("destination", Audit.Change.created(target.toString()));
            changes.put("appointments", Audit.Change.created(rendered.appointments()));
            changes.put("events", Audit.Change.created(rendered.events()));
            changes.put("fingerprint", Audit.Change.created(fingerprint));
            audit.record("agenda", null, AuditAction.EXPORT, changes);
            return null;
        });
        return new Result(rendered.appointments(), rendered.events(), target, fingerprint);
    }

    /** The calendar of {@code filter}'s appointments: the same data and the same clock give the same bytes. */
    public static Rendered render(Database db, AgendaService.Filter filter, Clock clock) {
        // a professionnel exports what they may read: their appointments and those of the patients they follow
        Condition where = selection(filter).and(Visibility.appointments(db.access()));
        List<Appointment> rows = db.read(dsl -> AgendaService.load(dsl, where));
        return render(rows, clock);
    }

    /** The appointments matching the filter, and every occurrence of a series one of them belongs to. */
    private static Condition selection(AgendaService.Filter filter) {
        Condition match = DSL.trueCondition();
        if (filter.patientId() != null) {
            match = match.and(APPOINTMENT.PATIENT_ID.eq(filter.patientId()));
        }
        if (filter.professionalId() != null) {
            match = match.and(APPOINTMENT.ID.in(DSL.select(APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID).from(APPOINTMENT_PROFESSIONAL)
                    .where(APPOINTMENT_PROFESSIONAL.PROFESSIONAL_ID.eq(filter.professionalId()))));
        }
        return match.or(APPOINTMENT.SERIES_ID.in(DSL.select(APPOINTMENT.SERIES_ID).from(APPOINTMENT)
                .where(match.and(APPOINTMENT.SERIES_ID.isNotNull()))));
    }

    static Rendered render(List<Appointment> rows, Clock clock) {
        DtStamp stamp = new DtStamp(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(parisTimeZone());

        Map<Integer, List<Appointment>> series = new LinkedHashMap<>();
        List<Appointment> singles = new ArrayList<>();
        for (Appointment a : rows) {
            if (a.isOccurrence()) {
                series.computeIfAbsent(a.series().id(), k -> new ArrayList<>()).add(a);
            } else {
                singles.add(a);
            }
        }
        // One block per UID, in time order: a stable order gives stable bytes.
        record Block(LocalDateTime first, String uid, List<VEvent> events) {}
        List<Block> blocks = new ArrayList<>();
        for (Appointment a : singles) {
            VEvent e = event(a, a.uid(), stamp, a.status(), new DtStart<>(paris(a.start())), new DtEnd<>(paris(a.end())));
            blocks.add(new Block(a.start(), a.uid(), List.of(e)));
        }
        for (List<Appointment> occurrences : series.values()) {
            Appointment.Series s = occurrences.getFirst().series();
            blocks.add(new Block(s.firstStart(), s.uid(), seriesEvents(s, occurrences, stamp)));
        }
        blocks.sort(Comparator.comparing(Block::first).thenComparing(Block::uid));
        int events = 0;
        for (Block b : blocks) {
            for (VEvent e : b.events()) {
                calendar.add(e);
                events++;
            }
        }
        try {
            var validation = calendar.validate();
            if (validation.hasErrors()) {
                // property names only: never a value, which may name a patient
                LoggerFactory.getLogger(IcsExport.class).warn("iCalendar export not strictly valid: {}", validation.getEntries());
            }
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(IcsExport.class).warn("iCalendar validation failed: {}", e.getClass().getName());
        }
        return new Rendered(fold(calendar.toString()).getBytes(StandardCharsets.UTF_8), rows.size(), events);
    }

    /**
     * A series: the master VEVENT carries the content most of its occurrences share; a slot left without an
     * occurrence (deleted) is an EXDATE; any other difference (cancelled, moved, other length or people, notes,
     * réalisé…) is a RECURRENCE-ID VEVENT of its own.
     */
    private static List<VEvent> seriesEvents(Appointment.Series s, List<Appointment> occurrences, DtStamp stamp) {
        List<Appointment> sorted = occurrences.stream().sorted(Comparator.comparing(Appointment::recurrenceId)).toList();
        Appointment model = mostCommon(sorted);
        Content common = Content.of(model);
        Duration length = model.data().length();

        ZonedDateTime first = paris(s.firstStart());
        VEvent master = event(model, s.uid(), stamp, AppointmentStatus.PREVU, new DtStart<>(first), new DtEnd<>(first.plus(length)),
                new RRule<>(rule(s.rule())));

        Map<LocalDateTime, Appointment> bySlot = sorted.stream()
                .collect(Collectors.toMap(Appointment::recurrenceId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<ZonedDateTime> excluded = new ArrayList<>();
        for (LocalDateTime slot : s.rule().expand(s.firstStart())) {
            Appointment a = bySlot.get(slot);
            // EXDATE is a slot without an occurrence (deleted); a cancelled one stays an event, STATUS:CANCELLED, so
            // that a re-import brings back neither a deleted session nor loses a cancelled one
            if (a == null) {
                excluded.add(paris(slot));
            }
        }
        if (!excluded.isEmpty()) {
            master.add(new ExDate<>(new ParameterList(List.of(new TzId(TZID))), new DateList<>(excluded)));
        }
        List<VEvent> events = new ArrayList<>();
        events.add(master);
        for (Appointment a : sorted) {
            boolean sameAsMaster = !a.moved() && common.equals(Content.of(a));
            if (excluded.contains(paris(a.recurrenceId())) || sameAsMaster && a.status() == AppointmentStatus.PREVU) {
                continue;
            }
            events.add(event(a, s.uid(), stamp, a.status(), new RecurrenceId<>(paris(a.recurrenceId())),
                    new DtStart<>(paris(a.start())), new DtEnd<>(paris(a.end()))));
        }
        return events;
    }

    /** The occurrence whose content most occurrences share (planned ones first), the earliest on a tie. */
    private static Appointment mostCommon(List<Appointment> sorted) {
        List<Appointment> pool = sorted.stream().filter(a -> a.status() == AppointmentStatus.PREVU).toList();
        if (pool.isEmpty()) {
            pool = sorted;
        }
        Map<Content, Integer> counts = new LinkedHashMap<>();
        Map<Content, Appointment> first = new LinkedHashMap<>();
        for (Appointment a : pool) {
            Content c = Content.of(a);
            counts.merge(c, 1, Integer::sum);
            first.putIfAbsent(c, a);
        }
        Content best = null;
        for (var e : counts.entrySet()) {
            if (best == null || e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        return first.get(best);
    }

    /** What an occurrence shares with its series' master VEVENT: everything but its date and status. */
    private record Content(Duration length, Integer patientId, List<Integer> professionals, AppointmentKind kind, Place place,
            String placeDetail, String title, String notesBefore, String notesAfter) {
        static Content of(Appointment a) {
            AppointmentInput d = a.data();
            return new Content(d.length(), d.patientId(), d.professionalIds().stream().sorted().toList(), d.kind(), d.place(),
                    d.placeDetail(), d.title(), d.notesBefore(), d.notesAfter());
        }
    }

    /** The VEVENT of one appointment, its dates (DTSTART, DTEND, RRULE or RECURRENCE-ID) given by the caller. */
    private static VEvent event(Appointment a, String uid, DtStamp stamp, AppointmentStatus status, Property... dates) {
        AppointmentInput d = a.data();
        VEvent e = new VEvent(false);
        e.add(new Uid(uid));
        e.add(stamp);
        for (Property date : dates) {
            e.add(date);
        }
        e.add(new Summary(a.headline()));
        e.add(new Location(location(d.place(), d.placeDetail())));
        String description = description(d.notesBefore(), d.notesAfter());
        if (description != null) {
            e.add(new Description(description));
        }
        e.add(status == AppointmentStatus.ANNULE ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        e.add(new Categories(new TextList(List.of(d.kind().label()))));
        e.add(new XProperty(X_KIND, d.kind().name()));
        e.add(new XProperty(X_PLACE, d.place().name()));
        e.add(new XProperty(X_STATUS, status.name()));
        if (d.notesBefore() != null) {
            e.add(new XProperty(X_NOTES_BEFORE, d.notesBefore()));
        }
        if (d.notesAfter() != null) {
            e.add(new XProperty(X_NOTES_AFTER, d.notesAfter()));
        }
        if (d.patientId() != null) {
            e.add(new XProperty(X_PATIENT, new ParameterList(List.of(new Cn(parameter(a.patientName())))), a.patientReference()));
        }
        for (Appointment.Participant p : a.professionals()) {
            String address = p.rpps() != null ? RPPS_URN + p.rpps() : PROFESSIONAL_URN + p.id();
            e.add(new Attendee(new ParameterList(List.of(new Cn(parameter(p.name())))), URI.create(address)));
        }
        return e;
    }

    static String location(Place place, String detail) {
        return detail == null ? place.label() : place.label() + LOCATION_SEPARATOR + detail;
    }

    /** The notes as calendar programs show them; the X-COORDO-NOTES-* properties keep them apart for the import. */
    private static String description(String before, String after) {
        if (after == null) {
            return before;
        }
        return (before == null ? "" : before + "\n\n") + "Compte rendu : " + after;
    }

    /** RFC 5545: UNTIL is in UTC when DTSTART has a TZID; the series' last day ends at midnight in Paris. */
    private static String rule(Recurrence r) {
        StringBuilder sb = new StringBuilder("FREQ=").append(r.frequency().name()).append(";INTERVAL=").append(r.interval());
        if (r.count() != null) {
            sb.append(";COUNT=").append(r.count());
        } else {
            ZonedDateTime end = r.until().plusDays(1).atStartOfDay(Database.ZONE).minusSeconds(1);
            sb.append(";UNTIL=").append(end.withZoneSameInstant(java.time.ZoneOffset.UTC)
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
        }
        return sb.toString();
    }

    private static ZonedDateTime paris(LocalDateTime t) {
        return t.atZone(Database.ZONE);
    }

    /** A parameter value cannot hold a double quote (RFC 5545 §3.2). */
    private static String parameter(String s) {
        return s == null ? "" : s.replace('"', '\'');
    }

    private static VTimeZone parisTimeZone() {
        return TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone(TZID).getVTimeZone();
    }

    /**
     * Folds every content line at 75 octets of UTF-8, as RFC 5545 asks. ical4j's own FoldingWriter counts
     * characters, so a line of accented French would exceed 75 octets; a character is never cut in two here.
     */
    static String fold(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 20);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (octets + size > FOLD_OCTETS) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(cp);
                octets += size;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
