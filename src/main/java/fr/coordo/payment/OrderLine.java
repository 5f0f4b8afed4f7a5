package fr.coordo.payment;

import java.time.LocalDate;

/** One line of an issued order, as copied at issue: (episode, séquence, payee). Negative in a cancelling order. */
public record OrderLine(
        int position,
        int episodeId,
        String episodeReference,
        String sequenceCode,
        String sequenceLabel,
        LocalDate serviceStart,
        LocalDate serviceEnd,
        long dueCents,
        int patientId,
        String patientLastName,
        String patientFirstName,
        LocalDate patientBirthDate,
        String patientNir,
        Integer professionalId,
        String professionalName,
        String professionCode,
        String rpps,
        String amNumber,
        PayeeKind payeeKind,
        String payeeName,
        String iban,
        String bic,
        int activityCount,
        long amountCents) {

    public boolean isCoordination() {
        return professionalId == null;
    }
}
