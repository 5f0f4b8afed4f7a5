package fr.coordo.ui;

import java.time.Duration;
import java.time.Instant;
import javafx.application.Platform;
import javafx.scene.Scene;

/** Benchmark hook: prints the time from process start to the first rendered frame, then quits. */
final class FirstFrame {
    private FirstFrame() {}

    static void reportAndExit(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            // The frame is rendered at the end of this pulse; the next event runs after it.
            Platform.runLater(() -> {
                Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
                System.out.println("FIRST_FRAME_MS=" + Duration.between(start, Instant.now()).toMillis());
                System.out.flush();
                Runtime.getRuntime().halt(0);
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
