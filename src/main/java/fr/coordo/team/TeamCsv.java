package fr.coordo.team;

import fr.coordo.identity.IdentifierKind;
import fr.coordo.identity.SearchKey;
import fr.coordo.store.AtomicFiles;
import fr.coordo.store.StoreException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The team as a spreadsheet (format in docs/FORMAT-EQUIPE.md): headers in French, matched without
 * regard to case or accents; {@code ;} or {@code ,}; UTF-8 or Windows-1252. Each row is imported whole
 * or rejected with its line number and reason, and the accepted rows are written in one transaction.
 */
public final class TeamCsv {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** The columns, in export order: the header written, then the other spellings accepted on import. */
    enum Column {
        LAST_NAME("nom", "nom de famille"),
        FIRST_NAME("prénom", "prenoms", "prénoms"),
        CIVILITY("civilité"),
        PROFESSION("profession"),
        SPECIALTY("spécialité"),
        RPPS("rpps", "n° rpps", "numéro rpps"),
        ADELI("adeli", "n° adeli"),
        AM_NUMBER("numéro AM", "numero am", "n° am", "am", "numéro assurance maladie", "numero assurance maladie"),
        AM_REQUESTED_ON("demande AM le", "demande am", "demande numero am"),
        CONVENTIONED("conventionné", "conventionne"),
        CONTRACT("contrat CPAM le", "contrat cpam", "date contrat cpam"),
        PRACTICE("mode d'exercice", "mode exercice", "exercice"),
        EMPLOYER("employeur"),
        EMPLOYER_SIRET("siret employeur", "siret de l'employeur"),
        EMAIL("email", "e-mail", "courriel", "mail"),
        PHONE("téléphone", "tel", "tél", "telephone"),
        MSSANTE("mssanté", "messagerie sécurisée"),
        IBAN("iban"),
        BIC("bic"),
        NOTES("notes", "remarques"),
        MEMBER_SINCE("membre depuis", "date d'entrée", "entrée"),
        MEMBER_UNTIL("membre jusqu'au", "date de sortie", "sortie");

        final String header;
        final List<String> accepted;

        Column(String header, String... others) {
            this.header = header;
            List<String> all = new ArrayList<>();
            all.add(key(header));
            for (String o : others) {
                all.add(key(o));
            }
            this.accepted = all;
        }

        static String key(String header) {
            return SearchKey.of(header).replaceAll("[^a-z0-9]", "");
        }
    }

    /** One row's outcome; {@code line} is the line number in the file (the header is line 1). */
    public record RowResult(int line, String name, boolean imported, String reason) {
        @Override
        public String toString() {
            return imported ? "ligne " + line + " : importée — " + name
                    : "ligne " + line + " : rejetée — " + (name.isBlank() ? "" : name + " : ") + reason;
        }
    }

    /** What an import did (or, for a preview, would do). */
    public record ImportReport(List<RowResult> rows, boolean written) {
        public long importedCount() {
            return rows.stream().filter(RowResult::imported).count();
        }

        public long rejectedCount() {
            return rows.size() - importedCount();
        }

        public boolean complete() {
            return rejectedCount() == 0;
        }
    }

    private final TeamService team;

    public TeamCsv(TeamService team) {
        this.team = team;
    }

