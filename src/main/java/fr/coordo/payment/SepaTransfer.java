package fr.coordo.payment;

import fr.coordo.document.Fingerprint;
import fr.coordo.identity.Bic;
import fr.coordo.identity.Check;
import fr.coordo.identity.Iban;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.store.Database;
import java.io.ByteArrayOutputStream;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The SEPA credit transfer file ({@code pain.001.001.09}, EPC SCT customer-to-PSP guidelines 2023) that the structure
 * gives its bank to pay the orders it pays itself: one payment information block per order, debited from the
 * structure's account; one transfer per payee of the order (his lines added up). The coordination lines are not
 * transferred: the structure keeps them. The same orders always give the same bytes.
 */
public final class SepaTransfer {
    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
    static final int NAME_LENGTH = 70;
    static final int REMITTANCE_LENGTH = 140;
    static final int ID_LENGTH = 35;
    private static final long MAX_CENTS = 99_999_999_999L;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private SepaTransfer() {}

    /** One transfer: a payee of an order, with the sum of his lines. */
    record Transfer(String endToEndId, PayeeKind kind, String name, String iban, String bic, long cents, long episodes) {}

    /**
     * The file paying {@code orders}, to be executed on {@code requestedExecution}. Refused (nothing produced) when an
     * order is a cancelling or a cancelled one, is paid by the CPAM, transfers nothing, or when an IBAN is missing or
     * invalid; every problem of every order is listed.
     */
    public static byte[] write(List<PaymentOrder> orders, LocalDate requestedExecution) {
        List<PaymentOrder> sorted = distinctSorted(orders);
        List<Issue> issues = new ArrayList<>();
        if (requestedExecution == null) {
            issues.add(Issue.blocking("date", "Date d'exécution : indiquez le jour où la banque doit exécuter les virements."));
        }
        if (sorted.isEmpty()) {
            issues.add(Issue.blocking("orders", "Aucun ordre de paiement choisi : le fichier de virement serait vide."));
        }
        Map<String, List<Transfer>> transfers = new LinkedHashMap<>();
        Ibans ibans = new Ibans();
        for (PaymentOrder o : sorted) {
            List<String> refused = refusals(o, ibans);
            refused.forEach(m -> issues.add(Issue.blocking("orders", m)));
            if (refused.isEmpty()) {
                transfers.put(o.number(), transfers(o, ibans));
            }
        }
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
        try {
            return xml(sorted, transfers, requestedExecution);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the SEPA file in memory failed", e);
        }
    }

    /** Why {@code o} cannot be paid by this file, in French; empty when it can. */
    static List<String> refusals(PaymentOrder o, Ibans ibans) {
        String n = o.number();
        if (o.kind() == PaymentOrder.Kind.ANNULATION) {
            return List.of(n + " est un ordre d'annulation : il ne donne lieu à aucun virement.");
        }
        if (o.isCancelled()) {
            return List.of(n + " est annulé par l'ordre " + o.cancelledBy() + " : ses virements ne doivent plus être faits.");
        }
        if (o.channel() != PaymentChannel.STRUCTURE) {
            return List.of(n + " est payé directement par la CPAM : il n'a pas de fichier de virement (exportez le fichier pour le "
                    + "téléservice de l'Assurance Maladie).");
        }
        List<String> out = new ArrayList<>();
        if (o.lines().stream().noneMatch(l -> l.payeeKind() != PayeeKind.STRUCTURE && l.amountCents() > 0)) {
            out.add(n + " ne paie que la part de la coordination, que la structure garde : aucun virement à faire.");
        }
        String debtor = o.structure() == null ? null : o.structure().iban();
        if (ibans.valid(debtor) == null) {
            out.add(n + " : l'IBAN de la structure " + (blank(debtor) ? "manquait" : "n'était pas valide") + " à l'émission de l'ordre ; "
                    + "le compte à débiter est inconnu (annulez l'ordre, corrigez Paramètres › Structure, puis émettez-le à nouveau).");
        }
        List<String> seen = new ArrayList<>();
        for (OrderLine l : o.lines()) {
            if (l.payeeKind() == PayeeKind.STRUCTURE || l.amountCents() <= 0) {
                continue;
            }
            if (ibans.valid(l.iban()) == null) {
                String who = payeeText(l);
                if (!seen.contains(who)) {
                    seen.add(who);
                    out.add(n + ", ligne " + l.position() + " : l'IBAN de " + who + (blank(l.iban()) ? " est absent" : " n'est pas valide")
                            + " ; le virement est impossible (annulez l'ordre, corrigez la fiche du professionnel, puis émettez-le à nouveau).");
                }
            }
        }
        return out;
    }

