package fr.coordo.security;

import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentInput;
import fr.coordo.agenda.AppointmentKind;
import fr.coordo.agenda.IcsExport;
import fr.coordo.agenda.OpeningHours;
import fr.coordo.agenda.Place;
import fr.coordo.pathway.Episode;
import fr.coordo.pathway.EpisodeService;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.PcrCatalogue;
import fr.coordo.pathway.PcrTypeService;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientSummary;
import fr.coordo.payment.PaymentDocuments;
import fr.coordo.payment.PaymentFixtures;
import fr.coordo.payment.PaymentService;
import fr.coordo.payment.Period;
import fr.coordo.plan.Plan;
import fr.coordo.plan.PlanDocuments;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.plan.PlanService;
import fr.coordo.plan.Todo;
import fr.coordo.plan.TodoService;
import fr.coordo.store.AccessDenied;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Role;
import fr.coordo.store.Settings;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each role may do, checked at the services on a protected database (the window only hides what these refuse).
 * The team: an infirmière (the professionnel signed in) and a diététicienne. Patients: one followed through an action
 * of her plan, one through an appointment with her, one followed by the diététicienne only, and the fixture's
 * Éloïse, followed by nobody.
 */
class RolePermissionsTest {
    static final LocalDate TODAY = PathwayFixtures.TODAY;
    static final Clock CLOCK = PathwayFixtures.clockAt(TODAY);

    @TempDir
    Path dir;

    Path file;
    int nurse;
    int dietitian;
    int byPlan;
    int byAppointment;
    int other;
    int nobody;
    int followedPlan;
    int otherPlan;
    String otherReference;
    int followedAppointment;
    int otherAppointment;
    int meeting;
    int project;
    int followedEpisode;
    int otherEpisode;
    char[] coordinatorPassword;
    char[] nursePassword;
    char[] dietitianPassword;

    @BeforeEach
    void protectedDatabase() {
        file = dir.resolve("coordo.db");
        try (Session admin = SecurityFixtures.admin(file, CLOCK)) {
            Database db = admin.database();
            PaymentFixtures fx = new PaymentFixtures(db);
            project = fx.project;
            nobody = fx.f.patientId;
            nurse = fx.pro("infirmier");
            dietitian = fx.pro("dieteticien");
            byPlan = fx.patient("Arnaud", "Lucie", true);
            byAppointment = fx.patient("Blanc", "Marc", true);
            other = fx.patient("Charpentier", "Odile", true);

            PlanService plans = new PlanService(db, CLOCK);
            followedPlan = plans.start(byPlan);
            plans.saveDraft(followedPlan, PlanFixtures.fallsPlan(nurse, TODAY.plusMonths(1), TODAY.plusMonths(2)));
            otherPlan = plans.start(other);
            plans.saveDraft(otherPlan, PlanFixtures.fallsPlan(dietitian, TODAY.plusMonths(1), TODAY.plusMonths(2)));
            otherReference = plans.find(otherPlan).orElseThrow().reference();

            AgendaService agenda = new AgendaService(db, CLOCK);
            followedAppointment = appointment(agenda, byAppointment, List.of(nurse), 9, AppointmentKind.CONSULTATION);
            otherAppointment = appointment(agenda, other, List.of(dietitian), 10, AppointmentKind.CONSULTATION);
            meeting = appointment(agenda, null, List.of(nurse, dietitian), 12, AppointmentKind.REUNION);
            followedEpisode = fx.episode(project, byAppointment, TODAY.minusMonths(2), null);
            otherEpisode = fx.episode(project, other, TODAY.minusMonths(2), null);

            coordinatorPassword = SecurityFixtures.account(admin, CLOCK, "coord", "Claire Coord", Role.COORDINATEUR, null);
            nursePassword = SecurityFixtures.account(admin, CLOCK, "ines", "Inès Infirmière", Role.PROFESSIONNEL, nurse);
            dietitianPassword = SecurityFixtures.account(admin, CLOCK, "diane", "Diane Diététicienne", Role.PROFESSIONNEL, dietitian);
        }
    }

    private static int appointment(AgendaService agenda, Integer patient, List<Integer> pros, int hour, AppointmentKind kind) {
        return agenda.create(AppointmentInput.of(patient, pros, TODAY.atTime(hour, 0), Duration.ofMinutes(30), kind, Place.MSP), null).id();
    }

    // ---------------------------------------------------------------- professionnel

