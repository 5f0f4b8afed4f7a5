package fr.coordo.plan;

import java.time.LocalDate;

/** A point d'étape of the follow-up; {@code feedbackToPhysician} when it was sent to the médecin traitant. */
public record Step(int id, LocalDate on, String author, String note, boolean feedbackToPhysician) {}
