package fr.coordo.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
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

    /** How to open: the clock and the person writing, and (for tests) the schema version to stop at. */
    public record Options(Clock clock, Supplier<String> actor, String targetVersion) {
        public static Options defaults() {
            return new Options(Clock.system(ZONE), () -> System.getProperty("user.name", "inconnu"), null);
        }

        public Options withTarget(String version) {
            return new Options(clock, actor, version);
        }
    }

    /** What opening did: the schema version reached, migrations applied and the backup taken first. */
    public record OpenReport(String schemaVersion, int migrationsApplied, Path backup) {}

    private final Path file;
    private final Options options;
    private final InstanceLock instanceLock;
    private final Connection connection;
    private final DSLContext dsl;
    private final ReentrantLock lock = new ReentrantLock();
    private final OpenReport report;

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

    public static Database open(Path file, Options options) {
        Path db = file.toAbsolutePath().normalize();
        prepareLocation(db);
        InstanceLock instanceLock = InstanceLock.acquire(db);
        try {
            boolean existing = Files.exists(db) && Files.size(db) > 0;
            if (existing) {
                inspect(db);
            }
            OpenReport report = migrate(db, options, existing);
            Connection connection = connect(db);
            return new Database(db, options, instanceLock, connection, report);
        } catch (StoreException e) {
            instanceLock.release();
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            instanceLock.release();
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

    /** Runs a query on the shared connection. */
    public <T> T read(Function<DSLContext, T> query) {
        lock.lock();
        try {
            return query.apply(dsl);
        } catch (RuntimeException e) {
            throw translate(e, file);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction with the audit entries it records: both are committed
     * together or not at all.
     */
    public <T> T write(Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                Audit audit = new Audit(dsl, options.clock(), options.actor().get());
                T result = work.run(dsl, audit);
                connection.commit();
                return result;
            } catch (Exception e) {
                rollbackQuietly();
                if (e instanceof StoreException se) {
                    throw se;
                }
                throw translate(e, file);
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(e, file);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies the database to {@code destination} with SQLite's online backup, through a temporary file
     * that only becomes {@code destination} once complete and checked. Refuses to overwrite a file.
     */
    public void backupTo(Path destination) {
        Path dest = destination.toAbsolutePath().normalize();
        if (Files.exists(dest)) {
            throw new StoreException("Le fichier « " + dest + " » existe déjà : choisissez un autre nom pour la sauvegarde.");
        }
        lock.lock();
        try {
            onlineBackup(connection, dest);
            write((d, audit) -> {
                audit.record("database", null, AuditAction.BACKUP, null);
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("Closing the database failed", e);
            }
            instanceLock.release();
        } finally {
            lock.unlock();
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

    /** Refuses a file that is not a sound Coordo database, without writing a byte to it. */
    private static void inspect(Path db) throws IOException {
        byte[] header = new byte[SQLITE_MAGIC.length];
        try (InputStream in = Files.newInputStream(db)) {
            int n = in.readNBytes(header, 0, header.length);
            if (n < header.length || !Arrays.equals(header, SQLITE_MAGIC)) {
                throw notCoordo(db);
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try (Connection c = config.createConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
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
            if (appId != APPLICATION_ID && tables > 0) {
                throw notCoordo(db);
            }
        } catch (SQLException e) {
            throw damaged(db, e);
        }
    }

    private static OpenReport migrate(Path db, Options options, boolean existing) throws SQLException {
        var configuration = Flyway.configure(Database.class.getClassLoader())
                .dataSource("jdbc:sqlite:" + db, null, null)
                .locations("classpath:db/migration")
                .loggers("slf4j");
        if (options.targetVersion() != null) {
            configuration.target(MigrationVersion.fromVersion(options.targetVersion()));
        }
        Flyway flyway = configuration.load();
        MigrationInfoService info = flyway.info();
        for (MigrationInfo m : info.all()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                throw new StoreException("La base « " + db + " » a été enregistrée par une version plus récente de Coordo : "
                        + "installez cette version pour l'ouvrir. Elle n'a pas été modifiée.");
            }
        }
        MigrationInfo current = info.current();
        int pending = info.pending().length;
        Path backup = null;
        if (existing && current != null && pending > 0) {
            backup = backupDirFor(db).resolve(stem(db) + "-avant-migration-v" + current.getVersion() + "-"
                    + LocalDateTime.now(options.clock()).format(BACKUP_STAMP) + ".db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                onlineBackup(c, backup);
            } catch (StoreException e) {
                throw new StoreException("La sauvegarde automatique avant la mise à jour de la base n'a pas pu être écrite dans « "
                        + backup.getParent() + " » : la base n'a pas été modifiée. " + e.getMessage(), e);
            }
            LOG.info("Backup before migration written to {}", backup);
        }
        MigrateResult result = flyway.migrate();
        String version = flyway.info().current() == null ? null : flyway.info().current().getVersion().getVersion();
        return new OpenReport(version, result.migrationsExecuted, backup);
    }

    private static Connection connect(Path db) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        // FULL: a committed write survives a power cut, not only a crash of the application.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = config.createConnection("jdbc:sqlite:" + db);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA application_id")) {
            if (rs.next() && rs.getInt(1) != APPLICATION_ID) {
                st.execute("PRAGMA application_id = " + APPLICATION_ID);
            }
        }
        return c;
    }

    /** Online backup into a temporary file, verified, then moved into place. */
    private static void onlineBackup(Connection source, Path dest) {
        Path tmp = dest.resolveSibling(dest.getFileName() + ".partiel");
        try {
            Files.createDirectories(dest.getParent());
            Files.deleteIfExists(tmp);
            SQLiteConnection sqlite = source.unwrap(SQLiteConnection.class);
            int rc = sqlite.getDatabase().backup("main", tmp.toString(), null);
            if (rc != SQLiteErrorCode.SQLITE_OK.code) {
                throw new SQLException("backup failed", null, rc);
            }
            try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + tmp);
                    Statement st = check.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                if (!rs.next() || !"ok".equalsIgnoreCase(rs.getString(1))) {
                    throw new StoreException("La sauvegarde écrite dans « " + dest + " » ne se relit pas correctement : "
                            + "elle a été supprimée. Essayez un autre emplacement.");
                }
            }
            try {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dest);
            }
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(tmp);
            throw new StoreException("Le fichier « " + dest + " » existe déjà : choisissez un autre nom pour la sauvegarde.", e);
        } catch (IOException | SQLException e) {
            deleteQuietly(tmp);
            if (isDiskFull(e)) {
                throw new StoreException("Le disque est plein : la sauvegarde « " + dest + " » n'a pas pu être écrite "
                        + "(aucun fichier partiel n'a été laissé). Libérez de la place ou choisissez un autre support.", e);
            }
            throw new StoreException("La sauvegarde n'a pas pu être écrite dans « " + dest + " » : vérifiez le dossier "
                    + "et vos droits d'écriture.", e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed", e);
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
                + "il n'a pas été ouvert ni modifié. Choisissez un autre fichier avec --db.");
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
                if (code == SQLiteErrorCode.SQLITE_BUSY) {
                    return new StoreException("La base « " + db + " » est occupée par un autre programme : réessayez dans un instant.", e);
                }
            }
        }
        return new StoreException("Erreur inattendue de la base de données : l'opération a été annulée et rien n'a été enregistré ("
                + Objects.toString(e.getMessage(), e.getClass().getSimpleName()) + ").", e);
    }

    /** One Coordo process per database: an OS lock on a file beside it. */
    private record InstanceLock(FileChannel channel, FileLock lock) {
        static InstanceLock acquire(Path db) {
            Path lockFile = db.resolveSibling(db.getFileName() + ".lock");
            FileChannel channel;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new StoreException("Impossible d'écrire à côté de la base « " + db + " » : vérifiez le dossier et vos droits d'écriture.", e);
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException e) {
                closeQuietly(channel);
                throw new StoreException("Impossible de réserver la base « " + db + " » : " + e.getMessage(), e);
            }
            if (lock == null) {
                closeQuietly(channel);
                throw new StoreException("La base « " + db + " » est déjà ouverte par une autre instance de Coordo : "
                        + "fermez-la avant d'en ouvrir une autre (rien n'a été écrit).");
            }
            return new InstanceLock(channel, lock);
        }

        void release() {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } catch (IOException ignored) {
                // the channel close below releases it anyway
            }
            closeQuietly(channel);
        }

        private static void closeQuietly(FileChannel c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
