package fr.coordo.payment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * Splits an amount due, in integer cents, in proportion to shares. Every line but one is rounded down to the cent;
 * the <b>residue line</b> (the coordination share, or the first line when there is none) takes what is left, so
 * that the lines always add up to the amount due exactly. Documented in docs/PAYMENTS.md.
 */
public final class Split {
    private Split() {}

    /**
     * @param dueCents amount to split, ≥ 0
     * @param weights one share per line, ≥ 0, in any unit (percentages need not add up to 100)
     * @param residueIndex the line that takes the rounding residue
     */
    public static long[] allocate(long dueCents, List<BigDecimal> weights, int residueIndex) {
        if (dueCents < 0) {
            throw new IllegalArgumentException("negative amount due");
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("no line to split into");
        }
        if (residueIndex < 0 || residueIndex >= weights.size()) {
            throw new IllegalArgumentException("residue line out of range");
        }
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal w : weights) {
            if (w == null || w.signum() < 0) {
                throw new IllegalArgumentException("negative or missing share");
            }
            total = total.add(w);
        }
        long[] cents = new long[weights.size()];
        long given = 0;
        for (int i = 0; i < cents.length; i++) {
            if (i == residueIndex || total.signum() == 0) {
                continue;
            }
            cents[i] = BigDecimal.valueOf(dueCents).multiply(weights.get(i)).divide(total, 0, RoundingMode.FLOOR).longValueExact();
            given += cents[i];
        }
        cents[residueIndex] = dueCents - given;
        return cents;
    }

    /** The share of {@code part} in {@code whole}, in %, two decimals (0 when the whole is 0). */
    public static BigDecimal percentOf(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return new BigDecimal(BigInteger.valueOf(part).multiply(BigInteger.valueOf(100))).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** An amount in euros as integer cents; refused when it has more than two decimals. */
    public static long cents(BigDecimal euros) {
        return euros.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    /** Integer cents as euros with two decimals. */
    public static BigDecimal euros(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
