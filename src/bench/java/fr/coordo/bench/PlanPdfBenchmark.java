package fr.coordo.bench;

import fr.coordo.plan.PlanDocuments;
import fr.coordo.plan.PlanPdf;
import fr.coordo.plan.PlanPdfFixtures;
import fr.coordo.plan.PlanSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Printing a large personalised plan (10 problems, 9 objectives, 21 actions across both parts, 10 points
 * d'étape, long texts: 8 A4 pages) to PDF/A bytes: layout, font subsetting, metadata, saving. The snapshot is read
 * once from a database the test fixture builds; reading it is measured apart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlanPdfBenchmark {
    private Path dir;
    private PlanPdfFixtures.Built built;
    private PlanDocuments documents;
    private PlanSnapshot snapshot;

    /** Database and snapshot only: nothing of PDFBox is loaded yet, as in the window before the first print. */
    @Setup
    public void buildLargePlan() throws IOException {
        dir = Files.createTempDirectory("coordo-plan-bench");
        built = PlanPdfFixtures.create(dir.resolve("plans.db"));
        documents = new PlanDocuments(built.db(), PlanPdfFixtures.PRINT_CLOCK);
        snapshot = documents.snapshot(built.planId(), null);
    }

    @Benchmark
    public byte[] renderLargePlan() {
        return PlanPdf.render(snapshot, false, PlanPdfFixtures.PRINT_CLOCK);
    }

    @Benchmark
    public byte[] renderSocialCopy() {
        return PlanPdf.render(snapshot, true, PlanPdfFixtures.PRINT_CLOCK);
    }

    /** What a click on « Imprimer » costs before the file is written: reading the snapshot, then rendering. */
    @Benchmark
    public byte[] readSnapshotAndRender() {
        return PlanPdf.render(documents.snapshot(built.planId(), null), false, PlanPdfFixtures.PRINT_CLOCK);
    }

    /** The first print of a fresh JVM: the user clicks once, so class loading and font parsing count. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public byte[] firstRenderInAFreshJvm() {
        return renderLargePlan();
    }

    /** The window's background warm-up ({@link PlanPdf#warmUp}), done before the click. */
    @State(Scope.Benchmark)
    public static class WarmedUp {
        @Setup
        public void warmUp() {
            PlanPdf.warmUp();
        }
    }

    /** The first print of a session in the application, which warms printing up in the background at start. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public byte[] firstRenderAfterWarmUpInAFreshJvm(WarmedUp warmedUp) {
        return renderLargePlan();
    }

    @TearDown
    public void delete() throws IOException {
        built.close();
        BenchFolders.delete(dir);
    }
}
