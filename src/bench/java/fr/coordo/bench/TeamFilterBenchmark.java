package fr.coordo.bench;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamFilter;
import fr.coordo.team.TeamService;
import fr.coordo.team.TeamSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One keystroke in the team search field with the large demo team (300 professionals): the work the
 * Équipe view does on the JavaFX thread — new predicate on the FilteredList, the SortedList the table
 * shows re-sorted by name, and the summary line under the table recomputed. Table rendering, which only
 * touches the visible rows, is not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TeamFilterBenchmark {
    /** What is typed so far; the worst case is the short query that keeps most rows. */
    @Param({"d", "dur", "durand", "1054"})
    public String typed;

    private ObservableList<Professional> all;
    private FilteredList<Professional> filtered;
    private SortedList<Professional> sorted;
    private final LocalDate today = LocalDate.now(Database.ZONE);
    private TeamFilter filter = TeamFilter.initial().withStatus(TeamFilter.Status.ALL);
    private boolean flip;

    @Setup
    public void loadLargeTeam() throws IOException {
        Path dir = Files.createTempDirectory("coordo-team-bench");
        List<Professional> team;
        try (Database db = Database.open(dir.resolve("equipe.db"))) {
            new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.LARGE);
            team = new TeamService(db).all();
        }
        if (team.size() != 300) {
            throw new IllegalStateException("expected 300 professionals, got " + team.size());
        }
        all = FXCollections.observableArrayList(team);
        filtered = new FilteredList<>(all);
        sorted = new SortedList<>(filtered, Comparator.comparing(Professional::lastName).thenComparing(Professional::firstName));
    }

    @Benchmark
    public String keystroke() {
        // Alternate between two queries so that every call really changes the predicate.
        flip = !flip;
        filter = filter.withQuery(flip ? typed : typed.substring(0, Math.max(1, typed.length() - 1)));
        filtered.setPredicate(filter.predicate(today));
        return TeamSummary.describe(all, sorted.size(), today);
    }
}
