package fr.coordo.ui;

import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import java.time.Clock;

/** What the window needs from the composition root: where things are, and how to open the workspace. */
public interface Startup {
    /** What the door shows first: the state of the file, and whether it is the demonstration database. */
    record Door(Vault.State state, boolean demo) {}

    AppPaths paths();

    String version();

    /**
     * The door of the database, or null when {@link #open()} hands the workspace directly (tests on plain
     * files, without accounts).
     */
    default Vault vault() {
        return null;
    }

    /** Opens the database without a door (may take a moment: called off the JavaFX thread). */
    default Workspace open() throws Exception {
        throw new UnsupportedOperationException("this startup opens the database through its door");
    }

    /**
     * Readies the file before the door (off the JavaFX thread): the default database, new, becomes the
     * demonstration with its documented account. Says what the door should show.
     */
    default Door prepare() {
        return new Door(vault().state(), false);
    }

    /** The workspace of the person who just signed in (off the JavaFX thread). */
    default Workspace open(Session session) {
        Database db = session.database();
        return new Workspace(db, paths(), new fr.coordo.store.Settings(db).isDemo(), version(), session, vault());
    }

    /** Right after a sign-in, once the window shows the workspace (off the JavaFX thread). */
    default void signedIn(Workspace workspace) {}

    /** Just before the workspace's database is closed (window closing, change of user), off the JavaFX thread. */
    default void closing(Workspace workspace) {}

    /** The clock of the inactivity lock (tests move it instead of waiting minutes). */
    default Clock clock() {
        return Clock.system(Database.ZONE);
    }
}
