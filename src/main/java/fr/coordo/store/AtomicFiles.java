package fr.coordo.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files that appear complete or not at all: written beside their place, then moved there. */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path destination, byte[] content) {
        Path dest = destination.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            Files.createDirectories(dest.getParent());
            tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName() + "-", ".partiel");
            Files.write(tmp, content);
            try {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
            }
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
}
