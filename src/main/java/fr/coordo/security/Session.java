package fr.coordo.security;

import fr.coordo.store.Database;
import fr.coordo.store.DatabaseKey;

/**
 * A signed-in person and the database open for them. The key stays in memory while the session lasts:
 * backups are encrypted with it, and an administrator wraps it for the accounts they create.
 */
public record Session(Database database, Account account, DatabaseKey key) implements AutoCloseable {
    @Override
    public void close() {
        database.close();
    }
}
