package fr.coordo.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The short footer fingerprint of the data a document was built from: two printouts compare at a glance. */
public final class Fingerprint {
    /** Hex characters printed: 48 bits, plenty to tell two versions of one document apart. */
    public static final int LENGTH = 12;

    private Fingerprint() {}

    public static String of(String snapshot) {
        return of(snapshot.getBytes(StandardCharsets.UTF_8));
    }

    public static String of(byte[] snapshot) {
        return HexFormat.of().formatHex(sha256(snapshot)).substring(0, LENGTH);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