    @Test
    void aProfessionnelReadsExactlyThePatientsSheFollows() {
        try (Session s = SecurityFixtures.signIn(file, CLOCK, "ines", nursePassword)) {
            Database db = s.database();
            PatientService patients = new PatientService(db, CLOCK);
            assertEquals(Set.of(byPlan, byAppointment), ids(patients.search("", null, 100)));
            assertEquals(2, patients.count());
            assertTrue(patients.search("Charpentier", null, 100).isEmpty(), "a search by name does not reach a patient she does not follow");
            assertEquals("Arnaud", patients.find(byPlan).orElseThrow().data().birthName());
            AccessDenied refused = assertThrows(AccessDenied.class, () -> patients.find(other));
            assertTrue(refused.getMessage().contains("consulter le dossier du patient " + Patient.reference(other)), refused.getMessage());
            assertTrue(refused.getMessage().contains("vous ne suivez pas ce patient"), refused.getMessage());
            assertFalse(refused.getMessage().contains("Charpentier"), "the refusal never names the patient");
            assertThrows(AccessDenied.class, () -> patients.byReference(Patient.reference(nobody)));
            assertTrue(patients.find(9999).isEmpty(), "a patient that does not exist is simply not found");
        }
    }

    @Test
    void aProfessionnelReadsThePlansAgendaEpisodesAndToDoOfHerPatientsOnly() {
        try (Session s = SecurityFixtures.signIn(file, CLOCK, "ines", nursePassword)) {
            Database db = s.database();
            PlanService plans = new PlanService(db, CLOCK);
            Plan mine = plans.find(followedPlan).orElseThrow();
            assertEquals(byPlan, mine.patientId());
            assertEquals(List.of(followedPlan), plans.list().stream().map(PlanService.Listing::planId).toList());
            assertTrue(plans.openPlanOf(byPlan).isPresent());
            AccessDenied refused = assertThrows(AccessDenied.class, () -> plans.find(otherPlan));
            assertTrue(refused.getMessage().startsWith("Votre rôle (professionnel·le) ne permet pas de consulter le plan " + otherReference),
                    refused.getMessage());
            assertThrows(AccessDenied.class, () -> plans.byReference(otherReference));
            assertThrows(AccessDenied.class, () -> plans.plansOf(other));

            Todo todo = new TodoService(db, CLOCK).today();
            assertEquals(List.of(followedPlan), todo.drafts().stream().map(Todo.Draft::planId).toList());
            assertTrue(todo.withoutConsent().stream().allMatch(t -> t.patientId() == byPlan || t.patientId() == byAppointment));

            AgendaService agenda = new AgendaService(db, CLOCK);
            List<Appointment> day = agenda.between(TODAY, TODAY.plusDays(1), AgendaService.Filter.TEAM);
            assertEquals(List.of(followedAppointment, meeting), day.stream().map(Appointment::id).toList(),
                    "her appointments and the team meeting she attends; not the diététicienne's consultation");
            assertTrue(agenda.find(followedAppointment).isPresent());
            assertThrows(AccessDenied.class, () -> agenda.find(otherAppointment));
            assertThrows(AccessDenied.class, () -> agenda.ofPatient(other));
            assertEquals(2, IcsExport.render(db, AgendaService.Filter.TEAM, CLOCK).appointments(), "an export holds what she may read");

            EpisodeService episodes = new EpisodeService(db, CLOCK);
            assertEquals(List.of(followedEpisode), episodes.all().stream().map(Episode::id).toList());
            assertEquals(List.of(followedEpisode), episodes.ofProject(project).stream().map(Episode::id).toList());
            AccessDenied episode = assertThrows(AccessDenied.class, () -> episodes.find(otherEpisode));
            assertTrue(episode.getMessage().contains("consulter l'épisode EP-"), episode.getMessage());
        }
    }

    @Test
    void anotherProfessionnelSeesHerOwnPatientsInstead() {
        try (Session s = SecurityFixtures.signIn(file, CLOCK, "diane", dietitianPassword)) {
            Database db = s.database();
            assertEquals(Set.of(other), ids(new PatientService(db, CLOCK).search("", null, 100)));
            assertTrue(new PlanService(db, CLOCK).find(otherPlan).isPresent());
            assertThrows(AccessDenied.class, () -> new PlanService(db, CLOCK).find(followedPlan));
            assertEquals(List.of(otherAppointment, meeting), new AgendaService(db, CLOCK).between(TODAY, TODAY.plusDays(1),
                    AgendaService.Filter.TEAM).stream().map(Appointment::id).toList());
        }
    }

