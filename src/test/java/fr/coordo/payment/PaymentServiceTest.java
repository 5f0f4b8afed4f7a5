package fr.coordo.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.store.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentServiceTest {
    private static final Period OCTOBER = Period.parse("2026-10");

    @TempDir
    Path dir;

    @Test
    void anEndedEpisodeIsSplitByTheTypesDefaultsToTheCentAndIssuedAsANumberedOrder() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = p.episode("Durand", LocalDate.of(2026, 10, 15));
            int patient = p.payments.unit(episode, "").orElseThrow().patient().id();
            p.seenByAll(patient, LocalDate.of(2026, 8, 3));

            Preparation prep = p.payments.prepare(OCTOBER);
            assertEquals(1, prep.units().size());
            PayableUnit unit = prep.units().getFirst();
            assertEquals(112_600L, unit.dueCents());
            // médecin 25 %, diététicien 20 %, APA 20 %, psychologue 20 %, coordination 15 %: the nurse has no default share
            assertEquals(List.of(28_150L, 22_520L, 22_520L, 22_520L, 16_890L), unit.shares().stream().map(Share::amountCents).toList());
            assertTrue(unit.shares().getLast().isCoordination());
            assertEquals(List.of(), prep.findings(), () -> prep.findings().toString());

            List<PaymentOrder> orders = p.payments.issue(prep, false);
            assertEquals(1, orders.size());
            PaymentOrder order = orders.getFirst();
            assertEquals("OP-2026-0001", order.number());
            assertEquals(112_600L, order.totalCents());
            assertEquals(PaymentChannel.STRUCTURE, order.channel());
            assertEquals(5, order.lines().size());
            assertTrue(p.payments.prepare(OCTOBER).units().isEmpty(), "a paid unit is not offered again");
            assertEquals("OP-2026-0001", p.payments.prepare(OCTOBER).alreadyPaid().getFirst().paidBy());
        }
    }

    @Test
    void aCancelledOrderFreesItsUnitsForANewOrderAndNumbersFollowWithoutGaps() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentFixtures p = new PaymentFixtures(db);
            int episode = p.episode("Durand", LocalDate.of(2026, 10, 15));
            p.seenByAll(p.payments.unit(episode, "").orElseThrow().patient().id(), LocalDate.of(2026, 8, 3));
            PaymentOrder first = p.payments.issue(p.payments.prepare(OCTOBER), false).getFirst();
            assertThrows(InputException.class, () -> p.payments.cancel(first.id(), " "));
            PaymentOrder cancelling = p.payments.cancel(first.id(), "Mauvaise répartition entre les diététiciens");
            assertEquals("OP-2026-0002", cancelling.number());
            assertEquals(first.number(), cancelling.cancelsNumber());
            assertEquals(-112_600L, cancelling.totalCents());
            assertEquals("OP-2026-0002", p.payments.find(first.id()).orElseThrow().cancelledBy());
            assertThrows(InputException.class, () -> p.payments.cancel(first.id(), "encore"));

            p.payments.saveSplit(episode, "", List.of(new PaymentService.SplitLine(p.pro("medecin"), new BigDecimal("600")),
                    new PaymentService.SplitLine(null, new BigDecimal("526.00"))), "Seul le médecin a suivi");
            Preparation again = p.payments.prepare(OCTOBER);
            assertEquals(1, again.units().size());
            assertTrue(again.units().getFirst().modulated());
            PaymentOrder reissued = p.payments.issue(again, false).getFirst();
            assertEquals("OP-2026-0003", reissued.number());
            assertEquals(2, reissued.lines().size());
            assertNull(reissued.cancelledBy());
            assertFalse(reissued.isCancelled());
        }
    }
}
