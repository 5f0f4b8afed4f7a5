package fr.coordo.pathway;

import static fr.coordo.pathway.PathwayFixtures.TODAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectServiceTest {
    @TempDir
    Path dir;

    @Test
    void aCompleteProjetOnlyLacksItsSignaturesAndNotifications() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.readyProject();
            List<Gap> gaps = f.projects.readiness(id);
            assertTrue(gaps.stream().noneMatch(g -> g.kind().isContent()), () -> gaps.toString());
            f.projects.markReady(id);
            f.signAll(id, TODAY.minusDays(2));
            f.projects.transmit(id, TODAY.minusDays(1));
            assertEquals(ProjectStatus.TRANSMIS, f.projects.find(id).orElseThrow().current().status(TODAY));
        }
    }
}
