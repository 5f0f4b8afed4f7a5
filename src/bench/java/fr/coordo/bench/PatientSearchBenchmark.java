package fr.coordo.bench;

import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientSummary;
import fr.coordo.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
 * One search in the patient list of the large demo structure (50 000 patients), as the Patients window runs
 * it: {@link PatientService#search} with the 200 rows the window shows, no status filter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PatientSearchBenchmark {
    /** As the window shows them. */
    static final int LIMIT = 200;

    /**
     * What is typed: a first name without its accents (« Éloïse »), two name fragments, a birth date, the first
     * seven characters of a NIR, nothing (first page). Demo birth dates move with today's date, so the date and
     * the NIR are taken from the database: « jj/mm/aaaa » is a birth date in 1941, « nir » a NIR's first digits.
     */
    @Param({"eloise", "mar dur", "jj/mm/aaaa", "nir", "vide"})
    public String typed;

    private Path dir;
    private Database db;
    private PatientService patients;
    private String query;

    @Setup
    public void openLargeDatabase() throws Exception {
        dir = Files.createTempDirectory("coordo-search-bench");
        Path large = LargeDemo.create(dir);
        db = LargeDemo.open(large);
        patients = new PatientService(db);
        query = switch (typed) {
            case "jj/mm/aaaa" -> LocalDate.parse(db.read(dsl -> dsl.resultQuery(
                            "SELECT min(birth_date) FROM patient WHERE birth_date LIKE '1941-%'").fetchOne(0, String.class)))
                    .format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            case "nir" -> db.read(dsl -> dsl.resultQuery("SELECT substr(nir, 1, 7) FROM patient WHERE nir IS NOT NULL ORDER BY id LIMIT 1")
                    .fetchOne(0, String.class));
            case "vide" -> "";
            default -> typed;
        };
        int found = patients.search(query, null, LIMIT).size();
        if (found == 0) {
            throw new IllegalStateException("« " + query + " » finds nobody in the large demo: the benchmark would measure nothing");
        }
        System.out.printf("%n« %s » : %d patient(s) shown%n", query, found);
    }

    @Benchmark
    public List<PatientSummary> search() {
        return patients.search(query, null, LIMIT);
    }

    @TearDown
    public void delete() throws IOException {
        db.close();
        BenchFolders.delete(dir);
    }
}
