package fr.coordo.demo;

import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static fr.coordo.store.schema.Tables.STRUCTURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.CheckDigits;
import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import fr.coordo.team.Professions;
import fr.coordo.team.TeamRepository;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoGeneratorTest {
    @TempDir
    Path dir;

    private List<String> snapshot(Path file, long seed) {
        try (Database db = Database.open(file)) {
            new DemoGenerator(seed).fill(db, DemoGenerator.Size.SMALL);
            return db.read(dsl -> {
                var rows = new java.util.ArrayList<String>();
                dsl.select(PROFESSIONAL.LAST_NAME, PROFESSIONAL.FIRST_NAME, PROFESSIONAL.RPPS, PROFESSIONAL.IBAN)
                        .from(PROFESSIONAL).orderBy(PROFESSIONAL.ID).fetch().forEach(r -> rows.add(r.toString()));
                dsl.select(PATIENT.BIRTH_NAME, PATIENT.FIRST_NAMES, PATIENT.BIRTH_DATE, PATIENT.NIR)
                        .from(PATIENT).orderBy(PATIENT.ID).fetch().forEach(r -> rows.add(r.toString()));
                return rows;
            });
        }
    }

    @Test
    void theSameSeedGivesTheSameStructureAndAnotherSeedAnotherOne() {
        List<String> a = snapshot(dir.resolve("a.db"), 7);
        List<String> b = snapshot(dir.resolve("b.db"), 7);
        List<String> c = snapshot(dir.resolve("c.db"), 8);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void theSmallDemoIsARealisticMspWithValidFictitiousIdentifiers() {
        try (Database db = Database.open(dir.resolve("msp.db"))) {
            var result = new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
            assertEquals(25, result.professionals());
            assertEquals(200, result.patients());
            LocalDate today = LocalDate.now(Database.ZONE);
            TeamRepository team = new TeamRepository(db);
            assertEquals(24, team.countActive(today));
            assertEquals(1, team.countFormer(today), "one professional has left and keeps his history");
            assertTrue(team.activeByProfession(today).size() >= 10, "varied professions");
            assertTrue(new Settings(db).isDemo());
            assertEquals("sisa", db.read(dsl -> dsl.select(STRUCTURE.LEGAL_FORM).from(STRUCTURE).fetchSingle().value1()));
            assertEquals("msp_sisa", db.read(dsl -> dsl.select(STRUCTURE.CATEGORY).from(STRUCTURE).fetchSingle().value1()));
            assertTrue(CheckDigits.luhnValid(db.read(dsl -> dsl.select(STRUCTURE.SIRET).from(STRUCTURE).fetchSingle().value1())));

            db.read(dsl -> dsl.selectFrom(PROFESSIONAL).fetch()).forEach(p -> {
                assertTrue(Professions.byCode(p.getProfessionCode()).isPresent(), p.getProfessionCode());
                assertTrue(p.getRpps().matches("\\d{11}"), p.getRpps());
                assertEquals(!CheckDigits.luhnValid(p.getRpps()), "RPPS".equals(p.getConfirmedKeys()),
                        "a RPPS fails its key exactly when its confirmation is recorded: " + p.getRpps());
                if (p.getAmNumber() != null) {
                    assertTrue(p.getAmNumber().matches("\\d{9}") && CheckDigits.luhnValid(p.getAmNumber()), p.getAmNumber());
                }
                if (p.getIban() != null) {
                    assertTrue(p.getIban().matches("FR\\d{25}"), p.getIban());
                    String rearranged = p.getIban().substring(4) + p.getIban().substring(0, 4);
                    assertEquals(1, CheckDigits.mod97(rearranged), p.getIban());
                }
            });
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.CONFIRMED_KEYS.eq("RPPS"))));
            assertTrue(db.read(dsl -> dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.AM_STATUS.eq("REQUESTED"))) >= 1,
                    "a request for a numéro AM in progress");
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.PRACTICE_MODE.eq("SALARIE"))));
            var withoutIban = db.read(dsl -> dsl.fetchCount(PROFESSIONAL, PROFESSIONAL.IBAN.isNull()));
            assertTrue(withoutIban > 0 && withoutIban < 10, "a few records stay incomplete: " + withoutIban);

            var nirs = db.read(dsl -> dsl.select(PATIENT.NIR, PATIENT.SEX, PATIENT.BIRTH_DATE).from(PATIENT).where(PATIENT.NIR.isNotNull()).fetch());
            assertTrue(nirs.size() > 150);
            nirs.forEach(r -> {
                String nir = r.value1();
                assertEquals(15, nir.length(), nir);
                assertEquals(CheckDigits.nirKey(nir.substring(0, 13)), Integer.parseInt(nir.substring(13)), "key of a fictitious NIR");
                assertEquals(r.value2().equals("F") ? '2' : '1', nir.charAt(0));
                assertEquals(r.value3().substring(2, 4), nir.substring(1, 3), "birth year in the NIR");
            });
        }
    }
}
