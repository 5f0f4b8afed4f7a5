package fr.coordo.bench;

import fr.coordo.pathway.Declaration;
import fr.coordo.pathway.DeclarationPdf;
import fr.coordo.pathway.PathwayDocuments;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.ProjectInput;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * The ARS declaration dossier of a 300-professional team: the structure and the completed obesity type of the test
 * fixture, 300 complete professionals of ten professions (some salaried, some waiting for their numéro AM), every
 * one signed and notified. Two projets with that team: one signed (its dossier is read from today's records, with
 * the readiness check), one transmitted (read from the declaration kept as sent). Target: ≤ 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DeclarationBenchmark {
    static final int TEAM = 300;
    private static final String[] LAST = {"Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
        "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand"};
    private static final String[] FIRST = {"Camille", "Léa", "Hugo", "Chloé", "Louis", "Manon", "Jules", "Inès", "Arthur", "Zoé",
        "Gabriel", "Jeanne", "Raphaël", "Éloïse", "Noé"};
    private static final String[] PROFESSIONS = {"medecin", "infirmier", "masseur_kinesitherapeute", "dieteticien", "psychologue",
        "enseignant_apa", "pharmacien", "pedicure_podologue", "orthophoniste", "assistant_service_social"};

    private Path dir;
    private Database db;
    private PathwayDocuments documents;
    private int signed;
    private int transmitted;
    private Declaration declaration;

    /** Built once: nothing of PDFBox is loaded by it. */
    @Setup(Level.Trial)
    public void buildTeamOfThreeHundred() throws IOException {
        dir = Files.createTempDirectory("coordo-declaration-bench");
        db = Database.open(dir.resolve("parcours.db"));
        PathwayFixtures f = new PathwayFixtures(db);
        LocalDate today = PathwayFixtures.TODAY;
        List<TeamService.Entry> entries = new ArrayList<>();
        for (int i = 0; i < TEAM - f.pros.size(); i++) {
            // 450 different names: no two professionals of the team are taken for one another
            ProfessionalInput c = PathwayFixtures.complete(LAST[i % LAST.length], FIRST[(i + i / LAST.length) % FIRST.length],
                    PROFESSIONS[i % PROFESSIONS.length], 1000 + i);
            boolean salaried = i % 7 == 3;
            boolean pending = i % 11 == 5;
            entries.add(new TeamService.Entry(new ProfessionalInput(c.civility(), c.lastName(), c.firstName(), c.professionCode(),
                    i % 5 == 0 ? "Éducation thérapeutique" : null, c.rpps(), null, pending ? null : c.amNumber(),
                    pending ? today.minusDays(30) : null, !pending, null, salaried ? PracticeMode.SALARIE : PracticeMode.LIBERAL,
                    salaried ? "Association Santé Touraine Prévention" : null, null, c.phone(), null, null, c.iban(), c.bic(), null),
                    Set.of(), today.minusYears(1)));
        }
        List<Integer> added = f.team.addAll(entries);
        List<ProjectInput.MemberInput> members = new ArrayList<>(f.members());
        for (int i = 0; i < added.size(); i++) {
            members.add(new ProjectInput.MemberInput(added.get(i), i % 4 == 0 ? "Référent des patients du profil P3" : null,
                    i % 3 == 0 ? List.of("S1") : List.of()));
        }
        ProjectInput input = f.input().withMembers(members);
        signed = signedProject(f, input, today.minusDays(3));
        transmitted = signedProject(f, input, today.minusDays(3));
        f.projects.transmit(transmitted, today.minusDays(1));
        documents = new PathwayDocuments(db, f.clock);
        declaration = f.projects.declaration(signed, 1);
        if (declaration.project().members().size() != TEAM || !declaration.blockingGaps().isEmpty()) {
            throw new IllegalStateException("the benchmark's projet must be complete with " + TEAM + " members");
        }
    }

    private static int signedProject(PathwayFixtures f, ProjectInput input, LocalDate day) {
        int id = f.projects.create(input);
        f.projects.markReady(id);
        for (ProjectVersion.Member m : f.projects.find(id).orElseThrow().current().members()) {
            f.projects.recordSignature(id, m.professional().id(), day);
            if (m.needsOrdreNotification()) {
                f.projects.recordOrdreNotification(id, m.professional().id(), day);
            }
        }
        f.projects.recordRepresentativeSignature(id, day);
        return id;
    }

    /** Layout and PDF/A of the dossier from the declaration in memory. */
    @Benchmark
    public byte[] renderDossier() {
        return DeclarationPdf.render(declaration, PathwayFixtures.clockAt(PathwayFixtures.TODAY));
    }

    /** A click on « Dossier PDF » for a signed projet: reading the team, the readiness check, rendering. */
    @Benchmark
    public byte[] readAndRenderSignedDossier() {
        return documents.dossier(signed, 1);
    }

    /** The same for a transmitted projet, read from the declaration kept as sent. */
    @Benchmark
    public byte[] readAndRenderTransmittedDossier() {
        return documents.dossier(transmitted, 1);
    }

    /** The first dossier of a fresh JVM (the command line's case): class loading, font parsing, cold code. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public byte[] firstDossierInAFreshJvm() {
        return documents.dossier(signed, 1);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        db.close();
        BenchFolders.delete(dir);
    }
}
