package fr.coordo.ui;

import fr.coordo.identity.Issue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Figures typed the French way: « 1 126,50 », « 1126.5 », « 1.126,50 € », « 20 % ». Empty means « à compléter »
 * (null); anything else that is not a number adds an issue naming the field, and nothing is guessed.
 */
final class PcrTypeEditorNumbers {
    private static final Pattern PLAIN = Pattern.compile("-?\\d+([.,]\\d+)?");
    /** « 1.126,50 »: dots group the thousands when a comma marks the decimals (« 1.126 » alone stays 1,126). */
    private static final Pattern DOT_GROUPED = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+,\\d+");
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    private PcrTypeEditorNumbers() {}

    /** An amount in euros, to the cent when typed with fewer decimals (« 1126 » is 1126.00). */
    static BigDecimal amount(String text, String field, String label, List<Issue> problems) {
        BigDecimal value = decimal(text, "€");
        if (value == null && !blank(text)) {
            problems.add(Issue.blocking(field, label + " : « " + text.strip() + " » n'est pas un montant en euros (par exemple 1 126,50)."));
        }
        return value == null || value.scale() >= 2 ? value : value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A rate in %, as typed (« 12,5 »). */
    static BigDecimal percent(String text, String field, String label, List<Issue> problems) {
        BigDecimal value = decimal(text, "%");
        if (value == null && !blank(text)) {
            problems.add(Issue.blocking(field, label + " : « " + text.strip() + " » n'est pas un pourcentage (par exemple 20 ou 12,5)."));
        }
        return value;
    }

    /** A whole number (months, an order, a count). */
    static Integer integer(String text, String field, String label, List<Issue> problems) {
        if (blank(text)) {
            return null;
        }
        String s = text.strip();
        if (!INTEGER.matcher(s).matches() || s.length() > 6) {
            problems.add(Issue.blocking(field, label + " : « " + s + " » n'est pas un nombre entier."));
            return null;
        }
        return Integer.valueOf(s);
    }

    /** « 1 126,50 » for the field: the figure as the French write it, no currency sign. */
    static String show(BigDecimal value) {
        if (value == null) {
            return "";
        }
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        String plain = v.abs().toPlainString();
        int dot = plain.indexOf('.');
        String units = dot < 0 ? plain : plain.substring(0, dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < units.length(); i++) {
            if (i > 0 && (units.length() - i) % 3 == 0) {
                grouped.append(' ');
            }
            grouped.append(units.charAt(i));
        }
        return (v.signum() < 0 ? "-" : "") + grouped + (dot < 0 ? "" : "," + plain.substring(dot + 1));
    }

    private static BigDecimal decimal(String text, String unit) {
        if (blank(text)) {
            return null;
        }
        String s = text.strip();
        if (s.endsWith(unit)) {
            s = s.substring(0, s.length() - unit.length());
        }
        s = s.replace(" ", "").replace("\u00a0", "").replace("\u202f", "");
        if (DOT_GROUPED.matcher(s).matches()) {
            s = s.replace(".", "");
        }
        if (!PLAIN.matcher(s).matches()) {
            return null;
        }
        return new BigDecimal(s.replace(',', '.'));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
