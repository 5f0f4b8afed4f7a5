package fr.coordo.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The look shared by the door's screens and the lock screen: one centred card on a calm background. */
final class SignInLayout {
    static final double CARD_WIDTH = 480;

    private SignInLayout() {}

    /** A card with the brand, a title and the screen's content, centred in the window (scrolls when the window is small). */
    static Region card(String id, String title, Node... content) {
        Label brand = new Label("Coordo");
        brand.getStyleClass().add("signin-brand");
        Label heading = new Label(title);
        heading.getStyleClass().add("signin-title");
        heading.setWrapText(true);
        VBox card = new VBox(14, brand, heading);
        card.getChildren().addAll(content);
        card.getStyleClass().add("signin-card");
        card.setPadding(new Insets(28, 36, 28, 36));
        card.setMaxWidth(CARD_WIDTH);
        card.setMinWidth(CARD_WIDTH);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane centre = new StackPane(card);
        centre.setAlignment(Pos.CENTER);
        centre.setPadding(new Insets(24));
        ScrollPane scroll = new ScrollPane(centre);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("signin-screen");
        scroll.setId(id);
        return scroll;
    }

    /** A paragraph of explanation. */
    static Label text(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("signin-text");
        l.setMaxWidth(CARD_WIDTH - 72);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** The line under a field (or a form) that says what is wrong, hidden while there is nothing to say. */
    static Label error(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("signin-error");
        l.setMaxWidth(CARD_WIDTH - 72);
        l.setMinHeight(Region.USE_PREF_SIZE);
        Forms.show(l, false);
        return l;
    }

    static void say(Label error, String message) {
        error.setText(message == null ? "" : message);
        Forms.show(error, message != null && !message.isEmpty());
    }

    /** A label, its field, an optional hint and the field's error line, stacked. */
    static VBox field(String label, TextField field, String hint, Label error) {
        field.setMaxWidth(Double.MAX_VALUE);
        VBox box = new VBox(4, Forms.label(label, field), field);
        if (hint != null) {
            Label h = new Label(hint);
            h.getStyleClass().add("signin-hint");
            h.setWrapText(true);
            h.setMaxWidth(CARD_WIDTH - 72);
            h.setMinHeight(Region.USE_PREF_SIZE);
            box.getChildren().add(h);
        }
        if (error != null) {
            box.getChildren().add(error);
        }
        return box;
    }

    /** The banner of the demonstration database: its documented account. */
    static Label demoBanner() {
        Label banner = new Label("Base de démonstration : identifiant demo, mot de passe demo");
        banner.setId("signin-demo-banner");
        banner.getStyleClass().add("signin-demo-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setMinHeight(Region.USE_PREF_SIZE);
        return banner;
    }

    /** What a refusal says to the person: the French message of a refusal, or where the details are. */
    static String describe(Throwable e) {
        if (e instanceof fr.coordo.store.StoreException) {
            return e.getMessage();
        }
        return "Erreur inattendue : les détails sont dans le journal de Coordo.";
    }
}
