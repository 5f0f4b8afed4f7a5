package fr.coordo.ui;

import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import fr.coordo.team.Profession;
import fr.coordo.team.Professional;
import fr.coordo.team.Professions;
import fr.coordo.team.TeamCsv;
import fr.coordo.team.TeamFilter;
import fr.coordo.team.TeamService;
import fr.coordo.team.TeamSummary;
import java.io.File;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * Équipe: the team table with its filters, and the form of the selected professional beside it.
 * Ctrl+N adds, Ctrl+F searches, Ctrl+S saves the form.
 */
final class TeamView extends BorderPane {
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    private final TeamService team;
    private final Stage owner;
    private final ObservableList<Professional> all = FXCollections.observableArrayList();
    private final FilteredList<Professional> filtered = new FilteredList<>(all);
    private final TableView<Professional> table = new TableView<>();
    private final TextField search = new TextField();
    private final ComboBox<Object> profession = new ComboBox<>();
    private final ComboBox<TeamFilter.Status> status = new ComboBox<>();
    private final ComboBox<String> conventioned = new ComboBox<>();
    private final ToggleButton incomplete = new ToggleButton("Incomplets");
    private final Label counts = new Label();
    private final Label message = new Label();
    private final ProfessionalForm form;
    private TeamFilter filter = TeamFilter.initial();
    private boolean reverting;

    TeamView(Workspace ws, Stage owner) {
        this.team = new TeamService(ws.database());
        this.owner = owner;
        this.form = new ProfessionalForm(team, owner, this::saved);

        Label title = new Label("Équipe");
        title.getStyleClass().add("title-1");
        Button add = new Button("Ajouter");
        add.setId("team-add");
        add.setTooltip(new Tooltip("Ajouter un professionnel (Ctrl+N)"));
        add.setOnAction(e -> newProfessional());
        Button importButton = new Button("Importer…");
        importButton.setId("team-import");
        importButton.setOnAction(e -> importFile());
        Button export = new Button("Exporter…");
        export.setId("team-export");
        export.setOnAction(e -> exportFile());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(12, title, grow, add, importButton, export);
        header.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox(12, header, filters());
        top.setPadding(new Insets(24, 24, 12, 24));
        setTop(top);

        buildTable();
        form.setMinWidth(340);
        form.setPrefWidth(400);
        SplitPane split = new SplitPane(table, form);
        // A wider window gives its extra room to the table.
        SplitPane.setResizableWithParent(form, false);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.62);
        BorderPane.setMargin(split, new Insets(0, 24, 0, 24));
        setCenter(split);

