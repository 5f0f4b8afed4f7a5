package fr.coordo.ui;

import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentStatus;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/** The month view: a cell a day with its first appointments and how many more; double-click opens the day. */
final class MonthGrid extends GridPane {
    private static final int SHOWN_PER_DAY = 4;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private Consumer<LocalDate> onOpenDay = d -> {};
    private Consumer<Appointment> onOpen = a -> {};

    MonthGrid() {
        setId("agenda-month");
        getStyleClass().add("agenda-month");
        for (int i = 0; i < 7; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / 7);
            getColumnConstraints().add(c);
        }
    }

    void onOpenDay(Consumer<LocalDate> c) {
        onOpenDay = c;
    }

    void onOpen(Consumer<Appointment> c) {
        onOpen = c;
    }

    /** The Monday that starts the grid of {@code month}. */
    static LocalDate firstShown(YearMonth month) {
        return month.atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The day after the grid of {@code month} (six weeks at most). */
    static LocalDate endShown(YearMonth month) {
        return month.atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)).plusDays(1);
    }

    void show(YearMonth month, List<Appointment> appointments, LocalDate today) {
        getChildren().clear();
        getRowConstraints().clear();
        for (int i = 0; i < 7; i++) {
            Label h = new Label(DayOfWeek.of(i + 1).getDisplayName(TextStyle.SHORT, Locale.FRENCH));
            h.getStyleClass().add("agenda-day-title");
            h.setMaxWidth(Double.MAX_VALUE);
            h.setAlignment(Pos.CENTER);
            add(h, i, 0);
        }
        getRowConstraints().add(new RowConstraints());
        Map<LocalDate, List<Appointment>> byDay = new HashMap<>();
        for (Appointment a : appointments) {
            byDay.computeIfAbsent(a.day(), k -> new ArrayList<>()).add(a);
        }
        LocalDate first = firstShown(month);
        int weeks = (int) (java.time.temporal.ChronoUnit.DAYS.between(first, endShown(month)) / 7);
        for (int w = 0; w < weeks; w++) {
            RowConstraints r = new RowConstraints();
            r.setVgrow(Priority.ALWAYS);
            r.setPercentHeight(96.0 / weeks);
            getRowConstraints().add(r);
            for (int d = 0; d < 7; d++) {
                LocalDate day = first.plusDays(w * 7L + d);
                add(cell(day, month, byDay.getOrDefault(day, List.of()), today), d, w + 1);
            }
        }
    }

    private VBox cell(LocalDate day, YearMonth month, List<Appointment> list, LocalDate today) {
        VBox cell = new VBox(1);
        cell.setId("month-day-" + day);
        cell.getStyleClass().add("agenda-month-cell");
        if (!YearMonth.from(day).equals(month)) {
            cell.getStyleClass().add("agenda-month-other");
        }
        Label number = new Label(String.valueOf(day.getDayOfMonth()));
        number.getStyleClass().add("agenda-month-number");
        number.setId("month-number-" + day);
        if (day.equals(today)) {
            number.getStyleClass().add("agenda-today");
        }
        cell.getChildren().add(number);
        List<Appointment> active = list.stream().filter(a -> a.status() != AppointmentStatus.ANNULE).toList();
        for (Appointment a : active.subList(0, Math.min(SHOWN_PER_DAY, active.size()))) {
            Label l = new Label(a.start().format(TIME) + " " + a.headline());
            l.getStyleClass().addAll("agenda-month-entry", "kind-" + a.data().kind().name().toLowerCase(Locale.ROOT));
            l.setMaxWidth(Double.MAX_VALUE);
            l.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2) {
                    onOpen.accept(a);
                    e.consume();
                }
            });
            cell.getChildren().add(l);
        }
        if (active.size() > SHOWN_PER_DAY) {
            Label more = new Label("+ " + (active.size() - SHOWN_PER_DAY) + " autre(s)");
            more.getStyleClass().add("agenda-month-more");
            cell.getChildren().add(more);
        }
        cell.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                onOpenDay.accept(day);
            }
        });
        return cell;
    }
}
