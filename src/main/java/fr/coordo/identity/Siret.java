package fr.coordo.identity;

/**
 * SIRET of an establishment: SIREN (9 digits) + NIC (5 digits). Luhn key, except for La Poste's establishments
 * (SIREN 356000000, other than the head office 35600000000048) whose digit sum is a multiple of 5.
 * A wrong key refuses the value.
 */
public final class Siret extends AbstractIdentifier implements Identifier {
    private static final String LA_POSTE_SIREN = "356000000";
    private static final String LA_POSTE_HEAD_OFFICE = "35600000000048";

    private Siret(String value) {
        super(value);
    }

    public static Check<Siret> check(String input) {
        IdentifierKind kind = IdentifierKind.SIRET;
        if (Rules.isBlank(input)) {
            return Rules.empty(kind);
        }
        String value = Rules.normalise(input);
        if (!Rules.allDigits(value)) {
            return Rules.badFormat(kind, kind.withArticle() + " ne contient que des chiffres." + Rules.letterOHint(value));
        }
        if (value.length() != 14) {
            return Rules.badFormat(kind, Rules.lengthMismatch(14, "chiffres", value.length()));
        }
        return Rules.keyed(kind, keyMatches(value), new Siret(value));
    }

    private static boolean keyMatches(String value) {
        if (value.startsWith(LA_POSTE_SIREN) && !value.equals(LA_POSTE_HEAD_OFFICE)) {
            return value.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        return CheckDigits.luhnValid(value);
    }

    /**
     * The first 9 digits. A String, not a {@link Siren}: the SIRET key covers all 14 digits, so it does not prove
     * the SIREN's own key; check it with {@link Siren#check} when that matters.
     */
    public String siren() {
        return value().substring(0, 9);
    }

    @Override
    public IdentifierKind kind() {
        return IdentifierKind.SIRET;
    }
}
