package fr.coordo.ui;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.French;
import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentInput;
import fr.coordo.agenda.AppointmentKind;
import fr.coordo.agenda.AppointmentStatus;
import fr.coordo.agenda.Place;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The patient's appointments in time order, past and to come, on the patient's record. */
final class PatientTimeline extends VBox {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE dd/MM/yyyy HH:mm", java.util.Locale.FRENCH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final AgendaService agenda;
    private final Supplier<AppointmentEditor> editor;
    private final int patientId;
    private final Integer physicianId;
    private final TableView<Appointment> table = new TableView<>();
    private final Label summary = new Label();

    PatientTimeline(AgendaService agenda, Supplier<AppointmentEditor> editor, int patientId, Integer physicianId, Runnable showAgenda) {
        super(8);
        this.agenda = agenda;
        this.editor = editor;
        this.patientId = patientId;
        this.physicianId = physicianId;
        setId("patient-timeline");
        setPadding(new Insets(10));
        Button create = new Button("Nouveau rendez-vous…");
        create.setId("timeline-new");
        create.setOnAction(e -> create());
        Button edit = new Button("Modifier…");
        edit.setId("timeline-edit");
        edit.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        edit.setOnAction(e -> edit(table.getSelectionModel().getSelectedItem()));
        summary.setId("timeline-summary");
        summary.getStyleClass().add("text-muted");
        create.setMinWidth(Region.USE_PREF_SIZE);
        edit.setMinWidth(Region.USE_PREF_SIZE);
        summary.setWrapText(true);
        Button inAgenda = new Button("Voir dans l'agenda");
        inAgenda.setId("timeline-agenda");
        inAgenda.setMinWidth(Region.USE_PREF_SIZE);
        inAgenda.setOnAction(e -> showAgenda.run());
        HBox bar = new HBox(8, create, edit, inAgenda);
        bar.setAlignment(Pos.CENTER_LEFT);
        table.setId("patient-appointments");
        table.setPlaceholder(new Label("Aucun rendez-vous pour ce patient."));
        table.getColumns().setAll(List.of(
                col("Date", 190, a -> French.capitalised(a.start().format(WHEN)) + "–" + a.end().format(TIME)),
                col("Type", 150, a -> a.data().title() != null ? a.data().title() : a.data().kind().label()),
                col("Avec", 220, Appointment::professionalNames),
                col("Lieu", 130, a -> a.data().place().label()),
                col("Statut", 100, a -> a.status().label() + (a.isOccurrence() ? " ↻" : "")),
                col("Plan", 60, a -> a.data().actionUid() == null ? "" : "lié"),
                col("Notes après", 220, a -> a.data().notesAfter() == null ? "" : a.data().notesAfter())));
        // the record is narrow beside the list: columns keep their width and the table scrolls sideways
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        LocalDate today = agenda.today();
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Appointment a, boolean empty) {
                super.updateItem(a, empty);
                getStyleClass().removeAll("timeline-past", "timeline-cancelled");
                if (!empty && a != null) {
                    if (a.status() == AppointmentStatus.ANNULE) {
                        getStyleClass().add("timeline-cancelled");
                    } else if (a.day().isBefore(today)) {
                        getStyleClass().add("timeline-past");
                    }
                }
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                edit(table.getSelectionModel().getSelectedItem());
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                edit(table.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, summary, table);
        reload(null);
    }

    private static TableColumn<Appointment, String> col(String title, double width, Function<Appointment, String> value) {
        TableColumn<Appointment, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        return c;
    }

    /** Reads the timeline again; selects {@code focus}, or the next appointment to come. */
    private void reload(Integer focus) {
        List<Appointment> all = agenda.ofPatient(patientId);
        table.getItems().setAll(all);
        LocalDate today = agenda.today();
        long past = all.stream().filter(a -> a.day().isBefore(today) && a.status() == AppointmentStatus.REALISE).count();
        long coming = all.stream().filter(a -> !a.day().isBefore(today) && a.status() == AppointmentStatus.PREVU).count();
        summary.setText(past + " rendez-vous réalisé(s), " + coming + " à venir.");
        Appointment target = all.stream().filter(a -> focus != null && a.id() == focus).findFirst()
                .orElse(all.stream().filter(a -> !a.day().isBefore(today) && a.status() == AppointmentStatus.PREVU).findFirst().orElse(null));
        if (target != null) {
            table.getSelectionModel().select(target);
            table.scrollTo(Math.max(0, table.getItems().indexOf(target) - 3));
        }
    }

    private void create() {
        AppointmentInput initial = AppointmentInput.of(patientId, physicianId == null ? List.of() : List.of(physicianId),
                agenda.today().plusDays(1).atTime(9, 0), Duration.ofMinutes(30), AppointmentKind.CONSULTATION, Place.MSP);
        editor.get().create(initial).ifPresent(a -> reload(a.id()));
    }

    private void edit(Appointment a) {
        editor.get().edit(a).ifPresent(s -> reload(a.id()));
    }
}
