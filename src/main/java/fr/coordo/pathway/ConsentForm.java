package fr.coordo.pathway;

/** How the patient consented to the parcours and to the sharing of his health data. */
public enum ConsentForm {
    ECRIT("Écrit, signé par le patient"),
    ORAL("Oral, tracé dans le dossier");

    private final String label;

    ConsentForm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
