package fr.coordo.patient;

import java.time.LocalDate;
import java.util.List;

/** A patient as typed in the form: raw text, checked and normalised by {@link PatientService} before it is written. */
public record PatientInput(
        String birthName,
        String usageName,
        String firstNames,
        LocalDate birthDate,
        String sex,
        String nir,
        String address,
        String postalCode,
        String city,
        String phone,
        String email,
        String occupation,
        Integer physicianId,
        String outsidePhysician,
        String outsidePhysicianContact,
        boolean ald,
        String aldList,
        boolean apa,
        String pensionFund,
        boolean housingSearch,
        LocalDate consentPlanOn,
        String consentPlanForm,
        LocalDate consentSharingOn,
        String consentSharingForm,
        PatientStatus status,
        LocalDate statusOn,
        String notes,
        List<Contact> contacts) {

    public PatientInput {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    /** A new, empty input: a followed person with nothing known yet. */
    public static PatientInput blank() {
        return new PatientInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                false, null, false, null, false, null, null, null, null, PatientStatus.SUIVI, null, null, List.of());
    }

    /** The same input with the médecin traitant set to a team professional. */
    public PatientInput withPhysician(Integer id) {
        return new PatientInput(birthName, usageName, firstNames, birthDate, sex, nir, address, postalCode, city, phone, email,
                occupation, id, id == null ? outsidePhysician : null, id == null ? outsidePhysicianContact : null, ald, aldList, apa,
                pensionFund, housingSearch, consentPlanOn, consentPlanForm, consentSharingOn, consentSharingForm, status, statusOn,
                notes, contacts);
    }
}
