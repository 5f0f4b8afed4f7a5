package fr.coordo.security;

import fr.coordo.store.DatabaseKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The secret shown once at setup. The database key is derived from it, so that with this key alone a
 * forgotten password, a lost keyring file or a backup brought to a new computer can still be opened.
 * Written as 8 groups of 4 characters (Crockford's base 32: no I, L, O or U to misread).
 */
public final class RecoveryKey {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int BYTES = 20;
    private static final byte[] INFO = "Coordo database key v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;

    private RecoveryKey(byte[] secret) {
        this.secret = secret;
    }

    public static RecoveryKey generate() {
        byte[] b = new byte[BYTES];
        new SecureRandom().nextBytes(b);
        return new RecoveryKey(b);
    }

    /**
     * Reads a key as typed: case, spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1.
     * A key of the wrong length is refused in French; a mistyped character gives another key, which the
     * database then refuses.
     */
    public static RecoveryKey parse(String typed) {
        if (typed == null) {
            throw new IllegalArgumentException("La clé de secours est vide.");
        }
        StringBuilder clean = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            // Spaces of any kind and dashes of any kind, as a key copied from a PDF or a word processor has them.
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.DASH_PUNCTUATION) {
                continue;
            }
            char d = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(d) < 0) {
                throw new IllegalArgumentException("La clé de secours contient « " + c + " », qui n'en fait pas partie : "
                        + "elle ne comporte que des chiffres et des lettres majuscules, par groupes de quatre.");
            }
            clean.append(d);
        }
        if (clean.length() != 32) {
            throw new IllegalArgumentException("La clé de secours compte 32 caractères (8 groupes de 4) ; "
                    + "celle-ci en compte " + clean.length() + ".");
        }
        byte[] out = new byte[BYTES];
        long buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < clean.length(); i++) {
            buffer = (buffer << 5) | ALPHABET.indexOf(clean.charAt(i));
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[index++] = (byte) (buffer >> bits);
            }
        }
        return new RecoveryKey(out);
    }

    /** The key as shown and printed: « ABCD-EFGH-… ». */
    public String formatted() {
        StringBuilder sb = new StringBuilder();
        long buffer = 0;
        int bits = 0;
        int written = 0;
        for (byte b : secret) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                if (written > 0 && written % 4 == 0) {
                    sb.append('-');
                }
                sb.append(ALPHABET.charAt((int) (buffer >> bits) & 31));
                written++;
            }
        }
        return sb.toString();
    }

    /** The database key this recovery key stands for (HKDF-SHA-256). */
    public DatabaseKey databaseKey() {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, null, INFO));
        byte[] key = new byte[DatabaseKey.LENGTH];
        hkdf.generateBytes(key, 0, key.length);
        return DatabaseKey.of(key);
    }

    @Override
    public String toString() {
        return "RecoveryKey[masquée]";
    }
}
