package fr.coordo.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.store.Database;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamServiceTest {
    @TempDir
    Path dir;

    private static ProfessionalInput nurse(String last) {
        ProfessionalInput b = ProfessionalInput.blank();
        return new ProfessionalInput(null, last, "Claire", "infirmier", null, null, null, null, null, true, null,
                b.practiceMode(), null, null, null, null, null, null, null, null);
    }

    @Test
    void membershipsKeepTheirHistoryAndNeverOverlap() {
        LocalDate today = LocalDate.now(Database.ZONE);
        try (Database db = Database.open(dir.resolve("t.db"))) {
            TeamService team = new TeamService(db);
            TeamRepository repo = new TeamRepository(db);
            int leaving = team.add(nurse("Sortante"), Set.of(), today.minusYears(2));
            team.add(nurse("Future"), Set.of(), today.plusMonths(1));
            team.endMembership(leaving, today.minusDays(10));
            assertEquals(1, repo.countFormer(today), "a member yet to join is not a former member");

            var all = team.all();
            Professional former = all.stream().filter(p -> p.lastName().equals("Sortante")).findFirst().orElseThrow();
            Professional future = all.stream().filter(p -> p.lastName().equals("Future")).findFirst().orElseThrow();
            var active = TeamFilter.initial().predicate(today);
            var formers = TeamFilter.initial().withStatus(TeamFilter.Status.FORMER).predicate(today);
            assertTrue(formers.test(former) && !active.test(former));
            assertTrue(active.test(future) && !formers.test(future));

            InputException overlap = assertThrows(InputException.class, () -> team.rejoin(leaving, today.minusDays(20)));
            assertTrue(overlap.getMessage().contains("doit suivre la dernière sortie"), overlap.getMessage());
            team.rejoin(leaving, today);
            Professional back = team.all().stream().filter(p -> p.id() == leaving).findFirst().orElseThrow();
            assertTrue(back.isActive(today));
            assertEquals(today, back.memberSince());
            assertFalse(back.isFormer(today));
        }
    }

    @Test
    void aDuplicateIsNamedAndNothingIsWritten() {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            TeamService team = new TeamService(db);
            team.add(nurse("Durand"), Set.of(), null);
            InputException e = assertThrows(InputException.class, () -> team.add(nurse("DURAND"), Set.of(), null));
            assertEquals("Ce professionnel existe déjà : Durand Claire, infirmier.", e.getMessage());
            assertEquals(1, team.all().size());
        }
    }
}
