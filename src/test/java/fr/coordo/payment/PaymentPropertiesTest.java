package fr.coordo.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Money is exact and issued orders never change: for any forfait and any shares the lines add up to the amount due
 * to the cent; no SQL update nor service call alters an issued order.
 */
class PaymentPropertiesTest {
    private static Path dir;
    private static Path file;
    private static int orderId;
    private static int episodeId;

    @Provide
    Arbitrary<BigDecimal> euros() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("999999.99")).ofScale(2);
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("60")).ofScale(2);
    }

    @Provide
    Arbitrary<List<BigDecimal>> shares() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(3).list().ofMinSize(1).ofMaxSize(15);
    }

    @Property(tries = 3000)
    void theLinesAddUpToTheAmountDueToTheCent(@ForAll("euros") BigDecimal forfait, @ForAll boolean overseas,
            @ForAll("rates") BigDecimal surcharge, @ForAll("rates") BigDecimal participation, @ForAll("shares") List<BigDecimal> shares,
            @ForAll @IntRange(min = 0, max = 14) int residue) {
        PaymentService.Amounts a = PaymentService.amounts(forfait, overseas, surcharge, participation);
        long due = a.due();
        assertEquals(a.forfait() + a.surcharge() - a.participation(), due);
        assertTrue(due >= 0);
        int r = residue % shares.size();
        long[] lines = Split.allocate(due, shares, r);
        long sum = 0;
        BigDecimal total = shares.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        for (int i = 0; i < lines.length; i++) {
            sum += lines[i];
            assertTrue(lines[i] >= 0, "no negative share");
            if (i != r && total.signum() > 0) {
                BigDecimal exact = BigDecimal.valueOf(due).multiply(shares.get(i)).divide(total, 10, RoundingMode.HALF_UP);
                assertTrue(BigDecimal.valueOf(lines[i]).compareTo(exact) <= 0 && BigDecimal.valueOf(lines[i] + 1).compareTo(exact) > 0,
                        "every line but the residue one is its exact share rounded down to the cent");
            }
        }
        assertEquals(due, sum);
    }

    @Property(tries = 500)
    void sharesInEurosSplitByPercentagesAlwaysAddUp(@ForAll @IntRange(min = 0, max = 2_000_000_000) int dueCents,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 100) Integer> percents) {
        List<BigDecimal> weights = percents.stream().map(BigDecimal::valueOf).toList();
        long[] lines = Split.allocate(dueCents, weights, weights.size() - 1);
        assertEquals(dueCents, java.util.Arrays.stream(lines).sum());
    }

    // ---------------------------------------------------------------- an issued order never changes

    @BeforeContainer
    static void issueOrders() throws IOException {
        dir = Files.createTempDirectory("coordo-orders");
        file = dir.resolve("orders.db");
        try (Database db = Database.open(file)) {
            PaymentFixtures p = new PaymentFixtures(db);
            episodeId = p.episode("Durand", LocalDate.of(2026, 10, 15));
            p.episode("Martin", LocalDate.of(2026, 10, 20));
            PaymentOrder first = p.payments.issue(p.payments.prepare(Period.parse("2026-10")), true).getFirst();
            orderId = first.id();
            for (PaymentService.Format f : PaymentService.Format.values()) {
                p.payments.recordExport(orderId, f, "sha256:" + f, AuditAction.EXPORT);
            }
        }
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> orderColumns() {
        return Arbitraries.of(columns("payment_order"));
    }

    @Provide
    Arbitrary<String> lineColumns() {
        return Arbitraries.of(columns("payment_order_line"));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-5, 100_000).map(i -> (Object) i),
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s), Arbitraries.just(null));
    }

    @Property(tries = 400)
    void noSqlUpdateChangesAnIssuedOrder(@ForAll("orderColumns") String column, @ForAll("values") Object value) throws SQLException {
        assertUnchangedAfter("UPDATE payment_order SET " + column + " = ? WHERE id = " + orderId, value, "payment_order", "id = " + orderId);
    }

    @Property(tries = 400)
    void noSqlUpdateChangesALineOfAnIssuedOrder(@ForAll("lineColumns") String column, @ForAll("values") Object value) throws SQLException {
        assertUnchangedAfter("UPDATE payment_order_line SET " + column + " = ? WHERE order_id = " + orderId, value, "payment_order_line",
                "order_id = " + orderId);
    }

    @Property(tries = 20)
    void noSqlDeleteNorAddedLineChangesAnIssuedOrder(@ForAll @IntRange(min = 0, max = 2) int statement) throws SQLException {
        String sql = switch (statement) {
            case 0 -> "DELETE FROM payment_order WHERE id = " + orderId + " AND ? IS NULL";
            case 1 -> "DELETE FROM payment_order_line WHERE order_id = " + orderId + " AND ? IS NULL";
            default -> "INSERT INTO payment_order_line (order_id, position, episode_id, episode_reference, service_start, service_end, due_cents,"
                    + " patient_id, patient_last_name, patient_first_name, patient_birth_date, payee_kind, payee_name, amount_cents)"
                    + " SELECT order_id, 99, episode_id, episode_reference, service_start, service_end, due_cents, patient_id, patient_last_name,"
                    + " patient_first_name, patient_birth_date, payee_kind, payee_name, ? FROM payment_order_line WHERE order_id = " + orderId + " LIMIT 1";
        };
        String before = dump("payment_order", "id = " + orderId);
        assertUnchangedAfter(sql, statement == 2 ? 1 : null, "payment_order_line", "order_id = " + orderId);
        assertEquals(before, dump("payment_order", "id = " + orderId));
    }

    @Property(tries = 30)
    void noServiceCallChangesAnIssuedOrder(@ForAll @IntRange(min = 0, max = 4) int call, @ForAll("euros") BigDecimal amount) throws SQLException {
        String before = dump("payment_order", "id = " + orderId) + dump("payment_order_line", "order_id = " + orderId);
        try (Database db = Database.open(file)) {
            PaymentService payments = new PaymentService(db, fr.coordo.pathway.PathwayFixtures.clockAt(PaymentFixtures.TODAY));
            switch (call) {
                case 0, 1 -> {
                    // a paid unit's split is refused; once its order is cancelled it may change, for a new order
                    boolean paid = payments.unit(episodeId, "").orElseThrow().paidBy() != null;
                    try {
                        if (call == 0) {
                            payments.saveSplit(episodeId, "", List.of(new PaymentService.SplitLine(null, amount)), "changer un ordre émis");
                        } else {
                            payments.resetSplit(episodeId, "");
                        }
                        assertTrue(!paid, "the split of a paid unit was changed");
                    } catch (InputException refused) {
                        assertTrue(paid && refused.getMessage().contains("déjà payé par l'ordre"), refused.getMessage());
                    }
                }
                case 2 -> payments.recordExport(orderId, PaymentService.Format.PDF, "sha256:autre" + amount, AuditAction.EXPORT);
                case 3 -> {
                    // pays what a cancellation freed, if any: a new order, never a change to this one
                    try {
                        payments.issue(payments.prepare(Period.parse("2026-10")), true);
                    } catch (InputException refused) {
                        // nothing left to pay, or a split saved by an earlier try above the amount due
                        assertTrue(refused.getMessage().contains("aucune prestation") || refused.getMessage().contains("de trop"),
                                refused.getMessage());
                    }
                }
                default -> {
                    if (payments.find(orderId).orElseThrow().isCancelled()) {
                        assertThrows(InputException.class, () -> payments.cancel(orderId, "deux fois"));
                    } else {
                        payments.cancel(orderId, "Erreur de répartition");
                    }
                }
            }
        }
        assertEquals(before, dump("payment_order", "id = " + orderId) + dump("payment_order_line", "order_id = " + orderId));
    }

    private static void assertUnchangedAfter(String sql, Object value, String table, String where) throws SQLException {
        String before = dump(table, where);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, value);
            // refused by the triggers (or earlier by a column's type); only a write of the very same value goes through
            try {
                st.executeUpdate();
            } catch (SQLException e) {
                assertTrue(e.getMessage().contains("payment order") || e.getMessage().contains("SQLITE_MISMATCH")
                        || e.getMessage().contains("SQLITE_CONSTRAINT"), e.getMessage());
            }
        }
        assertEquals(before, dump(table, where));
    }

    private static String dump(String table, String where) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table + " WHERE " + where + " ORDER BY id")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    out.append(rs.getString(i)).append('|');
                }
                out.append('\n');
            }
        }
        assertTrue(out.length() > 0, "the order is still there");
        return out.toString();
    }

    private static List<String> columns(String table) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rs = c.createStatement().executeQuery("SELECT name FROM pragma_table_info('" + table + "')")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
