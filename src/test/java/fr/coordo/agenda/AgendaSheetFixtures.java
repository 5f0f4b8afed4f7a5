package fr.coordo.agenda;

import fr.coordo.identity.CheckDigits;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * A realistic week for Lucie Petit, nurse at the MSP des Tanneurs: the week of Monday 23 November 2026 holds twelve
 * of her appointments — home visits with long notes, a weekly series, a team meeting with five professionals, a
 * concertation, one cancelled, one not attended — and the appointments of colleagues she is not part of. The
 * database clock stands on Wednesday 25 November, 18:00, so the first days are already lived.
 */
public final class AgendaSheetFixtures {
    /** Wednesday 25 November 2026, 18:00 in Paris: when the data was last written. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T17:00:00Z"), Database.ZONE);
    /** When the sheet is printed in the tests. */
    public static final Clock PRINT_CLOCK = Clock.fixed(Instant.parse("2026-11-25T17:30:00Z"), Database.ZONE);
    public static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    public static final String PETIT_RPPS = rpps(1);

    private AgendaSheetFixtures() {}

    /** The database and the people made in it; closing it closes the database. */
    public record Built(Database db, int petit, int roux, int moreau, int garnier)
            implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    /** An RPPS with a valid key. */
    public static String rpps(int n) {
        String first10 = String.format("1000%06d", n);
        return first10 + CheckDigits.luhnCheckDigit(first10);
    }

