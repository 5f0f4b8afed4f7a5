package fr.coordo.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.SQLiteDataSource;
import org.sqlite.mc.SQLiteMCChacha20Config;

/**
 * The one SQLite file that holds a structure's data. Opening it checks that it is a sound Coordo
 * database before anything is written, takes a backup before migrating it, and keeps other instances
 * away. Every write goes through {@link #write(Work)}, which appends its audit entries in the same
 * transaction.
 */
public final class Database implements AutoCloseable {
    /** Stored in the SQLite header (PRAGMA application_id) by the first migration: "Coor". */
    public static final int APPLICATION_ID = 0x436F6F72;
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** What a write does inside its transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DSLContext dsl, Audit audit) throws Exception;
    }

    /**
     * How to open: the clock, who is working (the author of audit entries and whose rights the services
     * check), the key of an encrypted file ({@code null}: a plain SQLite file, for tests and tools) and,
     * for tests, the schema version to stop at.
     */
    public record Options(Clock clock, Supplier<String> actor, String targetVersion, Access access, DatabaseKey key) {
        public Options(Clock clock, Supplier<String> actor, String targetVersion) {
            this(clock, actor, targetVersion, null, null);
        }

        public static Options defaults() {
            return new Options(Clock.system(ZONE), () -> System.getProperty("user.name", "inconnu"), null);
        }

        public Options withTarget(String version) {
            return new Options(clock, actor, version, access, key);
        }

        public Options withKey(DatabaseKey newKey) {
            return new Options(clock, actor, targetVersion, access, newKey);
        }

        public Options withClock(Clock newClock) {
            return new Options(newClock, actor, targetVersion, access, key);
        }

        /** The person signed in: audit entries carry their name. */
        public Options withAccess(Access who) {
            return new Options(clock, who::displayName, targetVersion, who, key);
        }

        /** Without an account (tests, tools on an unprotected file), the writer has every right. */
        public Access effectiveAccess() {
            if (access != null) {
                return access;
            }
            String name = actor.get();
            return new Access(name, name, Role.ADMINISTRATEUR, null);
        }
    }

    /** What opening did: the schema version reached, migrations applied and the backup taken first. */
    public record OpenReport(String schemaVersion, int migrationsApplied, Path backup) {}

    /** What the read-only look at an existing file found. */
    private record Inspection(String currentVersion, int pending) {}

    private final Path file;
    private final Options options;
    private final InstanceLock instanceLock;
    private final Connection connection;
    private final DSLContext dsl;
    private final ReentrantLock lock = new ReentrantLock();
    private final OpenReport report;
    /** Set when a failed transaction could not be rolled back: the connection is closed and unusable. */
    private boolean broken;
    private boolean closed;
    private volatile Access signedIn;

    private Database(Path file, Options options, InstanceLock instanceLock, Connection connection, OpenReport report) {
        this.file = file;
        this.options = options;
        this.instanceLock = instanceLock;
        this.connection = connection;
        this.dsl = DSL.using(connection, SQLDialect.SQLITE);
        this.report = report;
    }

    public static Database open(Path file) {
        return open(file, Options.defaults());
    }

    /**
     * Opens {@code file}, creating it if needed. An existing file is first looked at read-only: one
     * that is damaged, foreign or from a newer Coordo is refused without a byte written to it.
     */
    public static Database open(Path file, Options options) {
        Path db = file.toAbsolutePath().normalize();
        prepareLocation(db);
        InstanceLock instanceLock = InstanceLock.acquire(db);
        Connection connection = null;
        try {
            boolean existing = Files.exists(db) && Files.size(db) > 0;
            Inspection inspection = existing ? inspect(db, options) : null;
            Path backup = null;
            if (inspection != null && inspection.currentVersion() != null && inspection.pending() > 0) {
                backup = backupDirFor(db).resolve(stem(db) + "-avant-migration-v" + inspection.currentVersion() + "-"
                        + LocalDateTime.now(options.clock()).format(BACKUP_STAMP) + ".db");
                try (Connection source = readOnly(db, options.key()).getConnection()) {
                    onlineBackup(source, backup, options.key());
                } catch (StoreException e) {
                    throw new StoreException("La sauvegarde automatique qui précède la mise à jour de la base n'a pas pu être écrite : "
                            + "la base n'a pas été modifiée. " + e.getMessage(), e);
                }
                LOG.info("Backup before migration written to {}", backup);
            }
            Flyway flyway = flyway(readWrite(db, options.key()), options);
            MigrateResult result = flyway.migrate();
            connection = connect(db, options.key());
            AuditChain.sealLegacy(connection);
            String version = flyway.info().current() == null ? null : flyway.info().current().getVersion().getVersion();
            return new Database(db, options, instanceLock, connection, new OpenReport(version, result.migrationsExecuted, backup));
        } catch (StoreException e) {
            closeQuietly(connection);
            instanceLock.releaseAfterRefusal();
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(connection);
            instanceLock.releaseAfterRefusal();
            throw translate(e, db);
        }
    }

    /**
     * Backs up a database file without opening it for writing: it is neither migrated nor locked, so
     * this works while the window has it open. The backup is audited when the file is free and current.
     */
    public static Path backup(Path source, Path destination, Options options) {
        Path db = source.toAbsolutePath().normalize();
        Path dest = refuseExisting(destination);
        if (!Files.isRegularFile(db)) {
            throw new StoreException("La base « " + db + " » n'existe pas : il n'y a rien à sauvegarder.");
        }
        try {
            Inspection inspection = inspect(db, options);
            try (Connection ro = readOnly(db, options.key()).getConnection()) {
                onlineBackup(ro, dest, options.key());
            }
            InstanceLock free = inspection.pending() == 0 ? InstanceLock.tryAcquire(db) : null;
            if (free == null) {
                LOG.info("Backup written; not audited because the database is open elsewhere or awaits a migration");
                return dest;
            }
            Connection c;
            try {
                c = connect(db, options.key());
            } catch (SQLException e) {
                free.release();
                throw e;
            }
            try (Database d = new Database(db, options, free, c, new OpenReport(inspection.currentVersion(), 0, null))) {
                d.recordBackup(dest);
            }
            return dest;
        } catch (IOException | SQLException | RuntimeException e) {
            throw translate(e, db);
        }
    }

    /** Automatic backups are kept in a folder beside the database. */
    public static Path backupDirFor(Path database) {
        return database.toAbsolutePath().getParent().resolve("sauvegardes");
    }

    public Path file() {
        return file;
    }

    public OpenReport openReport() {
        return report;
    }

    /** Who is working: the services check this before reading or writing. */
    public Access access() {
        Access who = signedIn;
        return who != null ? who : options.effectiveAccess();
    }

    /**
     * Sets, once, the person whose account was just read from this database: until then the file is open
     * with the rights given at opening, which for a protected file are none but reading.
     */
    public void signIn(Access who) {
        lock.lock();
        try {
            if (signedIn != null) {
                throw new IllegalStateException("already signed in");
            }
            signedIn = who;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the file is encrypted (it always is once the structure has accounts). */
    public boolean encrypted() {
        return options.key() != null;
    }

    /** Runs a query on the shared connection. */
    public <T> T read(Function<DSLContext, T> query) {
        lock.lock();
        try {
            ensureUsable();
            return query.apply(dsl);
        } catch (RuntimeException e) {
            throw translate(e, file);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction with the audit entries it records: both are committed
     * together or not at all. Work that records no audit entry is a programming error and is rolled back.
     */
    public <T> T write(Work<T> work) {
        return write(Permission.EDIT, work);
    }

    /**
     * As {@link #write(Work)}, for work that needs another right than editing: recording a print or an
     * export ({@link Permission#TRACE}), changing one's password, managing payments.
     */
    public <T> T write(Permission needed, Work<T> work) {
        access().require(needed);
        lock.lock();
        try {
            ensureUsable();
            if (!connection.getAutoCommit()) {
                throw new IllegalStateException("write() called inside another write()");
            }
            connection.setAutoCommit(false);
            T result;
            try {
                Audit audit = new Audit(dsl, options.clock(), access().displayName());
                result = work.run(dsl, audit);
                if (audit.recorded() == 0) {
                    throw new IllegalStateException("every write must record an audit entry");
                }
                connection.commit();
            } catch (Throwable t) {
                abandonTransaction();
                if (t instanceof Error error) {
                    throw error;
                }
                throw translate(t, file);
            }
            connection.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw translate(e, file);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies the database to {@code destination} with SQLite's online backup, through a temporary file
     * that only becomes {@code destination} once complete and checked. Never replaces an existing file.
     */
    public void backupTo(Path destination) {
        Path dest = refuseExisting(destination);
        lock.lock();
        try {
            ensureUsable();
            onlineBackup(connection, dest, options.key());
        } finally {
            lock.unlock();
        }
        recordBackup(dest);
    }

    private void recordBackup(Path dest) {
        try {
            write(Permission.TRACE, (d, audit) -> {
                audit.record("database", null, AuditAction.BACKUP, Map.of("destination", Audit.Change.created(dest.toString())));
                return null;
            });
        } catch (StoreException e) {
            throw new StoreException("La sauvegarde a bien été écrite dans « " + dest + " », mais elle n'a pas pu être inscrite "
                    + "au journal des modifications. " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(connection);
            instanceLock.release();
        } finally {
            lock.unlock();
        }
    }

    private void ensureUsable() {
        if (closed || broken) {
            throw new StoreException(broken
                    ? "La connexion à la base a été interrompue après une erreur : fermez Coordo puis rouvrez-le. "
                            + "Rien de ce qui n'était pas confirmé n'a été enregistré."
                    : "La base « " + file + " » est fermée.");
        }
    }

    /**
     * Rolls back; should that fail, the connection is closed rather than returned to auto-commit, which
     * would commit half a transaction.
     */
    private void abandonTransaction() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (alreadyRolledBack()) {
                LOG.info("SQLite had already rolled the transaction back (full disk, I/O error): the connection stays usable");
                return;
            }
            LOG.error("Rollback failed: the connection is closed", e);
            broken = true;
            closeQuietly(connection);
        }
    }

    /**
     * SQLite rolls a transaction back by itself after a full disk or an I/O error, and the driver's own rollback then
     * fails for want of a transaction. A BEGIN succeeds only in that case (inside a live transaction it is refused):
     * the empty transaction it opens is then committed, and the connection is back in auto-commit, nothing pending.
     */
    private boolean alreadyRolledBack() {
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN");
        } catch (SQLException stillOpen) {
            return false;
        }
        try {
            connection.setAutoCommit(true);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- opening

    private static void prepareLocation(Path db) {
        if (Files.isDirectory(db)) {
            throw new StoreException("« " + db + " » est un dossier : indiquez un fichier de base de données, par exemple "
                    + db.resolve(AppPaths.DEFAULT_DB_NAME) + ".");
        }
        Path dir = db.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new StoreException("Impossible de créer le dossier « " + dir + " » de la base de données : "
                    + "vérifiez le chemin et vos droits d'écriture.", e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("Le dossier « " + dir + " » n'est pas accessible en écriture : "
                    + "Coordo doit pouvoir y écrire la base de données.");
        }
        if (Files.exists(db) && !Files.isWritable(db)) {
            throw new StoreException("La base « " + db + " » est en lecture seule : Coordo doit pouvoir y écrire.");
        }
    }

    /**
     * Looks at an existing file through read-only connections only, so that a refused file (and a
     * journal left beside it) is never touched: header, integrity, application id, schema version.
     */
    private static Inspection inspect(Path db, Options options) throws IOException {
        boolean plain = isPlainSqlite(db);
        if (options.key() == null && !plain) {
            throw notCoordo(db);
        }
        if (options.key() != null && plain) {
            throw new StoreException("La base « " + db + " » n'est pas chiffrée : elle doit d'abord être protégée par la "
                    + "création du compte administrateur. Elle n'a pas été modifiée.");
        }
        SQLiteDataSource ro = readOnly(db, options.key());
        try (Connection c = ro.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                if (!rs.next() || !"ok".equalsIgnoreCase(rs.getString(1))) {
                    throw damaged(db, null);
                }
            }
            int appId;
            try (ResultSet rs = st.executeQuery("PRAGMA application_id")) {
                appId = rs.next() ? rs.getInt(1) : 0;
            }
            int tables;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
                tables = rs.next() ? rs.getInt(1) : 0;
            }
            // Another program's file: its own application id, or tables without ours.
            if (appId != APPLICATION_ID && (appId != 0 || tables > 0)) {
                throw notCoordo(db);
            }
        } catch (SQLException e) {
            if (options.key() != null && isCode(e, SQLiteErrorCode.SQLITE_NOTADB)) {
                throw notCoordoOrOtherKey(db, e);
            }
            throw damaged(db, e);
        }
        MigrationInfoService info = flyway(ro, options).info();
        for (MigrationInfo m : info.all()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                throw new StoreException("La base « " + db + " » a été enregistrée par une version plus récente de Coordo : "
                        + "installez cette version pour l'ouvrir. Elle n'a pas été modifiée.");
            }
        }
        MigrationInfo current = info.current();
        return new Inspection(current == null ? null : current.getVersion().getVersion(), info.pending().length);
    }

    private static Flyway flyway(DataSource dataSource, Options options) {
        var configuration = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .loggers("slf4j");
        if (options.targetVersion() != null) {
            configuration.target(MigrationVersion.fromVersion(options.targetVersion()));
        }
        return configuration.load();
    }

    /**
     * Every connection of an encrypted file is configured here and only here: changing the cipher or its
     * parameters would make existing files unreadable.
     */
    private static SQLiteConfig config(DatabaseKey key) {
        if (key == null) {
            return new SQLiteConfig();
        }
        return new SQLiteMCChacha20Config().setKdfIter(1).withRawUnsaltedKey(key.bytes()).build();
    }

    private static SQLiteDataSource readOnly(Path db, DatabaseKey key) {
        SQLiteConfig config = config(key);
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + db);
        return ds;
    }

    private static SQLiteDataSource readWrite(Path db, DatabaseKey key) {
        SQLiteDataSource ds = new SQLiteDataSource(config(key));
        ds.setUrl("jdbc:sqlite:" + db);
        return ds;
    }

    private static Connection connect(Path db, DatabaseKey key) throws SQLException {
        SQLiteConfig config = config(key);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        // FULL: a committed write survives a power cut, not only a crash of the application.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Sorts and temporary tables stay in memory: a temporary file would hold decrypted pages.
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        if (key != null) {
            // A page read again from the file is decrypted again: 64 MB of cache keep the to-do as fast as on a plain file.
            config.setCacheSize(-65536);
        }
        Connection c = config.createConnection("jdbc:sqlite:" + db);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA application_id")) {
            if (rs.next() && rs.getInt(1) != APPLICATION_ID) {
                st.execute("PRAGMA application_id = " + APPLICATION_ID);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    /**
     * Reads a plain file without migrating it, locking it or writing anything beside it (no backup before
     * migration): to decide what to do with a file from an older Coordo before it is protected.
     */
    public static <T> T peekPlain(Path file, Function<DSLContext, T> query) {
        Path db = file.toAbsolutePath().normalize();
        if (!isPlainSqlite(db)) {
            throw notCoordo(db);
        }
        try (Connection c = readOnly(db, null).getConnection()) {
            return query.apply(DSL.using(c, SQLDialect.SQLITE));
        } catch (SQLException | RuntimeException e) {
            throw translate(e, db);
        }
    }

    /** Whether the file opens with {@code key} and passes SQLite's quick check. */
    public static boolean isSound(Path file, DatabaseKey key) {
        try (Connection c = readOnly(file.toAbsolutePath().normalize(), key).getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            return rs.next() && "ok".equalsIgnoreCase(rs.getString(1));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Copies a file and its write-ahead log byte for byte, flushed to disk, under {@code dest} and {@code dest-wal}. */
    private static void rawCopy(Path db, Path dest) throws IOException {
        Files.createDirectories(dest.getParent());
        Files.copy(db, dest);
        force(dest);
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        if (Files.exists(wal)) {
            Path destWal = dest.resolveSibling(dest.getFileName() + "-wal");
            Files.copy(wal, destWal);
            force(destWal);
        }
        LOG.warn("The database to be replaced failed its check: it was kept byte for byte");
    }

    /** True when the file starts with SQLite's plain header, which an encrypted file never shows. */
    public static boolean isPlainSqlite(Path file) {
        byte[] header = new byte[SQLITE_MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(header, 0, header.length);
            return n == header.length && Arrays.equals(header, SQLITE_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Encrypts a plain Coordo file with {@code key}, in place: an encrypted copy is written and checked
     * beside it, then takes its name in one atomic move, so that a crash leaves one whole file or the other.
     */
    public static void encrypt(Path file, DatabaseKey key) {
        Path db = file.toAbsolutePath().normalize();
        InstanceLock instanceLock = InstanceLock.acquire(db);
        Path tmp = null;
        try {
            inspect(db, Options.defaults());
            // The write-ahead log is folded into the file and removed, so that no plain page is left beside it.
            try (Connection c = readWrite(db, null).getConnection(); Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                st.execute("PRAGMA journal_mode = DELETE");
            }
            tmp = db.resolveSibling("." + db.getFileName() + "-chiffrement.partiel");
            Files.deleteIfExists(tmp);
            try (Connection c = readOnly(db, null).getConnection(); Statement st = c.createStatement()) {
                st.execute("VACUUM INTO '" + tmp.toString().replace("'", "''") + "'");
            }
            try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + tmp); Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = DELETE");
                st.execute("PRAGMA cipher = 'chacha20'");
                st.execute("PRAGMA kdf_iter = 1");
                st.execute("PRAGMA rekey = 'raw:" + key.hex() + "'");
            }
            verify(tmp, key);
            Files.move(tmp, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            LOG.info("Database encrypted");
        } catch (IOException | SQLException | RuntimeException e) {
            throw translate(e, db);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
            instanceLock.release();
        }
    }

    /** Opens a copy read-only with its key and runs SQLite's integrity check on it. */
    private static void verify(Path copy, DatabaseKey key) throws SQLException {
        try (Connection check = readOnly(copy, key).getConnection();
                Statement st = check.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            if (!rs.next() || !"ok".equalsIgnoreCase(rs.getString(1))) {
                throw new StoreException("La copie de la base ne se relit pas correctement : elle n'a pas été gardée. "
                        + "Essayez un autre emplacement.");
            }
        }
    }

    private static Path refuseExisting(Path destination) {
        Path dest = destination.toAbsolutePath().normalize();
        if (Files.exists(dest)) {
            throw new StoreException("Le fichier « " + dest + " » existe déjà : choisissez un autre nom pour la sauvegarde.");
        }
        return dest;
    }

    /**
     * Copies the database into a temporary file of its own with {@code VACUUM INTO} (an encrypted source
     * gives a copy encrypted with the same key), checks it, then publishes it under its name.
     */
    private static void onlineBackup(Connection source, Path dest, DatabaseKey key) {
        Path tmp = null;
        try {
            Files.createDirectories(dest.getParent());
            tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName() + "-", ".partiel");
            Files.delete(tmp);
            int appId;
            String version;
            try (Statement st = source.createStatement()) {
                appId = applicationId(st);
                version = schemaVersion(st);
                st.execute("VACUUM INTO '" + tmp.toString().replace("'", "''") + "'");
            }
            verifyCopy(tmp, key, appId, version);
            force(tmp);
            publish(tmp, dest);
            force(dest.getParent());
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("Le fichier « " + dest + " » existe déjà : choisissez un autre nom pour la sauvegarde.", e);
        } catch (IOException | SQLException e) {
            if (isDiskFull(e)) {
                throw new StoreException("Le disque est plein : la sauvegarde « " + dest + " » n'a pas pu être écrite "
                        + "(aucun fichier partiel n'a été laissé). Libérez de la place ou choisissez un autre support.", e);
            }
            throw new StoreException("La sauvegarde n'a pas pu être écrite dans « " + dest + " » : vérifiez le dossier "
                    + "et vos droits d'écriture.", e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * Reopens a copy read-only with its key and checks it is the same database as its source: the full
     * integrity check, the application id and the schema version. A copy that fails is not kept.
     */
    private static void verifyCopy(Path copy, DatabaseKey key, int appId, String version) throws SQLException {
        String problem;
        try (Connection check = readOnly(copy, key).getConnection(); Statement st = check.createStatement()) {
            problem = integrityProblem(st);
            if (problem == null && applicationId(st) != appId) {
                problem = "son identifiant d'application diffère de celui de la base";
            }
            if (problem == null && !java.util.Objects.equals(schemaVersion(st), version)) {
                problem = "sa version de schéma diffère de celle de la base";
            }
        } catch (SQLException e) {
            if (isDiskFull(e)) {
                throw e;
            }
            LOG.warn("Backup copy could not be read back", e);
            problem = "elle ne se rouvre pas avec la clé de la base";
        }
        if (problem != null) {
            throw new StoreException("La vérification de la sauvegarde a échoué (" + problem + ") : la copie a été supprimée. "
                    + "Essayez un autre emplacement ; la base, elle, n'a pas été modifiée.");
        }
    }

    /** {@code null} when PRAGMA integrity_check says « ok », else its first complaint. */
    private static String integrityProblem(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            if (rs.next() && "ok".equalsIgnoreCase(rs.getString(1))) {
                return null;
            }
            return "le contrôle d'intégrité a échoué";
        }
    }

    private static int applicationId(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA application_id")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The last migration applied, read from Flyway's table; {@code null} for a file without one. */
    private static String schemaVersion(Statement st) throws SQLException {
        try (ResultSet t = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
            if (!t.next() || t.getInt(1) == 0) {
                return null;
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL "
                + "ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Flushes a file (or a folder's entries) to the disk; a platform that cannot is left to its own cache. */
    private static void force(Path path) {
        boolean dir = Files.isDirectory(path);
        try (java.nio.channels.FileChannel ch = dir
                ? java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ)
                : java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            if (!dir) {
                LOG.debug("fsync of a file failed", e);
            }
        }
    }

    // ---------------------------------------------------------------- restoring

    /** What a restore did: the version of the file restored, the schema reached after reopening it, the copy kept. */
    public record RestoreReport(String restoredVersion, String schemaVersion, int migrationsApplied, Path previousCopy) {}

    /**
     * Checks that {@code file} can replace a database opened with {@code key}: a Coordo database, readable
     * with that key, whole, and not from a newer Coordo. Nothing is written; returns its schema version.
     */
    public static String checkRestorable(Path file, DatabaseKey key) {
        Path f = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            throw new StoreException("Le fichier « " + f + " » est introuvable. Rien n'a été restauré.");
        }
        boolean plain = isPlainSqlite(f);
        if (key != null && plain) {
            throw new StoreException("Le fichier « " + f + " » n'est pas chiffré : ce n'est pas une sauvegarde de cette base "
                    + "protégée. Rien n'a été restauré.");
        }
        if (key == null && !plain) {
            throw refusedBackup(f, "n'est pas une base de données Coordo");
        }
        SQLiteDataSource ro = readOnly(f, key);
        String version;
        try (Connection c = ro.getConnection(); Statement st = c.createStatement()) {
            if (integrityProblem(st) != null) {
                throw refusedBackup(f, "est endommagé (le contrôle d'intégrité a échoué)");
            }
            version = schemaVersion(st);
            if (applicationId(st) != APPLICATION_ID || version == null) {
                throw refusedBackup(f, "n'est pas une base de données Coordo");
            }
        } catch (SQLException e) {
            if (key != null && isCode(e, SQLiteErrorCode.SQLITE_NOTADB)) {
                throw refusedBackup(f, "ne peut pas être déchiffré avec la clé de cette base (ce n'est pas une sauvegarde de "
                        + "cette base, ou pas une base Coordo)");
            }
            throw refusedBackup(f, isCode(e, SQLiteErrorCode.SQLITE_NOTADB) ? "n'est pas une base de données Coordo"
                    : "ne se lit pas correctement (il est peut-être endommagé)");
        }
        for (MigrationInfo m : flyway(ro, Options.defaults()).info().all()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                throw refusedBackup(f, "a été enregistré par une version plus récente de Coordo (schéma " + version
                        + ") : installez cette version pour le restaurer");
            }
        }
        return version;
    }

    private static StoreException refusedBackup(Path f, String why) {
        return new StoreException("Le fichier « " + f + " » " + why + ". Rien n'a été restauré : la base actuelle n'a pas été modifiée.");
    }

    /**
     * Replaces the closed database {@code database} with the backup {@code file}. The backup is checked, the
     * current data copied (and checked) to {@code previousCopy}, then the backup is copied beside the database,
     * flushed, and moved over it in one atomic step. The file is then reopened, which migrates an older
     * backup, and the restore is recorded in its audit. Refused while the database is open anywhere.
     */
    public static RestoreReport restore(Path database, Path file, Path previousCopy, Options options) {
        Path db = database.toAbsolutePath().normalize();
        Path src = file.toAbsolutePath().normalize();
        options.effectiveAccess().require(Permission.RESTORE);
        if (src.equals(db)) {
            throw new StoreException("Ce fichier est la base elle-même : choisissez une sauvegarde. Rien n'a été restauré.");
        }
        String restoredVersion = checkRestorable(src, options.key());
        Path copy = refuseExisting(previousCopy);
        InstanceLock instanceLock = InstanceLock.tryAcquire(db);
        if (instanceLock == null) {
            throw new StoreException("La base « " + db + " » est encore ouverte (dans une fenêtre de Coordo ou une commande) : "
                    + "fermez-la avant de restaurer. Rien n'a été modifié.");
        }
        Path tmp = db.resolveSibling("." + db.getFileName() + "-restauration.partiel");
        try {
            if (Files.exists(db) && Files.size(db) > 0 && !isSound(db, options.key())) {
                // A damaged file cannot be copied page by page: its bytes are kept as they are, journal included.
                rawCopy(db, copy);
            } else if (Files.exists(db) && Files.size(db) > 0) {
                try (Connection ro = readOnly(db, options.key()).getConnection()) {
                    onlineBackup(ro, copy, options.key());
                } catch (StoreException e) {
                    throw new StoreException("La copie de la base actuelle, qui précède toute restauration, n'a pas pu être "
                            + "écrite : rien n'a été restauré. " + e.getMessage(), e);
                }
            } else {
                copy = null;
            }
            Files.deleteIfExists(tmp);
            Files.copy(src, tmp);
            force(tmp);
            if (!restoredVersion.equals(checkRestorable(tmp, options.key()))) {
                throw new StoreException("Le fichier « " + src + " » a changé pendant la restauration : rien n'a été restauré.");
            }
            // The old file's journal must not be replayed onto the restored one; its content is in the copy above.
            for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
            }
            Files.move(tmp, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            force(db.getParent());
            LOG.info("Database restored from a backup (schema {})", restoredVersion);
        } catch (IOException | SQLException | RuntimeException e) {
            if (isDiskFull(e)) {
                throw new StoreException("Le disque est plein : la restauration n'a pas eu lieu et la base actuelle n'a pas été "
                        + "modifiée. Libérez de la place puis recommencez.", e);
            }
            throw translate(e, db);
        } finally {
            deleteQuietly(tmp);
            instanceLock.release();
        }
        // From here the file IS the backup: a failure must say so, and where the replaced data is.
        try (Database restored = open(db, options)) {
            Path kept = copy;
            restored.write(Permission.RESTORE, (d, audit) -> {
                Map<String, Audit.Change> changes = new java.util.LinkedHashMap<>();
                changes.put("source", Audit.Change.created(src.toString()));
                changes.put("version_restauree", Audit.Change.created(restoredVersion));
                if (kept != null) {
                    changes.put("copie_precedente", Audit.Change.created(kept.toString()));
                }
                audit.record("database", null, AuditAction.RESTORE, changes);
                return null;
            });
            OpenReport r = restored.openReport();
            return new RestoreReport(restoredVersion, r.schemaVersion(), r.migrationsApplied(), copy);
        } catch (RuntimeException e) {
            LOG.error("The backup replaced the database, but reopening it failed", e);
            String why = e instanceof StoreException ? e.getMessage() : "erreur inattendue (" + e.getClass().getSimpleName() + ")";
            throw new StoreException("La sauvegarde « " + src.getFileName() + " » a remplacé la base « " + db + " », mais la base "
                    + "n'a pas pu être rouverte ensuite : " + why + " "
                    + (copy != null ? "Les données remplacées sont gardées dans « " + copy + " »."
                            : "La base remplacée était vide : il n'y avait rien à garder.")
                    + " Corrigez ce problème puis reconnectez-vous : l'ouverture sera reprise sur les données restaurées.", e);
        }
    }

    /** A hard link is atomic and refuses an existing name; where links are not supported, a plain move refuses it too. */
    private static void publish(Path tmp, Path dest) throws IOException {
        try {
            Files.createLink(dest, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            Files.move(tmp, dest);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warn("Closing a connection failed", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the name ends in .partiel, so it is never mistaken for a backup
        }
    }

    private static String stem(Path db) {
        String name = db.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static StoreException notCoordo(Path db) {
        return new StoreException("Le fichier « " + db + " » n'est pas une base de données Coordo : "
                + "il n'a été ni ouvert ni modifié. Choisissez un autre fichier.");
    }

    private static StoreException notCoordoOrOtherKey(Path db, Throwable cause) {
        return new StoreException("Le fichier « " + db + " » n'est pas une base Coordo de cette installation, ou il a été "
                + "chiffré avec une autre clé : il n'a été ni ouvert ni modifié.", cause);
    }

    private static boolean isCode(Throwable e, SQLiteErrorCode code) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException se && se.getResultCode() == code) {
                return true;
            }
        }
        return false;
    }

    private static StoreException damaged(Path db, Throwable cause) {
        return new StoreException("La base « " + db + " » est endommagée (le contrôle d'intégrité a échoué) : "
                + "elle n'a pas été modifiée. Restaurez une sauvegarde ou contactez votre support.", cause);
    }

    private static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("No space left")) {
                return true;
            }
        }
        return false;
    }

    /** Turns driver errors into sentences the user can act on. */
    static StoreException translate(Throwable e, Path db) {
        if (e instanceof StoreException se) {
            return se;
        }
        if (isDiskFull(e)) {
            return new StoreException("Le disque est plein : rien n'a été enregistré. Libérez de la place puis recommencez.", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException se) {
                SQLiteErrorCode code = se.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB) {
                    return damaged(db, e);
                }
                if (code == SQLiteErrorCode.SQLITE_READONLY || code == SQLiteErrorCode.SQLITE_CANTOPEN
                        || code == SQLiteErrorCode.SQLITE_PERM) {
                    return new StoreException("Écriture impossible dans « " + db + " » : vérifiez le fichier et vos droits d'écriture.", e);
                }
                if (code.name().startsWith("SQLITE_CONSTRAINT")) {
                    LOG.warn("Constraint violated", e);
                    return new StoreException("Ces données ne respectent pas une règle de la base (référence absente ou valeur "
                            + "déjà utilisée) : rien n'a été enregistré.", e);
                }
                if (code == SQLiteErrorCode.SQLITE_BUSY) {
                    return new StoreException("La base « " + db + " » est occupée par un autre programme : réessayez dans un instant.", e);
                }
            }
        }
        LOG.warn("Unexpected database error", e);
        return new StoreException("Erreur inattendue de la base de données : l'opération a été annulée et rien n'a été enregistré. "
                + "Les détails sont dans le journal coordo.log.", e);
    }
}
