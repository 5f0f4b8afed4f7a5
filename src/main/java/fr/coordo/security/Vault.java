package fr.coordo.security;

import static fr.coordo.store.schema.Tables.ACCOUNT;

import fr.coordo.store.Access;
import fr.coordo.store.Audit;
import fr.coordo.store.Database;
import fr.coordo.store.DatabaseKey;
import fr.coordo.store.Permission;
import fr.coordo.store.Role;
import fr.coordo.store.StoreException;
import fr.coordo.store.Timestamps;
import fr.coordo.store.schema.tables.records.AccountRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of a database file: its first setup (administrator, encryption, recovery key), the sign-in
 * with a password or the recovery key, and password changes. Failed attempts are counted in the keyring
 * and slow the next ones down, whichever program (window or command line) makes them.
 */
public final class Vault {
    /** Where a database file stands. */
    public enum State {
        /** No file yet: the setup creates it. */
        NEW,
        /** A plain file from before accounts existed: the setup encrypts it. */
        UNPROTECTED,
        /** Encrypted, with its keyring: sign in. */
        PROTECTED,
        /** Encrypted, but its keyring is missing: only the recovery key opens it. */
        KEYRING_MISSING
    }

    /** What the setup gives: the administrator's session and the recovery key, to show once. */
    public record Setup(Session session, RecoveryKey recoveryKey) {}

    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");
    private static final Logger LOG = LoggerFactory.getLogger(Vault.class);

    private final Path db;
    private final Clock clock;
    private final Kdf.Params params;

    public Vault(Path database) {
        this(database, Clock.system(Database.ZONE), Kdf.Params.STANDARD);
    }

    public Vault(Path database, Clock clock, Kdf.Params params) {
        this.db = database.toAbsolutePath().normalize();
        this.clock = clock;
        this.params = params;
    }

    public Path database() {
        return db;
    }

    public State state() {
        boolean exists;
        try {
            exists = Files.exists(db) && Files.size(db) > 0;
        } catch (java.io.IOException e) {
            exists = Files.exists(db);
        }
        if (!exists) {
            return State.NEW;
        }
        if (Database.isPlainSqlite(db)) {
            return State.UNPROTECTED;
        }
        return Files.exists(Keyring.fileFor(db)) ? State.PROTECTED : State.KEYRING_MISSING;
    }

    /** A French sentence saying what is wrong with a login, or empty when it will do. */
    public static Optional<String> checkLogin(String login) {
        String l = Keyring.normalise(login);
        if (!LOGIN.matcher(l).matches()) {
            return Optional.of("L'identifiant doit compter 2 à 32 caractères : lettres sans accent, chiffres, point, tiret ou "
                    + "tiret bas, en commençant par une lettre ou un chiffre.");
        }
        return Optional.empty();
    }

