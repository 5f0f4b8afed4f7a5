package fr.coordo.team;

/** Mode d'exercice: a salaried professional's employer signs the projet de parcours instead of him. */
public enum PracticeMode {
    LIBERAL("Libéral"), SALARIE("Salarié");

    private final String label;

    PracticeMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
