package fr.coordo.ui;

import fr.coordo.pathway.Episode;
import fr.coordo.pathway.PcrType;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectVersion;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** How the episodes' screens word a projet's situation and an episode's facts, in one place. */
final class EpisodeTexts {
    private EpisodeTexts() {}

    /** « validé par l'ARS le 12/10/2026 », « transmis le 19/11/2026 (échéance le 19/01/2027) »… */
    static String status(ProjectVersion v, LocalDate day) {
        return switch (v.status(day)) {
            case VALIDE -> "validé par l'ARS le " + Forms.date(v.decisionOn());
            case REPUTE_VALIDE -> "réputé validé depuis le " + Forms.date(v.deadline().orElseThrow().plusDays(1))
                    + " (sans opposition de l'ARS)";
            case TRANSMIS -> "transmis le " + Forms.date(v.transmittedOn()) + " (échéance le " + Forms.date(v.deadline().orElseThrow()) + ")";
            case OPPOSE -> "opposé par l'ARS le " + Forms.date(v.decisionOn());
            default -> v.status(day).label().toLowerCase() + ", pas encore transmis";
        };
    }

    /**
     * Whether episodes of the projet may start on {@code day}, and when they could: an inclusion may be decided
     * before, the episode waits for the validation (R.162-137).
     */
    static String situation(Project p, LocalDate day) {
        ProjectVersion current = p.current();
        String now = "Projet " + current.displayReference() + " : " + status(current, day) + ".";
        Optional<ProjectVersion> inForce = p.inForce(day);
        if (inForce.isPresent()) {
            return now + (inForce.get() == current ? "" : " La version " + inForce.get().version() + " reste en vigueur.")
                    + " Les épisodes peuvent commencer.";
        }
        // no version is in force on that day: every authorisation, if any, comes later
        Optional<LocalDate> from = p.firstAuthorisedOn();
        return now + from.map(d -> " Sans opposition de l'ARS, les épisodes pourront commencer le " + Forms.date(d) + ".")
                .orElse(" Aucun épisode ne peut commencer tant que le projet n'est pas validé.")
                + " L'inclusion peut être décidée dès maintenant.";
    }

    /** The current séquence as the list shows it: its label, or what the state says. */
    static String currentSequence(Episode e) {
        return switch (e.state()) {
            case INCLUS -> "—";
            case CLOS -> "—";
            case EN_COURS -> e.currentSequence().map(Episode.EpisodeSequence::label).orElse("Séquences terminées");
        };
    }

    /** « Écrit, signé par le patient, le 12/11/2026 ». */
    static String consent(Episode e) {
        return e.consentForm().label() + ", le " + Forms.date(e.consentOn());
    }

    /** The criteria of the PCR type, each with whether it was ticked at the inclusion. */
    static List<String> criteria(Episode e) {
        List<PcrType.Criterion> all = e.type().type().criteria();
        return all.stream().map(c -> (e.criteria().contains(c.code()) ? "✓ " : "✗ ") + c.label()).toList();
    }

    /** « En cours depuis le 14/11/2026 », « Clos le 24/11/2026 : parcours terminé »… */
    static String stateLine(Episode e) {
        return switch (e.state()) {
            case INCLUS -> "Inclus le " + Forms.date(e.decidedOn()) + ", épisode non commencé";
            case EN_COURS -> "En cours depuis le " + Forms.date(e.startOn());
            case CLOS -> "Clos le " + Forms.date(e.endOn()) + " (" + e.endReason().label().toLowerCase() + ")";
        };
    }
}
