package fr.coordo.document;

import java.time.Clock;
import java.util.Objects;

/**
 * What every page and the metadata say about a document.
 *
 * @param title       document title: metadata, window title and page header
 * @param footerLine  the document-specific footer line, e.g. « Plan personnalisé — version 3 du 12/05/2026 »;
 *                    also the metadata subject
 * @param author      the issuing structure or person, or null
 * @param clock       the generation time comes from it, never from the system: same data and clock, same bytes
 * @param fingerprint {@link Fingerprint} of the data snapshot the document was built from
 */
public record DocumentInfo(String title, String footerLine, String author, Clock clock, String fingerprint) {
    public DocumentInfo {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(footerLine, "footerLine");
        Objects.requireNonNull(clock, "clock");
        if (fingerprint == null || !fingerprint.matches("[0-9a-f]{" + Fingerprint.LENGTH + "}")) {
            throw new IllegalArgumentException("fingerprint must come from Fingerprint.of: " + fingerprint);
        }
    }

    /** A document built from this snapshot (its canonical text form, e.g. JSON). */
    public static DocumentInfo of(String title, String footerLine, Clock clock, String snapshot) {
        return new DocumentInfo(title, footerLine, null, clock, Fingerprint.of(snapshot));
    }

    public static DocumentInfo of(String title, String footerLine, Clock clock, byte[] snapshot) {
        return new DocumentInfo(title, footerLine, null, clock, Fingerprint.of(snapshot));
    }

    public DocumentInfo withAuthor(String newAuthor) {
        return new DocumentInfo(title, footerLine, newAuthor, clock, fingerprint);
    }
}