    private static String payeeText(OrderLine l) {
        return l.payeeKind() == PayeeKind.EMPLOYEUR ? "l'employeur de " + l.professionalName() + " (" + l.payeeName() + ")" : l.payeeName();
    }

    /** The payees of an order in the order they first appear, each with the sum of his lines. */
    static List<Transfer> transfers(PaymentOrder o, Ibans ibans) {
        Map<String, long[]> cents = new LinkedHashMap<>();
        Map<String, OrderLine> first = new LinkedHashMap<>();
        Map<String, Set<Integer>> episodes = new LinkedHashMap<>();
        for (OrderLine l : o.lines()) {
            if (l.payeeKind() == PayeeKind.STRUCTURE) {
                continue;
            }
            String iban = ibans.valid(l.iban());
            String key = l.payeeKind() + "|" + l.payeeName() + "|" + iban;
            first.putIfAbsent(key, l);
            cents.computeIfAbsent(key, k -> new long[1])[0] += l.amountCents();
            episodes.computeIfAbsent(key, k -> new HashSet<>()).add(l.episodeId());
        }
        List<Transfer> out = new ArrayList<>();
        for (var e : first.entrySet()) {
            OrderLine l = e.getValue();
            long sum = cents.get(e.getKey())[0];
            if (sum <= 0) {
                continue;
            }
            if (sum > MAX_CENTS) {
                throw new InputException(List.of(Issue.blocking("orders", o.number() + " : le virement à " + l.payeeName()
                        + " dépasse le montant maximal d'un virement SEPA (999 999 999,99 €).")));
            }
            String bic = l.bic() != null && Bic.check(l.bic()) instanceof Check.Valid<Bic> v ? v.value().value() : null;
            out.add(new Transfer(o.number() + "-" + String.format("%03d", out.size() + 1), l.payeeKind(), l.payeeName(),
                    ibans.valid(l.iban()), bic, sum, episodes.get(e.getKey()).size()));
        }
        return out;
    }