    /** A French sentence saying what is wrong with a new password, or empty when it will do. */
    public static Optional<String> checkPassword(String login, char[] password, char[] confirmation) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            return Optional.of("Le mot de passe doit compter au moins " + MIN_PASSWORD_LENGTH + " caractères "
                    + "(une phrase de passe de quelques mots convient très bien).");
        }
        if (confirmation != null && !java.util.Arrays.equals(password, confirmation)) {
            return Optional.of("Les deux saisies du mot de passe diffèrent : retapez-les.");
        }
        String pw = new String(password).toLowerCase(java.util.Locale.ROOT);
        if (!Keyring.normalise(login).isEmpty() && pw.contains(Keyring.normalise(login))) {
            return Optional.of("Le mot de passe ne doit pas contenir l'identifiant.");
        }
        if (pw.chars().distinct().count() < 4) {
            return Optional.of("Le mot de passe répète trop peu de caractères différents : choisissez-en un plus varié.");
        }
        return Optional.empty();
    }

    /**
     * Creates the administrator of a new or unprotected file and encrypts it. The keyring is written before
     * the file is encrypted, so that the key exists on disk before anything depends on it.
     */
    public Setup setup(String login, String displayName, char[] password) {
        checkLogin(login).ifPresent(m -> {
            throw new StoreException(m);
        });
        checkPassword(login, password, null).ifPresent(m -> {
            throw new StoreException(m);
        });
        return setupUnchecked(login, displayName, password);
    }

    /** The setup without the password rules: only for the demonstration database and its documented « demo » password. */
    public Setup setupDemonstration(String login, String displayName, char[] password) {
        return setupUnchecked(login, displayName, password);
    }

    private Setup setupUnchecked(String login, String displayName, char[] password) {
        State state = state();
        if (state == State.PROTECTED || state == State.KEYRING_MISSING) {
            throw new StoreException("La base « " + db + " » est déjà protégée : connectez-vous avec votre compte.");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new StoreException("Indiquez le nom de l'administrateur (prénom et nom), tel qu'il apparaîtra au journal.");
        }
        RecoveryKey recovery = RecoveryKey.generate();
        DatabaseKey key = recovery.databaseKey();
        Keyring.Slot slot = Keyring.wrap(login, password, key, params);
        Path existing = Keyring.fileFor(db);
        if (state == State.NEW && Files.exists(existing)) {
            // A keyring without its database: the file was moved, not lost. Its keyring is kept aside, not overwritten.
            try {
                Files.move(existing, existing.resolveSibling(existing.getFileName() + ".sans-base-" + clock.millis()));
            } catch (java.io.IOException e) {
                throw new StoreException("Le fichier des clés « " + existing + " » existe sans sa base et n'a pas pu être mis "
                        + "de côté : rien n'a été créé.", e);
            }
        }
        Keyring fresh = Keyring.empty(db);
        fresh.put(slot);
        fresh.save();
        if (state == State.UNPROTECTED) {
            Database.encrypt(db, key);
        }
        Database database = open(key);
        try {
            String id = Keyring.normalise(login);
            Access admin = new Access(id, displayName.strip(), Role.ADMINISTRATEUR, null);
            database.signIn(admin);
            database.write(Permission.ACCOUNTS, (dsl, audit) -> {
                insertAccount(dsl, audit, clock, id, displayName.strip(), Role.ADMINISTRATEUR, null);
                return null;
            });
            LOG.info("Database protected: administrator account created");
            return new Setup(new Session(database, find(database, id).orElseThrow(), key), recovery);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Signs in with a password; failures are counted and slow the next attempts down. */
    public Session unlock(String login, char[] password) {
        return signIn(key(login, password), login);
    }

    /**
     * Checks a password like a sign-in and gives the database key without opening the file: for a copy read
     * beside a window that has the file open.
     */
    public DatabaseKey key(String login, char[] password) {
        Keyring keyring = keyring();
        Duration wait = keyring.waitBefore(login, clock.instant());
        if (!wait.isZero()) {
            throw SignInRefused.slowedDown(wait);
        }
        Optional<DatabaseKey> key = keyring.unwrap(login, password);
        if (key.isEmpty()) {
            throw failed(login);
        }
        succeeded(keyring, login);
        return key.get();
    }

    /** Counts the failure (under the keyring's lock, so that parallel attempts all count) and words the refusal. */
    private SignInRefused failed(String login) {
        int[] count = {0};
        Keyring.update(db, false, k -> {
            k.recordFailure(login, clock.instant());
            count[0] = k.failures(login);
        });
        return SignInRefused.wrong(count[0]);
    }

    private void succeeded(Keyring snapshot, String login) {
        if (snapshot.failures(login) > 0) {
            Keyring.update(db, false, k -> k.clearFailures(login));
        }
    }

    /**
     * Checks the password of the person already signed in (to unlock a locked window), with the same
     * counting of failures as a sign-in.
     */
    public void confirm(Session session, char[] password) {
        Keyring keyring = keyring();
        String login = session.account().login();
        Duration wait = keyring.waitBefore(login, clock.instant());
        if (!wait.isZero()) {
            throw SignInRefused.slowedDown(wait);
        }
        Optional<DatabaseKey> key = keyring.unwrap(login, password);
        if (key.isEmpty() || !key.get().equals(session.key())) {
            throw failed(login);
        }
        succeeded(keyring, login);
    }

    /**
     * Opens the file with the recovery key and gives {@code login} a new password: the way back after a
     * forgotten password or a lost keyring file.
     */
    public Session recover(RecoveryKey recovery, String login, char[] newPassword) {
        checkPassword(login, newPassword, null).ifPresent(m -> {
            throw new StoreException(m);
        });
        DatabaseKey key = recovery.databaseKey();
        Database database;
        try {
            database = open(key);
        } catch (StoreException e) {
            throw new StoreException("Cette clé de secours n'ouvre pas la base « " + db + " » : vérifiez chaque groupe de "
                    + "quatre caractères.", e);
        }
        try {
            Account account = find(database, Keyring.normalise(login)).filter(Account::active)
                    .orElseThrow(() -> new StoreException("La base n'a pas de compte actif « " + Keyring.normalise(login) + " »."));
            Keyring.Slot slot = Keyring.wrap(account.login(), newPassword, key, params);
            // A lost or unreadable keyring is set aside and begun again: this is the way back the recovery key promises.
            Keyring.update(db, true, k -> {
                k.put(slot);
                k.clearFailures(account.login());
            });
            database.signIn(account.access());
            recordPasswordChange(database, account, "clé de secours");
            return new Session(database, find(database, account.login()).orElseThrow(), key);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Changes the signed-in person's own password, after checking the current one. */
    public void changePassword(Session session, char[] current, char[] newPassword, char[] confirmation) {
        session.database().access().require(Permission.OWN_ACCOUNT);
        confirm(session, current);
        String login = session.account().login();
        checkPassword(login, newPassword, confirmation).ifPresent(m -> {
            throw new StoreException(m);
        });
        Keyring.Slot slot = Keyring.wrap(login, newPassword, session.key(), params);
        Keyring.update(db, false, k -> k.put(slot));
        recordPasswordChange(session.database(), session.account(), "changé par la personne");
    }

    /** Gives an account a password chosen by an administrator (who tells it to the person). */
    void setPassword(Session admin, Account account, char[] password) {
        checkPassword(account.login(), password, null).ifPresent(m -> {
            throw new StoreException(m);
        });
        Keyring.Slot slot = Keyring.wrap(account.login(), password, admin.key(), params);
        Keyring.update(db, false, k -> {
            k.put(slot);
            k.clearFailures(account.login());
        });
    }

    /** Removes an account's way in (its wrapped key): a deactivated account can no longer sign in. */
    void revoke(Account account) {
        Keyring.update(db, false, k -> k.remove(account.login()));
    }

    Keyring keyring() {
        return Keyring.load(db).orElseThrow(() -> new StoreException("Le fichier des clés « " + Keyring.fileFor(db)
                + " » est introuvable : seule la clé de secours peut rouvrir cette base."));
    }

    private Session signIn(DatabaseKey key, String login) {
        Database database = open(key);
        try {
            Account account = find(database, Keyring.normalise(login))
                    .orElseThrow(() -> new StoreException("Ce compte n'existe pas dans cette base (elle a peut-être été "
                            + "restaurée depuis une sauvegarde plus ancienne) : demandez à l'administrateur de le recréer."));
            if (!account.active()) {
                throw new StoreException("Ce compte a été désactivé : demandez à l'administrateur de Coordo.");
            }
            database.signIn(account.access());
            return new Session(database, account, key);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private Database open(DatabaseKey key) {
        Access pending = new Access("connexion", "Connexion en cours", Role.PROFESSIONNEL, null);
        return Database.open(db, Database.Options.defaults().withClock(clock).withKey(key).withAccess(pending));
    }

    static Optional<Account> find(Database database, String login) {
        return database.read(dsl -> dsl.selectFrom(ACCOUNT).where(ACCOUNT.LOGIN.eq(Keyring.normalise(login)))
                .fetchOptional().map(Vault::account));
    }

    static Account account(AccountRecord r) {
        return new Account(r.getId(), r.getLogin(), r.getDisplayName(), Role.valueOf(r.getRole()), r.getProfessionalId(),
                r.getActive() == 1, r.getCreatedAt(), r.getPasswordChangedAt());
    }

    static int insertAccount(DSLContext dsl, Audit audit, Clock clock, String login, String name, Role role, Integer professionalId) {
        String now = Timestamps.now(clock);
        int id = dsl.insertInto(ACCOUNT)
                .set(ACCOUNT.LOGIN, login)
                .set(ACCOUNT.DISPLAY_NAME, name)
                .set(ACCOUNT.ROLE, role.name())
                .set(ACCOUNT.PROFESSIONAL_ID, professionalId)
                .set(ACCOUNT.CREATED_AT, now)
                .set(ACCOUNT.PASSWORD_CHANGED_AT, now)
                .returning(ACCOUNT.ID).fetchOne().getId();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("login", login);
        fields.put("display_name", name);
        fields.put("role", role.name());
        fields.put("professional_id", professionalId);
        audit.created("account", id, fields);
        return id;
    }

    private void recordPasswordChange(Database database, Account account, String how) {
        database.write(Permission.OWN_ACCOUNT, (dsl, audit) -> {
            dsl.update(ACCOUNT).set(ACCOUNT.PASSWORD_CHANGED_AT, Timestamps.now(clock)).where(ACCOUNT.ID.eq(account.id())).execute();
            audit.record("account", account.id(), fr.coordo.store.AuditAction.UPDATE,
                    Map.of("password_changed", new Audit.Change(null, how)));
            return null;
        });
    }
}
