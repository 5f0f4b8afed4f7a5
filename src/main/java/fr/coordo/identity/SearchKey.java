package fr.coordo.identity;

import java.text.Normalizer;
import java.util.Locale;

/** Folds names for searching: lower case, no accents, ligatures spelled out (« Éloïse » → « eloise »). */
public final class SearchKey {
    private SearchKey() {}

    public static String of(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isBlank()) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(part.strip());
        }
        String decomposed = Normalizer.normalize(sb.toString(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT)
                .replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
    }
}
