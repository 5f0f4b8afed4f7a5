package fr.coordo.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpeningHoursTest {
    @TempDir
    Path dir;

    private Database db;
    private OpeningHours hours;
    private int nurse;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("hours.db"));
        hours = new OpeningHours(db);
        nurse = PlanFixtures.professional(new TeamService(db), "Petit", "Lucie", "infirmier");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aNewDatabaseOpensOnWeekdaysAndSaturdayMorning() {
        Map<DayOfWeek, OpeningHours.Span> week = hours.get();
        assertEquals(new OpeningHours.Span(LocalTime.of(8, 0), LocalTime.of(20, 0)), week.get(DayOfWeek.MONDAY));
        assertEquals(new OpeningHours.Span(LocalTime.of(8, 0), LocalTime.of(12, 0)), week.get(DayOfWeek.SATURDAY));
        assertEquals(null, week.get(DayOfWeek.SUNDAY), "closed on Sunday");
    }

    @Test
    void aDayClosingBeforeItOpensIsRefusedByNameAndNothingChanges() {
        Map<DayOfWeek, OpeningHours.Span> typed = new EnumMap<>(hours.get());
        typed.put(DayOfWeek.TUESDAY, new OpeningHours.Span(LocalTime.of(18, 0), LocalTime.of(9, 0)));
        InputException refused = assertThrows(InputException.class, () -> hours.set(typed));
        assertTrue(refused.getMessage().contains("Mardi"), refused.getMessage());
        assertEquals(LocalTime.of(20, 0), hours.get().get(DayOfWeek.TUESDAY).closes());
    }

    @Test
    void theAgendaWarnsWithTheHoursAsTheyAreSet() {
        AgendaService agenda = new AgendaService(db);
        LocalDate saturday = LocalDate.now(Database.ZONE).plusWeeks(2).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        AppointmentInput morning = AppointmentInput.of(null, List.of(nurse), saturday.atTime(10, 0), Duration.ofHours(1),
                AppointmentKind.REUNION, Place.MSP);
        assertTrue(agenda.conflicts(morning, null).isEmpty(), "open on Saturday morning");

        Map<DayOfWeek, OpeningHours.Span> typed = new EnumMap<>(hours.get());
        typed.remove(DayOfWeek.SATURDAY);
        hours.set(typed);
        List<Conflict> now = agenda.conflicts(morning, null);
        assertEquals(1, now.size());
        assertEquals(Conflict.Kind.HORS_HORAIRES, now.getFirst().kind());
        assertTrue(now.getFirst().message().contains("fermée le samedi"), now.getFirst().message());
    }
}
