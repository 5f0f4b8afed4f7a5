package fr.coordo.plan;

import fr.coordo.team.Professional;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * One row of the action plan. {@code part} keeps care and support apart, so that the care part can be
 * withheld from social actors; {@code uid} stays the same across versions.
 */
public record Action(String uid, Part part, Kind kind, String objectiveUid, String label, Actor actor, Integer professionalId,
                     String actorName, LocalDate startOn, String frequency, LocalDate dueOn, String criterion, Status status,
                     String reason, String result) {

    public enum Part implements Labels {
        SOINS("Plan de soins"), AIDES("Plan d'aides");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** Considered in this order, as the HAS model asks. */
    public enum Kind implements Labels {
        PREVENTION("Prévention"), SOINS("Soins"), ACCOMPAGNEMENT("Accompagnement / aides");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** Who carries the action out. */
    public enum Actor implements Labels {
        PROFESSIONNEL("Professionnel de l'équipe"), EXTERIEUR("Intervenant extérieur"), PERSONNE("La personne"), AIDANT("Aidant");

        private final String label;

        Actor(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public enum Status implements Labels {
        PREVUE("Prévue"), EN_COURS("En cours"), REALISEE("Réalisée"), ABANDONNEE("Abandonnée");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        public boolean isOpen() {
            return this == PREVUE || this == EN_COURS;
        }
    }

    /** Who carries it out, as the window and the printed plan show it; {@code team} finds a professional by id. */
    public String who(Function<Integer, Optional<Professional>> team) {
        boolean named = actorName != null && !actorName.isBlank();
        return switch (actor) {
            case PROFESSIONNEL -> team.apply(professionalId).map(p -> p.firstName() + " " + p.lastName()).orElse(Actor.PROFESSIONNEL.label());
            case EXTERIEUR -> named ? actorName.strip() : "";
            case PERSONNE -> "La personne" + (named ? " (" + actorName.strip() + ")" : "");
            case AIDANT -> (named ? actorName.strip() + " " : "") + "(aidant)";
        };
    }

    /** The same action with another status and result: progress recorded during follow-up (an abandonment's result is its reason). */
    public Action withProgress(Status newStatus, String newResult) {
        String why = newStatus == Status.ABANDONNEE && (reason == null || reason.isBlank()) ? newResult : reason;
        return new Action(uid, part, kind, objectiveUid, label, actor, professionalId, actorName, startOn, frequency, dueOn, criterion,
                newStatus, why, newResult == null ? result : newResult);
    }
}
