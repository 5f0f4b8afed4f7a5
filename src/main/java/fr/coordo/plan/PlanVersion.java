package fr.coordo.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One version of a plan: a draft while written, then frozen once validated. */
public record PlanVersion(int id, int version, Status status, PlanContent content, String revisionReason, String physicianAtValidation,
                          LocalDate validatedOn, OffsetDateTime validatedAt, String validatedBy, OffsetDateTime createdAt, String createdBy) {

    public enum Status implements Labels {
        BROUILLON("Brouillon"), VALIDE("Validé"), REMPLACE("Remplacé");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public boolean isDraft() {
        return status == Status.BROUILLON;
    }
}
