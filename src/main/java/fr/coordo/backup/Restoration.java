package fr.coordo.backup;

import fr.coordo.security.Session;
import fr.coordo.store.Access;
import fr.coordo.store.Database;
import fr.coordo.store.DatabaseKey;
import fr.coordo.store.Permission;
import fr.coordo.store.Role;
import fr.coordo.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Putting a backup in place of the database, in two steps so that the caller closes its session in
 * between: {@link #prepare} checks everything with the session still open (a refusal changes nothing and
 * the person keeps working); {@link #run} then needs the database closed everywhere, replaces it, and the
 * person signs in again on the restored data.
 */
public final class Restoration {
    /** What was restored, and where the data it replaced was kept. */
    public record Summary(Path restoredFrom, String restoredVersion, String schemaVersion, int migrationsApplied, Path previousCopy) {
        /** A French account of the restore for the window and the command line. */
        public String message() {
            StringBuilder sb = new StringBuilder("La sauvegarde « " + restoredFrom.getFileName() + " » a été restaurée.");
            if (migrationsApplied > 0) {
                sb.append(" Elle venait d'une version antérieure de Coordo (schéma ").append(restoredVersion)
                        .append(") et a été mise à jour (schéma ").append(schemaVersion).append(").");
            }
            if (previousCopy != null) {
                sb.append(" Les données remplacées sont gardées dans « ").append(previousCopy).append(" ».");
            }
            return sb.toString();
        }
    }

    private final Path database;
    private final DatabaseKey key;
    private final Access who;
    private final Path file;
    private final String backupVersion;
    private final Path copyFolder;
    private final Clock clock;

    private Restoration(Path database, DatabaseKey key, Access who, Path file, String backupVersion, Path copyFolder, Clock clock) {
        this.database = database;
        this.key = key;
        this.who = who;
        this.file = file;
        this.backupVersion = backupVersion;
        this.copyFolder = copyFolder;
        this.clock = clock;
    }

    /** Checks the right and the file, with the session still open; then close the session and {@link #run}. */
    public static Restoration prepare(Session session, Path file, Clock clock) {
        return prepare(session.database(), session.key(), file, clock);
    }

    /** As {@link #prepare(Session, Path, Clock)}, for an unprotected database ({@code key} null) or a caller holding the key. */
    public static Restoration prepare(Database db, DatabaseKey key, Path file, Clock clock) {
        Access who = db.access();
        who.require(Permission.RESTORE);
        Path f = file.toAbsolutePath().normalize();
        if (f.equals(db.file())) {
            throw new StoreException("Ce fichier est la base elle-même : choisissez une sauvegarde. Rien n'a été restauré.");
        }
        String version = Database.checkRestorable(f, key);
        Backups backups = new Backups(db, clock);
        // The copy of the current data goes with the other backups, or beside the database when that folder is away.
        Path copyFolder = backups.folderProblem().isEmpty() ? backups.folder() : Database.backupDirFor(db.file());
        return new Restoration(db.file(), key, who, f, version, copyFolder, clock);
    }

    /**
     * For a database too damaged to open, so that nobody can sign in to it: whoever holds an account's password (which
     * gave {@code key}) may replace it, since a damaged file can no longer tell who the administrators are. Its bytes are
     * kept beside it, as they are, before anything is replaced.
     */
    public static Restoration prepareDamaged(Path database, DatabaseKey key, String login, Path file, Clock clock) {
        Path db = database.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        if (f.equals(db)) {
            throw new StoreException("Ce fichier est la base elle-même : choisissez une sauvegarde. Rien n'a été restauré.");
        }
        String version = Database.checkRestorable(f, key);
        Access who = new Access(login, login, Role.ADMINISTRATEUR, null);
        return new Restoration(db, key, who, f, version, Database.backupDirFor(db), clock);
    }

    /** The backup to restore. */
    public Path file() {
        return file;
    }

    /** The schema version of the backup (older than the application's: it is migrated on reopening). */
    public String backupVersion() {
        return backupVersion;
    }

    /** Where the copy of the data being replaced will be written. */
    public Path previousCopyFolder() {
        return copyFolder;
    }

    /**
     * Replaces the database with the backup. The session that prepared this must be closed: while the database
     * is open anywhere, this is refused and nothing changes. Afterwards, sign in again.
     */
    public Summary run() {
        Path copy = Backups.freeName(copyFolder, BackupFile.stemOf(database), BackupFile.Kind.BEFORE_RESTORE, LocalDateTime.now(clock));
        Database.Options options = Database.Options.defaults().withClock(clock).withKey(key).withAccess(who);
        Database.RestoreReport r = Database.restore(database, file, copy, options);
        return new Summary(file, r.restoredVersion(), r.schemaVersion(), r.migrationsApplied(), r.previousCopy());
    }
}
