package fr.coordo.agenda;

import static fr.coordo.store.schema.Tables.PROFESSIONAL;

import fr.coordo.document.Fingerprint;
import fr.coordo.identity.SearchKey;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Reads an iCalendar file (RFC 5545) into one professional's agenda, all or nothing. Events are grouped by
 * UID (the event and its RECURRENCE-ID exceptions); a UID already known updates what it names. Times in UTC
 * or in another zone become Paris wall-clock times. A patient is attached only when the file's reference
 * exists here under the same name, so that a file from another structure never attaches the wrong person.
 */
public final class IcsImport {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final Pattern PARSER_PREFIX = Pattern.compile("^Error at line \\d+:\\s*");
    /** A library message that speaks of Java (class names, exceptions) rather than of the file: not shown to the user. */
    private static final Pattern TECHNICAL = Pattern.compile(
            "Exception|\\bclass\\b|\\bnull\\b|Cannot |\\b(java|javax|jdk|sun|net\\.fortuna|org)\\.[a-z]");
    private static final Set<String> SUPPORTED = Set.of("WEEKLY", "MONTHLY");

    private IcsImport() {}

    /**
     * What the import did, counted in appointments (one per occurrence of a series), and in French what was
     * left out or imported differently (all-day events, patients not attached…).
     */
    public record Report(int events, int created, int updated, int unchanged, int clashes, List<String> lines) {}

