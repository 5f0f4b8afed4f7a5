package fr.coordo.ui;

import fr.coordo.agenda.AgendaService;
import fr.coordo.identity.SearchKey;
import fr.coordo.pathway.Episode;
import fr.coordo.pathway.EpisodeService;
import fr.coordo.plan.PlanService;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Inclusions and episodes: the list of every episode (filtered by patient, reference or state, sortable), and
 * the selected one's detail below — include a patient, start the episode, follow its séquences, close it,
 * print its attestation, see the patient's plan and appointments.
 */
final class EpisodesPane extends BorderPane {
    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final Window owner;
    private final EpisodeService episodes;
    private final Workspace ws;
    private final ObservableList<Episode> all = FXCollections.observableArrayList();
    private final FilteredList<Episode> filtered = new FilteredList<>(all);
    private final TableView<Episode> table = new TableView<>();
    private final TextField filter = new TextField();
    private final ComboBox<StateFilter> state = new ComboBox<>();
    private final Button include = new Button("Inclure un patient…");
    private final Label count = new Label();
    private final Label message = new Label();
    private final EpisodeDetail detail;

    /** A choice of the state filter; {@code state} null for every state. */
    record StateFilter(Episode.State state) {
        static final StateFilter ALL = new StateFilter(null);
    }

