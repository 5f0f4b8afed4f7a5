package fr.coordo.ui;

import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentStatus;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The whole team's week: a list a day, in time order. A maison de santé books dozens of appointments a day;
 * side by side on an hour grid they would be slivers, as a list each one reads whole.
 */
final class TeamWeekList extends ScrollPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final GridPane columns = new GridPane();
    private final Map<Integer, Node> rows = new HashMap<>();
    private Consumer<Appointment> onSelect = a -> {};
    private Consumer<Appointment> onOpen = a -> {};
    private Consumer<LocalDate> onOpenDay = d -> {};

    TeamWeekList() {
        setId("agenda-team-week");
        setContent(columns);
        setFitToWidth(true);
        columns.setHgap(6);
        columns.setPadding(new Insets(6));
        columns.getStyleClass().add("agenda-team-week");
    }

    void onSelect(Consumer<Appointment> c) {
        onSelect = c;
    }

    void onOpen(Consumer<Appointment> c) {
        onOpen = c;
    }

    void onOpenDay(Consumer<LocalDate> c) {
        onOpenDay = c;
    }

    void show(List<LocalDate> days, List<Appointment> appointments, LocalDate today) {
        columns.getChildren().clear();
        columns.getColumnConstraints().clear();
        rows.clear();
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / days.size());
            columns.getColumnConstraints().add(c);
            List<Appointment> ofDay = appointments.stream().filter(a -> a.day().equals(day)).toList();
            long count = ofDay.stream().filter(a -> a.status() != AppointmentStatus.ANNULE).count();
            Label title = new Label(day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.FRENCH) + " " + day.getDayOfMonth()
                    + "\n" + count + " rdv");
            title.getStyleClass().add("agenda-day-title");
            if (day.equals(today)) {
                title.getStyleClass().add("agenda-today");
            }
            title.setMaxWidth(Double.MAX_VALUE);
            title.setAlignment(Pos.CENTER);
            title.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            title.setTooltip(new Tooltip("Double-clic : la journée, un professionnel par colonne"));
            title.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2) {
                    onOpenDay.accept(day);
                }
            });
            VBox list = new VBox(3, title);
            for (Appointment a : ofDay) {
                list.getChildren().add(row(a));
            }
            if (ofDay.isEmpty()) {
                Label none = new Label("Aucun rendez-vous");
                none.getStyleClass().add("text-muted");
                list.getChildren().add(none);
            }
            columns.add(list, i, 0);
        }
    }

    private Node row(Appointment a) {
        Label time = new Label(a.start().format(TIME) + (a.isOccurrence() ? " ↻" : "")
                + (a.status() != AppointmentStatus.PREVU ? " · " + a.status().label() : ""));
        time.getStyleClass().add("agenda-block-time");
        Label what = new Label(a.headline());
        what.getStyleClass().add("agenda-block-text");
        Label who = new Label(a.professionalNames());
        who.getStyleClass().add("agenda-block-who");
        VBox row = new VBox(0, time, what, who);
        row.setId("appointment-" + a.id());
        row.getStyleClass().addAll("agenda-block", "agenda-row", "kind-" + a.data().kind().name().toLowerCase(Locale.ROOT),
                "status-" + a.status().name().toLowerCase(Locale.ROOT));
        row.setFocusTraversable(true);
        Tooltip.install(row, new Tooltip(a.start().format(TIME) + "–" + a.end().format(TIME) + "  " + a.headline() + "\n"
                + a.professionalNames() + "\n" + a.data().place().label()));
        row.focusedProperty().addListener((o, was, is) -> {
            if (is) {
                onSelect.accept(a);
            }
        });
        row.setOnMouseClicked(e -> {
            row.requestFocus();
            if (e.getClickCount() == 2) {
                onOpen.accept(a);
            }
        });
        rows.put(a.id(), row);
        return row;
    }

    boolean focus(int id) {
        Node n = rows.get(id);
        if (n == null) {
            return false;
        }
        n.requestFocus();
        double h = columns.getHeight() - getViewportBounds().getHeight();
        if (h > 0) {
            setVvalue(Math.max(0, Math.min(1, (n.getBoundsInParent().getMinY() - 60) / h)));
        }
        return true;
    }
}
