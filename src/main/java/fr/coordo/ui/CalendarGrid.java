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

    private final GridPane header = new GridPane();
    private final Body body = new Body();
    private final ScrollPane scroll = new ScrollPane(body);
    private List<LocalDate> days = List.of();
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
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("agenda-scroll");
        setTop(header);
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

    /** Shows {@code appointments} over {@code shownDays}; the working hours are scrolled into view. */
    void show(List<LocalDate> shownDays, List<Appointment> appointments, LocalDate today) {
        days = List.copyOf(shownDays);
        header.getChildren().clear();
        header.getColumnConstraints().clear();
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = days.get(i);
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / days.size());
            header.getColumnConstraints().add(c);
            Label l = new Label(days.size() == 1
                    ? d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + d.getDayOfMonth() + " "
                            + d.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + d.getYear()
                    : d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.FRENCH) + " " + d.getDayOfMonth());
            l.getStyleClass().add("agenda-day-title");
            if (d.equals(today)) {
                l.getStyleClass().add("agenda-today");
            }
            l.setMaxWidth(Double.MAX_VALUE);
            l.setAlignment(Pos.CENTER);
            header.add(l, i, 0);
        }
        blocks.clear();
        body.getChildren().clear();
        body.drawLines();
        Map<LocalDate, List<Appointment>> byDay = new HashMap<>();
        for (Appointment a : appointments) {
            byDay.computeIfAbsent(a.day(), k -> new ArrayList<>()).add(a);
        }
        byDay.forEach((day, list) -> {
            int column = days.indexOf(day);
            if (column >= 0) {
                layOut(column, list);
            }
        });
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
            blocks.put(a.id(), b);
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
        return days.get(column).atTime(FIRST_HOUR, 0).plusMinutes(minutes);
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
            return days.get(col).atTime(LocalTime.of(FIRST_HOUR, 0)).plusMinutes(snapped);
        }
    }
}
