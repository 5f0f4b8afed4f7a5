package fr.coordo.agenda;

import static fr.coordo.store.schema.Tables.APPOINTMENT;
import static fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL;
import static fr.coordo.store.schema.Tables.APPOINTMENT_SERIES;
import static fr.coordo.store.schema.Tables.CARE_PLAN;
import static fr.coordo.store.schema.Tables.OPENING_HOURS;
import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static fr.coordo.store.schema.Tables.TEAM_MEMBERSHIP;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.patient.Patient;
import fr.coordo.plan.Action;
import fr.coordo.plan.Plan;
import fr.coordo.plan.PlanService;
import fr.coordo.plan.PlanVersion;
import fr.coordo.patient.Visibility;
import fr.coordo.store.Access;
import fr.coordo.store.Audit;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The agenda's rules: booking single appointments and series, editing one occurrence, the following ones or
 * all, warning about clashes before saving, and recording on the plan what an appointment achieved.
 * Every occurrence of a series is stored as a row; the series keeps its rule for iCalendar and for edits.
 */
public final class AgendaService {
    /** Longest appointment accepted: beyond, it is surely a typing mistake. */
    public static final Duration LONGEST = Duration.ofHours(12);
    private static final int MAX_WARNINGS = 12;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Database db;
    private final Clock clock;
    private final PlanService plans;