    EpisodesPane(Workspace ws, Window owner, IntConsumer openPatient, BiConsumer<Integer, String> showPatientAgenda) {
        this.owner = owner;
        this.episodes = new EpisodeService(ws.database());
        this.ws = ws;
        setId("episodes-pane");
        detail = new EpisodeDetail(owner, episodes, new PlanService(ws.database()), new AgendaService(ws.database()),
                new fr.coordo.pathway.PathwayDocuments(ws.database()), openPatient,
                showPatientAgenda, this::refresh);

        include.setId("episode-include");
        include.getStyleClass().add("accent");
        include.setMinWidth(Region.USE_PREF_SIZE);
        include.setTooltip(new Tooltip("Ctrl+N"));
        include.setOnAction(e -> include());
        filter.setId("episode-filter");
        filter.setPromptText("Patient ou référence (Ctrl+F)");
        filter.textProperty().addListener((o, a, b) -> applyFilter());
        state.setId("episode-state-filter");
        state.getItems().add(StateFilter.ALL);
        for (Episode.State s : Episode.State.values()) {
            state.getItems().add(new StateFilter(s));
        }
        Forms.labelled(state, f -> f.state() == null ? "Tous les états" : f.state().label());
        state.setValue(StateFilter.ALL);
        state.setMinWidth(Region.USE_PREF_SIZE);
        state.valueProperty().addListener((o, a, b) -> applyFilter());
        count.setId("episode-count");
        count.getStyleClass().add("text-muted");
        count.setMinWidth(Region.USE_PREF_SIZE);
        message.setId("episode-list-message");
        message.getStyleClass().add("form-messages");
        message.setWrapText(true);
        Forms.show(message, false);
        HBox bar = new HBox(8, include, filter, state, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(filter, Priority.ALWAYS);

        setUpTable();
        VBox list = new VBox(8, bar, message, table);
        list.setPadding(new Insets(14, 20, 8, 20));
        VBox.setVgrow(table, Priority.ALWAYS);
        list.setMinHeight(180);
        detail.setMinHeight(200);
        SplitPane split = new SplitPane(list, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.36);
        setCenter(split);

        // On the window rather than on the pane: the shortcuts work as soon as the tab is shown, wherever the focus is.
        javafx.event.EventHandler<KeyEvent> keys = e -> {
            if (!showing()) {
                return;
            }
            if (NEW.match(e)) {
                include();
                e.consume();
            } else if (FIND.match(e)) {
                filter.requestFocus();
                filter.selectAll();
                e.consume();
            }
        };
        sceneProperty().addListener((o, was, is) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
            if (is != null) {
                is.addEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
        });
    }

    /** On screen: in the window, its tab selected (the tab pane hides the others' content). */
    private boolean showing() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return false;
        }
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void setUpTable() {
        table.setId("episode-table");
        table.getColumns().setAll(List.of(
                column("Référence", 120, Episode::reference, Function.identity()),
                column("Patient", 170, Episode::patientName, Function.identity()),
                column("Projet", 110, Episode::projectReference, Function.identity()),
                column("Profil", 180, e -> e.profileCode() + " — " + e.profileLabel(), Function.identity()),
                column("État", 110, Episode::state, Episode.State::label),
                column("Séquence en cours", 200, EpisodeTexts::currentSequence, Function.identity()),
                column("Début", 100, Episode::startOn, Forms::date),
                column("Fin", 100, Episode::endOn, Forms::date)));
        double[] widths = table.getColumns().stream().mapToDouble(TableColumn::getPrefWidth).toArray();
        // never narrower than designed: names and dates are not cut
        table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        double needed = java.util.Arrays.stream(widths).sum() + 20;
        // Wide enough: the columns fill the list. Narrower: they keep their widths and the list scrolls sideways,
        // rather than cutting names and dates.
        table.widthProperty().addListener((o, was, is) -> {
            boolean wide = is.doubleValue() >= needed;
            if (wide != (table.getColumnResizePolicy() == TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN)) {
                for (int i = 0; i < widths.length; i++) {
                    table.getColumns().get(i).setPrefWidth(widths[i]);
                }
                table.setColumnResizePolicy(wide ? TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN : TableView.UNCONSTRAINED_RESIZE_POLICY);
            }
        });
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setFixedCellSize(46);
        SortedList<Episode> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("Aucun épisode : incluez un patient (Ctrl+N)."));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null) {
                detail.show(is, null);
            } else if (table.getItems().isEmpty()) {
                detail.show(null, null);
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                detail.focusMain();
                e.consume();
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                detail.focusMain();
            }
        });
    }

    /** A sortable column of typed values (dates sort as dates), shown as text that wraps rather than being cut. */
    private static <V> TableColumn<Episode, V> column(String title, double width, Function<Episode, V> value, Function<V, String> text) {
        TableColumn<Episode, V> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(V v, boolean empty) {
                super.updateItem(v, empty);
                String s = empty || v == null ? null : text.apply(v);
                setText(s);
                setWrapText(true);
                setTooltip(s == null || s.isEmpty() ? null : new Tooltip(s));
            }
        });
        return c;
    }

    private void applyFilter() {
        List<String> words = Arrays.stream(SearchKey.of(filter.getText()).split("\\s+")).filter(w -> !w.isEmpty()).toList();
        Episode.State wanted = state.getValue() == null ? null : state.getValue().state();
        filtered.setPredicate(e -> (wanted == null || e.state() == wanted) && words.stream().allMatch(
                w -> SearchKey.of(e.reference(), e.patientName(), e.projectReference()).contains(w)));
        showCount();
    }

    private void showCount() {
        int shown = filtered.size();
        count.setText(all.isEmpty() ? "" : shown == all.size() ? (shown == 1 ? "1 épisode" : shown + " épisodes")
                : shown + " sur " + all.size());
    }

    /** Read again when the section is shown: patients, team and projets may have changed elsewhere. */
    void reload() {
        refresh(detail.shown().map(Episode::id).orElse(null), null);
    }

    /** Reads the episodes again and shows {@code focus} (when still there) with {@code done} as the outcome. */
    private void refresh(Integer focus, String done) {
        Background.run("episodes", episodes::all, list -> {
            all.setAll(list);
            applyFilter();
            Optional<Episode> target = list.stream().filter(e -> focus != null && e.id() == focus).findFirst();
            if (target.isPresent()) {
                if (!filtered.contains(target.get())) {
                    // what was just recorded stays visible, whatever the filter
                    filter.clear();
                    state.setValue(StateFilter.ALL);
                }
                table.getSelectionModel().select(target.get());
                table.scrollTo(target.get());
                detail.show(target.get(), done);
            } else if (table.getSelectionModel().isEmpty()) {
                detail.show(null, null);
            }
            Forms.show(message, false);
        }, e -> {
            message.setText("Les épisodes n'ont pas pu être lus : " + TeamView.describe(e));
            Forms.show(message, true);
        });
    }

    /** Opens the inclusion dialog; the episode recorded is selected and shown. */
    void include() {
        include.setDisable(true);
        Background.run("inclusion-choices", () -> InclusionDialog.context(ws, episodes), ctx -> {
            include.setDisable(false);
            if (ctx.projects().isEmpty()) {
                message.setText("Aucun projet de parcours : créez d'abord le projet dans l'onglet « Projets de parcours ».");
                Forms.show(message, true);
                return;
            }
            InclusionDialog.show(owner, ctx, null).ifPresent(id -> refresh(id, "Inclusion enregistrée."));
        }, e -> {
            include.setDisable(false);
            message.setText("Les projets et l'équipe n'ont pas pu être lus : " + TeamView.describe(e));
            Forms.show(message, true);
        });
    }
}
