package fr.coordo.team;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A professional as stored, with the period of his latest membership of the team. */
public record Professional(
        int id,
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
        String notes,
        String confirmedKeys,
        LocalDate memberSince,
        LocalDate memberUntil) {

    public String displayName() {
        return lastName + " " + firstName;
    }

    public String professionLabel() {
        return Professions.label(professionCode);
    }

    /** Has left the team: the latest membership ended before {@code day}. */
    public boolean isFormer(LocalDate day) {
        return memberUntil != null && memberUntil.isBefore(day);
    }

    /** Member on {@code day}: his latest membership has started and not ended. */
    public boolean isActive(LocalDate day) {
        return memberSince != null && !memberSince.isAfter(day) && (memberUntil == null || !memberUntil.isBefore(day));
    }

    /** What the record still lacks for a PCR declaration or a payment, in French; empty when complete. */
    public List<String> missingForPcr() {
        List<String> missing = new ArrayList<>();
        if (rpps == null) {
            missing.add("RPPS");
        }
        if (amNumber == null && amRequestedOn == null) {
            missing.add("numéro AM");
        }
        if (!conventioned && cpamContractSignedOn == null) {
            missing.add("contrat CPAM");
        }
        if (practiceMode == PracticeMode.SALARIE && employerName == null) {
            missing.add("employeur");
        }
        if (iban == null) {
            missing.add("IBAN");
        }
        return missing;
    }

    /** The input that would recreate this record, for editing. */
    public ProfessionalInput toInput() {
        return new ProfessionalInput(civility, lastName, firstName, professionCode, specialty, rpps, adeli, amNumber,
                amRequestedOn, conventioned, cpamContractSignedOn, practiceMode, employerName, employerSiret, phone, email,
                mssante, iban, bic, notes);
    }
}
