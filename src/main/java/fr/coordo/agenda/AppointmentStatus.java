package fr.coordo.agenda;

import fr.coordo.plan.Labels;

/** Where an appointment stands. Only a planned appointment counts as busy once cancelled ones are set aside. */
public enum AppointmentStatus implements Labels {
    PREVU("Prévu"), REALISE("Réalisé"), ANNULE("Annulé"), NON_HONORE("Non honoré");

    private final String label;

    AppointmentStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether the appointment took or takes the time of the people in it. */
    public boolean occupies() {
        return this == PREVU || this == REALISE;
    }

    /** Whether the appointment's date has been lived: a series edit never rewrites it. */
    public boolean settled() {
        return this == REALISE || this == NON_HONORE;
    }
}
