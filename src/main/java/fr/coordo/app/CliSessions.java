package fr.coordo.app;

import fr.coordo.security.Account;
import fr.coordo.security.Session;
import fr.coordo.store.Access;
import fr.coordo.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The session the backup and restore commands work in. Stopgap until the command line signs in
 * (CoordoCommand.signIn(), by the lead): an unprotected file opened for the operating-system user, with
 * every right. Replace the body of {@link #open} with {@code return parent.signIn();}.
 */
final class CliSessions {
    private CliSessions() {}

    static Session open(CoordoCommand parent) {
        Path db = parent.paths().database();
        if (!Files.isRegularFile(db)) {
            throw new CoordoCommand.Refused("La base « " + db + " » n'existe pas : il n'y a rien à sauvegarder ni à remplacer.");
        }
        Database database = Database.open(db);
        Access who = database.access();
        return new Session(database, new Account(0, who.login(), who.displayName(), who.role(), null, true, null, null), null);
    }
}
