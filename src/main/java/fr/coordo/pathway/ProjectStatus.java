package fr.coordo.pathway;

/**
 * Where a version of a projet de parcours stands. {@link #REPUTE_VALIDE} is never stored: it is a transmitted
 * version whose two-month window ended without an opposition (silence vaut non-opposition, R.162-134).
 */
public enum ProjectStatus {
    BROUILLON("Brouillon"),
    PRET("Prêt à signer"),
    SIGNE("Signé"),
    TRANSMIS("Transmis"),
    OPPOSE("Opposé"),
    VALIDE("Validé"),
    REPUTE_VALIDE("Réputé validé");

    private final String label;

    ProjectStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Sent to the ARS and the CPAM: the version is frozen, any change makes a new one. */
    public boolean isTransmitted() {
        return this == TRANSMIS || this == OPPOSE || this == VALIDE || this == REPUTE_VALIDE;
    }

    /** Episodes of the PCR may start (R.162-137). */
    public boolean authorises() {
        return this == VALIDE || this == REPUTE_VALIDE;
    }
}
