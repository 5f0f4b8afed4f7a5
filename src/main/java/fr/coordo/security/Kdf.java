package fr.coordo.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id: turns a password into the key that unwraps the database key. */
public final class Kdf {
    private Kdf() {}

    /** The cost of one derivation; stored with each password so that it can be raised later. */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        /** About half a second and 64 MiB on an office laptop: costly for a guesser, bearable at sign-in. */
        public static final Params STANDARD = new Params(64 * 1024, 3, 1);
        /** For tests only: the same algorithm at a cost that keeps hundreds of sign-ins fast. */
        public static final Params LIGHT = new Params(1024, 1, 1);

        public Params {
            if (memoryKiB < 8 || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("Argon2 parameters out of range");
            }
        }
    }

    public static byte[] derive(char[] password, byte[] salt, Params params) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] secret = new byte[encoded.remaining()];
        encoded.get(secret);
        try {
            Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withSalt(salt)
                    .withMemoryAsKB(params.memoryKiB())
                    .withIterations(params.iterations())
                    .withParallelism(params.parallelism())
                    .build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(p);
            byte[] out = new byte[32];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }
}
