package fr.coordo.payment;

import fr.coordo.document.Documents;
import fr.coordo.document.Fingerprint;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The files of issued orders: the order PDF, the CSV for the Assurance Maladie téléservice and the SEPA transfer.
 * Each is built from the orders as stored now (a cancellation made since is seen), written complete or not at all,
 * and recorded: every order of the file keeps the file's fingerprint (the first one written) and the export goes to
 * the audit trail. File names carry order numbers only, never a patient's name or NIR.
 */
public final class PaymentDocuments {
    private final PaymentService payments;

    /** {@code db} is the one {@code payments} works on: every read and record goes through the service. */
    public PaymentDocuments(Database db, PaymentService payments) {
        this.payments = Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(db, "db");
    }

    /** The order as a PDF (PDF/A-2b). Without {@code replace}, an existing file is refused, never overwritten. */
    public Path savePdf(PaymentOrder order, Path file, boolean replace) {
        PaymentOrder o = stored(List.of(order)).getFirst();
        // the fingerprint printed in the footer: a paper copy compares with the record at a glance
        return save(List.of(o), PaymentService.Format.PDF, PaymentOrderPdf.render(o), PaymentOrderPdf.fingerprint(o), file, replace);
    }

    /** The téléservice file of orders paid directly by the CPAM; an order paid by transfer is refused. */
    public Path saveCsv(List<PaymentOrder> orders, Path file, boolean replace) {
        List<PaymentOrder> stored = stored(orders);
        byte[] csv = PaymentCsv.write(stored);
        return save(stored, PaymentService.Format.CSV, csv, Fingerprint.of(csv), file, replace);
    }

    /** The SEPA transfer of orders the structure pays, to be executed on {@link #defaultExecution}. */
    public Path saveSepa(List<PaymentOrder> orders, Path file, boolean replace) {
        return saveSepa(orders, file, replace, null);
    }

    /**
     * The SEPA transfer, asking the bank to execute it on {@code requestedExecution} (null: {@link #defaultExecution}).
     * Refused, nothing written, for a cancelling or cancelled order, an order paid by the CPAM, or a missing IBAN.
     */
    public Path saveSepa(List<PaymentOrder> orders, Path file, boolean replace, LocalDate requestedExecution) {
        List<PaymentOrder> stored = stored(orders);
        LocalDate day = requestedExecution != null ? requestedExecution : defaultExecution(stored, payments.today());
        if (day.isBefore(payments.today())) {
            throw new InputException(List.of(Issue.blocking("date", "Date d'exécution : le " + PaymentService.FR_DATE.format(day)
                    + " est passé ; la banque n'exécute pas un virement dans le passé.")));
        }
        byte[] xml = SepaTransfer.write(stored, day);
        String fingerprint = Fingerprint.of(xml);
        // a second, different file for an order already exported would be a second payment at the bank
        List<Issue> already = stored.stream().filter(o -> o.sepaFingerprint() != null && !o.sepaFingerprint().equals(fingerprint))
                .map(o -> Issue.blocking("sepa", o.number() + " a déjà son fichier de virement (empreinte " + o.sepaFingerprint()
                        + ") : un autre fichier le ferait payer une seconde fois. Réenregistrez le même fichier (mêmes ordres, même "
                        + "jour d'exécution), ou annulez l'ordre si le virement n'a pas été fait.")).toList();
        if (!already.isEmpty()) {
            throw new InputException(already);
        }
        return save(stored, PaymentService.Format.SEPA, xml, fingerprint, file, replace);
    }

    /** Today, or the latest issue day when an order is dated later (a clock set back). */
    public static LocalDate defaultExecution(List<PaymentOrder> orders, LocalDate today) {
        return orders.stream().map(PaymentOrder::issuedOn).max(Comparator.naturalOrder()).filter(d -> d.isAfter(today)).orElse(today);
    }

    private Path save(List<PaymentOrder> orders, PaymentService.Format format, byte[] content, String fingerprint, Path file,
            boolean replace) {
        Path target = file.toAbsolutePath().normalize();
        Documents.writeAtomically(target, content, replace);
        for (PaymentOrder o : orders) {
            payments.recordExport(o.id(), format, fingerprint, AuditAction.EXPORT);
        }
        return target;
    }

    /** The orders as stored now, each once: the caller's copies may predate a cancellation. */
    private List<PaymentOrder> stored(List<PaymentOrder> orders) {
        payments.requireRight();
        if (orders == null || orders.isEmpty()) {
            throw new InputException(List.of(Issue.blocking("orders", "Aucun ordre de paiement choisi.")));
        }
        List<PaymentOrder> out = new ArrayList<>();
        for (PaymentOrder o : orders) {
            if (out.stream().noneMatch(x -> x.id() == o.id())) {
                out.add(payments.reread(o).orElseThrow(() -> new InputException(List.of(Issue.blocking("orders",
                        "L'ordre " + o.number() + " n'existe pas dans cette base.")))));
            }
        }
        return out;
    }

    /** « OP-2026-0004.pdf », « OP-2026-0004-cpam.csv », « OP-2026-0004-sepa.xml ». */
    public static String defaultName(PaymentOrder order, PaymentService.Format format) {
        return order.number() + suffix(format);
    }

    /** « OP-2026-0004-sepa.xml » for one order, « OP-2026-0004-et-2-autres-sepa.xml » for three. */
    public static String defaultName(List<PaymentOrder> orders, PaymentService.Format format) {
        if (orders.size() == 1) {
            return defaultName(orders.getFirst(), format);
        }
        PaymentOrder first = orders.stream().min(Comparator.comparing(PaymentOrder::issuedAt).thenComparing(PaymentOrder::number)).orElseThrow();
        int others = orders.size() - 1;
        return first.number() + "-et-" + others + (others > 1 ? "-autres" : "-autre") + suffix(format);
    }

    private static String suffix(PaymentService.Format format) {
        return switch (format) {
            case PDF -> ".pdf";
            case CSV -> "-cpam.csv";
            case SEPA -> "-sepa.xml";
        };
    }
}
