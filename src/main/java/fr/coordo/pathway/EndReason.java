package fr.coordo.pathway;

/** How an episode ended. */
public enum EndReason {
    TERMINE("Parcours terminé"),
    INTERROMPU("Interrompu"),
    RETRAIT("Retrait du patient"),
    DECES("Décès");

    private final String label;

    EndReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
