package fr.coordo.ui;

import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * The day and week views: one column a day, hours down the side, each appointment a block at its time and
 * as long as it lasts; appointments at the same time share the column side by side. A block is dragged to
 * another time or day (by quarter hours); double-click or Entrée opens it.
 */
final class CalendarGrid extends BorderPane {
    static final int FIRST_HOUR = 7;
    static final int LAST_HOUR = 21;
    private static final double HOUR_HEIGHT = 52;
    private static final double GUTTER = 52;
    private static final int SNAP_MINUTES = 15;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** Below this width a column would be unreadable: the grid scrolls sideways instead. */
    private static final double MIN_RESOURCE_COLUMN = 130;

    /** One column: a day, or (for the whole team's day) one professional's day. */
    record Column(String title, LocalDate day, Integer professionalId, boolean today) {
        boolean holds(Appointment a) {
            return a.day().equals(day) && (professionalId == null || a.data().professionalIds().contains(professionalId));
        }
    }

    private final GridPane header = new GridPane();
    private final ScrollPane headerScroll = new ScrollPane(header);
    private final Body body = new Body();
    private final ScrollPane scroll = new ScrollPane(body);
    private List<Column> days = List.of();
    private final Map<Integer, Block> blocks = new HashMap<>();
    private Consumer<Appointment> onSelect = a -> {};
    private Consumer<Appointment> onOpen = a -> {};
    private BiConsumer<Appointment, LocalDateTime> onMove = (a, t) -> {};
    private Consumer<LocalDateTime> onCreate = t -> {};

