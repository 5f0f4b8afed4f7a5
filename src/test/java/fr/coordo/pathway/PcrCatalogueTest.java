package fr.coordo.pathway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PcrCatalogueTest {
    private static PcrType type(String code) {
        return PcrCatalogue.shipped().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
    }

    /** The codes of a reference CSV (first column), read from the files the application ships. */
    private static Set<String> codes(String csv, Function<String[], Boolean> keep) throws IOException {
        try (InputStream in = PcrCatalogueTest.class.getResourceAsStream("/reference/" + csv)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).filter(l -> !l.isBlank())
                    .map(l -> l.split(";", -1)).filter(keep::apply).map(f -> f[0]).collect(Collectors.toSet());
        }
    }

    @Test
    void theFiveKnownTypesAreShippedEachInTheFileNamedAfterItsCode() {
        List<PcrType> shipped = PcrCatalogue.shipped();
        assertEquals(List.of("Obésité complexe de l'adulte", "Santé protégée", "Réadaptation respiratoire", "Addictions", "Aides techniques"),
                shipped.stream().map(PcrType::label).toList());
        assertEquals(PcrCatalogue.FILES, shipped.stream().map(t -> t.code().replace('_', '-') + ".json").toList());
        assertEquals(5, shipped.stream().map(PcrType::code).distinct().count(), "codes are unique");
        for (PcrType t : shipped) {
            assertEquals(1, t.revision(), t.code());
            assertFalse(t.objectives().isEmpty(), t.code());
            assertFalse(t.criteria().isEmpty(), t.code());
            assertFalse(t.minimumTeam().isEmpty(), t.code());
            assertTrue(t.arreteReference().contains("à compléter"), t.code() + ": the arrêté is not identified yet");
            assertTrue(t.notes().contains("à vérifier") || t.notes().contains("à compléter"), t.code() + ": the notes say what to check");
            assertEquals(rangeClosed(t.sequences().size()), t.orderedSequences().stream().map(PcrType.Sequence::order).toList(),
                    t.code() + ": séquences numbered 1…n");
        }
    }

    private static List<Integer> rangeClosed(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void everyProfessionAndStructureCategoryExistsInTheReferenceFiles() throws IOException {
        Set<String> professions = codes("professions.csv", f -> true);
        Set<String> eligible = codes("categories-structures.csv", f -> f[2].equals("oui"));
        for (PcrType t : PcrCatalogue.shipped()) {
            for (PcrType.Requirement r : t.minimumTeam()) {
                assertTrue(professions.contains(r.professionCode()), t.code() + ": " + r.professionCode());
                assertTrue(r.count() >= 1, t.code());
            }
            for (PcrType.Share s : t.defaultSplit()) {
                assertTrue(professions.contains(s.party()) || s.party().equals(PcrType.COORDINATION), t.code() + ": " + s.party());
            }
            assertTrue(t.eligibleCategories().contains("msp_sisa"), t.code() + ": an MSP in SISA may carry every known type");
            for (String c : t.eligibleCategories()) {
                assertTrue(eligible.contains(c), t.code() + ": " + c);
            }
        }
    }

    @Test
    void whatIsStillToCompleteIsExactlyWhatTheTextsHaveNotPublished() {
        assertEquals(List.of("référence de l'arrêté", "date de l'arrêté",
                        "forfait du profil « Obésité complexe avec limitation de l'activité physique adaptée autonome »",
                        "forfait du profil « Obésité complexe avec troubles du comportement alimentaire »"),
                type("obesite_complexe_adulte").toComplete());
        assertEquals(List.of("référence de l'arrêté", "date de l'arrêté", "forfait du profil « Enfant protégé suivi dans le parcours »",
                        "durée de la séquence « Bilan de santé initial »", "durée de la séquence « Suivi de santé renforcé »",
                        "durée de la séquence « Soins précoces »", "majoration outre-mer",
                        "part par défaut : Médecin", "part par défaut : Psychologue", "part par défaut : Psychomotricien",
                        "part par défaut : Coordination"),
                type("sante_protegee").toComplete());
        assertEquals(List.of("référence de l'arrêté", "date de l'arrêté", "forfait du profil « Insuffisance respiratoire chronique sévère ou très sévère »",
                        "durée de la séquence « Bilan initial »", "durée de la séquence « Réadaptation respiratoire »",
                        "durée de la séquence « Maintien des acquis »", "majoration outre-mer",
                        "part par défaut : Médecin", "part par défaut : Masseur-kinésithérapeute",
                        "part par défaut : Enseignant en activité physique adaptée", "part par défaut : Coordination"),
                type("readaptation_respiratoire").toComplete());
        assertEquals(List.of("référence de l'arrêté", "date de l'arrêté", "forfait du profil « Patient suivi pour une addiction (forfait annuel) »",
                        "durée de la séquence « Évaluation et plan de soins »", "durée de la séquence « Accompagnement pluriprofessionnel »",
                        "majoration outre-mer", "part par défaut : Médecin", "part par défaut : Psychologue",
                        "part par défaut : Assistant de service social", "part par défaut : Coordination"),
                type("addictions").toComplete());
        assertEquals(List.of("référence de l'arrêté", "date de l'arrêté", "forfait du profil « Personne accompagnée pour ses aides techniques »",
                        "durée de la séquence « Évaluation des besoins »", "durée de la séquence « Préconisation et essais »",
                        "durée de la séquence « Prise en main et suivi »", "majoration outre-mer",
                        "part par défaut : Ergothérapeute", "part par défaut : Médecin", "part par défaut : Coordination"),
                type("aides_techniques").toComplete());
    }

    @Test
    void theFiguresThePressPublishedAreShippedAndNothingElseIsGuessed() {
        PcrType obesity = type("obesite_complexe_adulte");
        assertEquals(Optional.of(new BigDecimal("1126.00")), obesity.forfait("P1", false));
        assertEquals(Optional.of(new BigDecimal("1351.20")), obesity.forfait("P1", true), "+20 % outre-mer");
        assertEquals(Optional.of(new BigDecimal("2122.80")), obesity.forfait("P4", true));
        assertEquals(Optional.empty(), obesity.forfait("P2", false), "profile 2 is à compléter");
        assertEquals(4, obesity.profiles().size());
        assertEquals(Map.of("obesite_complexe_adulte", true, "sante_protegee", false, "readaptation_respiratoire", false,
                        "addictions", true, "aides_techniques", false),
                PcrCatalogue.shipped().stream().collect(Collectors.toMap(PcrType::code, PcrType::coFinanced)),
                "the arrêté co-finances two PCR by the complementary insurers: obesity and addictions");
        PcrType addictions = type("addictions");
        assertEquals(Set.of("medecin", "psychologue", "assistant_service_social"),
                addictions.minimumTeam().stream().map(PcrType.Requirement::professionCode).collect(Collectors.toSet()),
                "Equip'addict: a GP, a psychologist and a social worker");
        assertTrue(addictions.notes().contains("528 €"), "the experimental forfait is a landmark in the notes, not the amount");
        for (PcrType t : PcrCatalogue.shipped()) {
            assertEquals(0, t.patientParticipationPercent().signum(), t.code() + ": covered at 100 %");
        }
    }

    @Test
    void aCompleteSplitMakesAHundredPercent() {
        int complete = 0;
        for (PcrType t : PcrCatalogue.shipped()) {
            if (t.defaultSplit().stream().allMatch(s -> s.percent() != null)) {
                complete++;
                BigDecimal sum = t.defaultSplit().stream().map(PcrType.Share::percent).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, sum.compareTo(BigDecimal.valueOf(100)), t.code());
            }
            Set<String> parties = new HashSet<>();
            t.defaultSplit().forEach(s -> assertTrue(parties.add(s.party()), t.code() + ": " + s.party() + " once"));
            assertTrue(parties.contains(PcrType.COORDINATION), t.code() + ": the coordination has its share");
        }
        assertEquals(1, complete, "only the obesity split is given (a proposed default); the others are à compléter");
    }

    @Test
    void theServiceAcceptsEveryShippedType() {
        for (PcrType t : PcrCatalogue.shipped()) {
            assertEquals(List.of(), PcrTypeService.check(t), t.code());
        }
    }

    @Test
    void aDefinitionReadBackFromJsonIsTheSameDefinition() {
        for (PcrType t : PcrCatalogue.shipped()) {
            PcrType back = PcrCatalogue.fromJson(PcrCatalogue.toJson(t));
            assertEquals(t, back, t.code());
            assertTrue(PcrCatalogue.sameDefinition(t, back));
        }
        PcrType obesity = type("obesite_complexe_adulte");
        PcrType retyped = PcrCatalogue.fromJson(PcrCatalogue.toJson(obesity).replace("1126.00", "1126"));
        assertTrue(PcrCatalogue.sameDefinition(obesity, retyped), "1126 and 1126.00 are the same forfait");
        PcrType changed = PcrCatalogue.fromJson(PcrCatalogue.toJson(obesity).replace("1126.00", "1126.01"));
        assertFalse(PcrCatalogue.sameDefinition(obesity, changed));
    }
}
