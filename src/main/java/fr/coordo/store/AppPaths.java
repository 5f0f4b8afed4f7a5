package fr.coordo.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Coordo keeps its files: the data folder (log, window state, default database) and the database
 * in use, which {@code --db} or {@code COORDO_DB} may place elsewhere.
 */
public record AppPaths(Path dataDir, Path database) {

    public static final String DB_ENV = "COORDO_DB";
    public static final String DEFAULT_DB_NAME = "coordo.db";

    /** Resolves the paths: the explicit option first, then {@code COORDO_DB}, then the OS default. */
    public static AppPaths resolve(Path dbOption, Map<String, String> env) {
        Path dataDir = defaultDataDir(env, System.getProperty("os.name", ""), System.getProperty("user.home"));
        Path db;
        if (dbOption != null) {
            db = dbOption;
        } else if (env.get(DB_ENV) != null && !env.get(DB_ENV).isBlank()) {
            db = Path.of(env.get(DB_ENV));
        } else {
            db = dataDir.resolve(DEFAULT_DB_NAME);
        }
        return new AppPaths(dataDir, db.toAbsolutePath().normalize());
    }

    /** The per-user data folder of each OS. */
    static Path defaultDataDir(Map<String, String> env, String osName, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "Coordo") : Path.of(userHome, "AppData", "Roaming", "Coordo");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Coordo");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "coordo");
        }
        return Path.of(userHome, ".local", "share", "coordo");
    }

    public Path logFile() {
        return dataDir.resolve("coordo.log");
    }

    public Path windowStateFile() {
        return dataDir.resolve("fenetre.properties");
    }

    /** Automatic backups sit beside the database they protect. */
    public Path backupDir() {
        return Database.backupDirFor(database);
    }
}