    /** Imports {@code file} into the agenda of professional {@code professionalId}. */
    public static Report read(Database db, Path file, int professionalId, Clock clock) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StoreException("Le fichier « " + file + " » est introuvable.", e);
        } catch (IOException e) {
            throw new StoreException("Le fichier « " + file + " » n'a pas pu être lu : vérifiez qu'il existe et que vous avez le droit "
                    + "de le lire.", e);
        }
        return read(db, content, file.getFileName() == null ? file.toString() : file.getFileName().toString(), professionalId, clock);
    }

    /** Imports a calendar's bytes; {@code name} names it in messages and in the audit trail. */
    public static Report read(Database db, byte[] content, String name, int professionalId, Clock clock) {
        Calendar calendar = parse(content, name);
        Directory directory = Directory.load(db, professionalId);
        Set<String> lines = new LinkedHashSet<>();
        List<AgendaService.ImportedEvent> events = new ArrayList<>();
        int others = 0;
        Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
        for (CalendarComponent c : calendar.getComponents()) {
            if (c instanceof VEvent e) {
                byUid.computeIfAbsent(uid(e), k -> new ArrayList<>()).add(e);
            } else if (!"VTIMEZONE".equals(c.getName())) {
                others++;
            }
        }
        for (var group : byUid.entrySet()) {
            try {
                new EventReader(group.getKey(), group.getValue(), directory, lines).read().ifPresent(events::add);
            } catch (java.time.DateTimeException e) {
                // ical4j reads dates lazily: an unknown TZID shows only now
                String summary = group.getValue().getFirst().getProperty(Property.SUMMARY).map(Property::getValue).orElse("(sans titre)");
                String detail = detail(e);
                throw new StoreException("Le fichier « " + name + " » n'est pas un calendrier iCalendar valide : une valeur n'a pas pu "
                        + "être lue" + (detail.isEmpty() ? "" : " (" + detail + ")") + " dans l'événement « " + summary + " ». "
                        + "Rien n'a été importé.", e);
            }
        }
        if (others > 0) {
            lines.add(others + " élément" + (others > 1 ? "s" : "") + " autre" + (others > 1 ? "s" : "")
                    + " que des rendez-vous (tâches, notes, disponibilités…) non importé" + (others > 1 ? "s" : "") + ".");
        }
        if (events.isEmpty()) {
            return new Report(0, 0, 0, 0, 0, List.copyOf(lines));
        }
        AgendaService.ImportResult result = new AgendaService(db, clock).importEvents(events, name);
        lines.addAll(result.lines());
        return new Report(events.size(), result.created(), result.updated(), result.unchanged(), result.clashes(), List.copyOf(lines));
    }

    static Calendar parse(byte[] content, String name) {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8)) {
            return new CalendarBuilder().build(reader);
        } catch (ParserException e) {
            String detail = detail(e);
            throw new StoreException("Le fichier « " + name + " » n'est pas un calendrier iCalendar valide : la ligne " + e.getLineNo()
                    + " n'a pas pu être lue" + (detail.isEmpty() ? "" : " (" + detail + ")") + ". Rien n'a été importé.", e);
        } catch (IOException e) {
            throw new StoreException("Le fichier « " + name + " » n'a pas pu être lu. Rien n'a été importé.", e);
        } catch (RuntimeException e) {
            // ical4j reports some values (an unknown TZID…) with unchecked exceptions
            String detail = detail(e);
            throw new StoreException("Le fichier « " + name + " » n'est pas un calendrier iCalendar valide : une valeur n'a pas pu "
                    + "être lue" + (detail.isEmpty() ? "" : " (" + detail + ")") + ". Rien n'a été importé.", e);
        }
    }

    /**
     * The parser's words when they name what is wrong in the file (« Mars/Olympus »…); nothing when they name Java
     * classes (a cast, an URI syntax exception): the line number then says where, and the log keeps the cause.
     */
    static String detail(Throwable e) {
        String m = e.getMessage() == null ? "" : PARSER_PREFIX.matcher(e.getMessage()).replaceFirst("").strip();
        return TECHNICAL.matcher(m).find() ? "" : m;
    }

    private static String uid(VEvent e) {
        Optional<Property> uid = e.getProperty(Property.UID);
        if (uid.isPresent() && !uid.get().getValue().isBlank()) {
            return uid.get().getValue().strip();
        }
        // RFC 5545 requires a UID; without one, the event's start and title stand for it, so a second import matches
        String start = e.getProperty(Property.DTSTART).map(Property::getValue).orElse("");
        String summary = e.getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
        return "sans-uid-" + Fingerprint.of(start + "\n" + summary) + "@import";
    }

    /** The team and the patients as this database knows them, to recognise the file's people. */
    private record Directory(Database db, int target, Map<String, Integer> byRpps, Map<Integer, String> names,
            Map<Integer, Optional<Patient>> patients) {
        static Directory load(Database db, int target) {
            Map<String, Integer> byRpps = new HashMap<>();
            Map<Integer, String> names = new HashMap<>();
            db.read(dsl -> {
                dsl.select(PROFESSIONAL.ID, PROFESSIONAL.RPPS, PROFESSIONAL.LAST_NAME, PROFESSIONAL.FIRST_NAME).from(PROFESSIONAL).forEach(r -> {
                    if (r.value2() != null) {
                        byRpps.put(r.value2(), r.value1());
                    }
                    names.put(r.value1(), r.value3() + " " + r.value4());
                });
                return null;
            });
            if (!names.containsKey(target)) {
                throw new StoreException("Ce professionnel n'existe plus dans l'équipe : choisissez l'agenda où importer le fichier.");
            }
            return new Directory(db, target, byRpps, names, new HashMap<>());
        }

        Optional<Patient> patient(int id) {
            return patients.computeIfAbsent(id, k -> db.read(dsl -> PatientService.find(dsl, k)));
        }
    }

    /** Turns the VEVENTs of one UID into an event to import, or into report lines when it is left out. */
    private static final class EventReader {
        private final String uid;
        private final List<VEvent> components;
        private final Directory directory;
        private final Set<String> lines;
        private String label;
        private boolean patientReported;

        EventReader(String uid, List<VEvent> components, Directory directory, Set<String> lines) {
            this.uid = uid;
            this.components = components;
            this.directory = directory;
            this.lines = lines;
        }

        Optional<AgendaService.ImportedEvent> read() {
            List<VEvent> masters = components.stream().filter(e -> e.getProperty(Property.RECURRENCE_ID).isEmpty()).toList();
            List<VEvent> overrides = components.stream().filter(e -> e.getProperty(Property.RECURRENCE_ID).isPresent()).toList();
            if (masters.isEmpty()) {
                lines.add(describe(overrides.getFirst()) + " : occurrence modifiée dont le fichier n'a pas l'événement principal, "
                        + "non importée.");
                return Optional.empty();
            }
            VEvent master = masters.getFirst();
            label = describe(master);
            if (masters.size() > 1) {
                lines.add(label + " : présent " + masters.size() + " fois avec le même UID ; seul le premier est importé.");
            }
            Optional<Content> main = content(master, label);
            if (main.isEmpty()) {
                return Optional.empty();
            }
            List<RRule<?>> rules = master.getProperties(Property.RRULE);
            if (!master.getProperties(Property.RDATE).isEmpty() || !master.getProperties(Property.EXRULE).isEmpty()) {
                throw unsupported(master.getProperties(Property.RDATE).isEmpty() ? "EXRULE" : "RDATE");
            }
            if (rules.isEmpty()) {
                if (!overrides.isEmpty()) {
                    lines.add(label + " : des occurrences modifiées (RECURRENCE-ID) sans règle de répétition ont été ignorées.");
                }
                Content c = main.get();
                return Optional.of(new AgendaService.ImportedEvent(uid, label, c.input(), c.status(), List.of()));
            }
            if (rules.size() > 1) {
                throw unsupported("plusieurs RRULE");
            }
            return Optional.of(series(master, main.get(), rules.getFirst(), overrides));
        }

        /**
         * A series. Its instances are computed in the event's own zone, as RFC 5545 says, then read as Paris
         * wall-clock times; the agenda's rule repeats the first one in Paris time. When the two differ (a series
         * defined in UTC or in a zone that changes time on other dates), the instance is an occurrence moved from
         * its slot, so that nothing moves. EXDATE and RECURRENCE-ID name instances, and find them the same way.
         */
        private AgendaService.ImportedEvent series(VEvent master, Content main, RRule<?> rrule, List<VEvent> overrides) {
            Temporal startValue = master.<DateProperty<?>>getProperty(Property.DTSTART).orElseThrow().getDate();
            ZonedDateTime own = switch (startValue) {
                case ZonedDateTime z -> z;
                case OffsetDateTime o -> o.toZonedDateTime();
                default -> wallClock(startValue).atZone(Database.ZONE);
            };
            Bounds bounds = bounds(rrule, own);
            if (bounds.endless()) {
                lines.add(label + " : série sans fin dans le fichier (calendriers en ligne) ; importée pour un an, jusqu'au "
                        + ((LocalDate) bounds.until()).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + ".");
            }
            List<LocalDateTime> instances = instances(own, bounds);
            Recurrence rule = agendaRule(bounds, instances);
            List<LocalDateTime> slots = rule.expand(instances.getFirst());
            List<AgendaService.ImportedOccurrence> occurrences = new ArrayList<>();
            Map<LocalDateTime, Integer> byInstance = new HashMap<>();
            java.time.Duration length = main.input().length();
            for (int i = 0; i < Math.min(slots.size(), instances.size()); i++) {
                LocalDateTime at = instances.get(i);
                occurrences.add(new AgendaService.ImportedOccurrence(slots.get(i), main.input().withTimes(at, at.plus(length)), main.status()));
                byInstance.put(at, i);
            }
            // an EXDATE removes the instance from the series: no appointment on that slot (an existing one goes)
            java.util.Set<Integer> excluded = new java.util.HashSet<>();
            for (DateListProperty<?> exdate : master.<DateListProperty<?>>getProperties(Property.EXDATE)) {
                for (Temporal t : exdate.getDates()) {
                    for (int i = 0; i < occurrences.size(); i++) {
                        if (t instanceof LocalDate day ? instances.get(i).toLocalDate().equals(day) : instances.get(i).equals(wallClock(t))) {
                            excluded.add(i);
                        }
                    }
                }
            }
            Map<LocalDateTime, AgendaService.ImportedOccurrence> extra = new TreeMap<>();
            for (VEvent override : overrides) {
                Temporal id = override.<DateProperty<?>>getProperty(Property.RECURRENCE_ID).orElseThrow().getDate();
                if (id instanceof LocalDate) {
                    lines.add(describe(override) + " : occurrence sur la journée entière, non importée.");
                    continue;
                }
                LocalDateTime instance = wallClock(id);
                Integer i = byInstance.get(instance);
                content(override, describe(override)).ifPresent(c -> {
                    if (i != null) {
                        occurrences.set(i, new AgendaService.ImportedOccurrence(slots.get(i), c.input(), c.status()));
                    } else if (!slots.contains(instance)) {
                        extra.put(instance, new AgendaService.ImportedOccurrence(instance, c.input(), c.status()));
                    }
                });
            }
            List<AgendaService.ImportedOccurrence> kept = new ArrayList<>();
            for (int i = 0; i < occurrences.size(); i++) {
                if (!excluded.contains(i)) {
                    kept.add(occurrences.get(i));
                }
            }
            kept.addAll(extra.values());
            return new AgendaService.ImportedEvent(uid, label, main.input().repeating(rule), main.status(), kept);
        }

        /** How an RRULE repeats and ends, once checked to be what an agenda series can be. */
        private record Bounds(Recurrence.Frequency frequency, int interval, int count, Temporal until, boolean endless) {}

        /** An endless series (what online calendars make by default) is taken for a year: the agenda's series end. */
        private static final java.time.Period ENDLESS_SPAN = java.time.Period.ofYears(1);

        /**
         * WEEKLY on the first occurrence's weekday or MONTHLY on its day of the month, every INTERVAL, until a
         * date or for COUNT occurrences: what an agenda series is. Anything else is refused.
         */
        private Bounds bounds(RRule<?> rrule, ZonedDateTime first) {
            Recur<?> r = rrule.getRecur();
            String text = "RRULE:" + rrule.getValue();
            if (r.getFrequency() == null || !SUPPORTED.contains(r.getFrequency().name())) {
                throw unsupported(text);
            }
            boolean weekly = r.getFrequency() == Frequency.WEEKLY;
            List<WeekDay> days = r.getDayList();
            boolean dayOk = days.isEmpty() || weekly && days.size() == 1 && days.getFirst().getOffset() == 0
                    && days.getFirst().getDay().name().equals(first.getDayOfWeek().name().substring(0, 2));
            List<Integer> monthDays = r.getMonthDayList();
            boolean monthDayOk = monthDays.isEmpty() || !weekly && monthDays.size() == 1 && monthDays.getFirst() == first.getDayOfMonth();
            boolean nothingElse = r.getHourList().isEmpty() && r.getMinuteList().isEmpty() && r.getSecondList().isEmpty()
                    && r.getMonthList().isEmpty() && r.getSetPosList().isEmpty() && r.getWeekNoList().isEmpty()
                    && r.getYearDayList().isEmpty() && r.getExperimentalValues().isEmpty();
            if (!dayOk || !monthDayOk || !nothingElse) {
                throw unsupported(text);
            }
            boolean endless = r.getCount() <= 0 && r.getUntil() == null;
            return new Bounds(weekly ? Recurrence.Frequency.WEEKLY : Recurrence.Frequency.MONTHLY, Math.max(1, r.getInterval()),
                    Math.max(0, r.getCount()), endless ? wallClock(first).toLocalDate().plus(ENDLESS_SPAN)
                            : r.getCount() > 0 ? null : r.getUntil(), endless);
        }

        /** The instances' Paris wall-clock times, counted in the event's own zone (one more than the agenda accepts at most). */
        private static List<LocalDateTime> instances(ZonedDateTime first, Bounds b) {
            int limit = b.count() > 0 ? Math.min(b.count(), Recurrence.MAX_OCCURRENCES + 1) : Recurrence.MAX_OCCURRENCES + 1;
            List<LocalDateTime> out = new ArrayList<>();
            for (int k = 0; out.size() < limit && k < 12 * limit; k++) {
                ZonedDateTime next;
                if (b.frequency() == Recurrence.Frequency.WEEKLY) {
                    next = first.plusWeeks((long) k * b.interval());
                } else {
                    LocalDate month = first.toLocalDate().withDayOfMonth(1).plusMonths((long) k * b.interval());
                    if (first.getDayOfMonth() > month.lengthOfMonth()) {
                        continue;
                    }
                    next = first.withYear(month.getYear()).withMonth(month.getMonthValue());
                }
                if (k > 0 && after(next, b.until())) {
                    break;
                }
                out.add(wallClock(next));
            }
            return out;
        }

        private static boolean after(ZonedDateTime t, Temporal until) {
            return switch (until) {
                case null -> false;
                case LocalDate day -> t.toLocalDate().isAfter(day);
                case LocalDateTime floating -> t.toLocalDateTime().isAfter(floating);
                default -> t.toInstant().isAfter(Instant.from(until));
            };
        }

        /**
         * The agenda's rule giving as many slots as the file has instances: its COUNT, or its UNTIL as a day in
         * Paris (the last day an instance may start on), or else the count of instances.
         */
        private static Recurrence agendaRule(Bounds b, List<LocalDateTime> instances) {
            LocalDateTime first = instances.getFirst();
            if (b.count() > 0) {
                return new Recurrence(b.frequency(), b.interval(), null, b.count());
            }
            LocalDate lastDay;
            if (b.until() instanceof LocalDate day) {
                lastDay = day;
            } else {
                LocalDateTime end = wallClock(b.until());
                lastDay = end.toLocalTime().isBefore(first.toLocalTime()) ? end.toLocalDate().minusDays(1) : end.toLocalDate();
            }
            for (LocalDate day : List.of(lastDay, instances.getLast().toLocalDate())) {
                Recurrence byDate = new Recurrence(b.frequency(), b.interval(), day, null);
                if (!day.isBefore(first.toLocalDate()) && byDate.expand(first).size() == instances.size()) {
                    return byDate;
                }
            }
            return new Recurrence(b.frequency(), b.interval(), null, instances.size());
        }

        private StoreException unsupported(String what) {
            return new StoreException("L'événement " + label + " se répète selon une règle que l'agenda ne sait pas reprendre (" + what
                    + "). Seules sont prises en charge les répétitions chaque semaine le même jour ou chaque mois à la même date "
                    + "(FREQ=WEEKLY ou FREQ=MONTHLY, avec INTERVAL). Rien n'a été importé.");
        }

        /** An event's content, or empty (with a report line) when the agenda cannot hold it. */
        private Optional<Content> content(VEvent e, String label) {
            Optional<DateProperty<?>> dtstart = e.getProperty(Property.DTSTART);
            if (dtstart.isEmpty() || dtstart.get().getDate() == null) {
                lines.add(label + " : sans date de début lisible, non importé.");
                return Optional.empty();
            }
            Temporal startValue = dtstart.get().getDate();
            if (startValue instanceof LocalDate) {
                lines.add(label + " : événement sur la journée entière, non importé (l'agenda ne tient que des rendez-vous avec "
                        + "leurs heures).");
                return Optional.empty();
            }
            LocalDateTime start = wallClock(startValue);
            Optional<DateProperty<?>> dtend = e.getProperty(Property.DTEND);
            Optional<net.fortuna.ical4j.model.property.Duration> duration = e.getProperty(Property.DURATION);
            LocalDateTime end;
            if (dtend.isPresent() && dtend.get().getDate() != null && !(dtend.get().getDate() instanceof LocalDate)) {
                end = wallClock(dtend.get().getDate());
            } else if (duration.isPresent()) {
                TemporalAmount amount = duration.get().getDuration();
                end = wallClock(startValue.plus(amount));
            } else {
                lines.add(label + " : sans heure de fin ni durée, non importé.");
                return Optional.empty();
            }
            if (!end.isAfter(start)) {
                lines.add(label + " : l'heure de fin ne vient pas après l'heure de début, non importé.");
                return Optional.empty();
            }
            if (java.time.Duration.between(start, end).compareTo(AgendaService.LONGEST) > 0) {
                lines.add(label + " : dure plus de 12 heures, non importé (l'agenda tient des rendez-vous, pas des séjours).");
                return Optional.empty();
            }

            String summary = text(e, Property.SUMMARY);
            List<Integer> professionals = professionals(e);
            Patient patient = patient(e, label);
            AppointmentKind kind = enumValue(AppointmentKind.class, text(e, IcsExport.X_KIND));
            String title;
            if (kind == null || patient == null && needsPatient(kind)) {
                kind = AppointmentKind.AUTRE;
                title = summary;
            } else {
                String what = summary;
                String suffix = patient == null ? null : IcsExport.LOCATION_SEPARATOR + patientName(e);
                if (what != null && suffix != null && what.endsWith(suffix)) {
                    what = what.substring(0, what.length() - suffix.length());
                }
                title = what == null || what.isBlank() || what.equals(kind.label()) ? null : what;
            }
            Place place = enumValue(Place.class, text(e, IcsExport.X_PLACE));
            String location = text(e, Property.LOCATION);
            String detail;
            if (place == null) {
                place = Place.EXTERIEUR;
                detail = location;
            } else if (location == null || location.equals(place.label())) {
                detail = null;
            } else if (location.startsWith(place.label() + IcsExport.LOCATION_SEPARATOR)) {
                detail = location.substring((place.label() + IcsExport.LOCATION_SEPARATOR).length());
            } else {
                detail = location;
            }
            boolean ours = e.getProperty(IcsExport.X_KIND).isPresent();
            String notesBefore = ours ? text(e, IcsExport.X_NOTES_BEFORE) : text(e, Property.DESCRIPTION);
            String notesAfter = text(e, IcsExport.X_NOTES_AFTER);
            AppointmentStatus status = status(e);
            AppointmentInput input = new AppointmentInput(patient == null ? null : patient.id(), professionals, start, end, kind, place,
                    detail, title, null, null, notesBefore, notesAfter, null);
            return Optional.of(new Content(input, status));
        }

        private static boolean needsPatient(AppointmentKind kind) {
            return kind == AppointmentKind.CONSULTATION || kind == AppointmentKind.SEANCE || kind == AppointmentKind.VISITE;
        }

        private static AppointmentStatus status(VEvent e) {
            if ("CANCELLED".equalsIgnoreCase(text(e, Property.STATUS))) {
                return AppointmentStatus.ANNULE;
            }
            AppointmentStatus ours = enumValue(AppointmentStatus.class, text(e, IcsExport.X_STATUS));
            return ours == null || ours == AppointmentStatus.ANNULE ? AppointmentStatus.PREVU : ours;
        }

        /** The target professional, and the attendees this team knows: by RPPS, or by Coordo id under the same name. */
        private List<Integer> professionals(VEvent e) {
            Set<Integer> ids = new LinkedHashSet<>();
            ids.add(directory.target());
            for (Property p : e.getProperties(Property.ATTENDEE)) {
                String address = ((Attendee) p).getCalAddress() == null ? p.getValue() : ((Attendee) p).getCalAddress().toString();
                String lower = address.strip().toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith(IcsExport.RPPS_URN)) {
                    Integer id = directory.byRpps().get(address.strip().substring(IcsExport.RPPS_URN.length()));
                    if (id != null) {
                        ids.add(id);
                    }
                } else if (lower.startsWith(IcsExport.PROFESSIONAL_URN)) {
                    try {
                        int id = Integer.parseInt(lower.substring(IcsExport.PROFESSIONAL_URN.length()));
                        String known = directory.names().get(id);
                        if (known != null && sameName(known, cn(p))) {
                            ids.add(id);
                        }
                    } catch (NumberFormatException ignored) {
                        // not one of ours
                    }
                }
            }
            return List.copyOf(ids);
        }

        /** The file's patient when its reference exists here under the same name; otherwise none, and a report line. */
        private Patient patient(VEvent e, String label) {
            Optional<Property> x = e.getProperty(IcsExport.X_PATIENT);
            if (x.isEmpty() || x.get().getValue() == null || x.get().getValue().isBlank()) {
                return null;
            }
            String reference = x.get().getValue().strip();
            String name = cn(x.get());
            Matcher m = Pattern.compile("[Pp]0*(\\d{1,9})").matcher(reference);
            Optional<Patient> found = m.matches() ? directory.patient(Integer.parseInt(m.group(1))) : Optional.empty();
            if (found.isPresent() && name != null && sameName(found.get().displayName(), name)) {
                return found.get();
            }
            if (!patientReported) {
                patientReported = true;
                lines.add(label + " : le patient " + reference + (name == null ? "" : " (" + name + ")")
                        + " n'existe pas dans cette base sous ce nom ; rendez-vous importé sans patient.");
            }
            return null;
        }

        private static String patientName(VEvent e) {
            return e.getProperty(IcsExport.X_PATIENT).map(IcsImport::cn).orElse(null);
        }

        private String describe(VEvent e) {
            String summary = text(e, Property.SUMMARY);
            Optional<DateProperty<?>> start = e.getProperty(Property.DTSTART);
            String when = "";
            if (start.isPresent() && start.get().getDate() != null) {
                Temporal t = start.get().getDate();
                when = t instanceof LocalDate d ? " du " + d.format(DAY)
                        : " du " + wallClock(t).format(DAY) + " à " + wallClock(t).format(TIME);
            }
            return "« " + (summary == null ? "(sans titre)" : summary) + " »" + when;
        }
    }

    /** An event's content as the agenda holds it. */
    private record Content(AppointmentInput input, AppointmentStatus status) {}

    /** The Paris wall-clock time, to the minute, of a date-time in UTC, in a zone, or floating (read as Paris time). */
    static LocalDateTime wallClock(Temporal t) {
        LocalDateTime local = switch (t) {
            case ZonedDateTime z -> z.withZoneSameInstant(Database.ZONE).toLocalDateTime();
            case OffsetDateTime o -> o.atZoneSameInstant(Database.ZONE).toLocalDateTime();
            case Instant i -> i.atZone(Database.ZONE).toLocalDateTime();
            case LocalDateTime l -> l;
            case LocalDate d -> d.atStartOfDay();
            default -> LocalDateTime.from(t);
        };
        return local.truncatedTo(ChronoUnit.MINUTES);
    }

    private static String text(VEvent e, String property) {
        return e.getProperty(property).map(Property::getValue).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    private static String cn(Property p) {
        return p.getParameter(Parameter.CN).map(Parameter::getValue).map(String::strip).orElse(null);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Names compared as people read them: case, accents and spacing aside. */
    static boolean sameName(String a, String b) {
        return a != null && b != null && key(a).equals(key(b));
    }

    private static String key(String s) {
        return SearchKey.of(s).replaceAll("[\\s\\-']+", " ").strip();
    }
}
