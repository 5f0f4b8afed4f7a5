package fr.coordo.app;

import fr.coordo.security.AccountService;
import fr.coordo.security.SecurityFixtures;
import fr.coordo.security.Session;
import fr.coordo.store.Role;
import fr.coordo.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The command line signs in: these tests protect their databases and give it the administrator's credentials. */
final class CliAccess {
    private CliAccess() {}

    /** Protects a database prepared in plain by the fixtures (or creates an empty protected one). */
    static Path protect(Path db) {
        SecurityFixtures.admin(db, Clock.systemDefaultZone()).close();
        return db;
    }

    /** The environment of a script signed in as the administrator. */
    static Map<String, String> env(Path dataHome) {
        return Map.of("XDG_DATA_HOME", dataHome.toString(), CoordoCommand.USER_ENV, "admin",
                CoordoCommand.PASSWORD_ENV, new String(SecurityFixtures.ADMIN_PASSWORD));
    }

    /** Adds the administrator of these tests to a database made by « coordo demo » (signed in as demo / demo). */
    static void adminOnDemo(Path db) {
        Clock clock = Clock.systemDefaultZone();
        try (Session demo = SecurityFixtures.signIn(db, clock, DemoDatabase.LOGIN, DemoDatabase.PASSWORD.toCharArray())) {
            new AccountService(demo, SecurityFixtures.vault(db, clock), clock).create(
                    new AccountService.AccountInput("admin", "Anne Admin", Role.ADMINISTRATEUR, null),
                    SecurityFixtures.ADMIN_PASSWORD, SecurityFixtures.ADMIN_PASSWORD);
        }
    }

    /** Opens a protected database as the administrator; closing the database ends the session. */
    static Database open(Path db) {
        return SecurityFixtures.signIn(db, Clock.systemDefaultZone(), "admin", SecurityFixtures.ADMIN_PASSWORD).database();
    }

    static Database open(Path db, String login, String password) {
        return SecurityFixtures.signIn(db, Clock.systemDefaultZone(), login, password.toCharArray()).database();
    }
}
