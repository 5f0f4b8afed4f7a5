package fr.coordo.bench;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientSummary;
import fr.coordo.plan.Todo;
import fr.coordo.plan.TodoService;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the encryption of the file costs: the same large demo (same seed), encrypted as every Coordo database
 * now is, or plain as before, for a read that scans an index (patient search), a read of many tables (the
 * to-do) and the smallest durable write (one audited transaction, synchronous=FULL).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EncryptionBenchmark {
    @Param({"chiffree", "en-clair"})
    public String file;

    private Path dir;
    private Database db;
    private PatientService patients;
    private TodoService todo;

    @Setup
    public void openLargeDatabase() throws Exception {
        dir = Files.createTempDirectory("coordo-encryption-bench");
        if (file.equals("chiffree")) {
            db = LargeDemo.open(LargeDemo.create(dir));
        } else {
            Path plain = dir.resolve("en-clair.db");
            try (Database d = Database.open(plain)) {
                new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(d, DemoGenerator.Size.LARGE);
            }
            db = Database.open(plain);
        }
        patients = new PatientService(db);
        todo = new TodoService(db);
    }

    @Benchmark
    public List<PatientSummary> searchPatients() {
        return patients.search("mar dur", null, 200);
    }

    @Benchmark
    public Todo todayTodo() {
        return todo.today();
    }

    @Benchmark
    public Object commitOneAuditedWrite() {
        return db.write((dsl, audit) -> {
            audit.record("benchmark", null, AuditAction.UPDATE, Map.of());
            return null;
        });
    }

    @TearDown
    public void delete() throws IOException {
        db.close();
        BenchFolders.delete(dir);
    }
}
