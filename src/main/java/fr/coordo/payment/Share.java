package fr.coordo.payment;

import fr.coordo.pathway.PcrType;
import fr.coordo.team.Professional;
import java.math.BigDecimal;

/**
 * One line of a unit's split: a professional's share (or the coordination share when {@code professional} is null),
 * with the activity the agenda records for him with the patient during the service dates.
 *
 * @param percent the share of the amount due, in % (two decimals)
 * @param residue this line took the rounding residue of the split
 */
public record Share(Professional professional, long amountCents, BigDecimal percent, int activityCount, boolean residue,
        PayeeKind payeeKind, String payeeName, String iban, String bic) {

    public boolean isCoordination() {
        return professional == null;
    }

    public Integer professionalId() {
        return professional == null ? null : professional.id();
    }

    /** « MARTIN Paul (Diététicien) », « Coordination ». */
    public String partyText() {
        return professional == null ? PcrType.partyLabel(PcrType.COORDINATION)
                : professional.displayName() + " (" + professional.professionLabel() + ")";
    }
}
