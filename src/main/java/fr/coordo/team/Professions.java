package fr.coordo.team;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reference list of professions, read once from the application's resources. */
public final class Professions {
    private static final String RESOURCE = "/reference/professions.csv";
    private static final Map<String, Profession> BY_CODE = load();

    private Professions() {}

    public static List<Profession> all() {
        return List.copyOf(BY_CODE.values());
    }

    public static Optional<Profession> byCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The label to show for a code, or the code itself when the list does not know it. */
    public static String label(String code) {
        return byCode(code).map(Profession::label).orElse(code);
    }

    /** « 1 Infirmier », « 3 Infirmiers »: the label that agrees with {@code count}. */
    public static String label(String code, int count) {
        return byCode(code).map(p -> count > 1 ? p.pluralLabel() : p.label()).orElse(code);
    }

    private static Map<String, Profession> load() {
        Map<String, Profession> map = new LinkedHashMap<>();
        try (InputStream in = Professions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the application");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine(); // header
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(";", -1);
                map.put(f[0], new Profession(f[0], f[1], f[2], f[3].isEmpty() ? null : f[3], f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(map);
    }
}
