package fr.coordo.identity;

/** RPPS number of a health professional: 11 digits, Luhn key (a wrong key is a warning to confirm). */
public final class Rpps extends AbstractIdentifier implements Identifier {
    private Rpps(String value) {
        super(value);
    }

    public static Check<Rpps> check(String input) {
        return Rules.luhnDigits(IdentifierKind.RPPS, input, 11, Rpps::new);
    }

    /**
     * An RPPS the user confirmed after a key warning.
     *
     * @throws IllegalArgumentException with the French message when the format is wrong
     */
    public static Rpps confirmed(String input) {
        return Rules.confirmed(check(input));
    }

    /** The national professional id (« identifiant national ») used by FHIR and the e-CPS: « 8 » + RPPS. */
    public String nationalId() {
        return "8" + value();
    }

    @Override
    public IdentifierKind kind() {
        return IdentifierKind.RPPS;
    }
}
