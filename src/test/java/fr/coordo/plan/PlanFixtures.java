package fr.coordo.plan;

import fr.coordo.identity.CheckDigits;
import fr.coordo.patient.Contact;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientStatus;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Patients, professionals and plan contents for tests: plausible people, valid identifiers. */
public final class PlanFixtures {
    private PlanFixtures() {}

    /** A checksum-valid NIR for a woman born in {@code birth} in Indre-et-Loire. */
    public static String nir(boolean woman, LocalDate birth, int order) {
        String first13 = (woman ? "2" : "1") + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue()) + "37261"
                + String.format("%03d", order);
        return first13 + String.format("%02d", CheckDigits.nirKey(first13));
    }

    public static PatientInput eloise(Integer physicianId, LocalDate consentOn) {
        LocalDate birth = LocalDate.of(1941, 3, 14);
        return new PatientInput("Lefèvre", "Moreau", "Éloïse Marie", birth, "F", nir(true, birth, 42), "12 rue des Tanneurs", "37000",
                "Tours", "02 47 00 00 00", "eloise.moreau@exemple.fr", "Institutrice retraitée", physicianId, null, null, true,
                "Insuffisance cardiaque", true, "CARSAT Centre-Val de Loire", false, consentOn, consentOn == null ? null : "Formulaire HAS remis",
                consentOn, consentOn == null ? null : "Note d'information remise", PatientStatus.SUIVI, null, null,
                List.of(new Contact(Contact.Kind.AIDANT, "Paul Moreau", "fils", "06 11 22 33 44", null),
                        new Contact(Contact.Kind.CONFIANCE, "Jeanne Lefèvre", "sœur", "06 55 66 77 88", null)));
    }

    public static int physician(TeamService team, String lastName) {
        return professional(team, lastName, "Camille", "medecin");
    }

    public static int professional(TeamService team, String lastName, String firstName, String profession) {
        ProfessionalInput b = ProfessionalInput.blank();
        return team.add(new ProfessionalInput(null, lastName, firstName, profession, null, null, null, null, null, true, null,
                PracticeMode.LIBERAL, null, null, null, null, null, null, null, null), Set.of(), LocalDate.now().minusYears(1));
    }

    /** A small, complete plan: a fall problem, its objective, a care action and a support action. */
    public static PlanContent fallsPlan(int nurseId, LocalDate careDue, LocalDate supportDue) {
        Problem falls = new Problem(PlanService.newUid(), "chutes", "Chutes, troubles de l'équilibre", Dimension.ENVIRONNEMENTALE, 1, false, null);
        Objective walk = new Objective(PlanService.newUid(), falls.uid(), "Marcher sans chute jusqu'au marché",
                "Aucune chute sur trois mois", careDue.plusMonths(3), Objective.Status.EN_COURS, null);
        Action care = new Action(PlanService.newUid(), Action.Part.SOINS, Action.Kind.SOINS, walk.uid(), "Rééducation de l'équilibre",
                Action.Actor.PROFESSIONNEL, nurseId, null, careDue.minusMonths(1), "2 fois par semaine", careDue, "Test d'appui unipodal",
                Action.Status.PREVUE, null, null);
        Action support = new Action(PlanService.newUid(), Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, walk.uid(), "Installer une téléassistance",
                Action.Actor.EXTERIEUR, null, "CCAS de Tours", null, null, supportDue, null, Action.Status.PREVUE, null, null);
        return new PlanContent(nurseId, "Insuffisance cardiaque stable", "Moral fragile depuis le veuvage", "Vit seule, fils présent",
                "Escaliers raides", "Rester chez elle", "Retourner au marché", "Appeler le 15 en cas de chute avec perte de connaissance",
                null, List.of(falls), List.of(walk), List.of(care, support));
    }
}
