package fr.coordo.security;

import fr.coordo.store.Role;
import java.nio.file.Path;
import java.time.Clock;

/** Protected databases for tests: the real encryption and keyring, with Argon2 at its light test cost. */
public final class SecurityFixtures {
    public static final char[] ADMIN_PASSWORD = "gerer-la-coordination".toCharArray();
    /** The password {@link #account} gives every account it creates. */
    public static final char[] ACCOUNT_PASSWORD = "une-phrase-de-passe-solide".toCharArray();

    private SecurityFixtures() {}

    public static Vault vault(Path db, Clock clock) {
        return new Vault(db, clock, Kdf.Params.LIGHT);
    }

    /** A new encrypted database at {@code db} and its administrator « admin », signed in. */
    public static Session admin(Path db, Clock clock) {
        return vault(db, clock).setup("admin", "Anne Admin", ADMIN_PASSWORD).session();
    }

    /** Creates an account (through the administrator) and returns its password. */
    public static char[] account(Session admin, Clock clock, String login, String name, Role role, Integer professionalId) {
        char[] password = ACCOUNT_PASSWORD.clone();
        new AccountService(admin, vault(admin.database().file(), clock), clock)
                .create(new AccountService.AccountInput(login, name, role, professionalId), password, password);
        return password;
    }

    /** Signs in; the caller closes the session (and any other session on the same file first). */
    public static Session signIn(Path db, Clock clock, String login, char[] password) {
        return vault(db, clock).unlock(login, password);
    }
}
