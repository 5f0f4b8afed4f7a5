package fr.coordo.pathway;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Euro amounts as the French read them: « 1 126,00 € », « à compléter » when unknown. */
public final class Money {
    private static final char GROUP = '\u00a0';

    private Money() {}

    public static String format(BigDecimal amount) {
        if (amount == null) {
            return PcrType.TO_COMPLETE;
        }
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
        String plain = cents.abs().toPlainString();
        String units = plain.substring(0, plain.indexOf('.'));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < units.length(); i++) {
            if (i > 0 && (units.length() - i) % 3 == 0) {
                grouped.append(GROUP);
            }
            grouped.append(units.charAt(i));
        }
        return (cents.signum() < 0 ? "-" : "") + grouped + "," + plain.substring(plain.indexOf('.') + 1) + GROUP + "€";
    }

    /** « 20 % », « à compléter » when unknown. */
    public static String percent(BigDecimal rate) {
        return rate == null ? PcrType.TO_COMPLETE : rate.stripTrailingZeros().toPlainString().replace('.', ',') + GROUP + "%";
    }
}
