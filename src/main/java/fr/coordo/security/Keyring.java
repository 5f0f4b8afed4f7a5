package fr.coordo.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.coordo.store.AtomicFiles;
import fr.coordo.store.DatabaseKey;
import fr.coordo.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The file beside the database that holds, for each account, the database key wrapped (AES-256-GCM) with
 * a key derived from the account's password (Argon2id), and the count of failed sign-ins that slows the
 * next ones. It holds no health data and no password: without a password it opens nothing.
 */
public final class Keyring {
    static final int FORMAT = 1;
    /** Sign-ins free of delay; each failure after them doubles the wait, up to {@link #MAX_WAIT}. */
    static final int FREE_ATTEMPTS = 3;
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One account's wrapped key. */
    public record Slot(String login, int memoryKiB, int iterations, int parallelism, String salt, String nonce, String wrapped) {}

    /** Failed sign-ins since the last success. */
    public record Failures(int count, Instant last) {}

    /** The file's content, as stored. */
    public record Content(int format, TreeMap<String, Slot> slots, TreeMap<String, Failures> failures) {}

    private final Path file;
    private final TreeMap<String, Slot> slots;
    private final TreeMap<String, Failures> failures;

    private Keyring(Path file, TreeMap<String, Slot> slots, TreeMap<String, Failures> failures) {
        this.file = file;
        this.slots = slots;
        this.failures = failures;
    }

    /** The keyring of a database: « coordo.db » → « coordo.db.cles ». */
    public static Path fileFor(Path database) {
        Path db = database.toAbsolutePath().normalize();
        return db.resolveSibling(db.getFileName() + ".cles");
    }

    public static Keyring empty(Path database) {
        return new Keyring(fileFor(database), new TreeMap<>(), new TreeMap<>());
    }

