package fr.coordo.plan;

/** The four dimensions of the global evaluation. */
public enum Dimension implements Labels {
    MEDICALE("Médicale"), PSYCHOLOGIQUE("Psychologique"), SOCIALE("Sociale"), ENVIRONNEMENTALE("Environnementale et fonctionnelle");

    private final String label;

    Dimension(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
