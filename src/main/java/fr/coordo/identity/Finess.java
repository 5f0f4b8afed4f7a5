package fr.coordo.identity;

/**
 * FINESS number of a health or social establishment: 9 characters, département first (two digits, or 2A / 2B),
 * then 7 digits, the last one a Luhn key (a wrong key is a warning to confirm).
 *
 * <p>Corsica: the key is computed with Luhn on the digits only, the letter of 2A / 2B left out (« 2A0000123 » →
 * Luhn on « 20000123 »), which is the literal reading of "Luhn on the digits" in IDENTIFIERS.md. No published rule
 * nor test vector covers these numbers; the key being only a warning, a wrong guess costs one confirmation.
 */
public final class Finess extends AbstractIdentifier implements Identifier {
    private Finess(String value) {
        super(value);
    }

    public static Check<Finess> check(String input) {
        IdentifierKind kind = IdentifierKind.FINESS;
        if (Rules.isBlank(input)) {
            return Rules.empty(kind);
        }
        String value = Rules.normalise(input);
        if (!Rules.allAlphanumeric(value)) {
            return Rules.badFormat(kind, "un numéro FINESS ne contient que des chiffres (et 2A ou 2B pour la Corse).");
        }
        if (value.length() != 9) {
            return Rules.badFormat(kind, Rules.lengthMismatch(9, "caractères", value.length()));
        }
        String departement = value.substring(0, 2);
        if (!Rules.allDigits(departement) && !Rules.isCorsica(departement)) {
            return Rules.badFormat(kind, "les deux premiers caractères (département) doivent être des chiffres, "
                    + "ou 2A ou 2B pour la Corse." + Rules.letterOHint(departement));
        }
        String rest = value.substring(2);
        if (!Rules.allDigits(rest)) {
            return Rules.badFormat(kind, "après le département, un numéro FINESS ne contient que des chiffres."
                    + Rules.letterOHint(rest));
        }
        String digits = value.replace("A", "").replace("B", "");
        return Rules.keyed(kind, CheckDigits.luhnValid(digits), new Finess(value));
    }

    /**
     * A FINESS number the user confirmed after a key warning.
     *
     * @throws IllegalArgumentException with the French message when the format is wrong
     */
    public static Finess confirmed(String input) {
        return Rules.confirmed(check(input));
    }

    @Override
    public IdentifierKind kind() {
        return IdentifierKind.FINESS;
    }
}
