package fr.coordo.payment;

import com.ibm.icu.text.RuleBasedNumberFormat;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * An amount in euros written in French words, as on a cheque or a payment order: « mille cent vingt-six euros et
 * quarante centimes », « un euro », « quatre-vingts euros », « un million d'euros », « moins … » when negative.
 *
 * <p>The numbers come from ICU's French spell-out rules (CLDR), which know the agreements of « vingt » and
 * « cent » and the nouns « million » and « milliard »; ICU writes « vingt-et-un » with hyphens, the 1990 spelling.
 */
public final class AmountInWords {
    private static final String RULES = "%spellout-cardinal-masculine";
    /** Not thread-safe: used under its own lock. */
    private static final RuleBasedNumberFormat SPELLOUT = new RuleBasedNumberFormat(Locale.FRANCE, RuleBasedNumberFormat.SPELLOUT);

    private AmountInWords() {}

    /** {@code euros} must not have more than two decimals. */
    public static String of(BigDecimal euros) {
        BigDecimal cents = euros.movePointRight(2);
        if (cents.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("an amount in euros has at most two decimals: " + euros);
        }
        return of(cents.longValueExact());
    }

    public static String of(long cents) {
        if (cents < 0) {
            return "moins " + positive(Math.negateExact(cents));
        }
        return positive(cents);
    }

    private static String positive(long cents) {
        long euros = cents / 100;
        long rest = cents % 100;
        if (rest == 0) {
            return unit(euros, "euro");
        }
        String centimes = unit(rest, "centime");
        return euros == 0 ? centimes : unit(euros, "euro") + " et " + centimes;
    }

    /** « un euro », « zéro euro », « deux euros », « un million d'euros ». */
    private static String unit(long n, String noun) {
        String words = words(n);
        String nouns = n > 1 ? noun + "s" : noun;
        // « de » after a bare million or milliard: « deux millions d'euros », but « un million deux cents euros ».
        if (words.endsWith("million") || words.endsWith("millions") || words.endsWith("milliard") || words.endsWith("milliards")) {
            return words + " d'" + nouns;
        }
        return words + " " + nouns;
    }

    private static String words(long n) {
        synchronized (SPELLOUT) {
            return SPELLOUT.format(n, RULES);
        }
    }
}
