package fr.coordo.identity;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The field checks shared by every form: identifiers, emails, blank text. */
public final class FieldChecks {
    public static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private FieldChecks() {}

    /** Adds the issue of an identifier field, if any: blocking, or a warning unless the user confirmed it. */
    public static void identifier(List<Issue> issues, String field, IdentifierKind kind, String value, Set<IdentifierKind> confirmed) {
        if (blank(value)) {
            return;
        }
        Check<?> check = kind.check(value);
        if (check instanceof Check.Invalid<?> invalid) {
            issues.add(Issue.blocking(field, invalid.message()));
        } else if (check instanceof Check.Doubtful<?> doubtful && !confirmed.contains(kind)) {
            issues.add(new Issue(field, doubtful.warning(), kind));
        }
    }

    /** The stored form of an identifier already checked: normalised, or null when blank. */
    public static String normalised(IdentifierKind kind, String value) {
        if (blank(value)) {
            return null;
        }
        return kind.check(value).usableValue().map(Identifier::value).orElseThrow();
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public static String text(String s) {
        return blank(s) ? null : s.strip();
    }
}
