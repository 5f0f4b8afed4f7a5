package fr.coordo.identity;

/** SIREN of a company or association: 9 digits, Luhn key (a wrong key refuses the value). */
public final class Siren extends AbstractIdentifier implements Identifier {
    private Siren(String value) {
        super(value);
    }

    public static Check<Siren> check(String input) {
        return Rules.luhnDigits(IdentifierKind.SIREN, input, 9, Siren::new);
    }

    @Override
    public IdentifierKind kind() {
        return IdentifierKind.SIREN;
    }
}
