package fr.coordo.team;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Départements with their region (hence the competent ARS) and default CPAM. */
public final class Departments {
    /** A département of {@code resources/reference/departements.csv}. */
    public record Department(String code, String name, String region, String cpam) {
        public String ars() {
            return "ARS " + region;
        }
    }

    private static final Map<String, Department> BY_CODE = load();

    private Departments() {}

    public static List<Department> all() {
        return List.copyOf(BY_CODE.values());
    }

    public static Optional<Department> byCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /** The département of a French postal code: two digits, three overseas, 2A/2B for Corsica. */
    public static Optional<Department> ofPostalCode(String postalCode) {
        if (postalCode == null || !postalCode.strip().matches("\\d{5}")) {
            return Optional.empty();
        }
        String pc = postalCode.strip();
        if (pc.startsWith("97")) {
            return byCode(pc.substring(0, 3));
        }
        if (pc.startsWith("20")) {
            return byCode(Integer.parseInt(pc.substring(0, 3)) < 202 ? "2A" : "2B");
        }
        return byCode(pc.substring(0, 2));
    }

    private static Map<String, Department> load() {
        Map<String, Department> map = new LinkedHashMap<>();
        for (String[] f : ReferenceData.rows("/reference/departements.csv")) {
            map.put(f[0], new Department(f[0], f[1], f[2], f[3]));
        }
        return map;
    }
}
