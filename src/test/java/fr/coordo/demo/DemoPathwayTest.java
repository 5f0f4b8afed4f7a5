package fr.coordo.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.agenda.AgendaService;
import fr.coordo.identity.CheckDigits;
import fr.coordo.identity.IdentifierKind;
import fr.coordo.pathway.EndReason;
import fr.coordo.pathway.Episode;
import fr.coordo.pathway.EpisodeService;
import fr.coordo.pathway.Gap;
import fr.coordo.pathway.PcrType;
import fr.coordo.pathway.PcrTypeService;
import fr.coordo.pathway.PcrTypeVersion;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentService;
import fr.coordo.plan.Plan;
import fr.coordo.plan.PlanService;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small demo's parcours, as a newcomer clicking through the Parcours section finds them. */
class DemoPathwayTest {
    @TempDir
    static Path dir;
    private static Database db;
    private static ProjectService projects;
    private static EpisodeService episodes;
    private static LocalDate today;
    private static DemoGenerator.Result result;

    @BeforeAll
    static void fill() {
        db = Database.open(dir.resolve("pathway.db"));
        result = new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
        projects = new ProjectService(db);
        episodes = new EpisodeService(db);
        today = projects.today();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Project withStatus(ProjectStatus status) {
        List<Project> found = projects.all().stream().filter(p -> p.current().status(today) == status).toList();
        assertEquals(1, found.size(), "one projet « " + status.label() + " »: " + found.stream().map(Project::reference).toList());
        return found.getFirst();
    }

    @Test
    void theValidatedObesityProjetHasACompleteTeamAndOnlyANewIbanToType() {
        assertEquals(3, result.projects());
        Project validated = withStatus(ProjectStatus.VALIDE);
        ProjectVersion v = validated.current();
        assertEquals(DemoPathway.OBESITY, v.type().code());
        // Its one gap: a médecin changed banks since, and his new IBAN waits in his record's note (the payments stop on it too).
        List<Gap> gaps = projects.readiness(validated.id());
        assertEquals(1, gaps.size(), gaps.toString());
        assertTrue(gaps.getFirst().message().endsWith("n'a pas de coordonnées bancaires (IBAN)."), gaps.getFirst().message());
        Professional doctor = new TeamService(db).all().stream().filter(p -> p.id() == gaps.getFirst().professionalId()).findFirst().orElseThrow();
        assertEquals("medecin", doctor.professionCode());
        assertTrue(doctor.notes().startsWith("Nouveau RIB à saisir : IBAN FR"), doctor.notes());
        assertEquals(PcrTypeVersion.Origin.SAISIE, v.type().origin());
        assertTrue(v.type().note().contains("Montants fictifs de démonstration"), v.type().note());
        assertEquals(List.of(), v.type().type().toComplete(), "the demo completed the obesity type");
        // Paid in two parts, one per séquence, so that a first séquence ended is payable (see DemoPaymentsTest).
        for (PcrType.Profile p : v.type().type().profiles()) {
            assertEquals(Set.of("S1", "S2"), p.bySequence().keySet(), p.code());
            assertEquals(0, p.forfait().compareTo(p.bySequence().get("S1").add(p.bySequence().get("S2"))), p.code());
        }
        assertEquals(0, new java.math.BigDecimal("700").compareTo(v.type().type().profile("P1").orElseThrow().bySequence().get("S1")));

        Map<String, Long> professions = v.members().stream()
                .collect(Collectors.groupingBy(m -> m.professional().professionCode(), Collectors.counting()));
        for (PcrType.Requirement r : v.type().type().minimumTeam()) {
            assertTrue(professions.getOrDefault(r.professionCode(), 0L) >= r.count(), r.professionCode() + " in " + professions);
        }
        assertTrue(professions.containsKey("infirmier") && professions.containsKey("masseur_kinesitherapeute"), professions.toString());

        // Transmitted about eight months ago, validated a month later; everything signed and notified before.
        assertTrue(v.transmittedOn().isAfter(today.minusMonths(9)) && v.transmittedOn().isBefore(today.minusMonths(7)), v.transmittedOn().toString());
        assertEquals(v.transmittedOn().plusMonths(1), v.decisionOn());
        assertEquals(v.decisionOn(), v.authorisedFrom().orElseThrow());
        assertTrue(v.representativeSignedOn().isBefore(v.transmittedOn()));
        for (ProjectVersion.Member m : v.members()) {
            assertTrue(m.signedOn().isBefore(v.transmittedOn()), m.signatoryName());
            if (m.needsOrdreNotification()) {
                assertFalse(m.ordreNotifiedOn().isBefore(m.signedOn()), "notified after signing: " + m.signatoryName());
                assertTrue(m.ordreNotifiedOn().isBefore(v.transmittedOn()), m.signatoryName());
            } else {
                assertNull(m.ordreNotifiedOn(), m.signatoryName());
            }
        }
        var structure = new StructureService(db).load().orElseThrow();
        assertEquals("sisa", structure.legalForm());
        assertNotNull(structure.legalRepresentative());
        assertNotNull(structure.iban());
    }

    @Test
    void theDraftShowsTheGapsACoordinatorMeets() {
        Project draft = withStatus(ProjectStatus.BROUILLON);
        List<String> gaps = projects.readiness(draft.id()).stream().map(Gap::message).toList();
        assertTrue(gaps.stream().anyMatch(g -> g.endsWith("n'a pas de numéro RPPS.")), gaps.toString());
        assertTrue(gaps.stream().anyMatch(g -> g.endsWith("n'a pas de coordonnées bancaires (IBAN).")), gaps.toString());
        assertTrue(gaps.stream().anyMatch(g -> g.contains(PcrType.TO_COMPLETE)), "the type's amounts are still to complete: " + gaps);
        assertTrue(gaps.stream().anyMatch(g -> g.startsWith("Signature manquante")), gaps.toString());
        assertTrue(gaps.size() >= 6, gaps.toString());
    }

    @Test
    void aThirdProjetWaitsForTheArsWithItsCountdown() {
        Project waiting = withStatus(ProjectStatus.TRANSMIS);
        ProjectVersion v = waiting.current();
        long left = v.daysLeft(today).orElseThrow();
        assertTrue(left > 20 && left < 50, "transmitted three weeks ago: " + left + " days left");
        assertEquals(List.of(), projects.readiness(waiting.id()));
        assertTrue(v.members().stream().allMatch(m -> m.signedOn() != null && !m.signedOn().isAfter(v.transmittedOn())));
    }

    @Test
    void fortyEpisodesInEveryStateStartedOnlyOnceTheProjetWasValidated() {
        Project validated = withStatus(ProjectStatus.VALIDE);
        LocalDate authorised = validated.current().authorisedFrom().orElseThrow();
        List<Episode> all = episodes.ofProject(validated.id());
        assertEquals(all.size(), result.episodes());
        assertTrue(all.size() >= 35 && all.size() <= 45, all.size() + " episodes");
        assertEquals(all.size(), episodes.all().size(), "every episode belongs to the validated projet");
        assertEquals(EnumSet.allOf(Episode.State.class), all.stream().map(Episode::state).collect(Collectors.toSet()));
        assertEquals(EnumSet.allOf(EndReason.class), all.stream().map(Episode::endReason).filter(r -> r != null).collect(Collectors.toSet()));
        long waiting = all.stream().filter(e -> e.state() == Episode.State.INCLUS).count();
        assertTrue(waiting >= 2 && waiting <= 4, waiting + " included, not started");
        assertEquals(all.size(), all.stream().map(Episode::patientId).distinct().count(), "one episode per patient");

        List<String> criteria = validated.type().type().criteria().stream().map(PcrType.Criterion::code).toList();
        long secondSequence = 0;
        for (Episode e : all) {
            assertEquals(criteria, e.criteria(), e.reference());
            assertFalse(e.decidedOn().isBefore(authorised), e.reference());
            assertFalse(e.consentOn().isBefore(e.informedOn()), e.reference());
            assertFalse(e.consentOn().isAfter(e.decidedOn()), e.reference());
            assertFalse(e.decidedOn().isAfter(today), e.reference());
            if (e.startOn() == null) {
                assertTrue(e.sequences().isEmpty(), e.reference());
                continue;
            }
            assertFalse(e.startOn().isBefore(authorised), "started on or after the validation: " + e.reference());
            assertFalse(e.startOn().isBefore(e.decidedOn()), e.reference());
            assertEquals(e.startOn(), e.sequences().getFirst().actualStart(), e.reference());
            for (Episode.EpisodeSequence s : e.sequences()) {
                assertTrue(s.actualStart() == null || !s.actualStart().isAfter(today), e.reference());
                assertTrue(s.actualEnd() == null || !s.actualEnd().isBefore(s.actualStart()), e.reference());
            }
            Episode.EpisodeSequence second = e.sequences().get(1);
            if (second.actualStart() != null) {
                secondSequence++;
                assertEquals(e.sequences().getFirst().actualEnd().plusDays(1), second.actualStart(), e.reference());
            }
            if (e.state() == Episode.State.EN_COURS) {
                assertTrue(e.currentSequence().isPresent(), e.reference());
                assertTrue(e.sequences().stream().filter(s -> s.actualStart() != null).allMatch(s -> s.actualEnd() == null
                        || s != e.currentSequence().get()), e.reference());
            } else if (e.state() == Episode.State.CLOS) {
                assertFalse(e.endOn().isAfter(today), e.reference());
                assertTrue(e.sequences().stream().allMatch(s -> s.actualStart() == null || s.actualEnd() != null),
                        "the séquence under way ended with the episode: " + e.reference());
            }
        }
        assertTrue(secondSequence >= 5, secondSequence + " episodes in their second séquence or past it");
        assertTrue(all.stream().filter(e -> e.state() == Episode.State.EN_COURS).anyMatch(e -> e.currentSequence().orElseThrow().position() == 1),
                "some episodes are in their second séquence");
    }

    @Test
    void inclusionsAreDecidedInTheStructureAndValidatedByADoctor() {
        List<Episode> all = episodes.all();
        long byDoctor = all.stream().filter(e -> e.decidedBy().professionCode().equals("medecin")).count();
        assertTrue(byDoctor > all.size() / 2, "mostly decided by a médecin: " + byDoctor);
        for (Episode e : all) {
            if (e.decidedBy().professionCode().equals("medecin")) {
                assertEquals(e.decidedBy(), e.validatingDoctor(), "a deciding doctor validates himself: " + e.reference());
            }
        }
        assertTrue(all.stream().anyMatch(e -> e.decidedBy().professionCode().equals("dieteticien") && e.validatingDoctor() != null
                && e.validatingDoctor().professionCode().equals("medecin")), "a diététicien decides, a doctor of the team validates");
        List<Episode> outside = all.stream().filter(e -> e.validatingDoctor() == null).toList();
        assertFalse(outside.isEmpty(), "a few validated by a doctor outside the structure");
        for (Episode e : outside) {
            assertTrue(e.externalDoctorRpps().matches("\\d{11}") && CheckDigits.luhnValid(e.externalDoctorRpps()), e.externalDoctorRpps());
            assertTrue(e.validatingDoctorText().startsWith("Dr "), e.validatingDoctorText());
        }
    }

    @Test
    void episodesOpenOntoPatientsWithAPlanAndAppointmentsAndTheDeceasedIsRecordedSo() {
        PlanService plans = new PlanService(db);
        AgendaService agenda = new AgendaService(db);
        PatientService patients = new PatientService(db);
        List<Episode> all = episodes.all();
        long withPlan = all.stream().filter(e -> !plans.plansOf(e.patientId()).isEmpty()).count();
        long inForce = all.stream().filter(e -> plans.plansOf(e.patientId()).stream().anyMatch(p -> p.state() == Plan.State.VALIDE)).count();
        long booked = all.stream().filter(e -> !agenda.ofPatient(e.patientId()).isEmpty()).count();
        assertTrue(withPlan >= all.size() * 3 / 4, "most episodes show a plan: " + withPlan);
        assertTrue(inForce >= all.size() / 2, "in force for most: " + inForce);
        assertTrue(booked >= all.size() * 3 / 4, "most patients have appointments: " + booked);
        for (Episode e : all) {
            var patient = patients.find(e.patientId()).orElseThrow();
            assertTrue(patient.data().birthDate().plusYears(18).isBefore(e.decidedOn()), "an adult: " + e.reference());
            if (e.endReason() == EndReason.DECES) {
                assertEquals(PatientStatus.DECEDE, patient.data().status());
                assertEquals(e.endOn(), patient.data().statusOn());
                assertTrue(agenda.ofPatient(e.patientId()).stream().noneMatch(a -> a.day().isAfter(e.endOn())), "nothing booked after the death");
            } else {
                assertEquals(PatientStatus.SUIVI, patient.data().status(), e.reference());
            }
        }
    }

    @Test
    void theShippedTypesStayAndEveryVersionTheDemoSavedPassesTheChecks() {
        PcrTypeService types = new PcrTypeService(db);
        for (PcrTypeVersion t : types.current()) {
            assertEquals(List.of(), PcrTypeService.check(t.type()), t.displayName());
            List<PcrTypeVersion> versions = types.versions(t.code());
            assertEquals(PcrTypeVersion.Origin.CATALOGUE, versions.getFirst().origin(), "the shipped version is kept: " + t.code());
        }
    }

    @Test
    void theTeamRecordsTheProjetsNeedPassTheTeamFormsChecks() {
        TeamService team = new TeamService(db);
        for (Professional p : team.all()) {
            Set<IdentifierKind> confirmed = p.confirmedKeys() == null ? Set.of()
                    : java.util.Arrays.stream(p.confirmedKeys().split(",")).map(IdentifierKind::valueOf).collect(Collectors.toSet());
            assertEquals(List.of(), team.check(p.toInput(), confirmed, p.id()), "editing " + p.displayName() + " starts without an error");
        }
    }

    @Test
    void theSameSeedGivesTheSameParcours() {
        assertEquals(snapshot(dir.resolve("a.db")), snapshot(dir.resolve("b.db")));
    }

    private static List<String> snapshot(Path file) {
        try (Database other = Database.open(file)) {
            new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(other, DemoGenerator.Size.SMALL);
            List<String> rows = new java.util.ArrayList<>();
            for (Project p : new ProjectService(other).all()) {
                ProjectVersion v = p.current();
                rows.add(p.reference() + " " + v.status(today) + " " + v.transmittedOn() + " " + v.decisionOn() + " " + v.representativeSignedOn()
                        + v.members().stream().map(m -> m.professional().id() + "/" + m.signedOn() + "/" + m.ordreNotifiedOn()).toList());
            }
            for (Episode e : new EpisodeService(other).all()) {
                rows.add(e.reference() + " " + e.patientId() + " " + e.profileCode() + " " + e.decidedBy().id() + " " + e.decidedOn() + " "
                        + e.informedOn() + " " + e.consentOn() + " " + e.startOn() + " " + e.endOn() + " " + e.endReason() + " "
                        + e.externalDoctorRpps() + " " + e.sequences().stream().map(s -> s.actualStart() + ".." + s.actualEnd()).toList());
            }
            for (PaymentOrder o : new PaymentService(other).orders()) {
                rows.add(o.number() + " " + o.kind() + " " + o.period() + " " + o.issuedAt() + " " + o.cancelsNumber() + " " + o.reason() + " "
                        + o.totalCents() + o.lines().stream().map(l -> l.episodeReference() + l.sequenceCode() + "/" + l.professionalId() + "/"
                                + l.activityCount() + "/" + l.amountCents()).toList());
            }
            assertEquals(Set.of(), rows.stream().filter(r -> rows.indexOf(r) != rows.lastIndexOf(r)).collect(Collectors.toSet()));
            return rows;
        }
    }
}
