package fr.coordo.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A patient's plan with all its versions and its follow-up. */
public record Plan(int id, String reference, int patientId, String patientName, OffsetDateTime createdAt, String createdBy,
                   LocalDate closedOn, String closedReason, String closedBy, List<PlanVersion> versions, List<Step> steps,
                   List<ActionUpdate> updates) {

    /** Where the plan stands, for lists and the dashboard. */
    public enum State implements Labels {
        BROUILLON("Brouillon"), VALIDE("Validé"), EN_REVISION("En révision"), CLOTURE("Clôturé");

        private final String label;

        State(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public State state() {
        if (closedOn != null) {
            return State.CLOTURE;
        }
        if (validated().isPresent()) {
            return draft().isPresent() ? State.EN_REVISION : State.VALIDE;
        }
        return State.BROUILLON;
    }

    public boolean isOpen() {
        return closedOn == null;
    }

    public Optional<PlanVersion> draft() {
        return versions.stream().filter(PlanVersion::isDraft).findFirst();
    }

    /** The version in force: the last one validated. */
    public Optional<PlanVersion> validated() {
        return versions.stream().filter(v -> v.status() == PlanVersion.Status.VALIDE).findFirst();
    }

    /** The version to show first: the one being written, else the one in force. */
    public PlanVersion current() {
        return draft().or(this::validated).orElse(versions.getLast());
    }

    public Optional<PlanVersion> version(int number) {
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    /** The actions of the version in force with the progress recorded since its validation. */
    public List<Action> followedActions() {
        Optional<PlanVersion> v = validated();
        if (v.isEmpty()) {
            return List.of();
        }
        // A revision copies the progress recorded before it was opened; what came later applies on top.
        Map<String, ActionUpdate> latest = new HashMap<>();
        for (ActionUpdate u : updates) {
            if (!u.recordedAt().isBefore(v.get().createdAt())) {
                latest.put(u.actionUid(), u);
            }
        }
        return v.get().content().actions().stream().map(a -> {
            ActionUpdate u = latest.get(a.uid());
            return u == null ? a : a.withProgress(u.status(), u.result());
        }).toList();
    }
}
