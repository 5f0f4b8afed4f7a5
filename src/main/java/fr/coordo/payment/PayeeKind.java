package fr.coordo.payment;

/** Who receives a share: the professional, his employer (salaried professional), or the structure (coordination). */
public enum PayeeKind {
    PROFESSIONNEL("Professionnel"), EMPLOYEUR("Employeur"), STRUCTURE("Structure");

    private final String label;

    PayeeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
