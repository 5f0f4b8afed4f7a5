package fr.coordo.bench;

import fr.coordo.store.Database;
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
 * Opening the large demo structure (300 professionals, 50 000 patients): header and integrity check,
 * Flyway's look at pending migrations, connection with its pragmas, then closing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StoreBenchmark {
    private Path dir;
    private Path large;

    /** Built by the command line in a child process, so that this JVM opens a database for the first time. */
    @Setup
    public void createLargeDatabase() throws Exception {
        dir = Files.createTempDirectory("coordo-bench");
        large = LargeDemo.create(dir);
    }

    @Benchmark
    public String openMigrateAndCheckLargeDatabase() {
        try (Database db = LargeDemo.open(large)) {
            return db.openReport().schemaVersion();
        }
    }

    /** The same, as the first open of a fresh JVM: what a coordinator waits for when the window starts. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public String firstOpenInAFreshJvm() {
        return openMigrateAndCheckLargeDatabase();
    }

    @TearDown
    public void delete() throws IOException {
        BenchFolders.delete(dir);
    }
}
