package fr.coordo.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
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
}
