package fr.coordo.ui;

import fr.coordo.audit.AuditLog;
import fr.coordo.audit.AuditLog.Entry;
import fr.coordo.audit.AuditLog.Filter;
import fr.coordo.audit.AuditTexts;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientSummary;
import fr.coordo.store.AuditAction;
import fr.coordo.store.AuditChain;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Journal section: who created, changed, printed or exported what and when, filtered by person, patient,
 * dates and action, newest first a page at a time; and whether the trail is whole (its chain verified).
 */
final class AuditView extends BorderPane {
    static final int PAGE = 200;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final String ALL_PEOPLE = "Toutes les personnes";

    /** A patient in the filter list; {@code id} null for « every patient ». */
    record PatientChoice(Integer id, String label) {}

    private final AuditLog log;
    private final PatientService patients;
    private final ComboBox<String> person = new ComboBox<>();
    private final TextField patientSearch = new TextField();
    private final ComboBox<PatientChoice> patient = new ComboBox<>();
    private final DatePicker from = Forms.datePicker("audit-from");
    private final DatePicker to = Forms.datePicker("audit-to");
    private final ComboBox<AuditAction> action = new ComboBox<>();
    private final TableView<Entry> table = new TableView<>();
    private final Label integrity = new Label();
    private final Button verify = new Button("Vérifier l'intégrité");
    private final Label shown = new Label();
    private final Button older = new Button("Entrées plus anciennes");
    private final PatientChoice everyPatient = new PatientChoice(null, "Tous les patients");
    /** Counts the loads, so that a slow answer to an older filter never replaces a newer one. */
    private int generation;
    private Integer next;
    /** Set while several filters change at once, so that they read the trail once. */
    private boolean settling;

