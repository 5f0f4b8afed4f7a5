package fr.coordo.payment;

import fr.coordo.pathway.Episode;
import fr.coordo.pathway.PaymentChannel;
import java.time.LocalDate;
import java.util.List;

/**
 * What one forfait pays for: an episode, or one séquence of it when the PCR type splits the forfait by séquence
 * ({@code sequenceCode} empty otherwise). Payable once its service has ended; its amount due is the forfait of
 * the profile with the overseas surcharge, minus the patient participation.
 *
 * @param dueCents null while an amount or a rate of the type is « à compléter »
 * @param modulated the coordinator changed the type's default split
 * @param paidBy the number of the order that pays it, or null
 */
public record PayableUnit(
        Episode episode,
        String sequenceCode,
        String sequenceLabel,
        LocalDate serviceStart,
        LocalDate serviceEnd,
        PaymentChannel channel,
        Long forfaitCents,
        Long surchargeCents,
        Long participationCents,
        Long dueCents,
        List<Share> shares,
        boolean modulated,
        String splitNote,
        String paidBy,
        PatientDetails patient) {

    public PayableUnit {
        shares = List.copyOf(shares);
    }

    /** The patient as an order needs him. */
    public record PatientDetails(int id, String lastName, String firstName, LocalDate birthDate, String nir) {}

    /** « 12:S1 »: the episode id and séquence code, unique among units. */
    public String key() {
        return key(episode.id(), sequenceCode);
    }

    static String key(int episodeId, String sequenceCode) {
        return episodeId + ":" + sequenceCode;
    }

    public String episodeReference() {
        return episode.reference();
    }

    public long sharesTotal() {
        return shares.stream().mapToLong(Share::amountCents).sum();
    }

    /** « EP-2026-0004 (DUPONT Marie), séquence « Phase 1 » »: how a finding names the unit. */
    public String subject() {
        String base = episode.reference() + " (" + episode.patientName() + ")";
        return sequenceCode.isEmpty() ? base : base + ", séquence « " + sequenceLabel + " »";
    }

    /** What the issue compares with the preparation the coordinator reviewed. */
    String signature() {
        StringBuilder s = new StringBuilder(key()).append('|').append(dueCents).append('|').append(channel)
                .append('|').append(serviceStart).append('|').append(serviceEnd);
        for (Share share : shares) {
            s.append('|').append(share.professionalId()).append('=').append(share.amountCents());
        }
        return s.toString();
    }
}
