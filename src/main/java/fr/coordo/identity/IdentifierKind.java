package fr.coordo.identity;

/** The identifiers Coordo checks, with the French label used in messages. */
public enum IdentifierKind {
    NIR("NIR", "un NIR", false),
    SIREN("SIREN", "un SIREN", false),
    SIRET("SIRET", "un SIRET", false),
    IBAN("IBAN", "un IBAN", false),
    BIC("BIC", "un BIC", false),
    RPPS("RPPS", "un RPPS", true),
    ADELI("ADELI", "un numéro ADELI", true),
    AM("numéro AM", "un numéro AM", true),
    FINESS("FINESS", "un numéro FINESS", true);

    private final String label;
    private final String withArticle;
    private final boolean keyIsWarning;

    IdentifierKind(String label, String withArticle, boolean keyIsWarning) {
        this.label = label;
        this.withArticle = withArticle;
        this.keyIsWarning = keyIsWarning;
    }

    /** The French name of the field, as shown to the user (« numéro AM »). */
    public String label() {
        return label;
    }

    /**
     * True when a wrong check key is only a warning the user may confirm (RPPS, ADELI, numéro AM, FINESS: their key
     * rule comes from public practice, not from a published specification); false when it refuses the value.
     */
    public boolean keyIsWarning() {
        return keyIsWarning;
    }

    /** Checks {@code input} as an identifier of this kind. */
    public Check<? extends Identifier> check(String input) {
        return switch (this) {
            case NIR -> Nir.check(input);
            case SIREN -> Siren.check(input);
            case SIRET -> Siret.check(input);
            case IBAN -> Iban.check(input);
            case BIC -> Bic.check(input);
            case RPPS -> Rpps.check(input);
            case ADELI -> Adeli.check(input);
            case AM -> AmNumber.check(input);
            case FINESS -> Finess.check(input);
        };
    }

    /** « un RPPS », « un numéro ADELI »: the field with its article, for sentences. */
    String withArticle() {
        return withArticle;
    }

    /** The label at the start of a message: « Numéro AM : … ». */
    String messagePrefix() {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1) + " : ";
    }
}
