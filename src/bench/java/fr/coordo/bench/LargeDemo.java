package fr.coordo.bench;

import java.io.IOException;
import java.nio.file.Path;

/** The large demo structure, built by the command line in a child process, so that the benchmark's JVM opens it cold. */
final class LargeDemo {
    private LargeDemo() {}

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