    @Test
    void aProfessionnelWritesNothingReadsNoPaymentsAndChangesNoSettings() {
        try (Session s = SecurityFixtures.signIn(file, CLOCK, "ines", nursePassword)) {
            Database db = s.database();
            PatientService patients = new PatientService(db, CLOCK);
            PlanService plans = new PlanService(db, CLOCK);
            int auditBefore = auditCount(db);
            denied(Permission.EDIT, () -> patients.add(PlanFixtures.eloise(null, null), Set.of()));
            denied(Permission.EDIT, () -> patients.update(byPlan, patients.find(byPlan).orElseThrow().data(), Set.of()));
            // Checking an input would tell her whether a NIR is another patient's, and its reference.
            denied(Permission.EDIT, () -> patients.check(PlanFixtures.eloise(null, null), Set.of(), null));
            denied(Permission.EDIT, () -> plans.saveDraft(followedPlan, PlanFixtures.fallsPlan(nurse, TODAY, TODAY)));
            denied(Permission.EDIT, () -> plans.addStep(followedPlan, TODAY, "Passage", false));
            denied(Permission.EDIT, () -> new AgendaService(db, CLOCK).create(AppointmentInput.of(byAppointment, List.of(nurse),
                    TODAY.atTime(15, 0), Duration.ofMinutes(30), AppointmentKind.CONSULTATION, Place.MSP), null));
            denied(Permission.EDIT, () -> new AgendaService(db, CLOCK).cancel(followedAppointment, fr.coordo.agenda.Scope.THIS));
            TeamService team = new TeamService(db, CLOCK);
            assertEquals(5, team.all().size(), "the team is read by everyone");
            denied(Permission.EDIT, () -> team.add(PathwayFixtures.complete("Nouveau", "Nina", "infirmier", 9), Set.of(), TODAY));

            PaymentService payments = new PaymentService(db, CLOCK);
            denied(Permission.PAYMENTS, payments::orders);
            denied(Permission.PAYMENTS, () -> payments.prepare(Period.quarterOf(TODAY)));
            denied(Permission.PAYMENTS, () -> payments.find(1));
            denied(Permission.PAYMENTS, () -> payments.unit(followedEpisode, null));
            denied(Permission.PAYMENTS, () -> new PaymentDocuments(db, payments).saveCsv(List.of(), dir.resolve("ordres.csv"), false));
            assertFalse(Files.exists(dir.resolve("ordres.csv")));

            denied(Permission.SETTINGS, () -> new Settings(db).set("verrouillage_minutes", "60"));
            denied(Permission.SETTINGS, () -> new OpeningHours(db).set(Map.of(DayOfWeek.MONDAY,
                    new OpeningHours.Span(LocalTime.of(8, 0), LocalTime.of(20, 0)))));
            StructureService structure = new StructureService(db, CLOCK);
            denied(Permission.SETTINGS, () -> structure.save(structure.load().orElseThrow(), Set.of()));
            denied(Permission.SETTINGS, () -> new PcrTypeService(db, CLOCK).saveNewVersion(PcrCatalogue.shipped().getFirst(), "essai"));
            denied(Permission.ACCOUNTS, () -> new AccountService(s, SecurityFixtures.vault(file, CLOCK), CLOCK).all());
            assertFalse(db.access().can(Permission.RESTORE));
            assertEquals(auditBefore, auditCount(db), "nothing was written");
            assertTrue(new Settings(db).get("verrouillage_minutes").isEmpty());
        }
    }

