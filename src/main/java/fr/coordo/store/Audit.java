package fr.coordo.store;

import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.tools.json.JSONValue;

/**
 * Appends audit entries inside the write transaction that makes the change, so that an entry exists
 * exactly when its change does. Each entry is chained to the one before it ({@link AuditChain}).
 */
public final class Audit {
    private final DSLContext dsl;
    private final Clock clock;
    private final String actor;
    private int recorded;
    private boolean chainLoaded;
    private boolean chained;
    private long lastId;
    private String lastHash;

    Audit(DSLContext dsl, Clock clock, String actor) {
        this.dsl = dsl;
        this.clock = clock;
        this.actor = actor;
    }

    /** A field's value before and after the change ({@code null} on the side where it did not exist). */
    public record Change(Object before, Object after) {
        public static Change created(Object value) {
            return new Change(null, value);
        }
    }

    /**
     * Records a change; values of sensitive fields (NIR, IBAN…) are masked before they are stored. The patient
     * it concerns is found from the entity (a patient, a plan, an appointment, an episode…).
     */
    public void record(String entity, Object entityId, AuditAction action, Map<String, Change> changes) {
        record(entity, entityId, null, action, changes);
    }

    /**
     * As {@link #record(String, Object, AuditAction, Map)}, for a change about {@code patientId}: the caller
     * knows the patient (needed when the entity no longer exists once recorded, as a deleted appointment).
     */
    public void record(String entity, Object entityId, Integer patientId, AuditAction action, Map<String, Change> changes) {
        String json = null;
        if (changes != null && !changes.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>();
            changes.forEach((field, change) -> {
                boolean masked = Masking.isSensitive(field);
                Object before = masked ? Masking.mask(change.before()) : jsonValue(change.before());
                Object after = masked ? Masking.mask(change.after()) : jsonValue(change.after());
                out.put(field, new ArrayList<>(Arrays.asList(before, after)));
            });
            json = JSONValue.toJSONString(out);
        }
        String at = Timestamps.now(clock);
        String id = entityId == null ? null : entityId.toString();
        if (!chainLoaded) {
            loadChain();
        }
        if (!chained) {
            // a schema older than the chain (tests stopping at an earlier version)
            dsl.insertInto(AUDIT_ENTRY).set(AUDIT_ENTRY.AT, at).set(AUDIT_ENTRY.ACTOR, actor).set(AUDIT_ENTRY.ENTITY, entity)
                    .set(AUDIT_ENTRY.ENTITY_ID, id).set(AUDIT_ENTRY.ACTION, action.name()).set(AUDIT_ENTRY.CHANGES, json)
                    .execute();
            recorded++;
            return;
        }
        Integer patient = patientId != null ? patientId : patientOf(entity, id);
        long next = lastId + 1;
        String hash = AuditChain.hash(new AuditChain.Entry(next, at, actor, entity, id, action.name(), json, patient, lastHash));
        dsl.insertInto(AUDIT_ENTRY)
                .set(AUDIT_ENTRY.ID, (int) next)
                .set(AUDIT_ENTRY.AT, at)
                .set(AUDIT_ENTRY.ACTOR, actor)
                .set(AUDIT_ENTRY.ENTITY, entity)
                .set(AUDIT_ENTRY.ENTITY_ID, id)
                .set(AUDIT_ENTRY.ACTION, action.name())
                .set(AUDIT_ENTRY.CHANGES, json)
                .set(AUDIT_ENTRY.PATIENT_ID, patient)
                .set(AUDIT_ENTRY.PREV_HASH, lastHash)
                .set(AUDIT_ENTRY.HASH, hash)
                .execute();
        lastId = next;
        lastHash = hash;
        recorded++;
    }

    /**
     * The last entry, read once per transaction: writes are serialised (one connection, transactions begun
     * IMMEDIATE), so no other entry can be appended before this transaction ends.
     */
    private void loadChain() {
        Result<org.jooq.Record> last = dsl.fetch("SELECT * FROM audit_entry ORDER BY id DESC LIMIT 1");
        chained = last.field("hash") != null;
        if (chained && last.isNotEmpty()) {
            lastId = last.get(0).get("id", Long.class);
            lastHash = last.get(0).get("hash", String.class);
        }
        chainLoaded = true;
    }

    private Integer patientOf(String entity, String entityId) {
        if (!SUBJECTS.contains(entity)) {
            return null;
        }
        return dsl.resultQuery("SELECT " + patientExpression("a") + " FROM (SELECT ? AS entity, ? AS entity_id) a",
                entity, entityId).fetchOne(0, Integer.class);
    }

    /** The entities whose patient {@link #patientExpression} finds. */
    private static final Set<String> SUBJECTS = Set.of("patient", "care_plan", "plan_version", "plan_step", "plan_action_update",
            "appointment", "pcr_episode", "pcr_episode_sequence", "payment_split");

    /**
     * SQL giving the patient an audit entry of table alias {@code a} is about, from its entity and entity id
     * (through the plan, the appointment, the episode…); NULL when it concerns no patient or
     * the entity no longer exists. Used when recording and by the viewer for entries recorded before the
     * trail kept the patient.
     */
    public static String patientExpression(String a) {
        String id = "CAST(" + a + ".entity_id AS INTEGER)";
        String viaPlan = "(SELECT cp.patient_id FROM %s x JOIN care_plan cp ON cp.id = x.plan_id WHERE x.id = " + id + ")";
        return "(CASE " + a + ".entity"
                + " WHEN 'patient' THEN " + id
                + " WHEN 'care_plan' THEN (SELECT patient_id FROM care_plan WHERE id = " + id + ")"
                + " WHEN 'plan_version' THEN " + viaPlan.formatted("plan_version")
                + " WHEN 'plan_step' THEN " + viaPlan.formatted("plan_step")
                + " WHEN 'plan_action_update' THEN " + viaPlan.formatted("plan_action_update")
                + " WHEN 'appointment' THEN (SELECT patient_id FROM appointment WHERE id = " + id + ")"
                + " WHEN 'pcr_episode' THEN (SELECT patient_id FROM pcr_episode WHERE id = " + id + ")"
                + " WHEN 'pcr_episode_sequence' THEN (SELECT e.patient_id FROM pcr_episode_sequence s "
                + "JOIN pcr_episode e ON e.id = s.episode_id WHERE s.id = " + id + ")"
                // the key of a split is « episode id:sequence code »: the cast keeps the leading number
                + " WHEN 'payment_split' THEN (SELECT patient_id FROM pcr_episode WHERE id = " + id + ")"
                + " END)";
    }

    /** Who is writing: recorded with each entry, and by features that keep who validated or signed. */
    public String actor() {
        return actor;
    }

    /** How many entries this transaction has recorded. */
    int recorded() {
        return recorded;
    }

    /** Records a newly created entity with its initial field values. */
    public void created(String entity, Object entityId, Map<String, ?> fields) {
        Map<String, Change> changes = new LinkedHashMap<>();
        fields.forEach((k, v) -> changes.put(k, Change.created(v)));
        record(entity, entityId, AuditAction.CREATE, changes);
    }

    private static Object jsonValue(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return v.toString();
    }
}
