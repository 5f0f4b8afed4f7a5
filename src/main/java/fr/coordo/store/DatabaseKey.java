package fr.coordo.store;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 256-bit key that encrypts the database file (every page, with ChaCha20-Poly1305). It never
 * reaches a log or a message: {@link #toString()} says only that it is a key.
 */
public final class DatabaseKey {
    public static final int LENGTH = 32;
    private final byte[] bytes;

    private DatabaseKey(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a database key has " + LENGTH + " bytes");
        }
        this.bytes = bytes.clone();
    }

    public static DatabaseKey of(byte[] bytes) {
        return new DatabaseKey(bytes);
    }

    public static DatabaseKey random() {
        byte[] b = new byte[LENGTH];
        new SecureRandom().nextBytes(b);
        return new DatabaseKey(b);
    }

    /** A copy of the key's bytes, for wrapping it. */
    public byte[] bytes() {
        return bytes.clone();
    }

    String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseKey k && java.security.MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "DatabaseKey[masquée]";
    }
}
