package fr.coordo.agenda;

import fr.coordo.plan.Labels;

/** What an appointment is for. */
public enum AppointmentKind implements Labels {
    CONSULTATION("Consultation"), SEANCE("Séance"), VISITE("Visite à domicile"), BILAN("Bilan / évaluation"),
    ETP("Éducation thérapeutique"), RCP("Réunion de concertation pluriprofessionnelle"), REUNION("Réunion d'équipe"),
    AUTRE("Autre");

    private final String label;

    AppointmentKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
