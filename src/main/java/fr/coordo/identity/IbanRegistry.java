package fr.coordo.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The countries of the SWIFT IBAN registry (ISO 13616), with the structure of their BBAN: all SEPA countries
 * (EU/EEA, CH, GB, MC, SM, VA, AD, GI and the newer AL, MD, ME, MK, RS) and the other registry countries.
 * The structure is the registry's notation: {@code 5!n} = 5 digits, {@code 4!a} = 4 capital letters,
 * {@code 11!c} = 11 letters or digits.
 */
final class IbanRegistry {

    /** One BBAN part: {@code length} characters of {@code type} 'n' (digits), 'a' (letters) or 'c' (either). */
    record Segment(int length, char type) {}

    /**
     * A registry country. {@code adjective} completes « un IBAN … » in messages (« français », « du Vatican »).
     */
    record Country(String code, String adjective, List<Segment> bban) {
        /** Total IBAN length: country code, two check digits and the BBAN. */
        int length() {
            return 4 + bban.stream().mapToInt(Segment::length).sum();
        }

        /** The expected type ('n', 'a' or 'c') of the character at {@code index} in the IBAN (index ≥ 4). */
        char typeAt(int index) {
            int i = index - 4;
            for (Segment s : bban) {
                if (i < s.length()) {
                    return s.type();
                }
                i -= s.length();
            }
            throw new IndexOutOfBoundsException(index);
        }
    }

    private static final Pattern SEGMENT = Pattern.compile("(\\d+)!([nac])");

    private static final Map<String, Country> COUNTRIES = new TreeMap<>();

    static {
        add("AD", "andorran", "4!n4!n12!c");
        add("AE", "émirien", "3!n16!n");
        add("AL", "albanais", "8!n16!c");
        add("AT", "autrichien", "5!n11!n");
        add("AZ", "azerbaïdjanais", "4!a20!c");
        add("BA", "bosnien", "3!n3!n8!n2!n");
        add("BE", "belge", "3!n7!n2!n");
        add("BG", "bulgare", "4!a4!n2!n8!c");
        add("BH", "bahreïnien", "4!a14!c");
        add("BI", "burundais", "5!n5!n11!n2!n");
        add("BR", "brésilien", "8!n5!n10!n1!a1!c");
        add("BY", "biélorusse", "4!c4!n16!c");
        add("CH", "suisse", "5!n12!c");
        add("CR", "costaricien", "4!n14!n");
        add("CY", "chypriote", "3!n5!n16!c");
        add("CZ", "tchèque", "4!n6!n10!n");
        add("DE", "allemand", "8!n10!n");
        add("DJ", "djiboutien", "5!n5!n11!n2!n");
        add("DK", "danois", "4!n9!n1!n");
        add("DO", "dominicain", "4!c20!n");
        add("EE", "estonien", "2!n14!n");
        add("EG", "égyptien", "4!n4!n17!n");
        add("ES", "espagnol", "4!n4!n1!n1!n10!n");
        add("FI", "finlandais", "3!n11!n");
        add("FK", "des îles Malouines", "2!a12!n");
        add("FO", "féroïen", "4!n9!n1!n");
        add("FR", "français", "5!n5!n11!c2!n");
        add("GB", "britannique", "4!a6!n8!n");
        add("GE", "géorgien", "2!a16!n");
        add("GI", "de Gibraltar", "4!a15!c");
        add("GL", "groenlandais", "4!n9!n1!n");
        add("GR", "grec", "3!n4!n16!c");
        add("GT", "guatémaltèque", "4!c20!c");
        add("HN", "hondurien", "4!a20!n");
        add("HR", "croate", "7!n10!n");
        add("HU", "hongrois", "3!n4!n1!n15!n1!n");
        add("IE", "irlandais", "4!a6!n8!n");
        add("IL", "israélien", "3!n3!n13!n");
        add("IQ", "irakien", "4!a3!n12!n");
        add("IS", "islandais", "4!n2!n6!n10!n");
        add("IT", "italien", "1!a5!n5!n12!c");
        add("JO", "jordanien", "4!a4!n18!c");
        add("KW", "koweïtien", "4!a22!c");
        add("KZ", "kazakh", "3!n13!c");
        add("LB", "libanais", "4!n20!c");
        add("LC", "saint-lucien", "4!a24!c");
        add("LI", "liechtensteinois", "5!n12!c");
        add("LT", "lituanien", "5!n11!n");
        add("LU", "luxembourgeois", "3!n13!c");
        add("LV", "letton", "4!a13!c");
        add("LY", "libyen", "3!n3!n15!n");
        add("MC", "monégasque", "5!n5!n11!c2!n");
        add("MD", "moldave", "2!c18!c");
        add("ME", "monténégrin", "3!n13!n2!n");
        add("MK", "macédonien", "3!n10!c2!n");
        add("MN", "mongol", "4!n12!n");
        add("MR", "mauritanien", "5!n5!n11!n2!n");
        add("MT", "maltais", "4!a5!n18!c");
        add("MU", "mauricien", "4!a2!n2!n12!n3!n3!a");
        add("NI", "nicaraguayen", "4!a20!n");
        add("NL", "néerlandais", "4!a10!n");
        add("NO", "norvégien", "4!n6!n1!n");
        add("OM", "omanais", "3!n16!c");
        add("PK", "pakistanais", "4!a16!c");
        add("PL", "polonais", "8!n16!n");
        add("PS", "palestinien", "4!a21!c");
        add("PT", "portugais", "4!n4!n11!n2!n");
        add("QA", "qatarien", "4!a21!c");
        add("RO", "roumain", "4!a16!c");
        add("RS", "serbe", "3!n13!n2!n");
        add("RU", "russe", "9!n5!n15!c");
        add("SA", "saoudien", "2!n18!c");
        add("SC", "seychellois", "4!a2!n2!n16!n3!a");
        add("SD", "soudanais", "2!n12!n");
        add("SE", "suédois", "3!n16!n1!n");
        add("SI", "slovène", "5!n8!n2!n");
        add("SK", "slovaque", "4!n6!n10!n");
        add("SM", "saint-marinais", "1!a5!n5!n12!c");
        add("SO", "somalien", "4!n3!n12!n");
        add("ST", "santoméen", "8!n11!n2!n");
        add("SV", "salvadorien", "4!a20!n");
        add("TL", "est-timorais", "3!n14!n2!n");
        add("TN", "tunisien", "2!n3!n13!n2!n");
        add("TR", "turc", "5!n1!n16!c");
        add("UA", "ukrainien", "6!n19!c");
        add("VA", "du Vatican", "3!n15!n");
        add("VG", "des îles Vierges britanniques", "4!a16!n");
        add("XK", "kosovar", "4!n10!n2!n");
        add("YE", "yéménite", "4!a4!n18!c");
    }

    private IbanRegistry() {}

    private static void add(String code, String adjective, String structure) {
        List<Segment> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(structure);
        int end = 0;
        while (m.find() && m.start() == end) {
            segments.add(new Segment(Integer.parseInt(m.group(1)), m.group(2).charAt(0)));
            end = m.end();
        }
        if (end != structure.length()) {
            throw new IllegalStateException("BBAN structure of " + code + ": " + structure);
        }
        COUNTRIES.put(code, new Country(code, adjective, List.copyOf(segments)));
    }

    static Optional<Country> country(String code) {
        return Optional.ofNullable(COUNTRIES.get(code));
    }

    static Collection<Country> countries() {
        return Collections.unmodifiableCollection(COUNTRIES.values());
    }
}
