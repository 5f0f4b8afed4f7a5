package fr.coordo.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Remembers the window's size, position and maximised state between sessions. */
final class WindowState {
    private static final Logger LOG = LoggerFactory.getLogger(WindowState.class);
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;

    private final Path file;

    WindowState(Path file) {
        this.file = file;
    }

    /** Puts the window where it was, if that place is still on a screen; otherwise a default size, centred. */
    void restore(Stage stage) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Window state unreadable, using defaults: {}", e.getMessage());
                p.clear();
            }
        }
        double w = number(p, "width", DEFAULT_WIDTH);
        double h = number(p, "height", DEFAULT_HEIGHT);
        double x = number(p, "x", Double.NaN);
        double y = number(p, "y", Double.NaN);
        stage.setWidth(Math.max(w, 800));
        stage.setHeight(Math.max(h, 560));
        if (!Double.isNaN(x) && !Double.isNaN(y) && !Screen.getScreensForRectangle(x, y, w, h).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        } else {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.min(stage.getWidth(), screen.getWidth()));
            stage.setHeight(Math.min(stage.getHeight(), screen.getHeight()));
            stage.centerOnScreen();
        }
        stage.setMaximized(Boolean.parseBoolean(p.getProperty("maximized", "false")));
    }

    void save(Stage stage) {
        Properties p = new Properties();
        p.setProperty("maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized()) {
            p.setProperty("x", Double.toString(stage.getX()));
            p.setProperty("y", Double.toString(stage.getY()));
            p.setProperty("width", Double.toString(stage.getWidth()));
            p.setProperty("height", Double.toString(stage.getHeight()));
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "Coordo : position de la fenêtre");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Window state not saved: {}", e.getMessage());
        }
    }

    private static double number(Properties p, String key, double fallback) {
        try {
            String v = p.getProperty(key);
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
