package fr.coordo.demo;

import static fr.coordo.store.schema.Tables.APPOINTMENT;
import static fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL;
import static fr.coordo.store.schema.Tables.APPOINTMENT_SERIES;
import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;
import static fr.coordo.store.schema.Tables.CARE_PLAN;
import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PATIENT_CONTACT;
import static fr.coordo.store.schema.Tables.PLAN_ACTION;
import static fr.coordo.store.schema.Tables.PLAN_ACTION_UPDATE;
import static fr.coordo.store.schema.Tables.PLAN_OBJECTIVE;
import static fr.coordo.store.schema.Tables.PLAN_PROBLEM;
import static fr.coordo.store.schema.Tables.PLAN_STEP;
import static fr.coordo.store.schema.Tables.PLAN_VERSION;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static fr.coordo.store.schema.Tables.STRUCTURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.CheckDigits;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.plan.Action;
import fr.coordo.plan.Plan;
import fr.coordo.plan.PlanService;
import fr.coordo.plan.PlanVersion;
import fr.coordo.plan.Todo;
import fr.coordo.plan.TodoService;
import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import fr.coordo.team.Professions;
import fr.coordo.team.TeamRepository;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoGeneratorTest {
    @TempDir
    Path dir;

    private List<String> snapshot(Path file, long seed) {
        try (Database db = Database.open(file)) {
            new DemoGenerator(seed).fill(db, DemoGenerator.Size.SMALL);
            return db.read(dsl -> {
                var rows = new java.util.ArrayList<String>();
                dsl.select(PROFESSIONAL.LAST_NAME, PROFESSIONAL.FIRST_NAME, PROFESSIONAL.RPPS, PROFESSIONAL.IBAN)
                        .from(PROFESSIONAL).orderBy(PROFESSIONAL.ID).fetch().forEach(r -> rows.add(r.toString()));
                dsl.select(PATIENT.BIRTH_NAME, PATIENT.FIRST_NAMES, PATIENT.BIRTH_DATE, PATIENT.NIR, PATIENT.EMAIL, PATIENT.ALD_LIST,
                                PATIENT.OUTSIDE_PHYSICIAN, PATIENT.CONSENT_PLAN_ON, PATIENT.STATUS)
                        .from(PATIENT).orderBy(PATIENT.ID).fetch().forEach(r -> rows.add(r.toString()));
                dsl.selectFrom(PATIENT_CONTACT).orderBy(PATIENT_CONTACT.ID).fetch().forEach(r -> rows.add(r.toString()));
                dsl.selectFrom(CARE_PLAN).orderBy(CARE_PLAN.ID).fetch().forEach(r -> rows.add(r.toString()));
                dsl.selectFrom(PLAN_VERSION).orderBy(PLAN_VERSION.ID).fetch().forEach(r -> rows.add(r.toString()));
                for (var table : List.of(PLAN_PROBLEM, PLAN_OBJECTIVE, PLAN_ACTION, PLAN_STEP, PLAN_ACTION_UPDATE, APPOINTMENT_SERIES, APPOINTMENT)) {
                    dsl.selectFrom(table).orderBy(table.field("id")).fetch().forEach(r -> rows.add(r.toString()));
                }
                dsl.selectFrom(APPOINTMENT_PROFESSIONAL).orderBy(APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID, APPOINTMENT_PROFESSIONAL.PROFESSIONAL_ID)
                        .fetch().forEach(r -> rows.add(r.toString()));
                return rows;
            });
        }
    }

    @Test
    void theSameSeedGivesTheSameStructurePatientsPlansAndAgendaAndAnotherSeedAnotherOne() {
        List<String> a = snapshot(dir.resolve("a.db"), 7);
        List<String> b = snapshot(dir.resolve("b.db"), 7);
        List<String> c = snapshot(dir.resolve("c.db"), 8);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void theSmallDemoIsARealisticMspWithValidFictitiousIdentifiers() {
        try (Database db = Database.open(dir.resolve("msp.db"))) {
            var result = new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
            assertEquals(25, result.professionals());
            assertEquals(200, result.patients());
            LocalDate today = LocalDate.now(Database.ZONE);
            TeamRepository team = new TeamRepository(db);
            assertEquals(24, team.countActive(today));
            assertEquals(1, team.countFormer(today), "one professional has left and keeps his history");
            assertTrue(team.activeByProfession(today).size() >= 10, "varied professions");
            assertTrue(new Settings(db).isDemo());
            assertEquals("sisa", db.read(dsl -> dsl.select(STRUCTURE.LEGAL_FORM).from(STRUCTURE).fetchSingle().value1()));
            assertEquals("msp_sisa", db.read(dsl -> dsl.select(STRUCTURE.CATEGORY).from(STRUCTURE).fetchSingle().value1()));
            assertTrue(CheckDigits.luhnValid(db.read(dsl -> dsl.select(STRUCTURE.SIRET).from(STRUCTURE).fetchSingle().value1())));

            db.read(dsl -> dsl.selectFrom(PROFESSIONAL).fetch()).forEach(p -> {
                assertTrue(Professions.byCode(p.getProfessionCode()).isPresent(), p.getProfessionCode());
                if (p.getRpps() == null) {
                    // The demo's draft PCR projet shows the gap: her RPPS+ registration is still to come.
                    assertEquals("assistant_service_social", p.getProfessionCode());
                } else {
                    assertTrue(p.getRpps().matches("\\d{11}"), p.getRpps());
                    assertEquals(!CheckDigits.luhnValid(p.getRpps()), "RPPS".equals(p.getConfirmedKeys()),
                            "a RPPS fails its key exactly when its confirmation is recorded: " + p.getRpps());
                }
                if (p.getAmNumber() != null) {
                    assertTrue(p.getAmNumber().matches("\\d{9}") && CheckDigits.luhnValid(p.getAmNumber()), p.getAmNumber());
                }
                if (p.getIban() != null) {
                    assertTrue(p.getIban().matches("FR\\d{25}"), p.getIban());
                    String rearranged = p.getIban().substring(4) + p.getIban().substring(0, 4);
                    assertEquals(1, CheckDigits.mod97(rearranged), p.getIban());
                }
            });
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.CONFIRMED_KEYS.eq("RPPS"))));
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.RPPS.isNull())), "one record waits for its RPPS");
            assertTrue(db.read(dsl -> dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.AM_STATUS.eq("REQUESTED"))) >= 1,
                    "a request for a numéro AM in progress");
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.PRACTICE_MODE.eq("SALARIE"))));
            var withoutIban = db.read(dsl -> dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.IBAN.isNull()));
            assertTrue(withoutIban > 0 && withoutIban < 10, "a few records stay incomplete: " + withoutIban);

            var nirs = db.read(dsl -> dsl.select(PATIENT.NIR, PATIENT.SEX, PATIENT.BIRTH_DATE).from(PATIENT).where(PATIENT.NIR.isNotNull()).fetch());
            assertTrue(nirs.size() > 150);
            nirs.forEach(r -> {
                String nir = r.value1();
                assertEquals(15, nir.length(), nir);
                assertEquals(CheckDigits.nirKey(nir.substring(0, 13)), Integer.parseInt(nir.substring(13)), "key of a fictitious NIR");
                assertEquals(r.value2().equals("F") ? '2' : '1', nir.charAt(0));
                assertEquals(r.value3().substring(2, 4), nir.substring(1, 3), "birth year in the NIR");
            });
        }
    }

    @Test
    void theSmallDemoHasPlansInEveryStateAndAHandfulOfThingsToDo() {
        try (Database db = Database.open(dir.resolve("plans.db"))) {
            var result = new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
            PlanService plans = new PlanService(db);
            List<PlanService.Listing> listing = plans.list();
            assertEquals(70, result.plans());
            assertEquals(70, listing.size());
            Map<Plan.State, Long> states = listing.stream().collect(Collectors.groupingBy(PlanService.Listing::state, Collectors.counting()));
            assertEquals(EnumSet.allOf(Plan.State.class), states.keySet(), "every state: " + states);

            Todo todo = new TodoService(db).today();
            for (List<?> list : List.of(todo.lateActions(), todo.reviews(), todo.drafts(), todo.withoutConsent())) {
                assertTrue(list.size() >= 1 && list.size() <= 30, "a handful, not hundreds: " + list.size());
            }
            assertTrue(todo.reviews().stream().anyMatch(Todo.Review::late), "some re-evaluations are late");
            assertTrue(todo.reviews().stream().anyMatch(r -> !r.late()), "some are due within 30 days");

            String audit = db.read(dsl -> dsl.select(AUDIT_ENTRY.CHANGES).from(AUDIT_ENTRY).where(AUDIT_ENTRY.ENTITY.eq("demo")).fetchSingle().value1());
            assertTrue(audit.contains("\"plans\":[null,70]"), audit);
            // The agenda written with the demo, and the appointments of the PCR patients booked one by one through the agenda service.
            int booked = db.read(dsl -> dsl.fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.ENTITY.eq("appointment").and(AUDIT_ENTRY.ACTION.eq("CREATE"))));
            assertTrue(booked > 20 && booked < 200, "appointments booked for the PCR episodes: " + booked);
            assertTrue(audit.contains("\"appointments\":[null," + (result.appointments() - booked) + "]"), audit);
            assertEquals(result.appointments(), (int) db.read(dsl -> dsl.fetchCount(APPOINTMENT)));
        }
    }

    /** Several seeds, since a rare draw is where an inconsistency hides. */
    @ParameterizedTest
    @ValueSource(longs = {DemoGenerator.DEFAULT_SEED, 1, 7, 42, 1_000_003})
    void demoPlansAreOnesTheApplicationItselfCouldHaveWritten(long seed) {
        try (Database db = Database.open(dir.resolve("valid-" + seed + ".db"))) {
            new DemoGenerator(seed).fill(db, DemoGenerator.Size.SMALL);
            PlanService plans = new PlanService(db);
            PatientService patients = new PatientService(db);
            LocalDate today = LocalDate.now(Database.ZONE);

            for (PlanService.Listing line : plans.list()) {
                Plan plan = plans.find(line.planId()).orElseThrow();
                Patient patient = patients.find(plan.patientId()).orElseThrow();
                for (PlanVersion v : plan.versions()) {
                    assertEquals(List.of(), plans.check(v.content()), plan.reference() + " v" + v.version() + " passes the service's checks");
                    if (v.status() != PlanVersion.Status.BROUILLON) {
                        assertNotNull(v.validatedOn(), plan.reference());
                        assertNotNull(v.validatedAt(), plan.reference());
                        assertNotNull(v.physicianAtValidation(), "validated with the médecin traitant: " + plan.reference());
                        assertFalse(v.content().actions().isEmpty(), plan.reference());
                        assertFalse(v.validatedOn().isAfter(today));
                        assertTrue(patient.hasPlanConsent() && !patient.data().consentPlanOn().isAfter(v.validatedOn()),
                                "consent recorded before validation: " + plan.reference());
                    }
                    if (v.status() == PlanVersion.Status.REMPLACE) {
                        assertTrue(plan.validated().orElseThrow().version() > v.version(), "replaced by a later version: " + plan.reference());
                    }
                }
                switch (plan.state()) {
                    case VALIDE, EN_REVISION -> {
                        assertTrue(plan.validated().isPresent(), "a validated plan is never only a draft: " + plan.reference());
                        assertEquals(1, plan.versions().stream().filter(v -> v.status() == PlanVersion.Status.VALIDE).count());
                        assertEquals(PatientStatus.SUIVI, patient.data().status());
                    }
                    case BROUILLON -> assertEquals(List.of(plan.versions().getFirst()), plan.versions());
                    case CLOTURE -> assertFalse(plan.closedReason().isBlank());
                }
                assertFalse(patient.data().contacts().isEmpty(), "people with a plan have a caregiver or a contact: " + plan.reference());
            }
            // Every patient record passes the form's checks, so that editing one never starts with errors.
            for (int id = 1; id <= 200; id++) {
                Patient p = patients.find(id).orElseThrow();
                assertEquals(List.of(), patients.check(p.data(), Set.of(), id), p.reference());
            }
            var statuses = db.read(dsl -> dsl.select(PATIENT.STATUS).from(PATIENT).fetch(PATIENT.STATUS));
            assertTrue(statuses.contains("SORTI") && statuses.contains("DECEDE"), "a few people left or died");
            assertTrue(db.read(dsl -> dsl.fetchCount(PATIENT, PATIENT.OUTSIDE_PHYSICIAN.isNotNull())) > 5, "médecins traitants outside the team");
            assertTrue(db.read(dsl -> dsl.fetchCount(PATIENT, PATIENT.REFERRING_PHYSICIAN_ID.isNull().and(PATIENT.OUTSIDE_PHYSICIAN.isNull()))) > 0,
                    "a few without any");

            // Every action carried out by the team names a professional who exists, of the profession the action needs.
            Map<String, String> professionOf = new HashMap<>();
            DemoTexts.BY_PROBLEM.values().forEach(a -> a.tasks().forEach(t -> professionOf.put(t.label(), t.who())));
            var actions = db.read(dsl -> dsl.select(PLAN_ACTION.LABEL, PLAN_ACTION.ACTOR_KIND, PROFESSIONAL.PROFESSION_CODE)
                    .from(PLAN_ACTION).leftJoin(PROFESSIONAL).on(PROFESSIONAL.ID.eq(PLAN_ACTION.PROFESSIONAL_ID)).fetch());
            assertTrue(actions.stream().filter(r -> r.value2().equals(Action.Actor.PROFESSIONNEL.name())).count() > 50);
            actions.forEach(r -> {
                if (r.value2().equals(Action.Actor.PROFESSIONNEL.name())) {
                    assertNotNull(r.value3(), "an existing professional for « " + r.value1() + " »");
                    String needed = professionOf.get(r.value1());
                    assertEquals(needed.equals("MT") ? "medecin" : needed, r.value3(), r.value1());
                }
            });
            assertTrue(actions.stream().anyMatch(r -> r.value2().equals(Action.Actor.EXTERIEUR.name())), "outside actors");
            assertTrue(actions.stream().anyMatch(r -> r.value2().equals(Action.Actor.AIDANT.name())), "caregivers");

            // The service takes over from there: a demo plan in force can be revised and the revision validated.
            int planId = plans.list().stream().filter(l -> l.state() == Plan.State.VALIDE).findFirst().orElseThrow().planId();
            plans.revise(planId, "Essai");
            plans.validate(planId, today);
            assertEquals(Plan.State.VALIDE, plans.find(planId).orElseThrow().state());
        }
    }
}
