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
import fr.coordo.store.Audit;
import fr.coordo.store.Database;
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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    public Optional<Appointment> find(int id) {
        return db.read(dsl -> load(dsl, APPOINTMENT.ID.eq(id)).stream().findFirst());
    }

    /** Appointments starting from {@code from} (included) to {@code to} (excluded), in time order. */
    public List<Appointment> between(LocalDate from, LocalDate to, Filter filter) {
        Condition c = APPOINTMENT.STARTS_AT.ge(slot(from.atStartOfDay())).and(APPOINTMENT.STARTS_AT.lt(slot(to.atStartOfDay())));
        if (filter.patientId() != null) {
            c = c.and(APPOINTMENT.PATIENT_ID.eq(filter.patientId()));
        }
        Condition where = c;
        return db.read(dsl -> load(dsl, where, filter.professionalId()));
    }

    /** The patient's whole timeline, oldest first. */
    public List<Appointment> ofPatient(int patientId) {
        return db.read(dsl -> load(dsl, APPOINTMENT.PATIENT_ID.eq(patientId)));
    }

    /** Every occurrence of a series, in slot order. */
    public List<Appointment> ofSeries(int seriesId) {
        return db.read(dsl -> load(dsl, APPOINTMENT.SERIES_ID.eq(seriesId)).stream()
                .sorted(Comparator.comparing(Appointment::recurrenceId)).toList());
    }

    public Optional<Appointment> byUid(String uid, LocalDateTime recurrenceId) {
        Condition c = APPOINTMENT.UID.eq(uid).and(recurrenceId == null ? APPOINTMENT.RECURRENCE_ID.isNull()
                : APPOINTMENT.RECURRENCE_ID.eq(slot(recurrenceId)));
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
    public Appointment create(AppointmentInput input, String reason, String uid) {
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
        return db.read(dsl -> {
            List<Conflict> found = new ArrayList<>();
            Set<Integer> ignore = ignoring == null ? Set.of() : Set.of(ignoring);
            List<LocalDateTime> starts = input.recurrence() == null ? List.of(input.start())
                    : input.recurrence().expand(Recurrence.wallClock(input.start()));
            for (LocalDateTime s : starts) {
                found.addAll(conflictsOf(dsl, s, s.plus(input.length()), input.patientId(), input.professionalIds(), ignore));
            }
            return distinct(found);
        });
    }

    /**
     * Saves the edit of appointment {@code id}: that one only, that one and the following ones of its
     * series, or the whole series. Occurrences already réalisées or non honorées are history and keep
     * their date and content; an occurrence moved alone keeps its own time.
     */
    public void update(int id, AppointmentInput input, Scope scope, String reason) {
        db.write((dsl, audit) -> {
            Appointment before = load(dsl, APPOINTMENT.ID.eq(id)).stream().findFirst()
                    .orElseThrow(() -> refused("appointment", "Ce rendez-vous n'existe plus."));
            Scope effective = before.isOccurrence() ? scope : Scope.THIS;
            if (effective != Scope.THIS && input.recurrence() == null) {
                throw refused("recurrence", "Répétition : une modification de la série garde une règle de répétition.");
            }
            validate(dsl, effective == Scope.THIS ? withoutRule(input) : input);
            List<Integer> touched = effective == Scope.THIS ? updateOne(dsl, before, input, reason)
                    : updateSeries(dsl, before, input, effective, reason);
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
                if (effective == Scope.FOLLOWING && a.recurrenceId().isAfter(a.series().firstStart())) {
                    endSeriesBefore(dsl, a.series(), a.recurrenceId());
                } else {
                    dsl.deleteFrom(APPOINTMENT_SERIES).where(APPOINTMENT_SERIES.ID.eq(a.series().id())).execute();
                }
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
            if (status != AppointmentStatus.REALISE || a.status() == AppointmentStatus.REALISE || a.data().planId() == null) {
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
     * Applies a series edit. The edited occurrence's new time gives the shift of every slot; the
     * occurrences in scope are paired in order with the slots of the (possibly new) rule: surplus
     * occurrences go, missing ones are added, and occurrences moved alone keep their own time.
     */
    private List<Integer> updateSeries(DSLContext dsl, Appointment edited, AppointmentInput input, Scope scope, String reason) {
        Appointment.Series series = edited.series();
        Duration shift = Duration.between(edited.recurrenceId(), input.start());
        boolean split = scope == Scope.FOLLOWING && edited.recurrenceId().isAfter(series.firstStart());
        int seriesId = series.id();
        String uid = series.uid();
        LocalDateTime first;
        Condition inScope = inScope(edited, scope);
        if (split) {
            first = Recurrence.wallClock(input.start());
            endSeriesBefore(dsl, series, edited.recurrenceId());
            uid = newUid();
            seriesId = insertSeries(dsl, uid, first, input.recurrence());
        } else {
            first = Recurrence.wallClock(series.firstStart().plus(shift));
            dsl.update(APPOINTMENT_SERIES).set(APPOINTMENT_SERIES.FIRST_START, slot(first))
                    .set(APPOINTMENT_SERIES.FREQUENCY, input.recurrence().frequency().name())
                    .set(APPOINTMENT_SERIES.INTERVAL, input.recurrence().interval())
                    .set(APPOINTMENT_SERIES.UNTIL_DATE, input.recurrence().until() == null ? null : input.recurrence().until().toString())
                    .set(APPOINTMENT_SERIES.OCCURRENCES, input.recurrence().count())
                    .set(APPOINTMENT_SERIES.UPDATED_AT, Timestamps.now(clock))
                    .where(APPOINTMENT_SERIES.ID.eq(seriesId)).execute();
        }
        List<Appointment> rows = load(dsl, inScope).stream().sorted(Comparator.comparing(Appointment::recurrenceId)).toList();
        List<LocalDateTime> slots = input.recurrence().expand(first);
        // park the slots so that re-pairing never meets the unique (series, slot) index half-way
        for (Appointment r : rows) {
            dsl.update(APPOINTMENT).set(APPOINTMENT.RECURRENCE_ID, "~" + r.id()).set(APPOINTMENT.SERIES_ID, seriesId)
                    .set(APPOINTMENT.UID, uid).where(APPOINTMENT.ID.eq(r.id())).execute();
        }
        List<Integer> touched = new ArrayList<>();
        Duration length = input.length();
        for (int i = 0; i < Math.max(rows.size(), slots.size()); i++) {
            if (i >= slots.size()) {
                Appointment r = rows.get(i);
                if (r.status().settled()) {
                    detach(dsl, r.id());
                } else {
                    dsl.deleteFrom(APPOINTMENT).where(APPOINTMENT.ID.eq(r.id())).execute();
                }
            } else if (i >= rows.size()) {
                touched.add(insertRow(dsl, input.at(slots.get(i)), uid, seriesId, slots.get(i), AppointmentStatus.PREVU, reason));
            } else {
                Appointment r = rows.get(i);
                LocalDateTime slot = slots.get(i);
                dsl.update(APPOINTMENT).set(APPOINTMENT.RECURRENCE_ID, slot(slot)).where(APPOINTMENT.ID.eq(r.id())).execute();
                if (!r.status().settled()) {
                    LocalDateTime start = r.moved() ? r.start() : slot;
                    writeContent(dsl, r.id(), input.withTimes(start, start.plus(length)), reason, true);
                    touched.add(r.id());
                }
            }
        }
        return touched;
    }

    private void endSeriesBefore(DSLContext dsl, Appointment.Series series, LocalDateTime slot) {
        dsl.update(APPOINTMENT_SERIES).set(APPOINTMENT_SERIES.UNTIL_DATE, slot.toLocalDate().minusDays(1).toString())
                .set(APPOINTMENT_SERIES.OCCURRENCES, (Integer) null).set(APPOINTMENT_SERIES.UPDATED_AT, Timestamps.now(clock))
                .where(APPOINTMENT_SERIES.ID.eq(series.id())).execute();
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
        if (rule != null && in.start() != null) {
            if (rule.frequency() == null || rule.interval() < 1 || rule.interval() > 52) {
                issues.add(Issue.blocking("recurrence", "Répétition : un intervalle de 1 à 52 semaines ou mois."));
            } else if ((rule.until() == null) == (rule.count() == null)) {
                issues.add(Issue.blocking("recurrence", "Répétition : indiquez soit une date de fin, soit un nombre de rendez-vous."));
            } else if (rule.until() != null && rule.until().isBefore(in.start().toLocalDate())) {
                issues.add(Issue.blocking("recurrence", "Répétition : la date de fin vient avant le premier rendez-vous."));
            } else if (rule.count() != null && (rule.count() < 1 || rule.count() > Recurrence.MAX_OCCURRENCES)) {
                issues.add(Issue.blocking("recurrence", "Répétition : de 1 à " + Recurrence.MAX_OCCURRENCES + " rendez-vous."));
            } else if (rule.expand(in.start()).size() > Recurrence.MAX_OCCURRENCES) {
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

    private void requireNoConflicts(DSLContext dsl, List<Integer> ids, String reason) {
        if (reason != null && !reason.isBlank()) {
            return;
        }
        List<Appointment> rows = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 900) {
            rows.addAll(load(dsl, APPOINTMENT.ID.in(ids.subList(from, Math.min(ids.size(), from + 900)))));
        }
        Set<Integer> own = Set.copyOf(ids);
        List<Conflict> found = new ArrayList<>();
        for (Appointment a : rows) {
            if (a.status().occupies()) {
                found.addAll(conflictsOf(dsl, a.start(), a.end(), a.data().patientId(), a.data().professionalIds(), own));
            }
        }
        if (!found.isEmpty()) {
            throw new ConflictsException(distinct(found));
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

    /** The clashes of one appointment slot with the rest of the agenda, the team and the opening hours. */
    private static List<Conflict> conflictsOf(DSLContext dsl, LocalDateTime start, LocalDateTime end, Integer patientId,
            List<Integer> professionalIds, Set<Integer> ignore) {
        List<Conflict> found = new ArrayList<>();
        Condition overlaps = APPOINTMENT.STARTS_AT.gt(slot(start.minus(LONGEST))).and(APPOINTMENT.STARTS_AT.lt(slot(end)))
                .and(APPOINTMENT.ENDS_AT.gt(slot(start)))
                .and(APPOINTMENT.STATUS.in(AppointmentStatus.PREVU.name(), AppointmentStatus.REALISE.name()))
                .and(ignore.isEmpty() ? DSL.trueCondition() : APPOINTMENT.ID.notIn(ignore));
        String when = "le " + start.format(DAY) + " de " + start.format(TIME) + " à " + end.format(TIME);
        for (int pro : new LinkedHashSet<>(professionalIds)) {
            var who = dsl.select(PROFESSIONAL.LAST_NAME, PROFESSIONAL.FIRST_NAME).from(PROFESSIONAL).where(PROFESSIONAL.ID.eq(pro)).fetchOne();
            if (who == null) {
                continue;
            }
            String name = who.value1() + " " + who.value2();
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
                found.add(new Conflict(Conflict.Kind.PATIENT_OCCUPE, "Le patient a déjà un rendez-vous " + span(other.value1(), other.value2())
                        + " (" + AppointmentKind.valueOf(other.value3()).label().toLowerCase() + ")."));
            }
        }
        LocalTime[] open = openingHours(dsl).get(start.getDayOfWeek());
        if (open == null) {
            found.add(new Conflict(Conflict.Kind.HORS_HORAIRES, "La maison de santé est fermée le " + dayName(start.toLocalDate())
                    + " " + start.format(DAY) + "."));
        } else if (start.toLocalTime().isBefore(open[0]) || end.toLocalTime().isAfter(open[1]) || !end.toLocalDate().equals(start.toLocalDate())) {
            found.add(new Conflict(Conflict.Kind.HORS_HORAIRES, "Le rendez-vous " + when + " déborde des heures d'ouverture ("
                    + open[0].format(TIME) + "–" + open[1].format(TIME) + ")."));
        }
        return found;
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
}
