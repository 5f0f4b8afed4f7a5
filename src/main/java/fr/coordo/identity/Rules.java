package fr.coordo.identity;

import java.util.Locale;
import java.util.function.Function;

/** Normalisation, French messages and the checks several identifier kinds share. */
final class Rules {
    private Rules() {}

    /** Removes spaces (including non-breaking ones), tabs, dots and dashes; upper-cases the rest. */
    static String normalise(String input) {
        StringBuilder sb = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (!isSeparator(c)) {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) // the latter covers U+00A0 and U+202F
                || c == '.' || c == '-' || (c >= '\u2010' && c <= '\u2015'); // hyphens and dashes
    }

    static boolean isBlank(String input) {
        return input == null || normalise(input).isEmpty();
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean allDigits(String s) {
        return s.chars().allMatch(c -> isDigit((char) c));
    }

    static boolean allAlphanumeric(String s) {
        return s.chars().allMatch(c -> isDigit((char) c) || isLetter((char) c));
    }

    /** Corsica's two départements, written with a letter in the NIR and the FINESS. */
    static boolean isCorsica(String departement) {
        return departement.equals("2A") || departement.equals("2B");
    }

    static <T> Check<T> empty(IdentifierKind kind) {
        return badFormat(kind, "valeur vide.");
    }

    static <T> Check<T> badFormat(IdentifierKind kind, String detail) {
        return new Check.Invalid<>(Check.Problem.BAD_FORMAT, kind.messagePrefix() + detail);
    }

    /** A wrong key: a warning to confirm for RPPS, ADELI, numéro AM and FINESS; a refusal for the others. */
    static <T> Check<T> badKey(IdentifierKind kind, T value) {
        if (kind.keyIsWarning()) {
            return new Check.Doubtful<>(value, kind.messagePrefix()
                    + "la clé de contrôle ne correspond pas. Vérifiez le numéro ; s'il est juste, confirmez-le.");
        }
        return new Check.Invalid<>(Check.Problem.BAD_KEY,
                kind.messagePrefix() + "la clé de contrôle est fausse ; vérifiez le numéro.");
    }

    static <T> Check<T> keyed(IdentifierKind kind, boolean keyMatches, T value) {
        return keyMatches ? new Check.Valid<>(value) : badKey(kind, value);
    }

    /** « 11 chiffres attendus, 10 reçus. » */
    static String lengthMismatch(int expected, String unit, int received) {
        return expected + " " + unit + " attendus, " + received + (received > 1 ? " reçus." : " reçu.");
    }

    /** « Une lettre O à la place d'un zéro ? » when a digit-only part holds the letter O. */
    static String letterOHint(String part) {
        return part.indexOf('O') >= 0 ? " Une lettre O à la place d'un zéro ?" : "";
    }

    /** The rule of SIREN, RPPS, ADELI and numéro AM: {@code length} digits, Luhn key. */
    static <T> Check<T> luhnDigits(IdentifierKind kind, String input, int length, Function<String, T> factory) {
        if (isBlank(input)) {
            return empty(kind);
        }
        String value = normalise(input);
        if (!allDigits(value)) {
            return badFormat(kind, kind.withArticle() + " ne contient que des chiffres." + letterOHint(value));
        }
        if (value.length() != length) {
            return badFormat(kind, lengthMismatch(length, "chiffres", value.length()));
        }
        return keyed(kind, CheckDigits.luhnValid(value), factory.apply(value));
    }

    /** The value of a check the user confirmed: a wrong key is accepted, a wrong format never. */
    static <T> T confirmed(Check<T> check) {
        return switch (check) {
            case Check.Valid<T>(T value) -> value;
            case Check.Doubtful<T>(T value, String warning) -> value;
            case Check.Invalid<T>(Check.Problem problem, String message) -> throw new IllegalArgumentException(message);
        };
    }
}
