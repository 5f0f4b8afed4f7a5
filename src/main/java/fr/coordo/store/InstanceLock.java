package fr.coordo.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One Coordo process per database: an OS lock on a file beside it ({@code coordo.db.lock}). */
final class InstanceLock {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;

    private InstanceLock(Path file, FileChannel channel, FileLock lock, boolean created) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /** Takes the lock, or says in French that another instance has the database. */
    static InstanceLock acquire(Path db) {
        InstanceLock l = tryAcquire(db);
        if (l == null) {
            throw new StoreException("La base « " + db + " » est déjà ouverte par une autre instance de Coordo : "
                    + "fermez-la avant d'en ouvrir une autre (rien n'a été écrit).");
        }
        return l;
    }

    /** Takes the lock, or returns null when another instance holds it. */
    static InstanceLock tryAcquire(Path db) {
        Path lockFile = db.resolveSibling(db.getFileName() + ".lock");
        boolean created = !Files.exists(lockFile);
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
            throw new StoreException("Impossible de réserver la base « " + db + " » : vérifiez le dossier et vos droits d'écriture.", e);
        }
        if (lock == null) {
            closeQuietly(channel);
            return null;
        }
        return new InstanceLock(lockFile, channel, lock, created);
    }

    void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        closeQuietly(channel);
    }

    /** Releases the lock and, when this open created the lock file, removes it: a refused file leaves no trace. */
    void releaseAfterRefusal() {
        release();
        if (created) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // an empty lock file is harmless
            }
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
