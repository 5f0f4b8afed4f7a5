package fr.coordo.app;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import fr.coordo.store.StoreException;
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
        Path db = vault.database();
        if (vault.state() == Vault.State.UNPROTECTED) {
            // A real structure's file from an older Coordo must never end up behind the public demo password.
            try (Database plain = Database.open(db)) {
                if (!DemoGenerator.isEmpty(plain) && !new Settings(plain).isDemo()) {
                    throw new StoreException("La base « " + db + " » contient déjà des données qui ne sont pas celles de la "
                            + "démonstration : protégez-la avec votre propre compte (coordo setup, ou la fenêtre de Coordo).");
                }
            }
        }
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
