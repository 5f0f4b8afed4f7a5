package fr.coordo.bench;

import fr.coordo.app.DemoDatabase;
import fr.coordo.security.Vault;
import fr.coordo.store.Database;
import java.io.IOException;
import java.nio.file.Path;

/** The large demo structure, built by the command line in a child process, so that the benchmark's JVM opens it cold. */
final class LargeDemo {
    private LargeDemo() {}

    /**
     * Signs in to it with the demo account, as a coordinator signs in: the database is encrypted and the
     * password's Argon2id derivation is part of what opening costs. Closing the database ends the session.
     */
    static Database open(Path large) {
        return new Vault(large).unlock(DemoDatabase.LOGIN, DemoDatabase.PASSWORD.toCharArray()).database();
    }

    static Path create(Path dir) throws IOException, InterruptedException {
        Path large = dir.resolve("grande.db");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Duser.home=" + dir,
                "-cp", System.getProperty("java.class.path"), "fr.coordo.app.Main",
                "--db", large.toString(), "demo", "--size", "large")
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("coordo demo --size large failed");
        }
        return large;
    }
}
