package fr.coordo.team;

/** The structure's identity as typed in Paramètres; checked by {@link StructureService}. */
public record StructureInput(
        String name,
        String legalForm,
        String category,
        String siren,
        String siret,
        String finess,
        String address,
        String postalCode,
        String city,
        String departmentCode,
        String arsRegion,
        String cpam,
        String legalRepresentative,
        String coordinators,
        String phone,
        String email,
        String iban,
        String bic) {

    /** The same input with département, ARS region and CPAM taken from the postal code where they are empty. */
    public StructureInput withDefaultsFromPostalCode() {
        var dept = Departments.ofPostalCode(postalCode);
        if (dept.isEmpty()) {
            return this;
        }
        var d = dept.get();
        return new StructureInput(name, legalForm, category, siren, siret, finess, address, postalCode, city,
                blank(departmentCode) ? d.code() : departmentCode, blank(arsRegion) ? d.region() : arsRegion,
                blank(cpam) ? d.cpam() : cpam, legalRepresentative, coordinators, phone, email, iban, bic);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
