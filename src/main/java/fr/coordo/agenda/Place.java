package fr.coordo.agenda;

import fr.coordo.plan.Labels;

/** Where an appointment takes place. */
public enum Place implements Labels {
    MSP("Maison de santé"), DOMICILE("Domicile"), TELECONSULTATION("Téléconsultation"), TELESOIN("Télésoin"),
    EXTERIEUR("Extérieur");

    private final String label;

    Place(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Remote appointments: no room is taken, no one travels. */
    public boolean remote() {
        return this == TELECONSULTATION || this == TELESOIN;
    }
}
