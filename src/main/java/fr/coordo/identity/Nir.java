package fr.coordo.identity;

/**
 * NIR (« numéro de sécurité sociale »): sex (1), year (2), month (2), birthplace (5, the département may be 2A or
 * 2B), order (3), key (2). Key = 97 − (first 13 characters mod 97), 2A and 2B read as 19 and 18; a wrong key refuses
 * the value.
 *
 * <p>{@link #toString()} is the masked form: a full NIR must not reach logs, lists or file names.
 */
public final class Nir extends AbstractIdentifier implements Identifier {

    /** The sex the first digit encodes. */
    public enum Sex { MALE, FEMALE }

    private Nir(String value) {
        super(value);
    }

    public static Check<Nir> check(String input) {
        IdentifierKind kind = IdentifierKind.NIR;
        if (Rules.isBlank(input)) {
            return Rules.empty(kind);
        }
        String value = Rules.normalise(input);
        // Messages quote positions, never the value: a NIR must not travel in an error message.
        if (!Rules.allAlphanumeric(value)) {
            return Rules.badFormat(kind, "un NIR ne contient que des chiffres (et 2A ou 2B pour un département de Corse).");
        }
        if (value.length() != 15) {
            return Rules.badFormat(kind, Rules.lengthMismatch(15, "caractères", value.length()));
        }
        if ("1278".indexOf(value.charAt(0)) < 0) {
            return Rules.badFormat(kind, "le premier chiffre (sexe) doit être 1, 2, 7 ou 8.");
        }
        String yearMonth = value.substring(1, 5);
        if (!Rules.allDigits(yearMonth)) {
            return Rules.badFormat(kind, "l'année et le mois de naissance (caractères 2 à 5) doivent être des chiffres."
                    + Rules.letterOHint(yearMonth));
        }
        String departement = value.substring(5, 7);
        if (!Rules.allDigits(departement) && !Rules.isCorsica(departement)) {
            return Rules.badFormat(kind, "le département de naissance (caractères 6 et 7) doit être en chiffres, "
                    + "ou 2A ou 2B pour la Corse." + Rules.letterOHint(departement));
        }
        String rest = value.substring(7);
        if (!Rules.allDigits(rest)) {
            return Rules.badFormat(kind, "les caractères 8 à 15 (commune, numéro d'ordre et clé) doivent être des chiffres."
                    + Rules.letterOHint(rest));
        }
        boolean keyMatches = CheckDigits.nirKey(value.substring(0, 13)) == Integer.parseInt(value.substring(13));
        return Rules.keyed(kind, keyMatches, new Nir(value));
    }

    /** Male for 1 and 7, female for 2 and 8. */
    public Sex sex() {
        char c = value().charAt(0);
        return c == '1' || c == '7' ? Sex.MALE : Sex.FEMALE;
    }

    /** True for a provisional number (NIA, first digit 7 or 8) given while the person's identity is being checked. */
    public boolean provisional() {
        char c = value().charAt(0);
        return c == '7' || c == '8';
    }

    /** Sex, year and month of birth and the key; birthplace and order masked: « 1 85 05 ** *** *** 34 ». */
    public String masked() {
        String v = value();
        return v.charAt(0) + " " + v.substring(1, 3) + " " + v.substring(3, 5) + " ** *** *** " + v.substring(13);
    }

    /** The masked form, so a NIR never leaks into logs: use {@link #value()} where the full number is needed. */
    @Override
    public String toString() {
        return masked();
    }

    @Override
    public IdentifierKind kind() {
        return IdentifierKind.NIR;
    }
}
