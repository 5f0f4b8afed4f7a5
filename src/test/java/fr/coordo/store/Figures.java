package fr.coordo.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The robustness figures (writes, kills, rows lost; inputs tried, crashes): printed to the test output, which
 * surefire keeps in its report, and written to {@code target/robustness/<name>.txt} to be quoted.
 */
public final class Figures {
    private Figures() {}

    public static void record(String name, String line) {
        System.out.println("[figures] " + line);
        Path dir = Path.of("target", "robustness");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), line + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
