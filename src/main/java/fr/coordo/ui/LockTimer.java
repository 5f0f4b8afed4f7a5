package fr.coordo.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.scene.input.InputEvent;
import javafx.stage.Window;

/**
 * Locks the window after a delay without any mouse or keyboard event in any of its windows (dialogs
 * included). The clock is the startup's, so that tests move it instead of waiting minutes.
 */
final class LockTimer {
    private final Clock clock;
    private final Runnable lock;
    private final Timeline ticks;
    private final EventHandler<InputEvent> activity = e -> touch();
    private Duration delay = Duration.ofMinutes(LockSettings.DEFAULT_MINUTES);
    private volatile Instant last;
    private boolean running;

    LockTimer(Clock clock, Runnable lock) {
        this.clock = clock;
        this.lock = lock;
        this.last = clock.instant();
        ticks = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> check()));
        ticks.setCycleCount(Timeline.INDEFINITE);
        // every window of the application counts: typing in a dialog is activity too
        Window.getWindows().forEach(this::watch);
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::watch);
                change.getRemoved().forEach(w -> w.removeEventFilter(InputEvent.ANY, activity));
            }
        });
    }

    private void watch(Window w) {
        w.removeEventFilter(InputEvent.ANY, activity);
        w.addEventFilter(InputEvent.ANY, activity);
    }

    void setMinutes(int minutes) {
        delay = Duration.ofMinutes(minutes);
    }

    Duration delay() {
        return delay;
    }

    /** Starts counting from now. */
    void start() {
        touch();
        running = true;
        ticks.play();
    }

    void stop() {
        running = false;
        ticks.stop();
    }

    void touch() {
        last = clock.instant();
    }

    /** Locks when the delay has passed since the last activity (also called by the ticks, every second). */
    void check() {
        if (running && !clock.instant().isBefore(last.plus(delay))) {
            stop();
            lock.run();
        }
    }
}
