package fr.coordo.agenda;

/** Something to warn about before saving an appointment; the user may keep it with a reason. */
public record Conflict(Kind kind, String message) {
    public enum Kind {
        PROFESSIONNEL_OCCUPE, PATIENT_OCCUPE, HORS_EQUIPE, HORS_HORAIRES
    }
}
