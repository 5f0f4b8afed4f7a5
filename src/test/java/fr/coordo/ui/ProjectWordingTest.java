package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.coordo.pathway.Gap;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.pathway.PcrCatalogue;
import fr.coordo.pathway.PcrTypeVersion;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the section and the dashboard say of the ARS's window, around a deadline at a month's end. */
class ProjectWordingTest {
    private static final PcrTypeVersion TYPE = new PcrTypeVersion(1, 1, PcrCatalogue.shipped().getFirst(),
            PcrTypeVersion.Origin.CATALOGUE, null, OffsetDateTime.parse("2026-03-04T10:00:00+01:00"), "test");

    private static ProjectVersion version(ProjectStatus stored, LocalDate transmittedOn, LocalDate decisionOn, String note) {
        return new ProjectVersion(1, 1, "PP-2026-004", 1, TYPE, stored, null, 40, null, PaymentChannel.STRUCTURE, null, transmittedOn,
                decisionOn, note, null, List.of(), OffsetDateTime.parse("2026-12-01T10:00:00+01:00"), "test");
    }

    @Test
    void theWindowOfATransmissionOnTheLastDayOfDecemberEndsOnTheLastDayOfFebruary() {
        ProjectVersion v = version(ProjectStatus.TRANSMIS, LocalDate.of(2026, 12, 31), null, null);
        assertEquals("Délai d'opposition : 59 jours (échéance le 28/02/2027)", ProjectWording.window(v, LocalDate.of(2026, 12, 31)));
        assertEquals("Délai d'opposition : 1 jour (échéance le 28/02/2027)", ProjectWording.window(v, LocalDate.of(2027, 2, 27)));
        assertEquals("Délai d'opposition : dernier jour (échéance le 28/02/2027)", ProjectWording.window(v, LocalDate.of(2027, 2, 28)));
        assertEquals("Transmis · J-1", ProjectWording.shortStatus(v, LocalDate.of(2027, 2, 27)));
        assertEquals("Réputé validé depuis le 01/03/2027 : l'ARS ne s'est pas opposée dans les deux mois",
                ProjectWording.window(v, LocalDate.of(2027, 3, 1)));
        assertEquals("Réputé validé", ProjectWording.shortStatus(v, LocalDate.of(2027, 3, 1)));
        Project p = new Project(1, "PP-2026-004", List.of(v));
        assertEquals("PP-2026-004 — délai d'opposition : 1 jour (échéance le 28/02/2027)",
                ProjectWording.dashboardLine(p, List.of(), LocalDate.of(2027, 2, 27)));
        assertEquals("PP-2026-004 — réputé validé depuis le 01/03/2027", ProjectWording.dashboardLine(p, List.of(), LocalDate.of(2027, 3, 2)));
    }

    @Test
    void theDecisionsAndTheDraftsAreSaidInOneLine() {
        LocalDate today = LocalDate.of(2027, 1, 15);
        ProjectVersion opposed = version(ProjectStatus.OPPOSE, LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 10), "Équipe incomplète");
        assertEquals("Opposition de l'ARS le 10/01/2027 : Équipe incomplète", ProjectWording.window(opposed, today));
        ProjectVersion draft = version(ProjectStatus.BROUILLON, null, null, null);
        List<Gap> gaps = List.of(new Gap(Gap.Kind.PROFESSIONAL, "X n'a pas de numéro RPPS.", 3),
                new Gap(Gap.Kind.TEAM, "La date de démarrage prévue n'est pas renseignée.", null),
                new Gap(Gap.Kind.SIGNATURE, "Signature manquante : X.", 3));
        assertEquals("", ProjectWording.window(draft, today));
        assertEquals("PP-2026-004 — brouillon : 2 manques à corriger",
                ProjectWording.dashboardLine(new Project(1, "PP-2026-004", List.of(draft)), gaps, today));
    }
}
