package fr.coordo.team;

import java.time.LocalDate;

/**
 * A professional as typed in the form or read from a spreadsheet row: raw text, checked and
 * normalised by {@link TeamService} before anything is written.
 */
public record ProfessionalInput(
        String civility,
        String lastName,
        String firstName,
        String professionCode,
        String specialty,
        String rpps,
        String adeli,
        String amNumber,
        LocalDate amRequestedOn,
        boolean conventioned,
        LocalDate cpamContractSignedOn,
        PracticeMode practiceMode,
        String employerName,
        String employerSiret,
        String phone,
        String email,
        String mssante,
        String iban,
        String bic,
        String notes) {

    /** A new, empty input: libéral and conventionné, as most members are. */
    public static ProfessionalInput blank() {
        return new ProfessionalInput(null, null, null, null, null, null, null, null, null, true, null,
                PracticeMode.LIBERAL, null, null, null, null, null, null, null, null);
    }
}
