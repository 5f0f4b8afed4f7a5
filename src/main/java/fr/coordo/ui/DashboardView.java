package fr.coordo.ui;

import fr.coordo.identity.SearchKey;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.Todo;
import fr.coordo.plan.TodoService;
import fr.coordo.store.Database;
import fr.coordo.team.Professions;
import fr.coordo.team.TeamRepository;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The coordinator's morning page: what is late or due in the open plans, then the team's figures. Everything is
 * read in the background; each line of the to-do opens its patient's record.
 */
final class DashboardView extends ScrollPane {
    private static final Locale FR = Locale.FRANCE;
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", FR);
    /** Lines shown before a list scrolls: the page stays readable with a hundred lines in each list. */
    static final int VISIBLE_ROWS = 8;
    /** A re-evaluation this close is flagged as soon. */
    private static final int SOON_DAYS = 7;
    private static final double CARD_GAP = 16;
    private static final PseudoClass LATE = PseudoClass.getPseudoClass("late");
    private static final PseudoClass SOON = PseudoClass.getPseudoClass("soon");

    private record Figures(int active, int former, int patients, Map<String, Integer> byProfession) {}

    private final Workspace ws;
    private final IntConsumer openPatient;
    private final VBox page = new VBox();
    private final Label active = figure("dash-active");
    private final Label former = figure("dash-former");
    private final Label patients = figure("dash-patients");
    private final GridPane professions = new GridPane();

    private final Label lateCount = figure("todo-count-late");
    private final Label reviewCount = figure("todo-count-reviews");
    private final Label reviewLateNote = new Label();
    private final Label draftCount = figure("todo-count-drafts");
    private final Label consentCount = figure("todo-count-consent");
    private final Label hint = new Label();
    private final VBox lists = new VBox(28);
    private final TodoList<Todo.LateAction> late;
    private final TodoList<Todo.Review> reviews;
    private final TodoList<Todo.Draft> drafts;
    private final TodoList<Todo.NoConsent> consent;

