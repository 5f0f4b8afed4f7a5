package fr.coordo.payment;

import static fr.coordo.store.schema.Tables.PAYMENT_ORDER;
import static fr.coordo.store.schema.Tables.PCR_EPISODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.pathway.PcrTypeVersion;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each a-priori check of PCR.md §6 with a failing and a passing case; nothing is issued while one fails. */
class PaymentChecksTest {
    private static final Period Q4 = Period.parse("2026-Q4");
    private static final LocalDate END = LocalDate.of(2026, 10, 15);

    @TempDir
    Path dir;

    private Database open() {
        return Database.open(dir.resolve("checks.db"));
    }

    /** One episode ended on 15/10/2026, every professional of the team seen with the patient. */
    private static int seenEpisode(PaymentFixtures p) {
        int episode = p.episode("Durand", END);
        p.seenByAll(patientOf(p, episode), END.minusMonths(1));
        return episode;
    }

    private static int patientOf(PaymentFixtures p, int episode) {
        return p.db.read(dsl -> dsl.select(PCR_EPISODE.PATIENT_ID).from(PCR_EPISODE).where(PCR_EPISODE.ID.eq(episode)).fetchOne().value1());
    }

    private static int orders(PaymentFixtures p) {
        return p.db.read(dsl -> dsl.fetchCount(PAYMENT_ORDER));
    }

    private static List<Finding> of(Preparation prep, PaymentCheck check) {
        return prep.findings().stream().filter(f -> f.check() == check).toList();
    }

    /** The check fails with a sentence naming the episode (and the person), and the issue writes nothing. */
    private static void assertRefused(PaymentFixtures p, PaymentCheck check, String... words) {
        Preparation prep = p.payments.prepare(Q4);
        List<Finding> found = of(prep, check);
        assertFalse(found.isEmpty(), () -> check + " expected in " + prep.findings());
        Finding f = found.getFirst();
        assertTrue(f.blocking());
        for (String w : words) {
            assertTrue(f.message().contains(w), () -> "« " + w + " » expected in: " + f.message());
        }
        assertFalse(prep.canIssue());
        InputException e = assertThrows(InputException.class, () -> p.payments.issue(prep, true));
        assertTrue(e.issues().stream().map(Issue::message).anyMatch(f.message()::equals), () -> e.issues().toString());
        assertEquals(0, orders(p), "nothing issued while a check fails");
    }

    private static void assertPasses(PaymentFixtures p, PaymentCheck check) {
        Preparation prep = p.payments.prepare(Q4);
        assertEquals(List.of(), of(prep, check));
        assertTrue(prep.canIssue(), () -> prep.blocking().toString());
        assertEquals(1, p.payments.issue(prep, true).size());
    }

