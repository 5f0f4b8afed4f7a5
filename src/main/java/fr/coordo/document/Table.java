package fr.coordo.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A table: columns share the text width in proportion to their weights, the header row is repeated on each
 * page, cells wrap, and light grey zebra rows (on by default) help reading long lists. Group rows
 * ({@link Builder#group}) span the whole width and head the rows that follow them, e.g. one per kind of action.
 *
 * @param groupRows indexes in {@code rows} of the group rows, whose text is their first cell
 */
public record Table(List<Column> columns, List<List<String>> rows, boolean zebra, Set<Integer> groupRows) {
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
        groupRows = Set.copyOf(groupRows == null ? Set.of() : groupRows);
        for (int g : groupRows) {
            if (g < 0 || g >= rows.size()) {
                throw new IllegalArgumentException("group row " + g + " is not a row index");
            }
        }
    }

    public Table(List<Column> columns, List<List<String>> rows, boolean zebra) {
        this(columns, rows, zebra, Set.of());
    }

    public boolean isGroup(int row) {
        return groupRows.contains(row);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();
        private final Set<Integer> groups = new HashSet<>();
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

        /** A row spanning the whole width, in bold, heading the rows added after it; kept with the next row. */
        public Builder group(String title) {
            List<String> row = new ArrayList<>(java.util.Collections.nCopies(columns.size(), ""));
            row.set(0, title);
            groups.add(rows.size());
            rows.add(row);
            return this;
        }

        public Builder zebra(boolean on) {
            zebra = on;
            return this;
        }

        public Table build() {
            return new Table(columns, rows, zebra, groups);
        }
    }
}
