package fr.coordo.ui;

import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** The cells the projets' tables share: a bold line with a muted one below, wrapped text, a calm placeholder. */
final class ProjectCells {
    private ProjectCells() {}

    static Label placeholder(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("text-muted");
        l.setPadding(new Insets(12));
        return l;
    }

    static <T> TableCell<T, String> wrapping() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setWrapText(true);
                setTooltip(empty || text == null || text.isBlank() ? null : new Tooltip(text));
            }
        };
    }

    /** A name with a muted line below; {@code alarm} (item, line) puts a missing value in the danger colour. */
    static <T> TableCell<T, T> twoLines(Function<T, String> first, Function<T, String> second,
                                        java.util.function.BiPredicate<T, Integer> alarm) {
        return new TableCell<>() {
            private final Label one = new Label();
            private final Label two = new Label();
            private final VBox lines = new VBox(1, one, two);
            private final Tooltip tip = new Tooltip();

            {
                one.getStyleClass().add("cell-main");
                two.getStyleClass().add("cell-detail");
                lines.setAlignment(Pos.CENTER_LEFT);
                lines.setMinWidth(0);
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    setTooltip(null);
                    return;
                }
                one.setText(first.apply(item));
                two.setText(second.apply(item));
                for (int i = 0; i < 2; i++) {
                    Label l = i == 0 ? one : two;
                    l.getStyleClass().remove("text-danger");
                    if (alarm != null && alarm.test(item, i)) {
                        l.getStyleClass().add("text-danger");
                    }
                }
                // Kept as the cell's text (not shown) for screen readers and tests.
                setText(one.getText() + " — " + two.getText());
                tip.setText(one.getText() + "\n" + two.getText());
                setTooltip(tip);
                setGraphic(lines);
            }
        };
    }
}
