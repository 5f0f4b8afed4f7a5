package fr.coordo.store;

import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record10;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain of the audit trail: each entry carries the SHA-256 of its own fields and of the hash of the
 * entry before it, so that an entry edited, deleted or slipped in afterwards breaks the chain where it was.
 * The hash has no secret: it shows a change made to the file behind Coordo's back, not one made by someone
 * who recomputes every hash after it.
 */
public final class AuditChain {
    private static final Logger LOG = LoggerFactory.getLogger(AuditChain.class);
    /** Names the encoding inside the hashed text, so that another one could never be mistaken for it. */
    private static final String FORMAT = "coordo-audit-1";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm");
    private static final int SEAL_BATCH = 1_000;

    private AuditChain() {}

    /** What the verification found: the chain whole, or the first problem, worded for the user. */
    public record Verification(boolean intact, int checked, Integer entryId, String message) {}

    /** The fields of one entry as they are hashed. */
    record Entry(long id, String at, String actor, String entity, String entityId, String action, String changes,
                 Integer patientId, String prevHash) {}

    /**
     * The hash of an entry: SHA-256 (hex) of a JSON array of its fields, in a fixed order, strings quoted and
     * escaped and absent values written {@code null}: no field's content can move the boundary between two fields.
     */
    static String hash(Entry e) {
        StringBuilder s = new StringBuilder(256);
        s.append('[');
        string(s, FORMAT).append(',').append(e.id()).append(',');
        string(s, e.at()).append(',');
        string(s, e.actor()).append(',');
        string(s, e.entity()).append(',');
        string(s, e.entityId()).append(',');
        string(s, e.action()).append(',');
        string(s, e.changes()).append(',');
        s.append(e.patientId() == null ? "null" : e.patientId().toString()).append(',');
        string(s, e.prevHash()).append(']');
        return HexFormat.of().formatHex(sha256().digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static StringBuilder string(StringBuilder s, String value) {
        if (value == null) {
            return s.append("null");
        }
        s.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    // ---------------------------------------------------------------- sealing

    /**
     * Set in the file's header (PRAGMA user_version) once the chain has been started: the legacy entries sealed, or
     * none to seal. From then on nothing is ever sealed again, so that hashes set to NULL behind Coordo's back are
     * reported as unsealed entries instead of being sealed afresh, edits included, at the next opening.
     */
    static final int SEALED = 1;

    /**
     * Gives the entries written before the chain existed their hashes, in id order, once per database: only when
     * no entry has a hash yet and the chain was never started. Runs in its own transaction on {@code c} (auto-commit
     * on entry and on return), which also marks the chain started; does nothing on a schema older than the chain.
     * Returns how many entries were sealed.
     */
    public static int sealLegacy(Connection c) throws SQLException {
        if (!hasChainColumns(c) || userVersion(c) == SEALED) {
            return 0;
        }
        c.setAutoCommit(false);
        try {
            int sealed = 0;
            boolean chained;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM audit_entry WHERE hash IS NOT NULL)")) {
                chained = rs.next() && rs.getInt(1) == 1;
            }
            // A trail that already has hashed entries was chained before this mark existed: nothing to seal.
            long end = chained ? Long.MIN_VALUE : Long.MAX_VALUE;
            long after = Long.MIN_VALUE;
            String prev = null;
            // Read a batch, then update it: the rows are never changed under an open cursor.
            try (PreparedStatement read = c.prepareStatement("SELECT id, at, actor, entity, entity_id, action, changes, patient_id "
                    + "FROM audit_entry WHERE id > ? AND id < ? AND hash IS NULL ORDER BY id LIMIT " + SEAL_BATCH);
                    PreparedStatement seal = c.prepareStatement("UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?")) {
                while (true) {
                    read.setLong(1, after);
                    read.setLong(2, end);
                    List<Entry> batch = new ArrayList<>(SEAL_BATCH);
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            int p = rs.getInt(8);
                            Integer patient = rs.wasNull() ? null : p;
                            batch.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getString(6), rs.getString(7), patient, null));
                        }
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (Entry e : batch) {
                        String h = hash(new Entry(e.id(), e.at(), e.actor(), e.entity(), e.entityId(), e.action(), e.changes(), e.patientId(), prev));
                        seal.setString(1, prev);
                        seal.setString(2, h);
                        seal.setLong(3, e.id());
                        seal.addBatch();
                        prev = h;
                        after = e.id();
                    }
                    seal.executeBatch();
                    sealed += batch.size();
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA user_version = " + SEALED);
            }
            c.commit();
            if (sealed > 0) {
                LOG.info("Audit trail: {} entries written before the chain were sealed", sealed);
            }
            return sealed;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean hasChainColumns(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(audit_entry)")) {
            while (rs.next()) {
                if ("hash".equalsIgnoreCase(rs.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- verifying

    /**
     * Reads the whole trail in id order, one entry at a time, and stops at the first entry missing,
     * edited, unsealed or no longer linked to the one before it.
     */
    public static Verification verify(DSLContext dsl) {
        int checked = 0;
        long expected = 1;
        String prevHash = null;
        Record10<Long, String, String, String, String, String, String, Integer, String, String> before = null;
        try (Cursor<Record10<Long, String, String, String, String, String, String, Integer, String, String>> cursor = dsl
                .select(AUDIT_ENTRY.ID.cast(Long.class), AUDIT_ENTRY.AT, AUDIT_ENTRY.ACTOR, AUDIT_ENTRY.ENTITY, AUDIT_ENTRY.ENTITY_ID,
                        AUDIT_ENTRY.ACTION, AUDIT_ENTRY.CHANGES, AUDIT_ENTRY.PATIENT_ID, AUDIT_ENTRY.PREV_HASH, AUDIT_ENTRY.HASH)
                .from(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID).fetchLazy()) {
            for (var r : cursor) {
                long id = r.value1();
                String who = describe(id, r.value2(), r.value3());
                if (id != expected) {
                    String message = before == null
                            ? "Journal altéré : le début du journal a été supprimé, la première entrée conservée est " + who + "."
                            : "Journal altéré : " + (id - expected == 1 ? "une entrée a été supprimée" : count(id - expected) + " entrées ont été supprimées")
                                    + " du journal entre " + describe(before.value1(), before.value2(), before.value3())
                                    + " et " + who + ".";
                    return problem(checked, id, message);
                }
                String hash = r.value10();
                if (hash == null) {
                    return problem(checked, id, "Journal altéré : " + who + " n'est pas scellée : elle a été ajoutée "
                            + "hors de Coordo.");
                }
                Entry e = new Entry(id, r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(), r.value9());
                if (!hash.equals(hash(e))) {
                    return problem(checked, id, "Journal altéré : " + who + " a été modifiée après son enregistrement.");
                }
                if (!Objects.equals(r.value9(), prevHash)) {
                    return problem(checked, id, "Journal altéré : le chaînage est rompu juste avant " + who
                            + " (l'entrée qui la précède a été remplacée ou des entrées ont été supprimées).");
                }
                prevHash = hash;
                before = r;
                expected = id + 1;
                checked++;
            }
        }
        String message = checked == 0 ? "Journal vide : aucune entrée à vérifier."
                : "Journal intègre : " + count(checked) + (checked == 1 ? " entrée vérifiée." : " entrées vérifiées.");
        return new Verification(true, checked, null, message);
    }

    private static Verification problem(int checked, long id, String message) {
        LOG.warn("Audit trail verification failed at entry {}", id);
        return new Verification(false, checked, (int) id, message);
    }

    /** « l'entrée n° 42 du 24/11/2026 à 10:30 (Camille Martin) ». */
    private static String describe(long id, String at, String actor) {
        return "l'entrée n° " + id + " du " + shown(at) + " (" + actor + ")";
    }

    static String shown(String at) {
        try {
            return OffsetDateTime.parse(at).atZoneSameInstant(Database.ZONE).format(SHOWN);
        } catch (DateTimeParseException | NullPointerException e) {
            return String.valueOf(at);
        }
    }

    /** « 1 234 » with a non-breaking space, as French writes thousands. */
    public static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n).replace(',', '\u00A0');
    }
}
