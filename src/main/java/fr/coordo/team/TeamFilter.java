package fr.coordo.team;

import fr.coordo.identity.SearchKey;
import java.time.LocalDate;
import java.util.function.Predicate;

/**
 * The filters of the team table. Pure, so that the window, the tests and the benchmark share it.
 * {@code query} matches names without regard to case or accents, and RPPS, numéro AM or email.
 */
public record TeamFilter(String query, String professionCode, Status status, Boolean conventioned, boolean incompleteOnly) {

    /** Which members to show. */
    public enum Status {
        ACTIVE("Membres actifs"), FORMER("Anciens membres"), ALL("Tous");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static TeamFilter initial() {
        return new TeamFilter("", null, Status.ACTIVE, null, false);
    }

    public TeamFilter withQuery(String q) {
        return new TeamFilter(q, professionCode, status, conventioned, incompleteOnly);
    }

    public TeamFilter withProfession(String code) {
        return new TeamFilter(query, code, status, conventioned, incompleteOnly);
    }

    public TeamFilter withStatus(Status s) {
        return new TeamFilter(query, professionCode, s, conventioned, incompleteOnly);
    }

    public TeamFilter withConventioned(Boolean c) {
        return new TeamFilter(query, professionCode, status, c, incompleteOnly);
    }

    public TeamFilter withIncompleteOnly(boolean only) {
        return new TeamFilter(query, professionCode, status, conventioned, only);
    }

    public Predicate<Professional> predicate(LocalDate today) {
        String q = query == null ? "" : SearchKey.of(query);
        String digits = query == null ? "" : query.replaceAll("\\s", "");
        return p -> {
            // Members « à venir » (a start date ahead) are listed with the current ones, not with the former.
            if (status == Status.ACTIVE && p.isFormer(today) || status == Status.FORMER && !p.isFormer(today)) {
                return false;
            }
            if (professionCode != null && !professionCode.equals(p.professionCode())) {
                return false;
            }
            if (conventioned != null && conventioned != p.conventioned()) {
                return false;
            }
            if (incompleteOnly && p.missingForPcr().isEmpty()) {
                return false;
            }
            if (q.isEmpty()) {
                return true;
            }
            return SearchKey.of(p.lastName(), p.firstName()).contains(q) || SearchKey.of(p.firstName(), p.lastName()).contains(q)
                    || p.rpps() != null && p.rpps().startsWith(digits) || p.amNumber() != null && p.amNumber().startsWith(digits)
                    || p.email() != null && p.email().toLowerCase(java.util.Locale.ROOT).contains(q);
        };
    }
}
