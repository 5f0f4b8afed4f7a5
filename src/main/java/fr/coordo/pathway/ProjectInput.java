package fr.coordo.pathway;

import java.time.LocalDate;
import java.util.List;

/**
 * What the coordinator types for a projet: the PCR type version, the planned start, the expected patients a
 * year, the territory, the payment channel and the team.
 */
public record ProjectInput(
        int pcrTypeVersionId,
        LocalDate plannedStart,
        Integer expectedPatients,
        String territory,
        PaymentChannel channel,
        List<MemberInput> members) {

    public ProjectInput {
        members = members == null ? List.of() : List.copyOf(members);
        channel = channel == null ? PaymentChannel.STRUCTURE : channel;
    }

    /** A professional of the structure in the projet's team: role and séquences (empty: every séquence). */
    public record MemberInput(int professionalId, String role, List<String> sequences) {
        public MemberInput {
            sequences = sequences == null ? List.of() : List.copyOf(sequences);
        }
    }

    public ProjectInput withMembers(List<MemberInput> newMembers) {
        return new ProjectInput(pcrTypeVersionId, plannedStart, expectedPatients, territory, channel, newMembers);
    }
}
