package fr.coordo.app;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import static fr.coordo.store.schema.Tables.APP_SETTING;
import static fr.coordo.store.schema.Tables.AUDIT_ENTRY;

import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import fr.coordo.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.Record2;
import org.jooq.impl.DSL;

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
            if (!emptyOrUntouchedDemo(db)) {
                throw new StoreException("La base « " + db + " » contient déjà des données qui ne sont pas celles de la "
                        + "démonstration : protégez-la avec votre propre compte (coordo setup, ou la fenêtre de Coordo).");
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

    /**
     * Whether a plain file from an older Coordo may get the public demo password: it is empty, or it holds the
     * demonstration and nobody worked in it afterwards (the generator writes its journal within minutes; a later
     * entry is someone's work, perhaps real patients). Read without migrating it, so no plain copy is written.
     */
    public static boolean emptyOrUntouchedDemo(Path db) {
        return Database.peekPlain(db, dsl -> {
            if (DemoGenerator.isEmpty(dsl)) {
                return true;
            }
            String flag = dsl.select(APP_SETTING.VALUE).from(APP_SETTING).where(APP_SETTING.KEY.eq(Settings.DEMO))
                    .fetchOne(APP_SETTING.VALUE);
            if (!"true".equals(flag)) {
                return false;
            }
            Record2<String, String> span = dsl.select(DSL.min(AUDIT_ENTRY.AT), DSL.max(AUDIT_ENTRY.AT)).from(AUDIT_ENTRY).fetchOne();
            return span == null || span.value1() == null
                    || Duration.between(OffsetDateTime.parse(span.value1()), OffsetDateTime.parse(span.value2())).toHours() < 1;
        });
    }
}
