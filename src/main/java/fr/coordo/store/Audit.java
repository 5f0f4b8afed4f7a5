package fr.coordo.store;

import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.tools.json.JSONValue;

/**
 * Appends audit entries inside the write transaction that makes the change, so that an entry exists
 * exactly when its change does.
 */
public final class Audit {
    private final DSLContext dsl;
    private final Clock clock;
    private final String actor;
    private int recorded;

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

    /** Records a change; values of sensitive fields (NIR, IBAN…) are masked before they are stored. */
    public void record(String entity, Object entityId, AuditAction action, Map<String, Change> changes) {
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
        dsl.insertInto(AUDIT_ENTRY)
                .set(AUDIT_ENTRY.AT, Timestamps.now(clock))
                .set(AUDIT_ENTRY.ACTOR, actor)
                .set(AUDIT_ENTRY.ENTITY, entity)
                .set(AUDIT_ENTRY.ENTITY_ID, entityId == null ? null : entityId.toString())
                .set(AUDIT_ENTRY.ACTION, action.name())
                .set(AUDIT_ENTRY.CHANGES, json)
                .execute();
        recorded++;
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
