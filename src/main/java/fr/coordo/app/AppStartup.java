package fr.coordo.app;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import fr.coordo.ui.Startup;
import fr.coordo.ui.Workspace;

/** Composition root of the window: opens the database and wires the services the views use. */
final class AppStartup implements Startup {
    private final AppPaths paths;
    private final boolean defaultDatabase;

    AppStartup(AppPaths paths, boolean defaultDatabase) {
        this.paths = paths;
        this.defaultDatabase = defaultDatabase;
    }

    @Override
    public AppPaths paths() {
        return paths;
    }

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public Workspace open() {
        Database db = Database.open(paths.database());
        try {
            // A newcomer's first start: the default database is filled with the demo structure.
            if (defaultDatabase && DemoGenerator.isEmpty(db)) {
                new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
            }
            return new Workspace(db, paths, new Settings(db).isDemo(), Version.current());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
