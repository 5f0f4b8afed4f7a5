package fr.coordo.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static fr.coordo.store.schema.Tables.PATIENT;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.identity.CheckDigits;
import fr.coordo.identity.InputException;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientServiceTest {
    @TempDir
    Path dir;

    @Test
    void searchIgnoresCaseAndAccentsAndFindsByBirthDateOrNir() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PatientService patients = new PatientService(db);
            int eloise = patients.add(PlanFixtures.eloise(null, null), Set.of());
            patients.add(new PatientInput("Durand", null, "Marc", LocalDate.of(1950, 1, 2), "M", null, null, null, "Amboise", null, null,
                    null, null, null, null, false, null, false, null, false, null, null, null, null, PatientStatus.SUIVI, null, null,
                    List.of()), Set.of());

            assertEquals(List.of(eloise), ids(patients.search("eloise", null, 50)));
            assertEquals(List.of(eloise), ids(patients.search("MOREAU éloïse", null, 50)));
            assertEquals(List.of(eloise), ids(patients.search("lefevre", null, 50)), "the birth name finds her too");
            assertEquals(List.of(eloise), ids(patients.search("14/03/1941", null, 50)));
            assertEquals(List.of(eloise), ids(patients.search("1941-03-14", null, 50)));
            String nir = PlanFixtures.nir(true, LocalDate.of(1941, 3, 14), 42);
            assertEquals(List.of(eloise), ids(patients.search(nir, null, 50)));
            assertEquals(List.of(eloise), ids(patients.search(nir.substring(0, 7), null, 50)), "the first digits are enough");
            assertEquals(2, patients.search("", null, 50).size());
            assertTrue(patients.search("zzz", null, 50).isEmpty());

            PatientSummary line = patients.search("eloise", null, 50).getFirst();
            assertEquals("MOREAU (née LEFÈVRE) Éloïse Marie", line.name());
            assertFalse(line.maskedNir().contains(nir.substring(5, 13)), "the list shows a masked NIR");
            assertTrue(line.maskedNir().contains("**"));
        }
    }

    @Test
    void aNirThatContradictsTheFormIsRefusedAndNeverStoredInTheAuditTrail() {
        try (Database db = Database.open(dir.resolve("n.db"))) {
            PatientService patients = new PatientService(db);
            PatientInput eloise = PlanFixtures.eloise(null, null);
            String maleNir = PlanFixtures.nir(false, eloise.birthDate(), 7);
            PatientInput wrong = new PatientInput(eloise.birthName(), eloise.usageName(), eloise.firstNames(), eloise.birthDate(), "F",
                    maleNir, null, "3700", null, null, "pas-un-mail", null, null, null, null, false, "ALD 5", false, null, false,
                    LocalDate.now().plusDays(2), null, null, "formulaire", PatientStatus.DECEDE, null, null, List.of());
            InputException e = assertThrows(InputException.class, () -> patients.add(wrong, Set.of()));
            List<String> fields = e.issues().stream().map(i -> i.field()).toList();
            assertEquals(List.of("nir", "postalCode", "email", "aldList", "consentPlanOn", "consentSharingOn", "statusOn"), fields);
            assertEquals(0, patients.count(), "nothing written");

            int id = patients.add(eloise, Set.of());
            String trail = db.read(dsl -> dsl.resultQuery("SELECT group_concat(changes) FROM audit_entry").fetchOne(0, String.class));
            assertFalse(trail.contains(eloise.nir()), "the full NIR never reaches the audit trail");
            InputException twice = assertThrows(InputException.class, () -> patients.add(eloise, Set.of()));
            assertTrue(twice.getMessage().contains("déjà celui du patient " + Patient.reference(id)), twice.getMessage());
        }
    }

    @Test
    void theRecordKeepsContactsConsentsAndStatus() {
        try (Database db = Database.open(dir.resolve("r.db"))) {
            PatientService patients = new PatientService(db);
            LocalDate consent = LocalDate.now(Database.ZONE).minusDays(1);
            int id = patients.add(PlanFixtures.eloise(null, consent), Set.of());
            Patient p = patients.find(id).orElseThrow();
            assertEquals(PlanFixtures.eloise(null, consent), p.data());
            assertEquals(Contact.Kind.CONFIANCE, p.data().contacts().get(1).kind());
            assertTrue(p.hasPlanConsent());
            assertEquals(p, patients.byReference(p.reference()).orElseThrow());
        }
    }

    private static List<Integer> ids(List<PatientSummary> list) {
        return list.stream().map(PatientSummary::id).toList();
    }

    @Test
    void aNirPrefixFindsExactlyThePatientsWhoseNirStartsWithIt() {
        try (Database db = Database.open(dir.resolve("demo.db"))) {
            new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
            PatientService patients = new PatientService(db);
            // Born in Corsica: letters in the NIR, and a prefix ending in 9 once the department is past.
            patients.add(corsican("2A", "Ajaccio"), Set.of());
            patients.add(corsican("2B", "Bastia"), Set.of());
            Map<Integer, String> nirs = db.read(dsl -> dsl.select(PATIENT.ID, PATIENT.NIR).from(PATIENT).where(PATIENT.NIR.isNotNull())
                    .fetchMap(PATIENT.ID, PATIENT.NIR));
            Set<String> prefixes = new TreeSet<>(List.of("150012A", "150012B", "150012", "1500129", "2999999"));
            nirs.values().stream().limit(40).forEach(nir -> {
                for (int n = 6; n <= 14; n++) {
                    prefixes.add(nir.substring(0, n));
                }
            });
            for (String prefix : prefixes) {
                List<Integer> expected = nirs.entrySet().stream().filter(e -> e.getValue().startsWith(prefix)).map(Map.Entry::getKey)
                        .sorted().toList();
                assertEquals(expected, ids(patients.search(prefix, null, 10_000)).stream().sorted().toList(), prefix);
            }
            assertEquals(1, patients.search("150012a", null, 50).size(), "typed in lower case");
        }
    }

    private static PatientInput corsican(String department, String city) {
        String first13 = "15001" + department + "004" + (department.equals("2A") ? "101" : "102");
        String nir = first13 + String.format("%02d", CheckDigits.nirKey(first13));
        return new PatientInput("Santoni", null, "Paul", LocalDate.of(1950, 1, 2), "M", nir, null, null, city, null, null,
                null, null, null, null, false, null, false, null, false, null, null, null, null, PatientStatus.SUIVI, null, null,
                List.of());
    }
}
