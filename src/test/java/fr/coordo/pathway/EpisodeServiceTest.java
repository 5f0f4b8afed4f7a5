package fr.coordo.pathway;

import static fr.coordo.pathway.PathwayFixtures.TODAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.store.Database;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inclusions and episodes: the inclusion decision, the episode-start rule, séquences and the end. */
class EpisodeServiceTest {
    private static final List<String> ALL_CRITERIA = List.of("adulte", "obesite_complexe", "evaluation", "prescription");

    @TempDir
    Path dir;

    private Database open() {
        return Database.open(dir.resolve("episodes.db"));
    }

    private static InclusionInput inclusion(PathwayFixtures f, int projectId, List<String> criteria) {
        return new InclusionInput(f.patientId, projectId, "P1", criteria, f.pros.get("medecin"), null, null, null,
                TODAY.minusDays(10), TODAY.minusDays(12), TODAY.minusDays(10), ConsentForm.ECRIT, false);
    }

    /** A projet validated by the ARS 30 days ago. */
    private static int validated(PathwayFixtures f) {
        int id = f.transmittedProject(TODAY.minusDays(40));
        f.projects.recordDecision(id, ProjectStatus.VALIDE, TODAY.minusDays(30), null);
        return id;
    }

    @Test
    void anEpisodeStartsOnceTheProjetIsValidatedWithItsSequencesPlannedOneAfterTheOther() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = validated(f);
            InputException early = assertThrows(InputException.class,
                    () -> f.episodes.include(inclusion(f, project, ALL_CRITERIA), TODAY.minusDays(31)));
            assertTrue(early.getMessage().contains("n'est ni validé ni réputé validé"), early.getMessage());
            assertTrue(f.episodes.all().isEmpty(), "a refused start records no inclusion either");

