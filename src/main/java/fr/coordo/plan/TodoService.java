package fr.coordo.plan;

import static fr.coordo.store.schema.Tables.PATIENT;

import fr.coordo.patient.Patient;
import fr.coordo.patient.Visibility;
import fr.coordo.store.Access;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Builds the to-do list from the open plans, in plain SQL so that it stays fast on a large base. */
public final class TodoService {
    /** Re-evaluations due within this many days are listed. */
    public static final int REVIEW_WINDOW_DAYS = 30;

    private static final String PATIENT_NAME = "pt.birth_name, pt.usage_name, pt.first_names, pt.sex";

    /**
     * The patient is read last (CROSS JOIN fixes SQLite's loop order): most past-due actions turn out done, and
     * reading the patient of every plan in force first cost more than the rest of the query on a large base.
     */
    // Timestamps carry their offset (+01:00 in winter, +02:00 in summer): julianday() compares instants, text would not.
    private static final String LATE_ACTIONS = """
            SELECT pt.id AS patient_id, %s, p.id AS plan_id, p.reference, a.uid, a.label, a.part, a.due_on,
                   COALESCE(pr.first_name || ' ' || pr.last_name, a.actor_name, a.actor_kind) AS who
            FROM plan_version v
            JOIN care_plan p ON p.id = v.plan_id AND p.closed_on IS NULL
            JOIN plan_action a ON a.version_id = v.id
            CROSS JOIN patient pt ON pt.id = p.patient_id
            LEFT JOIN professional pr ON pr.id = a.professional_id
            WHERE v.status = 'VALIDE' AND a.due_on < ? AND pt.status = 'SUIVI'
              AND COALESCE((SELECT u.status FROM plan_action_update u
                            WHERE u.plan_id = p.id AND u.action_uid = a.uid AND julianday(u.created_at) >= julianday(v.created_at)
                            ORDER BY u.update_on DESC, u.id DESC LIMIT 1), a.status) IN ('PREVUE', 'EN_COURS')
            ORDER BY a.due_on, p.reference
            """.formatted(PATIENT_NAME);

    private static final String REVIEWS = """
            SELECT pt.id AS patient_id, %s, p.id AS plan_id, p.reference, v.version, v.reevaluation_on
            FROM plan_version v
            JOIN care_plan p ON p.id = v.plan_id AND p.closed_on IS NULL
            JOIN patient pt ON pt.id = p.patient_id
            WHERE v.status = 'VALIDE' AND v.reevaluation_on <= ? AND pt.status = 'SUIVI'
            ORDER BY v.reevaluation_on, p.reference
            """.formatted(PATIENT_NAME);

    private static final String DRAFTS = """
            SELECT pt.id AS patient_id, %s, p.id AS plan_id, p.reference, v.version, v.created_at
            FROM plan_version v
            JOIN care_plan p ON p.id = v.plan_id AND p.closed_on IS NULL
            JOIN patient pt ON pt.id = p.patient_id
            WHERE v.status = 'BROUILLON' AND pt.status = 'SUIVI'
            ORDER BY julianday(v.created_at), p.reference
            """.formatted(PATIENT_NAME);

    private static final String NO_CONSENT = """
            SELECT pt.id AS patient_id, %s, p.id AS plan_id, p.reference
            FROM care_plan p
            JOIN patient pt ON pt.id = p.patient_id
            WHERE p.closed_on IS NULL AND pt.consent_plan_on IS NULL AND pt.status = 'SUIVI'
            ORDER BY pt.search_key, p.reference
            """.formatted(PATIENT_NAME);

    private final Database db;
    private final Clock clock;

    public TodoService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public TodoService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    /** The to-do list of the patients one may read: a professionnel sees the patients they follow only. */
    public Todo today() {
        LocalDate today = LocalDate.now(clock.withZone(Database.ZONE));
        Access who = db.access();
        return db.read(dsl -> {
            Todo all = build(dsl, today);
            if (who.can(Permission.ALL_PATIENTS)) {
                return all;
            }
            // few patients for one professional: the lists are filtered here rather than in each query
            Set<Integer> mine = new HashSet<>(dsl.select(PATIENT.ID).from(PATIENT).where(Visibility.patients(who, PATIENT.ID)).fetch(PATIENT.ID));
            return new Todo(all.lateActions().stream().filter(t -> mine.contains(t.patientId())).toList(),
                    all.reviews().stream().filter(t -> mine.contains(t.patientId())).toList(),
                    all.drafts().stream().filter(t -> mine.contains(t.patientId())).toList(),
                    all.withoutConsent().stream().filter(t -> mine.contains(t.patientId())).toList());
        });
    }

    private static Todo build(DSLContext dsl, LocalDate today) {
        List<Todo.LateAction> late = dsl.resultQuery(LATE_ACTIONS, today.toString()).fetch(r -> {
            LocalDate due = LocalDate.parse(r.get("due_on", String.class));
            return new Todo.LateAction(r.get("patient_id", Integer.class), name(r), r.get("plan_id", Integer.class),
                    r.get("reference", String.class), r.get("uid", String.class), r.get("label", String.class), Action.Part.valueOf(r.get("part", String.class)),
                    due, ChronoUnit.DAYS.between(due, today), who(r.get("who", String.class)));
        });
        List<Todo.Review> reviews = dsl.resultQuery(REVIEWS, today.plusDays(REVIEW_WINDOW_DAYS).toString()).fetch(r -> {
            LocalDate due = LocalDate.parse(r.get("reevaluation_on", String.class));
            return new Todo.Review(r.get("patient_id", Integer.class), name(r), r.get("plan_id", Integer.class),
                    r.get("reference", String.class), r.get("version", Integer.class), due, ChronoUnit.DAYS.between(today, due));
        });
        List<Todo.Draft> drafts = dsl.resultQuery(DRAFTS).fetch(r -> {
            LocalDate started = OffsetDateTime.parse(r.get("created_at", String.class)).atZoneSameInstant(Database.ZONE).toLocalDate();
            return new Todo.Draft(r.get("patient_id", Integer.class), name(r), r.get("plan_id", Integer.class),
                    r.get("reference", String.class), r.get("version", Integer.class), started, ChronoUnit.DAYS.between(started, today));
        });
        List<Todo.NoConsent> noConsent = dsl.resultQuery(NO_CONSENT).fetch(r -> new Todo.NoConsent(r.get("patient_id", Integer.class),
                name(r), r.get("plan_id", Integer.class), r.get("reference", String.class)));
        return new Todo(late, reviews, drafts, noConsent);
    }

    private static String name(Record r) {
        return Patient.displayName(r.get("birth_name", String.class), r.get("usage_name", String.class),
                r.get("first_names", String.class), r.get("sex", String.class));
    }

    private static String who(String raw) {
        for (Action.Actor a : Action.Actor.values()) {
            if (a.name().equals(raw)) {
                return a.label();
            }
        }
        return raw;
    }
}
