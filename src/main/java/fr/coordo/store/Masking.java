package fr.coordo.store;

import java.util.Locale;
import java.util.Set;

/** Keeps personal identifiers and secrets out of the audit trail and the logs. */
public final class Masking {
    private static final Set<String> SENSITIVE = Set.of("nir", "ins", "iban", "password", "password_hash", "secret");

    private Masking() {}

    public static boolean isSensitive(String field) {
        return SENSITIVE.contains(field.toLowerCase(Locale.ROOT));
    }

    /** Shows only the last two characters: enough to tell two values apart, not to read one. */
    public static String mask(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().replace(" ", "");
        if (s.length() <= 4) {
            return "****";
        }
        return "*".repeat(s.length() - 2) + s.substring(s.length() - 2);
    }
}
