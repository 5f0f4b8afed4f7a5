package fr.coordo.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What the fuzz tests share: mutations of valid files (jqwik shrinks them to the smallest failing change), the
 * check that a refusal is a French sentence for a person and not a trace for a developer, and a dump of a
 * database to prove that a refused import wrote nothing.
 */
public final class Fuzz {
    private Fuzz() {}

    /** One change to a text: delete, insert, replace, duplicate, truncate or move a piece of it. */
    public record Mutation(int op, int at, int length, String text) {
        String applyTo(String s) {
            int n = s.length();
            int from = n == 0 ? 0 : Math.floorMod(at, n + 1);
            int to = Math.min(n, from + length);
            return switch (op) {
                case 0 -> s.substring(0, from) + s.substring(to);
                case 1 -> s.substring(0, from) + text + s.substring(from);
                case 2 -> s.substring(0, from) + text + s.substring(to);
                case 3 -> s.substring(0, to) + s.substring(from, to) + s.substring(to);
                case 4 -> s.substring(0, from);
                default -> {
                    String piece = s.substring(from, to);
                    String rest = s.substring(0, from) + s.substring(to);
                    int where = rest.isEmpty() ? 0 : Math.floorMod(at * 31 + length, rest.length() + 1);
                    yield rest.substring(0, where) + piece + rest.substring(where);
                }
            };
        }
    }

    /** Up to {@code max} mutations, whose inserted pieces come from {@code pieces}. */
    public static Arbitrary<List<Mutation>> mutations(int max, Arbitrary<String> pieces) {
        Arbitrary<Mutation> one = Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 1_000_000),
                        Arbitraries.integers().between(0, 40),
                        pieces)
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(max);
    }

    public static String apply(String seed, List<Mutation> mutations) {
        String s = seed;
        for (Mutation m : mutations) {
            s = m.applyTo(s);
        }
        return s;
    }

    /** Mutations on bytes: each byte is one char of ISO-8859-1, so a cut may fall inside a UTF-8 character. */
    public static byte[] apply(byte[] seed, List<Mutation> mutations) {
        return apply(new String(seed, StandardCharsets.ISO_8859_1), mutations).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Pieces a hostile or clumsy file holds: separators, quotes, line ends, odd characters, huge or empty values. */
    public static Arbitrary<String> hostilePieces(String... domain) {
        return Arbitraries.oneOf(
                Arbitraries.of(domain),
                Arbitraries.of(";", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\t", " ", "", "\u0000", "\uFEFF", "\u00A0", "é", "Œ",
                        "\uD83D\uDE00", "\uD800", "\\", ":", "=", "'", "«", "»", "0", "-1", "99999999999999999999", "2A", "31/02/2024",
                        "00/00/0000", "1/1/1", "9999-99-99", "oui", "non", "salarié"),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
                Arbitraries.strings().withChars('x', ';', '"', '\n').ofMinLength(200).ofMaxLength(2_000));
    }

    /** An accent, a French word, or French typography: a space before the colon (« Email : adresse invalide »). */
    private static final Pattern FRENCH = Pattern.compile(
            "(?iu).*([éèêàçùâîôû«»]| : |\\b(le|la|les|de|du|des|est|pas|un|une|rien|ligne|fichier)\\b).*", Pattern.DOTALL);
    private static final List<String> DEVELOPER_MARKERS = List.of("Exception", "java.", "javax.", "org.", "net.fortuna", "jdk.",
            "Caused by", "\tat ", "Cannot invoke", "NullPointer", "IndexOutOfBounds", "Index ");

    /**
     * A refusal a person can read: a French sentence, without a Java class, a stack trace or a bare « null » (unless
     * the input itself contained those words, which a message may quote back).
     */
    public static void assertFrenchMessage(Throwable refusal, String input) {
        String message = refusal.getMessage();
        assertNotNull(message, () -> "no message: " + refusal);
        assertFalse(message.isBlank(), "blank message");
        assertTrue(FRENCH.matcher(message).matches(), () -> "not a French sentence: " + message);
        String lowerInput = input.toLowerCase(Locale.ROOT);
        for (String marker : DEVELOPER_MARKERS) {
            if (!lowerInput.contains(marker.toLowerCase(Locale.ROOT))) {
                assertFalse(message.contains(marker), () -> "developer's wording « " + marker + " » in: " + message);
            }
        }
        if (!lowerInput.contains("null")) {
            assertFalse(Pattern.compile("\\bnull\\b").matcher(message).find(), () -> "« null » in: " + message);
        }
    }

    /** Every row of every table, sorted: equal dumps mean an unchanged database. */
    public static String dump(Database db) {
        return db.read(dsl -> {
            StringBuilder sb = new StringBuilder();
            for (String table : dsl.fetch("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    + "ORDER BY name").getValues(0, String.class)) {
                List<String> rows = new ArrayList<>();
                dsl.fetch("SELECT * FROM \"" + table + "\"").forEach(r -> rows.add(java.util.Arrays.toString(r.intoArray())));
                rows.sort(null);
                sb.append(table).append(" (").append(rows.size()).append(")\n");
                rows.forEach(r -> sb.append(r).append('\n'));
            }
            return sb.toString();
        });
    }
}