    /** The keyring of {@code database}, if it has one. */
    public static Optional<Keyring> load(Path database) {
        Path file = fileFor(database);
        try {
            Content c = JSON.readValue(Files.readAllBytes(file), Content.class);
            if (c.format() > FORMAT) {
                throw new StoreException("Le fichier des clés « " + file + " » a été écrit par une version plus récente de Coordo : "
                        + "installez cette version.");
            }
            return Optional.of(new Keyring(file,
                    c.slots() == null ? new TreeMap<>() : c.slots(),
                    c.failures() == null ? new TreeMap<>() : c.failures()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("Le fichier des clés « " + file + " » est illisible : les mots de passe ne peuvent pas "
                    + "être vérifiés. Utilisez la clé de secours pour rouvrir la base.", e);
        }
    }

    public Path file() {
        return file;
    }

    /** One process at a time, and one thread of it, changes a keyring. */
    private static final java.util.concurrent.locks.ReentrantLock IN_PROCESS = new java.util.concurrent.locks.ReentrantLock();

    /**
     * Re-reads the keyring under an exclusive lock, applies {@code change} and saves it, so that the window and a
     * command running beside it never undo each other's changes (a password, a new account, a failure count).
     * With {@code afresh}, a missing or unreadable keyring is set aside and replaced by an empty one: the recovery
     * key's way back.
     */
    public static void update(Path database, boolean afresh, java.util.function.Consumer<Keyring> change) {
        Path file = fileFor(database);
        Path lockFile = file.resolveSibling(file.getFileName() + ".verrou");
        IN_PROCESS.lock();
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock ignored = channel.lock()) {
            Keyring keyring;
            try {
                keyring = load(database).orElseGet(() -> {
                    if (!afresh) {
                        throw new StoreException("Le fichier des clés « " + file + " » est introuvable : seule la clé de secours "
                                + "peut rouvrir cette base.");
                    }
                    return empty(database);
                });
            } catch (StoreException e) {
                if (!afresh || !Files.exists(file)) {
                    throw e;
                }
                Path aside = file.resolveSibling(file.getFileName() + ".illisible-" + System.currentTimeMillis());
                Files.move(file, aside);
                keyring = empty(database);
            }
            change.accept(keyring);
            keyring.save();
        } catch (IOException e) {
            throw new StoreException("Le fichier des clés « " + file + " » n'a pas pu être modifié : vérifiez le dossier et "
                    + "vos droits d'écriture.", e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** Writes the keyring whole or not at all. */
    public void save() {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(new Content(FORMAT, slots, failures)));
        } catch (IOException e) {
            throw new StoreException("Le fichier des clés « " + file + " » n'a pas pu être écrit.", e);
        }
    }

    public static String normalise(String login) {
        return login == null ? "" : login.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean has(String login) {
        return slots.containsKey(normalise(login));
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /** Wraps {@code key} for {@code login} under {@code password} (Argon2id, then AES-GCM): the slot to {@link #put}. */
    public static Slot wrap(String login, char[] password, DatabaseKey key, Kdf.Params params) {
        String id = normalise(login);
        byte[] salt = random(16);
        byte[] nonce = random(12);
        byte[] kek = Kdf.derive(password, salt, params);
        try {
            byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, kek, nonce, id).doFinal(key.bytes());
            Base64.Encoder b64 = Base64.getEncoder();
            return new Slot(id, params.memoryKiB(), params.iterations(), params.parallelism(),
                    b64.encodeToString(salt), b64.encodeToString(nonce), b64.encodeToString(wrapped));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** Gives an account its slot, replacing its previous password. */
    public void put(Slot slot) {
        slots.put(slot.login(), slot);
    }

    public void remove(String login) {
        slots.remove(normalise(login));
        failures.remove(normalise(login));
    }

    /** The database key if {@code password} is the account's; empty for a wrong password or an unknown login. */
    public Optional<DatabaseKey> unwrap(String login, char[] password) {
        String id = normalise(login);
        Slot slot = slots.get(id);
        if (slot == null || !id.equals(slot.login())) {
            // The same work as a real attempt, so that timing does not tell which logins exist.
            Kdf.derive(password, new byte[16], slots.values().stream().findFirst()
                    .map(s -> new Kdf.Params(s.memoryKiB(), s.iterations(), s.parallelism())).orElse(Kdf.Params.STANDARD));
            return Optional.empty();
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] kek = Kdf.derive(password, b64.decode(slot.salt()),
                new Kdf.Params(slot.memoryKiB(), slot.iterations(), slot.parallelism()));
        try {
            // Authenticated with the login asked for: a slot copied under another login does not open.
            byte[] key = gcm(Cipher.DECRYPT_MODE, kek, b64.decode(slot.nonce()), id).doFinal(b64.decode(slot.wrapped()));
            return Optional.of(DatabaseKey.of(key));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** How long {@code login} must wait before the next attempt (zero when it may try now). */
    public Duration waitBefore(String login, Instant now) {
        Failures f = failures.get(normalise(login));
        if (f == null || f.count() < FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(f.count() - FREE_ATTEMPTS, 20);
        Duration wait = Duration.ofSeconds(Math.min(seconds, MAX_WAIT.toSeconds()));
        Duration left = Duration.between(now, f.last().plus(wait));
        return left.isNegative() ? Duration.ZERO : left;
    }

    public int failures(String login) {
        Failures f = failures.get(normalise(login));
        return f == null ? 0 : f.count();
    }

    /** Counts a failed attempt on an account (an unknown login is not counted: the file would grow with every typo). */
    public void recordFailure(String login, Instant now) {
        if (!has(login)) {
            return;
        }
        failures.merge(normalise(login), new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
    }

    public void clearFailures(String login) {
        failures.remove(normalise(login));
    }

    private static Cipher gcm(int mode, byte[] kek, byte[] nonce, String login) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
        // The login is bound to its slot: a slot copied under another login does not open.
        c.updateAAD(("coordo-slot-v1:" + login).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
