package fr.coordo.ui;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.util.Duration;

/**
 * Benchmark hooks. {@code coordo.benchmark.firstFrame}: print FIRST_FRAME once the first frame is
 * rendered, then quit. {@code coordo.benchmark.training}: visit every section once the database is
 * open, then quit (the run that trains the installer's AOT cache).
 */
final class FirstFrame {
    private FirstFrame() {}

    static boolean training() {
        return Boolean.getBoolean("coordo.benchmark.training");
    }

    /** Visits each section so that their classes are loaded, then ends the process normally. */
    static void trainAndExit(MainWindow window) {
        for (Section s : Section.values()) {
            window.select(s);
        }
        window.select(Section.DASHBOARD);
        PauseTransition pause = new PauseTransition(Duration.seconds(2));
        pause.setOnFinished(e -> {
            window.close();
            System.exit(0);
        });
        pause.play();
    }

    static void reportAndExit(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            // The frame is rendered at the end of this pulse; the next event runs after it.
            // The harness that started the process times the appearance of this line.
            Platform.runLater(() -> {
                System.out.println("FIRST_FRAME");
                System.out.flush();
                Runtime.getRuntime().halt(0);
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