    DashboardView(Workspace ws, IntConsumer openPatient) {
        this.ws = ws;
        this.openPatient = openPatient;
        LocalDate today = LocalDate.now(Database.ZONE);
        Label title = new Label("Tableau de bord");
        title.getStyleClass().add("title-1");
        Label date = new Label(capitalise(today.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", FR))));
        date.getStyleClass().add("text-muted");
        VBox header = new VBox(2, title, date);

        reviewLateNote.setId("todo-count-reviews-late");
        reviewLateNote.setWrapText(true);
        reviewLateNote.getStyleClass().add("todo-card-note");
        reviewLateNote.setVisible(false);
        reviewLateNote.setManaged(false);
        GridPane todoCards = cardGrid(
                card("Actions en retard", lateCount),
                card("Réévaluations à faire", reviewCount, reviewLateNote),
                card("Brouillons à valider", draftCount),
                card("Sans consentement", consentCount));

        hint.setManaged(false);
        hint.setVisible(false);
        hint.setText("Les plus urgentes en premier. Double-cliquez sur une ligne, ou choisissez-la et appuyez sur Entrée, "
                + "pour ouvrir le dossier du patient.");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");

        // Columns of fixed width hold short, fixed-format text that must never be cut; names and labels take the rest.
        late = new TodoList<>("todo-late", "Actions en retard", "Aucune action en retard.", Todo.LateAction::patientId, 54);
        late.text("Patient", Todo.LateAction::patientName, 240);
        late.twoLines("Action", Todo.LateAction::action, a -> a.part().label() + " · " + a.who(), 260);
        late.date("Échéance", Todo.LateAction::dueOn);
        late.days("Retard", Todo.LateAction::daysLate, DashboardView::lateBy, 205, a -> true, a -> false);

        reviews = new TodoList<>("todo-reviews", "Réévaluations à faire",
                "Aucune réévaluation en retard ni dans les " + TodoService.REVIEW_WINDOW_DAYS + " prochains jours.",
                Todo.Review::patientId, 40);
        reviews.text("Patient", Todo.Review::patientName, 240);
        reviews.fixed("Plan", r -> planLabel(r.reference(), r.version()), 205);
        reviews.date("Date prévue", Todo.Review::dueOn);
        Predicate<Todo.Review> soon = r -> !r.late() && r.daysLeft() <= SOON_DAYS;
        reviews.days("Délai", Todo.Review::daysLeft, DashboardView::reviewDelay, 205, Todo.Review::late, soon);
        reviews.highlightRows(Todo.Review::late, soon);

        drafts = new TodoList<>("todo-drafts", "Brouillons à valider", "Aucun brouillon en attente de validation.",
                Todo.Draft::patientId, 40);
        drafts.text("Patient", Todo.Draft::patientName, 240);
        drafts.fixed("Plan", d -> planLabel(d.reference(), d.version()), 205);
        drafts.date("Commencé le", Todo.Draft::startedOn);
        drafts.days("Ancienneté", Todo.Draft::ageDays, DashboardView::startedAgo, 205, d -> false, d -> false);

        consent = new TodoList<>("todo-consent", "Patients sans consentement",
                "Chaque patient qui a un plan en cours a donné son consentement.", Todo.NoConsent::patientId, 40);
        consent.text("Patient", Todo.NoConsent::patientName, 240);
        consent.fixed("Plan en cours", Todo.NoConsent::reference, 205);

        lists.setId("todo-lists");
        lists.getChildren().addAll(late.box, reviews.box, drafts.box, consent.box);

        Label teamTitle = new Label("L'équipe et les patients");
        teamTitle.getStyleClass().add("title-3");
        FlowPane cards = new FlowPane(16, 16,
                card("Professionnels actifs", active),
                card("Anciens membres de l'équipe", former),
                card("Patients", patients));
        Label byProfessionTitle = new Label("L'équipe par profession");
        byProfessionTitle.getStyleClass().add("title-4");
        professions.setHgap(24);
        professions.setVgap(4);
        professions.setId("dash-professions");
        VBox team = new VBox(14, teamTitle, cards, byProfessionTitle, professions);
        team.setPadding(new Insets(12, 0, 0, 0));

        // The projets de parcours: the ARS's window and what the projets in preparation lack, a line each.
        ProjectDashboardBlock pathway = new ProjectDashboardBlock(ws.database(), this::openPathway);

        page.getChildren().addAll(header, todoCards, pathway, hint, lists, team);
        page.setSpacing(18);
        page.setPadding(new Insets(32, 40, 40, 40));
        page.setMaxWidth(1320);
        page.getStyleClass().add("page");
        setContent(page);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        loadFigures(today);
        loadTodo();
    }

    /** Shows the Parcours section, as its entry in the navigation does. */
    private void openPathway() {
        if (getScene() != null && getScene().lookup("#nav-parcours") instanceof javafx.scene.control.ButtonBase nav) {
            nav.fire();
        }
    }

    private void loadFigures(LocalDate today) {
        TeamRepository team = new TeamRepository(ws.database());
        PatientService patientService = new PatientService(ws.database());
        Background.run("dashboard",
                () -> new Figures(team.countActive(today), team.countFormer(today), patientService.count(),
                        team.activeByProfession(today)),
                this::show,
                e -> {
                    active.setText("—");
                    former.setText("—");
                    patients.setText("—");
                    Label error = new Label("Les chiffres n'ont pas pu être lus : les détails sont dans le journal "
                            + ws.paths().logFile() + ".");
                    error.setId("dash-error");
                    error.setWrapText(true);
                    error.getStyleClass().add("danger");
                    page.getChildren().add(1, error);
                });
    }

    private void loadTodo() {
        TodoService todo = new TodoService(ws.database());
        // The query runs off the JavaFX thread: a large base never freezes the window.
        Background.run("todo", todo::today, this::show, e -> {
            for (Label l : List.of(lateCount, reviewCount, draftCount, consentCount)) {
                l.setText("—");
            }
            Label error = new Label("Les tâches n'ont pas pu être lues : les détails sont dans le journal " + ws.paths().logFile() + ".");
            error.setId("todo-error");
            error.setWrapText(true);
            error.getStyleClass().add("danger");
            lists.getChildren().setAll(error);
        });
    }

    private void show(Figures f) {
        NumberFormat n = NumberFormat.getIntegerInstance(FR);
        active.setText(n.format(f.active()));
        former.setText(n.format(f.former()));
        patients.setText(n.format(f.patients()));
        int row = 0;
        for (var e : f.byProfession().entrySet()) {
            Label count = new Label(n.format(e.getValue()));
            count.getStyleClass().add("text-bold");
            professions.addRow(row++, count, new Label(Professions.label(e.getKey(), e.getValue())));
        }
    }

    private void show(Todo todo) {
        long lateReviews = todo.reviews().stream().filter(Todo.Review::late).count();
        setCount(lateCount, todo.lateActions().size(), !todo.lateActions().isEmpty());
        setCount(reviewCount, todo.reviews().size(), lateReviews > 0);
        setCount(draftCount, todo.drafts().size(), false);
        setCount(consentCount, todo.withoutConsent().size(), false);
        reviewLateNote.setText(lateReviews == 1 ? "dont 1 en retard" : "dont " + format(lateReviews) + " en retard");
        reviewLateNote.setVisible(lateReviews > 0);
        reviewLateNote.setManaged(lateReviews > 0);
        // How to open a line is said only when there is a line to open.
        hint.setVisible(!todo.isEmpty());
        hint.setManaged(!todo.isEmpty());
        late.show(todo.lateActions(), true);
        reviews.show(todo.reviews(), todo.reviews().stream().anyMatch(Todo.Review::late));
        drafts.show(todo.drafts(), false);
        consent.show(todo.withoutConsent(), false);
    }

    private static void setCount(Label figure, int count, boolean urgent) {
        figure.setText(format(count));
        figure.pseudoClassStateChanged(LATE, urgent && count > 0);
        figure.getStyleClass().remove("figure-none");
        if (count == 0) {
            figure.getStyleClass().add("figure-none");
        }
    }

    /** Scrolls the page so that {@code node} is in view: a keyboard user tabbing into a list sees it. */
    private void reveal(Node node) {
        double contentHeight = page.getBoundsInLocal().getHeight();
        double viewHeight = getViewportBounds().getHeight();
        if (contentHeight <= viewHeight) {
            return;
        }
        Bounds b = page.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double top = getVvalue() * (contentHeight - viewHeight);
        double target = top;
        if (b.getMinY() < top) {
            target = b.getMinY();
        } else if (b.getMaxY() > top + viewHeight) {
            target = Math.min(b.getMinY(), b.getMaxY() - viewHeight);
        }
        setVvalue(Math.clamp(target / (contentHeight - viewHeight), 0, 1));
    }

    // ---------------------------------------------------------------- wording

    static String lateBy(long days) {
        return days == 1 ? "en retard d'un jour" : "en retard de " + format(days) + " jours";
    }

    static String reviewDelay(long daysLeft) {
        if (daysLeft < 0) {
            return lateBy(-daysLeft);
        }
        return daysLeft == 0 ? "aujourd'hui" : daysLeft == 1 ? "demain" : "dans " + format(daysLeft) + " jours";
    }

    static String startedAgo(long days) {
        return days <= 0 ? "commencé aujourd'hui" : days == 1 ? "commencé hier" : "commencé il y a " + format(days) + " jours";
    }

    private static String planLabel(String reference, int version) {
        return reference + " · version " + version;
    }

    private static String format(long n) {
        return NumberFormat.getIntegerInstance(FR).format(n);
    }

    // ---------------------------------------------------------------- building blocks

    /** One list of the to-do: a header with its count, then a table of bounded height, or a calm sentence when empty. */
    private final class TodoList<T> {
        final VBox box = new VBox(8);
        final TableView<T> table = new TableView<>();
        private final Label count = new Label("…");
        private final Label status = new Label("Lecture en cours…");
        private final String empty;
        private final ToIntFunction<T> patientOf;
        private Predicate<T> rowLate = x -> false;
        private Predicate<T> rowSoon = x -> false;
        private final double rowHeight;

        TodoList(String id, String title, String empty, ToIntFunction<T> patientOf, double rowHeight) {
            this.empty = empty;
            this.patientOf = patientOf;
            this.rowHeight = rowHeight;
            Label heading = new Label(title);
            heading.getStyleClass().add("title-4");
            count.setId(id + "-count");
            count.getStyleClass().add("todo-count");
            HBox head = new HBox(10, heading, count);
            head.setAlignment(Pos.CENTER_LEFT);
            status.setId(id + "-empty");
            status.getStyleClass().add("text-muted");
            status.setWrapText(true);

            table.setId(id);
            table.getStyleClass().add("todo-table");
            table.setFixedCellSize(rowHeight);
            table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
            table.setAccessibleText(title);
            table.setRowFactory(t -> {
                TableRow<T> row = new TableRow<>() {
                    @Override
                    protected void updateItem(T item, boolean isEmpty) {
                        super.updateItem(item, isEmpty);
                        pseudoClassStateChanged(LATE, !isEmpty && item != null && rowLate.test(item));
                        pseudoClassStateChanged(SOON, !isEmpty && item != null && rowSoon.test(item));
                    }
                };
                row.setOnMouseClicked(e -> {
                    if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                        open(row.getItem());
                    }
                });
                return row;
            });
            table.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER) {
                    T item = table.getSelectionModel().getSelectedItem();
                    open(item != null ? item : table.getFocusModel().getFocusedItem());
                    e.consume();
                }
            });
            table.focusedProperty().addListener((o, was, now) -> {
                if (now) {
                    reveal(box);
                    // Tabbing into a list shows its first line chosen: Enter opens it at once.
                    if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                        table.getSelectionModel().select(0);
                    }
                }
            });
            table.setVisible(false);
            table.setManaged(false);
            box.getChildren().addAll(head, status, table);
        }

        private void open(T item) {
            if (item != null) {
                openPatient.accept(patientOf.applyAsInt(item));
            }
        }

        void show(List<T> items, boolean urgent) {
            count.setText(format(items.size()));
            count.pseudoClassStateChanged(LATE, urgent && !items.isEmpty());
            table.getItems().setAll(items);
            // Tall enough for the first lines, then the list scrolls: ~40 px of header and borders.
            double height = 42 + Math.min(Math.max(items.size(), 1), VISIBLE_ROWS) * rowHeight;
            table.setMinHeight(height);
            table.setPrefHeight(height);
            table.setMaxHeight(height);
            status.setText(empty);
            status.setVisible(items.isEmpty());
            status.setManaged(items.isEmpty());
            table.setVisible(!items.isEmpty());
            table.setManaged(!items.isEmpty());
        }

        /** Text that may be long: the column shares the spare width and a tooltip gives what is cut. */
        void text(String title, Function<T, String> value, double width) {
            TableColumn<T, String> c = new TableColumn<>(title);
            c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
            c.setComparator(Comparator.nullsLast(Comparator.comparing(SearchKey::of)));
            c.setCellFactory(col -> new TableCell<>() {
                private final Tooltip tip = new Tooltip();

                @Override
                protected void updateItem(String text, boolean isEmpty) {
                    super.updateItem(text, isEmpty);
                    setText(isEmpty ? null : text);
                    tip.setText(text);
                    setTooltip(isEmpty || text == null || text.isEmpty() ? null : tip);
                }
            });
            add(c, width, false);
        }

        /** Short text of a known format, never cut. */
        void fixed(String title, Function<T, String> value, double width) {
            TableColumn<T, String> c = new TableColumn<>(title);
            c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
            add(c, width, true);
        }

        /** A label with a muted line of detail below it, both in one column to spare the width. */
        void twoLines(String title, Function<T, String> main, Function<T, String> detail, double width) {
            TableColumn<T, T> c = new TableColumn<>(title);
            c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
            c.setComparator(Comparator.comparing(main.andThen(SearchKey::of)));
            c.setCellFactory(col -> new TableCell<>() {
                private final Label first = new Label();
                private final Label second = new Label();
                private final VBox lines = new VBox(1, first, second);
                private final Tooltip tip = new Tooltip();

                {
                    second.getStyleClass().add("todo-detail");
                    lines.setAlignment(Pos.CENTER_LEFT);
                    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
                }

                @Override
                protected void updateItem(T item, boolean isEmpty) {
                    super.updateItem(item, isEmpty);
                    if (isEmpty || item == null) {
                        setText(null);
                        setGraphic(null);
                        setTooltip(null);
                        return;
                    }
                    first.setText(main.apply(item));
                    second.setText(detail.apply(item));
                    // The text stays set (not shown) for accessibility and tests.
                    setText(first.getText() + " — " + second.getText());
                    tip.setText(first.getText() + "\n" + second.getText());
                    setGraphic(lines);
                    setTooltip(tip);
                }
            });
            add(c, width, false);
        }

        void date(String title, Function<T, LocalDate> value) {
            TableColumn<T, LocalDate> c = new TableColumn<>(title);
            c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
            c.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(LocalDate d, boolean isEmpty) {
                    super.updateItem(d, isEmpty);
                    setText(isEmpty || d == null ? null : d.format(FR_DATE));
                }
            });
            add(c, 130, true);
        }

        /** A number of days shown in words; sorting follows the number, flagged cells take the theme's colours. */
        void days(String title, Function<T, Long> value, Function<Long, String> words, double width,
                  Predicate<T> isLate, Predicate<T> isSoon) {
            TableColumn<T, T> c = new TableColumn<>(title);
            c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
            c.setComparator(Comparator.comparing(value));
            c.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(T item, boolean isEmpty) {
                    super.updateItem(item, isEmpty);
                    setText(isEmpty || item == null ? null : words.apply(value.apply(item)));
                    pseudoClassStateChanged(LATE, !isEmpty && item != null && isLate.test(item));
                    pseudoClassStateChanged(SOON, !isEmpty && item != null && isSoon.test(item));
                }
            });
            c.getStyleClass().add("todo-delay");
            add(c, width, true);
        }

        /** Whole rows tinted: late ones in the danger colour, near ones in the warning colour. */
        void highlightRows(Predicate<T> isLate, Predicate<T> isSoon) {
            rowLate = isLate;
            rowSoon = isSoon;
        }

        private void add(TableColumn<T, ?> c, double width, boolean fixed) {
            c.setPrefWidth(width);
            c.setMinWidth(fixed ? width : 130);
            if (fixed) {
                c.setMaxWidth(width);
            }
            c.setReorderable(false);
            table.getColumns().add(c);
        }
    }

    /** Four cards of equal width and height in a row, or two by two in a narrow window: never three and a lone one. */
    private static GridPane cardGrid(Region... cards) {
        GridPane grid = new GridPane(CARD_GAP, CARD_GAP);
        grid.getChildren().addAll(cards);
        grid.widthProperty().addListener((o, was, width) -> {
            int columns = width.doubleValue() >= 4 * 170 + 3 * CARD_GAP ? 4 : 2;
            if (grid.getColumnConstraints().size() == columns) {
                return;
            }
            grid.getColumnConstraints().clear();
            for (int i = 0; i < columns; i++) {
                ColumnConstraints c = new ColumnConstraints();
                c.setPercentWidth(100.0 / columns);
                grid.getColumnConstraints().add(c);
            }
            for (int i = 0; i < cards.length; i++) {
                GridPane.setConstraints(cards[i], i % columns, i / columns);
            }
        });
        for (int i = 0; i < cards.length; i++) {
            GridPane.setConstraints(cards[i], i, 0);
            cards[i].setMinWidth(0);
        }
        return grid;
    }

    private static Label figure(String id) {
        Label l = new Label("…");
        l.setId(id);
        l.getStyleClass().add("figure");
        return l;
    }

    private static VBox card(String caption, Label value, Node... more) {
        Label c = new Label(caption);
        c.setWrapText(true);
        c.getStyleClass().add("text-muted");
        VBox box = new VBox(4, value, c);
        box.getChildren().addAll(more);
        box.getStyleClass().add("figure-card");
        box.setPadding(new Insets(16, 18, 16, 18));
        box.setMinWidth(200);
        return box;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
