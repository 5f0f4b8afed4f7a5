package fr.coordo.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calendars written by other programs: times in UTC or other zones, all-day events, rules the agenda cannot hold. */
class IcsImportTest {
    @TempDir
    Path dir;

    private static byte[] calendar(String... events) {
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Exemple//Agenda partagé//FR\n" + String.join("", events) + "END:VCALENDAR\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<Appointment> all(Database db) {
        return new AgendaService(db).between(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), AgendaService.Filter.TEAM);
    }

    private static Appointment titled(List<Appointment> all, String title) {
        return all.stream().filter(a -> title.equals(a.data().title())).findFirst().orElseThrow(() -> new AssertionError(title));
    }

    private static int imports(Database db) {
        return db.read(dsl -> dsl.fetchCount(dsl.selectFrom("audit_entry").where("action = 'IMPORT'")));
    }

    @Test
    void foreignEventsBecomeParisWallClockAppointmentsOfTheChosenProfessional() {
        try (var p = AgendaFixtures.people(dir.resolve("b.db"))) {
            AgendaService agenda = new AgendaService(p.db(), AgendaFixtures.CLOCK);
            agenda.create(AppointmentInput.of(p.eloise(), List.of(p.bernard()), LocalDateTime.of(2026, 3, 12, 10, 30), java.time.Duration.ofMinutes(20),
                    AppointmentKind.CONSULTATION, Place.MSP), null);
            byte[] ics = calendar("""
                    BEGIN:VEVENT
                    UID:formation@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART:20260312T090000Z
                    DTEND:20260312T103000Z
                    SUMMARY:Formation plaies chroniques
                    LOCATION:CHU de Tours
                    DESCRIPTION:Prévoir la carte CPS
                    ATTENDEE;CN=Lucie Petit:urn:rpps:%s
                    ATTENDEE;CN=Inconnu:mailto:inconnu@exemple.fr
                    ATTENDEE;CN=Quelqu'un d'autre:urn:coordo:professional:3
                    END:VEVENT
                    """.formatted(AgendaFixtures.PETIT_RPPS), """
                    BEGIN:VEVENT
                    UID:staff@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART:20260316T090000Z
                    DURATION:PT1H
                    RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4
                    EXDATE:20260323T090000Z
                    SUMMARY:Staff hebdomadaire
                    END:VEVENT
                    BEGIN:VEVENT
                    UID:staff@exemple.fr
                    DTSTAMP:20260101T000000Z
                    RECURRENCE-ID:20260330T090000Z
                    DTSTART:20260331T090000Z
                    DURATION:PT1H
                    SUMMARY:Staff décalé
                    END:VEVENT
                    """, """
                    BEGIN:VEVENT
                    UID:montreal@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID=America/New_York:20260320T090000
                    DTEND;TZID=America/New_York:20260320T093000
                    SUMMARY:Visio avec New York
                    STATUS:CANCELLED
                    END:VEVENT
                    BEGIN:VEVENT
                    UID:labo@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART:20260402T083000
                    DTEND:20260402T090000
                    SUMMARY:Appel du laboratoire
                    END:VEVENT
                    BEGIN:VEVENT
                    UID:conges@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART;VALUE=DATE:20260401
                    DTEND;VALUE=DATE:20260404
                    SUMMARY:Congés
                    END:VEVENT
                    BEGIN:VTODO
                    UID:todo@exemple.fr
                    DTSTAMP:20260101T000000Z
                    SUMMARY:Rappeler la pharmacie
                    END:VTODO
                    """);

            IcsImport.Report r = IcsImport.read(p.db(), ics, "partage.ics", p.bernard(), AgendaFixtures.CLOCK);

            assertEquals(List.of("« Congés » du 01/04/2026 : événement sur la journée entière, non importé (l'agenda ne tient que des "
                    + "rendez-vous avec leurs heures).", "1 élément autre que des rendez-vous (tâches, notes, disponibilités…) non importé."),
                    r.lines());
            assertEquals(4, r.events());
            assertEquals(6, r.created(), "the training, three staff meetings (one was removed by EXDATE), the call to New York and the lab's call");
            assertEquals(1, r.clashes(), "the training overlaps Dr Bernard's consultation, and is imported all the same");

            List<Appointment> all = all(p.db());
            Appointment training = titled(all, "Formation plaies chroniques");
            assertEquals(LocalDateTime.of(2026, 3, 12, 10, 0), training.start(), "09:00 UTC is 10:00 in Paris in March");
            assertEquals(LocalDateTime.of(2026, 3, 12, 11, 30), training.end());
            assertEquals(AppointmentKind.AUTRE, training.data().kind());
            assertEquals(Place.EXTERIEUR, training.data().place());
            assertEquals("CHU de Tours", training.data().placeDetail());
            assertEquals("Prévoir la carte CPS", training.data().notesBefore());
            assertNull(training.data().patientId());
            assertEquals(Set.of(p.bernard(), p.petit()), Set.copyOf(training.data().professionalIds()),
                    "the chosen professional, and the attendee known by RPPS; not an id under another name");

            List<Appointment> staff = all.stream().filter(a -> a.uid().equals("staff@exemple.fr")).toList();
            assertEquals(3, staff.size(), "the EXDATE slot holds no appointment");
            assertTrue(staff.stream().allMatch(a -> a.series().rule().equals(Recurrence.weekly(1, 4))));
            assertEquals(List.of(LocalDateTime.of(2026, 3, 16, 10, 0), LocalDateTime.of(2026, 3, 31, 11, 0),
                    LocalDateTime.of(2026, 4, 6, 11, 0)), staff.stream().map(Appointment::start).toList(),
                    "09:00 UTC is 10:00 in winter and 11:00 in summer in Paris");
            assertEquals(List.of(AppointmentStatus.PREVU, AppointmentStatus.PREVU, AppointmentStatus.PREVU),
                    staff.stream().map(Appointment::status).toList());
            assertEquals("Staff décalé", staff.get(1).data().title());
            assertEquals(LocalDateTime.of(2026, 3, 30, 10, 0), staff.get(1).recurrenceId(), "the slot of the series in Paris time");

            Appointment call = titled(all, "Visio avec New York");
            assertEquals(LocalDateTime.of(2026, 3, 20, 14, 0), call.start(), "09:00 in New York (summer time already) is 14:00 in Paris");
            assertEquals(AppointmentStatus.ANNULE, call.status());
            assertEquals(LocalDateTime.of(2026, 4, 2, 8, 30), titled(all, "Appel du laboratoire").start(), "a floating time is read as Paris time");
            assertTrue(all.stream().allMatch(a -> a.data().professionalIds().contains(p.bernard())));
        }
    }

    @Test
    void anEndlessWeeklySeriesFromAnOnlineCalendarIsTakenForAYearAndSaysSo() {
        try (var p = AgendaFixtures.people(dir.resolve("e.db"))) {
            byte[] ics = calendar("""
                    BEGIN:VEVENT
                    UID:kine@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID=Europe/Paris:20260316T100000
                    DTEND;TZID=Europe/Paris:20260316T103000
                    RRULE:FREQ=WEEKLY
                    SUMMARY:Kinésithérapie
                    END:VEVENT
                    """);
            IcsImport.Report report = IcsImport.read(p.db(), ics, "kine.ics", p.bernard(), AgendaFixtures.CLOCK);
            var rows = all(p.db());
            assertEquals(53, rows.size(), "every Monday from 16/03/2026 to 16/03/2027");
            assertEquals(java.time.LocalDate.of(2027, 3, 15), rows.getLast().day());
            assertTrue(rows.stream().allMatch(a -> a.start().getHour() == 10), "10:00 across the change of time");
            assertTrue(report.lines().stream().anyMatch(l -> l.contains("série sans fin") && l.contains("16/03/2027")), report.lines().toString());
        }
    }

    @Test
    void aRuleTheAgendaCannotHoldRefusesTheWholeFileAndNamesTheEvent() {
        try (var p = AgendaFixtures.people(dir.resolve("b.db"))) {
            String single = """
                    BEGIN:VEVENT
                    UID:ok@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID=Europe/Paris:20260310T100000
                    DTEND;TZID=Europe/Paris:20260310T110000
                    SUMMARY:Réunion ordinaire
                    END:VEVENT
                    """;
            for (String rule : List.of("FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10", "FREQ=WEEKLY;BYDAY=TU;COUNT=3",
                    "FREQ=MONTHLY;BYDAY=2MO;COUNT=3", "FREQ=YEARLY;COUNT=2")) {
                byte[] ics = calendar(single, """
                        BEGIN:VEVENT
                        UID:soins@exemple.fr
                        DTSTAMP:20260101T000000Z
                        DTSTART;TZID=Europe/Paris:20260316T100000
                        DTEND;TZID=Europe/Paris:20260316T103000
                        RRULE:%s
                        SUMMARY:Pansement
                        END:VEVENT
                        """.formatted(rule));
                StoreException refused = assertThrows(StoreException.class,
                        () -> IcsImport.read(p.db(), ics, "soins.ics", p.bernard(), AgendaFixtures.CLOCK), rule);
                assertTrue(refused.getMessage().startsWith("L'événement « Pansement » du 16/03/2026 à 10:00 se répète selon une règle que "
                        + "l'agenda ne sait pas reprendre (RRULE:"), refused.getMessage());
                for (String part : rule.split(";")) {
                    assertTrue(refused.getMessage().contains(part), "the rule is quoted: " + refused.getMessage());
                }
                assertTrue(refused.getMessage().contains("(FREQ=WEEKLY ou FREQ=MONTHLY, avec INTERVAL)"), refused.getMessage());
            }
            assertEquals(0, all(p.db()).size(), "not even the event that was fine");
            assertEquals(0, imports(p.db()));
        }
    }

    @Test
    void anEventTheAgendaRefusesStopsTheImportWithItsName() {
        try (var p = AgendaFixtures.people(dir.resolve("b.db"))) {
            byte[] ics = calendar("""
                    BEGIN:VEVENT
                    UID:ok@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID=Europe/Paris:20260310T100000
                    DTEND;TZID=Europe/Paris:20260310T110000
                    SUMMARY:Réunion ordinaire
                    END:VEVENT
                    BEGIN:VEVENT
                    UID:long@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID=Europe/Paris:20260316T100000
                    DTEND;TZID=Europe/Paris:20260316T103000
                    RRULE:FREQ=WEEKLY;COUNT=600
                    SUMMARY:Pansement
                    END:VEVENT
                    """);
            StoreException refused = assertThrows(StoreException.class,
                    () -> IcsImport.read(p.db(), ics, "soins.ics", p.bernard(), AgendaFixtures.CLOCK));
            assertEquals("Événement « Pansement » du 16/03/2026 à 10:00 : Répétition : de 1 à 500 rendez-vous.", refused.getMessage());
            assertEquals(0, all(p.db()).size(), "all or nothing");
        }
    }

    @Test
    void aBrokenFileIsRefusedInFrenchWithItsLineAndNothingIsWritten() {
        try (var p = AgendaFixtures.people(dir.resolve("b.db"))) {
            byte[] broken = calendar("""
                    BEGIN:VEVENT
                    UID:ok@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART:2026XX10T100000
                    DTEND:20260310T110000
                    SUMMARY:Réunion
                    END:VEVENT
                    """);
            StoreException refused = assertThrows(StoreException.class,
                    () -> IcsImport.read(p.db(), broken, "abime.ics", p.bernard(), AgendaFixtures.CLOCK));
            assertTrue(refused.getMessage().startsWith("Le fichier « abime.ics » n'est pas un calendrier iCalendar valide : la ligne 7 "
                    + "n'a pas pu être lue"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("Rien n'a été importé."), refused.getMessage());

            StoreException notIcs = assertThrows(StoreException.class, () -> IcsImport.read(p.db(),
                    "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1), "plan.pdf", p.bernard(), AgendaFixtures.CLOCK));
            assertTrue(notIcs.getMessage().contains("« plan.pdf » n'est pas un calendrier iCalendar valide : la ligne 1"), notIcs.getMessage());

            StoreException unknownZone = assertThrows(StoreException.class, () -> IcsImport.read(p.db(), calendar("""
                    BEGIN:VEVENT
                    UID:mars@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID=Mars/Olympus:20260310T100000
                    DTEND;TZID=Mars/Olympus:20260310T110000
                    SUMMARY:Réunion
                    END:VEVENT
                    """), "mars.ics", p.bernard(), AgendaFixtures.CLOCK));
            assertTrue(unknownZone.getMessage().startsWith("Le fichier « mars.ics » n'est pas un calendrier iCalendar valide : une valeur "
                    + "n'a pas pu être lue (") && unknownZone.getMessage().contains("Mars/Olympus"), unknownZone.getMessage());
            assertEquals(0, all(p.db()).size());
            assertEquals(0, imports(p.db()));
        }
    }

    @Test
    void theImportIsAuditedWithItsCounts() {
        try (var p = AgendaFixtures.people(dir.resolve("b.db"))) {
            IcsImport.read(p.db(), calendar("""
                    BEGIN:VEVENT
                    UID:ok@exemple.fr
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID=Europe/Paris:20260310T100000
                    DTEND;TZID=Europe/Paris:20260310T110000
                    SUMMARY:Réunion ordinaire
                    END:VEVENT
                    """), "reunion.ics", p.bernard(), AgendaFixtures.CLOCK);
            String changes = p.db().read(dsl -> dsl.select(org.jooq.impl.DSL.field("changes", String.class)).from("audit_entry")
                    .where("action = 'IMPORT' and entity = 'agenda'").fetchOne(0, String.class));
            assertTrue(changes.contains("reunion.ics") && changes.contains("\"created\":[null,1]"), changes);
            assertEquals(Set.of("Réunion ordinaire"), all(p.db()).stream().map(a -> a.data().title()).collect(Collectors.toSet()));
        }
    }
}
