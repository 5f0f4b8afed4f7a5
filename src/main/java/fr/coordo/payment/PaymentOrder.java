package fr.coordo.payment;

import fr.coordo.pathway.PaymentChannel;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An issued order, never changed: everything its files show was copied at issue.
 *
 * @param cancelsNumber for a cancelling order, the number of the order it cancels
 * @param cancelledBy the number of the order that cancels this one, or null
 * @param structure the structure as it was at issue
 */
public record PaymentOrder(
        int id,
        String number,
        Kind kind,
        String cancelsNumber,
        String cancelledBy,
        String reason,
        int projectId,
        String projectReference,
        String pcrTypeCode,
        String pcrTypeLabel,
        Period period,
        PaymentChannel channel,
        LocalDate issuedOn,
        OffsetDateTime issuedAt,
        String issuedBy,
        StructureSnapshot structure,
        List<String> checks,
        List<String> warnings,
        long totalCents,
        List<OrderLine> lines,
        String pdfFingerprint,
        String csvFingerprint,
        String sepaFingerprint) {

    public PaymentOrder {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
        lines = List.copyOf(lines);
    }

    public enum Kind {
        ORDRE("Ordre de paiement"), ANNULATION("Ordre d'annulation");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The structure that orders the payment, as printed and as the SEPA debtor. */
    public record StructureSnapshot(String name, String siret, String finess, String address, String representative,
            String iban, String bic) {}

    public boolean isCancelled() {
        return cancelledBy != null;
    }

    /** Number of distinct episodes paid. */
    public long episodeCount() {
        return lines.stream().map(OrderLine::episodeId).distinct().count();
    }
}
