package fr.coordo.payment;

import fr.coordo.document.CheckItem;
import fr.coordo.document.DocumentScript;
import fr.coordo.document.Field;
import fr.coordo.document.Fingerprint;
import fr.coordo.document.Signatory;
import fr.coordo.document.Table;
import fr.coordo.pathway.Money;
import fr.coordo.patient.Patient;
import fr.coordo.store.Database;
import fr.coordo.store.Masking;
import fr.coordo.team.Professions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The printed payment order (DOCUMENTS.md §2) as a PDF/A-2b: the structure and the order's identity, one table row
 * per line grouped under its episode (or séquence), the subtotals per payee, the total in figures and in words, the
 * a-priori checks passed, the warnings confirmed and the representative's signature block. A cancelling order
 * names the order it cancels, its reason, and repeats the lines with negative amounts.
 *
 * <p>A pure function of the order: it is dated by its issue time, so the same order always gives the same bytes and
 * the same fingerprint, whenever it is printed. Whether it was cancelled since is not printed, for that reason: the
 * cancelling order says it. NIRs and IBANs are printed masked: the names, the birth-date digits of the NIR and the
 * last characters of the IBAN are enough to check a line, and the order circulates for signature.
 */
public final class PaymentOrderPdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private PaymentOrderPdf() {}

    public static byte[] render(PaymentOrder order) {
        Writer w = new Writer(order);
        return w.write().render(w.documentTitle(), w.footerLine(), w.author(), clock(order));
    }

    /** The footer fingerprint of the order's PDF, for the audit trail. */
    public static String fingerprint(PaymentOrder order) {
        Writer w = new Writer(order);
        return Fingerprint.of(w.write().snapshotText(w.documentTitle(), w.footerLine(), w.author()));
    }

    /** The issue instant: the generation date printed in the footer, never the day of printing. */
    private static Clock clock(PaymentOrder order) {
        return Clock.fixed(order.issuedAt().toInstant(), Database.ZONE);
    }

    private static final class Writer {
        private final PaymentOrder o;
        private final PaymentOrder.StructureSnapshot s;
        private final boolean cancelling;
        private final DocumentScript doc = new DocumentScript();

        Writer(PaymentOrder order) {
            this.o = order;
            this.s = order.structure();
            this.cancelling = order.kind() == PaymentOrder.Kind.ANNULATION;
        }

        String documentTitle() {
            return o.kind().label() + " " + o.number() + " — " + structureName();
        }

        /** « Ordre de paiement OP-2026-0004 — octobre 2026 — total 5 630,00 € ». */
        String footerLine() {
            return o.kind().label() + " " + o.number() + " — " + o.period().label() + " — total " + money(o.totalCents());
        }

        String author() {
            return structureName();
        }

        DocumentScript write() {
            doc.title(o.kind().label() + " n° " + o.number(), cancelling
                    ? "annule l'ordre de paiement n° " + o.cancelsNumber() + "\n" + structureName()
                    : structureName());
            if (cancelling) {
                doc.notice("ANNULATION de l'ordre " + o.cancelsNumber() + " : les lignes ci-dessous reprennent les siennes en montants "
                        + "négatifs.");
            }
            header();
            lines();
            subtotals();
            total();
            checks();
            warnings();
            signature();
            return doc;
        }

        private void header() {
            doc.section("Ordre");
            List<Field> f = new ArrayList<>();
            f.add(new Field("Structure", structure()));
            if (cancelling) {
                f.add(new Field("Ordre annulé", o.cancelsNumber()));
                f.add(new Field("Motif de l'annulation", orDash(o.reason())));
            }
            f.add(new Field("Type de parcours", o.pcrTypeLabel() + " (" + o.pcrTypeCode() + ")"));
            f.add(new Field("Projet de parcours", o.projectReference()));
            f.add(new Field("Période", o.period().label() + " — prestations terminées du " + date(o.period().start()) + " au "
                    + date(o.period().end())));
            f.add(new Field("Émis le", date(o.issuedOn()) + " à " + o.issuedAt().atZoneSameInstant(Database.ZONE).format(TIME)
                    + (blank(o.issuedBy()) ? "" : " par " + o.issuedBy().strip())));
            f.add(new Field("Circuit de paiement", o.channel().label()));
            long units = o.lines().stream().map(l -> l.episodeId() + "/" + l.sequenceCode()).distinct().count();
            f.add(new Field("Contenu", plural(o.episodeCount(), "épisode") + ", " + plural(units, "prestation") + ", "
                    + plural(o.lines().size(), "ligne") + " de paiement"));
            doc.fields(f);
        }

        private String structure() {
            List<String> ids = new ArrayList<>();
            if (!blank(s.siret())) {
                ids.add("SIRET " + s.siret().strip());
            }
            ids.add("FINESS " + (blank(s.finess()) ? "sans objet" : s.finess().strip()));
            List<String> out = new ArrayList<>();
            out.add(structureName());
            out.add(String.join(" — ", ids));
            if (!blank(s.address())) {
                out.add(s.address().strip());
            }
            return String.join("\n", out);
        }

        /** One group row per episode or séquence (patient, NIR, dates, forfait), then one row per share of it. */
        private void lines() {
            doc.section("Détail des paiements");
            Table.Builder t = Table.builder()
                    .column("N°", 27, Table.Align.RIGHT)
                    .column("Épisode", 74)
                    .column("Professionnel", 127)
                    .column("RPPS\nN° AM", 72)
                    .column("Bénéficiaire\nIBAN", 120)
                    .column("Montant", 62, Table.Align.RIGHT);
            String unit = null;
            for (OrderLine l : o.lines()) {
                String key = l.episodeId() + "/" + l.sequenceCode();
                if (!key.equals(unit)) {
                    t.group(unitHeading(l));
                    unit = key;
                }
                // The episode again on each row: a page may break inside an episode's rows.
                t.row(String.valueOf(l.position()), l.episodeReference(), professional(l), identifiers(l), payee(l), money(l.amountCents()));
            }
            doc.table(t.build());
        }

        /** « EP-2026-0003 — DURAND Jeanne — NIR 2 85 05 ** *** *** 34 », then the séquence, its dates and the forfait due. */
        private String unitHeading(OrderLine l) {
            String sequence = blank(l.sequenceCode()) ? "Épisode entier"
                    : "Séquence « " + (blank(l.sequenceLabel()) ? l.sequenceCode() : l.sequenceLabel().strip()) + " »";
            return l.episodeReference() + " — " + patientName(l) + " — " + nir(l.patientNir()) + "\n" + sequence + " du "
                    + date(l.serviceStart()) + " au " + date(l.serviceEnd()) + " — forfait dû " + money(l.dueCents());
        }

        private static String professional(OrderLine l) {
            if (l.isCoordination()) {
                return "Coordination\npart de la structure";
            }
            return orDash(l.professionalName()) + "\n" + Professions.label(l.professionCode());
        }

        /** The RPPS above the numéro AM, as the column header says. */
        private static String identifiers(OrderLine l) {
            if (l.isCoordination()) {
                return "—";
            }
            return orDash(l.rpps()) + "\n" + orDash(l.amNumber());
        }

        /** « Le professionnel » when he is paid himself: his name is in the same row. */
        private static String payee(OrderLine l) {
            boolean himself = l.payeeKind() == PayeeKind.PROFESSIONNEL && Objects.equals(l.payeeName(), l.professionalName());
            return (himself ? "Le professionnel" : l.payeeKind().label() + "\n" + orDash(l.payeeName())) + "\n" + iban(l.iban());
        }

        private void subtotals() {
            doc.section("Sous-totaux par bénéficiaire");
            Map<Payee, long[]> byPayee = new TreeMap<>(Comparator.comparing((Payee p) -> p.kind() == PayeeKind.STRUCTURE)
                    .thenComparing(p -> p.name().toLowerCase(Locale.FRENCH)).thenComparing(Payee::kind).thenComparing(Payee::iban));
            for (OrderLine l : o.lines()) {
                long[] linesAndCents = byPayee.computeIfAbsent(Payee.of(l), k -> new long[2]);
                linesAndCents[0]++;
                linesAndCents[1] += l.amountCents();
            }
            Table.Builder t = Table.builder()
                    .column("Bénéficiaire", 4.4f)
                    .column("IBAN", 3.1f)
                    .column("Lignes", 1.1f, Table.Align.RIGHT)
                    .column("Montant", 1.9f, Table.Align.RIGHT);
            byPayee.forEach((p, sum) -> t.row(p.kind().label() + " : " + p.name(), iban(p.iban()), String.valueOf(sum[0]), money(sum[1])));
            t.row("Total (" + plural(byPayee.size(), "bénéficiaire") + ")", "", String.valueOf(o.lines().size()), money(o.totalCents()));
            doc.table(t.build());
        }

        private void total() {
            doc.section("Total");
            doc.fields(List.of(
                    new Field("Total de l'ordre", money(o.totalCents())),
                    new Field("En lettres", AmountInWords.of(o.totalCents()))));
            doc.paragraph(cancelling
                    ? "Le représentant légal de " + structureName() + " ordonne l'annulation de l'ordre " + o.cancelsNumber() + "."
                    : "Le représentant légal de " + structureName() + " ordonne le paiement de ces sommes aux bénéficiaires désignés ci-dessus.");
        }

        private void checks() {
            if (cancelling) {
                doc.section("Effet de l'annulation");
                o.checks().forEach(doc::paragraph);
                return;
            }
            doc.section("Contrôles a priori effectués");
            doc.paragraph("Chaque contrôle ci-dessous a été fait sur toutes les lignes de l'ordre avant son émission, sans anomalie bloquante"
                    + (o.warnings().isEmpty() ? "." : " ; les avertissements confirmés sont listés après."));
            doc.checklist(o.checks().stream().map(c -> new CheckItem(c, true)).toList());
        }

        private void warnings() {
            if (o.warnings().isEmpty()) {
                return;
            }
            doc.section("Avertissements confirmés à l'émission");
            // Sorted: the messages start with the episode reference, so an episode's warnings come together.
            Table.Builder t = Table.builder().column("Avertissement", 1);
            o.warnings().stream().sorted().forEach(t::row);
            doc.table(t.build());
        }

        /** Nothing between the heading and the block: they then move to a new page together. */
        private void signature() {
            doc.section("Signature");
            doc.signatures(List.of(new Signatory(orEmpty(s.representative()), "Représentant légal de " + structureName(), null)));
        }

        private String structureName() {
            return blank(s.name()) ? "Structure" : s.name().strip();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Who receives the money, told apart by the full IBAN though only its masked form is printed. */
    private record Payee(PayeeKind kind, String name, String iban) {
        static Payee of(OrderLine l) {
            return new Payee(l.payeeKind(), orDash(l.payeeName()), l.iban() == null ? "" : l.iban().replace(" ", "").toUpperCase(Locale.ROOT));
        }
    }

    private static String patientName(OrderLine l) {
        return (orEmpty(l.patientLastName()).toUpperCase(Locale.FRENCH) + " " + orEmpty(l.patientFirstName())).strip();
    }

    /** « NIR 2 85 05 ** *** *** 34 »; a number that is not a NIR is masked all the same, never printed whole. */
    static String nir(String nir) {
        if (blank(nir)) {
            return "NIR non renseigné";
        }
        String masked = Patient.maskedNir(nir);
        return "NIR " + (masked.isEmpty() ? Masking.mask(nir) : masked);
    }

    /** « FR76 •••• •••• 3881 »: country and check digits, then the last four characters. */
    static String iban(String iban) {
        if (blank(iban)) {
            return "IBAN non renseigné";
        }
        String compact = iban.replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 12) {
            return "IBAN " + Masking.mask(compact);
        }
        return compact.substring(0, 4) + " •••• •••• " + compact.substring(compact.length() - 4);
    }

    private static String money(long cents) {
        return Money.format(Split.euros(cents));
    }

    private static String date(LocalDate d) {
        return d == null ? "—" : d.format(DATE);
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n > 1 ? "s" : "");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orDash(String s) {
        return blank(s) ? "—" : s.strip();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
