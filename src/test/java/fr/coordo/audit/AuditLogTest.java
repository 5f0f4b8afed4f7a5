package fr.coordo.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.audit.AuditLog.Entry;
import fr.coordo.audit.AuditLog.Filter;
import fr.coordo.audit.AuditLog.Page;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.plan.PlanService;
import fr.coordo.store.Access;
import fr.coordo.store.AccessDenied;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Role;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer's reading of the trail: Camille Martin set up the team and Éloïse's record on 20 November, before
 * the chain kept the patient of each entry; Julien Faure changed a phone number and printed the plan on the 24th.
 */
class AuditLogTest {
    @TempDir
    Path dir;

    private int eloise;
    private int nurse;
    private int plan;

    private static Database.Options as(String actor, String instant) {
        return new Database.Options(Clock.fixed(Instant.parse(instant), Database.ZONE), () -> actor, null);
    }

    private Path file() {
        return dir.resolve("coordo.db");
    }

    @BeforeEach
    void history() {
        // written on the schema before the chain (V10): these entries have no patient column, the viewer finds it
        try (Database db = Database.open(file(), as("Camille Martin", "2026-11-20T08:00:00Z").withTarget("10"))) {
            TeamService team = new TeamService(db);
            int physician = PlanFixtures.physician(team, "Durand");
            nurse = PlanFixtures.professional(team, "Faure", "Julien", "infirmier");
            eloise = new PatientService(db).add(PlanFixtures.eloise(physician, LocalDate.of(2026, 11, 1)), Set.of());
            plan = new PlanService(db).start(eloise);
        }
        try (Database db = Database.open(file(), as("Julien Faure", "2026-11-24T14:05:00Z"))) {
            new TeamService(db).update(nurse, nurse("02 47 11 22 33"), Set.of());
            db.write((dsl, audit) -> {
                audit.record("care_plan", plan, AuditAction.PRINT, Map.of("document", Audit.Change.created("PPS-2026-0001 v1")));
                return null;
            });
        }
    }

    private static ProfessionalInput nurse(String phone) {
        return new ProfessionalInput(null, "Faure", "Julien", "infirmier", null, null, null, null, null, true, null,
                PracticeMode.LIBERAL, null, null, phone, null, null, null, null, null);
    }

    private Page page(Filter filter) {
        try (Database db = Database.open(file(), as("Anne Admin", "2026-11-25T08:00:00Z"))) {
            return new AuditLog(db).page(filter, null, 50);
        }
    }

    @Test
    void entriesAreNewestFirstAndDescribedInFrench() {
        List<Entry> all = page(Filter.all()).entries();
        Entry print = all.getFirst();
        assertEquals("Julien Faure", print.actor());
        assertEquals("Plan de soins imprimé", print.description());
        assertEquals("Plan de soins n° " + plan, print.object());
        assertEquals("MOREAU (née LEFÈVRE) Éloïse Marie", print.patientName());
        assertEquals("15:05", print.at().toLocalTime().toString(), "shown at Paris time");
        Entry phone = all.get(1);
        assertEquals("Professionnel modifié : téléphone", phone.description());
        assertTrue(phone.detail().contains("téléphone : 02 47 11 22 33"), phone.detail());
        assertNull(phone.patientName());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).id() > all.get(i).id(), "newest first");
        }
    }

    @Test
    void filteringByPersonByPatientByDateAndByAction() {
        assertTrue(page(Filter.all().withActor("Julien Faure")).entries().stream().allMatch(e -> e.actor().equals("Julien Faure")));
        assertEquals(2, page(Filter.all().withActor("Julien Faure")).entries().size());

        // the patient's own record, her plan and its first version were written before the trail kept the patient
        List<Entry> hers = page(Filter.all().withPatient(eloise)).entries();
        assertEquals(List.of("Plan de soins imprimé", "Version du plan de soins créée", "Plan de soins créé", "Patient créé"),
                hers.stream().map(Entry::description).toList());
        assertTrue(hers.stream().allMatch(e -> e.patientName().equals("MOREAU (née LEFÈVRE) Éloïse Marie")), hers.toString());
        assertTrue(hers.stream().noneMatch(e -> e.detail().contains(PlanFixtures.nir(true, LocalDate.of(1941, 3, 14), 42))),
                "the NIR is never shown whole");

        assertEquals(2, page(Filter.all().between(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24))).entries().size());
        assertTrue(page(Filter.all().between(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 23))).entries().isEmpty());
        assertEquals(List.of("Plan de soins imprimé"),
                page(Filter.all().withAction(AuditAction.PRINT)).entries().stream().map(Entry::description).toList());
        assertEquals(1, page(Filter.all().withPatient(eloise).withActor("Julien Faure")).entries().size());
    }

    @Test
    void pagesFollowEachOtherWithoutOverlap() {
        try (Database db = Database.open(file(), as("Anne Admin", "2026-11-25T08:00:00Z"))) {
            AuditLog log = new AuditLog(db);
            int total = log.page(Filter.all(), null, 500).entries().size();
            Page first = log.page(Filter.all(), null, 3);
            assertTrue(first.more());
            Page second = log.page(Filter.all(), first.next(), 3);
            assertEquals(first.entries().getLast().id() - 1, second.entries().getFirst().id());
            int seen = first.entries().size();
            Page p = first;
            while (p.more()) {
                p = log.page(Filter.all(), p.next(), 3);
                seen += p.entries().size();
            }
            assertEquals(total, seen);
            assertEquals(List.of("Camille Martin", "Julien Faure"), log.actors());
            assertTrue(log.verify().intact(), log.verify().message());
        }
    }

    @Test
    void aProfessionnelCannotReadTheTrail() {
        Access professionnel = new Access("jfaure", "Julien Faure", Role.PROFESSIONNEL, nurse);
        try (Database db = Database.open(file(), Database.Options.defaults().withAccess(professionnel))) {
            AuditLog log = new AuditLog(db);
            assertThrows(AccessDenied.class, () -> log.page(Filter.all(), null, 50));
            assertThrows(AccessDenied.class, log::actors);
            assertThrows(AccessDenied.class, log::verify);
        }
        Access coordinateur = new Access("cmartin", "Camille Martin", Role.COORDINATEUR, null);
        try (Database db = Database.open(file(), Database.Options.defaults().withAccess(coordinateur))) {
            assertFalse(new AuditLog(db).page(Filter.all(), null, 50).entries().isEmpty());
        }
    }
}
