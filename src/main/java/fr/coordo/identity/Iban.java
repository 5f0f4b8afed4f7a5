package fr.coordo.identity;

import java.util.Optional;

/**
 * IBAN (ISO 13616): country code, two check digits, then the country's BBAN (in France: bank 5 digits, branch 5
 * digits, account 11 letters or digits, RIB key 2 digits; 27 characters in all). The country must be in the IBAN
 * registry and the length and BBAN structure its own; then mod 97 must give 1, else the value is refused.
 */
public final class Iban extends AbstractIdentifier implements Identifier {
    private Iban(String value) {
        super(value);
    }

    public static Check<Iban> check(String input) {
        IdentifierKind kind = IdentifierKind.IBAN;
        if (Rules.isBlank(input)) {
            return Rules.empty(kind);
        }
        String value = Rules.normalise(input);
        if (!Rules.allAlphanumeric(value)) {
            return Rules.badFormat(kind, "un IBAN ne contient que des lettres et des chiffres.");
        }
        if (value.length() < 2 || !Rules.isLetter(value.charAt(0)) || !Rules.isLetter(value.charAt(1))) {
            return Rules.badFormat(kind, "un IBAN commence par les deux lettres du pays (FR pour la France).");
        }
        String code = value.substring(0, 2);
        Optional<IbanRegistry.Country> found = IbanRegistry.country(code);
        if (found.isEmpty()) {
            return Rules.badFormat(kind, "pays « " + code + " » inconnu.");
        }
        IbanRegistry.Country country = found.get();
        if (value.length() != country.length()) {
            return Rules.badFormat(kind, country.length() + " caractères attendus pour un IBAN " + country.adjective()
                    + ", " + value.length() + (value.length() > 1 ? " reçus." : " reçu."));
        }
        if (!Rules.isDigit(value.charAt(2)) || !Rules.isDigit(value.charAt(3))) {
            return Rules.badFormat(kind, "les caractères 3 et 4 (clé de contrôle) doivent être des chiffres.");
        }
        for (int i = 4; i < value.length(); i++) {
            char c = value.charAt(i);
            char type = country.typeAt(i);
            if (type == 'n' && !Rules.isDigit(c)) {
                return Rules.badFormat(kind, "un chiffre est attendu en position " + (i + 1) + " d'un IBAN "
                        + country.adjective() + ", « " + c + " » reçu.");
            }
            if (type == 'a' && !Rules.isLetter(c)) {
                return Rules.badFormat(kind, "une lettre est attendue en position " + (i + 1) + " d'un IBAN "
                        + country.adjective() + ", « " + c + " » reçu.");
            }
        }
        boolean keyMatches = CheckDigits.mod97(value.substring(4) + value.substring(0, 4)) == 1;
        return Rules.keyed(kind, keyMatches, new Iban(value));
    }

    /**
     * Countries and territories of the SEPA scheme (EPC list: the EEA, Switzerland, the United Kingdom, the
     * microstates, and the French overseas départements and collectivités that have IBAN codes of their own).
     */
    private static final java.util.Set<String> SEPA = java.util.Set.of("AD", "AT", "AX", "BE", "BG", "BL", "CH", "CY", "CZ", "DE", "DK",
            "EE", "ES", "FI", "FR", "GB", "GF", "GG", "GI", "GP", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT", "LU", "LV",
            "MC", "MF", "MQ", "MT", "NL", "NO", "PL", "PM", "PT", "RE", "RO", "SE", "SI", "SK", "SM", "VA", "YT");

    /** A SEPA credit transfer can reach this account. */
    public boolean isSepa() {
        return SEPA.contains(country());
    }

    /** The two-letter country code (« FR »). */
    public String country() {
        return value().substring(0, 2);
    }

    /** Groups of 4 separated by spaces, as printed on a RIB: « FR76 3000 6000 0112 3456 7890 189 ». */
    public String formatted() {
        String v = value();
        StringBuilder sb = new StringBuilder(v.length() + v.length() / 4);
        for (int i = 0; i < v.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(v, i, Math.min(i + 4, v.length()));
        }
        return sb.toString();
    }

    @Override
    public IdentifierKind kind() {
        return IdentifierKind.IBAN;
    }
}
