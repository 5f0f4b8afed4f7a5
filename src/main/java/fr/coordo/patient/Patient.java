package fr.coordo.patient;

import fr.coordo.identity.Nir;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;

/**
 * A patient as stored: the fields of the form, and the médecin traitant's name as the team knows it
 * ({@code physicianName}, null when none is set).
 */
public record Patient(int id, PatientInput data, String physicianName) {
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** The reference used on the command line and in exports: never the NIR. */
    public String reference() {
        return reference(id);
    }

    public static String reference(int id) {
        return String.format("P%06d", id);
    }

    /** « DURAND (née MARTIN) Éloïse » style: usage name first, birth name when different. */
    public String displayName() {
        return displayName(data.birthName(), data.usageName(), data.firstNames(), data.sex());
    }

    public static String displayName(String birthName, String usageName, String firstNames, String sex) {
        boolean hasUsage = usageName != null && !usageName.isBlank() && !usageName.equalsIgnoreCase(birthName);
        String first = firstNames == null ? "" : " " + firstNames;
        if (hasUsage) {
            return usageName.toUpperCase(java.util.Locale.FRENCH) + " (" + ("F".equals(sex) ? "née " : "né ")
                    + birthName.toUpperCase(java.util.Locale.FRENCH) + ")" + first;
        }
        return birthName.toUpperCase(java.util.Locale.FRENCH) + first;
    }

    /** The NIR masked for lists and printouts, or an empty string. */
    public String maskedNir() {
        return maskedNir(data.nir());
    }

    public static String maskedNir(String nir) {
        if (nir == null || nir.isBlank()) {
            return "";
        }
        return Nir.check(nir).usableValue().map(Nir::masked).orElse("");
    }

    public int age(LocalDate today) {
        return Period.between(data.birthDate(), today).getYears();
    }

    public String birthDateText() {
        return data.birthDate().format(FR_DATE);
    }

    /** The médecin traitant, from the team or outside, or null when none is known. */
    public String physician() {
        if (physicianName != null) {
            return physicianName;
        }
        if (data.outsidePhysician() != null && !data.outsidePhysician().isBlank()) {
            return data.outsidePhysician();
        }
        return null;
    }

    public boolean hasPlanConsent() {
        return data.consentPlanOn() != null;
    }
}
