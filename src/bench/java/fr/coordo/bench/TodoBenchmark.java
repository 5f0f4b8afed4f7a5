package fr.coordo.bench;

import fr.coordo.plan.Todo;
import fr.coordo.plan.TodoService;
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
 * The dashboard's to-do on the large demo structure (15 000 plans): late actions, re-evaluations, drafts,
 * plans without consent, as {@link TodoService#today} builds them at each visit of the dashboard.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TodoBenchmark {
    private Path dir;
    private Database db;
    private TodoService todo;

    @Setup
    public void openLargeDatabase() throws Exception {
        dir = Files.createTempDirectory("coordo-todo-bench");
        db = LargeDemo.open(LargeDemo.create(dir));
        todo = new TodoService(db);
        Todo t = todo.today();
        System.out.printf("%nÀ faire : %d actions en retard, %d réévaluations, %d brouillons, %d plans sans consentement%n",
                t.lateActions().size(), t.reviews().size(), t.drafts().size(), t.withoutConsent().size());
    }

    @Benchmark
    public Todo today() {
        return todo.today();
    }

    @TearDown
    public void delete() throws IOException {
        db.close();
        BenchFolders.delete(dir);
    }
}
