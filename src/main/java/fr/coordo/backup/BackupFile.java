package fr.coordo.backup;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup file in the backup folder, known by its name alone: the database's file name, date, time and kind,
 * never anything about the patients. {@code coordo-20261124-183000-auto.coordo-sauvegarde} for coordo.db,
 * {@code essai-…} for essai.db: two databases can share a folder without taking each other's backups for their own.
 */
public record BackupFile(Path path, Kind kind, LocalDateTime takenAt, long size) {
    public static final String EXTENSION = ".coordo-sauvegarde";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private static final String OWN = "-(\\d{8}-\\d{6})-(auto|manuelle|avant-restauration)(?:-\\d{1,3})?" + Pattern.quote(EXTENSION);
    /** Written by Database.open before a migration: {@code <stem>-avant-migration-v<version>-<stamp>.db}. */
    private static final String BEFORE_MIGRATION = "-avant-migration-v[0-9.]+-(\\d{8}-\\d{6})\\.db";

    /** The kinds of backup; only automatic ones are ever deleted by the rotation. */
    public enum Kind {
        AUTO("auto", "automatique"),
        MANUAL("manuelle", "manuelle"),
        BEFORE_RESTORE("avant-restauration", "avant restauration"),
        BEFORE_MIGRATION(null, "avant mise à jour");

        final String tag;
        public final String label;

        Kind(String tag, String label) {
            this.tag = tag;
            this.label = label;
        }

        static Kind ofTag(String tag) {
            for (Kind k : values()) {
                if (tag.equals(k.tag)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(tag);
        }
    }

    /** The name of a database file without its extension: {@code coordo} for coordo.db; the backups' names start with it. */
    static String stemOf(Path database) {
        String name = database.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * The file name of a backup of the database named {@code stem}, of this kind, taken at {@code at};
     * {@code n > 1} tells apart two in the same second.
     */
    static String name(String stem, Kind kind, LocalDateTime at, int n) {
        if (kind.tag == null) {
            throw new IllegalArgumentException("Coordo does not name " + kind + " backups here");
        }
        return stem + "-" + at.format(STAMP) + "-" + kind.tag + (n > 1 ? "-" + n : "") + EXTENSION;
    }

    /**
     * The backup of the database named {@code stem} a file name describes, or empty for any other file, another
     * database's backups included (which Coordo then never touches).
     */
    static Optional<BackupFile> parse(String stem, Path file, long size) {
        String name = file.getFileName().toString();
        Matcher own = Pattern.compile(Pattern.quote(stem) + OWN).matcher(name);
        if (own.matches()) {
            return stamp(own.group(1)).map(at -> new BackupFile(file, Kind.ofTag(own.group(2)), at, size));
        }
        Matcher migration = Pattern.compile(Pattern.quote(stem) + BEFORE_MIGRATION).matcher(name);
        if (migration.matches()) {
            return stamp(migration.group(1)).map(at -> new BackupFile(file, Kind.BEFORE_MIGRATION, at, size));
        }
        return Optional.empty();
    }

    private static Optional<LocalDateTime> stamp(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, STAMP));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The size for a person: « 1,2 Mo », « 840 Ko ». */
    public static String readableSize(long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, (bytes + 1023) / 1024) + " Ko";
        }
        return String.format(java.util.Locale.FRANCE, "%.1f Mo", bytes / (1024.0 * 1024.0));
    }
}