    private static byte[] xml(List<PaymentOrder> orders, Map<String, List<Transfer>> transfers, LocalDate execution)
            throws XMLStreamException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
        Writer w = new Writer(x);
        x.writeStartDocument("UTF-8", "1.0");
        w.open("Document");
        x.writeDefaultNamespace(NAMESPACE);
        w.open("CstmrCdtTrfInitn");
        w.open("GrpHdr");
        w.text("MsgId", messageId(orders, execution));
        OffsetDateTime latest = orders.stream().map(PaymentOrder::issuedAt).max(Comparator.naturalOrder()).orElseThrow();
        w.text("CreDtTm", DATE_TIME.format(latest.atZoneSameInstant(Database.ZONE).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)));
        w.text("NbOfTxs", String.valueOf(transfers.values().stream().mapToInt(List::size).sum()));
        w.text("CtrlSum", amount(transfers.values().stream().flatMap(List::stream).mapToLong(Transfer::cents).sum()));
        w.open("InitgPty");
        w.text("Nm", name(orders.getFirst().structure().name()));
        w.close();
        w.close();
        for (PaymentOrder o : orders) {
            List<Transfer> list = transfers.get(o.number());
            PaymentOrder.StructureSnapshot s = o.structure();
            w.open("PmtInf");
            w.text("PmtInfId", identifier(o.number()));
            w.text("PmtMtd", "TRF");
            w.text("BtchBookg", "true");
            w.text("NbOfTxs", String.valueOf(list.size()));
            w.text("CtrlSum", amount(list.stream().mapToLong(Transfer::cents).sum()));
            w.open("PmtTpInf");
            w.open("SvcLvl");
            w.text("Cd", "SEPA");
            w.close();
            w.close();
            w.open("ReqdExctnDt");
            w.text("Dt", execution.toString());
            w.close();
            w.open("Dbtr");
            w.text("Nm", name(s.name()));
            w.close();
            account(w, "DbtrAcct", Iban.check(s.iban()).orElseThrow().value());
            w.open("DbtrAgt");
            w.open("FinInstnId");
            if (s.bic() != null && Bic.check(s.bic()) instanceof Check.Valid<Bic> bic) {
                w.text("BICFI", bic.value().value());
            } else {
                w.open("Othr");
                w.text("Id", "NOTPROVIDED");
                w.close();
            }
            w.close();
            w.close();
            w.text("ChrgBr", "SLEV");
            for (Transfer t : list) {
                w.open("CdtTrfTxInf");
                w.open("PmtId");
                w.text("EndToEndId", identifier(t.endToEndId()));
                w.close();
                w.open("Amt");
                w.open("InstdAmt");
                x.writeAttribute("Ccy", "EUR");
                x.writeCharacters(amount(t.cents()));
                w.closeInline();
                w.close();
                if (t.bic() != null) {
                    w.open("CdtrAgt");
                    w.open("FinInstnId");
                    w.text("BICFI", t.bic());
                    w.close();
                    w.close();
                }
                w.open("Cdtr");
                w.text("Nm", name(t.name()));
                w.close();
                account(w, "CdtrAcct", t.iban());
                w.open("RmtInf");
                w.text("Ustrd", remittance(o, t.episodes()));
                w.close();
                w.close();
            }
            w.close();
        }
        w.close();
        w.close();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.close();
        return bytes.toByteArray();
    }

    /** IBANs checked once each: an order of a quarter repeats the same few thousand times. */
    static final class Ibans {
        private final Map<String, String> checked = new HashMap<>();

        /** The normalised IBAN, or null when missing or invalid. */
        String valid(String raw) {
            if (raw == null) {
                return null;
            }
            return checked.computeIfAbsent(raw, r -> Iban.check(r) instanceof Check.Valid<Iban> v ? v.value().value() : null);
        }
    }

    private static void account(Writer w, String element, String iban) throws XMLStreamException {
        w.open(element);
        w.open("Id");
        w.text("IBAN", iban);
        w.close();
        w.close();
    }

    /**
     * « VIR-OP-2026-0004-3-1a2b3c4d »: the first order, how many, and a digest of every number and the execution day, so
     * that the same file always has the same identifier and a file asked for another day (a bank refuses a message
     * identifier it has already seen) or for other orders has another.
     */
    static String messageId(List<PaymentOrder> orders, LocalDate execution) {
        String numbers = String.join(",", orders.stream().map(PaymentOrder::number).toList()) + "|" + execution;
        return identifier("VIR-" + orders.getFirst().number() + "-" + orders.size() + "-" + Fingerprint.of(numbers).substring(0, 8));
    }

    /** « OP-2026-0004 PCR Obesite complexe de l'adulte 2026-Q3 : 3 episodes », the type's label shortened if need be. */
    static String remittance(PaymentOrder o, long episodes) {
        String tail = " " + o.period().code() + " : " + episodes + (episodes > 1 ? " episodes" : " episode");
        String head = o.number() + " PCR ";
        String label = sepa(o.pcrTypeLabel());
        int room = REMITTANCE_LENGTH - head.length() - tail.length();
        return sepa(head + truncate(label, Math.max(0, room)).strip() + tail);
    }

    /** Sums as the schema wants them: euros with two decimals and a point. */
    static String amount(long cents) {
        return Split.euros(cents).toPlainString();
    }

    static String name(String text) {
        String clean = truncate(sepa(text), NAME_LENGTH).strip();
        return clean.isEmpty() ? "NON RENSEIGNE" : clean;
    }

    /** Identifiers: SEPA characters, never starting or ending with « / » nor holding « // », 35 at most. */
    static String identifier(String text) {
        String s = sepa(text).replace(" ", "").replaceAll("/{2,}", "/");
        s = s.replaceAll("^/+", "");
        s = truncate(s, ID_LENGTH);
        return s.replaceAll("/+$", "");
    }

    /**
     * The text in the EPC's basic Latin set ({@code a-z A-Z 0-9 / - ? : ( ) . , ' +} and space): accents taken off,
     * ligatures spelt out, typographic quotes and dashes turned into their plain forms, anything else dropped, spaces
     * collapsed.
     */
    public static String sepa(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder spelt = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            spelt.append(switch (c) {
                case 'œ' -> "oe";
                case 'Œ' -> followedByLowerCase(text, i) ? "Oe" : "OE";
                case 'æ' -> "ae";
                case 'Æ' -> followedByLowerCase(text, i) ? "Ae" : "AE";
                case 'ß' -> "ss";
                case 'ø' -> "o";
                case 'Ø' -> "O";
                case 'đ' -> "d";
                case 'Đ' -> "D";
                case 'ł' -> "l";
                case 'Ł' -> "L";
                case '&' -> "+";
                case '’', '‘', '`', '´' -> "'";
                case '–', '—', '‐', '‑', '_' -> "-";
                case ';' -> ",";
                default -> Character.isWhitespace(c) || Character.isSpaceChar(c) ? " " : String.valueOf(c);
            });
        }
        String decomposed = Normalizer.normalize(spelt, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (isSepa(c)) {
                out.append(c);
            }
        }
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    /** « Œuvre » → « Oeuvre », « ŒUVRE » → « OEUVRE ». */
    private static boolean followedByLowerCase(String text, int i) {
        return i + 1 < text.length() && Character.isLowerCase(text.charAt(i + 1));
    }

    static boolean isSepa(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-?:().,'+ ".indexOf(c) >= 0;
    }

    private static String truncate(String s, int length) {
        return s.length() <= length ? s : s.substring(0, length);
    }

    /** The orders once each, by year then number: the file does not depend on the order they were chosen in. */
    private static List<PaymentOrder> distinctSorted(List<PaymentOrder> orders) {
        Map<String, PaymentOrder> byNumber = new LinkedHashMap<>();
        for (PaymentOrder o : orders) {
            byNumber.putIfAbsent(o.number(), o);
        }
        List<PaymentOrder> out = new ArrayList<>(byNumber.values());
        out.sort(Comparator.comparing((PaymentOrder o) -> o.issuedOn().getYear()).thenComparing(o -> serial(o.number())));
        return out;
    }

    private static int serial(String number) {
        try {
            return Integer.parseInt(number.substring(number.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** StAX with one element per line, indented: readable by the coordinator and by his bank's support. */
    private static final class Writer {
        private final XMLStreamWriter x;
        private int depth;

        Writer(XMLStreamWriter x) {
            this.x = x;
        }

        void open(String element) throws XMLStreamException {
            x.writeCharacters("\n" + "  ".repeat(depth));
            x.writeStartElement(element);
            depth++;
        }

        void close() throws XMLStreamException {
            depth--;
            x.writeCharacters("\n" + "  ".repeat(depth));
            x.writeEndElement();
        }

        /** Ends an element whose text was just written, on the same line. */
        void closeInline() throws XMLStreamException {
            depth--;
            x.writeEndElement();
        }

        void text(String element, String value) throws XMLStreamException {
            x.writeCharacters("\n" + "  ".repeat(depth));
            x.writeStartElement(element);
            x.writeCharacters(value);
            x.writeEndElement();
        }
    }
}
