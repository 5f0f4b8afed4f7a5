package fr.coordo.team;

import java.util.List;
import java.util.Optional;

/** Legal forms and the structure categories of article D.162-34 CSS, from {@code resources/reference}. */
public final class StructureReference {
    /** A code with its French label; {@code eligible} tells whether the category may coordinate a PCR. */
    public record Choice(String code, String label, boolean eligible) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final List<Choice> CATEGORIES = ReferenceData.rows("/reference/categories-structures.csv").stream()
            .map(f -> new Choice(f[0], f[1], "oui".equals(f[2]))).toList();
    private static final List<Choice> LEGAL_FORMS = ReferenceData.rows("/reference/formes-juridiques.csv").stream()
            .map(f -> new Choice(f[0], f[1], true)).toList();

    private StructureReference() {}

    public static List<Choice> categories() {
        return CATEGORIES;
    }

    public static List<Choice> legalForms() {
        return LEGAL_FORMS;
    }

    public static Optional<Choice> category(String code) {
        return CATEGORIES.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public static Optional<Choice> legalForm(String code) {
        return LEGAL_FORMS.stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
