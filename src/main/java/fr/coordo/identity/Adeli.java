package fr.coordo.identity;

/** ADELI number of a health professional: 9 digits, Luhn key (a wrong key is a warning to confirm). */
public final class Adeli extends AbstractIdentifier implements Identifier {
    private Adeli(String value) {
        super(value);
    }

    public static Check<Adeli> check(String input) {
        return Rules.luhnDigits(IdentifierKind.ADELI, input, 9, Adeli::new);
    }

    /**
     * An ADELI number the user confirmed after a key warning.
     *
     * @throws IllegalArgumentException with the French message when the format is wrong
     */
    public static Adeli confirmed(String input) {
        return Rules.confirmed(check(input));
    }

    @Override
    public IdentifierKind kind() {
        return IdentifierKind.ADELI;
    }
}
