package fr.coordo.team;

import fr.coordo.identity.IdentifierKind;
import fr.coordo.identity.Issue;
import fr.coordo.identity.SearchKey;
import fr.coordo.store.AtomicFiles;
import fr.coordo.store.Database;
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
import java.time.format.ResolverStyle;
import java.util.Arrays;
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
import org.apache.commons.csv.DuplicateHeaderMode;
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
    // Strict: 31/02/2024 is refused, not turned into 29/02/2024.
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    /** The columns, in export order: the header written, then the other spellings accepted on import. */
    enum Column {
        LAST_NAME("nom", "nom de famille"),
        FIRST_NAME("prénom", "prenoms", "prénoms"),
        CIVILITY("civilité"),
        PROFESSION("profession"),
        SPECIALTY("spécialité"),
        RPPS("rpps", "n° rpps", "numéro rpps"),
        ADELI("adeli", "n° adeli", "numéro adeli"),
        AM_NUMBER("numéro AM", "numero am", "n° am", "am", "numéro assurance maladie", "numero assurance maladie"),
        AM_REQUESTED_ON("demande AM le", "demande am", "demande numero am"),
        CONVENTIONED("conventionné", "conventionne", "conventionné(e)"),
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
        MEMBER_UNTIL("membre jusqu'au", "date de sortie", "sortie"),
        CONFIRMED_KEYS("clés confirmées", "cles confirmees");

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

    /** What an import read: each row's outcome, the columns it ignored, and the rows ready to be written. */
    public record ImportReport(List<RowResult> rows, List<String> ignoredColumns, List<TeamService.Entry> entries) {
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

    /** Files larger than this are surely not a team: refused before they are read. */
    private static final long MAX_BYTES = 20L * 1024 * 1024;

    private final TeamService team;

    public TeamCsv(TeamService team) {
        this.team = team;
    }

    /** Reads and imports {@code file}: the command line's import. Rows with doubtful keys need {@code acceptWarnings}. */
    public ImportReport importFile(Path file, boolean acceptWarnings) {
        ImportReport report = read(file, acceptWarnings, "ligne acceptée avec --accept-warnings");
        write(report);
        return report;
    }

    /** Writes the rows a {@link #read} accepted, in one transaction; returns how many. */
    public int write(ImportReport report) {
        if (!report.entries().isEmpty()) {
            team.addAll(report.entries());
        }
        return report.entries().size();
    }

    /**
     * Reads {@code file} without writing anything: every row's outcome, as the preview shows it.
     * {@code acceptHint} tells, on a row rejected for a doubtful key only, how to accept it.
     */
    public ImportReport read(Path file, boolean acceptWarnings, String acceptHint) {
        String text = decode(file, readBytes(file));
        char separator = separator(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
        int[] lineStarts = lineStarts(text);
        List<RowResult> results = new ArrayList<>();
        List<TeamService.Entry> accepted = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        try (Reader reader = new StringReader(text); CSVParser parser = CSVParser.parse(reader, format)) {
            Map<Column, Integer> columns = mapHeaders(parser.getHeaderNames(), ignored);
            Set<String> seenRpps = new HashSet<>();
            Set<String> seenNames = new HashSet<>();
            for (CSVRecord record : parser) {
                if (record.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue; // Excel's trailing « ;;; » rows
                }
                int line = lineOf(lineStarts, record.getCharacterPosition());
                results.add(readRow(record, columns, line, acceptWarnings, acceptHint, seenRpps, seenNames, accepted));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new StoreException("Le fichier « " + file.getFileName() + " » ne se lit pas comme un tableau CSV : "
                    + frenchCsvError(e) + " Rien n'a été importé.", e);
        }
        if (results.isEmpty()) {
            throw new StoreException("Le fichier « " + file.getFileName() + " » ne contient aucune ligne de professionnel "
                    + "sous sa ligne d'en-tête : rien n'a été importé.");
        }
        return new ImportReport(results, ignored, accepted);
    }

    private RowResult readRow(CSVRecord record, Map<Column, Integer> columns, int line, boolean acceptWarnings, String acceptHint,
            Set<String> seenRpps, Set<String> seenNames, List<TeamService.Entry> accepted) {
        Map<Column, String> v = new HashMap<>();
        columns.forEach((column, index) -> v.put(column, index < record.size() && record.get(index) != null ? record.get(index).strip() : ""));
        String name = (v.getOrDefault(Column.LAST_NAME, "") + " " + v.getOrDefault(Column.FIRST_NAME, "")).strip();
        List<String> problems = new ArrayList<>();
        String professionText = v.getOrDefault(Column.PROFESSION, "");
        Optional<Profession> profession = Professions.find(professionText);
        if (professionText.isBlank()) {
            problems.add("Profession : obligatoire.");
        } else if (profession.isEmpty()) {
            problems.add("Profession : « " + professionText + " » n'est pas dans la liste des professions.");
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
        LocalDate start = since != null ? since : LocalDate.now(Database.ZONE);
        if (until != null && until.isBefore(start)) {
            problems.add("Membre jusqu'au : la date de sortie précède la date d'entrée" + (since == null ? " (aujourd'hui, faute de « membre depuis »)." : "."));
        }
        Set<IdentifierKind> confirmed = EnumSet.noneOf(IdentifierKind.class);
        for (String k : v.getOrDefault(Column.CONFIRMED_KEYS, "").split("[,\\s]+")) {
            Arrays.stream(IdentifierKind.values()).filter(kind -> kind.name().equalsIgnoreCase(k) || kind.label().equalsIgnoreCase(k))
                    .findFirst().ifPresent(confirmed::add);
        }
        if (!problems.isEmpty()) {
            return new RowResult(line, name, false, String.join(" ", problems));
        }
        ProfessionalInput input = new ProfessionalInput(v.get(Column.CIVILITY), v.get(Column.LAST_NAME), v.get(Column.FIRST_NAME),
                profession.map(Profession::code).orElse(null), v.get(Column.SPECIALTY), v.get(Column.RPPS), v.get(Column.ADELI),
                v.get(Column.AM_NUMBER), amRequested, conventioned, contract, mode, v.get(Column.EMPLOYER),
                v.get(Column.EMPLOYER_SIRET), v.get(Column.PHONE), v.get(Column.EMAIL), v.get(Column.MSSANTE), v.get(Column.IBAN),
                v.get(Column.BIC), v.get(Column.NOTES));
        List<Issue> issues = team.check(input, confirmed, null);
        List<Issue> blocking = issues.stream().filter(i -> !i.isWarning()).toList();
        if (!blocking.isEmpty()) {
            return new RowResult(line, name, false, blocking.stream().map(Issue::message).collect(Collectors.joining(" ")));
        }
        List<Issue> warnings = issues.stream().filter(Issue::isWarning).toList();
        if (!warnings.isEmpty()) {
            if (!acceptWarnings) {
                return new RowResult(line, name, false, warnings.stream().map(Issue::message).collect(Collectors.joining(" "))
                        + " (" + acceptHint + ")");
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
                            nz(p.iban()), nz(p.bic()), nz(p.notes()), fr(p.memberSince()), fr(p.memberUntil()),
                            nz(p.confirmedKeys()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- reading helpers

    /**
     * Finds each column by its header: exact spelling first, then a header containing a known name
     * (« Numéro ADELI », « Conventionné(e) »). Headers matching nothing are listed in {@code ignored}.
     */
    private static Map<Column, Integer> mapHeaders(List<String> names, List<String> ignored) {
        Map<Column, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String key = Column.key(name == null ? "" : name);
            if (key.isEmpty()) {
                continue;
            }
            Column column = match(key);
            if (column == null) {
                ignored.add(name);
                continue;
            }
            if (map.containsKey(column)) {
                throw new StoreException("Les colonnes « " + names.get(map.get(column)) + " » et « " + name + " » désignent toutes deux "
                        + "la même information (" + column.header + ") : gardez-en une seule. Rien n'a été importé.");
            }
            map.put(column, i);
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

    private static Column match(String key) {
        for (Column c : Column.values()) {
            if (c.accepted.contains(key)) {
                return c;
            }
        }
        Column best = null;
        int bestLength = 0;
        for (Column c : Column.values()) {
            for (String accepted : c.accepted) {
                if (accepted.length() >= 4 && key.contains(accepted) && accepted.length() > bestLength) {
                    best = c;
                    bestLength = accepted.length();
                }
            }
        }
        return best;
    }

    /** Offsets where each line starts, for the line number of a record that may span several lines. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
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
        for (DateTimeFormatter f : List.of(FR_DATE, ISO_DATE, SHORT_DATE)) {
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
            if (Files.size(file) > MAX_BYTES) {
                throw new StoreException("Le fichier « " + file.getFileName() + " » fait plus de 20 Mo : ce n'est sans doute pas "
                        + "le tableau d'une équipe. Rien n'a été importé.");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("Le fichier « " + file + " » ne peut pas être lu : vérifiez son nom et vos droits.", e);
        }
    }

    /**
     * UTF-8 when the bytes are valid UTF-8 (BOM removed), Windows-1252 otherwise: what Excel writes in
     * France. UTF-16 and binary files are refused with a word on how to save the file.
     */
    static String decode(Path file, byte[] bytes) {
        boolean utf16Bom = bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE);
        boolean nul = false;
        for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
            nul |= bytes[i] == 0;
        }
        if (utf16Bom || nul) {
            throw new StoreException("Le fichier « " + file.getFileName() + " » n'est pas un fichier texte CSV en UTF-8 ou "
                    + "Windows-1252 : dans le tableur, enregistrez-le au format « CSV UTF-8 » ou « CSV (séparateur : point-virgule) ». "
                    + "Rien n'a été importé.");
        }
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
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?:startline|line) (\\d+)").matcher(m);
        String where = line.find() ? " (vers la ligne " + line.group(1) + ")" : "";
        if (m.contains("eof") || m.contains("encapsulated") || m.contains("invalid char")) {
            return "un guillemet est mal placé ou n'est jamais refermé" + where + ".";
        }
        return "sa structure est incorrecte" + where + ".";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String fr(LocalDate d) {
        return d == null ? "" : d.format(FR_DATE);
    }
}
