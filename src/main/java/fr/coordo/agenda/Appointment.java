package fr.coordo.agenda;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An appointment as stored: a single one, or one occurrence of a series ({@code series} set, with the
 * occurrence's slot in {@code recurrenceId} — the time it had before it was moved, if it was).
 */
public record Appointment(
        int id,
        String uid,
        Series series,
        LocalDateTime recurrenceId,
        AppointmentStatus status,
        AppointmentInput data,
        String patientName,
        List<Participant> professionals,
        String conflictReason) {

    /** A series: its iCalendar UID, its rule and its first slot. */
    public record Series(int id, String uid, Recurrence rule, LocalDateTime firstStart) {}

    /** A professional taking part, named as the team list names him. */
    public record Participant(int id, String name, String profession, String rpps) {}

    public LocalDateTime start() {
        return data.start();
    }

    public LocalDateTime end() {
        return data.end();
    }

    public LocalDate day() {
        return data.start().toLocalDate();
    }

    public boolean isOccurrence() {
        return series != null;
    }

    /** An occurrence moved away from its slot in the series. */
    public boolean moved() {
        return recurrenceId != null && !recurrenceId.equals(data.start());
    }

    public String patientReference() {
        return data.patientId() == null ? null : fr.coordo.patient.Patient.reference(data.patientId());
    }

    /** What the agenda shows in a block: the title, or the kind and the person. */
    public String headline() {
        String what = data.title() != null ? data.title() : data.kind().label();
        return patientName == null ? what : what + " — " + patientName;
    }

    public String professionalNames() {
        return String.join(", ", professionals.stream().map(Participant::name).toList());
    }
}
