package fr.coordo.pathway;

import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;
import static fr.coordo.store.schema.Tables.PCR_TYPE_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.store.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcrTypeServiceTest {
    private static final String OBESITY = "obesite_complexe_adulte";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Database open(String name) {
        return Database.open(dir.resolve(name), new Database.Options(
                Clock.fixed(Instant.parse("2026-03-10T09:30:00Z"), Database.ZONE), () -> "coordinatrice", null));
    }

    /** The type with one change made on its JSON form, as an edit in Paramètres would make it. */
    private static PcrType edited(PcrType type, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(PcrCatalogue.toJson(type));
            change.accept(node);
            return PcrCatalogue.fromJson(MAPPER.writeValueAsString(node));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode profile(ObjectNode type, int index) {
        return (ObjectNode) type.get("profiles").get(index);
    }

    private static PcrType obesity() {
        return PcrCatalogue.shipped().getFirst();
    }

    private static int rows(Database db) {
        return db.read(d -> d.fetchCount(PCR_TYPE_VERSION));
    }

    private static int auditEntries(Database db) {
        return db.read(d -> d.fetchCount(AUDIT_ENTRY));
    }

    @Test
    void theFiveShippedTypesAreCopiedInOnceAsVersionOne() {
        try (Database db = open("a.db")) {
            PcrTypeService service = new PcrTypeService(db);
            List<PcrTypeVersion> current = service.current();
            assertEquals(List.of("Obésité complexe de l'adulte", "Santé protégée", "Réadaptation respiratoire", "Addictions", "Aides techniques"),
                    current.stream().map(PcrTypeVersion::label).toList());
            current.forEach(v -> {
                assertEquals(1, v.version());
                assertEquals(PcrTypeVersion.Origin.CATALOGUE, v.origin());
                assertEquals("Catalogue Coordo, révision 1", v.note());
                assertEquals("coordinatrice", v.createdBy());
            });
            int audit = auditEntries(db);
            service.ensureShipped();
            service.ensureShipped();
            assertEquals(5, rows(db), "calling again adds nothing");
            assertEquals(audit, auditEntries(db), "and writes nothing");
            assertEquals(5, new PcrTypeService(db).current().size());
        }
    }

    @Test
    void anEditIsANewVersionAndTheOldOneKeepsItsFigures() {
        try (Database db = open("b.db")) {
            PcrTypeService service = new PcrTypeService(db);
            PcrTypeVersion v1 = service.versions(OBESITY).getFirst();
            PcrType withProfile2 = edited(v1.type(), t -> profile(t, 1).put("forfait", new BigDecimal("1450.50")));

            PcrTypeVersion v2 = service.saveNewVersion(withProfile2, "Montant du profil 2 lu dans l'arrêté");

            assertEquals(2, v2.version());
            assertEquals(PcrTypeVersion.Origin.SAISIE, v2.origin());
            assertEquals("Montant du profil 2 lu dans l'arrêté", v2.note());
            assertEquals(new BigDecimal("1450.50"), v2.type().profile("P2").orElseThrow().forfait());
            assertTrue(v2.type().toComplete().stream().noneMatch(s -> s.contains("limitation de l'activité physique adaptée autonome")),
                    v2.type().toComplete().toString());
            assertEquals(List.of(1, 2), service.versions(OBESITY).stream().map(PcrTypeVersion::version).toList());
            assertEquals(v2, service.current().getFirst(), "the new version is the current one");

            PcrTypeVersion old = service.find(v1.id()).orElseThrow();
            assertEquals(v1, old);
            assertNull(old.type().profile("P2").orElseThrow().forfait(), "version 1 keeps profile 2 à compléter");
            assertEquals(4, old.type().toComplete().size(), "reference, date, two forfaits");
        }
    }

    @Test
    void anUnchangedDefinitionMakesNoVersionEvenWithTheAmountRetyped() {
        try (Database db = open("c.db")) {
            PcrTypeService service = new PcrTypeService(db);
            PcrTypeVersion v1 = service.versions(OBESITY).getFirst();
            int audit = auditEntries(db);
            PcrType retyped = edited(v1.type(), t -> profile(t, 0).put("forfait", new BigDecimal("1126")));

            PcrTypeVersion same = service.saveNewVersion(retyped, "Relu, rien à changer");

            assertEquals(v1, same);
            assertEquals(1, service.versions(OBESITY).size());
            assertEquals(audit, auditEntries(db));
        }
    }

    private static List<Issue> refused(PcrTypeService service, PcrType type, String field) {
        InputException e = assertThrows(InputException.class, () -> service.saveNewVersion(type, "essai"));
        assertTrue(e.issues().stream().allMatch(i -> i.field().equals(field)), e.issues().toString());
        assertEquals(e.issues(), PcrTypeService.check(type));
        return e.issues();
    }

    @Test
    void anInconsistentDefinitionIsRefusedFieldByFieldAndNothingIsSaved() {
        try (Database db = open("d.db")) {
            PcrTypeService service = new PcrTypeService(db);
            PcrType v1 = service.versions(OBESITY).getFirst().type();

            PcrType ninety = edited(v1, t -> ((ObjectNode) t.get("defaultSplit").get(0)).put("percent", 15));
            assertEquals("La répartition par défaut fait 90 % : elle doit faire 100 %.",
                    refused(service, ninety, "defaultSplit").getFirst().message());

            PcrType negative = edited(v1, t -> profile(t, 0).put("forfait", new BigDecimal("-1126.00")));
            assertEquals("Le forfait du profil « Obésité complexe » ne peut pas être négatif (-1126 €).",
                    refused(service, negative, "profiles").getFirst().message());

            PcrType millimes = edited(v1, t -> profile(t, 0).put("forfait", new BigDecimal("1126.505")));
            assertEquals("Le forfait du profil « Obésité complexe » doit être arrondi au centime (1126,505 €).",
                    refused(service, millimes, "profiles").getFirst().message());

            PcrType twice = edited(v1, t -> profile(t, 2).put("code", "P2"));
            assertEquals("Le code de profil « P2 » est utilisé deux fois : chaque profil a son propre code.",
                    refused(service, twice, "profiles").getFirst().message());

            PcrType unknownProfession = edited(v1, t -> ((ArrayNode) t.get("minimumTeam")).addObject()
                    .put("professionCode", "astrologue").put("count", 1));
            assertEquals("L'équipe minimale cite « astrologue », qui n'est pas une profession connue.",
                    refused(service, unknownProfession, "minimumTeam").getFirst().message());

            assertEquals(5, rows(db), "nothing saved");
            assertEquals(1, service.versions(OBESITY).size());
        }
    }

    @Test
    void aStoredVersionCannotBeRewrittenEvenInPlainSql() throws SQLException {
        Path file = dir.resolve("e.db");
        try (Database db = open("e.db")) {
            new PcrTypeService(db).ensureShipped();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE pcr_type_version SET definition = '{}' WHERE code = '" + OBESITY + "'"));
            assertTrue(e.getMessage().contains("never rewritten"), e.getMessage());
            SQLException d = assertThrows(SQLException.class,
                    () -> st.executeUpdate("DELETE FROM pcr_type_version WHERE code = '" + OBESITY + "'"));
            assertTrue(d.getMessage().contains("is kept"), d.getMessage());
        }
        try (Database db = open("e.db")) {
            JsonNode forfait = MAPPER.valueToTree(new PcrTypeService(db).versions(OBESITY).getFirst().type()).get("profiles").get(0).get("forfait");
            assertEquals(0, new BigDecimal("1126.00").compareTo(forfait.decimalValue()), "the definition is as it was");
        }
    }
}
