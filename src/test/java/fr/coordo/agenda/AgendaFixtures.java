package fr.coordo.agenda;

import fr.coordo.identity.CheckDigits;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * A small agenda to export: a team of three with RPPS numbers, two patients, and appointments that exercise
 * iCalendar — a single consultation, a weekly series crossing the 29 March 2026 change to summer time with
 * one occurrence moved, one cancelled, one réalisé and one non honoré, a monthly series with a count, and a
 * fortnightly team meeting (no patient) with one occurrence of its own. Dr Bernard takes part in all of them.
 */
public final class AgendaFixtures {
    /** « Today » for the fixture and the exports: after every appointment of the weekly series. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-06T07:00:00Z"), Database.ZONE);
    public static final String BERNARD_RPPS = rpps("1000000001");
    public static final String PETIT_RPPS = rpps("1000000002");
    public static final String ROUX_RPPS = rpps("1000000003");

    private AgendaFixtures() {}

    /** The people, by id; {@code eloise} is patient P000001 and {@code henri} P000002. */
    public record People(Database db, int bernard, int petit, int roux, int eloise, int henri) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    /** The team and the two patients, in this order, without any appointment. */
    public static People people(Path file) {
        Database db = Database.open(file);
        TeamService team = new TeamService(db, CLOCK);
        LocalDate since = LocalDate.of(2020, 1, 1);
        int bernard = team.add(professional("Bernard", "Camille", "medecin", BERNARD_RPPS), Set.of(), since);
        int petit = team.add(professional("Petit", "Lucie", "infirmier", PETIT_RPPS), Set.of(), since);
        int roux = team.add(professional("Roux", "Anne", "masseur_kinesitherapeute", ROUX_RPPS), Set.of(), since);
        PatientService patients = new PatientService(db, CLOCK);
        int eloise = patients.add(PlanFixtures.eloise(bernard, null), Set.of());
        int henri = patients.add(henri(bernard), Set.of());
        return new People(db, bernard, petit, roux, eloise, henri);
    }

    /** {@link #people} and the appointments. */
    public static People agenda(Path file) {
        People p = people(file);
        AgendaService agenda = new AgendaService(p.db(), CLOCK);

        agenda.create(new AppointmentInput(p.eloise(), List.of(p.bernard()), at(2026, 3, 10, 14, 0), at(2026, 3, 10, 14, 30),
                AppointmentKind.CONSULTATION, Place.MSP, "Cabinet 2", null, null, null,
                "Apporter l'ordonnance ; bilan sanguin récent, « à jeun »", null, null), null);

        Appointment weekly = agenda.create(new AppointmentInput(p.eloise(), List.of(p.petit(), p.bernard()), at(2026, 3, 16, 10, 0),
                at(2026, 3, 16, 10, 45), AppointmentKind.SEANCE, Place.DOMICILE, "Sonner deux fois", null, null, null, null, null,
                Recurrence.weekly(1, LocalDate.of(2026, 5, 4))), null);
        List<Appointment> sessions = agenda.ofSeries(weekly.series().id());
        agenda.setStatus(sessions.get(0).id(), AppointmentStatus.REALISE, "Pansement refait, bonne cicatrisation");
        agenda.move(sessions.get(1).id(), at(2026, 3, 24, 11, 0), null);
        agenda.setStatus(sessions.get(2).id(), AppointmentStatus.NON_HONORE, null);
        agenda.cancel(sessions.get(3).id(), Scope.THIS);

        agenda.create(new AppointmentInput(p.henri(), List.of(p.bernard(), p.roux()), at(2026, 1, 13, 9, 0), at(2026, 1, 13, 9, 45),
                AppointmentKind.BILAN, Place.TELECONSULTATION, null, "Bilan de suivi", null, null, null, null,
                Recurrence.monthly(1, 6)), null);

        Appointment meeting = agenda.create(new AppointmentInput(null, List.of(p.bernard(), p.petit(), p.roux()), at(2026, 3, 5, 12, 30),
                at(2026, 3, 5, 13, 30), AppointmentKind.REUNION, Place.MSP, "Salle de réunion", "Réunion de coordination", null, null,
                null, null, Recurrence.weekly(2, LocalDate.of(2026, 4, 30))), null);
        Appointment third = agenda.ofSeries(meeting.series().id()).get(2);
        agenda.update(third.id(), third.data().repeating(null).withProfessionals(List.of(p.bernard(), p.petit()))
                .withNotes("Ordre du jour : prévention des chutes", null).withTimes(at(2026, 4, 2, 12, 30), at(2026, 4, 2, 14, 0)),
                Scope.THIS, null);
        return p;
    }

    public static LocalDateTime at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute);
    }

    private static String rpps(String partial) {
        return partial + CheckDigits.luhnCheckDigit(partial);
    }

    private static ProfessionalInput professional(String last, String first, String profession, String rpps) {
        return new ProfessionalInput(null, last, first, profession, null, rpps, null, null, null, true, null, PracticeMode.LIBERAL,
                null, null, null, null, null, null, null, null);
    }

    private static PatientInput henri(int physician) {
        PatientInput m = PlanFixtures.eloise(physician, null);
        LocalDate birth = LocalDate.of(1938, 11, 2);
        return new PatientInput("Garnier", null, "Henri", birth, "M", PlanFixtures.nir(false, birth, 7), m.address(), m.postalCode(),
                m.city(), null, null, null, physician, null, null, false, null, false, null, false, null, null, null, null, m.status(),
                null, null, List.of());
    }
}
