package fr.coordo.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Figures;
import fr.coordo.store.StoreException;
import fr.coordo.testing.Fuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any calendar given to the agenda import — random bytes, random text inside a VEVENT, Coordo's own export and
 * other programs' files damaged in every way — ends in a report or in a French refusal that leaves the database
 * exactly as it was: never an exception trace, never part of a file.
 */
class IcsImportFuzzTest {
    private static Path dir;
    private static AgendaFixtures.People people;
    private static List<byte[]> seeds;
    private static final AtomicInteger tried = new AtomicInteger();
    private static final AtomicInteger imported = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    private static final String FOREIGN = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Exemple//Agenda partagé//FR\r
            BEGIN:VTIMEZONE\r
            TZID:Europe/Berlin\r
            BEGIN:STANDARD\r
            DTSTART:19701025T030000\r
            TZOFFSETFROM:+0200\r
            TZOFFSETTO:+0100\r
            RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
            END:STANDARD\r
            BEGIN:DAYLIGHT\r
            DTSTART:19700329T020000\r
            TZOFFSETFROM:+0100\r
            TZOFFSETTO:+0200\r
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
            END:DAYLIGHT\r
            END:VTIMEZONE\r
            BEGIN:VEVENT\r
            UID:formation@exemple.fr\r
            DTSTAMP:20260101T000000Z\r
            DTSTART:20260312T090000Z\r
            DTEND:20260312T103000Z\r
            SUMMARY:Formation plaies chroniques\r
            LOCATION:CHU de Tours\r
            DESCRIPTION:Prévoir la carte CPS\r
            ATTENDEE;CN=Lucie Petit:urn:rpps:%s\r
            ATTENDEE;CN=Camille Bernard:urn:coordo:professional:1\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:serie@exemple.fr\r
            DTSTAMP:20260101T000000Z\r
            DTSTART;TZID=Europe/Berlin:20260302T140000\r
            DURATION:PT45M\r
            RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20260601T000000Z\r
            EXDATE;TZID=Europe/Berlin:20260316T140000\r
            SUMMARY:Groupe d'éducation thérapeutique\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:serie@exemple.fr\r
            RECURRENCE-ID;TZID=Europe/Berlin:20260330T140000\r
            DTSTAMP:20260101T000000Z\r
            DTSTART;TZID=Europe/Berlin:20260331T150000\r
            DTEND;TZID=Europe/Berlin:20260331T160000\r
            SUMMARY:Groupe d'éducation thérapeutique (déplacé)\r
            STATUS:CANCELLED\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:mensuel@exemple.fr\r
            DTSTAMP:20260101T000000Z\r
            DTSTART:20260115T083000\r
            DTEND:20260115T090000\r
            RRULE:FREQ=MONTHLY;COUNT=6\r
            SUMMARY:Staff\r
            X-COORDO-KIND:REUNION\r
            X-COORDO-PLACE:MSP\r
            X-COORDO-PATIENT;CN=Éloïse Martin:P000004\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:journee@exemple.fr\r
            DTSTAMP:20260101T000000Z\r
            DTSTART;VALUE=DATE:20260401\r
            DTEND;VALUE=DATE:20260402\r
            SUMMARY:Fermeture\r
            END:VEVENT\r
            BEGIN:VTODO\r
            UID:tache@exemple.fr\r
            SUMMARY:Appeler le laboratoire\r
            END:VTODO\r
            END:VCALENDAR\r
            """.formatted(AgendaFixtures.PETIT_RPPS);

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("coordo-fuzz-agenda");
        byte[] own;
        // Coordo's own export: every X-COORDO property, series, moved and cancelled occurrences, patients.
        try (AgendaFixtures.People source = AgendaFixtures.agenda(dir.resolve("source.db"))) {
            own = IcsExport.render(source.db(), AgendaService.Filter.TEAM, AgendaFixtures.CLOCK).bytes();
        }
        people = AgendaFixtures.people(dir.resolve("agenda.db"));
        seeds = List.of(own, FOREIGN.getBytes(StandardCharsets.UTF_8));
    }

    @AfterContainer
    static void close() throws IOException {
        people.close();
        Figures.record("fuzz-ics", "iCalendar import fuzzing: inputs tried " + tried.get() + " (" + imported.get() + " imported, "
                + refused.get() + " refused in French, database unchanged), crashes 0");
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 1000)
    void anyBytes(@ForAll @Size(max = 3_000) byte[] bytes) {
        importChecked(bytes);
    }

    @Property(tries = 1000)
    void anyTextInsideAnEvent(@ForAll("properties") String property, @ForAll @Size(max = 300) String value) {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//FR\r\nBEGIN:VEVENT\r\nUID:u@x\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART:20260312T090000Z\r\nDTEND:20260312T100000Z\r\n" + property + value + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        importChecked(ics.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1500)
    void damagedRealCalendars(@ForAll("seedIndex") int seed, @ForAll("mutations") List<Fuzz.Mutation> mutations) {
        importChecked(Fuzz.apply(seeds.get(seed), mutations));
    }

    /** Found by fuzzing: an event whose start could not be read made the refusal itself fail (a null date in its description). */
    @Example
    void anEventWithAnUnreadableStartIsDescribedWithoutItsDate() {
        damagedRealCalendars(1, List.of(new Fuzz.Mutation(0, 317811, 15, "BEGIN:VEVENT ")));
    }

    @Example
    void theUntouchedSeedsImport() {
        for (byte[] seed : seeds) {
            importChecked(seed);
        }
    }

    /** Found by fuzzing: an attendee address that is no URI was refused with « java.net.URISyntaxException » in the message. */
    @Example
    void anAttendeeThatIsNoAddressIsRefusedInFrench() {
        byte[] ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//FR\r\nBEGIN:VEVENT\r\nUID:u@x\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART:20260312T090000Z\r\nDTEND:20260312T100000Z\r\nATTENDEE:urn:rpps:\"\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n").getBytes(StandardCharsets.UTF_8);
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                () -> IcsImport.read(people.db(), ics, "agenda.ics", people.petit(), AgendaFixtures.CLOCK));
        assertEquals("Le fichier « agenda.ics » n'est pas un calendrier iCalendar valide : la ligne 9 n'a pas pu être lue. "
                + "Rien n'a été importé.", e.getMessage());
        importChecked(ics);
    }

    /**
     * Found by fuzzing: a time zone's STANDARD part outside its VTIMEZONE was refused with a ClassCastException's
     * wording (« class net.fortuna.ical4j.model.component.Standard cannot be cast… »).
     */
    @Example
    void aTimeZonePartOutsideItsTimeZoneIsRefusedInFrench() {
        byte[] ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//FR\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
                + "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VCALENDAR\r\n").getBytes(StandardCharsets.UTF_8);
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                () -> IcsImport.read(people.db(), ics, "agenda.ics", people.petit(), AgendaFixtures.CLOCK));
        assertTrue(e.getMessage().startsWith("Le fichier « agenda.ics » n'est pas un calendrier iCalendar valide"), e.getMessage());
        importChecked(ics);
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, 1);
    }

    @Provide
    Arbitrary<String> properties() {
        return Arbitraries.of("DTSTART:", "DTEND:", "DTSTART;TZID=", "DURATION:", "RRULE:", "EXDATE:", "RECURRENCE-ID:", "RDATE:",
                "STATUS:", "SUMMARY:", "ATTENDEE;CN=", "ATTENDEE:urn:rpps:", "ATTENDEE;CN=Camille Bernard:urn:coordo:professional:",
                "X-COORDO-PATIENT;CN=", "X-COORDO-PATIENT:", "X-COORDO-KIND:", "X-COORDO-PLACE:", "X-COORDO-STATUS:", "UID:",
                "BEGIN:", "END:", "LOCATION:", "");
    }

    @Provide
    Arbitrary<List<Fuzz.Mutation>> mutations() {
        return Fuzz.mutations(6, Fuzz.hostilePieces("BEGIN:VEVENT\r\n", "END:VEVENT\r\n", "END:VCALENDAR\r\n", "BEGIN:VTIMEZONE\r\n",
                "\r\n ", "\r\n\t", ";TZID=", "Europe/Paris", "Mars/Olympus", "Z", "T", "20260229T", "20261399T256161", "PT",
                "P-1D", "PT99999999H", "FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TU", "FREQ=MONTHLY;BYMONTHDAY=31", ";COUNT=0",
                ";COUNT=999999", ";INTERVAL=0", ";INTERVAL=-3", ";UNTIL=19000101", "RECURRENCE-ID:20260330T120000Z\r\n",
                "EXDATE:20260316\r\n", "RDATE:20260317T100000Z\r\n", ";VALUE=DATE", ";VALUE=PERIOD", "CANCELLED", "P0", "P99999999",
                "urn:coordo:professional:", "urn:rpps:", "DURATION:PT0S\r\n"));
    }

    // ---------------------------------------------------------------- the check

    /** Imports {@code bytes} as the window and the command line do; anything but a report or a French refusal fails. */
    private static void importChecked(byte[] bytes) {
        tried.incrementAndGet();
        String before = Fuzz.dump(people.db());
        String input = new String(bytes, StandardCharsets.UTF_8);
        try {
            IcsImport.Report report = IcsImport.read(people.db(), bytes, "agenda.ics", people.petit(), AgendaFixtures.CLOCK);
            imported.incrementAndGet();
            report.lines().forEach(line -> Fuzz.assertFrenchMessage(new StoreException(line), input));
            assertTrue(report.created() + report.updated() + report.unchanged() <= report.events() * 1_000, report.toString());
        } catch (StoreException e) {
            refused.incrementAndGet();
            Fuzz.assertFrenchMessage(e, input);
            assertEquals(before, Fuzz.dump(people.db()), "a refused import changed the database");
        }
    }
}