    @Test
    void aProfessionnelPrintsTheFollowedPlanAndChangesHerPassword() throws Exception {
        char[] newPassword = "infirmiere-nouveau-secret".toCharArray();
        try (Session s = SecurityFixtures.signIn(file, CLOCK, "ines", nursePassword)) {
            Database db = s.database();
            PlanDocuments documents = new PlanDocuments(db, CLOCK);
            Path pdf = documents.export(followedPlan, null, false, dir.resolve("plan.pdf"), false);
            assertTrue(Files.size(pdf) > 0);
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.ENTITY.eq("care_plan")
                    .and(AUDIT_ENTRY.ENTITY_ID.eq(String.valueOf(followedPlan))).and(AUDIT_ENTRY.ACTION.eq("PRINT"))
                    .and(AUDIT_ENTRY.ACTOR.eq("Inès Infirmière")))), "the print is in the audit trail, under her name");
            assertThrows(AccessDenied.class, () -> documents.export(otherPlan, null, false, dir.resolve("autre.pdf"), false));
            assertThrows(AccessDenied.class, () -> new PlanService(db, CLOCK).recordPrint(otherPlan, 1, "imprimante", false));
            assertFalse(Files.exists(dir.resolve("autre.pdf")), "no file for a plan she may not read");

            SecurityFixtures.vault(file, CLOCK).changePassword(s, nursePassword, newPassword, newPassword);
        }
        try (Session again = SecurityFixtures.signIn(file, CLOCK, "ines", newPassword)) {
            assertEquals(Role.PROFESSIONNEL, again.database().access().role());
        }
    }

    // ---------------------------------------------------------------- coordinateur, administrateur

    @Test
    void aCoordinateurDoesEverythingButAccountsAndRestore() {
        try (Session s = SecurityFixtures.signIn(file, CLOCK, "coord", coordinatorPassword)) {
            Database db = s.database();
            PatientService patients = new PatientService(db, CLOCK);
            assertEquals(Set.of(nobody, byPlan, byAppointment, other), ids(patients.search("", null, 100)));
            assertEquals(4, patients.count());
            assertTrue(patients.find(other).isPresent());
            PlanService plans = new PlanService(db, CLOCK);
            assertTrue(plans.find(otherPlan).isPresent());
            assertEquals(2, plans.list().size());
            plans.addStep(otherPlan, TODAY, "Appel de la fille", false);
            AgendaService agenda = new AgendaService(db, CLOCK);
            assertEquals(3, agenda.between(TODAY, TODAY.plusDays(1), AgendaService.Filter.TEAM).size());
            assertTrue(agenda.find(otherAppointment).isPresent());
            assertTrue(new EpisodeService(db, CLOCK).all().stream().map(Episode::id).toList().containsAll(List.of(followedEpisode, otherEpisode)));
            patients.update(other, patients.find(other).orElseThrow().data(), Set.of());

            PaymentService payments = new PaymentService(db, CLOCK);
            assertTrue(payments.orders().isEmpty());
            payments.prepare(Period.quarterOf(TODAY));
            Settings settings = new Settings(db);
            settings.set("verrouillage_minutes", "15");
            assertEquals("15", settings.get("verrouillage_minutes").orElseThrow());
            new OpeningHours(db).set(Map.of(DayOfWeek.MONDAY, new OpeningHours.Span(LocalTime.of(8, 0), LocalTime.of(20, 0))));

            denied(Permission.ACCOUNTS, () -> new AccountService(s, SecurityFixtures.vault(file, CLOCK), CLOCK).all());
            denied(Permission.RESTORE, () -> db.access().require(Permission.RESTORE));
        }
    }

    @Test
    void theAdministrateurManagesAccountsAndReadsEverything() {
        try (Session s = SecurityFixtures.signIn(file, CLOCK, "admin", SecurityFixtures.ADMIN_PASSWORD)) {
            Database db = s.database();
            AccountService accounts = new AccountService(s, SecurityFixtures.vault(file, CLOCK), CLOCK);
            assertEquals(Set.of("admin", "coord", "ines", "diane"), Set.copyOf(accounts.all().stream().map(Account::login).toList()));
            char[] password = "lune-de-septembre".toCharArray();
            accounts.create(new AccountService.AccountInput("paul", "Paul Coordinateur", Role.COORDINATEUR, null), password, password);
            assertEquals(5, accounts.all().size());
            assertEquals(4, new PatientService(db, CLOCK).count());
            assertTrue(new PaymentService(db, CLOCK).orders().isEmpty());
            assertTrue(db.access().can(Permission.RESTORE));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Set<Integer> ids(List<PatientSummary> found) {
        return Set.copyOf(found.stream().map(PatientSummary::id).toList());
    }

    private static int auditCount(Database db) {
        return db.read(dsl -> dsl.fetchCount(AUDIT_ENTRY));
    }

    private static void denied(Permission expected, org.junit.jupiter.api.function.Executable call) {
        AccessDenied e = assertThrows(AccessDenied.class, call);
        assertEquals(expected, e.permission(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Votre rôle ("), e.getMessage());
    }

}
