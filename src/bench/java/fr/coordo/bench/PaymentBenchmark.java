package fr.coordo.bench;

import static fr.coordo.store.schema.Tables.PAYMENT_ORDER_LINE;

import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.payment.PaymentDocuments;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentService;
import fr.coordo.payment.Period;
import fr.coordo.payment.Preparation;
import fr.coordo.payment.SepaTransfer;
import fr.coordo.store.Database;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issuing the third quarter of 2026 for {@value PaymentQuarter#EPISODES} episodes (see {@link PaymentQuarter}) and
 * writing its SEPA file: the preparation with every check, the issue (which prepares again in its transaction, then
 * writes the order and its 52 250 lines), then the transfer file of the issued order. Each iteration is one issue on
 * its own copy of the database, so every one pays the whole quarter. Target: ≤ 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"})
@Warmup(iterations = 8)
@Measurement(iterations = 15)
public class PaymentBenchmark {
    static final Period QUARTER = Period.parse("2026-Q3");

    private Path dir;
    private Path template;
    private Path copy;
    private Path sepa;
    private Database db;
    private PaymentService payments;
    private int copies;

    /** Built once per fork, in a child process. */
    @Setup(Level.Trial)
    public void buildQuarter() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("coordo-payment-bench");
        template = PaymentQuarter.create(dir);
    }

    /** A fresh copy with nothing paid yet, opened as the window or the command line would. */
    @Setup(Level.Iteration)
    public void openCopy() throws IOException {
        copy = dir.resolve("copie-" + (++copies) + ".db");
        sepa = dir.resolve("virements-" + copies + ".xml");
        Files.copy(template, copy);
        // on disk before the measure: the copy's write-back must not overlap the issue's own writes
        try (FileChannel c = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        db = Database.open(copy);
        payments = new PaymentService(db, PathwayFixtures.clockAt(PathwayFixtures.TODAY));
    }

    /** Prepare, issue with the warnings confirmed, then the SEPA file of the orders issued, written to disk. */
    @Benchmark
    public byte[] issueQuarterAndWriteSepa() throws IOException {
        Preparation prep = payments.prepare(QUARTER);
        List<PaymentOrder> orders = payments.issue(prep, true);
        byte[] xml = SepaTransfer.write(orders, payments.today());
        Files.write(sepa, xml, StandardOpenOption.CREATE_NEW);
        return xml;
    }

    /** Prepare and issue only. */
    @Benchmark
    public List<PaymentOrder> issueQuarter() {
        return payments.issue(payments.prepare(QUARTER), true);
    }

    /**
     * The same with the file written as the window's button and {@code coordo payments export} write it: the orders
     * read again as stored, the file written atomically and its fingerprint kept on the order.
     */
    @Benchmark
    public Path issueQuarterAndSaveSepa() {
        List<PaymentOrder> orders = payments.issue(payments.prepare(QUARTER), true);
        return new PaymentDocuments(db, payments).saveSepa(orders, sepa, false);
    }

    /** The first of a JVM that has only opened the database (the command line's case). */
    @Benchmark
    @Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public byte[] firstIssueInAFreshJvm() throws IOException {
        return issueQuarterAndWriteSepa();
    }

    /** Not measured: the iteration must have paid every episode of the quarter. */
    @TearDown(Level.Iteration)
    public void checkAndDelete() throws IOException {
        int paid = db.read(dsl -> dsl.select(DSL.countDistinct(PAYMENT_ORDER_LINE.EPISODE_ID)).from(PAYMENT_ORDER_LINE).fetchOne().value1());
        db.close();
        for (String suffix : List.of("", "-wal", "-shm", ".lock")) {
            Files.deleteIfExists(dir.resolve(copy.getFileName() + suffix));
        }
        Files.deleteIfExists(sepa);
        if (paid != PaymentQuarter.EPISODES) {
            throw new IllegalStateException(paid + " episodes paid instead of " + PaymentQuarter.EPISODES);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        BenchFolders.delete(dir);
    }
}
