package fr.coordo.payment;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period an order covers: a month (« 2026-11 ») or a quarter (« 2026-Q4 »). */
public record Period(String code, LocalDate start, LocalDate end) {
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[QqTt]([1-4])");

    public static Period month(YearMonth month) {
        return new Period(month.toString(), month.atDay(1), month.atEndOfMonth());
    }

    public static Period quarter(int year, int quarter) {
        YearMonth first = YearMonth.of(year, (quarter - 1) * 3 + 1);
        return new Period(year + "-Q" + quarter, first.atDay(1), first.plusMonths(2).atEndOfMonth());
    }

    /** The quarter holding {@code day}. */
    public static Period quarterOf(LocalDate day) {
        return quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
    }

    /** Reads « 2026-11 » or « 2026-Q4 »; a French message naming what is expected otherwise. */
    public static Period parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = MONTH.matcher(t);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                return month(YearMonth.of(Integer.parseInt(m.group(1)), month));
            }
        }
        Matcher q = QUARTER.matcher(t);
        if (q.matches()) {
            return quarter(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)));
        }
        throw new InputException(List.of(Issue.blocking("period", "Période : « " + t
                + " » n'est pas une période ; écrivez un mois AAAA-MM (2026-11) ou un trimestre AAAA-Qn (2026-Q4 ; 2026-T4 est aussi compris).")));
    }

    public boolean isQuarter() {
        return code.contains("Q");
    }

    public boolean contains(LocalDate day) {
        return day != null && !day.isBefore(start) && !day.isAfter(end);
    }

    /** « novembre 2026 », « 4e trimestre 2026 ». */
    public String label() {
        if (isQuarter()) {
            int n = (start.getMonthValue() - 1) / 3 + 1;
            return (n == 1 ? "1er" : n + "e") + " trimestre " + start.getYear();
        }
        return start.getMonth().getDisplayName(TextStyle.FULL, Locale.FRANCE) + " " + start.getYear();
    }

    /** The period of the same kind just before this one. */
    public Period previous() {
        if (isQuarter()) {
            return quarterOf(start.minusMonths(3));
        }
        return month(YearMonth.from(start).minusMonths(1));
    }

    @Override
    public String toString() {
        return code;
    }
}