        message.setId("team-message");
        message.setWrapText(true);
        counts.setId("team-counts");
        counts.setWrapText(true);
        counts.getStyleClass().add("text-muted");
        VBox bottom = new VBox(4, message, counts);
        bottom.setPadding(new Insets(8, 24, 16, 24));
        setBottom(bottom);

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (NEW.match(e)) {
                newProfessional();
                e.consume();
            } else if (FIND.match(e)) {
                search.requestFocus();
                e.consume();
            } else if (SAVE.match(e)) {
                form.save();
                e.consume();
            }
        });
        reload(null);
    }

    /** The filter in force, for tests and the benchmark harness. */
    TeamFilter filter() {
        return filter;
    }

    List<Professional> shown() {
        return List.copyOf(table.getItems());
    }

    ProfessionalForm form() {
        return form;
    }

    private FlowPane filters() {
        search.setId("team-search");
        search.setPromptText("Rechercher : nom, RPPS, numéro AM, email (Ctrl+F)");
        search.setPrefWidth(300);
        search.setMinWidth(180);
        search.textProperty().addListener((o, a, b) -> apply(filter.withQuery(b)));

        profession.setId("team-profession");
        profession.getItems().add("Toutes les professions");
        profession.getItems().addAll(Professions.all());
        profession.getSelectionModel().selectFirst();
        profession.setPrefWidth(230);
        profession.setMinWidth(150);
        profession.valueProperty().addListener((o, a, b) ->
                apply(filter.withProfession(b instanceof Profession p ? p.code() : null)));

        status.setId("team-status");
        status.getItems().setAll(TeamFilter.Status.values());
        status.setValue(TeamFilter.Status.ACTIVE);
        status.valueProperty().addListener((o, a, b) -> apply(filter.withStatus(b)));

        conventioned.setId("team-conventioned");
        conventioned.getItems().setAll("Conventionnés ou non", "Conventionnés", "Non conventionnés");
        conventioned.getSelectionModel().selectFirst();
        conventioned.getSelectionModel().selectedIndexProperty().addListener((o, a, b) ->
                apply(filter.withConventioned(b.intValue() == 1 ? Boolean.TRUE : b.intValue() == 2 ? Boolean.FALSE : null)));

        incomplete.setId("team-incomplete");
        incomplete.setTooltip(new Tooltip("Ce qui manque pour un parcours coordonné renforcé : RPPS, numéro AM, contrat, IBAN, employeur"));
        incomplete.selectedProperty().addListener((o, a, b) -> apply(filter.withIncompleteOnly(b)));

        for (Region r : List.<Region>of(status, conventioned, incomplete)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        FlowPane box = new FlowPane(10, 8, search, profession, status, conventioned, incomplete);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void buildTable() {
        table.setId("team-table");
        table.setPlaceholder(new Label("Aucun professionnel ne correspond à ces filtres."));
        table.getColumns().add(column("Nom", Professional::displayName, 170));
        table.getColumns().add(column("Profession", Professional::professionLabel, 150));
        table.getColumns().add(column("RPPS", p -> nz(p.rpps()), 112));
        table.getColumns().add(column("N° AM", p -> p.amNumber() != null ? p.amNumber()
                : p.amRequestedOn() != null ? "demandé le " + p.amRequestedOn().format(FR_DATE) : "", 130));
        table.getColumns().add(column("Conventionné", p -> p.conventioned() ? "oui" : "non", 100));
        TableColumn<Professional, LocalDate> since = new TableColumn<>("Entrée");
        since.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().memberSince()));
        since.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(LocalDate d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.format(FR_DATE));
            }
        });
        since.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        since.setPrefWidth(95);
        table.getColumns().add(since);
        table.getColumns().add(column("Statut", TeamView::status, 90));
        table.getColumns().add(column("À compléter", p -> String.join(", ", p.missingForPcr()), 140));
        // Less used columns start hidden; the table's « + » menu shows them.
        table.setTableMenuButtonVisible(true);
        for (TableColumn<Professional, ?> c : table.getColumns()) {
            // An RPPS is read whole or not at all: its column never cuts digits.
            c.setMinWidth(c.getText().equals("RPPS") ? 112 : Math.min(c.getPrefWidth(), 90));
            if (List.of("N° AM", "Conventionné", "Entrée").contains(c.getText())) {
                c.setVisible(false);
            }
        }
        SortedList<Professional> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b == null || reverting) {
                return;
            }
            if (form.isDirty() && !confirmDiscard()) {
                // Back to the row being edited, its changes kept.
                reverting = true;
                javafx.application.Platform.runLater(() -> {
                    table.getSelectionModel().select(a);
                    reverting = false;
                });
                return;
            }
            form.edit(b);
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    private static TableColumn<Professional, String> column(String title, Function<Professional, String> value, double width) {
        TableColumn<Professional, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setComparator(Comparator.comparing(fr.coordo.identity.SearchKey::of));
        c.setPrefWidth(width);
        return c;
    }

    private void apply(TeamFilter f) {
        filter = f;
        filtered.setPredicate(f.predicate(LocalDate.now(Database.ZONE)));
        updateCounts();
    }

    private void newProfessional() {
        if (form.isDirty() && !confirmDiscard()) {
            return;
        }
        reverting = true;
        table.getSelectionModel().clearSelection();
        reverting = false;
        form.startNew();
    }

    /** Reloads the team from the database, then selects {@code selectId} if given. */
    void reload(Integer selectId) {
        Background.run("team", team::all, list -> {
            all.setAll(list);
            apply(filter);
            if (selectId != null) {
                table.getItems().stream().filter(p -> p.id() == selectId).findFirst().ifPresent(p -> {
                    table.getSelectionModel().select(p);
                    table.scrollTo(p);
                });
            }
        }, e -> message.setText("L'équipe n'a pas pu être lue : " + describe(e)));
    }

    private void saved(int id, String text) {
        message.setText(text);
        reload(id);
    }

    private void updateCounts() {
        counts.setText(TeamSummary.describe(all, table.getItems().size(), LocalDate.now(Database.ZONE)));
    }

    private void importFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Importer l'équipe depuis un fichier CSV");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Tableur CSV (*.csv)", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            new ImportDialog(owner, new TeamCsv(team), file.toPath(), count -> {
                message.setText(count + " professionnel" + (count > 1 ? "s importés." : " importé."));
                reload(null);
            }).show();
        }
    }

    private void exportFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Exporter l'équipe");
        chooser.setInitialFileName("equipe-" + LocalDate.now(Database.ZONE) + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Tableur CSV (*.csv)", "*.csv"));
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            Background.run("export", () -> new TeamCsv(team).exportFile(file.toPath()),
                    n -> message.setText("Équipe exportée : " + file + " (" + n + " professionnel" + (n > 1 ? "s" : "") + "). "
                            + "Le fichier contient des données personnelles : gardez-le en lieu sûr."),
                    e -> message.setText(describe(e)));
        }
    }

    /** Asks before unsaved changes of the form are lost. */
    private boolean confirmDiscard() {
        return Dialogs.confirmDiscard(owner);
    }

    static String describe(Throwable e) {
        return e instanceof StoreException ? e.getMessage() : "erreur inattendue, détails dans le journal coordo.log.";
    }

    /** « actif », « à venir », « jusqu'au 30/11/2026 » (leaving), « sortie le 30/06/2025 » (former). */
    private static String status(Professional p) {
        if (p.memberUntil() == null) {
            return p.isActive(LocalDate.now(Database.ZONE)) ? "actif" : "à venir";
        }
        String until = p.memberUntil().format(FR_DATE);
        return p.isFormer(LocalDate.now(Database.ZONE)) ? "sortie le " + until : "jusqu'au " + until;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
