package fr.coordo.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import org.slf4j.LoggerFactory;

/** Runs work off the JavaFX thread and hands its result (or failure) back on it. */
final class Background {
    private Background() {}

    static <T> Task<T> run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> {
            Throwable failure = task.getException();
            if (failure instanceof fr.coordo.store.StoreException) {
                // a refusal explained to the user in French; its text may name a patient, so it stays out of the log
                LoggerFactory.getLogger(Background.class).warn("Background work '{}' refused ({})", name, failure.getClass().getSimpleName());
            } else {
                LoggerFactory.getLogger(Background.class).error("Background work '{}' failed", name, failure);
            }
            onFailure.accept(task.getException());
        });
        Thread t = new Thread(task, "coordo-" + name);
        // Not a daemon: work under way (opening, a backup) ends properly when the window closes.
        t.setDaemon(false);
        t.start();
        return task;
    }
}
