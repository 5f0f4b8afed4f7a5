package fr.coordo.app;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.plan.PlanPdf;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import fr.coordo.ui.Startup;
import fr.coordo.ui.Workspace;
import org.slf4j.LoggerFactory;

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

    /**
     * The first PDF of a fresh JVM loads PDFBox, parses the fonts and runs the layout code cold: a few hundred
     * milliseconds that the user would wait for at the first click on « Imprimer ». A background thread pays them
     * once the database is open; the window does not wait for it, and the JVM does not wait for it to exit.
     */
    private static void warmUpPrinting() {
        Thread t = new Thread(() -> {
            try {
                PlanPdf.warmUp();
            } catch (RuntimeException | LinkageError e) {
                // Nothing is lost: the first real print will load what it needs, and report a real failure.
                LoggerFactory.getLogger(AppStartup.class).warn("Printing warm-up failed", e);
            }
        }, "coordo-pdf-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    @Override
    public Workspace open() {
        Database db = Database.open(paths.database());
        try {
            // A newcomer's first start: the default database is filled with the demo structure.
            if (defaultDatabase && DemoGenerator.isEmpty(db)) {
                new DemoGenerator(DemoGenerator.DEFAULT_SEED).fill(db, DemoGenerator.Size.SMALL);
            }
            Workspace workspace = new Workspace(db, paths, new Settings(db).isDemo(), Version.current());
            warmUpPrinting();
            return workspace;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
