package fr.coordo.agenda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.patient.PatientService;
import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneUpdater;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcsRoundTripTest {
    @TempDir
    Path dir;

    /** What a user sees of an appointment, with the people named by RPPS and patient reference (ids differ between bases). */
    record Seen(String uid, LocalDateTime recurrenceId, String seriesUid, Recurrence rule, LocalDateTime firstStart, LocalDateTime start,
            LocalDateTime end, AppointmentKind kind, Place place, String placeDetail, AppointmentStatus status, String title,
            String notesBefore, String notesAfter, String patient, Set<String> professionals) {
        static Seen of(Appointment a) {
            AppointmentInput d = a.data();
            return new Seen(a.uid(), a.recurrenceId(), a.series() == null ? null : a.series().uid(), a.series() == null ? null : a.series().rule(),
                    a.series() == null ? null : a.series().firstStart(), a.start(), a.end(), d.kind(), d.place(), d.placeDetail(), a.status(),
                    d.title(), d.notesBefore(), d.notesAfter(), a.patientReference(),
                    a.professionals().stream().map(Appointment.Participant::rpps).collect(Collectors.toCollection(TreeSet::new)));
        }

        String key() {
            return uid + "/" + recurrenceId;
        }
    }

    static List<Seen> everything(Database db) {
        return new AgendaService(db, AgendaFixtures.CLOCK).between(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), AgendaService.Filter.TEAM)
                .stream().map(Seen::of).sorted(Comparator.comparing(Seen::key)).toList();
    }

    private static String text(byte[] ics) {
        return new String(ics, StandardCharsets.UTF_8);
    }

    private static Calendar parse(byte[] ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(text(ics)));
    }

    @Test
    void theFileIsAValidCalendarWithTheParisZoneRulesAndExceptions() throws Exception {
        try (var p = AgendaFixtures.agenda(dir.resolve("a.db"))) {
            IcsExport.Rendered r = IcsExport.render(p.db(), AgendaService.Filter.professional(p.bernard()), AgendaFixtures.CLOCK);
            String ics = text(r.bytes());
            assertEquals(20, r.appointments(), "1 consultation, 8 sessions, 6 bilans, 5 meetings");
            assertEquals(9, r.events(), "4 masters, the meeting's own occurrence, the réalisé, moved, cancelled and non honoré sessions");

            assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\nPRODID:-//Coordo//Agenda//FR\r\nVERSION:2.0\r\n"), ics.substring(0, 80));
            assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
            assertFalse(ics.replace("\r\n", "").contains("\n"), "every line ends with CRLF");
            for (String line : ics.split("\r\n")) {
                assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "folded at 75 octets: " + line);
            }
            String unfolded = ics.replace("\r\n ", "");
            assertTrue(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"), "the zone's definition travels with the file");
            assertTrue(unfolded.contains("RRULE:FREQ=WEEKLY;UNTIL=20260504T215959Z;INTERVAL=1"), "until the end of 4 May in Paris, in UTC");
            assertTrue(unfolded.contains("RRULE:FREQ=MONTHLY;COUNT=6;INTERVAL=1"));
            assertTrue(unfolded.contains("RRULE:FREQ=WEEKLY;UNTIL=20260430T215959Z;INTERVAL=2"));
            assertFalse(unfolded.contains("EXDATE"), "nothing deleted: a cancelled session is not an EXDATE");
            assertTrue(unfolded.matches("(?s).*RECURRENCE-ID;TZID=Europe/Paris:20260406T100000\r\n.*?STATUS:CANCELLED\r\n.*"),
                    "the cancelled session stays an event, cancelled");
            assertTrue(unfolded.contains("RECURRENCE-ID;TZID=Europe/Paris:20260323T100000\r\nDTSTART;TZID=Europe/Paris:20260324T110000\r\n"),
                    "the moved session keeps its slot as RECURRENCE-ID");
            assertTrue(unfolded.contains("ATTENDEE;CN=Petit Lucie:urn:rpps:" + AgendaFixtures.PETIT_RPPS));
            assertTrue(unfolded.contains("X-COORDO-PATIENT;CN=\"MOREAU (née LEFÈVRE) Éloïse Marie\":P000001"));
            assertTrue(unfolded.contains("X-COORDO-NOTES-BEFORE:Apporter l'ordonnance \\; bilan sanguin récent\\, « à jeun »"),
                    "text escaped as RFC 5545 says");
            String nir = new PatientService(p.db()).find(p.eloise()).orElseThrow().data().nir();
            assertFalse(unfolded.contains(nir) || unfolded.contains(nir.substring(0, 13)), "never the NIR");

            Calendar back = parse(r.bytes());
            assertFalse(back.validate().hasErrors(), back.validate().toString());
            List<VEvent> events = back.getComponents("VEVENT");
            assertEquals(9, events.size());
            VEvent sessions = events.stream().filter(e -> e.getProperty(Property.RRULE).isPresent()
                    && e.getProperty(Property.SUMMARY).orElseThrow().getValue().startsWith("Séance")).findFirst().orElseThrow();
            Set<Period<ZonedDateTime>> set = sessions.calculateRecurrenceSet(new Period<>(ZonedDateTime.parse("2026-03-01T00:00Z"),
                    ZonedDateTime.parse("2026-06-01T00:00Z")));
            Set<Instant> starts = set.stream().map(s -> Instant.from(s.getStart())).collect(Collectors.toSet());
            assertEquals(8, starts.size(), "8 Mondays, the cancelled one marked as such by its own event: " + starts);
            assertTrue(starts.contains(Instant.parse("2026-03-23T09:00:00Z")), "10:00 in winter time");
            assertTrue(starts.contains(Instant.parse("2026-03-30T08:00:00Z")), "still 10:00 after the 29 March change");
        }
    }

    @Test
    void aDeletedSessionIsAnExdateAndComesBackNeitherOnReimportNorInAnotherBase() throws Exception {
        try (var a = AgendaFixtures.agenda(dir.resolve("a.db")); var b = AgendaFixtures.people(dir.resolve("b.db"))) {
            AgendaService agenda = new AgendaService(a.db(), AgendaFixtures.CLOCK);
            Appointment deleted = agenda.between(java.time.LocalDate.of(2026, 4, 13), java.time.LocalDate.of(2026, 4, 14),
                    AgendaService.Filter.professional(a.bernard())).stream().filter(Appointment::isOccurrence).findFirst().orElseThrow();
            agenda.delete(deleted.id(), Scope.THIS);
            byte[] file = IcsExport.render(a.db(), AgendaService.Filter.professional(a.bernard()), AgendaFixtures.CLOCK).bytes();
            String slot = deleted.recurrenceId().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
            assertTrue(text(file).replace("\r\n ", "").contains("EXDATE;TZID=Europe/Paris:" + slot), "the deleted slot");

            int count = everything(a.db()).size();
            IcsImport.Report again = IcsImport.read(a.db(), file, "bernard.ics", a.bernard(), AgendaFixtures.CLOCK);
            assertEquals(0, again.created(), "the deleted session does not come back");
            assertEquals(count, everything(a.db()).size());

            IcsImport.read(b.db(), file, "bernard.ics", b.bernard(), AgendaFixtures.CLOCK);
            assertEquals(everything(a.db()), everything(b.db()), "the same appointments in another base");
        }
    }

    @Test
    void importingTheExportIntoAnEmptyBaseGivesTheSameAppointmentsAndTheSameFileBack() throws Exception {
        try (var a = AgendaFixtures.agenda(dir.resolve("a.db")); var b = AgendaFixtures.people(dir.resolve("b.db"))) {
            byte[] first = IcsExport.render(a.db(), AgendaService.Filter.professional(a.bernard()), AgendaFixtures.CLOCK).bytes();
            assertArrayEquals(first, IcsExport.render(a.db(), AgendaService.Filter.professional(a.bernard()), AgendaFixtures.CLOCK).bytes(),
                    "same data, same clock: same bytes");

            IcsImport.Report report = IcsImport.read(b.db(), first, "bernard.ics", b.bernard(), AgendaFixtures.CLOCK);
            assertEquals(new IcsImport.Report(4, 20, 0, 0, 0, List.of()), report);
            List<Seen> before = everything(a.db());
            List<Seen> after = everything(b.db());
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                assertEquals(before.get(i), after.get(i));
            }
            Seen moved = after.stream().filter(s -> LocalDateTime.of(2026, 3, 23, 10, 0).equals(s.recurrenceId())).findFirst().orElseThrow();
            assertEquals(LocalDateTime.of(2026, 3, 24, 11, 0), moved.start());
            assertEquals(AppointmentStatus.ANNULE, after.stream().filter(s -> LocalDateTime.of(2026, 4, 6, 10, 0).equals(s.recurrenceId()))
                    .findFirst().orElseThrow().status());

            byte[] again = IcsExport.render(b.db(), AgendaService.Filter.professional(b.bernard()), AgendaFixtures.CLOCK).bytes();
            assertEquals(text(first), text(again), "the imported agenda exports to the very same file, UIDs included");
            byte[] later = IcsExport.render(b.db(), AgendaService.Filter.professional(b.bernard()),
                    Clock.offset(AgendaFixtures.CLOCK, java.time.Duration.ofDays(1))).bytes();
            assertEquals(text(first).replace("DTSTAMP:20260506T070000Z", "DTSTAMP:20260507T070000Z"), text(later), "only DTSTAMP follows the clock");
        }
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        try (var a = AgendaFixtures.agenda(dir.resolve("a.db")); var b = AgendaFixtures.people(dir.resolve("b.db"))) {
            byte[] ics = IcsExport.render(a.db(), AgendaService.Filter.TEAM, AgendaFixtures.CLOCK).bytes();
            IcsImport.read(b.db(), ics, "equipe.ics", b.bernard(), AgendaFixtures.CLOCK);
            List<Seen> once = everything(b.db());
            Map<String, Integer> ids = ids(b.db());
            for (int i = 0; i < 2; i++) {
                IcsImport.Report again = IcsImport.read(b.db(), ics, "equipe.ics", b.bernard(), AgendaFixtures.CLOCK);
                assertEquals(0, again.created(), "no copy");
                assertEquals(0, again.updated());
                assertEquals(20, again.unchanged());
            }
            assertEquals(once, everything(b.db()));
            assertEquals(ids, ids(b.db()), "the very same rows");
        }
    }

    private static Map<String, Integer> ids(Database db) {
        return new AgendaService(db).between(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), AgendaService.Filter.TEAM).stream()
                .collect(Collectors.toMap(x -> Seen.of(x).key(), Appointment::id));
    }

    @Test
    void anEditedSummaryOrTimeUpdatesTheAppointmentsButNotTheirHistory() {
        try (var a = AgendaFixtures.agenda(dir.resolve("a.db"))) {
            byte[] ics = IcsExport.render(a.db(), AgendaService.Filter.TEAM, AgendaFixtures.CLOCK).bytes();
            Map<String, Integer> ids = ids(a.db());
            String edited = text(ics).replace("\r\n ", "")
                    .replace("SUMMARY:Consultation — MOREAU", "SUMMARY:Consultation de contrôle — MOREAU")
                    .replace("DTSTART;TZID=Europe/Paris:20260310T140000", "DTSTART;TZID=Europe/Paris:20260310T150000")
                    .replace("DTEND;TZID=Europe/Paris:20260310T143000", "DTEND;TZID=Europe/Paris:20260310T153000")
                    .replace("SUMMARY:Séance — MOREAU", "SUMMARY:Séance de pansement — MOREAU");

            IcsImport.Report r = IcsImport.read(a.db(), edited.getBytes(StandardCharsets.UTF_8), "modifie.ics", a.bernard(), AgendaFixtures.CLOCK);

            // the consultation, and the sessions not lived yet: four planned, the moved one and the cancelled one
            assertEquals(0, r.created());
            assertEquals(7, r.updated(), r.toString());
            assertEquals(List.of("« Séance de pansement — MOREAU (née LEFÈVRE) Éloïse Marie » du 16/03/2026 à 10:00 : 2 rendez-vous "
                    + "déjà réalisés ou non honorés sont gardés tels quels ; le fichier n'en change pas l'historique."), r.lines());
            Appointment consultation = new AgendaService(a.db()).find(ids.get(keyOfSingle(a.db()))).orElseThrow();
            assertEquals("Consultation de contrôle", consultation.data().title());
            assertEquals(LocalDateTime.of(2026, 3, 10, 15, 0), consultation.start());
            assertEquals(LocalDateTime.of(2026, 3, 10, 15, 30), consultation.end());
            Map<AppointmentStatus, Set<String>> titles = everything(a.db()).stream().filter(s -> s.kind() == AppointmentKind.SEANCE)
                    .collect(Collectors.groupingBy(Seen::status, Collectors.mapping(s -> String.valueOf(s.title()), Collectors.toSet())));
            assertEquals(Set.of("Séance de pansement"), titles.get(AppointmentStatus.PREVU));
            assertEquals(Set.of("null"), titles.get(AppointmentStatus.REALISE), "history is not rewritten");
            assertEquals(ids, ids(a.db()), "updated in place");
        }
    }

    private static String keyOfSingle(Database db) {
        return everything(db).stream().filter(s -> s.kind() == AppointmentKind.CONSULTATION).findFirst().orElseThrow().key();
    }

    @Test
    void aPatientReferenceThatNamesSomeoneElseHereIsNotAttached() {
        try (var a = AgendaFixtures.agenda(dir.resolve("a.db")); var c = AgendaFixtures.people(dir.resolve("c.db"))) {
            byte[] ics = IcsExport.render(a.db(), AgendaService.Filter.TEAM, AgendaFixtures.CLOCK).bytes();
            // in this base, P000001 is someone else
            PatientService patients = new PatientService(c.db());
            var eloise = patients.find(c.eloise()).orElseThrow().data();
            patients.update(c.eloise(), new fr.coordo.patient.PatientInput("Dubois", null, "Marthe", eloise.birthDate(), "F", eloise.nir(),
                    eloise.address(), eloise.postalCode(), eloise.city(), null, null, null, null, null, null, false, null, false, null, false,
                    null, null, null, null, eloise.status(), null, null, List.of()), Set.of());

            IcsImport.Report r = IcsImport.read(c.db(), ics, "autre.ics", c.bernard(), AgendaFixtures.CLOCK);

            List<Seen> seen = everything(c.db());
            assertTrue(seen.stream().noneMatch(s -> "P000001".equals(s.patient())), "never attached to Mme Dubois");
            Seen consultation = seen.stream().filter(s -> s.start().equals(LocalDateTime.of(2026, 3, 10, 14, 0))).findFirst().orElseThrow();
            assertEquals(AppointmentKind.AUTRE, consultation.kind(), "a consultation needs a patient");
            assertEquals("Consultation — MOREAU (née LEFÈVRE) Éloïse Marie", consultation.title(), "the file's title is kept");
            assertNull(consultation.patient());
            assertTrue(seen.stream().filter(s -> s.kind() == AppointmentKind.BILAN).allMatch(s -> "P000002".equals(s.patient())),
                    "Henri Garnier is P000002 here too, under the same name");
            assertTrue(r.lines().contains("« Consultation — MOREAU (née LEFÈVRE) Éloïse Marie » du 10/03/2026 à 14:00 : le patient P000001 "
                    + "(MOREAU (née LEFÈVRE) Éloïse Marie) n'existe pas dans cette base sous ce nom ; rendez-vous importé sans patient."),
                    r.lines().toString());
        }
    }

    @Test
    void writeIsAtomicRefusesToReplaceAFileAndAuditsTheExport() throws Exception {
        try (var a = AgendaFixtures.agenda(dir.resolve("a.db"))) {
            Path out = dir.resolve("exports/moreau.ics");
            IcsExport.Result r = IcsExport.write(a.db(), AgendaService.Filter.patient(a.eloise()), out, false, AgendaFixtures.CLOCK);
            assertEquals(9, r.appointments(), "the consultation and the 8 sessions");
            assertEquals(fr.coordo.document.Fingerprint.of(Files.readAllBytes(out)), r.fingerprint());
            StoreException refused = assertThrows(StoreException.class,
                    () -> IcsExport.write(a.db(), AgendaService.Filter.patient(a.eloise()), out, false, AgendaFixtures.CLOCK));
            assertTrue(refused.getMessage().contains("existe déjà"), refused.getMessage());
            IcsExport.write(a.db(), AgendaService.Filter.patient(a.eloise()), out, true, AgendaFixtures.CLOCK);
            try (var files = Files.list(out.getParent())) {
                assertEquals(List.of(out), files.toList(), "no partial file left beside it");
            }
            int audited = a.db().read(dsl -> dsl.fetchCount(dsl.selectFrom("audit_entry")
                    .where("action = 'EXPORT' and entity = 'agenda' and changes like ?", "%" + r.fingerprint() + "%")));
            assertEquals(2, audited, "each export is in the audit trail with the file's fingerprint");
        }
    }

    @Test
    void timeZoneDefinitionsAreNeverFetchedFromTheNetwork() {
        assertFalse(new TimeZoneUpdater().isEnabled(), "ical4j.properties turns the tzurl.org updates off");
    }
}
