package fr.coordo.app;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import java.nio.file.Path;

/**
 * The demonstration database is protected like any other (encrypted, with a recovery key), with one
 * documented administrator account so that a newcomer can sign in: « demo » / « demo ».
 */
public final class DemoDatabase {
    public static final String LOGIN = "demo";
    public static final String PASSWORD = "demo";
    public static final String NAME = "Compte de démonstration";

    /** The session on the new database, its recovery key and what the generator wrote. */
    public record Created(Vault.Setup setup, DemoGenerator.Result result) {}

    private DemoDatabase() {}

    /** Creates (or, for a plain one from an older Coordo, protects) the file and fills it with demo data when empty. */
    public static Created create(Path db, long seed, DemoGenerator.Size size) {
        return create(new Vault(db), seed, size);
    }

    /** The same through a given door (the window's tests use a light Argon2 cost). */
    public static Created create(Vault vault, long seed, DemoGenerator.Size size) {
        Vault.Setup setup = vault.setupDemonstration(LOGIN, NAME, PASSWORD.toCharArray());
        Session session = setup.session();
        try {
            DemoGenerator.Result result = DemoGenerator.isEmpty(session.database())
                    ? new DemoGenerator(seed).fill(session.database(), size)
                    : null;
            return new Created(setup, result);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
