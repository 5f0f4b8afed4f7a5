package fr.coordo.pathway;

import java.time.LocalDate;
import java.util.List;

/**
 * The inclusion decision (R.162-138) as typed: the patient, the projet, the profile and the criteria ticked, the
 * professional of the structure who decides, the doctor who validates (a doctor of the team, or an outside one
 * with name and RPPS; a deciding doctor validates himself), the information and the consent.
 */
public record InclusionInput(
        int patientId,
        int projectId,
        String profileCode,
        List<String> criteria,
        int decidedById,
        Integer validatingDoctorId,
        String externalDoctorName,
        String externalDoctorRpps,
        LocalDate decidedOn,
        LocalDate informedOn,
        LocalDate consentOn,
        ConsentForm consentForm,
        boolean overseas) {

    public InclusionInput {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }
}