    public AgendaService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.plans = new PlanService(db, clock);
    }

    public AgendaService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Database.ZONE));
    }

    /** Whose agenda to show: the whole team, one professional, or one patient. */
    public record Filter(Integer professionalId, Integer patientId) {
        public static final Filter TEAM = new Filter(null, null);

        public static Filter professional(int id) {
            return new Filter(id, null);
        }

        public static Filter patient(int id) {
            return new Filter(null, id);
        }
    }

    /** What marking an appointment done did to its plan action, in French for the window. */
    public record StatusChange(AppointmentStatus status, Action.Status actionStatus, String message) {}

    // ---------------------------------------------------------------- reading

    /**
     * The appointment, or empty when there is none with this id. A professionnel reads the appointments they take
     * part in and those of the patients they follow ({@link Visibility#appointments}); any other is refused in French.
     */
    public Optional<Appointment> find(int id) {
        Access who = db.access();
        return db.read(dsl -> {
            Optional<Appointment> found = load(dsl, APPOINTMENT.ID.eq(id)).stream().findFirst();
            if (found.isPresent() && !dsl.fetchExists(APPOINTMENT, APPOINTMENT.ID.eq(id).and(Visibility.appointments(who)))) {
                throw Visibility.refusal(who, "ce rendez-vous");
            }
            return found;
        });
    }

    /** Appointments starting from {@code from} (included) to {@code to} (excluded), in time order; those one may read. */
    public List<Appointment> between(LocalDate from, LocalDate to, Filter filter) {
        Condition c = APPOINTMENT.STARTS_AT.ge(slot(from.atStartOfDay())).and(APPOINTMENT.STARTS_AT.lt(slot(to.atStartOfDay())))
                .and(Visibility.appointments(db.access()));
        if (filter.patientId() != null) {
            c = c.and(APPOINTMENT.PATIENT_ID.eq(filter.patientId()));
        }
        Condition where = c;
        return db.read(dsl -> load(dsl, where, filter.professionalId()));
    }

    /** The patient's whole timeline, oldest first. */
    public List<Appointment> ofPatient(int patientId) {
        return db.read(dsl -> {
            Visibility.require(dsl, db.access(), patientId, "les rendez-vous du patient " + Patient.reference(patientId));
            return load(dsl, APPOINTMENT.PATIENT_ID.eq(patientId));
        });
    }

    /** Every occurrence of a series, in slot order. */
    public List<Appointment> ofSeries(int seriesId) {
        Condition where = APPOINTMENT.SERIES_ID.eq(seriesId).and(Visibility.appointments(db.access()));
        return db.read(dsl -> load(dsl, where).stream()
                .sorted(Comparator.comparing(Appointment::recurrenceId)).toList());
    }

    public Optional<Appointment> byUid(String uid, LocalDateTime recurrenceId) {
        Condition c = APPOINTMENT.UID.eq(uid).and(recurrenceId == null ? APPOINTMENT.RECURRENCE_ID.isNull()
                : APPOINTMENT.RECURRENCE_ID.eq(slot(recurrenceId))).and(Visibility.appointments(db.access()));
        return db.read(dsl -> load(dsl, c).stream().findFirst());
    }

    /** Opening hours by day; a day that is not listed is closed. */
    public Map<DayOfWeek, LocalTime[]> openingHours() {
        return db.read(AgendaService::openingHours);
    }

    private static Map<DayOfWeek, LocalTime[]> openingHours(DSLContext dsl) {
        Map<DayOfWeek, LocalTime[]> hours = new EnumMap<>(DayOfWeek.class);
        for (var r : dsl.selectFrom(OPENING_HOURS).fetch()) {
            hours.put(DayOfWeek.of(r.getDayOfWeek()), new LocalTime[] {LocalTime.parse(r.getOpens()), LocalTime.parse(r.getCloses())});
        }
        return hours;
    }

    /**
     * The appointments matching {@code where}, in time order, with their patient's name, their series and the
     * professionals taking part (by name). One query, the professionals joined (an appointment comes on as many
     * rows as it has professionals, in a row); read through JDBC, since jOOQ's records cost more than SQLite's
     * own work for a week of the large structure.
     */
    static List<Appointment> load(DSLContext dsl, Condition where) {
        return load(dsl, where, null);
    }

    /**
     * As {@link #load(DSLContext, Condition)}, only the appointments {@code professionalId} takes part in when it is
     * set: checked on each appointment of the range through the primary key (the cross join keeps the appointments
     * as the outer loop), rather than reading every appointment the professional ever had.
     */
    private static List<Appointment> load(DSLContext dsl, Condition where, Integer professionalId) {
        var one = APPOINTMENT_PROFESSIONAL.as("one");
        Table<?> from = APPOINTMENT;
        Condition condition = where;
        if (professionalId != null) {
            from = APPOINTMENT.crossJoin(one);
            condition = condition.and(one.APPOINTMENT_ID.eq(APPOINTMENT.ID)).and(one.PROFESSIONAL_ID.eq(professionalId));
        }
        var query = dsl.select(APPOINTMENT.ID, APPOINTMENT.UID, APPOINTMENT.SERIES_ID, APPOINTMENT.RECURRENCE_ID, APPOINTMENT.PATIENT_ID,
                        APPOINTMENT.KIND, APPOINTMENT.PLACE, APPOINTMENT.PLACE_DETAIL, APPOINTMENT.TITLE, APPOINTMENT.STARTS_AT,
                        APPOINTMENT.ENDS_AT, APPOINTMENT.STATUS, APPOINTMENT.PLAN_ID, APPOINTMENT.ACTION_UID, APPOINTMENT.NOTES_BEFORE,
                        APPOINTMENT.NOTES_AFTER, APPOINTMENT.CONFLICT_REASON,
                        PATIENT.BIRTH_NAME, PATIENT.USAGE_NAME, PATIENT.FIRST_NAMES, PATIENT.SEX,
                        APPOINTMENT_SERIES.UID, APPOINTMENT_SERIES.FREQUENCY, APPOINTMENT_SERIES.INTERVAL, APPOINTMENT_SERIES.FIRST_START,
                        APPOINTMENT_SERIES.UNTIL_DATE, APPOINTMENT_SERIES.OCCURRENCES,
                        PROFESSIONAL.ID, PROFESSIONAL.LAST_NAME, PROFESSIONAL.FIRST_NAME, PROFESSIONAL.PROFESSION_CODE, PROFESSIONAL.RPPS)
                .from(from)
                .leftJoin(PATIENT).on(PATIENT.ID.eq(APPOINTMENT.PATIENT_ID))
                .leftJoin(APPOINTMENT_SERIES).on(APPOINTMENT_SERIES.ID.eq(APPOINTMENT.SERIES_ID))
                .leftJoin(APPOINTMENT_PROFESSIONAL).on(APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID.eq(APPOINTMENT.ID))
                .leftJoin(PROFESSIONAL).on(PROFESSIONAL.ID.eq(APPOINTMENT_PROFESSIONAL.PROFESSIONAL_ID))
                .where(condition)
                // The order of the starts index: no sort. The professionals of an appointment are put in order here.
                .orderBy(APPOINTMENT.STARTS_AT, APPOINTMENT.ID);
        String sql = query.getSQL();
        List<Object> binds = query.getBindValues();
        return dsl.connectionResult(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < binds.size(); i++) {
                    st.setObject(i + 1, binds.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    return read(rs);
                }
            }
        });
    }

    /** Reads the rows of {@link #load}'s query, columns by position; series, patients' names and professionals are read once. */
    private static List<Appointment> read(ResultSet rs) throws SQLException {
        List<Appointment> out = new ArrayList<>();
        Map<Integer, Appointment.Series> series = new HashMap<>();
        Map<Integer, String> patientNames = new HashMap<>();
        Map<Integer, Appointment.Participant> people = new HashMap<>();
        Map<Appointment.Participant, String> sortKeys = new HashMap<>();
        Row row = null;
        while (rs.next()) {
            int id = rs.getInt(1);
            if (row == null || row.id != id) {
                if (row != null) {
                    out.add(row.appointment(sortKeys));
                }
                row = new Row(id);
                row.uid = rs.getString(2);
                int seriesId = rs.getInt(3);
                if (!rs.wasNull()) {
                    row.series = series.get(seriesId);
                    if (row.series == null) {
                        String until = rs.getString(26);
                        int count = rs.getInt(27);
                        Integer occurrences = rs.wasNull() ? null : count;
                        Recurrence rule = new Recurrence(Recurrence.Frequency.valueOf(rs.getString(23)), rs.getInt(24),
                                until == null ? null : LocalDate.parse(until), occurrences);
                        row.series = new Appointment.Series(seriesId, rs.getString(22), rule, time(rs.getString(25)));
                        series.put(seriesId, row.series);
                    }
                    row.recurrenceId = time(rs.getString(4));
                }
                int patientId = rs.getInt(5);
                if (!rs.wasNull()) {
                    row.patientId = patientId;
                    row.patientName = patientNames.get(patientId);
                    if (row.patientName == null) {
                        row.patientName = Patient.displayName(rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21));
                        patientNames.put(patientId, row.patientName);
                    }
                }
                row.kind = AppointmentKind.valueOf(rs.getString(6));
                row.place = Place.valueOf(rs.getString(7));
                row.placeDetail = rs.getString(8);
                row.title = rs.getString(9);
                row.start = time(rs.getString(10));
                row.end = time(rs.getString(11));
                row.status = AppointmentStatus.valueOf(rs.getString(12));
                int planId = rs.getInt(13);
                row.planId = rs.wasNull() ? null : planId;
                row.actionUid = rs.getString(14);
                row.notesBefore = rs.getString(15);
                row.notesAfter = rs.getString(16);
                row.conflictReason = rs.getString(17);
            }
            int proId = rs.getInt(28);
            if (!rs.wasNull()) {
                Appointment.Participant who = people.get(proId);
                if (who == null) {
                    String last = rs.getString(29);
                    String first = rs.getString(30);
                    who = new Appointment.Participant(proId, last + " " + first, fr.coordo.team.Professions.label(rs.getString(31)),
                            rs.getString(32));
                    people.put(proId, who);
                    sortKeys.put(who, last + "\u0000" + first);
                }
                row.professionals.add(who);
            }
        }
        if (row != null) {
            out.add(row.appointment(sortKeys));
        }
        return out;
    }

    /** One appointment while its rows are read. */
    private static final class Row {
        final int id;
        String uid;
        Appointment.Series series;
        LocalDateTime recurrenceId;
        Integer patientId;
        String patientName;
        AppointmentKind kind;
        Place place;
        String placeDetail;
        String title;
        LocalDateTime start;
        LocalDateTime end;
        AppointmentStatus status;
        Integer planId;
        String actionUid;
        String notesBefore;
        String notesAfter;
        String conflictReason;
        final List<Appointment.Participant> professionals = new ArrayList<>(2);

        Row(int id) {
            this.id = id;
        }

        /** The appointment, its professionals by last name then first name. */
        Appointment appointment(Map<Appointment.Participant, String> sortKeys) {
            if (professionals.size() > 1) {
                professionals.sort(Comparator.comparing(sortKeys::get));
            }
            List<Integer> ids = new ArrayList<>(professionals.size());
            for (Appointment.Participant p : professionals) {
                ids.add(p.id());
            }
            AppointmentInput data = new AppointmentInput(patientId, ids, start, end, kind, place, placeDetail, title, planId, actionUid,
                    notesBefore, notesAfter, series == null ? null : series.rule());
            return new Appointment(id, uid, series, recurrenceId, status, data, patientName, List.copyOf(professionals), conflictReason);
        }
    }

    /** A stored wall-clock time, 'YYYY-MM-DDTHH:MM', read without a formatter: a week of the large structure has thousands. */
    private static LocalDateTime time(String s) {
        if (s.length() != 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return LocalDateTime.parse(s);
        }
        return LocalDateTime.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10), digits(s, 11, 13), digits(s, 14, 16));
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new java.time.format.DateTimeParseException("not a stored time", s, i);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    // ---------------------------------------------------------------- booking

    /**
     * Books a single appointment, or a series when the input has a recurrence. Refused with the reasons
     * when a field is wrong; refused with the clashes when there are some and {@code reason} is blank.
     * Returns the appointment, or the series' first occurrence.
     */
    public Appointment create(AppointmentInput input, String reason) {
        return create(input, reason, newUid());
    }

    /** As {@link #create(AppointmentInput, String)} with a given UID (an import keeps the calendar's). */
    public Appointment create(AppointmentInput typed, String reason, String uid) {
        AppointmentInput input = onTheClock(typed);
        int id = db.write((dsl, audit) -> {
            validate(dsl, input);
            List<Integer> ids = new ArrayList<>();
            if (input.recurrence() == null) {
                ids.add(insertRow(dsl, input, uid, null, null, AppointmentStatus.PREVU, reason));
            } else {
                int seriesId = insertSeries(dsl, uid, input.start(), input.recurrence());
                for (LocalDateTime slot : input.recurrence().expand(Recurrence.wallClock(input.start()))) {
                    ids.add(insertRow(dsl, input.at(slot), uid, seriesId, slot, AppointmentStatus.PREVU, reason));
                }
            }
            requireNoConflicts(dsl, ids, reason);
            audit.created("appointment", ids.getFirst(), summary(input, ids.size(), reason));
            return ids.getFirst();
        });
        return find(id).orElseThrow();
    }

    /** The clashes {@code input} would have, without saving anything (for a preview). */
    public List<Conflict> conflicts(AppointmentInput input, Integer ignoring) {
        // the clashes name other people's appointments: a preview of a write, for those who may write
        db.access().require(Permission.EDIT);
        return db.read(dsl -> {
            List<Conflict> found = new ArrayList<>();
            Set<Integer> ignore = ignoring == null ? Set.of() : Set.of(ignoring);
            List<LocalDateTime> starts = input.recurrence() == null ? List.of(input.start())
                    : input.recurrence().expand(Recurrence.wallClock(input.start()));
            ClashCheck check = new ClashCheck(dsl);
            for (LocalDateTime s : starts) {
                found.addAll(check.of(s, s.plus(input.length()), input.patientId(), input.professionalIds(), ignore));
            }
            return distinct(found);
        });
    }

    /**
     * Saves the edit of appointment {@code id}: that one only, that one and the following ones of its
     * series, or the whole series. Occurrences already réalisées or non honorées are history and keep
     * their date and content; an occurrence moved alone keeps its own time.
     */
    public void update(int id, AppointmentInput typed, Scope scope, String reason) {
        AppointmentInput input = onTheClock(typed);
        db.write((dsl, audit) -> {
            Appointment before = load(dsl, APPOINTMENT.ID.eq(id)).stream().findFirst()
                    .orElseThrow(() -> refused("appointment", "Ce rendez-vous n'existe plus."));
            Scope effective = before.isOccurrence() ? scope : Scope.THIS;
            if (effective != Scope.THIS && input.recurrence() == null) {
                throw refused("recurrence", "Répétition : une modification de la série garde une règle de répétition.");
            }
            List<Integer> touched;
            if (effective == Scope.THIS) {
                validate(dsl, withoutRule(input));
                touched = updateOne(dsl, before, input, reason);
            } else {
                touched = updateSeries(dsl, before, input, effective, reason);   // validates against the series' new first slot
            }
            requireNoConflicts(dsl, touched, reason);
            Map<String, Audit.Change> changes = new LinkedHashMap<>(summary(input, touched.size(), reason));
            changes.put("scope", Audit.Change.created(effective.name()));
            audit.record("appointment", id, fr.coordo.store.AuditAction.UPDATE, changes);
            return null;
        });
    }

    /** Moves one appointment (dragged in the agenda), keeping its length. */
    public void move(int id, LocalDateTime newStart, String reason) {
        Appointment a = find(id).orElseThrow(() -> refused("appointment", "Ce rendez-vous n'existe plus."));
        update(id, withoutRule(a.data()).at(newStart), Scope.THIS, reason);
    }

    /** Cancels the appointment, or the following / all planned occurrences of its series; the slots stay, marked annulés. */
    public int cancel(int id, Scope scope) {
        return db.write((dsl, audit) -> {
            Appointment a = load(dsl, APPOINTMENT.ID.eq(id)).stream().findFirst()
                    .orElseThrow(() -> refused("appointment", "Ce rendez-vous n'existe plus."));
            Condition which = inScope(a, scope).and(APPOINTMENT.STATUS.eq(AppointmentStatus.PREVU.name()));
            int n = dsl.update(APPOINTMENT).set(APPOINTMENT.STATUS, AppointmentStatus.ANNULE.name())
                    .set(APPOINTMENT.UPDATED_AT, Timestamps.now(clock)).where(which).execute();
            if (n == 0) {
                throw refused("status", "Seul un rendez-vous prévu peut être annulé (celui-ci est « " + a.status().label().toLowerCase() + " »).");
            }
            audit.record("appointment", id, fr.coordo.store.AuditAction.UPDATE, Map.of(
                    "status", new Audit.Change(a.status().name(), AppointmentStatus.ANNULE.name()),
                    "scope", Audit.Change.created(scope.name()), "count", Audit.Change.created(n)));
            return n;
        });
    }

    /**
     * Deletes the appointment, or the following occurrences (the series then ends before it) or the whole
     * series. Occurrences réalisées or non honorées are kept as single appointments: they are history.
     */
    public int delete(int id, Scope scope) {
        return db.write((dsl, audit) -> {
            Appointment a = load(dsl, APPOINTMENT.ID.eq(id)).stream().findFirst()
                    .orElseThrow(() -> refused("appointment", "Ce rendez-vous n'existe plus."));
            Scope effective = a.isOccurrence() ? scope : Scope.THIS;
            int n;
            if (effective == Scope.THIS) {
                if (a.status().settled()) {
                    throw refused("status", "Un rendez-vous " + a.status().label().toLowerCase() + " fait partie du suivi : "
                            + "il ne se supprime pas.");
                }
                n = dsl.deleteFrom(APPOINTMENT).where(APPOINTMENT.ID.eq(id)).execute();
            } else {
                Condition which = inScope(a, effective);
                detachSettled(dsl, which);
                n = dsl.deleteFrom(APPOINTMENT).where(which).execute();
                if (effective == Scope.FOLLOWING && hasOccurrences(dsl, a.series().id())) {
                    endSeriesBefore(dsl, a.series(), a.recurrenceId());
                }
            }
            if (a.isOccurrence()) {
                dropIfEmpty(dsl, a.series().id());
            }
            audit.record("appointment", id, fr.coordo.store.AuditAction.DELETE, Map.of(
                    "scope", Audit.Change.created(effective.name()), "count", Audit.Change.created(n)));
            return n;
        });
    }

    /**
     * Sets where the appointment stands. Marking it réalisé records progress on its plan action, in the
     * same transaction: the action is réalisée when this was its only or last planned appointment, en cours
     * otherwise.
     */
    public StatusChange setStatus(int id, AppointmentStatus status, String notesAfter) {
        return db.write((dsl, audit) -> {
            Appointment a = load(dsl, APPOINTMENT.ID.eq(id)).stream().findFirst()
                    .orElseThrow(() -> refused("appointment", "Ce rendez-vous n'existe plus."));
            if (status.settled() && a.day().isAfter(today())) {
                throw refused("status", "Un rendez-vous du " + a.day().format(DAY) + " ne peut pas encore être marqué « "
                        + status.label().toLowerCase() + " ».");
            }
            dsl.update(APPOINTMENT).set(APPOINTMENT.STATUS, status.name())
                    .set(APPOINTMENT.NOTES_AFTER, notesAfter == null ? a.data().notesAfter() : text(notesAfter))
                    .set(APPOINTMENT.UPDATED_AT, Timestamps.now(clock)).where(APPOINTMENT.ID.eq(id)).execute();
            audit.record("appointment", id, fr.coordo.store.AuditAction.UPDATE,
                    Map.of("status", new Audit.Change(a.status().name(), status.name())));
            if (a.data().planId() == null || status == a.status()) {
                return new StatusChange(status, null, null);
            }
            if (a.status() == AppointmentStatus.REALISE) {
                return undoProgress(dsl, audit, a, status);
            }
            if (status != AppointmentStatus.REALISE) {
                return new StatusChange(status, null, null);
            }
            return progress(dsl, audit, a);
        });
    }

    private StatusChange progress(DSLContext dsl, Audit audit, Appointment a) {
        Optional<Plan> plan = PlanService.find(dsl, a.data().planId());
        Optional<PlanVersion> inForce = plan.flatMap(Plan::validated);
        if (plan.isEmpty() || plan.get().state() == Plan.State.CLOTURE || inForce.isEmpty()
                || inForce.get().content().actions().stream().noneMatch(x -> x.uid().equals(a.data().actionUid()))) {
            return new StatusChange(AppointmentStatus.REALISE, null,
                    "Le rendez-vous est réalisé ; son action ne fait pas partie d'un plan en vigueur, rien n'a été noté sur le plan.");
        }
        boolean more = dsl.fetchExists(APPOINTMENT, APPOINTMENT.PLAN_ID.eq(a.data().planId())
                .and(APPOINTMENT.ACTION_UID.eq(a.data().actionUid())).and(APPOINTMENT.STATUS.eq(AppointmentStatus.PREVU.name()))
                .and(APPOINTMENT.ID.ne(a.id())));
        Action.Status next = more ? Action.Status.EN_COURS : Action.Status.REALISEE;
        String result = a.data().kind().label() + " du " + a.day().format(DAY) + " réalisé(e)"
                + (a.professionals().isEmpty() ? "" : " avec " + a.professionalNames()) + ".";
        plans.recordProgressIn(dsl, audit, a.data().planId(), a.data().actionUid(), a.day(), next, result);
        return new StatusChange(AppointmentStatus.REALISE, next, "Action du plan notée « " + next.label().toLowerCase() + " ».");
    }

    /**
     * A réalisé appointment that turns out not to have been: the plan's follow-up says so (the action is en
     * cours again) rather than keeping a progress that did not happen.
     */
    private StatusChange undoProgress(DSLContext dsl, Audit audit, Appointment a, AppointmentStatus status) {
        Optional<Plan> plan = PlanService.find(dsl, a.data().planId());
        boolean inForce = plan.isPresent() && plan.get().state() != Plan.State.CLOTURE && plan.get().validated()
                .map(v -> v.content().actions().stream().anyMatch(x -> x.uid().equals(a.data().actionUid()))).orElse(false);
        if (!inForce) {
            return new StatusChange(status, null, null);
        }
        String result = a.data().kind().label() + " du " + a.day().format(DAY) + " finalement « " + status.label().toLowerCase()
                + " » : l'action reprend.";
        plans.recordProgressIn(dsl, audit, a.data().planId(), a.data().actionUid(), a.day(), Action.Status.EN_COURS, result);
        return new StatusChange(status, Action.Status.EN_COURS, "Action du plan remise « en cours ».");
    }

    // ---------------------------------------------------------------- writing rows

    private int insertSeries(DSLContext dsl, String uid, LocalDateTime first, Recurrence rule) {
        String now = Timestamps.now(clock);
        return dsl.insertInto(APPOINTMENT_SERIES).set(APPOINTMENT_SERIES.UID, uid)
                .set(APPOINTMENT_SERIES.FREQUENCY, rule.frequency().name()).set(APPOINTMENT_SERIES.INTERVAL, rule.interval())
                .set(APPOINTMENT_SERIES.FIRST_START, slot(Recurrence.wallClock(first)))
                .set(APPOINTMENT_SERIES.UNTIL_DATE, rule.until() == null ? null : rule.until().toString())
                .set(APPOINTMENT_SERIES.OCCURRENCES, rule.count())
                .set(APPOINTMENT_SERIES.CREATED_AT, now).set(APPOINTMENT_SERIES.UPDATED_AT, now)
                .returning(APPOINTMENT_SERIES.ID).fetchOne(APPOINTMENT_SERIES.ID);
    }

    private int insertRow(DSLContext dsl, AppointmentInput in, String uid, Integer seriesId, LocalDateTime recurrenceId,
            AppointmentStatus status, String reason) {
        String now = Timestamps.now(clock);
        int id = dsl.insertInto(APPOINTMENT).set(APPOINTMENT.UID, uid).set(APPOINTMENT.SERIES_ID, seriesId)
                .set(APPOINTMENT.RECURRENCE_ID, recurrenceId == null ? null : slot(recurrenceId))
                .set(APPOINTMENT.STATUS, status.name()).set(APPOINTMENT.CREATED_AT, now).set(APPOINTMENT.UPDATED_AT, now)
                .set(APPOINTMENT.STARTS_AT, slot(in.start())).set(APPOINTMENT.ENDS_AT, slot(in.end()))
                .set(APPOINTMENT.KIND, in.kind().name())
                .set(APPOINTMENT.PLACE, in.place().name())
                .returning(APPOINTMENT.ID).fetchOne(APPOINTMENT.ID);
        writeContent(dsl, id, in, reason, true);
        return id;
    }

    /** Writes everything but the identity, the slot and the status; the times too when {@code times}. */
    private void writeContent(DSLContext dsl, int id, AppointmentInput in, String reason, boolean times) {
        var update = dsl.update(APPOINTMENT).set(APPOINTMENT.PATIENT_ID, in.patientId()).set(APPOINTMENT.KIND, in.kind().name())
                .set(APPOINTMENT.PLACE, in.place().name()).set(APPOINTMENT.PLACE_DETAIL, text(in.placeDetail()))
                .set(APPOINTMENT.TITLE, text(in.title())).set(APPOINTMENT.PLAN_ID, in.planId())
                .set(APPOINTMENT.ACTION_UID, in.planId() == null ? null : in.actionUid())
                .set(APPOINTMENT.NOTES_BEFORE, text(in.notesBefore())).set(APPOINTMENT.NOTES_AFTER, text(in.notesAfter()))
                .set(APPOINTMENT.CONFLICT_REASON, text(reason)).set(APPOINTMENT.UPDATED_AT, Timestamps.now(clock));
        if (times) {
            update = update.set(APPOINTMENT.STARTS_AT, slot(in.start())).set(APPOINTMENT.ENDS_AT, slot(in.end()));
        }
        update.where(APPOINTMENT.ID.eq(id)).execute();
        dsl.deleteFrom(APPOINTMENT_PROFESSIONAL).where(APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID.eq(id)).execute();
        var insert = dsl.insertInto(APPOINTMENT_PROFESSIONAL, APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID, APPOINTMENT_PROFESSIONAL.PROFESSIONAL_ID);
        for (int pro : new LinkedHashSet<>(in.professionalIds())) {
            insert = insert.values(id, pro);
        }
        insert.execute();
    }

    private List<Integer> updateOne(DSLContext dsl, Appointment before, AppointmentInput input, String reason) {
        if (before.status().settled() && !before.start().equals(input.start())) {
            throw refused("start", "Un rendez-vous " + before.status().label().toLowerCase() + " ne se déplace plus : "
                    + "il fait partie du suivi.");
        }
        writeContent(dsl, before.id(), input, reason, true);
        return List.of(before.id());
    }

    /**
     * Applies a series edit. The time change typed on the edited occurrence moves the rule's first slot.
     * Each occurrence in scope keeps its period in the series (the k-th week or month step stays the k-th
     * under the new rule): a period past the new end goes, a period with no occurrence before (past the old
     * end, or a month the old rule skipped) gets one, and a period whose occurrence was deleted stays empty.
     * Occurrences moved alone keep their own time; settled ones keep date and content. « This and the
     * following » from an occurrence with earlier ones splits the series: the old one ends the day before, a
     * new one (its own UID) starts at the edited occurrence with what is left of the count.
     */
    private List<Integer> updateSeries(DSLContext dsl, Appointment edited, AppointmentInput input, Scope scope, String reason) {
        if (input.start() == null || input.end() == null) {
            validate(dsl, withoutRule(input));   // refused: the times are needed to work out the shift
        }
        Appointment.Series series = edited.series();
        SortedMap<Integer, LocalDateTime> oldSlots = series.rule().slotsByPeriod(series.firstStart());
        Map<LocalDateTime, Integer> periodOf = new HashMap<>();
        oldSlots.forEach((k, slot) -> periodOf.put(slot, k));
        if (!periodOf.containsKey(edited.recurrenceId())) {
            throw refused("recurrence", "Ce rendez-vous ne correspond plus à la règle de sa série : modifiez-le seul.");
        }
        LocalDateTime named = namedSlot(series, edited.recurrenceId());
        // the series moves by what the user changed: keeping the time shown (or putting an occurrence moved
        // alone back on its slot) moves nothing; an occurrence shown an hour later by the spring gap counts
        // from the time its rule names
        Duration shift = input.start().equals(edited.start()) || input.start().equals(edited.recurrenceId()) ? Duration.ZERO
                : Duration.between(edited.moved() ? edited.start() : named, input.start());
        LocalDateTime target = named.plus(shift);
        boolean split = scope == Scope.FOLLOWING && dsl.fetchExists(APPOINTMENT, APPOINTMENT.SERIES_ID.eq(series.id())
                .and(APPOINTMENT.RECURRENCE_ID.lt(slot(edited.recurrenceId()))));
        Recurrence rule = input.recurrence();
        if (split && rule.count() != null) {
            // the count typed is the whole series': the part from here on gets what is left of it
            long before = oldSlots.values().stream().filter(s -> s.isBefore(edited.recurrenceId())).count();
            if (rule.count() <= before) {
                throw refused("recurrence", "Répétition : la série compte déjà " + before + " rendez-vous avant celui-ci ; "
                        + "indiquez-en plus de " + before + ", ou une date de fin.");
            }
            rule = new Recurrence(rule.frequency(), rule.interval(), null, (int) (rule.count() - before));
        }
        // the new rule's first slot, and the period of the old rule it falls in
        LocalDateTime first = series.firstStart().plus(shift);
        int base = 0;
        if (split) {
            first = target;
            base = periodOf.get(edited.recurrenceId());
        } else if (series.rule().frequency() == Recurrence.Frequency.MONTHLY && rule.frequency() == Recurrence.Frequency.MONTHLY
                && rule.interval() >= 1) {
            // by months and day of month, not by a duration: months differ in length, and the rule skips a
            // month without the day (moving the 30th to the 28th gives February an occurrence)
            YearMonth month = YearMonth.from(series.firstStart()).plusMonths(YearMonth.from(named).until(YearMonth.from(target), ChronoUnit.MONTHS));
            for (int o = 0; o < 12; o++) {
                YearMonth m = month.plusMonths((long) o * rule.interval());
                if (m.isValidDay(target.getDayOfMonth())) {
                    first = m.atDay(target.getDayOfMonth()).atTime(target.toLocalTime());
                    base = o;
                    break;
                }
            }
        }
        // stored as the clock shows it, as iCalendar writes a DTSTART: a series starting in the spring gap
        // runs at the time shown that night
        first = Recurrence.wallClock(first);
        validate(dsl, input.repeating(rule), first);
        SortedMap<Integer, LocalDateTime> slots = rule.slotsByPeriod(first);

        int seriesId = series.id();
        String uid = series.uid();
        if (split) {
            endSeriesBefore(dsl, series, edited.recurrenceId());
            uid = newUid();
            seriesId = insertSeries(dsl, uid, first, rule);
        } else {
            dsl.update(APPOINTMENT_SERIES).set(APPOINTMENT_SERIES.FIRST_START, slot(first))
                    .set(APPOINTMENT_SERIES.FREQUENCY, rule.frequency().name())
                    .set(APPOINTMENT_SERIES.INTERVAL, rule.interval())
                    .set(APPOINTMENT_SERIES.UNTIL_DATE, rule.until() == null ? null : rule.until().toString())
                    .set(APPOINTMENT_SERIES.OCCURRENCES, rule.count())
                    .set(APPOINTMENT_SERIES.UPDATED_AT, Timestamps.now(clock))
                    .where(APPOINTMENT_SERIES.ID.eq(seriesId)).execute();
        }
        List<Appointment> rows = load(dsl, inScope(edited, scope));
        // park the slots so that re-pairing never meets the unique (series, slot) index half-way
        for (Appointment r : rows) {
            dsl.update(APPOINTMENT).set(APPOINTMENT.RECURRENCE_ID, "~" + r.id()).set(APPOINTMENT.SERIES_ID, seriesId)
                    .set(APPOINTMENT.UID, uid).where(APPOINTMENT.ID.eq(r.id())).execute();
        }
        List<Integer> touched = new ArrayList<>();
        Set<Integer> filled = new HashSet<>();
        Duration length = input.length();
        for (Appointment r : rows) {
            Integer period = periodOf.get(r.recurrenceId());
            LocalDateTime slot;
            if (period != null) {
                slot = slots.get(period - base);
                if (slot != null) {
                    filled.add(period - base);
                }
            } else {
                // an occurrence the rule does not give (an imported calendar may have some) keeps its slot,
                // unless the new rule gives that slot too
                slot = slots.containsValue(r.recurrenceId()) ? null : r.recurrenceId();
            }
            if (slot == null) {
                // no slot any more: history, and an extra occurrence met by the rule, stay as single
                // appointments; the rest goes
                if (period == null || r.status().settled()) {
                    detach(dsl, r.id());
                } else {
                    dsl.deleteFrom(APPOINTMENT).where(APPOINTMENT.ID.eq(r.id())).execute();
                }
                continue;
            }
            dsl.update(APPOINTMENT).set(APPOINTMENT.RECURRENCE_ID, slot(slot)).where(APPOINTMENT.ID.eq(r.id())).execute();
            if (!r.status().settled()) {
                LocalDateTime start = !r.moved() ? slot : r.id() == edited.id() ? input.start() : r.start();
                writeContent(dsl, r.id(), input.withTimes(start, start.plus(length)), reason, true);
                touched.add(r.id());
            }
        }
        for (var e : slots.entrySet()) {
            if (!filled.contains(e.getKey()) && !oldSlots.containsKey(e.getKey() + base)) {
                touched.add(insertRow(dsl, input.at(e.getValue()), uid, seriesId, e.getValue(), AppointmentStatus.PREVU, reason));
            }
        }
        dropIfEmpty(dsl, seriesId);
        return touched;
    }

    /** The slot of an occurrence as the rule names it: its day at the series' time, before the spring gap shifts it. */
    private static LocalDateTime namedSlot(Appointment.Series series, LocalDateTime recurrenceId) {
        LocalDateTime named = recurrenceId.toLocalDate().atTime(series.firstStart().toLocalTime());
        return Recurrence.wallClock(named).equals(recurrenceId) ? named : recurrenceId;
    }

    private void endSeriesBefore(DSLContext dsl, Appointment.Series series, LocalDateTime slot) {
        dsl.update(APPOINTMENT_SERIES).set(APPOINTMENT_SERIES.UNTIL_DATE, slot.toLocalDate().minusDays(1).toString())
                .set(APPOINTMENT_SERIES.OCCURRENCES, (Integer) null).set(APPOINTMENT_SERIES.UPDATED_AT, Timestamps.now(clock))
                .where(APPOINTMENT_SERIES.ID.eq(series.id())).execute();
    }

    private static boolean hasOccurrences(DSLContext dsl, int seriesId) {
        return dsl.fetchExists(APPOINTMENT, APPOINTMENT.SERIES_ID.eq(seriesId));
    }

    /** A series whose occurrences are all gone goes too, rather than linger as a rule with nothing behind it. */
    private static void dropIfEmpty(DSLContext dsl, int seriesId) {
        if (!hasOccurrences(dsl, seriesId)) {
            dsl.deleteFrom(APPOINTMENT_SERIES).where(APPOINTMENT_SERIES.ID.eq(seriesId)).execute();
        }
    }

    /** Settled occurrences leaving their series become single appointments with a UID of their own. */
    private void detachSettled(DSLContext dsl, Condition which) {
        for (int id : dsl.select(APPOINTMENT.ID).from(APPOINTMENT)
                .where(which.and(APPOINTMENT.STATUS.in(AppointmentStatus.REALISE.name(), AppointmentStatus.NON_HONORE.name())))
                .fetch(APPOINTMENT.ID)) {
            detach(dsl, id);
        }
    }

    private void detach(DSLContext dsl, int id) {
        dsl.update(APPOINTMENT).set(APPOINTMENT.SERIES_ID, (Integer) null).set(APPOINTMENT.RECURRENCE_ID, (String) null)
                .set(APPOINTMENT.UID, newUid()).where(APPOINTMENT.ID.eq(id)).execute();
    }

    private static Condition inScope(Appointment a, Scope scope) {
        if (!a.isOccurrence() || scope == Scope.THIS) {
            return APPOINTMENT.ID.eq(a.id());
        }
        Condition series = APPOINTMENT.SERIES_ID.eq(a.series().id());
        return scope == Scope.ALL ? series : series.and(APPOINTMENT.RECURRENCE_ID.ge(slot(a.recurrenceId())));
    }

    // ---------------------------------------------------------------- checks

    private void validate(DSLContext dsl, AppointmentInput in) {
        validate(dsl, in, in.start());
    }

    /** Checks the fields, and the rule from {@code first}: the series' first slot, which a series edit may move. */
    private void validate(DSLContext dsl, AppointmentInput in, LocalDateTime first) {
        List<Issue> issues = new ArrayList<>();
        if (in.start() == null || in.end() == null) {
            issues.add(Issue.blocking("start", "Date et heures : indiquez le jour, l'heure de début et l'heure de fin."));
        } else if (!in.end().isAfter(in.start())) {
            issues.add(Issue.blocking("end", "Heure de fin : elle doit venir après l'heure de début."));
        } else if (in.length().compareTo(LONGEST) > 0) {
            issues.add(Issue.blocking("end", "Durée : un rendez-vous dure au plus 12 heures (vérifiez l'heure de fin)."));
        }
        if (in.kind() == null) {
            issues.add(Issue.blocking("kind", "Type de rendez-vous : choisissez-en un."));
        }
        if (in.place() == null) {
            issues.add(Issue.blocking("place", "Lieu : choisissez-en un."));
        }
        if (in.professionalIds().isEmpty()) {
            issues.add(Issue.blocking("professionals", "Professionnels : choisissez au moins un professionnel de l'équipe."));
        } else {
            int known = dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.ID.in(in.professionalIds()));
            if (known < new LinkedHashSet<>(in.professionalIds()).size()) {
                issues.add(Issue.blocking("professionals", "Professionnels : l'un d'eux n'existe plus dans l'équipe."));
            }
        }
        if (in.patientId() == null) {
            if (in.kind() == AppointmentKind.CONSULTATION || in.kind() == AppointmentKind.SEANCE || in.kind() == AppointmentKind.VISITE) {
                issues.add(Issue.blocking("patient", "Patient : une " + in.kind().label().toLowerCase() + " concerne un patient ; choisissez-le."));
            }
            if (in.planId() != null) {
                issues.add(Issue.blocking("action", "Action du plan : choisissez d'abord le patient."));
            }
        } else if (!dsl.fetchExists(PATIENT, PATIENT.ID.eq(in.patientId()))) {
            issues.add(Issue.blocking("patient", "Patient : cette personne n'existe plus."));
        } else if (in.planId() != null) {
            checkAction(dsl, in, issues);
        }
        Recurrence rule = in.recurrence();
        if (rule != null && first != null) {
            if (rule.frequency() == null || rule.interval() < 1 || rule.interval() > 52) {
                issues.add(Issue.blocking("recurrence", "Répétition : un intervalle de 1 à 52 semaines ou mois."));
            } else if ((rule.until() == null) == (rule.count() == null)) {
                issues.add(Issue.blocking("recurrence", "Répétition : indiquez soit une date de fin, soit un nombre de rendez-vous."));
            } else if (rule.until() != null && rule.until().isBefore(first.toLocalDate())) {
                issues.add(Issue.blocking("recurrence", "Répétition : la date de fin vient avant le premier rendez-vous."));
            } else if (rule.count() != null && (rule.count() < 1 || rule.count() > Recurrence.MAX_OCCURRENCES)) {
                issues.add(Issue.blocking("recurrence", "Répétition : de 1 à " + Recurrence.MAX_OCCURRENCES + " rendez-vous."));
            } else if (rule.expand(first).size() > Recurrence.MAX_OCCURRENCES) {
                issues.add(Issue.blocking("recurrence", "Répétition : plus de " + Recurrence.MAX_OCCURRENCES
                        + " rendez-vous jusqu'à cette date ; choisissez une date de fin plus proche."));
            }
        }
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
    }

    private static void checkAction(DSLContext dsl, AppointmentInput in, List<Issue> issues) {
        Optional<Plan> plan = PlanService.find(dsl, in.planId());
        if (plan.isEmpty() || plan.get().patientId() != in.patientId()) {
            issues.add(Issue.blocking("action", "Action du plan : ce plan n'est pas celui du patient choisi."));
            return;
        }
        boolean known = plan.get().versions().stream()
                .anyMatch(v -> v.content().actions().stream().anyMatch(a -> a.uid().equals(in.actionUid())));
        if (!known) {
            issues.add(Issue.blocking("action", "Action du plan : cette action n'existe pas dans le plan " + plan.get().reference() + "."));
        }
    }

    /**
     * Refuses the change when a row clashes and no reason was given. The reason is kept only on the rows that
     * do clash: an appointment without a clash never says it was « kept despite a conflict ».
     */
    private void requireNoConflicts(DSLContext dsl, List<Integer> ids, String reason) {
        boolean excused = reason != null && !reason.isBlank();
        Set<Integer> own = Set.copyOf(ids);
        List<Conflict> found = new ArrayList<>();
        List<Integer> clear = new ArrayList<>();
        ClashCheck check = new ClashCheck(dsl);
        for (Appointment a : loadAll(dsl, ids)) {
            List<Conflict> mine = a.status().occupies() ? check.of(a, own) : List.of();
            if (mine.isEmpty()) {
                clear.add(a.id());
            }
            found.addAll(mine);
        }
        if (!found.isEmpty() && !excused) {
            throw new ConflictsException(distinct(found));
        }
        for (List<Integer> chunk : excused ? chunks(clear) : List.<List<Integer>>of()) {
            dsl.update(APPOINTMENT).set(APPOINTMENT.CONFLICT_REASON, (String) null).where(APPOINTMENT.ID.in(chunk)).execute();
        }
    }

    private static List<Conflict> distinct(List<Conflict> found) {
        List<Conflict> unique = new ArrayList<>(new LinkedHashSet<>(found));
        if (unique.size() <= MAX_WARNINGS) {
            return unique;
        }
        List<Conflict> shown = new ArrayList<>(unique.subList(0, MAX_WARNINGS));
        shown.add(new Conflict(unique.get(MAX_WARNINGS).kind(), "… et " + (unique.size() - MAX_WARNINGS) + " autre(s) avertissement(s)."));
        return shown;
    }

    /**
     * The clashes of appointment slots with the rest of the agenda, the team and the opening hours. One check
     * serves a whole operation: the opening hours and the names it quotes are read once, not per occurrence.
     */
    private static final class ClashCheck {
        private final DSLContext dsl;
        private final Map<DayOfWeek, LocalTime[]> hours;
        private final Map<Integer, Optional<String>> professionals = new HashMap<>();
        private final Map<Integer, String> patients = new HashMap<>();

        ClashCheck(DSLContext dsl) {
            this.dsl = dsl;
            this.hours = openingHours(dsl);
        }

        List<Conflict> of(Appointment a, Set<Integer> ignore) {
            return of(a.start(), a.end(), a.data().patientId(), a.data().professionalIds(), ignore);
        }

        private Optional<String> professional(int id) {
            return professionals.computeIfAbsent(id, k -> dsl.select(PROFESSIONAL.LAST_NAME, PROFESSIONAL.FIRST_NAME).from(PROFESSIONAL)
                    .where(PROFESSIONAL.ID.eq(k)).fetchOptional().map(r -> r.value1() + " " + r.value2()));
        }

        private String patient(int id) {
            return patients.computeIfAbsent(id, k -> dsl.select(PATIENT.BIRTH_NAME, PATIENT.USAGE_NAME, PATIENT.FIRST_NAMES, PATIENT.SEX)
                    .from(PATIENT).where(PATIENT.ID.eq(k)).fetchOptional()
                    .map(r -> Patient.displayName(r.value1(), r.value2(), r.value3(), r.value4())).orElse("Le patient"));
        }

        List<Conflict> of(LocalDateTime start, LocalDateTime end, Integer patientId, List<Integer> professionalIds,
                Set<Integer> ignore) {
            List<Conflict> found = new ArrayList<>();
            Condition overlaps = APPOINTMENT.STARTS_AT.gt(slot(start.minus(LONGEST))).and(APPOINTMENT.STARTS_AT.lt(slot(end)))
                    .and(APPOINTMENT.ENDS_AT.gt(slot(start)))
                    .and(APPOINTMENT.STATUS.in(AppointmentStatus.PREVU.name(), AppointmentStatus.REALISE.name()))
                    .and(ignore.isEmpty() ? DSL.trueCondition() : APPOINTMENT.ID.notIn(ignore));
            String when = "le " + start.format(DAY) + " de " + start.format(TIME) + " à " + end.format(TIME);
            for (int pro : new LinkedHashSet<>(professionalIds)) {
                Optional<String> who = professional(pro);
                if (who.isEmpty()) {
                    continue;
                }
                String name = who.get();
                var other = dsl.select(APPOINTMENT.STARTS_AT, APPOINTMENT.ENDS_AT, APPOINTMENT.KIND).from(APPOINTMENT)
                        .join(APPOINTMENT_PROFESSIONAL).on(APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID.eq(APPOINTMENT.ID))
                        .where(overlaps.and(APPOINTMENT_PROFESSIONAL.PROFESSIONAL_ID.eq(pro))).orderBy(APPOINTMENT.STARTS_AT).limit(1).fetchOne();
                if (other != null) {
                    found.add(new Conflict(Conflict.Kind.PROFESSIONNEL_OCCUPE, name + " a déjà un rendez-vous " + span(other.value1(), other.value2())
                            + " (" + AppointmentKind.valueOf(other.value3()).label().toLowerCase() + ")."));
                }
                LocalDate day = start.toLocalDate();
                boolean member = dsl.fetchExists(TEAM_MEMBERSHIP, TEAM_MEMBERSHIP.PROFESSIONAL_ID.eq(pro)
                        .and(TEAM_MEMBERSHIP.START_DATE.le(day.toString()))
                        .and(TEAM_MEMBERSHIP.END_DATE.isNull().or(TEAM_MEMBERSHIP.END_DATE.ge(day.toString()))));
                if (!member) {
                    found.add(new Conflict(Conflict.Kind.HORS_EQUIPE, name + " n'est pas membre de l'équipe le " + day.format(DAY) + "."));
                }
            }
            if (patientId != null) {
                var other = dsl.select(APPOINTMENT.STARTS_AT, APPOINTMENT.ENDS_AT, APPOINTMENT.KIND).from(APPOINTMENT)
                        .where(overlaps.and(APPOINTMENT.PATIENT_ID.eq(patientId))).orderBy(APPOINTMENT.STARTS_AT).limit(1).fetchOne();
                if (other != null) {
                    String name = patient(patientId);
                    found.add(new Conflict(Conflict.Kind.PATIENT_OCCUPE, name + " a déjà un rendez-vous " + span(other.value1(), other.value2())
                            + " (" + AppointmentKind.valueOf(other.value3()).label().toLowerCase() + ")."));
                }
            }
            LocalTime[] open = hours.get(start.getDayOfWeek());
            if (open == null) {
                found.add(new Conflict(Conflict.Kind.HORS_HORAIRES, "La maison de santé est fermée le " + dayName(start.toLocalDate())
                        + " " + start.format(DAY) + "."));
            } else if (start.toLocalTime().isBefore(open[0]) || end.toLocalTime().isAfter(open[1]) || !end.toLocalDate().equals(start.toLocalDate())) {
                found.add(new Conflict(Conflict.Kind.HORS_HORAIRES, "Le rendez-vous " + when + " déborde des heures d'ouverture ("
                        + open[0].format(TIME) + "–" + open[1].format(TIME) + ")."));
            }
            return found;
        }
    }

    /** Appointments by id, read by lists SQLite accepts as parameters. */
    private static List<Appointment> loadAll(DSLContext dsl, List<Integer> ids) {
        List<Appointment> rows = new ArrayList<>();
        for (List<Integer> chunk : chunks(ids)) {
            rows.addAll(load(dsl, APPOINTMENT.ID.in(chunk)));
        }
        return rows;
    }

    private static List<List<Integer>> chunks(List<Integer> ids) {
        List<List<Integer>> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 900) {
            out.add(ids.subList(from, Math.min(ids.size(), from + 900)));
        }
        return out;
    }

    private static String span(String start, String end) {
        LocalDateTime s = LocalDateTime.parse(start);
        LocalDateTime e = LocalDateTime.parse(end);
        return "le " + s.format(DAY) + " de " + s.format(TIME) + " à " + e.format(TIME);
    }

    private static String dayName(LocalDate day) {
        return day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.FRENCH);
    }

    // ---------------------------------------------------------------- helpers

    private static AppointmentInput withoutRule(AppointmentInput in) {
        return in.repeating(null);
    }

    private static Map<String, Audit.Change> summary(AppointmentInput in, int count, String reason) {
        Map<String, Audit.Change> m = new LinkedHashMap<>();
        m.put("starts_at", Audit.Change.created(in.start() == null ? null : slot(in.start())));
        m.put("kind", Audit.Change.created(in.kind() == null ? null : in.kind().name()));
        m.put("patient_id", Audit.Change.created(in.patientId()));
        m.put("professionals", Audit.Change.created(in.professionalIds().toString()));
        m.put("occurrences", Audit.Change.created(count));
        if (reason != null && !reason.isBlank()) {
            m.put("conflict_reason", Audit.Change.created(reason.strip()));
        }
        return m;
    }

    /** A time typed in the spring gap (02:30 on the night of the change) is stored as the clock shows it: 03:30. */
    private static AppointmentInput onTheClock(AppointmentInput in) {
        if (in.start() == null || in.end() == null || Recurrence.wallClock(in.start()).equals(in.start())) {
            return in;
        }
        return in.at(Recurrence.wallClock(in.start()));
    }

    /** The stored form of a wall-clock time: sortable text, to the minute. */
    public static String slot(LocalDateTime t) {
        return t.withSecond(0).withNano(0).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    }

    public static String newUid() {
        return UUID.randomUUID() + "@coordo";
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static InputException refused(String field, String message) {
        return new InputException(List.of(Issue.blocking(field, message)));
    }

    /** The plan of an appointment's patient: which plan, for the link to an action. */
    public Optional<Plan> planOf(int patientId) {
        return db.read(dsl -> dsl.select(CARE_PLAN.ID).from(CARE_PLAN).where(CARE_PLAN.PATIENT_ID.eq(patientId))
                .orderBy(CARE_PLAN.ID.desc()).limit(1).fetchOptional(CARE_PLAN.ID)).flatMap(plans::find);
    }

    // ---------------------------------------------------------------- iCalendar import (IcsImport)

    /**
     * One event of an imported calendar, already resolved to this database: a single appointment
     * ({@code occurrences} empty), or a series ({@code input.recurrence()} set, {@code input.start()} its first
     * slot) with every occurrence's own content and status. {@code label} names the event in messages:
     * « title » du 23/03/2026 à 10:00.
     */
    public record ImportedEvent(String uid, String label, AppointmentInput input, AppointmentStatus status,
            List<ImportedOccurrence> occurrences) {
        public ImportedEvent {
            occurrences = occurrences == null ? List.of() : List.copyOf(occurrences);
        }
    }

    /** An occurrence of an imported series: its slot in the rule, its content and its status. */
    public record ImportedOccurrence(LocalDateTime slot, AppointmentInput input, AppointmentStatus status) {}

    /**
     * What an import did, counted in appointments (one per occurrence of a series); {@code clashes} counts the
     * imported appointments overlapping another one of the same professional or patient; {@code lines} says,
     * in French, what was kept as it was.
     */
    public record ImportResult(int created, int updated, int unchanged, int clashes, List<String> lines) {}

    /**
     * Writes the events in one transaction, all or nothing. An event whose UID is already here updates that
     * appointment or series instead of adding a copy: importing the same file again changes nothing. Clashes
     * never block an import. Occurrences already réalisées or non honorées here are history and stay as they
     * are; those the file no longer has become single appointments, as when a series is edited.
     */
    public ImportResult importEvents(List<ImportedEvent> events, String source) {
        return db.write((dsl, audit) -> {
            ImportTally tally = new ImportTally();
            for (ImportedEvent e : events) {
                checkImported(dsl, e);
                if (e.input().recurrence() == null) {
                    importSingle(dsl, e, tally);
                } else {
                    importSeries(dsl, e, tally);
                }
            }
            int clashes = countClashes(dsl, tally.touched);
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            changes.put("format", Audit.Change.created("iCalendar"));
            changes.put("source", Audit.Change.created(source));
            changes.put("events", Audit.Change.created(events.size()));
            changes.put("created", Audit.Change.created(tally.created));
            changes.put("updated", Audit.Change.created(tally.updated));
            changes.put("unchanged", Audit.Change.created(tally.unchanged));
            audit.record("agenda", null, fr.coordo.store.AuditAction.IMPORT, changes);
            return new ImportResult(tally.created, tally.updated, tally.unchanged, clashes, List.copyOf(tally.lines));
        });
    }

    private static final class ImportTally {
        int created;
        int updated;
        int unchanged;
        final List<Integer> touched = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        final Map<String, Integer> keptByEvent = new LinkedHashMap<>();
    }

    /** The same checks as the window's, each message naming the event. */
    private void checkImported(DSLContext dsl, ImportedEvent e) {
        try {
            validate(dsl, e.input());
            for (ImportedOccurrence o : e.occurrences()) {
                validate(dsl, withoutRule(o.input()));
            }
        } catch (InputException refused) {
            throw new InputException(refused.issues().stream()
                    .map(i -> Issue.blocking(i.field(), "Événement " + e.label() + " : " + i.message())).toList());
        }
    }

    private void importSingle(DSLContext dsl, ImportedEvent e, ImportTally tally) {
        Integer seriesId = dsl.select(APPOINTMENT_SERIES.ID).from(APPOINTMENT_SERIES).where(APPOINTMENT_SERIES.UID.eq(e.uid()))
                .fetchOptional(APPOINTMENT_SERIES.ID).orElse(null);
        if (seriesId != null) {
            // the calendar made a single appointment of what was a series here
            detachSettled(dsl, APPOINTMENT.SERIES_ID.eq(seriesId));
            dsl.deleteFrom(APPOINTMENT).where(APPOINTMENT.SERIES_ID.eq(seriesId)).execute();
            dsl.deleteFrom(APPOINTMENT_SERIES).where(APPOINTMENT_SERIES.ID.eq(seriesId)).execute();
        }
        Optional<Appointment> existing = load(dsl, APPOINTMENT.UID.eq(e.uid()).and(APPOINTMENT.SERIES_ID.isNull())).stream().findFirst();
        if (existing.isPresent()) {
            reconcile(dsl, existing.get(), e.input(), e.status(), e.label(), tally);
            flushKept(e.label(), tally);
        } else {
            tally.touched.add(insertRow(dsl, withoutRule(e.input()), e.uid(), null, null, e.status(), null));
            tally.created++;
        }
    }

    private void importSeries(DSLContext dsl, ImportedEvent e, ImportTally tally) {
        for (Appointment single : load(dsl, APPOINTMENT.UID.eq(e.uid()).and(APPOINTMENT.SERIES_ID.isNull()))) {
            // the calendar made a series of what was a single appointment here
            if (single.status().settled()) {
                detach(dsl, single.id());
            } else {
                dsl.deleteFrom(APPOINTMENT).where(APPOINTMENT.ID.eq(single.id())).execute();
            }
        }
        Recurrence rule = e.input().recurrence();
        LocalDateTime first = Recurrence.wallClock(e.input().start());
        var series = dsl.selectFrom(APPOINTMENT_SERIES).where(APPOINTMENT_SERIES.UID.eq(e.uid())).fetchOne();
        int seriesId;
        if (series == null) {
            seriesId = insertSeries(dsl, e.uid(), first, rule);
        } else {
            seriesId = series.getId();
            boolean same = series.getFirstStart().equals(slot(first)) && series.getFrequency().equals(rule.frequency().name())
                    && series.getInterval() == rule.interval()
                    && java.util.Objects.equals(series.getUntilDate(), rule.until() == null ? null : rule.until().toString())
                    && java.util.Objects.equals(series.getOccurrences(), rule.count());
            if (!same) {
                dsl.update(APPOINTMENT_SERIES).set(APPOINTMENT_SERIES.FIRST_START, slot(first))
                        .set(APPOINTMENT_SERIES.FREQUENCY, rule.frequency().name()).set(APPOINTMENT_SERIES.INTERVAL, rule.interval())
                        .set(APPOINTMENT_SERIES.UNTIL_DATE, rule.until() == null ? null : rule.until().toString())
                        .set(APPOINTMENT_SERIES.OCCURRENCES, rule.count()).set(APPOINTMENT_SERIES.UPDATED_AT, Timestamps.now(clock))
                        .where(APPOINTMENT_SERIES.ID.eq(seriesId)).execute();
            }
        }
        Map<String, Appointment> bySlot = new LinkedHashMap<>();
        load(dsl, APPOINTMENT.SERIES_ID.eq(seriesId)).forEach(a -> bySlot.put(slot(a.recurrenceId()), a));
        List<ImportedOccurrence> added = new ArrayList<>();
        for (ImportedOccurrence o : e.occurrences()) {
            Appointment old = bySlot.remove(slot(o.slot()));
            if (old == null) {
                added.add(o);
            } else {
                reconcile(dsl, old, o.input(), o.status(), e.label(), tally);
            }
        }
        // Occurrences whose slot the file no longer has: history becomes single appointments; the planned
        // ones take the new slots in order (keeping their links to the plan), the surplus goes.
        List<Appointment> reusable = new ArrayList<>();
        for (Appointment old : bySlot.values().stream().sorted(Comparator.comparing(Appointment::recurrenceId)).toList()) {
            if (old.status().settled()) {
                detach(dsl, old.id());
            } else {
                reusable.add(old);
                dsl.update(APPOINTMENT).set(APPOINTMENT.RECURRENCE_ID, "~" + old.id()).where(APPOINTMENT.ID.eq(old.id())).execute();
            }
        }
        for (int i = 0; i < Math.max(added.size(), reusable.size()); i++) {
            if (i >= added.size()) {
                dsl.deleteFrom(APPOINTMENT).where(APPOINTMENT.ID.eq(reusable.get(i).id())).execute();
            } else if (i >= reusable.size()) {
                ImportedOccurrence o = added.get(i);
                tally.touched.add(insertRow(dsl, withoutRule(o.input()), e.uid(), seriesId, o.slot(), o.status(), null));
                tally.created++;
            } else {
                Appointment old = reusable.get(i);
                ImportedOccurrence o = added.get(i);
                dsl.update(APPOINTMENT).set(APPOINTMENT.RECURRENCE_ID, slot(o.slot())).where(APPOINTMENT.ID.eq(old.id())).execute();
                writeImported(dsl, old, o.input(), o.status());
                tally.touched.add(old.id());
                tally.updated++;
            }
        }
        flushKept(e.label(), tally);
    }

    /** Brings one stored appointment to the file's version, unless it is the same or is history already. */
    private void reconcile(DSLContext dsl, Appointment old, AppointmentInput input, AppointmentStatus status, String label,
            ImportTally tally) {
        AppointmentInput wanted = keepingPlanLink(old, withoutRule(input));
        if (sameAsStored(old, wanted, status)) {
            tally.unchanged++;
        } else if (old.status().settled()) {
            tally.unchanged++;
            tally.keptByEvent.merge(label, 1, Integer::sum);
        } else {
            writeImported(dsl, old, wanted, status);
            tally.touched.add(old.id());
            tally.updated++;
        }
    }

    private void writeImported(DSLContext dsl, Appointment old, AppointmentInput input, AppointmentStatus status) {
        writeContent(dsl, old.id(), keepingPlanLink(old, withoutRule(input)), old.conflictReason(), true);
        if (old.status() != status) {
            dsl.update(APPOINTMENT).set(APPOINTMENT.STATUS, status.name()).where(APPOINTMENT.ID.eq(old.id())).execute();
        }
    }

    private static void flushKept(String label, ImportTally tally) {
        Integer n = tally.keptByEvent.remove(label);
        if (n != null) {
            String which = n == 1 ? "1 rendez-vous déjà réalisé ou non honoré est gardé tel quel"
                    : n + " rendez-vous déjà réalisés ou non honorés sont gardés tels quels";
            tally.lines.add(label + " : " + which + " ; le fichier n'en change pas l'historique.");
        }
    }

    /** The plan action an appointment was linked to stays linked while the patient stays the same. */
    private static AppointmentInput keepingPlanLink(Appointment old, AppointmentInput in) {
        return java.util.Objects.equals(old.data().patientId(), in.patientId())
                ? in.withAction(old.data().planId(), old.data().actionUid()) : in.withAction(null, null);
    }

    private static boolean sameAsStored(Appointment old, AppointmentInput in, AppointmentStatus status) {
        AppointmentInput o = old.data();
        return old.status() == status && slot(o.start()).equals(slot(in.start())) && slot(o.end()).equals(slot(in.end()))
                && o.kind() == in.kind() && o.place() == in.place() && java.util.Objects.equals(o.patientId(), in.patientId())
                && Set.copyOf(o.professionalIds()).equals(Set.copyOf(in.professionalIds()))
                && java.util.Objects.equals(o.placeDetail(), text(in.placeDetail())) && java.util.Objects.equals(o.title(), text(in.title()))
                && java.util.Objects.equals(o.notesBefore(), text(in.notesBefore()))
                && java.util.Objects.equals(o.notesAfter(), text(in.notesAfter()));
    }

    /** How many of the written appointments overlap another one of the same professional or patient. */
    private static int countClashes(DSLContext dsl, List<Integer> ids) {
        int clashes = 0;
        ClashCheck check = new ClashCheck(dsl);
        for (Appointment a : loadAll(dsl, ids)) {
            if (a.status().occupies() && check.of(a, Set.of(a.id())).stream().anyMatch(c -> c.kind() == Conflict.Kind.PROFESSIONNEL_OCCUPE
                    || c.kind() == Conflict.Kind.PATIENT_OCCUPE)) {
                clashes++;
            }
        }
        return clashes;
    }
}
