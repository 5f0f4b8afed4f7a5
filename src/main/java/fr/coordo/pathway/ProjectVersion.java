package fr.coordo.pathway;

import fr.coordo.team.PracticeMode;
import fr.coordo.team.Professional;
import fr.coordo.team.Professions;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One version of a projet de parcours as stored: what was (or will be) declared, the signatures and notifications,
 * the transmission and the ARS decision. The stored status never says « réputé validé »: {@link #status(LocalDate)}
 * works it out from the deadline.
 */
public record ProjectVersion(
        int id,
        int projectId,
        String reference,
        int version,
        PcrTypeVersion type,
        ProjectStatus storedStatus,
        LocalDate plannedStart,
        Integer expectedPatients,
        String territory,
        PaymentChannel channel,
        LocalDate representativeSignedOn,
        LocalDate transmittedOn,
        LocalDate decisionOn,
        String decisionNote,
        String changeReason,
        List<Member> members,
        OffsetDateTime createdAt,
        String createdBy) {

    /** The two months the ARS has to oppose: transmission + 2 calendar months, clamped to the month's end. */
    public static final int WINDOW_MONTHS = 2;

    public ProjectVersion {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** A member of the projet's team, with the professional as he is recorded (or was, in a transmitted dossier). */
    public record Member(int id, Professional professional, String role, List<String> sequences, LocalDate signedOn,
            LocalDate ordreNotifiedOn) {
        public Member {
            sequences = sequences == null ? List.of() : List.copyOf(sequences);
        }

        /** Who signs for him: the professional, or his employer when he is salaried (R.162-131). */
        public String signatoryName() {
            if (professional.practiceMode() == PracticeMode.SALARIE && professional.employerName() != null) {
                return professional.employerName();
            }
            return professional.displayName();
        }

        public String signatoryCapacity() {
            String profession = Professions.label(professional.professionCode());
            if (professional.practiceMode() == PracticeMode.SALARIE && professional.employerName() != null) {
                return "Employeur de " + professional.displayName() + " (" + profession + ")";
            }
            return profession;
        }

        /** Belongs to one of the seven professions with an Ordre, which the structure notifies (R.162-132). */
        public boolean needsOrdreNotification() {
            return ordre().isPresent();
        }

        public Optional<String> ordre() {
            return Professions.byCode(professional.professionCode()).map(p -> p.professionalOrder())
                    .filter(o -> o != null && !o.isBlank());
        }
    }

    /** The deadline of the ARS's window, or empty before transmission. */
    public Optional<LocalDate> deadline() {
        return Optional.ofNullable(transmittedOn).map(ProjectVersion::deadlineOf);
    }

    /** Transmission + 2 calendar months: 31 March → 31 May, 31 December → 28 or 29 February. */
    public static LocalDate deadlineOf(LocalDate transmittedOn) {
        return transmittedOn.plusMonths(WINDOW_MONTHS);
    }

    /** The status on {@code today}: a transmitted version past its deadline without decision is réputé validé. */
    public ProjectStatus status(LocalDate today) {
        if (storedStatus == ProjectStatus.TRANSMIS && transmittedOn != null && today.isAfter(deadlineOf(transmittedOn))) {
            return ProjectStatus.REPUTE_VALIDE;
        }
        return storedStatus;
    }

    /** Days left before the deadline (0 on the deadline itself), while the window is open; empty otherwise. */
    public Optional<Long> daysLeft(LocalDate today) {
        if (storedStatus != ProjectStatus.TRANSMIS || transmittedOn == null) {
            return Optional.empty();
        }
        LocalDate deadline = deadlineOf(transmittedOn);
        return today.isAfter(deadline) ? Optional.empty() : Optional.of(ChronoUnit.DAYS.between(today, deadline));
    }

    /**
     * The day from which this version lets episodes start: the ARS's validation, or the day after the deadline
     * when the ARS stayed silent; empty when it does not (yet) authorise anything.
     */
    public Optional<LocalDate> authorisedFrom() {
        if (storedStatus == ProjectStatus.VALIDE) {
            return Optional.of(decisionOn);
        }
        if (storedStatus == ProjectStatus.TRANSMIS && transmittedOn != null) {
            return Optional.of(deadlineOf(transmittedOn).plusDays(1));
        }
        return Optional.empty();
    }

    public Optional<Member> member(int professionalId) {
        return members.stream().filter(m -> m.professional().id() == professionalId).findFirst();
    }

    public ProjectVersion withMembers(List<Member> newMembers) {
        return new ProjectVersion(id, projectId, reference, version, type, storedStatus, plannedStart, expectedPatients, territory,
                channel, representativeSignedOn, transmittedOn, decisionOn, decisionNote, changeReason, newMembers, createdAt, createdBy);
    }

    ProjectVersion withTransmission(ProjectStatus status, LocalDate on) {
        return new ProjectVersion(id, projectId, reference, version, type, status, plannedStart, expectedPatients, territory,
                channel, representativeSignedOn, on, decisionOn, decisionNote, changeReason, members, createdAt, createdBy);
    }

    /** « PP-2026-001 v2 ». */
    public String displayReference() {
        return reference + " v" + version;
    }
}
