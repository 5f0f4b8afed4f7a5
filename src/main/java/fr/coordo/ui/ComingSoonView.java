package fr.coordo.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** An honest placeholder for a section that is not built yet: what it will do, and no fake data. */
final class ComingSoonView extends VBox {
    ComingSoonView(Section section) {
        Label title = new Label(section.title);
        title.getStyleClass().add("title-1");
        Label badge = new Label("Bientôt disponible");
        badge.setId("coming-soon");
        badge.getStyleClass().add("soon-badge");
        Label text = new Label(section.description);
        text.setWrapText(true);
        text.setMaxWidth(620);
        text.getStyleClass().add("text-muted");
        Label note = new Label("Cette partie de Coordo est en cours de construction : elle apparaîtra ici dans une prochaine version.");
        note.setWrapText(true);
        note.setMaxWidth(620);
        getChildren().addAll(title, badge, text, note);
        setSpacing(14);
        setAlignment(Pos.TOP_LEFT);
        setPadding(new Insets(32, 40, 32, 40));
        getStyleClass().add("page");
    }
}
