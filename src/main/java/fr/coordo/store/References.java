package fr.coordo.store;

import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/** Yearly references such as « PPS-2026-0007 », « PP-2026-001 », « EP-2026-0001 »: the next number of the prefix. */
public final class References {
    private References() {}

    /** {@code prefix} followed by the next number after the highest one stored, at least {@code width} digits. */
    public static String next(DSLContext dsl, TableField<?, String> field, String prefix, int width) {
        // Numbers compare as numbers: after 9999 comes 10000, which sorts lower as text.
        Integer last = dsl.select(DSL.max(DSL.field("CAST(substr({0}, {1}) AS INTEGER)", Integer.class, field,
                DSL.inline(prefix.length() + 1)))).from(field.getTable()).where(field.startsWith(prefix)).fetchOne().value1();
        int next = last == null ? 1 : last + 1;
        return prefix + String.format("%0" + width + "d", next);
    }
}