            int id = f.episodes.include(inclusion(f, project, ALL_CRITERIA), LocalDate.of(2026, 11, 16));
            Episode e = f.episodes.find(id).orElseThrow();
            assertEquals("EP-2026-0001", e.reference());
            assertEquals(Episode.State.EN_COURS, e.state());
            assertEquals(f.pros.get("medecin"), e.validatingDoctor().id(), "a deciding doctor validates his own decision");
            assertEquals(2, e.sequences().size());
            Episode.EpisodeSequence s1 = e.sequences().get(0);
            Episode.EpisodeSequence s2 = e.sequences().get(1);
            assertEquals(LocalDate.of(2026, 11, 16), s1.plannedStart());
            assertEquals(LocalDate.of(2027, 11, 15), s1.plannedEnd(), "12 months");
            assertEquals(LocalDate.of(2027, 11, 16), s2.plannedStart());
            assertEquals(LocalDate.of(2028, 11, 15), s2.plannedEnd());
            assertEquals(LocalDate.of(2026, 11, 16), s1.actualStart(), "the first séquence starts with the episode");
            assertNull(s2.actualStart());
            assertEquals("S1", e.currentSequence().orElseThrow().code());
        }
    }

    @Test
    void anEpisodeCannotStartWhileTheProjetIsOnlyTransmittedButCanAfterTheSilentDeadline() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = f.transmittedProject(LocalDate.of(2026, 10, 1));
            int id = f.episodes.include(inclusion(f, project, ALL_CRITERIA), null);
            assertEquals(Episode.State.INCLUS, f.episodes.find(id).orElseThrow().state(), "the decision may precede the validation");
            InputException e = assertThrows(InputException.class, () -> f.episodes.start(id, TODAY));
            assertEquals("L'épisode ne peut pas commencer le 24/11/2026 : le projet PP-2026-001 n'est ni validé ni réputé validé "
                    + "à cette date (article R.162-137) ; sans opposition de l'ARS, il le sera le 02/12/2026.", e.getMessage());

            EpisodeService later = new EpisodeService(db, PathwayFixtures.clockAt(LocalDate.of(2026, 12, 5)));
            assertThrows(InputException.class, () -> later.start(id, LocalDate.of(2026, 12, 1)), "the deadline day is still in the window");
            later.start(id, LocalDate.of(2026, 12, 2));
            assertEquals(Episode.State.EN_COURS, later.find(id).orElseThrow().state());
        }
    }

    @Test
    void anOpposedOrDraftProjetNeverLetsAnEpisodeStart() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int draft = f.readyProject();
            InputException e = assertThrows(InputException.class, () -> f.episodes.include(inclusion(f, draft, ALL_CRITERIA), TODAY));
            assertTrue(e.getMessage().endsWith("; il est « Brouillon »."), e.getMessage());
            int opposed = f.transmittedProject(TODAY.minusDays(20));
            f.projects.recordDecision(opposed, ProjectStatus.OPPOSE, TODAY.minusDays(2), "Dossier incomplet");
            int id = f.episodes.include(new InclusionInput(f.patientId, opposed, "P1", ALL_CRITERIA, f.pros.get("medecin"), null, null, null,
                    TODAY, TODAY, TODAY, ConsentForm.ORAL, false), null);
            EpisodeService muchLater = new EpisodeService(db, PathwayFixtures.clockAt(TODAY.plusMonths(6)));
            assertThrows(InputException.class, () -> muchLater.start(id, TODAY.plusMonths(5)), "an opposition is never outgrown");
        }
    }

    @Test
    void everyCriterionMustBeTickedAndTheRefusalNamesTheMissingOne() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = validated(f);
            InputException e = assertThrows(InputException.class,
                    () -> f.episodes.include(inclusion(f, project, List.of("adulte", "obesite_complexe", "evaluation")), null));
            assertEquals("Critère d'éligibilité non coché : « Inclusion prescrite par un médecin spécialiste de l'obésité référencé ».",
                    e.getMessage());
            assertTrue(f.episodes.all().isEmpty());
        }
    }

    @Test
    void aDecisionByANonDoctorNeedsAValidatingDoctorInsideOrOutsideWithAValidRpps() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = validated(f);
            int dietitian = f.pros.get("dieteticien");
            InclusionInput none = new InclusionInput(f.patientId, project, "P2", ALL_CRITERIA, dietitian, null, null, null,
                    TODAY, TODAY, TODAY, ConsentForm.ECRIT, false);
            InputException e = assertThrows(InputException.class, () -> f.episodes.include(none, null));
            assertTrue(e.getMessage().contains("Médecin validant : obligatoire"), e.getMessage());

            InclusionInput badRpps = new InclusionInput(f.patientId, project, "P2", ALL_CRITERIA, dietitian, null, "Dr Paul Girard",
                    "12345678901", TODAY, TODAY, TODAY, ConsentForm.ECRIT, false);
            InputException bad = assertThrows(InputException.class, () -> f.episodes.include(badRpps, null));
            assertTrue(bad.getMessage().contains("RPPS du médecin validant extérieur"), bad.getMessage());

            InclusionInput nurseValidates = new InclusionInput(f.patientId, project, "P2", ALL_CRITERIA, dietitian, f.pros.get("infirmier"),
                    null, null, TODAY, TODAY, TODAY, ConsentForm.ECRIT, false);
            assertThrows(InputException.class, () -> f.episodes.include(nurseValidates, null), "only a doctor validates");

            String rpps = PathwayFixtures.luhn("1000009999");
            int id = f.episodes.include(new InclusionInput(f.patientId, project, "P2", ALL_CRITERIA, dietitian, null, "Dr Paul Girard",
                    rpps, TODAY, TODAY, TODAY, ConsentForm.ECRIT, false), null);
            Episode ep = f.episodes.find(id).orElseThrow();
            assertNull(ep.validatingDoctor());
            assertEquals("Dr Paul Girard (RPPS " + rpps + "), médecin extérieur à la structure", ep.validatingDoctorText());
        }
    }

    @Test
    void informationAndConsentAreRequiredAndInOrder() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = validated(f);
            InclusionInput noConsent = new InclusionInput(f.patientId, project, "P1", ALL_CRITERIA, f.pros.get("medecin"), null, null, null,
                    TODAY, null, null, null, false);
            InputException e = assertThrows(InputException.class, () -> f.episodes.include(noConsent, null));
            assertTrue(e.getMessage().contains("Information du patient : la date est obligatoire.")
                    && e.getMessage().contains("Consentement du patient"), e.getMessage());
            InclusionInput consentFirst = new InclusionInput(f.patientId, project, "P1", ALL_CRITERIA, f.pros.get("medecin"), null, null, null,
                    TODAY, TODAY, TODAY.minusDays(1), ConsentForm.ECRIT, false);
            InputException order = assertThrows(InputException.class, () -> f.episodes.include(consentFirst, null));
            assertTrue(order.getMessage().contains("il ne peut précéder son information"), order.getMessage());
        }
    }

    @Test
    void aPatientHasOneOpenEpisodePerProjet() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = validated(f);
            int first = f.episodes.include(inclusion(f, project, ALL_CRITERIA), TODAY.minusDays(5));
            InputException e = assertThrows(InputException.class, () -> f.episodes.include(inclusion(f, project, ALL_CRITERIA), null));
            assertTrue(e.getMessage().contains("a déjà un épisode ouvert dans le projet PP-2026-001"), e.getMessage());
            f.episodes.end(first, TODAY, EndReason.RETRAIT, "Déménagement");
            f.episodes.include(inclusion(f, project, ALL_CRITERIA), null);
            assertEquals(2, f.episodes.ofPatient(f.patientId).size());
        }
    }

    @Test
    void sequencesAndTheEndAreDatedWithinTheEpisode() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = validated(f);
            LocalDate start = TODAY.minusDays(8);
            int id = f.episodes.include(inclusion(f, project, ALL_CRITERIA), start);
            assertThrows(InputException.class, () -> f.episodes.recordSequence(id, "S1", start.minusDays(1), null), "before the episode");
            assertThrows(InputException.class, () -> f.episodes.recordSequence(id, "S1", start, start.minusDays(1)), "end before start");
            assertThrows(InputException.class, () -> f.episodes.recordSequence(id, "S2", null, TODAY), "an end needs a start");
            assertThrows(InputException.class, () -> f.episodes.recordSequence(id, "S9", start, null), "unknown séquence");
            f.episodes.recordSequence(id, "S1", start, TODAY.minusDays(2));
            f.episodes.recordSequence(id, "S2", TODAY.minusDays(1), null);
            assertEquals("S2", f.episodes.find(id).orElseThrow().currentSequence().orElseThrow().code());

            InputException before = assertThrows(InputException.class, () -> f.episodes.end(id, start.minusDays(1), EndReason.TERMINE, null));
            assertTrue(before.getMessage().contains("précède son début"), before.getMessage());
            assertThrows(InputException.class, () -> f.episodes.end(id, TODAY.plusDays(1), EndReason.TERMINE, null), "not in the future");
            f.episodes.end(id, TODAY, EndReason.DECES, null);
            Episode e = f.episodes.find(id).orElseThrow();
            assertEquals(Episode.State.CLOS, e.state());
            assertEquals(EndReason.DECES, e.endReason());
            assertThrows(InputException.class, () -> f.episodes.recordSequence(id, "S2", TODAY.minusDays(1), TODAY), "a closed episode is history");
            assertThrows(InputException.class, () -> f.episodes.end(id, TODAY, EndReason.TERMINE, null), "closed once");
        }
    }

    @Test
    void anEpisodeKeepsTheTypeVersionItWasIncludedUnder() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = validated(f);
            int id = f.episodes.include(inclusion(f, project, ALL_CRITERIA), TODAY.minusDays(1));
            PcrType t = f.obesity.type();
            f.types.saveNewVersion(new PcrType(t.code(), "Obésité complexe de l'adulte (révisé)", t.revision(), t.arreteReference(),
                    t.arreteDate(), t.objectives(), t.targetPopulation(), t.criteria(), t.profiles(), t.sequences(),
                    t.overseasSurchargePercent(), t.coFinanced(), t.patientParticipationPercent(), t.directCpamPayment(), t.defaultSplit(),
                    t.minimumTeam(), t.eligibleCategories(), t.amendmentRule(), t.notes()), "Libellé révisé");
            Episode e = f.episodes.find(id).orElseThrow();
            assertEquals(f.obesity.id(), e.type().id());
            assertEquals("Obésité complexe de l'adulte", e.type().label());
            assertEquals("Obésité complexe", e.profileLabel());
        }
    }

    @Test
    void anEpisodeDoesNotStartInTheFutureEvenAfterTheDeadlineToCome() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = f.transmittedProject(TODAY.minusDays(10));
            int id = f.episodes.include(inclusion(f, project, ALL_CRITERIA), null);
            LocalDate afterDeadline = f.projects.find(project).orElseThrow().current().deadline().orElseThrow().plusDays(1);
            InputException e = assertThrows(InputException.class, () -> f.episodes.start(id, afterDeadline),
                    "the ARS may still oppose before that day");
            assertTrue(e.getMessage().contains("est dans le futur"), e.getMessage());
            assertEquals(Episode.State.INCLUS, f.episodes.find(id).orElseThrow().state());
        }
    }

    @Test
    void anInclusionNeverStartedIsClosedAndFreesThePatient() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = f.transmittedProject(TODAY.minusDays(10));
            int id = f.episodes.include(inclusion(f, project, ALL_CRITERIA), null);
            InputException early = assertThrows(InputException.class,
                    () -> f.episodes.end(id, TODAY.minusDays(11), EndReason.RETRAIT, null));
            assertTrue(early.getMessage().contains("précède la décision d'inclusion"), early.getMessage());
            f.episodes.end(id, TODAY, EndReason.RETRAIT, "Ne souhaite plus participer");
            assertEquals(Episode.State.CLOS, f.episodes.find(id).orElseThrow().state());
            f.episodes.include(inclusion(f, project, ALL_CRITERIA), null);
            assertEquals(2, f.episodes.ofPatient(f.patientId).size(), "a new inclusion is possible");
        }
    }
}
