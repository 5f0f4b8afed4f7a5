package fr.coordo.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.security.RecoveryKey;
import fr.coordo.security.Vault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's door: setup, sign-in from the environment, and the French refusals. */
class SignInCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("XDG_DATA_HOME", dir.toString()));
        env.putAll(extra);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true), t -> { });
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void setupProtectsTheDatabaseAndShowsTheRecoveryKeyOnce() {
        Path db = dir.resolve("msp.db");
        Run refused = run(Map.of(), "--db", db.toString(), "team", "export");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("n'a pas encore de compte") && refused.err().contains("coordo setup"), refused.err());

        Run weak = run(Map.of("COORDO_PASSWORD", "court"), "--db", db.toString(), "setup", "--user", "claire", "--name", "Claire Martin");
        assertEquals(1, weak.code());
        assertTrue(weak.err().contains("au moins 10 caractères"), weak.err());
        assertFalse(Files.exists(db), "nothing is created when the password is refused");

        Run setup = run(Map.of("COORDO_PASSWORD", "coordination-2026"), "--db", db.toString(), "setup", "--user", "claire",
                "--name", "Claire Martin");
        assertEquals(0, setup.code(), setup.err());
        assertTrue(setup.out().contains("Compte administrateur : claire (Claire Martin)"), setup.out());
        Matcher key = Pattern.compile("CLÉ DE SECOURS.*\\n\\s*\\n\\s+(([0-9A-Z]{4}-){7}[0-9A-Z]{4})").matcher(setup.out());
        assertTrue(key.find(), setup.out());
        // The key shown is the one that opens the file.
        new Vault(db).recover(RecoveryKey.parse(key.group(1)), "claire", "apres-un-oubli-2026".toCharArray()).close();

        Run again = run(Map.of("COORDO_PASSWORD", "coordination-2026"), "--db", db.toString(), "setup", "--user", "autre",
                "--name", "Autre");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("déjà protégée"), again.err());
    }

    @Test
    void commandsSignInFromTheEnvironmentAndRefuseAWrongPasswordInFrench() {
        Path db = CliAccess.protect(dir.resolve("msp.db"));
        Run none = run(Map.of(), "--db", db.toString(), "team", "export");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("COORDO_USER et COORDO_PASSWORD"), none.err());

        Run wrong = run(Map.of("COORDO_USER", "admin", "COORDO_PASSWORD", "pas-le-bon"), "--db", db.toString(), "team", "export");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("Identifiant ou mot de passe incorrect."), wrong.err());
        assertFalse(wrong.err().contains("Exception"), wrong.err());

        Run ok = run(CliAccess.env(dir), "--db", db.toString(), "team", "export");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.err().isEmpty(), ok.err());
    }
}
