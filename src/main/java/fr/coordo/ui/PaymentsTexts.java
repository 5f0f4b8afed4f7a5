package fr.coordo.ui;

import fr.coordo.pathway.Money;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.payment.Finding;
import fr.coordo.payment.PayableUnit;
import fr.coordo.payment.Period;
import fr.coordo.payment.Split;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.SVGPath;

/** How the Paiements section words amounts, channels, periods and the state of a unit, once for both tabs. */
final class PaymentsTexts {
    private PaymentsTexts() {}

    /** What a unit's checks say, worst first in the sort. */
    enum State {
        BLOCKING("Bloquant", "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zM4 7h8v2H4z"),
        WARNING("À confirmer", "M8 1l7.5 13.5H.5zM7.1 5.5v4.8h1.8V5.5zm0 6v1.7h1.8v-1.7z"),
        OK("Prêt", "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm3.4 4.1 1.3 1.3-5.9 5.9-3.5-3.5 1.3-1.3 2.2 2.2z");

        final String label;
        final String path;

        State(String label, String path) {
            this.label = label;
            this.path = path;
        }

        static State of(List<Finding> findings) {
            return findings.stream().anyMatch(Finding::blocking) ? BLOCKING : findings.isEmpty() ? OK : WARNING;
        }

        SVGPath icon() {
            SVGPath icon = new SVGPath();
            icon.setContent(path);
            icon.setFillRule(FillRule.EVEN_ODD);
            icon.getStyleClass().addAll("payment-state-icon", "state-" + name().toLowerCase(Locale.ROOT));
            return icon;
        }
    }

    /** « 1 126,00 € », « à compléter » when unknown. */
    static String money(Long cents) {
        return cents == null ? Money.format(null) : Money.format(Split.euros(cents));
    }

    static String percent(BigDecimal p) {
        return Money.percent(p);
    }

    /** « CPAM », « Virement »: the channel in a table. */
    static String channel(PaymentChannel c) {
        return c == PaymentChannel.CPAM ? "CPAM" : "Virement";
    }

    /** « Paiement direct par la CPAM »: the channel in a sentence. */
    static String channelLong(PaymentChannel c) {
        return c.label();
    }

    /** « 21/05 – 11/11/2026 » within a year, « 15/11/2025 – 15/03/2026 » across two: short enough for a table. */
    static String dates(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.getYear() == to.getYear()) {
            return from.format(DAY_MONTH) + " – " + Forms.date(to);
        }
        return Forms.date(from) + " – " + Forms.date(to);
    }

    private static final java.time.format.DateTimeFormatter DAY_MONTH = java.time.format.DateTimeFormatter.ofPattern("dd/MM");

    /** « 3e trimestre 2026 », capitalised for a heading. */
    static String period(Period p) {
        String label = p.label();
        return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /** « 3 rendez-vous », « aucune activité ». */
    static String activity(int count) {
        return count == 0 ? "aucune activité" : count + " rendez-vous";
    }

    /** « Séquence « Phase 1 » » or empty for a whole episode. */
    static String sequence(PayableUnit u) {
        return u.sequenceCode().isEmpty() ? "Épisode entier" : "Séquence « " + u.sequenceLabel() + " »";
    }

    /** « Phase 1 — prise en charge intensive », « Épisode entier »: the séquence in a table. */
    static String sequenceShort(PayableUnit u) {
        return u.sequenceCode().isEmpty() ? "Épisode entier" : u.sequenceLabel();
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n > 1 ? many : one);
    }

    /** An IBAN shown without its middle: « FR76 •••• 3881 »; the whole number stays in the files. */
    static String maskedIban(String iban) {
        if (iban == null || iban.isBlank()) {
            return "IBAN absent";
        }
        String compact = iban.replace(" ", "");
        return compact.length() <= 8 ? compact : compact.substring(0, 4) + " •••• " + compact.substring(compact.length() - 4);
    }
}
