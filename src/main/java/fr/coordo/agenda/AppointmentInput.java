package fr.coordo.agenda;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the coordinator types for an appointment, or for a whole series when {@code recurrence} is set
 * ({@code start} and {@code end} are then those of the first occurrence, or of the edited one).
 * {@code patientId} is empty for a team meeting; {@code planId} and {@code actionUid} link it to an
 * action of the patient's plan.
 */
public record AppointmentInput(
        Integer patientId,
        List<Integer> professionalIds,
        LocalDateTime start,
        LocalDateTime end,
        AppointmentKind kind,
        Place place,
        String placeDetail,
        String title,
        Integer planId,
        String actionUid,
        String notesBefore,
        String notesAfter,
        Recurrence recurrence) {

    public AppointmentInput {
        professionalIds = professionalIds == null ? List.of() : List.copyOf(professionalIds);
    }

    /** A single appointment with the essentials; the rest is left empty. */
    public static AppointmentInput of(Integer patientId, List<Integer> professionalIds, LocalDateTime start, Duration length,
            AppointmentKind kind, Place place) {
        return new AppointmentInput(patientId, professionalIds, start, start == null ? null : start.plus(length), kind, place,
                null, null, null, null, null, null, null);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public AppointmentInput at(LocalDateTime newStart) {
        return new AppointmentInput(patientId, professionalIds, newStart, newStart.plus(length()), kind, place, placeDetail, title,
                planId, actionUid, notesBefore, notesAfter, recurrence);
    }

    public AppointmentInput withTimes(LocalDateTime newStart, LocalDateTime newEnd) {
        return new AppointmentInput(patientId, professionalIds, newStart, newEnd, kind, place, placeDetail, title, planId,
                actionUid, notesBefore, notesAfter, recurrence);
    }

    public AppointmentInput repeating(Recurrence rule) {
        return new AppointmentInput(patientId, professionalIds, start, end, kind, place, placeDetail, title, planId, actionUid,
                notesBefore, notesAfter, rule);
    }

    public AppointmentInput withProfessionals(List<Integer> ids) {
        return new AppointmentInput(patientId, ids, start, end, kind, place, placeDetail, title, planId, actionUid, notesBefore,
                notesAfter, recurrence);
    }

    public AppointmentInput withAction(Integer plan, String action) {
        return new AppointmentInput(patientId, professionalIds, start, end, kind, place, placeDetail, title, plan, action,
                notesBefore, notesAfter, recurrence);
    }

    public AppointmentInput withNotes(String before, String after) {
        return new AppointmentInput(patientId, professionalIds, start, end, kind, place, placeDetail, title, planId, actionUid,
                before, after, recurrence);
    }

    public AppointmentInput withTitle(String newTitle) {
        return new AppointmentInput(patientId, professionalIds, start, end, kind, place, placeDetail, newTitle, planId, actionUid,
                notesBefore, notesAfter, recurrence);
    }

    public AppointmentInput withPlace(Place newPlace, String detail) {
        return new AppointmentInput(patientId, professionalIds, start, end, kind, newPlace, detail, title, planId, actionUid,
                notesBefore, notesAfter, recurrence);
    }
}
