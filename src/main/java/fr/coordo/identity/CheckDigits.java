package fr.coordo.identity;

/** Check-digit arithmetic shared by the French identifiers (Luhn, NIR key, ISO 7064 mod 97). */
public final class CheckDigits {
    private CheckDigits() {}

    /** True when the digit string passes the Luhn check. */
    public static boolean luhnValid(String digits) {
        return digits.length() > 1 && luhnSum(digits, false) % 10 == 0;
    }

    /** The digit that, appended to {@code partial}, makes a Luhn-valid string. */
    public static char luhnCheckDigit(String partial) {
        int sum = luhnSum(partial, true);
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    // doubleFirst: true when the rightmost digit of `digits` is the one to double (a check digit follows).
    private static int luhnSum(String digits, boolean doubleFirst) {
        int sum = 0;
        boolean dbl = doubleFirst;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("digits only");
            }
            int d = c - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum;
    }

    /** NIR key: 97 − (first 13 characters mod 97), Corsica 2A/2B read as 19/18. */
    public static int nirKey(String first13) {
        String numeric = first13.toUpperCase().replace("2A", "19").replace("2B", "18");
        long n = Long.parseLong(numeric);
        return (int) (97 - n % 97);
    }

    /** ISO 7064 mod 97-10 of an alphanumeric string, letters counting A=10 … Z=35. */
    public static int mod97(String alphanumeric) {
        int rest = 0;
        for (int i = 0; i < alphanumeric.length(); i++) {
            char c = Character.toUpperCase(alphanumeric.charAt(i));
            if (c >= '0' && c <= '9') {
                rest = (rest * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                rest = (rest * 100 + (c - 'A' + 10)) % 97;
            } else {
                throw new IllegalArgumentException("alphanumeric only");
            }
        }
        return rest;
    }

    /** The two IBAN check digits for a country code and a BBAN. */
    public static String ibanCheckDigits(String country, String bban) {
        int check = 98 - mod97(bban + country + "00");
        return check < 10 ? "0" + check : Integer.toString(check);
    }

    /** The French RIB key for bank, branch and account (account letters already numeric). */
    public static String ribKey(String bank, String branch, String account) {
        long rest = (89L * Long.parseLong(bank) + 15L * Long.parseLong(branch) + 3L * Long.parseLong(account)) % 97;
        long key = 97 - rest;
        return key < 10 ? "0" + key : Long.toString(key);
    }
}
