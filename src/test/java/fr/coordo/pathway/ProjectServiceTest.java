package fr.coordo.pathway;

import static fr.coordo.pathway.PathwayFixtures.TODAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.Professional;
import fr.coordo.team.ProfessionalInput;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projet de parcours: each readiness rule, each status transition, and versions after transmission. */
class ProjectServiceTest {
    @TempDir
    Path dir;

    private Database open() {
        return Database.open(dir.resolve("pcr.db"));
    }

    private static List<String> messages(List<Gap> gaps, Gap.Kind kind) {
        return gaps.stream().filter(g -> g.kind() == kind).map(Gap::message).toList();
    }

    private static boolean has(List<Gap> gaps, Gap.Kind kind, String fragment) {
        return messages(gaps, kind).stream().anyMatch(m -> m.contains(fragment));
    }

    private static ProfessionalInput edit(Professional p, java.util.function.UnaryOperator<ProfessionalInput> change) {
        return change.apply(p.toInput());
    }

    private static Professional pro(PathwayFixtures f, String profession) {
        int id = f.pros.get(profession);
        return f.team.all().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- readiness rules

    @Test
    void aCompleteProjetLacksOnlyItsSignaturesAndNotifications() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            List<Gap> gaps = f.projects.readiness(f.readyProject());
            assertTrue(gaps.stream().noneMatch(g -> g.kind().isContent()), gaps::toString);
            assertEquals(6, messages(gaps, Gap.Kind.SIGNATURE).size(), "five members and the representative sign");
            assertTrue(has(gaps, Gap.Kind.SIGNATURE, "représentant légal de la structure (Dr Anne Martin)"), gaps::toString);
            assertEquals(2, messages(gaps, Gap.Kind.NOTIFICATION).size(), "the médecin and the infirmier have an Ordre; the others none");
            assertTrue(has(gaps, Gap.Kind.NOTIFICATION, "Ordre des médecins"), gaps::toString);
        }
    }

    @Test
    void aStructureOfACategoryTheTypeDoesNotAdmitIsAGap() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            new fr.coordo.team.StructureService(db, f.clock).save(PathwayFixtures.structure("msp_autre"), Set.of());
            List<Gap> gaps = f.projects.readiness(f.readyProject());
            assertTrue(has(gaps, Gap.Kind.STRUCTURE, "n'est pas d'une catégorie éligible au PCR « Obésité complexe de l'adulte »"), gaps::toString);
        }
    }

    @Test
    void theMinimumTeamIsCheckedProfessionByProfession() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int dietitian = f.pros.get("dieteticien");
            ProjectInput without = f.input().withMembers(f.members().stream().filter(m -> m.professionalId() != dietitian).toList());
            List<Gap> gaps = f.projects.readiness(f.projects.create(without));
            assertEquals(List.of("Équipe minimale non atteinte : diététicien demandé (1), 0 dans l'équipe."), messages(gaps, Gap.Kind.TEAM));
        }
    }

    @Test
    void aProfessionalWithoutRppsIsAGap() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            Professional psy = pro(f, "psychologue");
            ProfessionalInput in = psy.toInput();
            f.team.update(psy.id(), new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(), in.specialty(),
                    null, in.adeli(), in.amNumber(), in.amRequestedOn(), in.conventioned(), in.cpamContractSignedOn(), in.practiceMode(),
                    in.employerName(), in.employerSiret(), in.phone(), in.email(), in.mssante(), in.iban(), in.bic(), in.notes()), Set.of());
            List<Gap> gaps = f.projects.readiness(f.readyProject());
            Gap gap = gaps.stream().filter(g -> g.kind() == Gap.Kind.PROFESSIONAL).findFirst().orElseThrow();
            assertEquals(psy.displayName() + " (Psychologue) n'a pas de numéro RPPS.", gap.message());
            assertEquals(psy.id(), gap.professionalId(), "the window selects the professional's row from the gap");
        }
    }

    @Test
    void aNonConventionedProfessionalNeedsANumeroAmOrAPendingRequest() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            Professional apa = pro(f, "enseignant_apa");
            ProfessionalInput in = apa.toInput();
            f.team.update(apa.id(), withAm(in, null, null, false), Set.of());
            int id = f.readyProject();
            assertTrue(has(f.projects.readiness(id), Gap.Kind.PROFESSIONAL, "n'est pas conventionné et n'a ni numéro AM ni demande en cours"));
            f.team.update(apa.id(), withAm(in, null, TODAY.minusDays(10), false), Set.of());
            assertTrue(f.projects.readiness(id).stream().noneMatch(g -> g.kind().isContent()), "a pending request is enough to declare");
        }
    }

    private static ProfessionalInput withAm(ProfessionalInput in, String am, LocalDate requested, boolean conventioned) {
        return new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(), in.specialty(), in.rpps(), in.adeli(),
                am, requested, conventioned, conventioned ? null : TODAY.minusDays(5), in.practiceMode(), in.employerName(), in.employerSiret(),
                in.phone(), in.email(), in.mssante(), in.iban(), in.bic(), in.notes());
    }

    private static ProfessionalInput salaried(ProfessionalInput in, String employer) {
        return new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(), in.specialty(), in.rpps(), in.adeli(),
                in.amNumber(), in.amRequestedOn(), in.conventioned(), in.cpamContractSignedOn(), PracticeMode.SALARIE, employer,
                employer == null ? null : "35600000000048", in.phone(), in.email(), in.mssante(), in.iban(), in.bic(), in.notes());
    }

    @Test
    void aSalariedProfessionalNeedsHisEmployerWhoThenSignsForHim() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            Professional psy = pro(f, "psychologue");
            // the team form refuses a salaried professional without employer; older records may still lack it
            db.write((dsl, audit) -> {
                audit.record("professional", psy.id(), fr.coordo.store.AuditAction.UPDATE, java.util.Map.of());
                return dsl.execute("UPDATE professional SET practice_mode = 'SALARIE', employer_name = NULL WHERE id = " + psy.id());
            });
            int id = f.readyProject();
            assertTrue(has(f.projects.readiness(id), Gap.Kind.PROFESSIONAL, "est salarié mais son employeur n'est pas renseigné"));
            f.team.update(psy.id(), salaried(psy.toInput(), "Association Santé Loire"), Set.of());
            List<Gap> gaps = f.projects.readiness(id);
            assertTrue(gaps.stream().noneMatch(g -> g.kind().isContent()), gaps::toString);
            assertTrue(has(gaps, Gap.Kind.SIGNATURE, "Signature manquante : Association Santé Loire (employeur de " + psy.displayName() + ")"),
                    gaps::toString);
        }
    }

    @Test
    void missingBankDetailsAreGapsForTheProfessionalAndForAStructureThatPays() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            Professional nurse = pro(f, "infirmier");
            ProfessionalInput in = nurse.toInput();
            f.team.update(nurse.id(), new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(), in.specialty(),
                    in.rpps(), in.adeli(), in.amNumber(), in.amRequestedOn(), in.conventioned(), in.cpamContractSignedOn(), in.practiceMode(),
                    in.employerName(), in.employerSiret(), in.phone(), in.email(), in.mssante(), null, null, in.notes()), Set.of());
            var s = PathwayFixtures.structure("msp_sisa");
            new fr.coordo.team.StructureService(db, f.clock).save(new fr.coordo.team.StructureInput(s.name(), s.legalForm(), s.category(),
                    s.siren(), s.siret(), s.finess(), s.address(), s.postalCode(), s.city(), s.departmentCode(), s.arsRegion(), s.cpam(),
                    s.legalRepresentative(), s.coordinators(), s.phone(), s.email(), null, null), Set.of());
            int byStructure = f.readyProject();
            List<Gap> gaps = f.projects.readiness(byStructure);
            assertTrue(has(gaps, Gap.Kind.PROFESSIONAL, nurse.displayName() + " (Infirmier) n'a pas de coordonnées bancaires (IBAN)."), gaps::toString);
            assertTrue(has(gaps, Gap.Kind.STRUCTURE, "coordonnées bancaires de la structure"), gaps::toString);
            ProjectInput cpam = new ProjectInput(f.obesity.id(), TODAY.plusMonths(2), 30, null, PaymentChannel.CPAM, f.members());
            assertFalse(has(f.projects.readiness(f.projects.create(cpam)), Gap.Kind.STRUCTURE, "coordonnées bancaires"),
                    "when the CPAM pays, the structure's account is not needed");
        }
    }

    @Test
    void aTypeWithAmountsStillToCompleteCannotBeDeclared() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            PcrTypeVersion shipped = f.types.versions("obesite_complexe_adulte").getFirst();
            int id = f.projects.create(new ProjectInput(shipped.id(), TODAY.plusMonths(1), 20, null, PaymentChannel.STRUCTURE, f.members()));
            List<String> type = messages(f.projects.readiness(id), Gap.Kind.TYPE);
            assertTrue(type.stream().anyMatch(m -> m.contains("forfait du profil « Obésité complexe avec troubles du comportement alimentaire » à compléter")),
                    type::toString);
            assertThrows(InputException.class, () -> f.projects.markReady(id));
        }
    }

    @Test
    void aProfessionalWhoLeftTheStructureIsAGap() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.readyProject();
            f.team.endMembership(f.pros.get("infirmier"), TODAY.minusDays(1));
            assertTrue(has(f.projects.readiness(id), Gap.Kind.PROFESSIONAL, "n'est pas membre de l'équipe de la structure"));
        }
    }

    // ---------------------------------------------------------------- status transitions

    @Test
    void readyToSignIsRefusedWithTheGapsListed() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.projects.create(f.input().withMembers(List.of()));
            InputException e = assertThrows(InputException.class, () -> f.projects.markReady(id));
            assertTrue(e.getMessage().contains("n'est pas prêt à signer") && e.getMessage().contains("L'équipe du projet est vide."), e.getMessage());
            assertEquals(ProjectStatus.BROUILLON, f.projects.find(id).orElseThrow().current().storedStatus(), "nothing changed");
        }
    }

    @Test
    void signaturesLeadToSigneAndAClearedOneBackToPret() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.readyProject();
            assertThrows(InputException.class, () -> f.projects.recordSignature(id, f.pros.get("medecin"), TODAY),
                    "a draft is not signed");
            f.projects.markReady(id);
            f.projects.recordSignature(id, f.pros.get("medecin"), TODAY.minusDays(1));
            assertEquals(ProjectStatus.PRET, status(f, id), "one signature of six");
            f.signAll(id, TODAY.minusDays(1));
            assertEquals(ProjectStatus.SIGNE, status(f, id));
            f.projects.recordRepresentativeSignature(id, null);
            assertEquals(ProjectStatus.PRET, status(f, id), "a cleared signature makes it unsigned again");
            assertThrows(InputException.class, () -> f.projects.recordSignature(id, f.pros.get("medecin"), TODAY.plusDays(1)),
                    "a signature cannot be dated in the future");
        }
    }

    @Test
    void aReadyProjetIsChangedOnlyAfterGoingBackToDraftWhichClearsTheSignatures() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.readyProject();
            f.projects.markReady(id);
            f.signAll(id, TODAY);
            InputException e = assertThrows(InputException.class, () -> f.projects.update(id, f.input(), null));
            assertTrue(e.getMessage().contains("revenez au brouillon"), e.getMessage());
            f.projects.backToDraft(id);
            ProjectVersion v = f.projects.find(id).orElseThrow().current();
            assertEquals(ProjectStatus.BROUILLON, v.storedStatus());
            assertTrue(v.members().stream().allMatch(m -> m.signedOn() == null) && v.representativeSignedOn() == null);
            assertTrue(v.members().stream().anyMatch(m -> m.ordreNotifiedOn() != null), "notifications made stay made");
            assertEquals(1, f.projects.update(id, f.input(), null), "a draft is changed in place");
            assertEquals(2, f.projects.find(id).orElseThrow().current().members().stream().filter(m -> m.ordreNotifiedOn() != null).count(),
                    "saving the draft again keeps the Ordre notifications of the members who stay");
        }
    }

    @Test
    void transmissionNeedsEverySignatureAndNotificationAndADateAfterThem() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.readyProject();
            f.projects.markReady(id);
            assertThrows(InputException.class, () -> f.projects.transmit(id, TODAY), "not signed");
            for (int pro : f.pros.values()) {
                f.projects.recordSignature(id, pro, TODAY.minusDays(4));
            }
            f.projects.recordRepresentativeSignature(id, TODAY.minusDays(2));
            InputException missing = assertThrows(InputException.class, () -> f.projects.transmit(id, TODAY));
            assertTrue(missing.getMessage().contains("Notification à l'Ordre des médecins non faite"), missing.getMessage());
            f.projects.recordOrdreNotification(id, f.pros.get("medecin"), TODAY.minusDays(3));
            f.projects.recordOrdreNotification(id, f.pros.get("infirmier"), TODAY.minusDays(3));
            assertThrows(InputException.class, () -> f.projects.recordOrdreNotification(id, f.pros.get("psychologue"), TODAY),
                    "psychologists have no Ordre");
            InputException early = assertThrows(InputException.class, () -> f.projects.transmit(id, TODAY.minusDays(3)));
            assertTrue(early.getMessage().contains("précède la dernière signature ou notification"), early.getMessage());
            assertThrows(InputException.class, () -> f.projects.transmit(id, TODAY.plusDays(1)), "not in the future");
            f.projects.transmit(id, TODAY);
            ProjectVersion v = f.projects.find(id).orElseThrow().current();
            assertEquals(ProjectStatus.TRANSMIS, v.status(TODAY));
            assertEquals(LocalDate.of(2027, 1, 24), v.deadline().orElseThrow());
            assertEquals(61L, v.daysLeft(TODAY).orElseThrow());
        }
    }

    @Test
    void theArsValidatesOrOpposesWithinTheWindowOnly() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int validated = f.transmittedProject(TODAY.minusDays(20));
            assertThrows(InputException.class, () -> f.projects.recordDecision(validated, ProjectStatus.VALIDE, TODAY.minusDays(21), null),
                    "not before the transmission");
            f.projects.recordDecision(validated, ProjectStatus.VALIDE, TODAY.minusDays(5), null);
            ProjectVersion v = f.projects.find(validated).orElseThrow().current();
            assertEquals(ProjectStatus.VALIDE, v.status(TODAY));
            assertEquals(TODAY.minusDays(5), v.authorisedFrom().orElseThrow());
            assertThrows(InputException.class, () -> f.projects.recordDecision(validated, ProjectStatus.OPPOSE, TODAY, "trop tard"),
                    "a decided version takes no second decision");

            int opposed = f.transmittedProject(TODAY.minusDays(10));
            InputException noReason = assertThrows(InputException.class,
                    () -> f.projects.recordDecision(opposed, ProjectStatus.OPPOSE, TODAY, " "));
            assertTrue(noReason.getMessage().contains("Motif de l'opposition"), noReason.getMessage());
            f.projects.recordDecision(opposed, ProjectStatus.OPPOSE, TODAY, "Équipe insuffisante en psychologues");
            ProjectVersion o = f.projects.find(opposed).orElseThrow().current();
            assertEquals(ProjectStatus.OPPOSE, o.status(TODAY.plusYears(1)), "an opposition stays an opposition");
            assertTrue(o.authorisedFrom().isEmpty());
        }
    }

    @Test
    void silenceAtTheDeadlineMakesTheProjetReputeValideAndAnOppositionTooLateIsRefused() {
        try (Database db = open()) {
            LocalDate sent = LocalDate.of(2026, 9, 24);
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.transmittedProject(sent);
            ProjectVersion v = f.projects.find(id).orElseThrow().current();
            assertEquals(LocalDate.of(2026, 11, 24), v.deadline().orElseThrow());
            assertEquals(ProjectStatus.TRANSMIS, v.status(LocalDate.of(2026, 11, 24)), "the ARS may answer until the deadline included");
            assertEquals(0L, v.daysLeft(LocalDate.of(2026, 11, 24)).orElseThrow());
            assertEquals(ProjectStatus.REPUTE_VALIDE, v.status(LocalDate.of(2026, 11, 25)));
            assertTrue(v.daysLeft(LocalDate.of(2026, 11, 25)).isEmpty());
            assertEquals(LocalDate.of(2026, 11, 25), v.authorisedFrom().orElseThrow());

            ProjectService later = new ProjectService(db, PathwayFixtures.clockAt(LocalDate.of(2026, 12, 2)));
            InputException e = assertThrows(InputException.class,
                    () -> later.recordDecision(id, ProjectStatus.OPPOSE, LocalDate.of(2026, 12, 1), "hors délai"));
            assertTrue(e.getMessage().contains("réputé validé"), e.getMessage());
            later.recordDecision(id, ProjectStatus.OPPOSE, LocalDate.of(2026, 11, 20), "Courrier reçu en retard, daté du 20/11");
            assertEquals(ProjectStatus.OPPOSE, later.find(id).orElseThrow().current().status(LocalDate.of(2026, 12, 2)),
                    "an opposition dated within the window and recorded late is still an opposition");
        }
    }

    @Test
    void theDeadlineIsTwoCalendarMonthsLaterClampedToTheMonthsEnd() {
        assertEquals(LocalDate.of(2026, 5, 31), ProjectVersion.deadlineOf(LocalDate.of(2026, 3, 31)));
        assertEquals(LocalDate.of(2027, 2, 28), ProjectVersion.deadlineOf(LocalDate.of(2026, 12, 31)));
        assertEquals(LocalDate.of(2027, 2, 28), ProjectVersion.deadlineOf(LocalDate.of(2026, 12, 29)));
        assertEquals(LocalDate.of(2028, 2, 29), ProjectVersion.deadlineOf(LocalDate.of(2027, 12, 31)), "leap year");
        assertEquals(LocalDate.of(2028, 2, 29), ProjectVersion.deadlineOf(LocalDate.of(2027, 12, 29)));
        assertEquals(LocalDate.of(2028, 4, 29), ProjectVersion.deadlineOf(LocalDate.of(2028, 2, 29)), "from a 29 February");
        assertEquals(LocalDate.of(2026, 6, 30), ProjectVersion.deadlineOf(LocalDate.of(2026, 4, 30)));
        assertEquals(LocalDate.of(2026, 9, 30), ProjectVersion.deadlineOf(LocalDate.of(2026, 7, 31)));
        assertEquals(LocalDate.of(2027, 1, 15), ProjectVersion.deadlineOf(LocalDate.of(2026, 11, 15)));
    }

    // ---------------------------------------------------------------- versions after transmission

    @Test
    void aChangeAfterTransmissionMakesANewVersionAndTheDeclaredOneStaysAsSent() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.transmittedProject(TODAY.minusDays(70));
            Professional doctor = pro(f, "medecin");
            InputException noReason = assertThrows(InputException.class, () -> f.projects.update(id, f.input(), ""));
            assertTrue(noReason.getMessage().contains("indiquez le motif"), noReason.getMessage());

            int nurse = f.pros.get("infirmier");
            ProjectInput smaller = f.input().withMembers(f.members().stream().filter(m -> m.professionalId() != nurse).toList());
            assertEquals(2, f.projects.update(id, smaller, "Départ de l'infirmière"));
            f.team.update(doctor.id(), new ProfessionalInput(doctor.civility(), doctor.lastName(), doctor.firstName(), doctor.professionCode(),
                    doctor.specialty(), doctor.rpps(), doctor.adeli(), doctor.amNumber(), doctor.amRequestedOn(), doctor.conventioned(),
                    doctor.cpamContractSignedOn(), doctor.practiceMode(), doctor.employerName(), doctor.employerSiret(), "07 99 99 99 99",
                    doctor.email(), doctor.mssante(), doctor.iban(), doctor.bic(), doctor.notes()), Set.of());

            Project p = f.projects.find(id).orElseThrow();
            assertEquals(2, p.versions().size(), "the full history stays");
            ProjectVersion first = p.versions().getFirst();
            ProjectVersion second = p.current();
            assertEquals(ProjectStatus.REPUTE_VALIDE, first.status(TODAY), "version 1 keeps its own life");
            assertEquals(5, first.members().size());
            assertTrue(first.members().stream().allMatch(m -> m.signedOn() != null));
            assertEquals(ProjectStatus.BROUILLON, second.storedStatus());
            assertEquals("Départ de l'infirmière", second.changeReason());
            assertEquals(4, second.members().size());
            assertTrue(second.members().stream().allMatch(m -> m.signedOn() == null), "a new declaration is signed again");
            assertEquals(1, p.inForce(TODAY).orElseThrow().version(), "version 1 stays in force while version 2 is prepared");

            Declaration sent = f.projects.declaration(id, 1);
            assertEquals(doctor.phone(), sent.project().member(doctor.id()).orElseThrow().professional().phone(),
                    "the dossier of version 1 shows the team as declared");
            assertEquals("07 99 99 99 99", f.projects.declaration(id, 2).project().member(doctor.id()).orElseThrow().professional().phone());
            assertEquals(ProjectStatus.TRANSMIS, sent.project().storedStatus());
        }
    }

    @Test
    void theDatabaseRefusesToRewriteATransmittedVersionOrItsTeam() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.transmittedProject(TODAY.minusDays(3));
            int versionId = f.projects.find(id).orElseThrow().current().id();
            Predicate<String> refused = sql -> {
                try {
                    db.write((dsl, audit) -> {
                        audit.record("test", 0, fr.coordo.store.AuditAction.UPDATE, java.util.Map.of());
                        return dsl.execute(sql);
                    });
                    return false;
                } catch (StoreException e) {
                    return true;
                }
            };
            assertTrue(refused.test("UPDATE pathway_project_version SET expected_patients = 99 WHERE id = " + versionId));
            assertTrue(refused.test("UPDATE pathway_project_version SET transmitted_on = '2026-01-01' WHERE id = " + versionId));
            assertTrue(refused.test("UPDATE pathway_member SET role = 'x' WHERE version_id = " + versionId));
            assertTrue(refused.test("DELETE FROM pathway_member WHERE version_id = " + versionId));
            assertTrue(refused.test("DELETE FROM pathway_project_version WHERE id = " + versionId));
            assertTrue(refused.test("INSERT INTO pathway_member (version_id, professional_id) VALUES (" + versionId + ", "
                    + f.pros.get("medecin") + ")"));
            ProjectVersion v = f.projects.find(id).orElseThrow().current();
            assertEquals(40, v.expectedPatients());
            assertEquals(5, v.members().size());
            assertFalse(refused.test("UPDATE pathway_project_version SET status = 'VALIDE', decision_on = '" + TODAY
                    + "' WHERE id = " + versionId), "the ARS decision is still written once");
            assertTrue(refused.test("UPDATE pathway_project_version SET status = 'OPPOSE' WHERE id = " + versionId),
                    "but never changed afterwards");
        }
    }

    @Test
    void onlyADraftNeverTransmittedIsDeleted() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int draft = f.readyProject();
            int sent = f.transmittedProject(TODAY.minusDays(1));
            assertThrows(InputException.class, () -> f.projects.deleteDraft(sent));
            f.projects.deleteDraft(draft);
            assertTrue(f.projects.find(draft).isEmpty());
            assertEquals(1, f.projects.all().size());
        }
    }

    @Test
    void referencesFollowEachOtherInTheYear() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            f.readyProject();
            int second = f.readyProject();
            assertEquals("PP-2026-002", f.projects.find(second).orElseThrow().reference());
            assertEquals(second, f.projects.findByReference(" pp-2026-002 ").orElseThrow().id());
        }
    }

    private static ProjectStatus status(PathwayFixtures f, int id) {
        return f.projects.find(id).orElseThrow().current().storedStatus();
    }

    @Test
    void unknownTypeOrProfessionalIsRefusedInFrench() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            InputException e = assertThrows(InputException.class, () -> f.projects.create(
                    new ProjectInput(9999, null, 0, null, null, List.of(new ProjectInput.MemberInput(4242, null, List.of())))));
            assertTrue(e.getMessage().contains("Type de PCR : choisissez") && e.getMessage().contains("Patients attendus par an")
                    && e.getMessage().contains("professionnel inconnu"), e.getMessage());
            assertTrue(f.projects.all().isEmpty(), "nothing written");
        }
    }

    @Test
    void noNewVersionWhileTheArsMayStillAnswerTheTransmittedOne() {
        try (Database db = open()) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.transmittedProject(TODAY.minusDays(10));
            InputException e = assertThrows(InputException.class, () -> f.projects.update(id, f.input(), "Nouvelle infirmière"));
            assertTrue(e.getMessage().contains("attend la réponse de l'ARS jusqu'au 14/01/2027"), e.getMessage());
            f.projects.recordDecision(id, ProjectStatus.VALIDE, TODAY, null);
            assertEquals(2, f.projects.update(id, f.input(), "Nouvelle infirmière"), "once decided, the projet changes by a new version");
        }
    }
}
