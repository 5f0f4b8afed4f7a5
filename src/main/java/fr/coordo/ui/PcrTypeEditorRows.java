package fr.coordo.ui;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A small editable table made of real fields: each line is a row of text fields or choices, removed by its own
 * button, added at the end. Unlike a TableView cell, a field keeps what was typed when the focus leaves it.
 *
 * @param <R> the line model, whose properties the fields are bound to
 */
final class PcrTypeEditorRows<R> extends VBox {
    /**
     * One column: its header, its width, whether it takes a share of the room left, and the field shown for a
     * line; the field's id is {@code <table id>-<key>-<line index>}.
     */
    record Column<R>(String key, String header, double width, boolean grow, BiFunction<R, String, Node> field) {
        Column(String key, String header, double width, BiFunction<R, String, Node> field) {
            this(key, header, width, false, field);
        }
    }

    private final String id;
    private final List<Column<R>> columns;
    private final Supplier<R> newRow;
    private final BooleanProperty readOnly;
    private final ObservableList<R> rows = FXCollections.observableArrayList();
    private final GridPane grid = new GridPane();
    private final Button add;
    private final String removeText;

    PcrTypeEditorRows(String id, List<Column<R>> columns, Supplier<R> newRow, String addText, String removeText, BooleanProperty readOnly) {
        this.id = id;
        this.columns = columns;
        this.newRow = newRow;
        this.readOnly = readOnly;
        this.removeText = removeText;
        setId(id);
        setSpacing(6);
        grid.setHgap(8);
        grid.setVgap(6);
        for (Column<R> c : columns) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPrefWidth(c.width());
            cc.setMinWidth(Math.min(c.width(), 56));
            cc.setFillWidth(true);
            if (c.grow()) {
                cc.setHgrow(Priority.ALWAYS);
            }
            grid.getColumnConstraints().add(cc);
        }
        grid.getColumnConstraints().add(new ColumnConstraints(32));
        add = new Button(addText);
        add.setId(id + "-add");
        add.setOnAction(e -> {
            rows.add(newRow.get());
            // the first field of the new line, ready to type in
            grid.getChildren().stream().filter(n -> (id + "-" + columns.getFirst().key() + "-" + (rows.size() - 1)).equals(n.getId()))
                    .findFirst().ifPresent(Node::requestFocus);
        });
        add.visibleProperty().bind(readOnly.not());
        add.managedProperty().bind(readOnly.not());
        rows.addListener((javafx.collections.ListChangeListener<R>) c -> rebuild());
        getChildren().addAll(grid, add);
        rebuild();
    }

    ObservableList<R> rows() {
        return rows;
    }

    private void rebuild() {
        grid.getChildren().clear();
        for (int c = 0; c < columns.size(); c++) {
            Label header = new Label(columns.get(c).header());
            header.getStyleClass().add("text-muted");
            header.setWrapText(true);
            grid.add(header, c, 0);
        }
        for (int r = 0; r < rows.size(); r++) {
            R row = rows.get(r);
            for (int c = 0; c < columns.size(); c++) {
                Column<R> column = columns.get(c);
                Node field = column.field().apply(row, id + "-" + column.key() + "-" + r);
                GridPane.setValignment(field, VPos.TOP);
                grid.add(field, c, r + 1);
            }
            Button remove = new Button("✕");
            remove.setId(id + "-remove-" + r);
            remove.getStyleClass().addAll("flat", "small");
            remove.setTooltip(new Tooltip(removeText));
            remove.setAccessibleText(removeText + " (ligne " + (r + 1) + ")");
            remove.setOnAction(e -> rows.remove(row));
            remove.visibleProperty().bind(readOnly.not());
            GridPane.setValignment(remove, VPos.TOP);
            grid.add(remove, columns.size(), r + 1);
        }
        if (rows.isEmpty()) {
            Label none = new Label("Aucune ligne.");
            none.getStyleClass().add("text-muted");
            grid.add(none, 0, 1, columns.size(), 1);
        }
    }
}
