package fr.coordo.app;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.plan.PlanPdf;
import fr.coordo.security.Keyring;
import fr.coordo.security.Kdf;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import fr.coordo.store.StoreException;
import fr.coordo.ui.Startup;
import fr.coordo.ui.Workspace;
import fr.coordo.backup.Backups;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Composition root of the window: the door of the database and the services the views use. */
public final class AppStartup implements Startup {
    private final AppPaths paths;
    private final boolean defaultDatabase;
    private final Clock clock;
    private final Vault vault;
    private ScheduledExecutorService daily;
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(AppStartup.class);

    AppStartup(AppPaths paths, boolean defaultDatabase) {
        this(paths, defaultDatabase, Clock.system(Database.ZONE), Kdf.Params.STANDARD);
    }

    /** For tests: a movable clock (inactivity lock, slowed sign-ins) and a light Argon2 cost. */
    public AppStartup(AppPaths paths, boolean defaultDatabase, Clock clock, Kdf.Params params) {
        this.paths = paths;
        this.defaultDatabase = defaultDatabase;
        this.clock = clock;
        this.vault = new Vault(paths.database(), clock, params);
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
    public Vault vault() {
        return vault;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /**
     * A newcomer's first start: the default database, new (or a plain demonstration from an older Coordo),
     * becomes the protected demonstration with its documented account demo / demo.
     */
    @Override
    public Door prepare() {
        Vault.State state = vault.state();
        if (defaultDatabase && (state == Vault.State.NEW || state == Vault.State.UNPROTECTED && plainDemo())) {
            DemoDatabase.create(vault, DemoGenerator.DEFAULT_SEED, DemoGenerator.Size.SMALL).setup().session().close();
            return new Door(vault.state(), true);
        }
        return new Door(state, state == Vault.State.PROTECTED && demoKeyring());
    }

    private boolean plainDemo() {
        return DemoDatabase.emptyOrUntouchedDemo(paths.database());
    }

    /** Before sign-in the settings cannot be read; the demonstration's keyring has the slot « demo ». */
    private boolean demoKeyring() {
        try {
            return Keyring.load(paths.database()).map(k -> k.has(DemoDatabase.LOGIN)).orElse(false);
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public Workspace open(Session session) {
        Database db = session.database();
        Workspace workspace = new Workspace(db, paths, new Settings(db).isDemo(), Version.current(), session, vault);
        warmUpPrinting();
        return workspace;
    }

    /**
     * The daily automatic backup: checked a minute after sign-in (not to slow it down), then every hour while the
     * window stays open; it writes only when the newest automatic backup is a day old.
     */
    @Override
    public synchronized void signedIn(Workspace workspace) {
        stopDaily();
        Backups backups = new Backups(workspace.database(), clock);
        daily = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coordo-daily-backup");
            t.setDaemon(true);
            return t;
        });
        daily.scheduleWithFixedDelay(() -> {
            try {
                backups.daily().ifPresent(b -> LOG.info("Daily backup written: {}", b.path().getFileName()));
            } catch (RuntimeException e) {
                // The Réglages page says what is wrong with the folder; the next hour tries again.
                LOG.warn("Daily backup failed: {}", e.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    /** The automatic backup at closing (and when the person changes user), then its rotation; never blocks closing. */
    @Override
    public synchronized void closing(Workspace workspace) {
        stopDaily();
        try {
            new Backups(workspace.database(), clock).atClosing();
        } catch (RuntimeException e) {
            LOG.warn("Backup at closing failed: {}", e.getMessage());
        }
    }

    private void stopDaily() {
        if (daily != null) {
            daily.shutdownNow();
            daily = null;
        }
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
}