    /**
     * Reads {@code file} and imports every acceptable row in one transaction. Rows carrying only
     * doubtful check keys are imported, keys confirmed, when {@code acceptWarnings}; otherwise rejected.
     * With {@code dryRun} nothing is written: the report is a preview.
     */
    public ImportReport importFile(Path file, boolean acceptWarnings, boolean dryRun) {
        String text = decode(readBytes(file));
        char separator = separator(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).setIgnoreHeaderCase(false).get();
        List<RowResult> results = new ArrayList<>();
        List<TeamService.Entry> accepted = new ArrayList<>();
        List<Integer> acceptedLines = new ArrayList<>();
        try (Reader reader = new StringReader(text); CSVParser parser = CSVParser.parse(reader, format)) {
            Map<Column, String> headers = mapHeaders(parser.getHeaderNames());
            Set<String> seenRpps = new HashSet<>();
            Set<String> seenNames = new HashSet<>();
            for (CSVRecord record : parser) {
                int line = (int) record.getParser().getCurrentLineNumber();
                RowResult result = readRow(record, headers, line, acceptWarnings, seenRpps, seenNames, accepted);
                results.add(result);
                if (result.imported()) {
                    acceptedLines.add(line);
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new StoreException("Le fichier « " + file.getFileName() + " » ne se lit pas comme un tableau CSV : "
                    + frenchCsvError(e) + " Rien n'a été importé.", e);
        }
        if (results.isEmpty()) {
            throw new StoreException("Le fichier « " + file.getFileName() + " » ne contient aucune ligne de professionnel "
                    + "sous sa ligne d'en-tête : rien n'a été importé.");
        }
        if (!dryRun && !accepted.isEmpty()) {
            team.addAll(accepted);
        }
        return new ImportReport(results, !dryRun && !accepted.isEmpty());
    }

    private RowResult readRow(CSVRecord record, Map<Column, String> headers, int line, boolean acceptWarnings,
            Set<String> seenRpps, Set<String> seenNames, List<TeamService.Entry> accepted) {
        Map<Column, String> v = new HashMap<>();
        headers.forEach((column, header) -> {
            String value = record.isMapped(header) && record.isSet(header) ? record.get(header).strip() : "";
            v.put(column, value);
        });
        String name = (v.getOrDefault(Column.LAST_NAME, "") + " " + v.getOrDefault(Column.FIRST_NAME, "")).strip();
        List<String> problems = new ArrayList<>();
        Optional<Profession> profession = Professions.find(v.getOrDefault(Column.PROFESSION, ""));
        if (profession.isEmpty() && !v.getOrDefault(Column.PROFESSION, "").isBlank()) {
            problems.add("Profession : « " + v.get(Column.PROFESSION) + " » n'est pas dans la liste des professions.");
        }
        Boolean conventioned = yesNo(v.getOrDefault(Column.CONVENTIONED, ""));
        if (conventioned == null) {
            problems.add("Conventionné : « " + v.get(Column.CONVENTIONED) + " » — oui ou non attendu.");
        }
        PracticeMode mode = practice(v.getOrDefault(Column.PRACTICE, ""));
        if (mode == null) {
            problems.add("Mode d'exercice : « " + v.get(Column.PRACTICE) + " » — libéral ou salarié attendu.");
        }
        LocalDate amRequested = date(v, Column.AM_REQUESTED_ON, "Demande AM le", problems);
        LocalDate contract = date(v, Column.CONTRACT, "Contrat CPAM le", problems);
        LocalDate since = date(v, Column.MEMBER_SINCE, "Membre depuis", problems);
        LocalDate until = date(v, Column.MEMBER_UNTIL, "Membre jusqu'au", problems);
        if (since != null && until != null && until.isBefore(since)) {
            problems.add("Membre jusqu'au : la date de sortie précède la date d'entrée.");
        }
        if (!problems.isEmpty()) {
            return new RowResult(line, name, false, String.join(" ", problems));
        }
        ProfessionalInput input = new ProfessionalInput(v.get(Column.CIVILITY), v.get(Column.LAST_NAME), v.get(Column.FIRST_NAME),
                profession.map(Profession::code).orElse(null), v.get(Column.SPECIALTY), v.get(Column.RPPS), v.get(Column.ADELI),
                v.get(Column.AM_NUMBER), amRequested, conventioned, contract, mode, v.get(Column.EMPLOYER),
                v.get(Column.EMPLOYER_SIRET), v.get(Column.PHONE), v.get(Column.EMAIL), v.get(Column.MSSANTE), v.get(Column.IBAN),
                v.get(Column.BIC), v.get(Column.NOTES));
        List<Issue> issues = team.check(input, Set.of(), null);
        Set<IdentifierKind> confirmed = EnumSet.noneOf(IdentifierKind.class);
        List<Issue> blocking = issues.stream().filter(i -> !i.isWarning()).toList();
        if (!blocking.isEmpty()) {
            return new RowResult(line, name, false, blocking.stream().map(Issue::message).collect(Collectors.joining(" ")));
        }
        List<Issue> warnings = issues.stream().filter(Issue::isWarning).toList();
        if (!warnings.isEmpty()) {
            if (!acceptWarnings) {
                return new RowResult(line, name, false, warnings.stream().map(Issue::message).collect(Collectors.joining(" "))
                        + " (ligne acceptée avec --accept-warnings)");
            }
            warnings.forEach(w -> confirmed.add(w.confirmable()));
        }
        String rppsKey = input.rpps() == null ? "" : input.rpps().replaceAll("\\s", "");
        if (!rppsKey.isEmpty() && !seenRpps.add(rppsKey)) {
            return new RowResult(line, name, false, "RPPS : ce numéro figure déjà sur une ligne précédente du fichier.");
        }
        if (!seenNames.add(SearchKey.of(input.lastName(), input.firstName()) + "|" + input.professionCode())) {
            return new RowResult(line, name, false, "ce professionnel figure déjà sur une ligne précédente du fichier.");
        }
        accepted.add(new TeamService.Entry(input, confirmed, since, until));
        return new RowResult(line, name, true, null);
    }

    /** The whole team as CSV text, without the byte-order mark (for the terminal). */
    public String exportText() {
        java.io.StringWriter w = new java.io.StringWriter();
        export(team.all(), w);
        return w.toString().substring(1);
    }

    /** Writes the whole team to {@code dest} atomically and records the export; returns how many professionals. */
    public int exportFile(Path dest) {
        List<Professional> all = team.all();
        java.io.StringWriter w = new java.io.StringWriter();
        export(all, w);
        AtomicFiles.write(dest, w.toString().getBytes(StandardCharsets.UTF_8));
        team.recordExport(dest.toAbsolutePath().normalize(), all.size());
        return all.size();
    }

    /** Writes the whole team, former members included, in the documented format (UTF-8 with BOM, ';', CRLF). */
    public void export(List<Professional> professionals, Writer out) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n")
                .setHeader(java.util.Arrays.stream(Column.values()).map(c -> c.header).toArray(String[]::new)).get();
        try {
            out.write('\uFEFF');
            try (CSVPrinter printer = new CSVPrinter(out, format)) {
                for (Professional p : professionals) {
                    printer.printRecord(p.lastName(), p.firstName(), nz(p.civility()), p.professionLabel(), nz(p.specialty()),
                            nz(p.rpps()), nz(p.adeli()), nz(p.amNumber()), fr(p.amRequestedOn()), p.conventioned() ? "oui" : "non",
                            fr(p.cpamContractSignedOn()), p.practiceMode() == PracticeMode.SALARIE ? "salarié" : "libéral",
                            nz(p.employerName()), nz(p.employerSiret()), nz(p.email()), nz(p.phone()), nz(p.mssante()),
                            nz(p.iban()), nz(p.bic()), nz(p.notes()), fr(p.memberSince()), fr(p.memberUntil()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- reading helpers

    private static Map<Column, String> mapHeaders(List<String> names) {
        Map<Column, String> map = new LinkedHashMap<>();
        for (String name : names) {
            String key = Column.key(name);
            for (Column c : Column.values()) {
                if (c.accepted.contains(key) && !map.containsKey(c)) {
                    map.put(c, name);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Column required : List.of(Column.LAST_NAME, Column.FIRST_NAME, Column.PROFESSION)) {
            if (!map.containsKey(required)) {
                missing.add(required.header);
            }
        }
        if (!missing.isEmpty()) {
            throw new StoreException("La ligne d'en-tête ne contient pas les colonnes obligatoires : " + String.join(", ", missing)
                    + " (colonnes trouvées : " + String.join(", ", names) + "). Rien n'a été importé.");
        }
        return map;
    }

    private static Boolean yesNo(String text) {
        return switch (SearchKey.of(text)) {
            case "", "oui", "o", "yes", "y", "1", "vrai", "true", "x" -> true;
            case "non", "n", "no", "0", "faux", "false" -> false;
            default -> null;
        };
    }

    private static PracticeMode practice(String text) {
        String k = SearchKey.of(text);
        if (k.isEmpty() || k.startsWith("liberal")) {
            return PracticeMode.LIBERAL;
        }
        return k.startsWith("salari") ? PracticeMode.SALARIE : null;
    }

    private static LocalDate date(Map<Column, String> v, Column c, String label, List<String> problems) {
        String text = v.getOrDefault(c, "");
        if (text.isBlank()) {
            return null;
        }
        for (DateTimeFormatter f : List.of(FR_DATE, DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("d/M/yyyy"))) {
            try {
                return LocalDate.parse(text, f);
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        problems.add(label + " : « " + text + " » n'est pas une date (jj/mm/aaaa attendu).");
        return null;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("Le fichier « " + file + " » ne peut pas être lu : vérifiez son nom et vos droits.", e);
        }
    }

    /** UTF-8 when the bytes are valid UTF-8 (BOM removed), Windows-1252 otherwise: what Excel writes in France. */
    static String decode(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /** The separator of the header line: ';' (French Excel) unless ',' is more frequent. */
    static char separator(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        long semicolons = header.chars().filter(ch -> ch == ';').count();
        long commas = header.chars().filter(ch -> ch == ',').count();
        return commas > semicolons ? ',' : ';';
    }

    private static String frenchCsvError(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("duplicate") || m.contains("header")) {
            return "deux colonnes portent le même nom dans la ligne d'en-tête.";
        }
        if (m.contains("eof") || m.contains("encapsulated")) {
            return "un guillemet ouvert n'est jamais refermé.";
        }
        return "sa structure est incorrecte.";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String fr(LocalDate d) {
        return d == null ? "" : d.format(FR_DATE);
    }
}
