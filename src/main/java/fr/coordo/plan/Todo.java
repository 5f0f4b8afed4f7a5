package fr.coordo.plan;

import java.time.LocalDate;
import java.util.List;

/** What the coordinator has to do, as the dashboard lists it each morning. Every line names its patient. */
public record Todo(List<LateAction> lateActions, List<Review> reviews, List<Draft> drafts, List<NoConsent> withoutConsent) {

    /** An action of a plan in force whose due date has passed while it is still planned or running. */
    public record LateAction(int patientId, String patientName, int planId, String reference, String actionUid, String action, Action.Part part,
                             LocalDate dueOn, long daysLate, String who) {}

    /** A re-evaluation due within the window (daysLeft ≥ 0) or late (daysLeft < 0). */
    public record Review(int patientId, String patientName, int planId, String reference, int version, LocalDate dueOn, long daysLeft) {
        public boolean late() {
            return daysLeft < 0;
        }
    }

    /** A version written but not validated yet. */
    public record Draft(int patientId, String patientName, int planId, String reference, int version, LocalDate startedOn, long ageDays) {}

    /** A patient with an open plan and no recorded consent to it. */
    public record NoConsent(int patientId, String patientName, int planId, String reference) {}

    public boolean isEmpty() {
        return lateActions.isEmpty() && reviews.isEmpty() && drafts.isEmpty() && withoutConsent.isEmpty();
    }
}
