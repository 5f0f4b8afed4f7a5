package fr.coordo.plan;

import fr.coordo.patient.Patient;
import fr.coordo.team.Professional;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the plan PDF is built from, read once: {@link PlanPdf} turns it into bytes without touching the
 * database, so the same snapshot always gives the same document.
 *
 * @param plan          the plan with all its versions, its follow-up and the progress of its actions
 * @param version       the version printed (one of the plan's)
 * @param patient       the person, as known today (contacts, rights, consent)
 * @param team          every professional, current and former: names, professions and phones of those involved
 * @param structureName the structure printing the plan, or null
 */
public record PlanSnapshot(Plan plan, PlanVersion version, Patient patient, List<Professional> team, String structureName) {

    public PlanSnapshot {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(patient, "patient");
        team = team == null ? List.of() : List.copyOf(team);
    }

    /** The version in force, else the draft: what « print the plan » means when no version is named. */
    public static PlanVersion defaultVersion(Plan plan) {
        return plan.validated().or(plan::draft).orElse(plan.versions().getLast());
    }

    public boolean isInForce() {
        return version.status() == PlanVersion.Status.VALIDE;
    }

    /** The actions as printed: those of the version in force carry the progress recorded since its validation. */
    public List<Action> actions() {
        return isInForce() ? plan.followedActions() : version.content().actions();
    }

    /**
     * The points d'étape known when this version was in use: all of them for the version in force or a draft,
     * those before its successor's validation for a replaced version.
     */
    public List<Step> steps() {
        return successor().map(n -> plan.steps().stream().filter(s -> s.on().isBefore(n.validatedOn())).toList())
                .orElse(plan.steps());
    }

    /** The version that replaced this one, if it was replaced. */
    public Optional<PlanVersion> successor() {
        if (version.status() != PlanVersion.Status.REMPLACE) {
            return Optional.empty();
        }
        return plan.versions().stream().filter(v -> v.version() > version.version() && v.validatedOn() != null).findFirst();
    }

    /**
     * The médecin traitant of this version: the one recorded at validation for a validated or replaced version
     * (he stays, even if the person has changed doctor since), the person's current one for a draft.
     */
    public String physician() {
        if (version.validatedOn() != null) {
            return version.physicianAtValidation();
        }
        return patient.physician();
    }

    public Optional<Professional> professional(Integer id) {
        if (id == null) {
            return Optional.empty();
        }
        return team.stream().filter(p -> p.id() == id).findFirst();
    }

    public Optional<Professional> coordinator() {
        return professional(version.content().coordinatorId());
    }
}
