package fr.coordo.patient;

/** Where the person stands with the structure. */
public enum PatientStatus {
    SUIVI("Suivi"), SORTI("Sorti"), DECEDE("Décédé");

    private final String label;

    PatientStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
