package fr.coordo.payment;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.store.Masking;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * The payment orders paid directly by the CPAM, as a file for the Assurance Maladie téléservice. No official layout
 * is published: format version 1 is ours, documented in docs/FORMAT-PAIEMENTS-CSV.md. UTF-8 with BOM, {@code ;},
 * one header line, CRLF, RFC 4180 quoting, dates AAAA-MM-JJ, amounts with two decimals and a point; one row per
 * order line (negative in a cancelling order).
 */
public final class PaymentCsv {
    /** Written in the first column of every row; a new layout gets a new number and a new documentation file. */
    public static final String FORMAT_VERSION = "1";

    /** The columns of version 1, in file order. */
    public static final List<String> HEADER = List.of("version_format", "numero_ordre", "numero_ligne", "nature_ordre", "ordre_annule",
            "date_emission", "periode", "siret_structure", "finess_structure", "code_type_pcr", "reference_episode", "nir_patient",
            "nom_patient", "prenom_patient", "date_naissance_patient", "sequence", "debut_prestation", "fin_prestation",
            "rpps_professionnel", "numero_am_professionnel", "nom_professionnel", "profession", "montant", "nature_beneficiaire",
            "nom_beneficiaire", "iban_beneficiaire");

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,9}\\.\\d{2}");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setDelimiter(';').setRecordSeparator("\r\n")
            .setQuoteMode(QuoteMode.MINIMAL).get();

    private PaymentCsv() {}

    /** One row of the file, typed back; {@code line} is where it starts in the file (the header is line 1). */
    public record Row(int line, String formatVersion, String orderNumber, int position, PaymentOrder.Kind kind, String cancelsNumber,
            LocalDate issuedOn, String period, String siret, String finess, String pcrTypeCode, String episodeReference, String patientNir,
            String patientLastName, String patientFirstName, LocalDate patientBirthDate, String sequenceCode, LocalDate serviceStart,
            LocalDate serviceEnd, String rpps, String amNumber, String professionalName, String profession, long amountCents,
            PayeeKind payeeKind, String payeeName, String payeeIban) {

        /** Without the NIR nor the IBAN in clear: a row may end up in a test report or a log. */
        @Override
        public String toString() {
            return "Row[line=" + line + ", order=" + orderNumber + "/" + position + ", episode=" + episodeReference + ", nir="
                    + Masking.mask(patientNir) + ", amount=" + amountCents + ", payee=" + payeeKind + "]";
        }
    }

    /**
     * The file of {@code orders}, in the order given. Refused when an order is not paid by the CPAM: the structure pays
     * those by transfer (SEPA file), the téléservice has nothing to do with them.
     */
    public static byte[] write(List<PaymentOrder> orders) {
        refuseOthers(orders);
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(HEADER);
            for (PaymentOrder o : orders) {
                PaymentOrder.StructureSnapshot s = o.structure();
                for (OrderLine l : o.lines()) {
                    printer.printRecord(FORMAT_VERSION, o.number(), l.position(), o.kind().name(), nz(o.cancelsNumber()),
                            ISO.format(o.issuedOn()), o.period().code(), nz(s.siret()), nz(s.finess()), o.pcrTypeCode(), l.episodeReference(),
                            nz(l.patientNir()), l.patientLastName(), l.patientFirstName(), ISO.format(l.patientBirthDate()),
                            nz(l.sequenceCode()), ISO.format(l.serviceStart()), ISO.format(l.serviceEnd()), nz(l.rpps()), nz(l.amNumber()),
                            nz(l.professionalName()), l.professionCode(), Split.euros(l.amountCents()).toPlainString(), l.payeeKind().name(),
                            nz(l.payeeName()), nz(l.iban()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The French refusal for an order the téléservice file does not carry, or null. */
    static String refusal(PaymentOrder o) {
        if (o.channel() != PaymentChannel.CPAM) {
            return o.number() + " est payé par virement de la structure : le fichier pour le téléservice de l'Assurance Maladie "
                    + "ne concerne que les ordres payés directement par la CPAM (exportez le virement SEPA).";
        }
        return null;
    }

    private static void refuseOthers(List<PaymentOrder> orders) {
        if (orders.isEmpty()) {
            throw new InputException(List.of(Issue.blocking("orders", "Aucun ordre de paiement choisi : le fichier serait vide.")));
        }
        List<Issue> issues = orders.stream().map(PaymentCsv::refusal).filter(m -> m != null).map(m -> Issue.blocking("orders", m)).toList();
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
    }

    /**
     * Reads a file of this format back: every row typed, or an InputException whose messages name the line and the
     * column (« Ligne 4, colonne montant : … »). Reads the whole file before answering: nothing half-read.
     */
    public static List<Row> read(byte[] file) {
        String text = decode(file);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int[] lineStarts = lineStarts(text);
        List<Issue> issues = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int next = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            boolean header = true;
            for (CSVRecord r : parser) {
                next = (int) parser.getCurrentLineNumber() + 1;
                int line = lineOf(lineStarts, r.getCharacterPosition());
                if (header) {
                    header = false;
                    if (!r.toList().equals(HEADER)) {
                        throw refused("Ligne 1 : ce n'est pas l'en-tête d'un fichier de paiements version " + FORMAT_VERSION
                                + " (attendu : " + String.join(";", HEADER.subList(0, 3)) + ";…).");
                    }
                    continue;
                }
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue;
                }
                if (r.size() != HEADER.size()) {
                    issues.add(Issue.blocking("line", "Ligne " + line + " : " + r.size() + " colonnes au lieu de " + HEADER.size() + "."));
                    continue;
                }
                new RowReader(r, line, issues).row().ifPresent(rows::add);
            }
            if (header) {
                throw refused("Le fichier est vide : l'en-tête manque.");
            }
        } catch (UncheckedIOException | IOException e) {
            // Commons CSV stops at broken quoting, in the record that starts after the last one read
            throw refused("Ligne " + next + " : guillemets mal placés (un champ entre guillemets n'est pas refermé, ou un caractère "
                    + "suit le guillemet fermant) ; le fichier n'est pas lu.");
        }
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
        return rows;
    }

    /** Reads the columns of one record, noting each problem with its line and column. */
    private static final class RowReader {
        private final CSVRecord r;
        private final int line;
        private final List<Issue> issues;
        private boolean bad;

        RowReader(CSVRecord r, int line, List<Issue> issues) {
            this.r = r;
            this.line = line;
            this.issues = issues;
        }

        Optional<Row> row() {
            String version = text("version_format", true);
            if (version != null && !version.equals(FORMAT_VERSION)) {
                problem("version_format", "version « " + version + " » inconnue, ce lecteur lit la version " + FORMAT_VERSION + ".");
            }
            String number = text("numero_ordre", true);
            int position = integer("numero_ligne");
            PaymentOrder.Kind kind = choice("nature_ordre", PaymentOrder.Kind.class);
            String cancels = text("ordre_annule", false);
            LocalDate issued = date("date_emission", true);
            String period = text("periode", true);
            String siret = text("siret_structure", false);
            String finess = text("finess_structure", false);
            String type = text("code_type_pcr", true);
            String episode = text("reference_episode", true);
            String nir = text("nir_patient", false);
            String last = text("nom_patient", true);
            String first = text("prenom_patient", true);
            LocalDate birth = date("date_naissance_patient", true);
            String sequence = text("sequence", false);
            LocalDate start = date("debut_prestation", true);
            LocalDate end = date("fin_prestation", true);
            String rpps = text("rpps_professionnel", false);
            String am = text("numero_am_professionnel", false);
            String pro = text("nom_professionnel", false);
            String profession = text("profession", true);
            long amount = amount("montant");
            PayeeKind payee = choice("nature_beneficiaire", PayeeKind.class);
            String payeeName = text("nom_beneficiaire", false);
            String iban = text("iban_beneficiaire", false);
            if (kind == PaymentOrder.Kind.ANNULATION && cancels == null) {
                problem("ordre_annule", "un ordre d'annulation doit nommer l'ordre qu'il annule.");
            }
            if (bad) {
                return Optional.empty();
            }
            return Optional.of(new Row(line, version, number, position, kind, cancels, issued, period, siret, finess, type, episode,
                    nir, last, first, birth, sequence, start, end, rpps, am, pro, profession, amount, payee, payeeName, iban));
        }

        private String text(String column, boolean required) {
            String v = r.get(HEADER.indexOf(column)).strip();
            if (v.isEmpty()) {
                if (required) {
                    problem(column, "valeur obligatoire absente.");
                }
                return null;
            }
            return v;
        }

        private int integer(String column) {
            String v = text(column, true);
            if (v == null) {
                return 0;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                problem(column, "« " + v + " » n'est pas un nombre entier.");
                return 0;
            }
        }

        private LocalDate date(String column, boolean required) {
            String v = text(column, required);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v, ISO);
            } catch (DateTimeParseException e) {
                problem(column, "« " + v + " » n'est pas une date AAAA-MM-JJ.");
                return null;
            }
        }

        private long amount(String column) {
            String v = text(column, true);
            if (v == null) {
                return 0;
            }
            if (!AMOUNT.matcher(v).matches()) {
                problem(column, "« " + v + " » n'est pas un montant à deux décimales avec un point (1126.00).");
                return 0;
            }
            return Split.cents(new BigDecimal(v));
        }

        private <E extends Enum<E>> E choice(String column, Class<E> type) {
            String v = text(column, true);
            if (v == null) {
                return null;
            }
            return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(v)).findFirst().orElseGet(() -> {
                problem(column, "« " + v + " » inconnu (valeurs possibles : "
                        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ").");
                return null;
            });
        }

        private void problem(String column, String message) {
            bad = true;
            issues.add(Issue.blocking("line", "Ligne " + line + ", colonne " + column + " : " + message));
        }
    }

    private static String decode(byte[] file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            throw refused("Le fichier n'est pas en UTF-8 : ce n'est pas un fichier de paiements version " + FORMAT_VERSION + ".");
        }
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** 1-based line holding character {@code position}. */
    private static int lineOf(int[] starts, long position) {
        int i = Arrays.binarySearch(starts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private static InputException refused(String message) {
        return new InputException(List.of(Issue.blocking("file", message)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
