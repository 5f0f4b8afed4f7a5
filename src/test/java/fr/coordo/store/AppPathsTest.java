package fr.coordo.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPathsTest {
    @Test
    void eachSystemHasItsUsualDataFolder() {
        assertEquals(Path.of("/home/ana/.local/share/coordo"), AppPaths.defaultDataDir(Map.of(), "Linux", "/home/ana"));
        assertEquals(Path.of("/data/ana/coordo"), AppPaths.defaultDataDir(Map.of("XDG_DATA_HOME", "/data/ana"), "Linux", "/home/ana"));
        assertEquals(Path.of("/home/ana/.local/share/coordo"), AppPaths.defaultDataDir(Map.of("XDG_DATA_HOME", "relatif"), "Linux", "/home/ana"),
                "a relative XDG_DATA_HOME is ignored, as the specification says");
        assertEquals(Path.of("C:\\Users\\ana\\AppData\\Roaming", "Coordo"),
                AppPaths.defaultDataDir(Map.of("APPDATA", "C:\\Users\\ana\\AppData\\Roaming"), "Windows 11", "C:\\Users\\ana"));
        assertEquals(Path.of("/Users/ana/Library/Application Support/Coordo"), AppPaths.defaultDataDir(Map.of(), "Mac OS X", "/Users/ana"));
    }

    @Test
    void theDbOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        Map<String, String> env = Map.of("COORDO_DB", "/srv/msp/equipe.db", "XDG_DATA_HOME", "/data");
        assertEquals(Path.of("/tmp/essai.db"), AppPaths.resolve(Path.of("/tmp/essai.db"), env).database());
        assertEquals(Path.of("/srv/msp/equipe.db"), AppPaths.resolve(null, env).database());
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertEquals(Path.of("/data/coordo/coordo.db"), AppPaths.resolve(null, Map.of("XDG_DATA_HOME", "/data")).database());
        }
    }
}