    public static Built create(Path file) {
        Database db = Database.open(file, new Database.Options(CLOCK, () -> "Claire Martin", null));
        try {
            return fill(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Built fill(Database db) {
        new StructureService(db, CLOCK).save(new StructureInput("MSP des Tanneurs", "sisa", "msp_sisa", null, null, null,
                "4 place de la Victoire", "37000", "Tours", null, null, null, "Dr Camille Bernard", "Claire Martin", "02 47 20 30 40",
                "coordination@msp-tanneurs.fr", null, null), Set.of());
        TeamService team = new TeamService(db, CLOCK);
        int petit = pro(team, "Petit", "Lucie", "infirmier", null, PETIT_RPPS);
        int bernard = pro(team, "Bernard", "Camille", "medecin", "Médecine générale", rpps(2));
        int martin = pro(team, "Martin", "Claire", "infirmier", "Coordinatrice de parcours", rpps(3));
        int girard = pro(team, "Girard", "Marc", "masseur_kinesitherapeute", null, rpps(4));
        int caron = pro(team, "Caron", "Julie", "dieteticien", null, null);
        int roux = pro(team, "Roux", "Thomas", "psychologue", null, null);

        PatientService patients = new PatientService(db, CLOCK);
        int moreau = patients.add(patient("Lefèvre", "Moreau", "Éloïse Marie", LocalDate.of(1941, 3, 14), "F", 42, "02 47 00 00 00",
                "12 rue des Tanneurs"), Set.of());
        int garnier = patients.add(patient("Garnier", null, "Henri", LocalDate.of(1938, 11, 2), "M", 7, "06 12 34 56 78",
                "3 allée des Tilleuls, bâtiment B, 2e étage"), Set.of());
        int nguyen = patients.add(patient("Nguyen", null, "Thi Lan", LocalDate.of(1952, 6, 30), "F", 12, "06 98 76 54 32",
                "27 boulevard Béranger"), Set.of());
        int dubois = patients.add(patient("Dubois", null, "Marcel", LocalDate.of(1947, 1, 9), "M", 31, null,
                "8 impasse du Moulin"), Set.of());
        int lambertDupont = patients.add(patient("Lambert-Dupont", "Rousseau-Delacroix", "Marie-Françoise Geneviève",
                LocalDate.of(1944, 9, 21), "F", 55, "02 47 61 62 63", "Résidence Les Glycines, appartement 14, 45 avenue de Grammont"),
                Set.of());

        AgendaService agenda = new AgendaService(db, CLOCK);
        // Monday
        Appointment dressing = agenda.create(input(garnier, List.of(petit), at(MONDAY, 8, 30), 30, AppointmentKind.VISITE, Place.DOMICILE)
                .withTitle("Pansement ulcère jambe droite").withNotes("Code de la porte 4512B. Sonner deux fois, M. Garnier entend mal. "
                        + "Apporter compresses Urgotul 10×10 : il n'en reste plus au domicile.", null)
                .repeating(Recurrence.weekly(1, 8)), null);
        int weighed = agenda.create(input(moreau, List.of(petit), at(MONDAY, 10, 0), 45, AppointmentKind.VISITE, Place.DOMICILE)
                .withNotes("Surveillance poids et œdèmes (insuffisance cardiaque) : peser avant le petit-déjeuner, noter dans le "
                        + "carnet. Si prise de plus de 2 kg en 3 jours, appeler le Dr Bernard le jour même.", null), null).id();
        agenda.setStatus(weighed, AppointmentStatus.REALISE, "55,4 kg, pas d'œdème");
        // This week's dressing comes at noon: the patient sees his cardiologist in the morning.
        agenda.move(dressing.id(), at(MONDAY, 12, 0), null);
        agenda.create(input(nguyen, List.of(petit, caron), at(MONDAY, 14, 0), 60, AppointmentKind.ETP, Place.MSP)
                .withPlace(Place.MSP, "salle de réunion du 1er étage").withTitle("Atelier diabète : l'alimentation au quotidien"), null);
        // Tuesday
        int missed = agenda.create(input(dubois, List.of(petit), at(MONDAY.plusDays(1), 9, 0), 30, AppointmentKind.SEANCE, Place.MSP)
                .withTitle("Injection retard"), null).id();
        agenda.setStatus(missed, AppointmentStatus.NON_HONORE, "Absent, ne répond pas au téléphone");
        agenda.create(input(lambertDupont, List.of(petit, girard), at(MONDAY.plusDays(1), 11, 0), 45, AppointmentKind.BILAN,
                Place.DOMICILE).withNotes("Bilan de chute à domicile avec Marc Girard. Prévoir le test de Tinetti et le relevé des "
                + "obstacles (tapis, éclairage de l'escalier, baignoire).", null), null);
        // Wednesday: nothing for her (a colleague sees M. Garnier, below)
        // Thursday
        agenda.create(new AppointmentInput(null, List.of(petit, bernard, martin, girard, caron),
                at(MONDAY.plusDays(3), 12, 30), at(MONDAY.plusDays(3), 14, 0), AppointmentKind.REUNION, Place.MSP, "salle de réunion",
                "Réunion d'équipe mensuelle", null, null, "Ordre du jour : protocole plaies chroniques, organisation des congés de "
                + "fin d'année, point sur les nouvelles inclusions en parcours. Repas partagé : chacun apporte un plat.", null, null), null);
        agenda.create(input(moreau, List.of(petit, bernard, roux), at(MONDAY.plusDays(3), 16, 0), 60, AppointmentKind.RCP, Place.MSP)
                .withNotes("Situation de Mme Moreau après sa chute : retour à domicile possible ? Avis du psychologue sur le moral.", null),
                null);
        int cancelled = agenda.create(input(garnier, List.of(petit), at(MONDAY.plusDays(3), 17, 30), 30, AppointmentKind.VISITE,
                Place.DOMICILE).withTitle("Prise de sang à jeun"), null).id();
        agenda.cancel(cancelled, Scope.THIS);
        // Friday
        agenda.create(input(nguyen, List.of(petit), at(MONDAY.plusDays(4), 8, 0), 15, AppointmentKind.SEANCE, Place.MSP)
                .withTitle("Contrôle glycémie"), null);
        agenda.create(input(moreau, List.of(petit), at(MONDAY.plusDays(4), 10, 0), 30, AppointmentKind.VISITE, Place.DOMICILE)
                .withPlace(Place.DOMICILE, "chez sa fille, 5 rue Colbert, 37000 Tours"), null);
        agenda.create(input(null, List.of(petit), at(MONDAY.plusDays(4), 15, 0), 30, AppointmentKind.AUTRE, Place.TELECONSULTATION)
                .withTitle("Appel pharmacie Lambert : renouvellement pansements"), null);
        // Saturday morning, the MSP is open until noon
        agenda.create(input(dubois, List.of(petit), at(MONDAY.plusDays(5), 9, 0), 30, AppointmentKind.SEANCE, Place.MSP)
                .withTitle("Injection retard (rattrapage)"), null);

        // Colleagues' appointments Lucie is not part of: never on her sheet.
        agenda.create(input(moreau, List.of(bernard), at(MONDAY, 9, 0), 20, AppointmentKind.CONSULTATION, Place.MSP), null);
        agenda.create(input(garnier, List.of(girard), at(MONDAY.plusDays(2), 10, 0), 30, AppointmentKind.SEANCE, Place.MSP), null);
        // The week before and after: outside the sheet.
        agenda.create(input(nguyen, List.of(petit), at(MONDAY.minusDays(1), 19, 0), 30, AppointmentKind.SEANCE, Place.MSP), "Dimanche");
        agenda.create(input(nguyen, List.of(petit), at(MONDAY.plusDays(7), 8, 0), 30, AppointmentKind.SEANCE, Place.MSP), null);
        return new Built(db, petit, roux, moreau, garnier);
    }

    static AppointmentInput input(Integer patient, List<Integer> pros, LocalDateTime start, int minutes, AppointmentKind kind, Place place) {
        return AppointmentInput.of(patient, pros, start, Duration.ofMinutes(minutes), kind, place);
    }

    static LocalDateTime at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute);
    }

    private static int pro(TeamService team, String last, String first, String profession, String specialty, String rpps) {
        return team.add(new ProfessionalInput(null, last, first, profession, specialty, rpps, null, null, null, true, null,
                PracticeMode.LIBERAL, null, null, null, null, null, null, null, null), Set.of(), LocalDate.of(2024, 9, 1));
    }

    private static PatientInput patient(String birthName, String usageName, String first, LocalDate birth, String sex, int order,
            String phone, String address) {
        return new PatientInput(birthName, usageName, first, birth, sex, PlanFixtures.nir("F".equals(sex), birth, order), address,
                "37000", "Tours", phone, null, null, null, null, null, false, null, false, null, false, null, null, null, null,
                PatientStatus.SUIVI, null, null, List.of());
    }
}
