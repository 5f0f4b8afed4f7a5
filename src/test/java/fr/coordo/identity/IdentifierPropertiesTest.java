package fr.coordo.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the identifier checks over generated values: valid values built with {@link CheckDigits} pass, any
 * single-digit substitution is caught (Luhn and mod 97 detect all of them), and normalisation is harmless.
 */
class IdentifierPropertiesTest {

    /** A generated identifier of a given kind; valid unless a property changes it. */
    record Sample(IdentifierKind kind, String value) {}

    private static final String LA_POSTE_SIREN = "356000000";

    // ----- properties

    @Property(tries = 2000)
    void generatedValuesAreValid(@ForAll("anyValid") Sample sample) {
        Statistics.label("kind").collect(sample.kind());
        Check<? extends Identifier> check = sample.kind().check(sample.value());
        assertInstanceOf(Check.Valid.class, check, () -> sample + ": " + check.message());
        assertEquals(sample.value(), check.orElseThrow().value());
        Statistics.label("kind").coverage(c -> {
            for (IdentifierKind kind : IdentifierKind.values()) {
                c.check(kind).count(n -> n > 0);
            }
        });
    }

    @Property(tries = 4000)
    void changingAnySingleDigitIsNeverValid(@ForAll("checksummed") Sample sample,
                                            @ForAll @IntRange(min = 0, max = 1000) int pick,
                                            @ForAll @IntRange(min = 1, max = 9) int shift) {
        String value = sample.value();
        List<Integer> digitPositions = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                digitPositions.add(i);
            }
        }
        int position = digitPositions.get(pick % digitPositions.size());
        char changed = (char) ('0' + (value.charAt(position) - '0' + shift) % 10);
        String mutated = value.substring(0, position) + changed + value.substring(position + 1);
        // A change may turn an ordinary SIRET into one of La Poste's, whose rule (digit sum) is weaker.
        Assume.that(!(sample.kind() == IdentifierKind.SIRET && mutated.startsWith(LA_POSTE_SIREN)));

        Statistics.label("kind").collect(sample.kind());
        Check<? extends Identifier> check = sample.kind().check(mutated);
        assertFalse(check.isValid(), () -> sample + " changed at " + position + " to " + mutated);
        assertFalse(check instanceof Check.Valid, () -> sample + " changed at " + position + " to " + mutated);
        Statistics.label("kind").coverage(c -> {
            for (IdentifierKind kind : IdentifierKind.values()) {
                if (kind != IdentifierKind.BIC) {
                    c.check(kind).count(n -> n > 0);
                }
            }
        });
    }

    @Property(tries = 2000)
    void separatorsAndLowerCaseGiveTheSameValidValue(@ForAll("anyValid") Sample sample,
                                                      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 40) Integer> cuts,
                                                      @ForAll("separators") String separator,
                                                      @ForAll boolean lowerCase) {
        StringBuilder messy = new StringBuilder(sample.value());
        for (int cut : cuts) {
            messy.insert(cut % (messy.length() + 1), separator);
        }
        String input = lowerCase ? messy.toString().toLowerCase(Locale.ROOT) : messy.toString();

        Check<? extends Identifier> check = sample.kind().check(input);
        assertInstanceOf(Check.Valid.class, check, () -> "«" + input + "»: " + check.message());
        assertEquals(sample.kind().check(sample.value()).orElseThrow(), check.orElseThrow());
        assertEquals(sample.value(), check.orElseThrow().value());
    }

    // ----- generators

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(" ", "  ", "\t", ".", "-", "\u00A0");
    }

    @Provide
    Arbitrary<Sample> anyValid() {
        return Arbitraries.frequencyOf(Tuple.of(8, checksummed()), Tuple.of(1, bics()));
    }

    /** Every kind with a check key. */
    @Provide
    Arbitrary<Sample> checksummed() {
        return Arbitraries.oneOf(nirs(), luhn(IdentifierKind.SIREN, 9), sirets(), ibans(),
                luhn(IdentifierKind.RPPS, 11), luhn(IdentifierKind.ADELI, 9), luhn(IdentifierKind.AM, 9), finess());
    }

    private static Arbitrary<String> digits(int length) {
        return Arbitraries.strings().numeric().ofLength(length);
    }

    private static Arbitrary<String> departements() {
        return Arbitraries.oneOf(digits(2), Arbitraries.of("2A", "2B"));
    }

    private static Arbitrary<Sample> nirs() {
        return Combinators.combine(Arbitraries.of("1", "2", "7", "8"), digits(4), departements(), digits(6))
                .as((sex, yearMonth, departement, rest) -> {
                    String first13 = sex + yearMonth + departement + rest;
                    return new Sample(IdentifierKind.NIR, first13 + String.format("%02d", CheckDigits.nirKey(first13)));
                });
    }

    /** {@code length} digits, the last one a Luhn check digit. */
    private static Arbitrary<Sample> luhn(IdentifierKind kind, int length) {
        return digits(length - 1).map(partial -> new Sample(kind, partial + CheckDigits.luhnCheckDigit(partial)));
    }

    /** Luhn SIRETs; La Poste's establishments follow another rule and are left out. */
    private static Arbitrary<Sample> sirets() {
        return digits(13).filter(partial -> !partial.startsWith(LA_POSTE_SIREN))
                .map(partial -> new Sample(IdentifierKind.SIRET, partial + CheckDigits.luhnCheckDigit(partial)));
    }

    /** Département (digits or 2A/2B), 6 digits, Luhn key over the digits (the Corsican letter left out). */
    private static Arbitrary<Sample> finess() {
        return Combinators.combine(departements(), digits(6)).as((departement, rest) -> {
            String digitsOnly = departement.replaceAll("[AB]", "") + rest;
            return new Sample(IdentifierKind.FINESS, departement + rest + CheckDigits.luhnCheckDigit(digitsOnly));
        });
    }

    /** An IBAN of any registry country, its BBAN following the country's structure. */
    private static Arbitrary<Sample> ibans() {
        return Arbitraries.of(List.copyOf(IbanRegistry.countries())).flatMap(country -> {
            List<Arbitrary<String>> parts = new ArrayList<>();
            for (IbanRegistry.Segment segment : country.bban()) {
                parts.add(switch (segment.type()) {
                    case 'n' -> digits(segment.length());
                    case 'a' -> letters(segment.length());
                    default -> alphanumerics(segment.length());
                });
            }
            return Combinators.combine(parts).as(p -> String.join("", p)).map(bban -> new Sample(IdentifierKind.IBAN,
                    country.code() + CheckDigits.ibanCheckDigits(country.code(), bban) + bban));
        });
    }

    private static Arbitrary<Sample> bics() {
        return Combinators.combine(letters(4), letters(2), alphanumerics(2),
                        Arbitraries.oneOf(Arbitraries.just(""), alphanumerics(3)))
                .as((bank, country, location, branch) -> new Sample(IdentifierKind.BIC, bank + country + location + branch));
    }

    private static Arbitrary<String> letters(int length) {
        return Arbitraries.strings().withCharRange('A', 'Z').ofLength(length);
    }

    private static Arbitrary<String> alphanumerics(int length) {
        return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofLength(length);
    }
}
