package fr.coordo.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.IdentifierKind;
import fr.coordo.payment.Finding;
import fr.coordo.payment.OrderLine;
import fr.coordo.payment.PayableUnit;
import fr.coordo.payment.PaymentCheck;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentService;
import fr.coordo.payment.Period;
import fr.coordo.payment.Preparation;
import fr.coordo.payment.Share;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The small demo's payment orders, as a newcomer opening the Paiements section finds them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoPaymentsTest {
    @TempDir
    static Path dir;
    private static Database db;
    private static PaymentService payments;
    private static LocalDate today;

    @BeforeAll
    static void fill() {
        db = Database.open(dir.resolve("payments.db"));
        new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
        payments = new PaymentService(db);
        today = payments.today();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @Order(1)
    void theTwoQuartersBeforeThisOneArePaidInFullByOrdersNumberedWithoutGaps() {
        Period current = Period.quarterOf(today);
        List<PaymentOrder> orders = payments.orders();
        assertTrue(orders.size() >= 3, orders.size() + " orders");
        for (Period past : List.of(current.previous(), current.previous().previous())) {
            List<PaymentOrder> standing = orders.stream()
                    .filter(o -> o.kind() == PaymentOrder.Kind.ORDRE && !o.isCancelled() && o.period().equals(past)).toList();
            assertEquals(1, standing.size(), past.label() + " : " + standing);
            PaymentOrder o = standing.getFirst();
            assertTrue(o.issuedOn().isAfter(past.end()) && !o.issuedOn().isAfter(today), o.number() + " issued on " + o.issuedOn());
            assertTrue(o.issuedOn().getDayOfWeek().getValue() <= 5 || o.issuedOn().equals(today), "on a working day: " + o.issuedOn());
            assertTrue(o.totalCents() > 0 && o.lines().stream().allMatch(l -> l.amountCents() > 0), o.number());
            Preparation again = payments.prepare(past);
            assertEquals(List.of(), again.units(), "nothing left to pay for " + past.label());
            assertFalse(again.alreadyPaid().isEmpty());
            assertTrue(again.alreadyPaid().stream().allMatch(u -> orders.stream().anyMatch(x -> x.number().equals(u.paidBy()))));
        }
        assertTrue(orders.stream().allMatch(o -> o.period().end().isBefore(current.start())), "the current quarter is not paid yet");
        assertGapless(orders);
    }

    @Test
    @Order(2)
    void aMistakeIsCancelledByAnOrderReferringToItAndPaidAgainWithTheSplitModulated() {
        List<PaymentOrder> orders = payments.orders();
        List<PaymentOrder> cancelling = orders.stream().filter(o -> o.kind() == PaymentOrder.Kind.ANNULATION).toList();
        assertEquals(1, cancelling.size(), orders.stream().map(PaymentOrder::number).toList().toString());
        PaymentOrder annulation = cancelling.getFirst();
        PaymentOrder cancelled = payments.findByNumber(annulation.cancelsNumber()).orElseThrow();
        assertEquals(PaymentOrder.Kind.ORDRE, cancelled.kind());
        assertEquals(annulation.number(), cancelled.cancelledBy());
        assertEquals(cancelled.period(), annulation.period());
        assertEquals(-cancelled.totalCents(), annulation.totalCents());
        assertEquals(cancelled.lines().stream().map(l -> -l.amountCents()).toList(), annulation.lines().stream().map(OrderLine::amountCents).toList());

        // The reason names the episode whose psychologue was paid without having seen the patient, a warning confirmed then.
        assertTrue(annulation.reason().matches("Répartition corrigée : (la psychologue n'a|le psychologue n'a|les psychologues de l'équipe n'ont) pas suivi (le patient|la patiente) de l'épisode EP-\\d{4}-\\d{4}\\."),
                annulation.reason());
        String episode = annulation.reason().substring(annulation.reason().lastIndexOf("EP-")).replace(".", "");
        List<OrderLine> psychologue = cancelled.lines().stream()
                .filter(l -> l.episodeReference().equals(episode) && l.professionCode().equals("psychologue")).toList();
        assertFalse(psychologue.isEmpty(), "the cancelled order paid the psychologue for " + episode);
        assertTrue(psychologue.stream().allMatch(l -> l.activityCount() == 0));
        assertTrue(cancelled.warnings().stream().anyMatch(w -> w.startsWith(episode) && w.contains("aucune activité")), cancelled.warnings().toString());

        PaymentOrder replacing = orders.stream().filter(o -> o.kind() == PaymentOrder.Kind.ORDRE && !o.isCancelled()
                && o.period().equals(cancelled.period())).findFirst().orElseThrow();
        assertTrue(replacing.number().compareTo(annulation.number()) > 0 || replacing.issuedOn().getYear() > annulation.issuedOn().getYear());
        assertFalse(replacing.issuedOn().isBefore(annulation.issuedOn()));
        assertEquals(episodes(cancelled), episodes(replacing), "the same episodes paid again");
        assertEquals(cancelled.totalCents(), replacing.totalCents(), "the whole forfaits, split otherwise");
        List<OrderLine> before = linesOf(cancelled, episode);
        List<OrderLine> after = linesOf(replacing, episode);
        assertTrue(after.stream().noneMatch(l -> l.professionCode().equals("psychologue")), after.toString());
        for (String profession : List.of("dieteticien", "enseignant_apa")) {
            assertTrue(total(after, profession) > total(before, profession), profession + " takes part of the psychologue's share");
        }
        assertTrue(after.stream().filter(l -> l.professionalId() != null).allMatch(l -> l.activityCount() > 0), "everyone paid saw the patient");
        assertTrue(replacing.warnings().stream().noneMatch(w -> w.startsWith(episode)), replacing.warnings().toString());
        PayableUnit unit = payments.unit(after.getFirst().episodeId(), after.getFirst().sequenceCode()).orElseThrow();
        assertTrue(unit.modulated());
        assertNotNull(unit.splitNote());
        assertEquals(replacing.number(), unit.paidBy());
    }

    @Test
    @Order(3)
    void theCurrentQuarterIsReadyWithAnIbanToTypeAndSharesToConfirm() {
        Preparation p = payments.prepare(Period.quarterOf(today));
        assertTrue(p.units().size() >= 3, p.units().size() + " units");
        assertFalse(p.canIssue());
        assertFalse(p.blocking().isEmpty());
        for (Finding f : p.blocking()) {
            assertEquals(PaymentCheck.IBAN, f.check(), f.message());
            assertTrue(f.message().matches("EP-\\d{4}-\\d{4} \\(.+\\).* : l'IBAN de .+ \\(Médecin\\) est absent ; le virement de .+\\h€ est impossible \\(fiche du professionnel\\)\\."),
                    f.message());
        }
        assertTrue(p.blocking().size() < p.units().size(), "the other units could be paid");
        assertFalse(p.warnings().isEmpty());
        assertTrue(p.warnings().stream().allMatch(f -> f.check() == PaymentCheck.ACTIVITE), p.warnings().toString());
        List<Share> shares = p.units().stream().flatMap(u -> u.shares().stream()).filter(s -> !s.isCoordination()).toList();
        long seen = shares.stream().filter(s -> s.activityCount() > 0).count();
        assertTrue(seen >= shares.size() * 0.85, "most shares show appointments: " + seen + " of " + shares.size());
    }

    /** What a newcomer does: types the IBAN the médecin's note gives, confirms the warnings, issues the quarter. */
    @Test
    @Order(4)
    void typingTheIbanFromTheNoteLetsTheQuarterBeIssued() {
        Period current = Period.quarterOf(today);
        Integer doctorId = payments.prepare(current).blocking().getFirst().professionalId();
        TeamService team = new TeamService(db);
        Professional doctor = team.all().stream().filter(x -> x.id() == doctorId).findFirst().orElseThrow();
        Matcher m = Pattern.compile("IBAN ([A-Z0-9 ]+), BIC ([A-Z0-9]+)").matcher(doctor.notes());
        assertTrue(m.find(), doctor.notes());
        ProfessionalInput in = doctor.toInput();
        team.update(doctor.id(), new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(), in.specialty(),
                in.rpps(), in.adeli(), in.amNumber(), in.amRequestedOn(), in.conventioned(), in.cpamContractSignedOn(), in.practiceMode(),
                in.employerName(), in.employerSiret(), in.phone(), in.email(), in.mssante(), m.group(1), m.group(2), in.notes()),
                doctor.confirmedKeys() == null ? Set.of()
                        : Arrays.stream(doctor.confirmedKeys().split(",")).map(IdentifierKind::valueOf).collect(Collectors.toSet()));

        Preparation fixed = payments.prepare(current);
        assertEquals(List.of(), fixed.blocking());
        assertTrue(fixed.canIssue());
        List<PaymentOrder> issued = payments.issue(fixed, true);
        assertEquals(1, issued.size());
        assertEquals(fixed.totalCents(), issued.getFirst().totalCents());
        assertEquals(List.of(), payments.prepare(current).units());
        assertGapless(payments.orders());
    }

    /** Whatever the day the demo is made, each quarter it pays or prepares has closed episodes to pay. */
    @Test
    void closedEpisodesEndInTheQuartersThePaymentsNeedWhateverTheDay() {
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.isBefore(LocalDate.of(2028, 1, 1)); day = day.plusDays(1)) {
            LocalDate validated = DemoPathway.transmittedOn(day).plusMonths(1);
            Period current = Period.quarterOf(day);
            List<Period> expected = List.of(current.previous().previous(), current.previous(), current.previous(), current, current);
            for (int k = 0; k < 5; k++) {
                LocalDate[] w = DemoPayments.closingDays(validated, day, k);
                assertFalse(w[1].isBefore(w[0]), day + " #" + k);
                assertTrue(expected.get(k).contains(w[0]) && expected.get(k).contains(w[1]), day + " #" + k + " " + w[0] + ".." + w[1]);
                assertFalse(w[0].isBefore(validated.plusDays(12)), "ten days of care at least: " + day + " #" + k);
                assertFalse(w[1].isAfter(day), day + " #" + k);
            }
        }
    }

    /** The first day of a year: the current quarter is a day old, the previous quarter's orders are the new year's first. */
    @Test
    void onTheFirstDayOfAYearTheStoryStillHolds() {
        LocalDate newYear = LocalDate.of(2027, 1, 1);
        Clock clock = Clock.fixed(newYear.atTime(8, 0).atZone(Database.ZONE).toInstant(), Database.ZONE);
        try (Database other = Database.open(dir.resolve("new-year.db"))) {
            new DemoGenerator(7).fill(other, DemoGenerator.Size.SMALL, clock);
            PaymentService service = new PaymentService(other, clock);
            List<PaymentOrder> orders = service.orders();
            assertEquals(List.of("OP-2027-0003", "OP-2027-0002", "OP-2027-0001", "OP-2026-0001"), orders.stream().map(PaymentOrder::number).toList());
            assertEquals("OP-2027-0001", orders.get(1).cancelsNumber());
            assertEquals(Period.parse("2026-Q3"), orders.getLast().period());
            assertEquals(Period.parse("2026-Q4"), orders.getFirst().period());
            Preparation p = service.prepare(Period.parse("2027-Q1"));
            assertTrue(p.units().size() >= 3, p.units().size() + " units ended on the first day");
            assertFalse(p.blocking().isEmpty());
            assertFalse(p.warnings().isEmpty());
        }
    }

    private static void assertGapless(List<PaymentOrder> orders) {
        Map<Integer, List<String>> byYear = new TreeMap<>();
        for (PaymentOrder o : orders) {
            byYear.computeIfAbsent(o.issuedOn().getYear(), y -> new ArrayList<>()).add(o.number());
        }
        byYear.forEach((year, numbers) -> {
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= numbers.size(); i++) {
                expected.add(String.format("OP-%d-%04d", year, i));
            }
            assertEquals(expected, numbers.stream().sorted().toList(), "numbered without gaps in " + year);
        });
    }

    private static Set<String> episodes(PaymentOrder o) {
        return o.lines().stream().map(l -> l.episodeReference() + ":" + l.sequenceCode()).collect(Collectors.toSet());
    }

    private static List<OrderLine> linesOf(PaymentOrder o, String episode) {
        return o.lines().stream().filter(l -> l.episodeReference().equals(episode)).toList();
    }

    private static long total(List<OrderLine> lines, String profession) {
        return lines.stream().filter(l -> l.professionCode().equals(profession)).mapToLong(OrderLine::amountCents).sum();
    }
}
