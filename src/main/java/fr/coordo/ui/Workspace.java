package fr.coordo.ui;

import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;

/**
 * An opened database and what the views need to know about it. {@code session} and {@code vault} are
 * the signed-in person and the door they came through; both are null for a workspace opened without
 * the door (tests on plain files), where the window has no lock and no accounts.
 */
public record Workspace(Database database, AppPaths paths, boolean demo, String version, Session session, Vault vault) {
    /** A workspace without accounts: a plain file opened directly. */
    public Workspace(Database database, AppPaths paths, boolean demo, String version) {
        this(database, paths, demo, version, null, null);
    }

    /** Whether someone signed in through the door (so the window can lock and accounts exist). */
    public boolean signedIn() {
        return session != null && vault != null;
    }
}
