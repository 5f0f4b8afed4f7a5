package fr.coordo.store;

import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.plan.PlanService;
import fr.coordo.store.AuditChain.Verification;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chained audit trail: written chained, legacy entries sealed once, and every kind of tampering named. */
class AuditChainTest {
    @TempDir
    Path dir;

    private final Database.Options options = new Database.Options(
            Clock.fixed(Instant.parse("2026-11-23T09:30:00Z"), Database.ZONE), () -> "Camille Martin", null);

    private Path file() {
        return dir.resolve("coordo.db");
    }

    /** Five entries by Camille Martin, ids 1 to 5. */
    private void fiveEntries() {
        try (Database db = Database.open(file(), options)) {
            for (int i = 1; i <= 5; i++) {
                int n = i;
                db.write((dsl, audit) -> {
                    audit.record("setting", "k" + n, AuditAction.UPDATE, Map.of("value", new Audit.Change(null, "v" + n)));
                    return null;
                });
            }
        }
    }

    private Verification verify() {
        try (Database db = Database.open(file(), options)) {
            return db.read(AuditChain::verify);
        }
    }

    /** Changes the file as someone with SQLite at hand would: the append-only triggers dropped first. */
    private void tamper(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER IF EXISTS audit_entry_no_update");
            st.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete");
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    @Test
    void eachEntryCarriesTheHashOfTheOneBefore() {
        fiveEntries();
        try (Database db = Database.open(file(), options)) {
            var rows = db.read(dsl -> dsl.selectFrom(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID).fetch());
            assertEquals(5, rows.size());
            assertNull(rows.get(0).getPrevHash(), "the first entry has nothing before it");
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i + 1, rows.get(i).getId());
                assertTrue(rows.get(i).getHash().matches("[0-9a-f]{64}"), rows.get(i).getHash());
                if (i > 0) {
                    assertEquals(rows.get(i - 1).getHash(), rows.get(i).getPrevHash());
                }
            }
            Verification v = db.read(AuditChain::verify);
            assertTrue(v.intact(), v.message());
            assertEquals(5, v.checked());
            assertEquals("Journal intègre : 5 entrées vérifiées.", v.message());
        }
    }

    @Test
    void severalEntriesOfOneTransactionAreChainedInOrder() {
        try (Database db = Database.open(file(), options)) {
            db.write((dsl, audit) -> {
                for (int i = 0; i < 3; i++) {
                    audit.record("setting", "k" + i, AuditAction.UPDATE, null);
                }
                return null;
            });
            assertEquals("Journal intègre : 3 entrées vérifiées.", db.read(AuditChain::verify).message());
        }
    }

    @Test
    void anEditedEntryIsNamedWithItsDateAndAuthor() throws Exception {
        fiveEntries();
        tamper("UPDATE audit_entry SET changes = '{\"value\":[null,\"autre\"]}' WHERE id = 3");
        Verification v = verify();
        assertFalse(v.intact());
        assertEquals(3, v.entryId());
        assertEquals(2, v.checked());
        assertEquals("Journal altéré : l'entrée n° 3 du 23/11/2026 à 10:30 (Camille Martin) a été modifiée après son enregistrement.",
                v.message());
    }

    @Test
    void anEditedAuthorIsSeenToo() throws Exception {
        fiveEntries();
        tamper("UPDATE audit_entry SET actor = 'Quelqu''un d''autre' WHERE id = 5");
        Verification v = verify();
        assertEquals(5, v.entryId());
        assertTrue(v.message().contains("(Quelqu'un d'autre) a été modifiée"), v.message());
    }

    @Test
    void aDeletedEntryIsNamedByTheTwoAroundIt() throws Exception {
        fiveEntries();
        tamper("DELETE FROM audit_entry WHERE id IN (2, 3)");
        Verification v = verify();
        assertFalse(v.intact());
        assertEquals(4, v.entryId());
        assertEquals("Journal altéré : 2 entrées ont été supprimées du journal entre l'entrée n° 1 du 23/11/2026 à 10:30 "
                + "(Camille Martin) et l'entrée n° 4 du 23/11/2026 à 10:30 (Camille Martin).", v.message());
    }

    @Test
    void deletingTheFirstEntryIsSeen() throws Exception {
        fiveEntries();
        tamper("DELETE FROM audit_entry WHERE id = 1");
        Verification v = verify();
        assertEquals(2, v.entryId());
        assertTrue(v.message().startsWith("Journal altéré : le début du journal a été supprimé"), v.message());
    }

    @Test
    void aDeletionHiddenByRenumberingBreaksTheLink() throws Exception {
        fiveEntries();
        tamper("DELETE FROM audit_entry WHERE id = 3", "UPDATE audit_entry SET id = id - 1 WHERE id > 3");
        Verification v = verify();
        assertFalse(v.intact());
        // entry 3 is now the old 4: its own fields moved, so its hash no longer matches
        assertEquals(3, v.entryId());
    }

    @Test
    void anEntryReplacedWithAFreshHashBreaksTheLinkOfTheNext() throws Exception {
        fiveEntries();
        String forged;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT at, prev_hash FROM audit_entry WHERE id = 2")) {
            rs.next();
            forged = AuditChain.hash(new AuditChain.Entry(2, rs.getString(1), "Camille Martin", "setting", "k2", "DELETE", null, null,
                    rs.getString(2)));
        }
        tamper("UPDATE audit_entry SET action = 'DELETE', changes = NULL, hash = '" + forged + "' WHERE id = 2");
        Verification v = verify();
        assertEquals(3, v.entryId());
        assertTrue(v.message().startsWith("Journal altéré : le chaînage est rompu juste avant l'entrée n° 3 du 23/11/2026"), v.message());
    }

    @Test
    void anEntrySlippedInWithoutAHashIsNotSealedAndIsNamed() throws Exception {
        fiveEntries();
        tamper("INSERT INTO audit_entry (id, at, actor, entity, action) VALUES (6, '2026-11-23T10:31:00.000+01:00', 'Intrus', 'patient', 'DELETE')");
        // opening does not seal it: only the entries written before the chain existed are sealed
        Verification v = verify();
        assertFalse(v.intact());
        assertEquals(6, v.entryId());
        assertEquals("Journal altéré : l'entrée n° 6 du 23/11/2026 à 10:31 (Intrus) n'est pas scellée : elle a été ajoutée hors de Coordo.",
                v.message());
    }

    @Test
    void entriesWrittenBeforeTheChainAreSealedOnceInOrderAndTheChainGoesOn() throws Exception {
        try (Database old = Database.open(file(), options.withTarget("10"))) {
            old.write((dsl, audit) -> {
                for (int i = 0; i < 2_500; i++) { // more than one sealing batch
                    audit.record("setting", "k" + i, AuditAction.UPDATE, i % 2 == 0 ? null : Map.of("value", new Audit.Change(null, "v" + i)));
                }
                return null;
            });
        }
        List<String> sealed = new ArrayList<>();
        try (Database db = Database.open(file(), options)) {
            sealed.addAll(db.read(dsl -> dsl.select(AUDIT_ENTRY.HASH).from(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID).fetch(AUDIT_ENTRY.HASH)));
            assertFalse(sealed.contains(null), "every legacy entry is sealed at opening");
            db.write((dsl, audit) -> {
                audit.record("setting", "apres", AuditAction.UPDATE, null);
                return null;
            });
            assertEquals("Journal intègre : 2\u00A0501 entrées vérifiées.", db.read(AuditChain::verify).message());
        }
        try (Database again = Database.open(file(), options)) {
            List<String> now = again.read(dsl -> dsl.select(AUDIT_ENTRY.HASH).from(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID).limit(2_500)
                    .fetch(AUDIT_ENTRY.HASH));
            assertEquals(sealed, now, "reopening seals nothing again");
        }
        // a sealed entry cannot be sealed again, even with the database's own connection
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.execute("UPDATE audit_entry SET prev_hash = NULL, hash = 'aa' WHERE id = 1"));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            assertEquals(0, AuditChain.sealLegacy(c));
        }
    }

    @Test
    void hashesSetToNullAreNotSealedAgainAtTheNextOpening() throws Exception {
        fiveEntries();
        tamper("UPDATE audit_entry SET actor = 'Quelqu''un d''autre' WHERE id = 3", "UPDATE audit_entry SET prev_hash = NULL, hash = NULL");
        Verification v = verify();
        assertFalse(v.intact(), "the edited trail is not sealed afresh: " + v.message());
        assertEquals(1, v.entryId());
        assertEquals("Journal altéré : l'entrée n° 1 du 23/11/2026 à 10:30 (Camille Martin) n'est pas scellée : elle a été ajoutée "
                + "hors de Coordo.", v.message());
        assertFalse(verify().intact(), "nor at any later opening");
    }

    @Test
    void aTrailChainedBeforeTheSealingMarkIsNeverSealedAgainEither() throws Exception {
        fiveEntries();
        // As a file whose chain was started before the mark existed: hashed entries, no mark.
        tamper("PRAGMA user_version = 0");
        assertTrue(verify().intact(), "opening it seals nothing and marks it");
        tamper("UPDATE audit_entry SET prev_hash = NULL, hash = NULL");
        assertFalse(verify().intact());
    }

    @Test
    void theHashCannotBeFooledByMovingTextFromOneFieldToTheNext() {
        var a = new AuditChain.Entry(1, "2026-11-23T10:30:00.000+01:00", "ab", "c", null, "UPDATE", null, null, null);
        var b = new AuditChain.Entry(1, "2026-11-23T10:30:00.000+01:00", "a", "bc", null, "UPDATE", null, null, null);
        var c = new AuditChain.Entry(1, "2026-11-23T10:30:00.000+01:00", "a\",\"b", "c", null, "UPDATE", null, null, null);
        var d = new AuditChain.Entry(1, "2026-11-23T10:30:00.000+01:00", "a", "b", "c", "UPDATE", null, null, null);
        assertEquals(4, Set.of(AuditChain.hash(a), AuditChain.hash(b), AuditChain.hash(c), AuditChain.hash(d)).size());
        var empty = new AuditChain.Entry(1, "x", "a", "b", "", "UPDATE", null, null, null);
        var none = new AuditChain.Entry(1, "x", "a", "b", null, "UPDATE", null, null, null);
        assertNotEquals(AuditChain.hash(empty), AuditChain.hash(none), "an empty value is not an absent one");
    }

    @Test
    void entriesAboutAPatientCarryTheirPatient() {
        try (Database db = Database.open(file(), options)) {
            TeamService team = new TeamService(db);
            int physician = PlanFixtures.physician(team, "Durand");
            PatientService patients = new PatientService(db);
            int eloise = patients.add(PlanFixtures.eloise(physician, LocalDate.of(2026, 11, 1)), Set.of());
            PlanService plans = new PlanService(db);
            int plan = plans.start(eloise);
            db.write((dsl, audit) -> {
                audit.record("appointment", 999, eloise, AuditAction.DELETE, Map.of());
                return null;
            });
            var rows = db.read(dsl -> dsl.select(AUDIT_ENTRY.ENTITY, AUDIT_ENTRY.PATIENT_ID).from(AUDIT_ENTRY)
                    .where(AUDIT_ENTRY.ENTITY.in("patient", "care_plan", "plan_version", "appointment")).fetch());
            assertTrue(rows.size() >= 4, rows.toString());
            rows.forEach(r -> assertEquals(eloise, r.value2(), r.value1() + " concerns Éloïse"));
            assertNotNull(plan);
            Integer professional = db.read(dsl -> dsl.select(AUDIT_ENTRY.PATIENT_ID).from(AUDIT_ENTRY)
                    .where(AUDIT_ENTRY.ENTITY.eq("professional")).limit(1).fetchOne(AUDIT_ENTRY.PATIENT_ID));
            assertNull(professional, "a professional's entry concerns no patient");
            assertTrue(db.read(AuditChain::verify).intact());
        }
    }
}