    AuditView(Workspace ws) {
        this.log = new AuditLog(ws.database());
        this.patients = new PatientService(ws.database());
        getStyleClass().add("page");
        setPadding(new Insets(24, 32, 16, 32));

        Label title = new Label("Journal des modifications");
        title.getStyleClass().add("title-1");
        Label intro = new Label("Qui a créé, modifié, imprimé ou exporté quoi, et quand. Chaque entrée est chaînée à la précédente : "
                + "une entrée supprimée ou modifiée hors de Coordo se voit à la vérification.");
        intro.setWrapText(true);
        intro.setMaxWidth(820);

        person.setId("audit-person");
        person.setPrefWidth(200);
        person.getItems().setAll(ALL_PEOPLE);
        person.setValue(ALL_PEOPLE);
        patientSearch.setId("audit-patient-search");
        patientSearch.setPromptText("Nom, prénom ou date de naissance…");
        patientSearch.setPrefWidth(230);
        patient.setId("audit-patient");
        patient.setPrefWidth(280);
        Forms.labelled(patient, PatientChoice::label);
        patient.getItems().setAll(everyPatient);
        patient.setValue(everyPatient);
        action.setId("audit-action");
        action.setPrefWidth(200);
        action.getItems().add(null);
        action.getItems().addAll(Arrays.asList(AuditAction.values()));
        Forms.labelled(action, a -> a == null ? "Toutes les actions" : AuditTexts.actionName(a));
        // the null item shows no text in the button with the label function alone
        action.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(AuditAction a, boolean empty) {
                super.updateItem(a, empty);
                setText(a == null ? "Toutes les actions" : AuditTexts.actionName(a));
            }
        });
        Button clear = new Button("Effacer les filtres");
        clear.setId("audit-clear");
        clear.setOnAction(e -> clearFilters());

        FlowPane filters = new FlowPane(16, 10,
                field("Personne", person), field("Chercher un patient", patientSearch), field("Patient", patient),
                field("Du", from), field("Au", to), field("Action", action), clear);
        filters.setAlignment(Pos.BOTTOM_LEFT);
        filters.setId("audit-filters");

        VBox top = new VBox(10, title, intro, filters);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);

        buildTable();
        setCenter(table);

        integrity.setId("audit-integrity");
        integrity.setWrapText(true);
        verify.setId("audit-verify");
        // a long problem wraps; the button and the count keep their words
        verify.setMinWidth(Region.USE_PREF_SIZE);
        shown.setMinWidth(Region.USE_PREF_SIZE);
        verify.setOnAction(e -> verifyChain());
        shown.setId("audit-shown");
        older.setId("audit-older");
        older.setOnAction(e -> load(false));
        Forms.show(older, false);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox.setHgrow(integrity, Priority.SOMETIMES);
        HBox bottom = new HBox(12, verify, integrity, grow, shown, older);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(10, 0, 0, 0));
        setBottom(bottom);

        person.valueProperty().addListener((o, was, is) -> load(true));
        patient.valueProperty().addListener((o, was, is) -> load(true));
        from.valueProperty().addListener((o, was, is) -> load(true));
        to.valueProperty().addListener((o, was, is) -> load(true));
        action.valueProperty().addListener((o, was, is) -> load(true));
        patientSearch.textProperty().addListener((o, was, is) -> searchPatients(is));

    }

    /** Read again at each visit: what was done elsewhere meanwhile is in the trail. */
    void reload() {
        refreshPeople();
        load(true);
        verifyChain();
    }

    private static VBox field(String text, javafx.scene.Node input) {
        return new VBox(4, Forms.label(text, input), input);
    }

    private void buildTable() {
        table.setId("audit-table");
        table.setPlaceholder(new Label("Aucune entrée ne correspond à ces filtres."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Entry, ZonedDateTime> date = new TableColumn<>("Date");
        date.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().at()));
        date.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ZonedDateTime at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? null : at.format(AT));
            }
        });
        date.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        date.setPrefWidth(150);
        date.setMinWidth(150);
        date.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<Entry, String> who = text("Personne", Entry::actor, 160, 120);
        TableColumn<Entry, String> what = text("Action", Entry::description, 230, 180);
        TableColumn<Entry, String> object = text("Objet", Entry::object, 160, 120);
        TableColumn<Entry, String> whom = text("Patient", e -> e.patientName() == null ? "" : e.patientName(), 210, 150);
        TableColumn<Entry, String> detail = text("Détail", Entry::detail, 260, 150);
        table.getColumns().setAll(List.of(date, who, what, object, whom, detail));
        date.setId("audit-col-date");
        who.setId("audit-col-person");
        what.setId("audit-col-action");
        whom.setId("audit-col-patient");
    }

    private static TableColumn<Entry, String> text(String title, Function<Entry, String> value, double width, double min) {
        TableColumn<Entry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                // long details are read whole in the tooltip
                setTooltip(empty || s == null || s.length() < 40 ? null : new Tooltip(s));
            }
        });
        c.setPrefWidth(width);
        c.setMinWidth(min);
        return c;
    }

    private Filter filter() {
        String who = person.getValue();
        PatientChoice p = patient.getValue();
        return new Filter(who == null || ALL_PEOPLE.equals(who) ? null : who, p == null ? null : p.id(), from.getValue(),
                to.getValue(), action.getValue());
    }

    /** Reads the first page for the filters ({@code fresh}), or the next older page after those shown. */
    void load(boolean fresh) {
        if (settling) {
            return;
        }
        Filter f = filter();
        Integer before = fresh ? null : next;
        int mine = ++generation;
        older.setDisable(true);
        Background.run("audit-page", () -> log.page(f, before, PAGE), page -> {
            if (mine != generation) {
                return;
            }
            if (fresh) {
                table.getItems().setAll(page.entries());
            } else {
                table.getItems().addAll(page.entries());
            }
            next = page.next();
            int n = table.getItems().size();
            shown.setText(n == 0 ? "" : AuditChain.count(n) + (n == 1 ? " entrée affichée" : " entrées affichées")
                    + (page.more() ? " (les plus récentes)" : ""));
            Forms.show(older, page.more());
            older.setDisable(false);
        }, error -> {
            if (mine == generation) {
                shown.setText("Le journal n'a pas pu être lu : " + TeamView.describe(error));
            }
        });
    }

    /** People who wrote in the trail; the choice made is kept. */
    void refreshPeople() {
        Background.run("audit-people", log::actors, people -> {
            String chosen = person.getValue();
            List<String> items = new ArrayList<>();
            items.add(ALL_PEOPLE);
            items.addAll(people);
            person.getItems().setAll(items);
            person.setValue(items.contains(chosen) ? chosen : ALL_PEOPLE);
        }, error -> { });
    }

    /** Typing a name offers the matching patients and picks the first; the list still allows another choice. */
    private void searchPatients(String text) {
        if (text == null || text.strip().isEmpty()) {
            patient.getItems().setAll(everyPatient);
            patient.setValue(everyPatient);
            return;
        }
        if (text.strip().length() < 2) {
            return;
        }
        List<PatientChoice> found = new ArrayList<>();
        found.add(everyPatient);
        for (PatientSummary s : patients.search(text, null, 30)) {
            found.add(new PatientChoice(s.id(), s.name() + " (" + Forms.date(s.birthDate()) + ")"));
        }
        if (found.size() == 1) {
            return;
        }
        PatientChoice first = found.get(1);
        patient.getItems().setAll(found);
        if (!Objects.equals(patient.getValue(), first)) {
            patient.setValue(first);
        }
    }

    private void clearFilters() {
        settling = true;
        try {
            patientSearch.clear();
            person.setValue(ALL_PEOPLE);
            from.setValue(null);
            to.setValue(null);
            action.setValue(null);
            patient.setValue(everyPatient);
        } finally {
            settling = false;
        }
        load(true);
    }

    /** Verifies the chain in the background: the whole trail is read, one entry at a time. */
    void verifyChain() {
        verify.setDisable(true);
        integrity.setText("Vérification du journal…");
        integrity.setStyle("");
        Background.run("audit-verify", log::verify, result -> {
            integrity.setText(result.message());
            integrity.setStyle(result.intact() ? "-fx-text-fill: -color-success-fg;" : "-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;");
            verify.setDisable(false);
        }, error -> {
            integrity.setText("La vérification n'a pas pu se faire : " + TeamView.describe(error));
            integrity.setStyle("-fx-text-fill: -color-danger-fg;");
            verify.setDisable(false);
        });
    }
}
