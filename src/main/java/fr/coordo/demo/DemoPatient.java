package fr.coordo.demo;

import fr.coordo.patient.Contact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A patient while the demo invents him: identity first, then the record, then what his plan needs. */
final class DemoPatient {
    int id;
    boolean woman;
    String birthName;
    String usageName;
    String firstNames;
    LocalDate birth;
    int age;
    String[] commune;
    String nir;
    String address;
    String phone;
    Integer physicianId;
    String outsidePhysician;
    String outsidePhysicianContact;
    String email;
    String occupation;
    boolean ald;
    String aldList;
    boolean apa;
    String pensionFund;
    boolean housingSearch;
    LocalDate consentPlanOn;
    String consentPlanForm;
    LocalDate consentSharingOn;
    String consentSharingForm;
    String status = "SUIVI";
    LocalDate statusOn;
    String notes;
    final List<Contact> contacts = new ArrayList<>();
    /** Set when the person has a plan. */
    boolean hasPlan;

    String city() {
        return commune[1];
    }

    /** The first name in use: the first of the first names. */
    String firstName() {
        int space = firstNames.indexOf(' ');
        return space < 0 ? firstNames : firstNames.substring(0, space);
    }

    /** The family name the person goes by. */
    String familyName() {
        return usageName != null ? usageName : birthName;
    }

    Contact caregiver() {
        return contacts.stream().filter(c -> c.kind() == Contact.Kind.AIDANT).findFirst().orElse(null);
    }
}
