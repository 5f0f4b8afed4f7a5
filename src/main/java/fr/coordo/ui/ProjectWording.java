package fr.coordo.ui;

import fr.coordo.pathway.Gap;
import fr.coordo.pathway.PcrType;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.team.Professional;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** How a projet de parcours is worded on screen, once for the Parcours section and the dashboard. */
final class ProjectWording {
    private ProjectWording() {}

    /** « 23 jours », « 1 jour », « dernier jour » for the window of the ARS. */
    static String days(long days) {
        return days <= 0 ? "dernier jour" : days == 1 ? "1 jour" : days + " jours";
    }

    /**
     * Where the ARS's window stands: « Délai d'opposition : 23 jours (échéance le 24/01/2027) » while it is open,
     * then the outcome; empty before the transmission.
     */
    static String window(ProjectVersion v, LocalDate today) {
        ProjectStatus status = v.status(today);
        return switch (status) {
            case TRANSMIS -> "Délai d'opposition : " + days(v.daysLeft(today).orElse(0L)) + " (échéance le "
                    + Forms.date(v.deadline().orElseThrow()) + ")";
            case REPUTE_VALIDE -> "Réputé validé depuis le " + Forms.date(v.authorisedFrom().orElseThrow())
                    + " : l'ARS ne s'est pas opposée dans les deux mois";
            case VALIDE -> "Validé par l'ARS le " + Forms.date(v.decisionOn());
            case OPPOSE -> "Opposition de l'ARS le " + Forms.date(v.decisionOn())
                    + (v.decisionNote() == null ? "" : " : " + v.decisionNote());
            default -> "";
        };
    }

    /** The status in the list: « Transmis · J-23 » while the window is open, the status's label otherwise. */
    static String shortStatus(ProjectVersion v, LocalDate today) {
        ProjectStatus status = v.status(today);
        if (status == ProjectStatus.TRANSMIS) {
            return status.label() + " · J-" + v.daysLeft(today).orElse(0L);
        }
        return status.label();
    }

    /** One line of the dashboard: the window's days left, the outcome, or what a projet in preparation lacks. */
    static String dashboardLine(Project p, List<Gap> gaps, LocalDate today) {
        ProjectVersion v = p.current();
        ProjectStatus status = v.status(today);
        String what = switch (status) {
            case TRANSMIS -> "délai d'opposition : " + days(v.daysLeft(today).orElse(0L)) + " (échéance le "
                    + Forms.date(v.deadline().orElseThrow()) + ")";
            case REPUTE_VALIDE -> "réputé validé depuis le " + Forms.date(v.authorisedFrom().orElseThrow());
            case VALIDE -> "validé par l'ARS le " + Forms.date(v.decisionOn());
            case OPPOSE -> "opposition de l'ARS le " + Forms.date(v.decisionOn());
            case BROUILLON -> {
                long content = gaps.stream().filter(g -> g.kind().isContent()).count();
                yield content == 0 ? "brouillon complet : à déclarer prêt à signer"
                        : "brouillon : " + manques(content) + " à corriger";
            }
            case PRET -> {
                long missing = gaps.stream().filter(g -> g.kind() == Gap.Kind.SIGNATURE).count();
                yield "prêt à signer : " + (missing == 1 ? "1 signature manquante" : missing + " signatures manquantes");
            }
            case SIGNE -> {
                long notifications = gaps.stream().filter(g -> g.kind() == Gap.Kind.NOTIFICATION).count();
                yield notifications == 0 ? "signé : à transmettre à l'ARS et à la CPAM"
                        : "signé : " + (notifications == 1 ? "1 notification à l'Ordre" : notifications + " notifications à l'Ordre")
                        + " à faire avant la transmission";
            }
        };
        return p.reference() + (v.version() > 1 ? " v" + v.version() : "") + " — " + what;
    }

    static String manques(long n) {
        return n == 1 ? "1 manque" : n + " manques";
    }

    /** The séquences of a member: « toutes » when none is named, else their short labels. */
    static String sequences(PcrType type, List<String> codes) {
        if (codes.isEmpty()) {
            return "toutes";
        }
        return codes.stream().map(c -> type.sequence(c).map(s -> shortLabel(s.label())).orElse(c)).collect(Collectors.joining(", "));
    }

    /** « Phase 1 » for « Phase 1 — prise en charge intensive »: the part before the dash, when there is one. */
    static String shortLabel(String label) {
        int dash = label.indexOf(" — ");
        return dash > 0 ? label.substring(0, dash) : label;
    }

    static String rpps(Professional p) {
        return p.rpps() == null ? "RPPS manquant" : "RPPS " + p.rpps();
    }

    /** The numéro AM, « demande en cours » when it is asked for, or what is missing. */
    static String am(Professional p) {
        if (p.amNumber() != null) {
            return "AM " + p.amNumber();
        }
        if (p.amRequestedOn() != null) {
            return "AM : demande en cours (" + Forms.date(p.amRequestedOn()) + ")";
        }
        return "N° AM manquant";
    }
}
