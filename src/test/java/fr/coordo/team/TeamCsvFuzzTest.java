package fr.coordo.team;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.coordo.store.Database;
import fr.coordo.store.Figures;
import fr.coordo.store.StoreException;
import fr.coordo.store.schema.Tables;
import fr.coordo.testing.Fuzz;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any file given to the team import — random bytes, random text, a real spreadsheet damaged in every way — ends
 * in rows imported (each whole, with its membership and its audit entry) or in a French refusal that leaves the
 * database exactly as it was: never an exception trace, never half a file.
 */
class TeamCsvFuzzTest {
    private static Path dir;
    private static Database db;
    private static TeamCsv csv;
    private static List<byte[]> seeds;
    private static final AtomicInteger tried = new AtomicInteger();
    private static final AtomicInteger imported = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("coordo-fuzz-equipe");
        db = Database.open(dir.resolve("equipe.db"));
        TeamService team = new TeamService(db);
        csv = new TeamCsv(team);
        // Already in the team: the files' rows meet duplicates of RPPS and of names.
        team.add(new ProfessionalInput("Mme", "Durand", "Élise", "infirmier", null, "15808466203", null, null, null, true, null,
                PracticeMode.LIBERAL, null, null, null, null, null, null, null, null), Set.of(), LocalDate.of(2020, 1, 1));
        byte[] excel;
        try (InputStream in = TeamCsvFuzzTest.class.getResourceAsStream("/team/equipe-melangee.csv")) {
            excel = in.readAllBytes();
        }
        String exported = """
                \uFEFFnom;prénom;civilité;profession;spécialité;rpps;adeli;numéro AM;demande AM le;conventionné;contrat CPAM le;\
                mode d'exercice;employeur;siret employeur;email;téléphone;mssanté;iban;bic;notes;membre depuis;membre jusqu'au;clés confirmées\r
                Petit;Lucie;Mme;Infirmier;;10000000029;;;01/02/2026;oui;;libéral;;;lucie@exemple.fr;06 00 00 00 00;;;;"deux
                lignes";01/01/2021;;\r
                Martin;Paul;M.;Médecin;Gériatrie;;;;;non;15/03/2024;salarié;Centre de santé;73282932000074;;;;FR7630006000011234567890189;\
                AGRIFRPP;;2019-05-01;31/12/2030;RPPS\r
                Roux;Anne;;Kiné;;;351319793;;;oui;;;;;;;;;;;1/9/2022;;ADELI\r
                """;
        String commas = "Nom,Prénom,Profession,RPPS,IBAN,BIC\nLeroy,Hugo,Pharmacien,14905954906,FR76 3000 6000 0112 3456 7890 189,BNPAFRPP\n";
        seeds = List.of(excel, exported.getBytes(StandardCharsets.UTF_8), commas.getBytes(StandardCharsets.UTF_8));
    }

    @AfterContainer
    static void close() throws IOException {
        db.close();
        Figures.record("fuzz-team-csv", "Team CSV import fuzzing: inputs tried " + tried.get() + " (" + imported.get()
                + " imported, " + refused.get() + " refused in French, database unchanged), crashes 0");
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 1000)
    void anyBytes(@ForAll @Size(max = 3_000) byte[] bytes) throws IOException {
        importChecked(bytes);
    }

    @Property(tries = 1000)
    void anyTextUnderAValidHeader(@ForAll("headers") String header, @ForAll @Size(max = 2_000) String body) throws IOException {
        importChecked((header + body).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void damagedRealFiles(@ForAll("seedIndex") int seed, @ForAll("mutations") List<Fuzz.Mutation> mutations) throws IOException {
        importChecked(Fuzz.apply(seeds.get(seed), mutations));
    }

    @Example
    void theUntouchedSeedsImportOrRefuseOnlyRows() throws IOException {
        for (byte[] seed : seeds) {
            importChecked(seed);
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, 2);
    }

    @Provide
    Arbitrary<String> headers() {
        return Arbitraries.of("nom;prénom;profession\n", "Nom,Prénom,Profession,RPPS,IBAN,BIC\n",
                "nom;prénom;profession;membre depuis;membre jusqu'au;conventionné;mode d'exercice;employeur;siret employeur\n");
    }

    @Provide
    Arbitrary<List<Fuzz.Mutation>> mutations() {
        return Fuzz.mutations(6, Fuzz.hostilePieces("nom", "prénom", "profession", "Infirmière", "Médecin", "rpps", "email",
                "courriel", "iban", "membre depuis", "membre jusqu'au", "clés confirmées", "RPPS,ADELI,AM", "15808466203",
                "FR7630006000011234567890189", "73282932000074", "Durand;Élise;Infirmière", "\n;;;;;;\n"));
    }

    // ---------------------------------------------------------------- the check

    /** Imports {@code bytes} as the command line does; anything but a French refusal or a whole import fails. */
    private static void importChecked(byte[] bytes) throws IOException {
        tried.incrementAndGet();
        Path file = Files.write(dir.resolve("equipe.csv"), bytes);
        String before = Fuzz.dump(db);
        int professionalsBefore = count();
        String input = new String(bytes, StandardCharsets.UTF_8);
        TeamCsv.ImportReport report;
        try {
            report = csv.importFile(file, bytes.length % 2 == 0);
        } catch (StoreException e) {
            refused.incrementAndGet();
            Fuzz.assertFrenchMessage(e, input);
            assertEquals(before, Fuzz.dump(db), "a refused import changed the database");
            return;
        }
        imported.incrementAndGet();
        for (TeamCsv.RowResult row : report.rows()) {
            if (!row.imported()) {
                Fuzz.assertFrenchMessage(new StoreException(row.reason()), input);
            }
        }
        int added = count() - professionalsBefore;
        assertEquals(report.importedCount(), added, "rows reported imported");
        int memberships = db.read(dsl -> dsl.fetchCount(Tables.TEAM_MEMBERSHIP));
        assertEquals(count(), memberships, "each imported professional has his membership");
    }

    private static int count() {
        return db.read(dsl -> dsl.fetchCount(Tables.PROFESSIONAL));
    }
}
