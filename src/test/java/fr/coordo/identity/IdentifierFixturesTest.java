package fr.coordo.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every row of the shared test vectors (../shared/fixtures/identifiers.csv) gets the expected outcome. */
class IdentifierFixturesTest {
    private static final Path CSV =
            Path.of(System.getProperty("coordo.shared", "../shared"), "fixtures", "identifiers.csv");

    /** The kinds whose wrong key is a warning, as IDENTIFIERS.md lists them (not read from the code under test). */
    private static final Set<String> WARNING_KINDS = Set.of("rpps", "adeli", "am", "finess");

    record Row(long line, String kind, String value, String expected, String note) {
        IdentifierKind identifierKind() {
            return IdentifierKind.valueOf(kind.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return "line " + line + ": " + kind + " " + value + " → " + expected + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    static List<Row> rows() throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(CSV, StandardCharsets.UTF_8)) {
            return format.parse(reader).stream()
                    .map((CSVRecord r) -> new Row(r.getRecordNumber() + 1, r.get("kind"), r.get("value"),
                            r.get("expected"), r.get("note")))
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRowGetsItsExpectedOutcome() throws IOException {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> assertRow(row)));
    }

    private static void assertRow(Row row) {
        IdentifierKind kind = row.identifierKind();
        Check<? extends Identifier> check = kind.check(row.value());
        switch (row.expected()) {
            case "valid" -> {
                assertInstanceOf(Check.Valid.class, check, () -> row + ": " + check.message());
                Identifier id = check.orElseThrow();
                assertEquals(row.value().replace(" ", "").toUpperCase(Locale.ROOT), id.value(), row::toString);
                assertEquals(kind, id.kind(), row::toString);
            }
            case "bad-format" -> {
                var invalid = assertInstanceOf(Check.Invalid.class, check, row::toString);
                assertEquals(Check.Problem.BAD_FORMAT, invalid.problem(), row::toString);
                assertMessage(row, invalid.message());
            }
            case "bad-key" -> {
                if (WARNING_KINDS.contains(row.kind())) {
                    var doubtful = assertInstanceOf(Check.Doubtful.class, check, row::toString);
                    assertMessage(row, doubtful.warning());
                    assertTrue(doubtful.warning().contains("confirmez"), doubtful.warning());
                } else {
                    var invalid = assertInstanceOf(Check.Invalid.class, check, row::toString);
                    assertEquals(Check.Problem.BAD_KEY, invalid.problem(), row::toString);
                    assertMessage(row, invalid.message());
                }
            }
            default -> fail("unknown expected outcome: " + row);
        }
    }

    /** A message starts with the field's label, and never repeats the value (a NIR must not leak). */
    private static void assertMessage(Row row, String message) {
        String label = row.identifierKind().label();
        assertTrue(message.toLowerCase(Locale.ROOT).startsWith(label.toLowerCase(Locale.ROOT) + " : "),
                () -> row + ": " + message);
        assertFalse(message.contains(row.value().replace(" ", "").toUpperCase(Locale.ROOT)), () -> row + ": " + message);
    }

    @Test
    void theVectorsCoverAllNineKindsAndTheWarningKindsMatchTheSpecification() throws IOException {
        List<Row> rows = rows();
        Set<IdentifierKind> seen = rows.stream().map(Row::identifierKind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(IdentifierKind.class)));
        assertEquals(EnumSet.allOf(IdentifierKind.class), seen);
        for (IdentifierKind kind : IdentifierKind.values()) {
            assertEquals(WARNING_KINDS.contains(kind.name().toLowerCase(Locale.ROOT)), kind.keyIsWarning(), kind::name);
        }
        assertTrue(rows.size() >= 50, "rows read: " + rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.value().contains(" ")), "the quoted IBAN with spaces was read whole");
    }
}