    private static void changePro(PaymentFixtures p, String profession, Consumer<Object[]> change) {
        int id = p.pro(profession);
        ProfessionalInput in = p.f.team.all().stream().filter(x -> x.id() == id).findFirst().orElseThrow().toInput();
        Object[] v = {in.amNumber(), in.amRequestedOn(), in.iban(), in.bic()};
        change.accept(v);
        p.f.team.update(id, new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(), in.specialty(), in.rpps(),
                in.adeli(), (String) v[0], (LocalDate) v[1], in.conventioned(), in.cpamContractSignedOn(), in.practiceMode(),
                in.employerName(), in.employerSiret(), in.phone(), in.email(), in.mssante(), (String) v[2], (String) v[3], in.notes()), Set.of());
    }

    private static void sql(Database db, String statement, Object... args) {
        db.write((dsl, audit) -> {
            dsl.execute(statement, args);
            audit.record("test", 0, AuditAction.UPDATE, Map.of("sql", Audit.Change.created(statement)));
            return null;
        });
    }

    @Test
    void forfaitUnknownForTheProfileBlocks() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = seenEpisode(p);
            PcrTypeVersion shipped = p.f.types.versions("obesite_complexe_adulte").getFirst();
            sql(db, "UPDATE pcr_episode SET pcr_type_version_id = ?, profile_code = 'P2' WHERE id = ?", shipped.id(), episode);
            assertRefused(p, PaymentCheck.FORFAIT, "EP-2026-", "DURAND", "forfait du profil", "à compléter");
            sql(db, "UPDATE pcr_episode SET pcr_type_version_id = ? WHERE id = ?", p.f.obesity.id(), episode);
            assertEquals(135_000L, p.payments.prepare(Q4).units().getFirst().dueCents());
            assertPasses(p, PaymentCheck.FORFAIT);
        }
    }

    @Test
    void projetNeitherValidatedNorReputeValidatedAtTheServiceStartBlocks() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = seenEpisode(p);
            // started before the silent deadline (03/05/2026), as an imported episode might be
            sql(db, "UPDATE pcr_episode SET start_on = '2026-04-20', decided_on = '2026-04-20', informed_on = '2026-04-18', consent_on = '2026-04-20' WHERE id = ?", episode);
            assertRefused(p, PaymentCheck.PROJET, "EP-2026-", "PP-2026-", "ni validé ni réputé validé le 20/04/2026");
            sql(db, "UPDATE pcr_episode SET start_on = '2026-05-04', decided_on = '2026-05-04', informed_on = '2026-05-02', consent_on = '2026-05-04' WHERE id = ?", episode);
            assertPasses(p, PaymentCheck.PROJET);
        }
    }

    @Test
    void aShareForAProfessionalOutsideTheSignedTeamBlocks() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = seenEpisode(p);
            int outsider = p.f.team.add(PathwayFixtures.complete("Extérieur", "Paul", "masseur_kinesitherapeute", 40), Set.of(), LocalDate.of(2024, 1, 1));
            p.seen(patientOf(p, episode), END.minusDays(3), outsider);
            p.payments.saveSplit(episode, "", List.of(new PaymentService.SplitLine(outsider, new BigDecimal("126")),
                    new PaymentService.SplitLine(p.pro("medecin"), new BigDecimal("800")),
                    new PaymentService.SplitLine(null, new BigDecimal("200"))), null);
            assertRefused(p, PaymentCheck.EQUIPE, "EP-2026-", "Extérieur Paul", "n'était pas dans l'équipe signée du projet PP-2026-");
            p.payments.saveSplit(episode, "", List.of(new PaymentService.SplitLine(p.pro("infirmier"), new BigDecimal("126")),
                    new PaymentService.SplitLine(p.pro("medecin"), new BigDecimal("800")),
                    new PaymentService.SplitLine(null, new BigDecimal("200"))), null);
            assertPasses(p, PaymentCheck.EQUIPE);
        }
    }

    @Test
    void aProfessionalPaidByTheCpamNeedsANumeroAm() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db, PaymentChannel.CPAM);
            seenEpisode(p);
            changePro(p, "dieteticien", v -> {
                v[0] = null;
                v[1] = LocalDate.of(2026, 9, 1);
            });
            assertRefused(p, PaymentCheck.NUMERO_AM, "EP-2026-", "(Diététicien)", "n'a pas de numéro AM", "demande en cours depuis le 01/09/2026");
            changePro(p, "dieteticien", v -> {
                v[0] = PathwayFixtures.complete("x", "y", "dieteticien", 2).amNumber();
                v[1] = null;
            });
            assertPasses(p, PaymentCheck.NUMERO_AM);
        }
    }

    @Test
    void aPatientWhoseForfaitTheCpamPaysNeedsANir() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db, PaymentChannel.CPAM);
            int patient = p.patient("Sansnir", "Léa", false);
            int episode = p.episode(p.project, patient, END.minusMonths(4), END);
            p.seenByAll(patient, END.minusMonths(1));
            assertRefused(p, PaymentCheck.NIR, "EP-2026-", "SANSNIR", "NIR");
            assertEquals(episode, p.payments.prepare(Q4).units().getFirst().episode().id());
        }
    }

    @Test
    void aPatientWithANirPassesTheNirCheck() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db, PaymentChannel.CPAM);
            seenEpisode(p);
            assertPasses(p, PaymentCheck.NIR);
        }
    }

    @Test
    void aTransferNeedsAValidIbanForThePayeeAndForTheStructure() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            seenEpisode(p);
            changePro(p, "psychologue", v -> {
                v[2] = null;
                v[3] = null;
            });
            assertRefused(p, PaymentCheck.IBAN, "EP-2026-", "(Psychologue)", "IBAN", "absent");
            changePro(p, "psychologue", v -> {
                v[2] = "TR330006100519786457841326"; // valid, but Turkey is outside the SEPA zone
                v[3] = "AKBKTRISXXX";
            });
            assertRefused(p, PaymentCheck.IBAN, "EP-2026-", "(Psychologue)", "hors de la zone SEPA (TR)");
            changePro(p, "psychologue", v -> {
                v[2] = PathwayFixtures.iban(77);
                v[3] = "BNPAFRPPXXX";
            });
            StructureInput s = StructureService.load(db.read(dsl -> dsl)).orElseThrow();
            StructureInput noIban = new StructureInput(s.name(), s.legalForm(), s.category(), s.siren(), s.siret(), s.finess(), s.address(),
                    s.postalCode(), s.city(), s.departmentCode(), s.arsRegion(), s.cpam(), s.legalRepresentative(), s.coordinators(), s.phone(),
                    s.email(), null, null);
            new StructureService(db, p.f.clock).save(noIban, Set.of());
            assertRefused(p, PaymentCheck.IBAN, "Structure", "IBAN de la structure est absent");
            new StructureService(db, p.f.clock).save(s, Set.of());
            assertPasses(p, PaymentCheck.IBAN);
        }
    }

    @Test
    void consentRecordedAfterTheServiceStartBlocks() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = seenEpisode(p);
            String start = END.minusMonths(4).toString();
            sql(db, "UPDATE pcr_episode SET consent_on = ? WHERE id = ?", END.minusMonths(2).toString(), episode);
            assertRefused(p, PaymentCheck.CONSENTEMENT, "EP-2026-", "consentement", "DURAND", "après le début de la prestation");
            sql(db, "UPDATE pcr_episode SET consent_on = ? WHERE id = ?", start, episode);
            assertPasses(p, PaymentCheck.CONSENTEMENT);
        }
    }

    @Test
    void anEpisodeIsNeverPaidTwiceEvenFromAPreparationMadeBeforeTheFirstIssue() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            seenEpisode(p);
            Preparation first = p.payments.prepare(Q4);
            Preparation stale = p.payments.prepare(Q4);
            assertEquals(List.of(), of(first, PaymentCheck.DOUBLE_PAIEMENT));
            assertEquals("OP-2026-0001", p.payments.issue(first, true).getFirst().number());
            InputException e = assertThrows(InputException.class, () -> p.payments.issue(stale, true));
            assertTrue(e.issues().getFirst().message().contains("EP-2026-"), e.getMessage());
            assertTrue(e.issues().getFirst().message().contains("déjà payé par l'ordre OP-2026-0001"), e.getMessage());
            assertEquals(1, orders(p));
        }
    }

    @Test
    void aSplitAboveTheAmountDueBlocksAndOneBelowIsAWarningToConfirm() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = seenEpisode(p);
            p.payments.saveSplit(episode, "", List.of(new PaymentService.SplitLine(p.pro("medecin"), new BigDecimal("1000")),
                    new PaymentService.SplitLine(null, new BigDecimal("200"))), null);
            assertRefused(p, PaymentCheck.TOTAL, "EP-2026-", "1\u00a0200,00\u00a0€ pour 1\u00a0126,00\u00a0€ dus", "74,00\u00a0€ de trop");

            p.payments.saveSplit(episode, "", List.of(new PaymentService.SplitLine(p.pro("medecin"), new BigDecimal("900")),
                    new PaymentService.SplitLine(null, new BigDecimal("200"))), null);
            Preparation below = p.payments.prepare(Q4);
            assertEquals(List.of(), of(below, PaymentCheck.TOTAL));
            Finding rest = of(below, PaymentCheck.REPARTITION).getFirst();
            assertFalse(rest.blocking());
            assertTrue(rest.message().contains("26,00\u00a0€"), rest.message());
            assertThrows(InputException.class, () -> p.payments.issue(below, false), "a warning is confirmed before the issue");
            assertEquals(110_000L, p.payments.issue(below, true).getFirst().totalCents());
        }
    }

    @Test
    void aShareWithoutActivityInTheAgendaIsAWarningNamingTheProfessional() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = p.episode("Durand", END);
            int patient = patientOf(p, episode);
            p.seen(patient, END.minusDays(20), p.pro("medecin"), p.pro("dieteticien"), p.pro("enseignant_apa"));
            Preparation prep = p.payments.prepare(Q4);
            List<Finding> idle = of(prep, PaymentCheck.ACTIVITE);
            assertEquals(1, idle.size(), idle::toString);
            assertFalse(idle.getFirst().blocking());
            assertTrue(idle.getFirst().message().contains("(Psychologue)"), idle.getFirst().message());
            assertTrue(idle.getFirst().message().contains("aucune activité"), idle.getFirst().message());
            assertEquals(p.pro("psychologue"), idle.getFirst().professionalId());
            assertTrue(prep.canIssue(), "a warning does not block, it is confirmed");
            InputException e = assertThrows(InputException.class, () -> p.payments.issue(prep, false));
            assertTrue(e.getMessage().contains("À confirmer"), e.getMessage());
            assertEquals(0, orders(p));

            PaymentOrder confirmed = p.payments.issue(prep, true).getFirst();
            assertEquals(List.of(idle.getFirst().message()), confirmed.warnings(), "the confirmed warning is kept on the order");
            assertFalse(confirmed.checks().contains(PaymentCheck.ACTIVITE.label()), "a check passed only by confirmation is not printed as passed");
            assertTrue(confirmed.checks().contains(PaymentCheck.IBAN.label()));
            p.payments.cancel(confirmed.id(), "La psychologue a bien suivi le patient : rendez-vous oublié dans l'agenda");

            p.seen(patient, END.minusDays(10), p.pro("psychologue"));
            Preparation seen = p.payments.prepare(Q4);
            assertEquals(List.of(), of(seen, PaymentCheck.ACTIVITE));
            PaymentOrder reissued = p.payments.issue(seen, false).getFirst();
            assertTrue(reissued.checks().contains(PaymentCheck.ACTIVITE.label()));
            assertEquals(List.of(), reissued.warnings());
        }
    }

    @Test
    void aProfessionOfTheDefaultSplitWithNoMemberIsAWarningAndItsShareGoesToTheOthers() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = seenEpisode(p);
            assertEquals(List.of(), of(p.payments.prepare(Q4), PaymentCheck.REPARTITION));
            fr.coordo.pathway.PcrType t = p.f.obesity.type();
            List<fr.coordo.pathway.PcrType.Share> split = new java.util.ArrayList<>(t.defaultSplit());
            split.removeIf(x -> x.party().equals(fr.coordo.pathway.PcrType.COORDINATION));
            split.add(new fr.coordo.pathway.PcrType.Share("masseur_kinesitherapeute", new BigDecimal("10")));
            split.add(new fr.coordo.pathway.PcrType.Share(fr.coordo.pathway.PcrType.COORDINATION, new BigDecimal("5")));
            PcrTypeVersion withPhysio = p.f.types.saveNewVersion(new fr.coordo.pathway.PcrType(t.code(), t.label(), t.revision(), t.arreteReference(),
                    t.arreteDate(), t.objectives(), t.targetPopulation(), t.criteria(), t.profiles(), t.sequences(), t.overseasSurchargePercent(),
                    t.coFinanced(), t.patientParticipationPercent(), t.directCpamPayment(), split, t.minimumTeam(), t.eligibleCategories(),
                    t.amendmentRule(), t.notes()), "Kinésithérapie ajoutée");
            sql(db, "UPDATE pcr_episode SET pcr_type_version_id = ? WHERE id = ?", withPhysio.id(), episode);
            Preparation prep = p.payments.prepare(Q4);
            Finding f = of(prep, PaymentCheck.REPARTITION).getFirst();
            assertFalse(f.blocking());
            assertTrue(f.message().contains("aucun membre « Masseur-kinésithérapeute »") && f.message().contains("10\u00a0%"), f.message());
            assertEquals(112_600L, prep.units().getFirst().sharesTotal(), "the other shares take it: the lines still make the amount due");
        }
    }

    @Test
    void aSplitThatPaysNothingBlocksInsteadOfLeavingThePrestationUnpaidForever() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = seenEpisode(p);
            p.payments.saveSplit(episode, "", List.of(new PaymentService.SplitLine(null, BigDecimal.ZERO)), null);
            assertRefused(p, PaymentCheck.REPARTITION, "EP-2026-", "ne paie rien");
            p.payments.resetSplit(episode, "");
            assertPasses(p, PaymentCheck.REPARTITION);
        }
    }

    @Test
    void aWarningThatAppearedAfterThePreparationIsNeverConfirmedOnTheCoordinatorsBehalf() {
        try (Database db = open()) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = seenEpisode(p);
            Preparation reviewed = p.payments.prepare(Q4);
            assertEquals(List.of(), reviewed.warnings());
            // the physician's only appointment is cancelled after the preparation was read
            sql(db, "UPDATE appointment SET status = 'ANNULE' WHERE id IN (SELECT a.id FROM appointment a JOIN appointment_professional ap"
                    + " ON ap.appointment_id = a.id WHERE ap.professional_id = ? AND a.patient_id = ?)", p.pro("medecin"), patientOf(p, episode));
            InputException e = assertThrows(InputException.class, () -> p.payments.issue(reviewed, true));
            assertTrue(e.getMessage().contains("Nouveau point à confirmer depuis la préparation") && e.getMessage().contains("(Médecin)"),
                    e.getMessage());
            assertEquals(0, orders(p));
            assertEquals(1, p.payments.issue(p.payments.prepare(Q4), true).size(), "prepared again, read, then confirmed");
        }
    }
}
