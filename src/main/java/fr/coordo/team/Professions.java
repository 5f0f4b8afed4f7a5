package fr.coordo.team;

import fr.coordo.identity.SearchKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reference list of professions, read once from {@code resources/reference/professions.csv}. */
public final class Professions {
    private static final Map<String, Profession> BY_CODE = load();

    private Professions() {}

    public static List<Profession> all() {
        return List.copyOf(BY_CODE.values());
    }

    public static Optional<Profession> byCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /** The label to show for a code, or the code itself when the list does not know it. */
    public static String label(String code) {
        return byCode(code).map(Profession::label).orElse(code);
    }

    /** « 1 Infirmier », « 3 Infirmiers »: the label that agrees with {@code count}. */
    public static String label(String code, int count) {
        return byCode(code).map(p -> count > 1 ? p.pluralLabel() : p.label()).orElse(code);
    }

    /** The profession a coordinator's spreadsheet means: code, label, plural or usual name (« Infirmière », « Kiné »). */
    public static Optional<Profession> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String key = SearchKey.of(text);
        return BY_CODE.values().stream()
                .filter(p -> p.code().equals(text.strip()) || SearchKey.of(p.label()).equals(key) || SearchKey.of(p.pluralLabel()).equals(key)
                        || p.synonyms().stream().anyMatch(s -> SearchKey.of(s).equals(key)))
                .findFirst();
    }

    private static Map<String, Profession> load() {
        Map<String, Profession> map = new LinkedHashMap<>();
        for (String[] f : ReferenceData.rows("/reference/professions.csv")) {
            map.put(f[0], new Profession(f[0], f[1], f[2], f[3].isEmpty() ? null : f[3], f[4],
                    f[5].isEmpty() ? List.of() : List.of(f[5].split("\\|"))));
        }
        return Collections.unmodifiableMap(map);
    }
}
