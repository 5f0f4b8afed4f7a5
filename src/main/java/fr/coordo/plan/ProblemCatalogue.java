package fr.coordo.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The problem check-list of the HAS model (PAERPA factors first, then the usual situations), kept in
 * {@code resources/reference/problemes.csv} so that a structure can extend it without a new version.
 */
public final class ProblemCatalogue {
    /** One entry of the check-list, with example actions to suggest. */
    public record Entry(String code, String label, Dimension dimension, String group, String examples) {}

    private static final List<Entry> ENTRIES = load();

    private ProblemCatalogue() {}

    public static List<Entry> all() {
        return ENTRIES;
    }

    public static Optional<Entry> byCode(String code) {
        return ENTRIES.stream().filter(e -> e.code().equals(code)).findFirst();
    }

    private static List<Entry> load() {
        try (InputStream in = ProblemCatalogue.class.getResourceAsStream("/reference/problemes.csv")) {
            if (in == null) {
                throw new IllegalStateException("reference/problemes.csv missing from the application");
            }
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get();
            return format.parse(new InputStreamReader(in, StandardCharsets.UTF_8)).stream().map(ProblemCatalogue::entry).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry entry(CSVRecord r) {
        return new Entry(r.get("code"), r.get("libelle"), Dimension.valueOf(r.get("dimension")), r.get("groupe"), r.get("exemples_actions"));
    }
}
