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
                "UPDATE plan_objective SET status = 'ATTEINT' WHERE version_id = " + versionId)) {
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

    private int validatedPlan() {
        int patient = patients.add(PlanFixtures.eloise(physician, today.minusDays(3)), Set.of());
        int planId = plans.start(patient);
        plans.saveDraft(planId, PlanFixtures.fallsPlan(nurse, today.plusDays(20), today.plusDays(40)));
        plans.validate(planId, today);
        return planId;
    }
}
