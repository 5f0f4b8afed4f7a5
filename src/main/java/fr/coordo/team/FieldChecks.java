package fr.coordo.team;

import fr.coordo.identity.Check;
import fr.coordo.identity.Identifier;
import fr.coordo.identity.IdentifierKind;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The field checks shared by the team and structure forms. */
final class FieldChecks {
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private FieldChecks() {}

    /** Adds the issue of an identifier field, if any: blocking, or a warning unless the user confirmed it. */
    static void identifier(List<Issue> issues, String field, IdentifierKind kind, String value, Set<IdentifierKind> confirmed) {
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
    static String normalised(IdentifierKind kind, String value) {
        if (blank(value)) {
            return null;
        }
        return kind.check(value).usableValue().map(Identifier::value).orElseThrow();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String text(String s) {
        return blank(s) ? null : s.strip();
    }
}
