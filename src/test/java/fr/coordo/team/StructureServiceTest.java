package fr.coordo.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.store.Database;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructureServiceTest {
    @TempDir
    Path dir;

    private static StructureInput msp(String siren, String siret, String postalCode) {
        return new StructureInput("MSP des Tilleuls", "sisa", "msp_sisa", siren, siret, null, "3 rue des Tilleuls", postalCode,
                "Ajaccio", null, null, null, "Dr Anne Martin", "Julie Roux", "04 95 00 00 00", "contact@msp.fr", null, null);
    }

    @Test
    void thePostalCodeGivesTheDepartementTheArsAndTheCpam() {
        assertEquals("2A", Departments.ofPostalCode("20000").orElseThrow().code());
        assertEquals("2B", Departments.ofPostalCode("20200").orElseThrow().code());
        assertEquals("Corse", Departments.ofPostalCode("20200").orElseThrow().region());
        assertEquals("CGSS de La Réunion", Departments.ofPostalCode("97400").orElseThrow().cpam());
        assertEquals("ARS Centre-Val de Loire", Departments.ofPostalCode("37000").orElseThrow().ars());
        assertEquals(101, Departments.all().size(), "every département, overseas included");
        assertTrue(Departments.ofPostalCode("3700").isEmpty());
    }

    @Test
    void savingFillsTheDefaultsAndKeepsWhatTheUserTyped() {
        try (Database db = Database.open(dir.resolve("s.db"))) {
            StructureService service = new StructureService(db);
            service.save(msp("538757006", "53875700604300", "20000"), Set.of());
            StructureInput saved = service.load().orElseThrow();
            assertEquals("2A", saved.departmentCode());
            assertEquals("Corse", saved.arsRegion());
            assertEquals("CPAM de la Corse-du-Sud", saved.cpam());

            StructureInput edited = new StructureInput(saved.name(), saved.legalForm(), saved.category(), saved.siren(), saved.siret(),
                    saved.finess(), saved.address(), saved.postalCode(), saved.city(), saved.departmentCode(), saved.arsRegion(),
                    "CPAM d'Ajaccio (antenne)", saved.legalRepresentative(), saved.coordinators(), saved.phone(), saved.email(), null, null);
            service.save(edited, Set.of());
            assertEquals("CPAM d'Ajaccio (antenne)", service.load().orElseThrow().cpam(), "an edited CPAM is kept");
        }
    }

    @Test
    void aSiretThatDoesNotStartWithTheSirenIsRefused() {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            StructureService service = new StructureService(db);
            InputException e = assertThrows(InputException.class,
                    () -> service.save(msp("903629061", "53875700604300", "37000"), Set.of()));
            assertEquals("siret", e.issues().getFirst().field());
            assertTrue(e.getMessage().contains("commencer par le SIREN"), e.getMessage());
            assertTrue(service.load().isEmpty(), "nothing saved");
        }
    }

    @Test
    void onlyTheCategoriesOfArticleD16234MayCoordinateAPathway() {
        assertTrue(StructureReference.category("msp_sisa").orElseThrow().eligible());
        assertTrue(StructureReference.category("cpts").orElseThrow().eligible());
        assertTrue(!StructureReference.category("msp_autre").orElseThrow().eligible(), "an MSP that is not a SISA may not");
        assertEquals(9, StructureReference.categories().stream().filter(StructureReference.Choice::eligible).count());
    }
}
