package fr.coordo.bench;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.Appointment;
import fr.coordo.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
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
 * The agenda on the large demo structure (1 000 000 appointments over four years, 300 professionals, 50 000
 * patients): this week for the whole team, as the agenda window opens; this week for its busiest professional;
 * the whole timeline of the patient who has the most appointments, as the patient record shows it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AgendaWeekBenchmark {
    private Path dir;
    private Database db;
    private AgendaService agenda;
    private LocalDate monday;
    private int professionalId;
    private int patientId;

    @Setup
    public void openLargeDatabase() throws Exception {
        dir = Files.createTempDirectory("coordo-agenda-bench");
        db = LargeDemo.open(LargeDemo.create(dir));
        agenda = new AgendaService(db);
        monday = agenda.today().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        String from = monday.toString();
        String to = monday.plusDays(7).toString();
        professionalId = db.read(dsl -> dsl.resultQuery("""
                SELECT p.professional_id FROM appointment a JOIN appointment_professional p ON p.appointment_id = a.id
                WHERE a.starts_at >= ? AND a.starts_at < ? GROUP BY p.professional_id ORDER BY count(*) DESC, 1 LIMIT 1""", from, to)
                .fetchOne(0, Integer.class));
        patientId = db.read(dsl -> dsl.resultQuery("""
                SELECT patient_id FROM appointment WHERE patient_id IS NOT NULL GROUP BY patient_id ORDER BY count(*) DESC, 1 LIMIT 1""")
                .fetchOne(0, Integer.class));
        int team = teamWeek().size();
        int own = professionalWeek().size();
        int timeline = patientTimeline().size();
        if (team == 0 || own == 0 || timeline == 0) {
            throw new IllegalStateException("the large demo has no appointment this week: the benchmark would measure nothing");
        }
        System.out.printf("%nSemaine du %s : %d rendez-vous pour l'équipe, %d pour le professionnel n° %d ; "
                + "%d rendez-vous dans le parcours du patient n° %d%n", monday, team, own, professionalId, timeline, patientId);
    }

    @Benchmark
    public List<Appointment> teamWeek() {
        return agenda.between(monday, monday.plusDays(7), AgendaService.Filter.TEAM);
    }

    @Benchmark
    public List<Appointment> professionalWeek() {
        return agenda.between(monday, monday.plusDays(7), AgendaService.Filter.professional(professionalId));
    }

    @Benchmark
    public List<Appointment> patientTimeline() {
        return agenda.ofPatient(patientId);
    }

    @TearDown
    public void delete() throws IOException {
        db.close();
        BenchFolders.delete(dir);
    }
}
