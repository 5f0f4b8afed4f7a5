package fr.coordo.ui;

import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import fr.coordo.store.StoreException;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * After how many minutes without a touch of the mouse or keyboard the window locks: a setting of the
 * database (it travels with the file, the same for everyone on it), and the block of the settings that edits it.
 */
final class LockSettings extends VBox {
    static final String KEY = "lock.minutes";
    static final int DEFAULT_MINUTES = 10;
    static final int MAX_MINUTES = 240;

    /** Told to the window (the event bubbles up to it) when the delay was changed. */
    static final class Changed extends Event {
        static final EventType<Changed> TYPE = new EventType<>(Event.ANY, "COORDO_LOCK_MINUTES");
        final int minutes;

        Changed(int minutes) {
            super(TYPE);
            this.minutes = minutes;
        }
    }

    /** The delay in minutes; the default when unset or unreadable. */
    static int minutes(Database db) {
        return new Settings(db).get(KEY).map(v -> {
            try {
                int m = Integer.parseInt(v.strip());
                return m >= 1 && m <= MAX_MINUTES ? m : DEFAULT_MINUTES;
            } catch (NumberFormatException e) {
                return DEFAULT_MINUTES;
            }
        }).orElse(DEFAULT_MINUTES);
    }

    static void save(Database db, int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new StoreException("Verrouillage : indiquez un délai de 1 à " + MAX_MINUTES + " minutes.");
        }
        // audited, and refused in French without the SETTINGS right
        new Settings(db).set(KEY, String.valueOf(minutes));
    }

    private final Spinner<Integer> spinner = new Spinner<>(1, MAX_MINUTES, DEFAULT_MINUTES);
    private final Label message = new Label();

    LockSettings(Workspace ws) {
        super(8);
        setId("lock-settings");
        Label title = new Label("Verrouillage");
        title.getStyleClass().add("title-4");
        Label text = new Label("Sans mouvement de la souris ni frappe au clavier pendant ce délai, la fenêtre se verrouille et "
                + "masque les données ; le mot de passe la rouvre. Ctrl+L la verrouille à tout moment.");
        text.setWrapText(true);
        text.setMaxWidth(620);
        spinner.setId("lock-minutes");
        spinner.setEditable(true);
        spinner.setPrefWidth(100);
        Label unit = Forms.label("minutes", spinner);
        Button save = new Button("Enregistrer");
        save.setId("lock-minutes-save");
        message.setId("lock-minutes-message");
        message.getStyleClass().add("form-messages");
        Forms.show(message, false);
        HBox row = new HBox(10, Forms.label("Verrouiller après", spinner), spinner, unit, save, message);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, text, row);
        Background.run("lock-settings", () -> minutes(ws.database()), spinner.getValueFactory()::setValue, e -> {});
        save.setOnAction(e -> {
            Integer minutes;
            try {
                // a typed number counts even without Entrée
                minutes = spinner.getValueFactory().getConverter().fromString(spinner.getEditor().getText().strip());
            } catch (RuntimeException notANumber) {
                minutes = null;
            }
            if (minutes == null || minutes < 1 || minutes > MAX_MINUTES) {
                Forms.say(message, "Verrouillage : indiquez un nombre de minutes de 1 à " + MAX_MINUTES + ".", false);
                return;
            }
            int chosen = minutes;
            spinner.getValueFactory().setValue(chosen);
            Background.run("lock-settings-save", () -> {
                save(ws.database(), chosen);
                return chosen;
            }, done -> {
                Forms.say(message, "Délai enregistré : " + done + " minutes.", true);
                fireEvent(new Changed(done));
            }, error -> Forms.say(message, TeamView.describe(error), false));
        });
    }
}
