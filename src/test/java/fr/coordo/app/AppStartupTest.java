package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.patient.PatientService;
import fr.coordo.store.AppPaths;
import fr.coordo.ui.Workspace;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppStartupTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultDatabaseIsFilledWithTheDemoOnceAndSaysSo() {
        AppPaths paths = AppPaths.resolve(null, Map.of("XDG_DATA_HOME", dir.toString()));
        Workspace ws = new AppStartup(paths, true).open();
        try {
            assertTrue(ws.demo());
            assertEquals(200, new PatientService(ws.database()).count());
        } finally {
            ws.database().close();
        }
        Workspace again = new AppStartup(paths, true).open();
        try {
            assertEquals(200, new PatientService(again.database()).count(), "filled once, not twice");
        } finally {
            again.database().close();
        }
    }

    @Test
    void aDatabaseChosenByTheUserIsNeverFilledWithDemoData() {
        AppPaths paths = AppPaths.resolve(dir.resolve("vraie.db"), Map.of("XDG_DATA_HOME", dir.toString()));
        Workspace ws = new AppStartup(paths, false).open();
        try {
            assertFalse(ws.demo());
            assertEquals(0, new PatientService(ws.database()).count());
        } finally {
            ws.database().close();
        }
    }
}
