package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock is an OS lock: another process, not only another object, is kept out. */
class SecondProcessTest {
    @TempDir
    Path dir;

    @Test
    void aSecondProcessOnAnOpenDatabaseSaysSoAndWritesNothing() throws Exception {
        Path db = dir.resolve("ouverte.db");
        try (Database open = Database.open(db)) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                    "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "--db", db.toString(), "demo"))
                    .redirectErrorStream(false)
                    .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the second process ends by itself");
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, p.exitValue(), err);
            assertTrue(err.contains("déjà ouverte par une autre instance de Coordo"), err);
            assertEquals(0, (int) open.read(dsl -> dsl.fetchCount(fr.coordo.store.schema.Tables.PATIENT)));
        }
    }
}
