package fr.coordo.backup;

import fr.coordo.security.SecurityFixtures;
import fr.coordo.security.Session;
import java.nio.file.Path;
import java.time.Clock;

/**
 * An encrypted database with its administrator. (SecurityFixtures.admin's password contains the login
 * « admin », which the password rules refuse; this one passes them.)
 */
final class Protected {
    static final char[] PASSWORD = "une-phrase-de-passe-solide".toCharArray();

    private Protected() {}

    static Session admin(Path db, Clock clock) {
        return SecurityFixtures.vault(db, clock).setup("admin", "Anne Admin", PASSWORD).session();
    }

    /** Creates an account through the administrator; returns its password (SecurityFixtures.account's also contains the login). */
    static char[] account(Session admin, Clock clock, String login, String name, fr.coordo.store.Role role, Integer professionalId) {
        char[] password = "un-autre-secret-assez-long".toCharArray();
        new fr.coordo.security.AccountService(admin, SecurityFixtures.vault(admin.database().file(), clock), clock)
                .create(new fr.coordo.security.AccountService.AccountInput(login, name, role, professionalId), password, password);
        return password;
    }

    static Session signIn(Path db, Clock clock) {
        return SecurityFixtures.signIn(db, clock, "admin", PASSWORD);
    }
}
