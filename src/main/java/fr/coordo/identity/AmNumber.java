package fr.coordo.identity;

/**
 * Assurance Maladie number of a professional (« numéro AM »): 9 digits, Luhn key (a wrong key is a warning to
 * confirm).
 */
public final class AmNumber extends AbstractIdentifier implements Identifier {
    private AmNumber(String value) {
        super(value);
    }

    public static Check<AmNumber> check(String input) {
        return Rules.luhnDigits(IdentifierKind.AM, input, 9, AmNumber::new);
    }

    /**
     * A numéro AM the user confirmed after a key warning.
     *
     * @throws IllegalArgumentException with the French message when the format is wrong
     */
    public static AmNumber confirmed(String input) {
        return Rules.confirmed(check(input));
    }

    @Override
    public IdentifierKind kind() {
        return IdentifierKind.AM;
    }
}
