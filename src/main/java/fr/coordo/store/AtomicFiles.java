package fr.coordo.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files that appear complete or not at all: written beside their place, then moved there. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the file, replacing any previous version. */
    public static void write(Path destination, byte[] content) {
        write(destination, content, true);
    }

    /**
     * Writes the file; without {@code replace}, an existing file is kept and a StoreException says so
     * (issued documents are never overwritten).
     */
    public static void write(Path destination, byte[] content, boolean replace) {
        Path dest = destination.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            try {
                Files.createDirectories(dest.getParent());
            } catch (FileAlreadyExistsException e) {
                // A file stands where a folder should be: not the « already exists » refusal below.
                throw new StoreException("Le fichier « " + dest + " » n'a pas pu être écrit : « " + e.getFile()
                        + " » n'est pas un dossier. Choisissez un autre emplacement.", e);
            }
            if (!replace && Files.exists(dest)) {
                throw alreadyThere(dest, null);
            }
            tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName() + "-", ".partiel");
            // On disk before it takes the name: after a power cut the file is the old one or the new one, never empty.
            try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            if (replace) {
                moveReplacing(tmp, dest);
            } else {
                publishOnce(tmp, dest);
            }
        } catch (FileAlreadyExistsException e) {
            throw alreadyThere(dest, e);
        } catch (IOException e) {
            throw new StoreException("Le fichier « " + dest + " » n'a pas pu être écrit : vérifiez le dossier, la place disponible "
                    + "et vos droits d'écriture. Aucun fichier partiel n'a été laissé.", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // its name ends in .partiel: never taken for the real file
                }
            }
        }
    }

    private static void moveReplacing(Path tmp, Path dest) throws IOException {
        try {
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // A hard link is created atomically and fails if the name is taken, whereas an atomic rename may replace silently.
    private static void publishOnce(Path tmp, Path dest) throws IOException {
        try {
            Files.createLink(dest, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // file systems without hard links (FAT USB keys): a plain move still refuses an existing target
            Files.move(tmp, dest);
        }
    }

    private static StoreException alreadyThere(Path dest, Throwable cause) {
        return new StoreException("Le fichier « " + dest + " » existe déjà et n'a pas été remplacé : un document émis "
                + "n'est jamais écrasé. Choisissez un autre nom ou un autre dossier.", cause);
    }
}
