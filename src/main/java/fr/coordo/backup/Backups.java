package fr.coordo.backup;

import static fr.coordo.store.schema.Tables.APP_SETTING;

import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Settings;
import fr.coordo.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backups of an open database, in the folder its settings name (a USB key, a network share) or
 * else beside it: manual ones, automatic ones at closing and once a day, and the rotation of the
 * automatic ones. Every copy is verified by {@link Database#backupTo} before it takes its name.
 */
public final class Backups {
    /** The app_setting key of the chosen folder; absent: {@link Database#backupDirFor}. */
    public static final String FOLDER_SETTING = "backup.folder";
    /** An automatic backup is due once the newest one is older than this. */
    public static final Duration DAILY = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    private final Database db;
    private final Clock clock;
    private final BackupPolicy policy;

    public Backups(Database db, Clock clock) {
        this(db, clock, BackupPolicy.DEFAULT);
    }

    public Backups(Database db, Clock clock, BackupPolicy policy) {
        this.db = db;
        this.clock = clock;
        this.policy = policy;
    }

    // ---------------------------------------------------------------- folder

    /** Where backups go: the chosen folder, or {@code sauvegardes} beside the database. */
    public Path folder() {
        return chosenFolder().orElseGet(() -> Database.backupDirFor(db.file()));
    }

    public boolean isDefaultFolder() {
        return chosenFolder().isEmpty();
    }

    private Optional<Path> chosenFolder() {
        return new Settings(db).get(FOLDER_SETTING).filter(s -> !s.isBlank()).map(Path::of);
    }

    /** A French sentence saying why no backup can be written in the folder now, or empty when one can. */
    public Optional<String> folderProblem() {
        return folderProblem(folder(), isDefaultFolder());
    }

    private static Optional<String> folderProblem(Path dir, boolean isDefault) {
        if (isDefault && !Files.exists(dir)) {
            return Optional.empty(); // created on first use
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("Le dossier de sauvegarde « " + dir + " » est introuvable : branchez la clé USB ou le disque qui le "
                    + "contient, ou choisissez un autre dossier dans les Réglages.");
        }
        if (!Files.isWritable(dir)) {
            return Optional.of("Le dossier de sauvegarde « " + dir + " » n'est pas accessible en écriture (support protégé en "
                    + "écriture ou droits insuffisants) : choisissez un autre dossier dans les Réglages.");
        }
        return Optional.empty();
    }

    /** Chooses the folder (a setting of the database, which needs the right to change settings). */
    public void chooseFolder(Path dir) {
        db.access().require(Permission.SETTINGS);
        Path folder = dir.toAbsolutePath().normalize();
        folderProblem(folder, false).ifPresent(m -> {
            throw new StoreException(m);
        });
        saveFolder(folder.toString());
    }

    /** Goes back to the folder beside the database. */
    public void useDefaultFolder() {
        db.access().require(Permission.SETTINGS);
        saveFolder(null);
    }

    private void saveFolder(String value) {
        String before = new Settings(db).get(FOLDER_SETTING).orElse(null);
        db.write(Permission.SETTINGS, (dsl, audit) -> {
            if (value == null) {
                dsl.deleteFrom(APP_SETTING).where(APP_SETTING.KEY.eq(FOLDER_SETTING)).execute();
            } else {
                dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, FOLDER_SETTING).set(APP_SETTING.VALUE, value)
                        .onConflict(APP_SETTING.KEY).doUpdate().set(APP_SETTING.VALUE, value).execute();
            }
            audit.record("app_setting", FOLDER_SETTING, AuditAction.UPDATE, Map.of("value", new Audit.Change(before, value)));
            return null;
        });
    }

    // ---------------------------------------------------------------- listing

    /**
     * The backups of this database Coordo recognises in the folder, newest first; other files, another database's
     * backups included, are ignored.
     */
    public List<BackupFile> list() {
        return list(folder(), BackupFile.stemOf(db.file()));
    }

    static List<BackupFile> list(Path dir, String stem) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<BackupFile> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    BackupFile.parse(stem, f, Files.size(f)).ifPresent(found::add);
                } catch (IOException e) {
                    // vanished meanwhile: not listed
                }
            });
        } catch (IOException e) {
            throw new StoreException("Le dossier de sauvegarde « " + dir + " » ne se lit pas : vérifiez qu'il est toujours branché.", e);
        }
        found.sort(Comparator.comparing(BackupFile::takenAt).reversed().thenComparing(b -> b.path().getFileName().toString()));
        return found;
    }

    // ---------------------------------------------------------------- writing

    /** A manual backup in the folder; never deleted by the rotation. */
    public BackupFile backupNow() {
        return write(BackupFile.Kind.MANUAL);
    }

    /** A copy at a path the person chose (the command line's FICHIER); it must not exist. */
    public BackupFile backupTo(Path file) {
        Path dest = file.toAbsolutePath().normalize();
        db.backupTo(dest);
        return describe(dest, BackupFile.Kind.MANUAL);
    }

    /** The automatic backup taken when the window closes, then the rotation. */
    public BackupFile atClosing() {
        BackupFile written = write(BackupFile.Kind.AUTO);
        rotate();
        return written;
    }

    /**
     * Whether no automatic backup in the folder is younger than a day. One dated after now (taken while the clock
     * was wrong) does not count: otherwise it would put off every daily backup until that date.
     */
    public boolean dailyDue() {
        LocalDateTime now = LocalDateTime.now(clock);
        return list().stream().filter(b -> b.kind() == BackupFile.Kind.AUTO && !b.takenAt().isAfter(now))
                .noneMatch(b -> Duration.between(b.takenAt(), now).compareTo(DAILY) < 0);
    }

    /** The daily automatic backup (and the rotation) when one is due; empty when the newest is recent enough. */
    public Optional<BackupFile> daily() {
        if (!dailyDue()) {
            return Optional.empty();
        }
        return Optional.of(atClosing());
    }

    /** Deletes the automatic backups the policy no longer keeps; returns them. Other files are never touched. */
    public List<BackupFile> rotate() {
        List<BackupFile> auto = list().stream().filter(b -> b.kind() == BackupFile.Kind.AUTO).toList();
        Set<LocalDateTime> keep = policy.keep(auto.stream().map(BackupFile::takenAt).toList());
        // Two automatic backups in the same second: only the one listed first stands for that time.
        Set<LocalDateTime> seen = new java.util.HashSet<>();
        List<BackupFile> deleted = new ArrayList<>();
        for (BackupFile b : auto) {
            if (keep.contains(b.takenAt()) && seen.add(b.takenAt())) {
                continue;
            }
            try {
                Files.deleteIfExists(b.path());
                deleted.add(b);
            } catch (IOException e) {
                LOG.warn("An old automatic backup could not be deleted", e);
            }
        }
        if (!deleted.isEmpty()) {
            LOG.info("Rotation: {} old automatic backup(s) deleted", deleted.size());
        }
        return deleted;
    }

    private BackupFile write(BackupFile.Kind kind) {
        Path dir = folder();
        folderProblem().ifPresent(m -> {
            throw new StoreException(m + " Aucune sauvegarde n'a été écrite.");
        });
        Path dest = freeName(dir, BackupFile.stemOf(db.file()), kind, LocalDateTime.now(clock));
        db.backupTo(dest);
        LOG.info("Backup ({}) written", kind);
        return describe(dest, kind);
    }

    static Path freeName(Path dir, String stem, BackupFile.Kind kind, LocalDateTime at) {
        for (int n = 1; ; n++) {
            Path p = dir.resolve(BackupFile.name(stem, kind, at.withNano(0), n));
            if (!Files.exists(p)) {
                return p;
            }
        }
    }

    private BackupFile describe(Path dest, BackupFile.Kind kind) {
        long size;
        try {
            size = Files.size(dest);
        } catch (IOException e) {
            size = 0;
        }
        return BackupFile.parse(BackupFile.stemOf(db.file()), dest, size).orElse(new BackupFile(dest, kind, null, size));
    }
}
