package fr.coordo.identity;

/**
 * BIC (SWIFT code) of a bank: bank (4 letters), country (2 letters), location (2 letters or digits), optional
 * branch (3 letters or digits). Format only: a BIC has no check key.
 */
public final class Bic extends AbstractIdentifier implements Identifier {
    private Bic(String value) {
        super(value);
    }

    public static Check<Bic> check(String input) {
        IdentifierKind kind = IdentifierKind.BIC;
        if (Rules.isBlank(input)) {
            return Rules.empty(kind);
        }
        String value = Rules.normalise(input);
        if (!Rules.allAlphanumeric(value)) {
            return Rules.badFormat(kind, "un BIC ne contient que des lettres et des chiffres.");
        }
        if (value.length() != 8 && value.length() != 11) {
            return Rules.badFormat(kind, "8 ou 11 caractères attendus, " + value.length()
                    + (value.length() > 1 ? " reçus." : " reçu."));
        }
        if (!value.substring(0, 4).chars().allMatch(c -> Rules.isLetter((char) c))) {
            return Rules.badFormat(kind, "les 4 premiers caractères (code de la banque) doivent être des lettres.");
        }
        if (!value.substring(4, 6).chars().allMatch(c -> Rules.isLetter((char) c))) {
            return Rules.badFormat(kind, "les caractères 5 et 6 (code du pays, FR pour la France) doivent être des lettres.");
        }
        return new Check.Valid<>(new Bic(value));
    }

    @Override
    public IdentifierKind kind() {
        return IdentifierKind.BIC;
    }
}