    CalendarGrid() {
        setId("agenda-grid");
        getStyleClass().add("agenda-grid");
        header.getStyleClass().add("agenda-header");
        header.setPadding(new Insets(0, 14, 0, GUTTER));
        header.setMaxWidth(Double.MAX_VALUE);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("agenda-scroll");
        // the header follows the grid when it scrolls sideways (one column per professional)
        headerScroll.setFitToWidth(true);
        headerScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        headerScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        headerScroll.hvalueProperty().bind(scroll.hvalueProperty());
        headerScroll.getStyleClass().add("agenda-header-scroll");
        setTop(headerScroll);
        setCenter(scroll);
        body.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && e.getTarget() == body) {
                LocalDateTime at = timeAt(e.getX(), e.getY());
                if (at != null) {
                    onCreate.accept(at);
                }
            }
        });
    }

    void onSelect(Consumer<Appointment> c) {
        onSelect = c;
    }

    void onOpen(Consumer<Appointment> c) {
        onOpen = c;
    }

    void onMove(BiConsumer<Appointment, LocalDateTime> c) {
        onMove = c;
    }

    void onCreate(Consumer<LocalDateTime> c) {
        onCreate = c;
    }

    /** Shows the days of {@code shownDays}, one column each. */
    void show(List<LocalDate> shownDays, List<Appointment> appointments, LocalDate today) {
        List<Column> columns = new ArrayList<>();
        for (LocalDate d : shownDays) {
            columns.add(new Column(shownDays.size() == 1
                    ? d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + d.getDayOfMonth() + " "
                            + d.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + d.getYear()
                    : d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.FRENCH) + " " + d.getDayOfMonth(), d, null, d.equals(today)));
        }
        show(columns, appointments);
    }

    /** Shows {@code appointments} in {@code shownColumns}; the working hours are scrolled into view. */
    void show(List<Column> shownColumns, List<Appointment> appointments) {
        days = List.copyOf(shownColumns);
        boolean resources = days.stream().anyMatch(c -> c.professionalId() != null);
        double minWidth = resources ? GUTTER + 14 + days.size() * MIN_RESOURCE_COLUMN : 0;
        body.setMinWidth(minWidth);
        header.setMinWidth(minWidth);
        // header and hours share one width, so that each name stays above its column when scrolling sideways
        body.setPrefWidth(resources ? minWidth : Region.USE_COMPUTED_SIZE);
        header.setPrefWidth(resources ? minWidth : Region.USE_COMPUTED_SIZE);
        scroll.setFitToWidth(!resources || minWidth <= getWidth());
        header.getChildren().clear();
        header.getColumnConstraints().clear();
        for (int i = 0; i < days.size(); i++) {
            Column col = days.get(i);
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / days.size());
            header.getColumnConstraints().add(c);
            Label l = new Label(col.title());
            l.getStyleClass().add("agenda-day-title");
            if (col.today()) {
                l.getStyleClass().add("agenda-today");
            }
            l.setMaxWidth(Double.MAX_VALUE);
            l.setAlignment(Pos.CENTER);
            Tooltip.install(l, new Tooltip(col.title()));
            header.add(l, i, 0);
        }
        blocks.clear();
        body.getChildren().clear();
        body.drawLines();
        for (int c = 0; c < days.size(); c++) {
            Column col = days.get(c);
            List<Appointment> list = new ArrayList<>(appointments.stream().filter(col::holds).toList());
            if (!list.isEmpty()) {
                layOut(c, list);
            }
        }
        scroll.setVvalue((8.0 - FIRST_HOUR) / (LAST_HOUR - FIRST_HOUR - 8.0));
    }

    /** Side-by-side lanes for appointments that overlap, so that none hides another. */
    private void layOut(int column, List<Appointment> list) {
        list.sort(Comparator.comparing(Appointment::start).thenComparing(Appointment::end));
        List<Block> cluster = new ArrayList<>();
        List<LocalDateTime> laneEnds = new ArrayList<>();
        LocalDateTime clusterEnd = null;
        for (Appointment a : list) {
            if (clusterEnd != null && !a.start().isBefore(clusterEnd)) {
                closeCluster(cluster, laneEnds.size());
                cluster.clear();
                laneEnds.clear();
                clusterEnd = null;
            }
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane).isAfter(a.start())) {
                lane++;
            }
            if (lane == laneEnds.size()) {
                laneEnds.add(a.end());
            } else {
                laneEnds.set(lane, a.end());
            }
            Block b = new Block(a, column, lane);
            cluster.add(b);
            // an appointment of two professionals shows in both their columns; the first one answers to its id
            if (blocks.putIfAbsent(a.id(), b) != null) {
                b.setId("appointment-" + a.id() + "-" + column);
            }
            body.getChildren().add(b);
            clusterEnd = clusterEnd == null || a.end().isAfter(clusterEnd) ? a.end() : clusterEnd;
        }
        closeCluster(cluster, laneEnds.size());
    }

    private static void closeCluster(List<Block> cluster, int lanes) {
        cluster.forEach(b -> b.lanes = Math.max(1, lanes));
    }

    /** Puts the keyboard focus on the block of appointment {@code id}, if shown. */
    boolean focus(int id) {
        Block b = blocks.get(id);
        if (b == null) {
            return false;
        }
        b.requestFocus();
        scrollTo(b);
        return true;
    }

    Node blockOf(int id) {
        return blocks.get(id);
    }

    private void scrollTo(Block b) {
        double h = body.getHeight() - scroll.getViewportBounds().getHeight();
        if (h > 0) {
            scroll.setVvalue(Math.max(0, Math.min(1, (b.getLayoutY() - 40) / h)));
        }
    }

    private LocalDateTime timeAt(double x, double y) {
        double width = (body.getWidth() - GUTTER) / Math.max(1, days.size());
        int column = (int) Math.floor((x - GUTTER) / width);
        if (column < 0 || column >= days.size()) {
            return null;
        }
        int minutes = (int) Math.round(y / HOUR_HEIGHT * 60 / SNAP_MINUTES) * SNAP_MINUTES;
        minutes = Math.max(0, Math.min((LAST_HOUR - FIRST_HOUR) * 60 - SNAP_MINUTES, minutes));
        return days.get(column).day().atTime(FIRST_HOUR, 0).plusMinutes(minutes);
    }

    /** The hours area: draws the hour lines and places each block by its time and lane. */
    private final class Body extends Pane {
        Body() {
            getStyleClass().add("agenda-body");
            setPrefHeight(HOUR_HEIGHT * (LAST_HOUR - FIRST_HOUR));
            setMinHeight(Region.USE_PREF_SIZE);
        }

        void drawLines() {
            for (int h = FIRST_HOUR; h <= LAST_HOUR; h++) {
                Line line = new Line();
                line.getStyleClass().add("agenda-hour-line");
                line.setUserData(h);
                Label l = new Label(String.format("%02d:00", h));
                l.getStyleClass().add("agenda-hour");
                l.setUserData(h);
                getChildren().addAll(line, l);
            }
        }

        @Override
        protected void layoutChildren() {
            double width = (getWidth() - GUTTER) / Math.max(1, days.size());
            for (Node n : getChildren()) {
                if (n instanceof Line line) {
                    double y = ((Integer) line.getUserData() - FIRST_HOUR) * HOUR_HEIGHT;
                    line.setStartX(GUTTER - 6);
                    line.setEndX(getWidth());
                    line.setStartY(y);
                    line.setEndY(y);
                } else if (n instanceof Label l && l.getUserData() instanceof Integer h) {
                    l.resizeRelocate(2, Math.max(0, (h - FIRST_HOUR) * HOUR_HEIGHT - 9), GUTTER - 6, 18);
                } else if (n instanceof Block b) {
                    double laneWidth = (width - 6) / b.lanes;
                    double top = y(b.appointment.start());
                    double bottom = Math.max(top + 18, y(b.appointment.end()));
                    b.resizeRelocate(GUTTER + b.column * width + 2 + b.lane * laneWidth, top + 1, laneWidth - 2, bottom - top - 2);
                }
            }
        }

        private double y(LocalDateTime t) {
            double minutes = Duration.between(t.toLocalDate().atTime(FIRST_HOUR, 0), t).toMinutes();
            return Math.max(0, Math.min((LAST_HOUR - FIRST_HOUR) * 60, minutes)) * HOUR_HEIGHT / 60;
        }
    }

    /** One appointment on the grid. */
    private final class Block extends VBox {
        final Appointment appointment;
        final int column;
        final int lane;
        int lanes = 1;
        private double pressX;
        private double pressY;
        private boolean dragged;

        Block(Appointment a, int column, int lane) {
            this.appointment = a;
            this.column = column;
            this.lane = lane;
            setId("appointment-" + a.id());
            getStyleClass().addAll("agenda-block", "kind-" + a.data().kind().name().toLowerCase(Locale.ROOT),
                    "status-" + a.status().name().toLowerCase(Locale.ROOT));
            setFocusTraversable(true);
            Label time = new Label(a.start().format(TIME) + "–" + a.end().format(TIME)
                    + (a.isOccurrence() ? "  ↻" : "") + (a.status() != AppointmentStatus.PREVU ? "  · " + a.status().label() : ""));
            time.getStyleClass().add("agenda-block-time");
            Label what = new Label(a.headline());
            what.getStyleClass().add("agenda-block-text");
            what.setWrapText(true);
            Label who = new Label(a.professionalNames());
            who.getStyleClass().add("agenda-block-who");
            getChildren().addAll(time, what, who);
            setMinSize(0, 0);
            Tooltip.install(this, new Tooltip(a.headline() + "\n" + a.start().format(TIME) + "–" + a.end().format(TIME) + ", "
                    + a.data().place().label() + "\n" + a.professionalNames() + "\n" + a.status().label()));
            focusedProperty().addListener((o, was, is) -> {
                if (is) {
                    onSelect.accept(appointment);
                }
            });
            setOnMousePressed(e -> {
                requestFocus();
                pressX = e.getSceneX();
                pressY = e.getSceneY();
                dragged = false;
                e.consume();
            });
            setOnMouseDragged(e -> {
                setTranslateX(e.getSceneX() - pressX);
                setTranslateY(e.getSceneY() - pressY);
                dragged = Math.abs(getTranslateX()) > 4 || Math.abs(getTranslateY()) > 4;
                e.consume();
            });
            setOnMouseReleased(e -> {
                if (dragged) {
                    LocalDateTime to = dropTime();
                    setTranslateX(0);
                    setTranslateY(0);
                    if (to != null && !to.equals(appointment.start())) {
                        onMove.accept(appointment, to);
                    }
                }
                e.consume();
            });
            setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !dragged) {
                    onOpen.accept(appointment);
                }
                e.consume();
            });
        }

        /** Where the dragged block's top now points, to the quarter hour. */
        private LocalDateTime dropTime() {
            double width = (body.getWidth() - GUTTER) / Math.max(1, days.size());
            double x = getLayoutX() + getTranslateX() + 4;
            int col = (int) Math.floor((x - GUTTER) / width);
            if (col < 0 || col >= days.size()) {
                return null;
            }
            double minutes = (getLayoutY() + getTranslateY()) / HOUR_HEIGHT * 60;
            long snapped = Math.round(minutes / SNAP_MINUTES) * SNAP_MINUTES;
            long latest = (LAST_HOUR - FIRST_HOUR) * 60L - appointment.data().length().toMinutes();
            snapped = Math.max(0, Math.min(Math.max(0, latest), snapped));
            return days.get(col).day().atTime(LocalTime.of(FIRST_HOUR, 0)).plusMinutes(snapped);
        }
    }
}
