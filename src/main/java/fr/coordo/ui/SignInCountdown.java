package fr.coordo.ui;

import fr.coordo.security.Keyring;
import fr.coordo.security.SignInRefused;
import fr.coordo.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;

/**
 * After several failed attempts the door makes the next one wait: the button says how long, and comes
 * back by itself. The wait is the keyring's, so the command line and the window count the same failures.
 */
final class SignInCountdown {
    /** What a sign-in attempt gave: its result, or the refusal and how long the next attempt must wait. */
    record Attempt<T>(T value, String refusal, Duration retryIn) {
        static <T> Attempt<T> ok(T value) {
            return new Attempt<>(value, null, Duration.ZERO);
        }
    }

    private final Button button;
    private final String text;
    private Timeline timeline;

    SignInCountdown(Button button) {
        this.button = button;
        this.text = button.getText();
    }

    /**
     * The refusal of an attempt (off the JavaFX thread): its message and, read from the keyring, how long
     * the next attempt of {@code login} must wait.
     */
    static <T> Attempt<T> refused(StoreException e, Path database, String login, Clock clock) {
        Duration wait = e instanceof SignInRefused r ? r.retryIn() : Duration.ZERO;
        if (wait.isZero()) {
            try {
                wait = Keyring.load(database).map(k -> k.waitBefore(login, clock.instant())).orElse(Duration.ZERO);
            } catch (StoreException unreadable) {
                wait = Duration.ZERO;
            }
        }
        return new Attempt<>(null, e.getMessage(), wait);
    }

    /** Disables the button for {@code wait}, counting down on it. */
    void start(Duration wait) {
        stop();
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        long end = System.nanoTime() + wait.toNanos();
        button.setDisable(true);
        Runnable tick = () -> {
            long left = (end - System.nanoTime() + 999_999_999L) / 1_000_000_000L;
            if (left <= 0) {
                stop();
            } else {
                button.setText("Réessayer dans " + left + " s");
            }
        };
        tick.run();
        timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(250), e -> tick.run()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
    }

    boolean running() {
        return timeline != null;
    }

    void stop() {
        if (timeline != null) {
            timeline.stop();
            timeline = null;
        }
        button.setText(text);
        button.setDisable(false);
    }
}
