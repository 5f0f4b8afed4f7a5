package fr.coordo.agenda;

import static fr.coordo.store.schema.Tables.APPOINTMENT;
import static fr.coordo.store.schema.Tables.APPOINTMENT_SERIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.agenda.AgendaService.Filter;
import fr.coordo.identity.InputException;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.Action;
import fr.coordo.plan.Plan;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.plan.PlanService;
import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agenda's rules on a temporary database, on a fixed day: Wednesday 15 April 2026 at noon. The series
 * used most is a weekly physiotherapy session on Tuesdays at 10:00 from 31 March (three of them are past).
 */
class AgendaServiceTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 4, 15);
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).atZone(Database.ZONE).toInstant(), Database.ZONE);

    @TempDir
    Path dir;

    private Database db;
    private TeamService team;
    private AgendaService agenda;
    private PlanService plans;
    private int nurse;
    private int physio;
    private int physician;
    private int eloise;
    private int marcel;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("agenda.db"));
        team = new TeamService(db, CLOCK);
        LocalDate since = LocalDate.of(2020, 1, 1);
        physician = professional("Bernard", "Camille", "medecin", since);
        nurse = professional("Petit", "Lucie", "infirmier", since);
        physio = professional("Roux", "Hugo", "masseur_kinesitherapeute", since);
        PatientService patients = new PatientService(db, CLOCK);
        eloise = patients.add(PlanFixtures.eloise(physician, TODAY.minusDays(3)), Set.of());
        marcel = patients.add(marcel(), Set.of());
        agenda = new AgendaService(db, CLOCK);
        plans = new PlanService(db, CLOCK);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private int professional(String last, String first, String profession, LocalDate since) {
        return team.add(new ProfessionalInput(null, last, first, profession, null, null, null, null, null, true, null,
                PracticeMode.LIBERAL, null, null, null, null, null, null, null, null), Set.of(), since);
    }

    private static PatientInput marcel() {
        PatientInput e = PlanFixtures.eloise(null, null);
        LocalDate birth = LocalDate.of(1948, 6, 2);
        return new PatientInput("Durand", null, "Marcel", birth, "M", PlanFixtures.nir(false, birth, 7), "3 place Plumereau", "37000",
                "Tours", null, null, null, null, null, null, false, null, false, null, false, null, null, null, null, e.status(), null,
                null, List.of());
    }

    private static LocalDateTime at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute);
    }

    private AppointmentInput consultation(LocalDateTime start) {
        return AppointmentInput.of(eloise, List.of(nurse), start, Duration.ofMinutes(30), AppointmentKind.CONSULTATION, Place.MSP);
    }

    /** Physiotherapy for Éloïse, Tuesdays at 10:00 for 45 minutes. */
    private AppointmentInput sessions(LocalDateTime first, Recurrence rule) {
        return AppointmentInput.of(eloise, List.of(physio), first, Duration.ofMinutes(45), AppointmentKind.SEANCE, Place.MSP).repeating(rule);
    }

    /** The usual series: ten Tuesdays from 31 March, returned in slot order. */
    private List<Appointment> tenTuesdays() {
        Appointment first = agenda.create(sessions(at(3, 31, 10, 0), Recurrence.weekly(1, 10)), null);
        return agenda.ofSeries(first.series().id());
    }

    private Appointment reload(Appointment a) {
        return agenda.find(a.id()).orElseThrow();
    }

    private int appointments() {
        return db.read(dsl -> dsl.fetchCount(APPOINTMENT));
    }

    private int seriesRows() {
        return db.read(dsl -> dsl.fetchCount(APPOINTMENT_SERIES));
    }

    private static List<LocalDateTime> starts(List<Appointment> list) {
        return list.stream().map(Appointment::start).toList();
    }

    private static List<LocalDateTime> tuesdaysAt(LocalTime time, LocalDate first, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(k -> first.plusWeeks(k).atTime(time)).toList();
    }

    private <T extends StoreException> T refusedWithNothingWritten(Class<T> type, Runnable attempt) {
        int before = appointments();
        int series = seriesRows();
        T refused = assertThrows(type, attempt::run);
        assertEquals(before, appointments(), "no appointment written");
        assertEquals(series, seriesRows(), "no series written");
        return refused;
    }

    // ---------------------------------------------------------------- booking

    @Test
    void theJournalTellsWhenAndForWhomAnAppointmentWasBookedThenDeleted() {
        Appointment a = agenda.create(consultation(at(4, 21, 10, 0)), null);
        agenda.delete(a.id(), Scope.THIS);
        var entries = db.read(dsl -> dsl.selectFrom(fr.coordo.store.schema.Tables.AUDIT_ENTRY)
                .where(fr.coordo.store.schema.Tables.AUDIT_ENTRY.ENTITY.eq("appointment"))
                .orderBy(fr.coordo.store.schema.Tables.AUDIT_ENTRY.ID).fetch());
        assertEquals(List.of("CREATE", "DELETE"), entries.map(e -> e.getAction()));
        // The values themselves, not a Java rendering of them; and the deleted one still names its patient.
        assertTrue(entries.get(0).getChanges().contains("\"starts_at\":[null,\"2026-04-21T10:00\"]"), entries.get(0).getChanges());
        assertFalse(entries.get(0).getChanges().contains("Change["), entries.get(0).getChanges());
        assertEquals(List.of(eloise, eloise), entries.map(e -> e.getPatientId()));
    }

    @Test
    void aSingleAppointmentIsBookedAndFoundByDayByProfessionalAndByPatient() {
        Appointment a = agenda.create(consultation(at(4, 21, 10, 0)).withTitle("  Pansement  ").withNotes("Apporter l'ordonnance", null), null);

        assertFalse(a.isOccurrence());
        assertTrue(a.uid().endsWith("@coordo"), a.uid());
        assertEquals(AppointmentStatus.PREVU, a.status());
        assertEquals(at(4, 21, 10, 0), a.start());
        assertEquals(at(4, 21, 10, 30), a.end());
        assertEquals("Pansement", a.data().title(), "trimmed");
        assertEquals("Apporter l'ordonnance", a.data().notesBefore());
        assertEquals("MOREAU (née LEFÈVRE) Éloïse Marie", a.patientName());
        assertEquals(List.of(nurse), a.data().professionalIds());
        assertTrue(a.professionalNames().contains("Lucie"), a.professionalNames());
        assertNull(a.conflictReason());

        assertEquals(List.of(a.id()), agenda.between(TODAY, TODAY.plusDays(7), Filter.TEAM).stream().map(Appointment::id).toList());
        assertEquals(1, agenda.between(TODAY, TODAY.plusDays(7), Filter.professional(nurse)).size());
        assertEquals(0, agenda.between(TODAY, TODAY.plusDays(7), Filter.professional(physio)).size());
        assertEquals(1, agenda.between(TODAY, TODAY.plusDays(7), Filter.patient(eloise)).size());
        assertEquals(0, agenda.between(TODAY, TODAY.plusDays(7), Filter.patient(marcel)).size());
        assertEquals(0, agenda.between(at(4, 21, 0, 0).toLocalDate(), at(4, 21, 0, 0).toLocalDate(), Filter.TEAM).size(), "to is excluded");
        assertEquals(a.id(), agenda.byUid(a.uid(), null).orElseThrow().id());
    }

    @Test
    void eachMistakeIsRefusedInFrenchNamingTheFieldAndNothingIsWritten() {
        LocalDateTime start = at(4, 21, 10, 0);
        var noOne = refusedWithNothingWritten(InputException.class, () -> agenda.create(consultation(start).withProfessionals(List.of()), null));
        assertTrue(noOne.getMessage().contains("Professionnels : choisissez au moins un professionnel"), noOne.getMessage());

        var backwards = refusedWithNothingWritten(InputException.class,
                () -> agenda.create(consultation(start).withTimes(start, start.minusMinutes(30)), null));
        assertTrue(backwards.getMessage().contains("Heure de fin : elle doit venir après l'heure de début"), backwards.getMessage());

        var tooLong = refusedWithNothingWritten(InputException.class,
                () -> agenda.create(consultation(start).withTimes(start, start.plusHours(12).plusMinutes(15)), null));
        assertTrue(tooLong.getMessage().contains("au plus 12 heures"), tooLong.getMessage());

        var noPatient = refusedWithNothingWritten(InputException.class, () -> agenda.create(
                AppointmentInput.of(null, List.of(nurse), start, Duration.ofMinutes(30), AppointmentKind.CONSULTATION, Place.MSP), null));
        assertTrue(noPatient.getMessage().contains("Patient : une consultation concerne un patient"), noPatient.getMessage());
        agenda.create(AppointmentInput.of(null, List.of(nurse, physio), start, Duration.ofHours(1), AppointmentKind.REUNION, Place.MSP), null);
        assertEquals(1, appointments(), "a team meeting needs no patient");

        for (Recurrence bad : List.of(new Recurrence(Recurrence.Frequency.WEEKLY, 0, null, 4),
                new Recurrence(Recurrence.Frequency.WEEKLY, 1, LocalDate.of(2026, 6, 1), 4),
                Recurrence.weekly(1, LocalDate.of(2026, 4, 20)), Recurrence.weekly(1, 0), Recurrence.weekly(1, 501),
                Recurrence.weekly(1, LocalDate.of(2040, 1, 1)))) {
            var refused = refusedWithNothingWritten(InputException.class, () -> agenda.create(sessions(start, bad), null));
            assertTrue(refused.getMessage().startsWith("Répétition : "), bad + ": " + refused.getMessage());
        }

        int planId = validatedPlan();
        var unknown = refusedWithNothingWritten(InputException.class,
                () -> agenda.create(consultation(start.plusDays(1)).withAction(planId, "inconnue"), null));
        assertTrue(unknown.getMessage().contains("Action du plan : cette action n'existe pas dans le plan"), unknown.getMessage());
        String care = careAction(planId);
        var otherPatient = refusedWithNothingWritten(InputException.class, () -> agenda.create(
                AppointmentInput.of(marcel, List.of(nurse), start.plusDays(1), Duration.ofMinutes(30), AppointmentKind.SEANCE, Place.MSP)
                        .withAction(planId, care), null));
        assertTrue(otherPatient.getMessage().contains("ce plan n'est pas celui du patient choisi"), otherPatient.getMessage());
    }

    @Test
    void aSeriesIsOneRowPerOccurrenceSharingTheSeriesUid() {
        Appointment first = agenda.create(sessions(at(3, 31, 10, 0), Recurrence.weekly(2, LocalDate.of(2026, 6, 9))), null);
        List<Appointment> all = agenda.ofSeries(first.series().id());

        List<LocalDateTime> expected = List.of(at(3, 31, 10, 0), at(4, 14, 10, 0), at(4, 28, 10, 0), at(5, 12, 10, 0), at(5, 26, 10, 0),
                at(6, 9, 10, 0));
        assertEquals(expected, starts(all));
        assertEquals(expected, all.stream().map(Appointment::recurrenceId).toList());
        assertTrue(all.stream().allMatch(a -> a.uid().equals(first.series().uid()) && a.data().end().equals(a.start().plusMinutes(45))));
        assertEquals(first.id(), all.getFirst().id(), "create returns the first occurrence");
        assertEquals(at(3, 31, 10, 0), first.series().firstStart());
        assertEquals("toutes les 2 semaines jusqu'au 09/06/2026", first.series().rule().describe());
        assertEquals(at(4, 28, 10, 0), agenda.byUid(first.series().uid(), at(4, 28, 10, 0)).orElseThrow().start());
        assertFalse(all.stream().anyMatch(Appointment::moved));
    }

    // ---------------------------------------------------------------- one occurrence

    @Test
    void movingOneOccurrenceChangesOnlyItAndKeepsItsSlot() {
        List<Appointment> all = tenTuesdays();
        Appointment third = all.get(3);
        agenda.move(third.id(), at(4, 22, 14, 0), null);

        List<Appointment> after = agenda.ofSeries(all.getFirst().series().id());
        Appointment moved = after.get(3);
        assertEquals(at(4, 22, 14, 0), moved.start());
        assertEquals(at(4, 22, 14, 45), moved.end(), "the length is kept");
        assertEquals(at(4, 21, 10, 0), moved.recurrenceId(), "still the occurrence of 21 April");
        assertTrue(moved.moved());
        for (int k = 0; k < all.size(); k++) {
            if (k != 3) {
                assertEquals(all.get(k), after.get(k), "occurrence " + k + " untouched");
            }
        }
    }

    @Test
    void cancellingOneOccurrenceCancelsOnlyIt() {
        List<Appointment> all = tenTuesdays();
        assertEquals(1, agenda.cancel(all.get(4).id(), Scope.THIS));
        List<Appointment> after = agenda.ofSeries(all.getFirst().series().id());
        assertEquals(List.of(AppointmentStatus.PREVU, AppointmentStatus.PREVU, AppointmentStatus.PREVU, AppointmentStatus.PREVU,
                AppointmentStatus.ANNULE, AppointmentStatus.PREVU, AppointmentStatus.PREVU, AppointmentStatus.PREVU, AppointmentStatus.PREVU,
                AppointmentStatus.PREVU), after.stream().map(Appointment::status).toList());
        var again = assertThrows(InputException.class, () -> agenda.cancel(all.get(4).id(), Scope.THIS));
        assertTrue(again.getMessage().contains("Seul un rendez-vous prévu peut être annulé"), again.getMessage());
    }

    @Test
    void editingThisOneChangesTheContentOfThatOccurrenceOnly() {
        List<Appointment> all = tenTuesdays();
        Appointment fifth = all.get(5);
        agenda.update(fifth.id(), fifth.data().withTitle("Bilan de mi-parcours").withProfessionals(List.of(physio, nurse))
                .withPlace(Place.DOMICILE, "Au domicile"), Scope.THIS, null);

        List<Appointment> after = agenda.ofSeries(all.getFirst().series().id());
        assertEquals("Bilan de mi-parcours", after.get(5).data().title());
        assertEquals(Place.DOMICILE, after.get(5).data().place());
        assertEquals(Set.of(physio, nurse), Set.copyOf(after.get(5).data().professionalIds()));
        assertEquals(fifth.recurrenceId(), after.get(5).recurrenceId());
        assertEquals(fifth.uid(), after.get(5).uid());
        for (int k = 0; k < all.size(); k++) {
            if (k != 5) {
                assertEquals(all.get(k), after.get(k), "occurrence " + k + " untouched");
            }
        }
    }

    // ---------------------------------------------------------------- the series

    @Test
    void thisAndTheFollowingSplitsTheSeriesAndLeavesTheEarlierOnesAlone() {
        List<Appointment> all = tenTuesdays();
        agenda.setStatus(all.get(0).id(), AppointmentStatus.REALISE, null);
        agenda.move(all.get(6).id(), at(5, 13, 16, 0), null);
        Appointment fourth = all.get(3);
        agenda.update(fourth.id(), fourth.data().at(at(4, 21, 11, 0)).withTitle("Nouvel horaire"), Scope.FOLLOWING, null);

        Appointment.Series old = all.getFirst().series();
        List<Appointment> before = agenda.ofSeries(old.id());
        assertEquals(3, before.size());
        for (int k = 0; k < 3; k++) {
            assertEquals(all.get(k).start(), before.get(k).start());
            assertNull(before.get(k).data().title());
            assertEquals(old.uid(), before.get(k).uid());
        }
        assertEquals(AppointmentStatus.REALISE, before.getFirst().status());
        assertEquals(Recurrence.weekly(1, LocalDate.of(2026, 4, 20)), before.getFirst().series().rule(), "ends the day before");

        Appointment edited = reload(fourth);
        assertNotEquals(old.uid(), edited.uid());
        assertNotEquals(old.id(), edited.series().id());
        List<Appointment> following = agenda.ofSeries(edited.series().id());
        assertEquals(7, following.size(), "the series still has ten occurrences in all");
        assertEquals(at(6, 2, 11, 0), following.getLast().start(), "and ends on the same day");
        assertEquals(tuesdaysAt(LocalTime.of(11, 0), LocalDate.of(2026, 4, 21), 7), following.stream().map(Appointment::recurrenceId).toList());
        assertTrue(following.stream().allMatch(a -> a.uid().equals(edited.uid()) && "Nouvel horaire".equals(a.data().title())));
        assertEquals(at(5, 13, 16, 0), following.get(3).start(), "the occurrence moved alone keeps its time");
        assertEquals(at(5, 12, 11, 0), following.get(3).recurrenceId());
        assertEquals(at(4, 21, 11, 0), edited.series().firstStart());
        assertEquals(Recurrence.weekly(1, 7), edited.series().rule());
        assertEquals(10, appointments());
    }

    @Test
    void thisAndTheFollowingCountsTheOccurrencesOfTheWholeSeriesAndCarriesTheSettledOnesAlong() {
        List<Appointment> all = tenTuesdays();
        agenda.setStatus(all.get(2).id(), AppointmentStatus.REALISE, null);
        Appointment second = all.get(1);

        var tooFew = assertThrows(InputException.class, () -> agenda.update(second.id(),
                second.data().at(at(4, 7, 11, 0)).repeating(Recurrence.weekly(1, 1)), Scope.FOLLOWING, null));
        assertEquals("Répétition : la série compte déjà 1 rendez-vous avant celui-ci ; indiquez-en plus de 1, ou une date de fin.",
                tooFew.getMessage());
        var blank = assertThrows(InputException.class, () -> agenda.update(second.id(),
                second.data().withTimes(null, null), Scope.FOLLOWING, null));
        assertTrue(blank.getMessage().startsWith("Date et heures"), blank.getMessage());
        assertEquals(1, seriesRows());

        agenda.update(second.id(), second.data().at(at(4, 7, 11, 0)).repeating(Recurrence.weekly(1, 12)), Scope.FOLLOWING, null);
        Appointment edited = reload(second);
        List<Appointment> following = agenda.ofSeries(edited.series().id());
        assertEquals(Recurrence.weekly(1, 11), edited.series().rule(), "twelve in all, one of them before");
        assertEquals(11, following.size());
        Appointment done = following.get(1);
        assertEquals(all.get(2).id(), done.id());
        assertEquals(AppointmentStatus.REALISE, done.status());
        assertEquals(at(4, 14, 10, 0), done.start(), "réalisé: its time is history");
        assertEquals(at(4, 14, 11, 0), done.recurrenceId(), "but it is still the occurrence of that week");
        assertEquals(edited.uid(), done.uid());
        assertEquals(List.of(all.get(0).id()), agenda.ofSeries(all.getFirst().series().id()).stream().map(Appointment::id).toList());
    }

    @Test
    void thisAndTheFollowingFromTheFirstOccurrenceIsTheWholeSeries() {
        List<Appointment> all = tenTuesdays();
        Appointment first = all.getFirst();
        agenda.update(first.id(), first.data().at(at(3, 31, 9, 0)), Scope.FOLLOWING, null);

        assertEquals(1, seriesRows(), "no split");
        List<Appointment> after = agenda.ofSeries(first.series().id());
        assertEquals(tuesdaysAt(LocalTime.of(9, 0), LocalDate.of(2026, 3, 31), 10), starts(after));
        assertTrue(after.stream().allMatch(a -> a.uid().equals(first.uid())));
        assertEquals(at(3, 31, 9, 0), after.getFirst().series().firstStart());
        assertEquals(Recurrence.weekly(1, 10), after.getFirst().series().rule());
    }

    @Test
    void thisAndTheFollowingFromTheFirstOneLeftAfterADeletionDoesNotLeaveAnEmptySeries() {
        List<Appointment> all = tenTuesdays();
        agenda.delete(all.get(0).id(), Scope.THIS);
        Appointment second = all.get(1);
        agenda.update(second.id(), second.data().at(at(4, 7, 9, 0)), Scope.FOLLOWING, null);

        assertEquals(1, seriesRows());
        List<Appointment> after = agenda.ofSeries(second.series().id());
        assertEquals(tuesdaysAt(LocalTime.of(9, 0), LocalDate.of(2026, 4, 7), 9), starts(after), "31 March stays deleted");
        assertEquals(second.uid(), reload(second).uid());
    }

    @Test
    void allShiftsEveryPlannedOccurrenceButNotThoseMovedAloneNorTheSettledOnes() {
        List<Appointment> all = tenTuesdays();
        agenda.setStatus(all.get(0).id(), AppointmentStatus.REALISE, "Bonne séance");
        agenda.setStatus(all.get(1).id(), AppointmentStatus.NON_HONORE, null);
        agenda.move(all.get(4).id(), at(4, 29, 14, 0), null);
        agenda.cancel(all.get(7).id(), Scope.THIS);
        Appointment sixth = all.get(5);
        agenda.update(sixth.id(), sixth.data().at(at(5, 5, 11, 30)).withTitle("Renforcement"), Scope.ALL, null);

        List<Appointment> after = agenda.ofSeries(all.getFirst().series().id());
        assertEquals(10, after.size());
        assertEquals(at(3, 31, 10, 0), after.get(0).start(), "réalisé: history");
        assertEquals(at(4, 7, 10, 0), after.get(1).start(), "non honoré: history");
        assertNull(after.get(0).data().title());
        assertEquals("Bonne séance", after.get(0).data().notesAfter());
        assertEquals(at(4, 14, 11, 30), after.get(2).start(), "past but still planned: shifted");
        assertEquals(at(4, 29, 14, 0), after.get(4).start(), "moved alone: keeps its time");
        assertEquals(at(4, 29, 14, 45), after.get(4).end());
        assertEquals("Renforcement", after.get(4).data().title());
        assertEquals(AppointmentStatus.ANNULE, after.get(7).status(), "still cancelled");
        assertEquals(at(5, 19, 11, 30), after.get(7).start());
        for (int k : List.of(2, 3, 5, 6, 7, 8, 9)) {
            assertEquals(LocalTime.of(11, 30), after.get(k).start().toLocalTime(), "occurrence " + k);
            assertEquals(all.get(k).day(), after.get(k).day(), "occurrence " + k + " keeps its day");
            assertEquals("Renforcement", after.get(k).data().title());
            assertFalse(after.get(k).moved());
        }
        assertEquals(at(3, 31, 11, 30), after.getFirst().series().firstStart());
        assertTrue(after.stream().allMatch(a -> a.uid().equals(all.getFirst().uid())));
    }

    @Test
    void allFromAnOccurrenceMovedAloneShiftsTheSeriesByWhatChangedNotByWhereItWasMoved() {
        List<Appointment> all = tenTuesdays();
        agenda.move(all.get(4).id(), at(4, 29, 14, 0), null);
        Appointment moved = reload(all.get(4));

        agenda.update(moved.id(), moved.data().withTitle("Renforcement"), Scope.ALL, null);
        List<Appointment> after = agenda.ofSeries(all.getFirst().series().id());
        assertEquals(at(4, 29, 14, 0), after.get(4).start());
        assertEquals(at(4, 28, 10, 0), after.get(4).recurrenceId());
        for (int k : List.of(0, 1, 2, 3, 5, 6, 7, 8, 9)) {
            assertEquals(all.get(k).start(), after.get(k).start(), "a title change moves nothing");
        }

        agenda.update(moved.id(), reload(moved).data().at(at(4, 29, 15, 0)), Scope.FOLLOWING, null);
        Appointment edited = reload(moved);
        assertEquals(at(4, 29, 15, 0), edited.start(), "the edited occurrence goes where it was put");
        List<Appointment> following = agenda.ofSeries(edited.series().id());
        assertEquals(at(4, 28, 11, 0), following.getFirst().recurrenceId(), "the series moves by the hour added");
        assertEquals(tuesdaysAt(LocalTime.of(11, 0), LocalDate.of(2026, 5, 5), 5), starts(following.subList(1, 6)));
        assertEquals(4, agenda.ofSeries(all.getFirst().series().id()).size());
    }

    @Test
    void puttingAnOccurrenceMovedAloneBackOnItsSlotWhileEditingAllMovesNothingElse() {
        List<Appointment> all = tenTuesdays();
        agenda.move(all.get(4).id(), at(4, 29, 14, 0), null);
        agenda.update(all.get(4).id(), reload(all.get(4)).data().at(at(4, 28, 10, 0)).withTitle("Renforcement"), Scope.ALL, null);

        List<Appointment> after = agenda.ofSeries(all.getFirst().series().id());
        assertEquals(tuesdaysAt(LocalTime.of(10, 0), LocalDate.of(2026, 3, 31), 10), starts(after));
        assertFalse(after.get(4).moved(), "back in the series");
        assertTrue(after.stream().allMatch(a -> "Renforcement".equals(a.data().title())));
    }

    @Test
    void anEditForAllDoesNotBringBackADeletedOccurrenceNorShiftTheOthersOntoIt() {
        List<Appointment> all = tenTuesdays();
        agenda.delete(all.get(2).id(), Scope.THIS);
        agenda.cancel(all.get(3).id(), Scope.THIS);
        agenda.update(all.get(5).id(), all.get(5).data().withTitle("Renforcement"), Scope.ALL, null);

        List<Appointment> after = agenda.ofSeries(all.getFirst().series().id());
        assertEquals(9, after.size());
        assertFalse(starts(after).contains(at(4, 14, 10, 0)), "14 April was deleted: it stays so");
        assertEquals(at(4, 21, 10, 0), reload(all.get(3)).start(), "the cancellation stays on its own day");
        assertEquals(AppointmentStatus.ANNULE, reload(all.get(3)).status());
        for (Appointment a : after) {
            assertEquals(a.recurrenceId(), a.start());
            assertEquals("Renforcement", a.data().title());
        }
    }

    @Test
    void movingAMonthlySeriesFromThe30thToThe28thKeepsEachOccurrenceInItsMonthAndGivesFebruaryOne() {
        Appointment first = agenda.create(sessions(LocalDateTime.of(2026, 1, 30, 10, 0), Recurrence.monthly(1, 6)), null);
        List<Appointment> all = agenda.ofSeries(first.series().id());
        assertEquals(List.of(at(1, 30, 10, 0), at(3, 30, 10, 0), at(4, 30, 10, 0), at(5, 30, 10, 0), at(6, 30, 10, 0), at(7, 30, 10, 0)),
                starts(all), "February has no 30th");
        agenda.cancel(all.get(2).id(), Scope.THIS);
        agenda.update(all.get(3).id(), all.get(3).data().at(at(5, 28, 10, 0)), Scope.ALL, "Le 28 juin est un dimanche");

        List<Appointment> after = agenda.ofSeries(first.series().id());
        assertEquals(List.of(at(1, 28, 10, 0), at(2, 28, 10, 0), at(3, 28, 10, 0), at(4, 28, 10, 0), at(5, 28, 10, 0), at(6, 28, 10, 0)),
                starts(after));
        assertEquals(all.get(3).id(), after.get(4).id(), "the edited occurrence is where it was typed");
        assertEquals(AppointmentStatus.ANNULE, after.get(3).status(), "April's cancellation stays in April");
        assertEquals(all.get(2).id(), after.get(3).id());
        assertEquals(AppointmentStatus.PREVU, after.get(1).status(), "February gets the occurrence it could not have");
        assertTrue(agenda.between(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 1), Filter.TEAM).isEmpty(), "six in all: July's goes");
        assertEquals(6, appointments());
        assertEquals(LocalDateTime.of(2026, 1, 28, 10, 0), after.getFirst().series().firstStart());
    }

    @Test
    void anOccurrenceTheRuleDoesNotGiveStaysInItsSeriesThroughAnEditOfAll() {
        List<Appointment> all = tenTuesdays();
        int extra = db.write((dsl, audit) -> {
            audit.record("test", null, fr.coordo.store.AuditAction.CREATE, null);
            // as an imported calendar may have: an instance whose RECURRENCE-ID is no slot of the rule
            int id = dsl.insertInto(APPOINTMENT).set(APPOINTMENT.UID, all.getFirst().uid()).set(APPOINTMENT.SERIES_ID, all.getFirst().series().id())
                    .set(APPOINTMENT.RECURRENCE_ID, "2026-04-23T10:00").set(APPOINTMENT.PATIENT_ID, eloise)
                    .set(APPOINTMENT.KIND, "SEANCE").set(APPOINTMENT.PLACE, "MSP").set(APPOINTMENT.STARTS_AT, "2026-04-23T10:00")
                    .set(APPOINTMENT.ENDS_AT, "2026-04-23T10:45").set(APPOINTMENT.CREATED_AT, "2026-04-01T10:00:00+02:00")
                    .set(APPOINTMENT.UPDATED_AT, "2026-04-01T10:00:00+02:00").returning(APPOINTMENT.ID).fetchOne(APPOINTMENT.ID);
            dsl.insertInto(fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL).set(fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID, id)
                    .set(fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL.PROFESSIONAL_ID, physio).execute();
            return id;
        });
        var refused = assertThrows(InputException.class, () -> agenda.update(extra, agenda.find(extra).orElseThrow().data().withTitle("x"),
                Scope.ALL, null));
        assertEquals("Ce rendez-vous ne correspond plus à la règle de sa série : modifiez-le seul.", refused.getMessage());

        agenda.update(all.get(1).id(), all.get(1).data().at(at(4, 7, 11, 0)).withTitle("Renforcement"), Scope.ALL, null);
        Appointment kept = agenda.find(extra).orElseThrow();
        assertEquals(all.getFirst().series().id(), kept.series().id());
        assertEquals(at(4, 23, 10, 0), kept.start(), "its own time");
        assertEquals("Renforcement", kept.data().title());
        assertEquals(11, agenda.ofSeries(all.getFirst().series().id()).size());
    }

    @Test
    void changingTheWeekdayOfAWeeklySeries() {
        Appointment first = agenda.create(sessions(at(4, 21, 10, 0), Recurrence.weekly(1, 5)), null);
        List<Appointment> all = agenda.ofSeries(first.series().id());
        agenda.update(all.get(1).id(), all.get(1).data().at(at(4, 30, 10, 0)), Scope.ALL, null);

        List<Appointment> thursdays = agenda.ofSeries(first.series().id());
        assertEquals(tuesdaysAt(LocalTime.of(10, 0), LocalDate.of(2026, 4, 23), 5), starts(thursdays));
        assertEquals(starts(thursdays), thursdays.stream().map(Appointment::recurrenceId).toList());
        assertEquals(all.stream().map(Appointment::id).toList(), thursdays.stream().map(Appointment::id).toList(), "the same rows, paired in order");

        agenda.update(all.get(2).id(), reload(all.get(2)).data().at(at(5, 8, 9, 0)), Scope.FOLLOWING, null);
        assertEquals(List.of(at(4, 23, 10, 0), at(4, 30, 10, 0)), starts(agenda.ofSeries(first.series().id())));
        assertEquals(List.of(at(5, 8, 9, 0), at(5, 15, 9, 0), at(5, 22, 9, 0)), starts(agenda.ofSeries(reload(all.get(2)).series().id())));
    }

    @Test
    void changingTheCountRemovesThePlannedSurplusAndKeepsTheSettledOnesAsSingles() {
        Appointment first = agenda.create(sessions(at(3, 31, 10, 0), Recurrence.weekly(1, 6)), null);
        List<Appointment> all = agenda.ofSeries(first.series().id());
        agenda.setStatus(all.get(0).id(), AppointmentStatus.REALISE, null);
        agenda.setStatus(all.get(2).id(), AppointmentStatus.NON_HONORE, null);
        agenda.cancel(all.get(4).id(), Scope.THIS);

        agenda.update(all.get(3).id(), all.get(3).data().repeating(Recurrence.weekly(1, 2)), Scope.ALL, null);
        List<Appointment> kept = agenda.ofSeries(first.series().id());
        assertEquals(List.of(all.get(0).id(), all.get(1).id()), kept.stream().map(Appointment::id).toList());
        Appointment single = reload(all.get(2));
        assertFalse(single.isOccurrence(), "a non honoré occurrence past the new end is kept, as a single appointment");
        assertEquals(AppointmentStatus.NON_HONORE, single.status());
        assertEquals(at(4, 14, 10, 0), single.start());
        assertNotEquals(first.uid(), single.uid());
        assertTrue(agenda.find(all.get(3).id()).isEmpty(), "planned surplus removed");
        assertTrue(agenda.find(all.get(4).id()).isEmpty(), "cancelled surplus removed");
        assertEquals(3, appointments());
        assertEquals(Recurrence.weekly(1, 2), kept.getFirst().series().rule());
    }

    @Test
    void pushingTheEndDateAddsTheMissingOccurrencesWithTheSeriesContent() {
        Appointment first = agenda.create(sessions(at(3, 31, 10, 0), Recurrence.weekly(1, LocalDate.of(2026, 4, 28))), null);
        List<Appointment> all = agenda.ofSeries(first.series().id());
        assertEquals(5, all.size());
        agenda.update(all.get(4).id(), all.get(4).data().withTitle("Équilibre").repeating(Recurrence.weekly(1, LocalDate.of(2026, 5, 19))),
                Scope.ALL, null);

        List<Appointment> after = agenda.ofSeries(first.series().id());
        assertEquals(tuesdaysAt(LocalTime.of(10, 0), LocalDate.of(2026, 3, 31), 8), starts(after));
        assertTrue(after.stream().allMatch(a -> "Équilibre".equals(a.data().title()) && a.uid().equals(first.uid())
                && a.data().professionalIds().equals(List.of(physio)) && a.status() == AppointmentStatus.PREVU));
        assertEquals(all.stream().map(Appointment::id).toList(), after.subList(0, 5).stream().map(Appointment::id).toList());

        var refused = assertThrows(InputException.class, () -> agenda.update(all.get(4).id(),
                reload(all.get(4)).data().repeating(Recurrence.weekly(1, LocalDate.of(2026, 3, 30))), Scope.ALL, null));
        assertEquals("Répétition : la date de fin vient avant le premier rendez-vous.", refused.getMessage());
        assertEquals(8, agenda.ofSeries(first.series().id()).size(), "nothing applied");

        agenda.update(all.get(4).id(), reload(all.get(4)).data().repeating(Recurrence.weekly(1, LocalDate.of(2026, 4, 14))), Scope.ALL, null);
        assertEquals(tuesdaysAt(LocalTime.of(10, 0), LocalDate.of(2026, 3, 31), 3), starts(agenda.ofSeries(first.series().id())),
                "an end after the first occurrence but before the edited one shortens the series");
        assertTrue(agenda.find(all.get(4).id()).isEmpty());
    }

    @Test
    void aSlotInTheSpringGapMovesToHalfPastThreeAndAnEditOfItDoesNotShiftTheSeries() {
        AppointmentInput night = AppointmentInput.of(null, List.of(nurse), at(3, 22, 2, 30), Duration.ofMinutes(30), AppointmentKind.AUTRE,
                Place.DOMICILE).repeating(Recurrence.weekly(1, 3));
        Appointment first = agenda.create(night, "Garde de nuit");
        List<Appointment> all = agenda.ofSeries(first.series().id());
        assertEquals(List.of(at(3, 22, 2, 30), at(3, 29, 3, 30), at(4, 5, 2, 30)), starts(all));
        assertEquals(at(3, 29, 3, 30), all.get(1).recurrenceId());
        assertFalse(all.get(1).moved());

        agenda.update(all.get(1).id(), all.get(1).data().withTitle("Garde"), Scope.ALL, "Garde de nuit");
        assertEquals(starts(all), starts(agenda.ofSeries(first.series().id())), "nothing typed in the time: nothing moves");

        agenda.update(all.get(1).id(), reload(all.get(1)).data().at(at(3, 29, 4, 0)), Scope.ALL, "Garde de nuit");
        assertEquals(List.of(at(3, 22, 4, 0), at(3, 29, 4, 0), at(4, 5, 4, 0)), starts(agenda.ofSeries(first.series().id())),
                "the time typed becomes the series' time");
    }

    @Test
    void aSeriesStartingInTheSpringGapRunsAtTheTimeTheClockShowedThatNight() {
        AppointmentInput night = AppointmentInput.of(null, List.of(nurse), at(3, 29, 2, 30), Duration.ofMinutes(30), AppointmentKind.AUTRE,
                Place.DOMICILE);
        Appointment first = agenda.create(night.repeating(Recurrence.weekly(1, 2)), "Garde de nuit");
        assertEquals(List.of(at(3, 29, 3, 30), at(4, 5, 3, 30)), starts(agenda.ofSeries(first.series().id())),
                "as an iCalendar DTSTART there is read: the first slot is 03:30, the rule follows it");
        assertEquals(at(3, 29, 3, 30), first.series().firstStart());
    }

    // ---------------------------------------------------------------- deleting and cancelling

    @Test
    void deletingThisOneOnlyAndNeverASettledOne() {
        List<Appointment> all = tenTuesdays();
        agenda.setStatus(all.get(0).id(), AppointmentStatus.REALISE, null);
        assertEquals(1, agenda.delete(all.get(3).id(), Scope.THIS));
        assertEquals(9, agenda.ofSeries(all.getFirst().series().id()).size());
        assertTrue(agenda.find(all.get(3).id()).isEmpty());
        var refused = assertThrows(InputException.class, () -> agenda.delete(all.get(0).id(), Scope.THIS));
        assertTrue(refused.getMessage().contains("fait partie du suivi"), refused.getMessage());
        assertEquals(9, appointments());
    }

    @Test
    void deletingTheFollowingEndsTheSeriesBeforeAndKeepsTheSettledOnesAsSingles() {
        List<Appointment> all = tenTuesdays();
        agenda.setStatus(all.get(2).id(), AppointmentStatus.REALISE, null);
        int n = agenda.delete(all.get(1).id(), Scope.FOLLOWING);

        assertEquals(8, n);
        List<Appointment> left = agenda.ofSeries(all.getFirst().series().id());
        assertEquals(List.of(all.get(0).id()), left.stream().map(Appointment::id).toList());
        assertEquals(Recurrence.weekly(1, LocalDate.of(2026, 4, 6)), left.getFirst().series().rule());
        Appointment done = reload(all.get(2));
        assertFalse(done.isOccurrence());
        assertEquals(AppointmentStatus.REALISE, done.status());
        assertEquals(2, appointments());
    }

    @Test
    void deletingAllRemovesTheSeriesButNotItsHistory() {
        List<Appointment> all = tenTuesdays();
        agenda.setStatus(all.get(1).id(), AppointmentStatus.NON_HONORE, null);
        agenda.delete(all.get(5).id(), Scope.ALL);

        assertEquals(0, seriesRows());
        assertEquals(1, appointments());
        Appointment kept = reload(all.get(1));
        assertFalse(kept.isOccurrence());
        assertEquals(at(4, 7, 10, 0), kept.start());
    }

    @Test
    void deletingTheLastOccurrencesLeftRemovesTheSeriesToo() {
        Appointment first = agenda.create(sessions(at(4, 21, 10, 0), Recurrence.weekly(1, 3)), null);
        List<Appointment> all = agenda.ofSeries(first.series().id());
        agenda.delete(all.get(0).id(), Scope.THIS);
        agenda.delete(all.get(1).id(), Scope.FOLLOWING);
        assertEquals(0, appointments());
        assertEquals(0, seriesRows(), "no series without occurrences");
    }

    @Test
    void cancellingTheFollowingOrAllCancelsOnlyPlannedOccurrences() {
        List<Appointment> all = tenTuesdays();
        agenda.setStatus(all.get(0).id(), AppointmentStatus.REALISE, null);
        agenda.cancel(all.get(6).id(), Scope.THIS);
        assertEquals(5, agenda.cancel(all.get(4).id(), Scope.FOLLOWING));
        List<AppointmentStatus> statuses = agenda.ofSeries(all.getFirst().series().id()).stream().map(Appointment::status).toList();
        assertEquals(List.of(AppointmentStatus.REALISE, AppointmentStatus.PREVU, AppointmentStatus.PREVU, AppointmentStatus.PREVU,
                AppointmentStatus.ANNULE, AppointmentStatus.ANNULE, AppointmentStatus.ANNULE, AppointmentStatus.ANNULE,
                AppointmentStatus.ANNULE, AppointmentStatus.ANNULE), statuses);

        assertEquals(3, agenda.cancel(all.get(9).id(), Scope.ALL));
        assertEquals(List.of(AppointmentStatus.REALISE, AppointmentStatus.ANNULE), agenda.ofSeries(all.getFirst().series().id()).stream()
                .map(Appointment::status).distinct().toList());
        assertEquals(10, appointments(), "cancelled occurrences stay in the agenda");
    }

    // ---------------------------------------------------------------- clashes

    @Test
    void aProfessionalBookedTwiceIsWarnedNamingHimAndTheTimeAndNothingIsSavedUntilAReasonIsGiven() {
        agenda.create(consultation(at(4, 21, 10, 0)), null);
        AppointmentInput overlapping = AppointmentInput.of(marcel, List.of(nurse), at(4, 21, 10, 15), Duration.ofMinutes(30),
                AppointmentKind.SEANCE, Place.DOMICILE);

        ConflictsException refused = refusedWithNothingWritten(ConflictsException.class, () -> agenda.create(overlapping, null));
        assertEquals(List.of(Conflict.Kind.PROFESSIONNEL_OCCUPE), refused.conflicts().stream().map(Conflict::kind).toList());
        assertEquals("Petit Lucie a déjà un rendez-vous le 21/04/2026 de 10:00 à 10:30 (consultation).",
                refused.conflicts().getFirst().message());
        assertTrue(refused.getMessage().endsWith("Pour l'enregistrer malgré tout, indiquez la raison."), refused.getMessage());
        assertEquals(refused.conflicts(), agenda.conflicts(overlapping, null), "the preview says the same");

        refusedWithNothingWritten(ConflictsException.class, () -> agenda.create(overlapping, "   "));
        Appointment kept = agenda.create(overlapping, "  Urgence : pansement à refaire ");
        assertEquals("Urgence : pansement à refaire", kept.conflictReason());
    }

    @Test
    void aPatientBookedTwiceIsWarnedNamingThePatient() {
        agenda.create(consultation(at(4, 21, 10, 0)), null);
        ConflictsException refused = refusedWithNothingWritten(ConflictsException.class, () -> agenda.create(
                AppointmentInput.of(eloise, List.of(physio), at(4, 21, 9, 45), Duration.ofMinutes(30), AppointmentKind.SEANCE, Place.MSP), null));
        assertEquals(List.of(Conflict.Kind.PATIENT_OCCUPE), refused.conflicts().stream().map(Conflict::kind).toList());
        assertEquals("MOREAU (née LEFÈVRE) Éloïse Marie a déjà un rendez-vous le 21/04/2026 de 10:00 à 10:30 (consultation).",
                refused.conflicts().getFirst().message());
        agenda.create(AppointmentInput.of(eloise, List.of(physio), at(4, 21, 9, 30), Duration.ofMinutes(30), AppointmentKind.SEANCE,
                Place.MSP), null);
        assertEquals(2, appointments(), "ending when the other starts is no clash");
    }

    @Test
    void aProfessionalWhoLeftOrHasNotJoinedYetIsWarnedAbout() {
        team.endMembership(physio, LocalDate.of(2026, 4, 20));
        int newcomer = professional("Garnier", "Inès", "infirmier", LocalDate.of(2026, 5, 1));

        AppointmentInput afterLeaving = AppointmentInput.of(eloise, List.of(physio), at(4, 21, 10, 0), Duration.ofMinutes(45),
                AppointmentKind.SEANCE, Place.MSP);
        ConflictsException left = refusedWithNothingWritten(ConflictsException.class, () -> agenda.create(afterLeaving, null));
        assertEquals(List.of(new Conflict(Conflict.Kind.HORS_EQUIPE, "Roux Hugo n'est pas membre de l'équipe le 21/04/2026.")),
                left.conflicts());
        agenda.create(afterLeaving.at(at(4, 20, 10, 0)), null);

        AppointmentInput beforeJoining = AppointmentInput.of(marcel, List.of(newcomer), at(4, 30, 10, 0), Duration.ofMinutes(30),
                AppointmentKind.SEANCE, Place.MSP);
        ConflictsException notYet = refusedWithNothingWritten(ConflictsException.class, () -> agenda.create(beforeJoining, null));
        assertEquals(List.of(Conflict.Kind.HORS_EQUIPE), notYet.conflicts().stream().map(Conflict::kind).toList());
        assertTrue(notYet.conflicts().getFirst().message().startsWith("Garnier Inès"), notYet.conflicts().getFirst().message());
        agenda.create(beforeJoining.at(at(5, 4, 10, 0)), null);
    }

    @Test
    void outsideOpeningHoursAndOnASundayIsWarnedAbout() {
        ConflictsException late = refusedWithNothingWritten(ConflictsException.class, () -> agenda.create(consultation(at(4, 21, 19, 45)), null));
        assertEquals(List.of(new Conflict(Conflict.Kind.HORS_HORAIRES,
                "Le rendez-vous le 21/04/2026 de 19:45 à 20:15 déborde des heures d'ouverture (08:00–20:00).")), late.conflicts());

        ConflictsException saturday = refusedWithNothingWritten(ConflictsException.class, () -> agenda.create(consultation(at(4, 25, 11, 45)), null));
        assertTrue(saturday.conflicts().getFirst().message().contains("(08:00–12:00)"), saturday.conflicts().toString());

        ConflictsException sunday = refusedWithNothingWritten(ConflictsException.class, () -> agenda.create(consultation(at(4, 26, 10, 0)), null));
        assertEquals(List.of(new Conflict(Conflict.Kind.HORS_HORAIRES, "La maison de santé est fermée le dimanche 26/04/2026.")),
                sunday.conflicts());

        agenda.create(consultation(at(4, 21, 19, 30)), null);
        agenda.create(consultation(at(4, 21, 8, 0)), null);
    }

    @Test
    void cancelledAppointmentsDoNotClashAndAnEditDoesNotClashWithItself() {
        Appointment a = agenda.create(consultation(at(4, 21, 10, 0)), null);
        agenda.update(a.id(), a.data().withTitle("Prise de sang"), Scope.THIS, null);
        agenda.move(a.id(), at(4, 21, 10, 15), null);
        assertEquals(at(4, 21, 10, 15), reload(a).start());

        agenda.cancel(a.id(), Scope.THIS);
        agenda.create(consultation(at(4, 21, 10, 0)), null);
        assertEquals(2, appointments());
    }

    @Test
    void aSeriesEditThatWouldClashChangesNothing() {
        List<Appointment> all = tenTuesdays();
        agenda.create(AppointmentInput.of(marcel, List.of(physio), at(5, 12, 11, 0), Duration.ofMinutes(30), AppointmentKind.SEANCE,
                Place.MSP), null);
        ConflictsException refused = assertThrows(ConflictsException.class,
                () -> agenda.update(all.get(5).id(), all.get(5).data().at(at(5, 5, 11, 0)), Scope.ALL, null));
        assertEquals(List.of("Roux Hugo a déjà un rendez-vous le 12/05/2026 de 11:00 à 11:30 (séance)."),
                refused.conflicts().stream().map(Conflict::message).toList());
        assertEquals(all, agenda.ofSeries(all.getFirst().series().id()), "nothing changed");
        assertEquals(1, seriesRows());

        agenda.update(all.get(5).id(), all.get(5).data().at(at(5, 5, 11, 0)), Scope.ALL, "M. Durand vient avant");
        List<Appointment> after = agenda.ofSeries(all.getFirst().series().id());
        assertEquals(List.of(java.time.LocalDate.of(2026, 5, 12)), after.stream().filter(a -> a.conflictReason() != null)
                .map(Appointment::day).toList(), "the reason stays on the occurrence that clashes only");
        assertEquals("M. Durand vient avant", after.stream().filter(a -> a.conflictReason() != null).findFirst().orElseThrow().conflictReason());
    }

    @Test
    void aSingleAppointmentTypedInTheSpringGapIsStoredAtTheTimeTheClockShows() {
        Appointment a = agenda.create(AppointmentInput.of(null, List.of(nurse), java.time.LocalDateTime.of(2026, 3, 29, 2, 30),
                Duration.ofMinutes(30), AppointmentKind.REUNION, Place.TELECONSULTATION), "garde de nuit");
        assertEquals(java.time.LocalDateTime.of(2026, 3, 29, 3, 30), a.start());
        assertEquals(java.time.LocalDateTime.of(2026, 3, 29, 4, 0), a.end());
    }

    @Test
    void aReasonGivenWithoutAnyClashIsNotKept() {
        Appointment a = agenda.create(consultation(at(4, 21, 10, 0)), "par précaution");
        assertNull(a.conflictReason(), "nothing to excuse");
    }

    @Test
    void theWarningsOfALongSeriesAreCapped() {
        Supplier<AppointmentInput> sundays = () -> consultation(at(4, 19, 10, 0)).repeating(Recurrence.weekly(1, 30));
        ConflictsException refused = refusedWithNothingWritten(ConflictsException.class, () -> agenda.create(sundays.get(), null));
        assertEquals(13, refused.conflicts().size());
        assertEquals("… et 18 autre(s) avertissement(s).", refused.conflicts().getLast().message());
        assertEquals("La maison de santé est fermée le dimanche 19/04/2026.", refused.conflicts().getFirst().message());
        assertEquals(30, agenda.ofSeries(agenda.create(sundays.get(), "Tournée du dimanche").series().id()).size());
    }

    // ---------------------------------------------------------------- the plan

    private int validatedPlan() {
        int planId = plans.start(eloise);
        plans.saveDraft(planId, PlanFixtures.fallsPlan(nurse, TODAY.plusDays(20), TODAY.plusDays(40)));
        plans.validate(planId, TODAY);
        return planId;
    }

    private String careAction(int planId) {
        return plans.find(planId).orElseThrow().current().content().actions(Action.Part.SOINS).getFirst().uid();
    }

    private Action.Status followed(int planId, String actionUid) {
        return plans.find(planId).orElseThrow().followedActions().stream().filter(a -> a.uid().equals(actionUid)).findFirst().orElseThrow().status();
    }

    @Test
    void markingAppointmentsRealisesRecordsProgressOnTheirAction() {
        int planId = validatedPlan();
        String care = careAction(planId);
        Appointment monday = agenda.create(consultation(at(4, 13, 10, 0)).withAction(planId, care), null);
        Appointment tuesday = agenda.create(consultation(at(4, 14, 10, 0)).withAction(planId, care), null);
        Appointment later = agenda.create(consultation(at(4, 22, 10, 0)).withAction(planId, care), null);

        AgendaService.StatusChange first = agenda.setStatus(monday.id(), AppointmentStatus.REALISE, "Équilibre meilleur");
        assertEquals(Action.Status.EN_COURS, first.actionStatus(), "two more are planned");
        assertEquals("Action du plan notée « en cours ».", first.message());
        assertEquals(Action.Status.EN_COURS, followed(planId, care));
        assertEquals("Équilibre meilleur", reload(monday).data().notesAfter());

        var future = assertThrows(InputException.class, () -> agenda.setStatus(later.id(), AppointmentStatus.REALISE, null));
        assertEquals("Un rendez-vous du 22/04/2026 ne peut pas encore être marqué « réalisé ».", future.getMessage());
        assertEquals(AppointmentStatus.PREVU, reload(later).status());

        agenda.cancel(later.id(), Scope.THIS);
        AgendaService.StatusChange last = agenda.setStatus(tuesday.id(), AppointmentStatus.REALISE, null);
        assertEquals(Action.Status.REALISEE, last.actionStatus(), "the last planned one");
        assertEquals(Action.Status.REALISEE, followed(planId, care));
        var update = plans.find(planId).orElseThrow().updates().getLast();
        assertEquals(LocalDate.of(2026, 4, 14), update.on());
        assertTrue(update.result().startsWith("Consultation du 14/04/2026 réalisé(e) avec"), update.result());

        AgendaService.StatusChange again = agenda.setStatus(tuesday.id(), AppointmentStatus.REALISE, null);
        assertNull(again.actionStatus(), "marked twice, noted once");
        assertEquals(2, plans.find(planId).orElseThrow().updates().size());
    }

    @Test
    void aRealiseAppointmentThatWasNotPutsItsActionBackInProgressAndIsNotedOnceWhenDoneAgain() {
        int planId = validatedPlan();
        String care = careAction(planId);
        Appointment only = agenda.create(consultation(at(4, 13, 10, 0)).withAction(planId, care), null);
        agenda.setStatus(only.id(), AppointmentStatus.REALISE, null);
        assertEquals(Action.Status.REALISEE, followed(planId, care));

        AgendaService.StatusChange missed = agenda.setStatus(only.id(), AppointmentStatus.NON_HONORE, null);
        assertEquals(Action.Status.EN_COURS, missed.actionStatus());
        assertEquals(Action.Status.EN_COURS, followed(planId, care), "the plan no longer says it was done");
        assertTrue(plans.find(planId).orElseThrow().updates().getLast().result().contains("finalement « non honoré »"));

        agenda.setStatus(only.id(), AppointmentStatus.NON_HONORE, null);
        assertEquals(2, plans.find(planId).orElseThrow().updates().size(), "the same status twice notes nothing");
        agenda.setStatus(only.id(), AppointmentStatus.REALISE, null);
        assertEquals(Action.Status.REALISEE, followed(planId, care));
        assertEquals(3, plans.find(planId).orElseThrow().updates().size(), "done, not done, done: three lines of follow-up");
    }

    @Test
    void whenThePlanIsNotInForceTheStatusStillChangesAndTheMessageSaysNothingWasNoted() {
        int draft = plans.start(eloise);
        plans.saveDraft(draft, PlanFixtures.fallsPlan(nurse, TODAY.plusDays(20), TODAY.plusDays(40)));
        Appointment a = agenda.create(consultation(at(4, 14, 10, 0)).withAction(draft, careAction(draft)), null);
        AgendaService.StatusChange change = agenda.setStatus(a.id(), AppointmentStatus.REALISE, null);
        assertEquals(AppointmentStatus.REALISE, reload(a).status());
        assertNull(change.actionStatus());
        assertTrue(change.message().contains("rien n'a été noté sur le plan"), change.message());
        assertTrue(plans.find(draft).orElseThrow().updates().isEmpty());

        plans.validate(draft, TODAY);
        Appointment b = agenda.create(consultation(at(4, 13, 10, 0)).withAction(draft, careAction(draft)), null);
        plans.close(draft, TODAY, "Objectifs atteints");
        AgendaService.StatusChange closed = agenda.setStatus(b.id(), AppointmentStatus.REALISE, null);
        assertEquals(AppointmentStatus.REALISE, reload(b).status());
        assertTrue(closed.message().contains("rien n'a été noté sur le plan"), closed.message());
        assertTrue(plans.find(draft).orElseThrow().updates().isEmpty());
    }

    @Test
    void whenRecordingProgressFailsTheStatusChangeIsRolledBackToo() {
        int planId = validatedPlan();
        Appointment a = agenda.create(consultation(at(4, 14, 10, 0)).withAction(planId, careAction(planId)), null);
        db.write((dsl, audit) -> {
            audit.record("test", null, fr.coordo.store.AuditAction.UPDATE, null);
            return dsl.execute("CREATE TRIGGER refuse_progress BEFORE INSERT ON plan_action_update BEGIN SELECT RAISE(ABORT, 'refusé'); END");
        });
        assertThrows(StoreException.class, () -> agenda.setStatus(a.id(), AppointmentStatus.REALISE, "Fait"));
        Appointment after = reload(a);
        assertEquals(AppointmentStatus.PREVU, after.status(), "one transaction: nothing changed");
        assertNull(after.data().notesAfter());
    }

    @Test
    void aPlannedOccurrenceOfASeriesLinkedToAnActionKeepsTheActionEnCoursUntilTheLast() {
        int planId = validatedPlan();
        String care = careAction(planId);
        Appointment first = agenda.create(sessions(at(3, 31, 10, 0), Recurrence.weekly(1, 3)).withAction(planId, care), null);
        List<Appointment> all = agenda.ofSeries(first.series().id());
        assertEquals(Action.Status.EN_COURS, agenda.setStatus(all.get(0).id(), AppointmentStatus.REALISE, null).actionStatus());
        agenda.setStatus(all.get(1).id(), AppointmentStatus.NON_HONORE, null);
        assertEquals(Action.Status.REALISEE, agenda.setStatus(all.get(2).id(), AppointmentStatus.REALISE, null).actionStatus());
        assertEquals(Plan.State.VALIDE, plans.find(planId).orElseThrow().state());
    }
}
