package fr.coordo.ui;

import fr.coordo.agenda.OpeningHours;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.store.StoreException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The opening hours, day by day: the agenda warns about an appointment outside them. */
final class OpeningHoursForm extends VBox {
    private final OpeningHours hours;
    private final Map<DayOfWeek, CheckBox> open = new EnumMap<>(DayOfWeek.class);
    private final Map<DayOfWeek, TextField> opens = new EnumMap<>(DayOfWeek.class);
    private final Map<DayOfWeek, TextField> closes = new EnumMap<>(DayOfWeek.class);
    private final Label message = new Label();

    OpeningHoursForm(OpeningHours hours) {
        super(10);
        this.hours = hours;
        setId("opening-hours");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        Map<DayOfWeek, OpeningHours.Span> current = hours.get();
        int row = 0;
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.getDisplayName(TextStyle.FULL, Locale.FRENCH);
            CheckBox c = new CheckBox(Character.toUpperCase(name.charAt(0)) + name.substring(1));
            c.setId("open-" + d.name().toLowerCase(Locale.ROOT));
            c.setMinWidth(110);
            TextField from = time("opens-" + d.name().toLowerCase(Locale.ROOT));
            TextField to = time("closes-" + d.name().toLowerCase(Locale.ROOT));
            OpeningHours.Span span = current.get(d);
            c.setSelected(span != null);
            from.setText(span == null ? "08:00" : span.opens().toString());
            to.setText(span == null ? "19:00" : span.closes().toString());
            from.disableProperty().bind(c.selectedProperty().not());
            to.disableProperty().bind(c.selectedProperty().not());
            open.put(d, c);
            opens.put(d, from);
            closes.put(d, to);
            grid.addRow(row++, c, new Label("de"), from, new Label("à"), to);
        }
        Button save = new Button("Enregistrer les heures d'ouverture");
        save.setId("opening-hours-save");
        save.setOnAction(e -> save());
        message.setId("opening-hours-message");
        message.setWrapText(true);
        HBox actions = new HBox(12, save, message);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(grid, actions);
    }

    private static TextField time(String id) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(5);
        f.setPromptText("hh:mm");
        return f;
    }

    private void save() {
        Map<DayOfWeek, OpeningHours.Span> typed = new EnumMap<>(DayOfWeek.class);
        StringBuilder problems = new StringBuilder();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (!open.get(d).isSelected()) {
                continue;
            }
            LocalTime from = AppointmentDialog.time(opens.get(d).getText());
            LocalTime to = AppointmentDialog.time(closes.get(d).getText());
            if (from == null || to == null) {
                problems.append(open.get(d).getText()).append(" : indiquez les heures au format hh:mm (par exemple 08:30). ");
            } else {
                typed.put(d, new OpeningHours.Span(from, to));
            }
        }
        if (!problems.isEmpty()) {
            message.setText(problems.toString().strip());
            return;
        }
        try {
            hours.set(typed);
            message.setText("Heures d'ouverture enregistrées.");
        } catch (InputException ie) {
            message.setText(ie.issues().stream().map(Issue::message).collect(Collectors.joining(" ")));
        } catch (StoreException se) {
            message.setText(se.getMessage());
        }
    }
}
