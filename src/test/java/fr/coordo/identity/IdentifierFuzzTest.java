package fr.coordo.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.payment.Period;
import fr.coordo.security.RecoveryKey;
import fr.coordo.store.Figures;
import fr.coordo.store.StoreException;
import fr.coordo.testing.Fuzz;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Every identifier parser, given any string — random Unicode, identifier-like text, the shared test vectors damaged
 * in every way — answers with a check (valid, doubtful or refused with a French message naming the field) or, for
 * the factories that must throw, an IllegalArgumentException worded in French: never another exception. The
 * recovery key and the payment period, the other identifiers a person types, are held to the same rule.
 */
class IdentifierFuzzTest {
    private static final AtomicLong strings = new AtomicLong();
    private static final AtomicLong calls = new AtomicLong();

    @AfterContainer
    static void figures() {
        Figures.record("fuzz-identifiers", "Identifier parsers fuzzing (" + IdentifierKind.values().length + " kinds, "
                + "confirmed factories, field checks, recovery key, period): strings tried " + strings.get() + ", parser calls "
                + calls.get() + ", crashes 0");
    }

    @Property(tries = 5000)
    void anyUnicodeString(@ForAll String input) {
        checkEverything(input);
    }

    @Property(tries = 5000)
    void identifierLikeText(@ForAll("identifierLike") String input) {
        checkEverything(input);
    }

    @Property(tries = 3000)
    void damagedTestVectors(@ForAll("vectors") String vector, @ForAll("mutations") List<Fuzz.Mutation> mutations) {
        checkEverything(Fuzz.apply(vector, mutations));
    }

    @Example
    void theTestVectorsThemselves() throws IOException {
        for (String v : vectorValues()) {
            checkEverything(v);
        }
    }

    // ---------------------------------------------------------------- the check

    private static void checkEverything(String input) {
        strings.incrementAndGet();
        for (IdentifierKind kind : IdentifierKind.values()) {
            calls.incrementAndGet();
            Check<? extends Identifier> check = kind.check(input);
            assertNotNull(check, kind + " gave no answer");
            switch (check) {
                case Check.Valid<? extends Identifier> valid -> normalisedAndStable(kind, valid.value(), input);
                case Check.Doubtful<? extends Identifier> doubtful -> {
                    assertTrue(kind.keyIsWarning(), kind + ": only a warning kind may be doubtful");
                    normalisedAndStable(kind, doubtful.value(), input);
                    french(kind, doubtful.warning(), input);
                }
                case Check.Invalid<? extends Identifier> invalid -> {
                    french(kind, invalid.message(), input);
                    if (kind == IdentifierKind.NIR) {
                        String digits = input.replaceAll("[^0-9]", "");
                        assertTrue(digits.length() < 6 || !invalid.message().contains(digits), "a NIR never travels in a message");
                    }
                }
            }
            calls.incrementAndGet();
            throwsOnlyInFrench(kind, () -> kind.check(input).orElseThrow(), input);
            // The field checks of every form, and the stored form of what they let through.
            calls.incrementAndGet();
            List<Issue> issues = new ArrayList<>();
            assertDoesNotThrow(() -> FieldChecks.identifier(issues, "champ", kind, input, EnumSet.allOf(IdentifierKind.class)));
            issues.forEach(i -> french(kind, i.message(), input));
            if (issues.isEmpty()) {
                calls.incrementAndGet();
                assertDoesNotThrow(() -> FieldChecks.normalised(kind, input), "what the form accepts can be stored");
            }
        }
        for (Function<String, ?> confirmed : List.<Function<String, ?>>of(Rpps::confirmed, Adeli::confirmed, AmNumber::confirmed,
                Finess::confirmed)) {
            calls.incrementAndGet();
            throwsOnlyInFrench(null, () -> confirmed.apply(input), input);
        }
        calls.incrementAndGet();
        throwsOnlyInFrench(null, () -> RecoveryKey.parse(input), input);
        calls.incrementAndGet();
        try {
            assertNotNull(Period.parse(input));
        } catch (StoreException e) {
            Fuzz.assertFrenchMessage(e, input);
        }
    }

    private static void normalisedAndStable(IdentifierKind kind, Identifier value, String input) {
        assertEquals(kind, value.kind());
        assertTrue(value.value().matches("[A-Z0-9]+"), () -> kind + ": « " + input + " » stored as « " + value.value() + " »");
        Check<? extends Identifier> again = kind.check(value.value());
        assertEquals(value, again.usableValue().orElseThrow(), "the stored form reads back as itself");
    }

    private static void french(IdentifierKind kind, String message, String input) {
        Fuzz.assertFrenchMessage(new IllegalArgumentException(message), input);
        assertTrue(message.startsWith(kind.messagePrefix()), () -> "names the field: " + message);
    }

    private static void throwsOnlyInFrench(IdentifierKind kind, Runnable parse, String input) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            if (kind != null) {
                french(kind, e.getMessage(), input);
            } else {
                Fuzz.assertFrenchMessage(e, input);
            }
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> identifierLike() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(27),
                Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(34),
                Arbitraries.of("2A", "2B", "FR76", "O", "o", "l", "ß", "ﬁ", "İ", "ı", "٣", "１２３", "\u0301", "\u00A0", "\u202F", "\u2013",
                        " ", ".", "-", "\t", "\n", "", "\uD800", "\uD83D\uDE00", "+", "/", "e", "9".repeat(40), "-".repeat(20)));
        return pieces.list().ofMaxSize(6).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> vectors() throws IOException {
        return Arbitraries.of(vectorValues());
    }

    @Provide
    Arbitrary<List<Fuzz.Mutation>> mutations() {
        return Fuzz.mutations(4, Arbitraries.oneOf(Arbitraries.strings().numeric().ofMaxLength(3),
                Arbitraries.of("A", "B", "O", " ", "-", ".", "2A", "\u00A0", "ß", "\uD800", "FR", "")));
    }

    /** The shared test vectors' values; a few of them when the shared folder is not beside the project. */
    private static List<String> vectorValues() throws IOException {
        Path csv = Path.of(System.getProperty("coordo.shared", "../shared"), "fixtures", "identifiers.csv");
        if (!Files.isRegularFile(csv)) {
            return List.of("190067523649603", "189042B36927620", "90362906108209", "FR7661358831036766795713881", "BNPAFRPP",
                    "10000000029", "351319793", "2A0000123");
        }
        List<String> values = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                values.add(rec.get("value"));
            }
        }
        return values;
    }
}
