package fr.coordo.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table: columns share the text width in proportion to their weights, the header row is repeated on each
 * page, cells wrap, and light grey zebra rows (on by default) help reading long lists.
 */
public record Table(List<Column> columns, List<List<String>> rows, boolean zebra) {
    public enum Align { LEFT, CENTER, RIGHT }

    public record Column(String header, float weight, Align align) {
        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(align, "align");
            if (!(weight > 0)) {
                throw new IllegalArgumentException("column weight must be positive: " + header);
            }
        }
    }

    public Table {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells for " + columns.size() + " columns: " + row);
            }
            copy.add(row.stream().map(c -> c == null ? "" : c).toList());
        }
        rows = List.copyOf(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();
        private boolean zebra = true;

        private Builder() {}

        public Builder column(String header, float weight) {
            return column(header, weight, Align.LEFT);
        }

        public Builder column(String header, float weight, Align align) {
            columns.add(new Column(header, weight, align));
            return this;
        }

        public Builder row(String... cells) {
            rows.add(Arrays.asList(cells));
            return this;
        }

        public Builder row(List<String> cells) {
            rows.add(cells);
            return this;
        }

        public Builder zebra(boolean on) {
            zebra = on;
            return this;
        }

        public Table build() {
            return new Table(columns, rows, zebra);
        }
    }
}
