package fr.coordo.agenda;

import fr.coordo.plan.Labels;

/** Which occurrences of a series an edit applies to. */
public enum Scope implements Labels {
    THIS("Ce rendez-vous seulement"), FOLLOWING("Celui-ci et les suivants"), ALL("Toute la série");

    private final String label;

    Scope(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
