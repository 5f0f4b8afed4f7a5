package fr.coordo.pathway;

import fr.coordo.team.Professional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A patient's episode of a PCR: the inclusion decision that opened it, its séquences with planned and actual
 * dates, and its end.
 */
public record Episode(
        int id,
        String reference,
        int patientId,
        String patientName,
        int projectId,
        String projectReference,
        PcrTypeVersion type,
        String profileCode,
        List<String> criteria,
        Professional decidedBy,
        Professional validatingDoctor,
        String externalDoctorName,
        String externalDoctorRpps,
        LocalDate decidedOn,
        LocalDate informedOn,
        LocalDate consentOn,
        ConsentForm consentForm,
        boolean overseas,
        LocalDate startOn,
        LocalDate endOn,
        EndReason endReason,
        String endNote,
        List<EpisodeSequence> sequences,
        OffsetDateTime createdAt,
        String createdBy) {

    public Episode {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        sequences = sequences == null ? List.of() : List.copyOf(sequences);
    }

    /** Where the episode stands. */
    public enum State {
        INCLUS("Inclus, non commencé"),
        EN_COURS("En cours"),
        CLOS("Clos");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One séquence of the episode, with its planned and actual dates. */
    public record EpisodeSequence(int id, int position, String code, String label, LocalDate plannedStart,
            LocalDate plannedEnd, LocalDate actualStart, LocalDate actualEnd) {}

    public State state() {
        if (endOn != null) {
            return State.CLOS;
        }
        return startOn == null ? State.INCLUS : State.EN_COURS;
    }

    public String profileLabel() {
        return type.type().profile(profileCode).map(PcrType.Profile::label).orElse(profileCode);
    }

    /** The séquence under way: started and not ended, else the next one planned. */
    public Optional<EpisodeSequence> currentSequence() {
        if (state() != State.EN_COURS) {
            return Optional.empty();
        }
        return sequences.stream().filter(s -> s.actualStart() != null && s.actualEnd() == null).findFirst()
                .or(() -> sequences.stream().filter(s -> s.actualEnd() == null).findFirst());
    }

    /** The validating doctor as printed: « Dr NOM Prénom (RPPS 10…) », inside or outside the structure. */
    public String validatingDoctorText() {
        if (validatingDoctor != null) {
            return validatingDoctor.displayName() + (validatingDoctor.rpps() == null ? "" : " (RPPS " + validatingDoctor.rpps() + ")");
        }
        return externalDoctorName + " (RPPS " + externalDoctorRpps + "), médecin extérieur à la structure";
    }
}
