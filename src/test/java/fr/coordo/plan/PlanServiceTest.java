package fr.coordo.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.patient.PatientService;
import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanServiceTest {
    @TempDir
    Path dir;

    private Database db;
    private PatientService patients;
    private PlanService plans;
    private int physician;
    private int nurse;
    private final LocalDate today = LocalDate.now(Database.ZONE);

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("plans.db"));
        TeamService team = new TeamService(db);
        physician = PlanFixtures.physician(team, "Bernard");
        nurse = PlanFixtures.professional(team, "Petit", "Lucie", "infirmier");
        patients = new PatientService(db);
        plans = new PlanService(db);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        db.close();
    }

    @Test
    void aPlanIsValidatedOnlyWithThePhysicianAndTheConsentThenRevisedWithoutTouchingTheValidatedVersion() {
        int patient = patients.add(PlanFixtures.eloise(null, null), Set.of());
        int planId = plans.start(patient);
        plans.saveDraft(planId, PlanFixtures.fallsPlan(nurse, today.plusDays(20), today.plusDays(40)));

        InputException refused = assertThrows(InputException.class, () -> plans.validate(planId, today));
        assertTrue(refused.getMessage().contains("médecin traitant n'est pas renseigné"), refused.getMessage());
        assertTrue(refused.getMessage().contains("consentement"), refused.getMessage());
        assertEquals(Plan.State.BROUILLON, plans.find(planId).orElseThrow().state(), "nothing changed");

        patients.update(patient, PlanFixtures.eloise(physician, today.minusDays(1)), Set.of());
        plans.validate(planId, today);
        Plan validated = plans.find(planId).orElseThrow();
        PlanVersion v1 = validated.validated().orElseThrow();
        assertEquals(Plan.State.VALIDE, validated.state());
        assertEquals(today.plusMonths(6), v1.content().reevaluationOn(), "re-evaluation six months after validation");
        assertEquals("Dr Camille Bernard", v1.physicianAtValidation());
        assertEquals(System.getProperty("user.name", "inconnu"), v1.validatedBy());

        InputException frozen = assertThrows(InputException.class, () -> plans.saveDraft(planId, PlanContent.empty()));
        assertTrue(frozen.getMessage().contains("Révisez le plan"), frozen.getMessage());

        plans.revise(planId, "Nouvelle chute");
        Plan revising = plans.find(planId).orElseThrow();
        assertEquals(Plan.State.EN_REVISION, revising.state());
        PlanVersion v2 = revising.draft().orElseThrow();
        assertEquals(2, v2.version());
        assertEquals(v1.content().actions(), v2.content().actions(), "the revision starts from the validated version");
        assertEquals(null, v2.content().reevaluationOn(), "the new version gets its own re-evaluation date");

        plans.saveDraft(planId, v2.content().withActions(List.of(v2.content().actions().getFirst())));
        plans.validate(planId, today);
        Plan after = plans.find(planId).orElseThrow();
        assertEquals(v1.content(), after.version(1).orElseThrow().content(), "version 1 is unchanged");
        assertEquals(PlanVersion.Status.REMPLACE, after.version(1).orElseThrow().status());
        assertEquals(1, after.validated().orElseThrow().content().actions().size());
        assertEquals(2, after.validated().orElseThrow().version());
    }

    @Test
    void theDatabaseItselfRefusesToChangeAValidatedVersion() {
        int planId = validatedPlan();
        int versionId = plans.find(planId).orElseThrow().validated().orElseThrow().id();
        for (String sql : List.of(
                "UPDATE plan_version SET synthesis_medical = 'modifié' WHERE id = " + versionId,
                "UPDATE plan_version SET status = 'BROUILLON' WHERE id = " + versionId,
                "DELETE FROM plan_version WHERE id = " + versionId,
                "UPDATE plan_action SET label = 'autre' WHERE version_id = " + versionId,
                "DELETE FROM plan_action WHERE version_id = " + versionId,
                "INSERT INTO plan_problem (version_id, uid, position, label, dimension, priority) VALUES (" + versionId
                        + ", 'x', 9, 'ajout', 'SOCIALE', 1)",
                "UPDATE plan_objective SET status = 'ATTEINT' WHERE version_id = " + versionId,
                "INSERT OR REPLACE INTO plan_version (id, plan_id, version, status, created_at, created_by, updated_at) SELECT id, plan_id,"
                        + " version, 'BROUILLON', created_at, created_by, updated_at FROM plan_version WHERE id = " + versionId,
                "INSERT OR REPLACE INTO plan_action (id, version_id, uid, position, part, kind, label, actor_kind, status) SELECT id,"
                        + " version_id, uid, position, part, kind, 'autre', 'PERSONNE', status FROM plan_action WHERE version_id = " + versionId)) {
            assertThrows(StoreException.class, () -> db.write((dsl, audit) -> {
                audit.record("test", null, fr.coordo.store.AuditAction.UPDATE, null);
                return dsl.execute(sql);
            }), sql);
        }
        assertEquals(2, plans.find(planId).orElseThrow().validated().orElseThrow().content().actions().size());
    }

    @Test
    void progressIsRecordedBesideTheValidatedVersionAndCarriedIntoTheRevision() {
        int planId = validatedPlan();
        Plan plan = plans.find(planId).orElseThrow();
        Action care = plan.validated().orElseThrow().content().actions(Action.Part.SOINS).getFirst();
        plans.recordProgress(planId, care.uid(), today, Action.Status.REALISEE, "Équilibre retrouvé");
        plans.addStep(planId, today, "Point avec le fils : tout va bien", true);

        Plan followed = plans.find(planId).orElseThrow();
        assertEquals(Action.Status.PREVUE, followed.validated().orElseThrow().content().actions().getFirst().status(), "version unchanged");
        assertEquals(Action.Status.REALISEE, followed.followedActions().getFirst().status());
        assertEquals("Équilibre retrouvé", followed.followedActions().getFirst().result());
        assertEquals(1, followed.steps().size());
        assertTrue(followed.steps().getFirst().feedbackToPhysician());

        Action support = plan.validated().orElseThrow().content().actions(Action.Part.AIDES).getFirst();
        assertThrows(InputException.class, () -> plans.recordProgress(planId, support.uid(), today, Action.Status.ABANDONNEE, " "));
        plans.recordProgress(planId, support.uid(), today, Action.Status.ABANDONNEE, "Refus de la personne");

        plans.revise(planId, null);
        assertTrue(plans.validationIssues(planId).isEmpty(), "an abandonment carries its reason into the revision");
        Action copied = plans.find(planId).orElseThrow().draft().orElseThrow().content().actions().getFirst();
        assertEquals(Action.Status.REALISEE, copied.status(), "the revision starts from where the follow-up is");
    }

    @Test
    void progressRecordedWhileARevisionIsWrittenIsKeptWhenItIsValidated() {
        int planId = validatedPlan();
        plans.revise(planId, "réévaluation");
        String care = plans.find(planId).orElseThrow().validated().orElseThrow().content().actions(Action.Part.SOINS).getFirst().uid();
        plans.recordProgress(planId, care, today, Action.Status.REALISEE, "fait pendant la révision");
        plans.validate(planId, today);
        Plan after = plans.find(planId).orElseThrow();
        assertEquals(2, after.validated().orElseThrow().version());
        assertEquals(Action.Status.REALISEE, after.followedActions().stream().filter(a -> a.uid().equals(care)).findFirst().orElseThrow().status());
        Todo late = new TodoService(db, java.time.Clock.offset(java.time.Clock.system(Database.ZONE), java.time.Duration.ofDays(25))).today();
        assertTrue(late.lateActions().stream().noneMatch(a -> a.actionUid().equals(care)), "done, so not late");
    }

    @Test
    void aPatientNoLongerFollowedLeavesTheTodoAndHisPlanIsClosedNotValidated() {
        int planId = validatedPlan();
        int patient = plans.find(planId).orElseThrow().patientId();
        java.time.Clock later = java.time.Clock.offset(java.time.Clock.system(Database.ZONE), java.time.Duration.ofDays(25));
        assertEquals(1, new TodoService(db, later).today().lateActions().size());
        var in = patients.find(patient).orElseThrow().data();
        patients.update(patient, new fr.coordo.patient.PatientInput(in.birthName(), in.usageName(), in.firstNames(), in.birthDate(), in.sex(),
                in.nir(), in.address(), in.postalCode(), in.city(), in.phone(), in.email(), in.occupation(), in.physicianId(),
                in.outsidePhysician(), in.outsidePhysicianContact(), in.ald(), in.aldList(), in.apa(), in.pensionFund(), in.housingSearch(),
                in.consentPlanOn(), in.consentPlanForm(), in.consentSharingOn(), in.consentSharingForm(),
                fr.coordo.patient.PatientStatus.DECEDE, today, null, in.contacts()), Set.of());
        assertTrue(new TodoService(db, later).today().isEmpty(), "nothing left to do for a deceased person");
        InputException e = assertThrows(InputException.class, () -> plans.revise(planId, "x"));
        assertTrue(e.getMessage().contains("clôturez le plan"), e.getMessage());
        plans.close(planId, today, "Décès");
    }

    @Test
    void aMistypedValidationYearIsRefused() {
        int patient = patients.add(PlanFixtures.eloise(physician, today), Set.of());
        int planId = plans.start(patient);
        plans.saveDraft(planId, PlanFixtures.fallsPlan(nurse, today, today));
        InputException e = assertThrows(InputException.class, () -> plans.validate(planId, today.minusYears(10)));
        assertEquals("Date de validation : plus d'un an avant aujourd'hui, vérifiez l'année.", e.getMessage());
    }

    @Test
    void onePlanAtATimeAndAClosedPlanNoLongerChanges() {
        int planId = validatedPlan();
        int patient = plans.find(planId).orElseThrow().patientId();
        InputException second = assertThrows(InputException.class, () -> plans.start(patient));
        assertTrue(second.getMessage().contains("déjà un plan en cours"), second.getMessage());

        plans.revise(planId, "test");
        assertThrows(InputException.class, () -> plans.close(planId, today, " "), "a reason is required");
        plans.close(planId, today, "Objectifs atteints");
        Plan closed = plans.find(planId).orElseThrow();
        assertEquals(Plan.State.CLOTURE, closed.state());
        assertTrue(closed.draft().isEmpty(), "the revision being written is dropped");
        assertEquals(1, closed.versions().size());
        assertThrows(InputException.class, () -> plans.revise(planId, "encore"));
        assertThrows(InputException.class, () -> plans.addStep(planId, today, "note", false));

        int next = plans.start(patient);
        assertTrue(next != planId, "a new plan can start once the first is closed");
        assertEquals(2, plans.plansOf(patient).size());
    }

    @Test
    void draftContentIsCheckedLineByLine() {
        int patient = patients.add(PlanFixtures.eloise(physician, today), Set.of());
        int planId = plans.start(patient);
        PlanContent ok = PlanFixtures.fallsPlan(nurse, today, today);
        Objective failed = new Objective(PlanService.newUid(), null, "Perdre 2 kg", null, null, Objective.Status.NON_ATTEINT, null);
        Action nobody = new Action(PlanService.newUid(), Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, null, "Portage de repas",
                Action.Actor.EXTERIEUR, null, " ", null, null, null, null, Action.Status.PREVUE, null, null);
        InputException e = assertThrows(InputException.class, () -> plans.saveDraft(planId,
                ok.withObjectives(List.of(ok.objectives().getFirst(), failed)).withActions(List.of(ok.actions().getFirst(), nobody))));
        assertTrue(e.getMessage().contains("Objectif 2 : non atteint, indiquez pourquoi."), e.getMessage());
        assertTrue(e.getMessage().contains("Plan d'aides, action « Portage de repas » : indiquez qui la réalise."), e.getMessage());
        assertTrue(plans.find(planId).orElseThrow().current().content().actions().isEmpty(), "nothing written");
    }

    @Test
    void theTodoListsLateActionsReviewsDraftsAndMissingConsents() {
        int planId = validatedPlan();
        Plan plan = plans.find(planId).orElseThrow();
        // A second patient: a draft without consent.
        int other = patients.add(new fr.coordo.patient.PatientInput("Durand", null, "Marc", LocalDate.of(1950, 1, 2), "M", null, null,
                null, null, null, null, null, physician, null, null, false, null, false, null, false, null, null, null, null,
                fr.coordo.patient.PatientStatus.SUIVI, null, null, List.of()), Set.of());
        int draft = plans.start(other);

        Todo todo = new TodoService(db, java.time.Clock.offset(java.time.Clock.system(Database.ZONE), java.time.Duration.ofDays(25))).today();
        assertEquals(1, todo.lateActions().size(), "the care action was due in 20 days: 5 days late in 25 days");
        Todo.LateAction late = todo.lateActions().getFirst();
        assertEquals("Rééducation de l'équilibre", late.action());
        assertEquals(5, late.daysLate());
        assertEquals("Lucie Petit", late.who());
        assertEquals(plan.reference(), late.reference());
        assertTrue(todo.reviews().isEmpty(), "re-evaluation is six months away");
        assertEquals(List.of(draft), todo.drafts().stream().map(Todo.Draft::planId).toList());
        assertEquals(List.of(other), todo.withoutConsent().stream().map(Todo.NoConsent::patientId).toList());

        plans.recordProgress(planId, late.actionUid(), today, Action.Status.REALISEE, null);
        Todo later = new TodoService(db, java.time.Clock.offset(java.time.Clock.system(Database.ZONE), java.time.Duration.ofDays(170))).today();
        assertTrue(later.lateActions().stream().noneMatch(a -> a.action().equals("Rééducation de l'équilibre")), "done actions are not late");
        assertEquals(1, later.reviews().size());
        assertFalse(later.reviews().getFirst().late());
    }

    @Test
    void progressRecordedJustAfterValidationCountsAcrossTheAutumnClockChange() {
        // Validated at 02:50 summer time; the action is done 40 minutes later, at 02:30 winter time.
        java.time.Instant validatedAt = java.time.Instant.parse("2026-10-25T00:50:00Z");
        PlanService before = new PlanService(db, java.time.Clock.fixed(validatedAt, Database.ZONE));
        PlanService after = new PlanService(db, java.time.Clock.fixed(validatedAt.plusSeconds(40 * 60), Database.ZONE));
        int patient = patients.add(PlanFixtures.eloise(physician, LocalDate.of(2026, 10, 1)), Set.of());
        int planId = before.start(patient);
        before.saveDraft(planId, PlanFixtures.fallsPlan(nurse, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)));
        before.validate(planId, LocalDate.of(2026, 10, 25));
        String care = before.find(planId).orElseThrow().validated().orElseThrow().content().actions(Action.Part.SOINS).getFirst().uid();
        after.recordProgress(planId, care, LocalDate.of(2026, 10, 25), Action.Status.REALISEE, null);

        Todo todo = new TodoService(db, java.time.Clock.fixed(java.time.Instant.parse("2026-11-10T09:00:00Z"), Database.ZONE)).today();
        assertTrue(todo.lateActions().stream().noneMatch(a -> a.planId() == planId), "the action is done, not late");
        assertEquals(Action.Status.REALISEE, after.find(planId).orElseThrow().followedActions().getFirst().status());
    }

    @Test
    void referencesKeepCountingPastNineThousandNineHundredAndNinetyNine() {
        String year = String.valueOf(today.getYear());
        int p = patients.add(PlanFixtures.eloise(physician, today), Set.of());
        db.write((dsl, audit) -> {
            audit.record("test", null, fr.coordo.store.AuditAction.CREATE, null);
            return dsl.execute("INSERT INTO care_plan (reference, patient_id, created_at, created_by, closed_on, closed_reason) VALUES "
                    + "('PPS-" + year + "-9999', " + p + ", 'x', 'x', '" + today + "', 'test')");
        });
        int other = patients.add(new fr.coordo.patient.PatientInput("Durand", null, "Marc", LocalDate.of(1950, 1, 2), "M", null, null,
                null, null, null, null, null, physician, null, null, false, null, false, null, false, null, null, null, null,
                fr.coordo.patient.PatientStatus.SUIVI, null, null, List.of()), Set.of());
        int a = plans.start(other);
        assertEquals("PPS-" + year + "-10000", plans.find(a).orElseThrow().reference());
        assertEquals(a, plans.byReference(PlanService.Ref.parse("pps-" + year + "-10000/v1").orElseThrow().plan()).orElseThrow().id());
    }

    private int validatedPlan() {
        int patient = patients.add(PlanFixtures.eloise(physician, today.minusDays(3)), Set.of());
        int planId = plans.start(patient);
        plans.saveDraft(planId, PlanFixtures.fallsPlan(nurse, today.plusDays(20), today.plusDays(40)));
        plans.validate(planId, today);
        return planId;
    }
}
