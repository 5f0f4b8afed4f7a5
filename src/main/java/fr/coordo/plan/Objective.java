package fr.coordo.plan;

import java.time.LocalDate;

/** A shared objective negotiated with the person; a not-achieved one keeps its reason. */
public record Objective(String uid, String problemUid, String label, String criterion, LocalDate targetOn, Status status, String reason) {

    public enum Status implements Labels {
        EN_COURS("En cours"), ATTEINT("Atteint"), NON_ATTEINT("Non atteint");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
