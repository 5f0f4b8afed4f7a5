package fr.coordo.pathway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The PCR types shipped with Coordo ({@code resources/reference/pcr/*.json}) and the JSON form every stored
 * version keeps. Jackson reads the records as they are: the file format is the {@link PcrType} record.
 */
public final class PcrCatalogue {
    /** The shipped files, in the order the catalogue lists them. */
    static final List<String> FILES = List.of(
            "obesite-complexe-adulte.json",
            "sante-protegee.json",
            "readaptation-respiratoire.json",
            "addictions.json",
            "aides-techniques.json");

    /** Also writes the declarations kept at transmission (dates as ISO text). */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private PcrCatalogue() {}

    /** The types shipped with this release of Coordo. */
    public static List<PcrType> shipped() {
        return Shipped.TYPES;
    }

    /** Read once: the files are part of the application and never change while it runs. */
    private static final class Shipped {
        static final List<PcrType> TYPES = read();
    }

    private static List<PcrType> read() {
        List<PcrType> types = new ArrayList<>();
        for (String file : FILES) {
            String resource = "/reference/pcr/" + file;
            try (InputStream in = PcrCatalogue.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " missing from the application");
                }
                types.add(JSON.readValue(in, PcrType.class));
            } catch (IOException e) {
                throw new UncheckedIOException(resource + " is not a valid PCR type", e);
            }
        }
        return List.copyOf(types);
    }

    /**
     * Whether two definitions say the same thing: 1126, 1126.0 and 1126.00 are one amount, so retyping a
     * figure the French way does not make a new version.
     */
    public static boolean sameDefinition(PcrType a, PcrType b) {
        JsonNode left = JSON.valueToTree(a);
        JsonNode right = JSON.valueToTree(b);
        return left.equals(NUMBERS_BY_VALUE, right);
    }

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };

    static String toJson(PcrType type) {
        try {
            return JSON.writeValueAsString(type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a PCR type always serialises", e);
        }
    }

    static PcrType fromJson(String json) {
        try {
            return JSON.readValue(json, PcrType.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored PCR type definition unreadable", e);
        }
    }
}
