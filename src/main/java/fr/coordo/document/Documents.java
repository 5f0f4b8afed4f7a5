package fr.coordo.document;

import fr.coordo.store.AtomicFiles;
import java.nio.file.Path;

/** Saving generated documents. */
public final class Documents {
    private Documents() {}

    /**
     * Writes the file complete or not at all (temporary file beside it, then a move). Without {@code replace},
     * an existing file is never overwritten: a StoreException with a French message is thrown instead.
     */
    public static void writeAtomically(Path target, byte[] content, boolean replace) {
        AtomicFiles.write(target, content, replace);
    }
}
