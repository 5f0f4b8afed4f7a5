package fr.coordo.payment;

/**
 * The outcome of a check that did not pass: a French sentence naming the episode and the person. A blocking
 * finding stops the issue; a warning must be confirmed by the coordinator.
 *
 * @param unitKey the payable unit concerned ({@link PayableUnit#key()}), or null for the whole period
 * @param professionalId the professional concerned, or null
 */
public record Finding(PaymentCheck check, boolean blocking, String unitKey, String episodeReference, Integer professionalId,
        String message) {

    static Finding blocking(PaymentCheck check, PayableUnit unit, Integer professionalId, String message) {
        return new Finding(check, true, unit == null ? null : unit.key(), unit == null ? null : unit.episodeReference(), professionalId, message);
    }

    static Finding warning(PaymentCheck check, PayableUnit unit, Integer professionalId, String message) {
        return new Finding(check, false, unit == null ? null : unit.key(), unit == null ? null : unit.episodeReference(), professionalId, message);
    }
}
