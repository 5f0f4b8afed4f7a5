package fr.coordo.patient;

import java.time.LocalDate;

/** One line of the patient list: enough to recognise the person, with the NIR already masked. */
public record PatientSummary(int id, String name, LocalDate birthDate, String sex, String maskedNir, String city,
                             PatientStatus status, String physician) {

    public String reference() {
        return Patient.reference(id);
    }
}
