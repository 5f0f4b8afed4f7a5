package fr.coordo.ui;

import fr.coordo.identity.SearchKey;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.payment.Finding;
import fr.coordo.payment.PayableUnit;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentService;
import fr.coordo.payment.Period;
import fr.coordo.payment.Preparation;
import fr.coordo.payment.Share;
import fr.coordo.team.Professional;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * « Préparer »: what a month or a quarter would pay — the units whose service ended in it, each one's split to the
 * cent with the activity the agenda records, every check that did not pass as a French sentence — then the
 * orders issued once nothing blocks and the warnings are confirmed. Preparing and issuing run off the JavaFX thread.
 */
final class PaymentsPreparePane extends BorderPane {
    private static final KeyCombination PREPARE = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final Window owner;
    private final PaymentService payments;
    private final ProjectService projects;
    private final Consumer<List<PaymentOrder>> issued;

    private final ToggleGroup kinds = new ToggleGroup();
    private final ToggleButton byQuarter = new ToggleButton("Trimestre");
    private final ToggleButton byMonth = new ToggleButton("Mois");
    private final ComboBox<Integer> year = new ComboBox<>();
    private final ComboBox<Integer> part = new ComboBox<>();
    private final Button prepare = new Button("Préparer");
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label busyText = new Label();
    private final Label message = new Label();

    private final ObservableList<PayableUnit> units = FXCollections.observableArrayList();
    private final FilteredList<PayableUnit> filtered = new FilteredList<>(units);
    private final TableView<PayableUnit> unitTable = new TableView<>();
    private final TextField filter = new TextField();
    private final Label ordersTitle = new Label("Ordres à émettre");
    private final Label unitCount = new Label();
    private final TableView<PayableUnit> paidTable = new TableView<>();
    private final TitledPane paidPane = new TitledPane();

    private final Label unitTitle = new Label();
    private final Label unitInfo = new Label();
    private final Button editSplit = new Button("Modifier la répartition…");
    private final TableView<Share> shares = new TableView<>();
    private final VBox unitFindings = new VBox(4);
    private final VBox unitBox = new VBox(8);

    private final Label findingsSummary = new Label();
    private final VBox findingsList = new VBox(10);

    private final VBox groups = new VBox(2);
    private final Label total = new Label();
    private final Label why = new Label();
    private final Button issue = new Button("Émettre les ordres…");

    private Preparation shown;
    private boolean working;
    private final AtomicLong loads = new AtomicLong();

    PaymentsPreparePane(Workspace ws, Window owner, PaymentService payments, Consumer<List<PaymentOrder>> issued) {
        this.owner = owner;
        this.payments = payments;
        this.projects = new ProjectService(ws.database());
        this.issued = issued;
        setId("payments-prepare");

        VBox top = new VBox(8, periodBar(), message);
        top.setPadding(new Insets(14, 20, 8, 20));
        setTop(top);
        Node findings = findingsPanel();
        SplitPane lower = new SplitPane(unitDetail(), findings);
        // the checks keep a readable column; the split gets the rest, most of a narrow window
        lower.widthProperty().addListener((o, was, is) -> {
            if (was.doubleValue() == 0 || Math.abs(is.doubleValue() - was.doubleValue()) > 1) {
                double w = is.doubleValue();
                lower.setDividerPositions(w <= 0 ? 0.63 : 1 - Math.max(300, Math.min(460, w * 0.37)) / w);
            }
        });
        SplitPane center = new SplitPane(unitList(), lower);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.38);
        // the units already paid, opened, get room of their own rather than a sliver under the list
        paidPane.expandedProperty().addListener((o, was, open) -> center.setDividerPositions(open ? 0.58 : 0.38));
        setCenter(center);
        setBottom(issueBar());
        installShortcuts();
        show(null);
    }

    // ---------------------------------------------------------------- layout

    private Node periodBar() {
        byQuarter.setId("payments-kind-quarter");
        byMonth.setId("payments-kind-month");
        for (ToggleButton b : List.of(byQuarter, byMonth)) {
            b.setToggleGroup(kinds);
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        byQuarter.getStyleClass().add("left-pill");
        byMonth.getStyleClass().add("right-pill");
        HBox kind = new HBox(byQuarter, byMonth);
        kind.getStyleClass().add("segmented");
        LocalDate today = payments.today();
        for (int y = today.getYear() - 5; y <= today.getYear() + 1; y++) {
            year.getItems().add(y);
        }
        year.setId("payments-year");
        year.setValue(today.getYear());
        year.setMinWidth(Region.USE_PREF_SIZE);
        year.setAccessibleText("Année");
        part.setId("payments-part");
        part.setMinWidth(150);
        part.setAccessibleText("Trimestre ou mois");
        byQuarter.setSelected(true);
        setParts(false, (today.getMonthValue() - 1) / 3 + 1);
        kinds.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) {
                // a click on the kind already chosen keeps it
                kinds.selectToggle(was);
                return;
            }
            boolean monthly = is == byMonth;
            if (monthly == part.getItems().size() > 4) {
                return;
            }
            Integer n = part.getValue();
            // a quarter becomes its first month, a month its quarter
            setParts(monthly, n == null ? 1 : monthly ? (n - 1) * 3 + 1 : (n - 1) / 3 + 1);
        });
        year.valueProperty().addListener((o, a, b) -> showIssueState());
        part.valueProperty().addListener((o, a, b) -> showIssueState());

        prepare.setId("payments-prepare-button");
        prepare.getStyleClass().add("accent");
        prepare.setMinWidth(Region.USE_PREF_SIZE);
        prepare.setTooltip(new Tooltip("Préparer la période choisie (Ctrl+Entrée) : rien n'est enregistré"));
        prepare.setOnAction(e -> prepare());
        busy.setMaxSize(20, 20);
        busy.setPrefSize(20, 20);
        busyText.getStyleClass().add("text-muted");
        busyText.setId("payments-busy");
        Forms.show(busy, false);
        Forms.show(busyText, false);
        Label label = new Label("Période");
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(part);
        HBox chooser = new HBox(10, label, kind, year, part, prepare, busy, busyText);
        chooser.setAlignment(Pos.CENTER_LEFT);
        filter.setId("payments-unit-filter");
        filter.setPromptText("Patient, épisode ou projet (Ctrl+F)");
        filter.setPrefWidth(300);
        filter.textProperty().addListener((o, a, b) -> applyFilter());
        unitCount.setId("payments-unit-count");
        unitCount.getStyleClass().add("text-muted");
        unitCount.setMinWidth(Region.USE_PREF_SIZE);
        HBox search = new HBox(10, filter, unitCount);
        search.setAlignment(Pos.CENTER_LEFT);
        // one line in a wide window; the filter goes below the period in a narrow one
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(28, 8, chooser, search);
        bar.setAlignment(Pos.CENTER_LEFT);

        message.setId("payments-message");
        message.getStyleClass().add("form-messages");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        Forms.show(message, false);
        return bar;
    }

    private void setParts(boolean monthly, int selected) {
        part.getItems().setAll(monthly ? List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) : List.of(1, 2, 3, 4));
        Forms.labelled(part, n -> monthly ? Month.of(n).getDisplayName(TextStyle.FULL_STANDALONE, Locale.FRANCE)
                : (n == 1 ? "1er" : n + "e") + " trimestre");
        part.setValue(selected);
    }

    /** The period the chooser shows. */
    Period chosen() {
        int y = year.getValue();
        int n = part.getValue() == null ? 1 : part.getValue();
        return byMonth.isSelected() ? Period.month(YearMonth.of(y, n)) : Period.quarter(y, n);
    }

    private Node unitList() {
        unitTable.setId("payments-units");
        TableColumn<PayableUnit, PayableUnit> state = column("État", 44);
        state.setComparator(Comparator.comparing(this::state));
        state.setCellFactory(c -> new TableCell<>() {
            {
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
                setAlignment(Pos.CENTER);
            }

            @Override
            protected void updateItem(PayableUnit u, boolean empty) {
                super.updateItem(u, empty);
                if (empty || u == null) {
                    setGraphic(null);
                    setText(null);
                    setTooltip(null);
                    return;
                }
                PaymentsTexts.State s = state(u);
                setGraphic(s.icon());
                // kept as the cell's text (not shown) for screen readers and tests
                setText(s.label);
                setTooltip(new Tooltip(s.label));
            }
        });
        TableColumn<PayableUnit, PayableUnit> episode = column("Épisode", 180);
        episode.setComparator(Comparator.comparing(PayableUnit::episodeReference));
        episode.setCellFactory(c -> ProjectCells.twoLines(PayableUnit::episodeReference, u -> u.episode().patientName(), null));
        TableColumn<PayableUnit, PayableUnit> service = column("Prestation", 170);
        service.setComparator(Comparator.comparing(PayableUnit::serviceEnd));
        service.setCellFactory(c -> ProjectCells.twoLines(u -> PaymentsTexts.dates(u.serviceStart(), u.serviceEnd()), PaymentsTexts::sequenceShort, null));
        TableColumn<PayableUnit, PayableUnit> project = column("Projet", 115);
        project.setComparator(Comparator.comparing((PayableUnit u) -> u.episode().projectReference()).thenComparing(u -> u.channel().name()));
        project.setCellFactory(c -> ProjectCells.twoLines(u -> u.episode().projectReference(), u -> PaymentsTexts.channel(u.channel()), null));
        TableColumn<PayableUnit, PayableUnit> due = column("Dû", 90);
        due.setComparator(Comparator.comparing(u -> u.dueCents() == null ? -1 : u.dueCents()));
        due.setCellFactory(c -> amountCell(u -> u.dueCents(), u -> u.dueCents() == null));
        TableColumn<PayableUnit, PayableUnit> split = column("Réparti", 90);
        split.setComparator(Comparator.comparing(PayableUnit::sharesTotal));
        split.setCellFactory(c -> amountCell(u -> u.sharesTotal(), u -> u.dueCents() != null && u.sharesTotal() != u.dueCents()));
        unitTable.getColumns().setAll(List.of(state, episode, service, project, due, split));
        fitColumns(unitTable);
        unitTable.setFixedCellSize(46);
        SortedList<PayableUnit> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(unitTable.comparatorProperty());
        unitTable.setItems(sorted);
        unitTable.setPlaceholder(ProjectCells.placeholder("Choisissez une période puis « Préparer » (Ctrl+Entrée)."));
        unitTable.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> showUnit(is));
        unitTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && selected() != null) {
                editSplit();
                e.consume();
            }
        });
        unitTable.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && selected() != null) {
                editSplit();
            }
        });

        paidTable.setId("payments-paid-table");
        TableColumn<PayableUnit, PayableUnit> paidEpisode = column("Épisode", 175);
        paidEpisode.setComparator(Comparator.comparing(PayableUnit::episodeReference));
        paidEpisode.setCellFactory(c -> ProjectCells.twoLines(PayableUnit::episodeReference, u -> u.episode().patientName(), null));
        TableColumn<PayableUnit, PayableUnit> paidService = column("Prestation", 170);
        paidService.setComparator(Comparator.comparing(PayableUnit::serviceEnd));
        paidService.setCellFactory(c -> ProjectCells.twoLines(u -> PaymentsTexts.dates(u.serviceStart(), u.serviceEnd()),
                PaymentsTexts::sequenceShort, null));
        TableColumn<PayableUnit, PayableUnit> paidDue = column("Dû", 97);
        paidDue.setComparator(Comparator.comparing(u -> u.dueCents() == null ? -1 : u.dueCents()));
        paidDue.setCellFactory(c -> amountCell(u -> u.dueCents(), u -> false));
        TableColumn<PayableUnit, PayableUnit> paidBy = column("Payée par l'ordre", 150);
        paidBy.setComparator(Comparator.comparing(PayableUnit::paidBy));
        paidBy.setCellFactory(c -> ProjectCells.twoLines(PayableUnit::paidBy, u -> u.episode().projectReference(), null));
        paidTable.getColumns().setAll(List.of(paidEpisode, paidService, paidDue, paidBy));
        fitColumns(paidTable);
        paidTable.setFixedCellSize(46);
        paidTable.setPrefHeight(46 * 3 + 34);
        paidTable.setMinHeight(46 * 2 + 34);
        paidTable.setPlaceholder(ProjectCells.placeholder("Aucune prestation de la période n'est encore payée."));
        paidPane.setId("payments-paid");
        paidPane.setContent(paidTable);
        paidPane.setExpanded(false);
        paidPane.setAnimated(false);
        paidPane.setText("Déjà payées dans la période");

        VBox box = new VBox(8, unitTable, paidPane);
        VBox.setVgrow(unitTable, Priority.ALWAYS);
        box.setPadding(new Insets(2, 20, 10, 20));
        box.setMinHeight(170);
        return box;
    }

    private Node unitDetail() {
        unitTitle.setId("payments-unit-title");
        unitTitle.getStyleClass().add("title-4");
        unitTitle.setWrapText(true);
        unitTitle.setMinHeight(Region.USE_PREF_SIZE);
        unitInfo.setId("payments-unit-info");
        unitInfo.getStyleClass().add("text-muted");
        unitInfo.setWrapText(true);
        unitInfo.setMinHeight(Region.USE_PREF_SIZE);
        editSplit.setId("payments-edit-split");
        editSplit.setMinWidth(Region.USE_PREF_SIZE);
        editSplit.setTooltip(new Tooltip("Changer les parts de cette prestation (Entrée ou double-clic dans la liste)"));
        editSplit.setOnAction(e -> editSplit());

        shares.setId("payments-shares");
        TableColumn<Share, Share> party = column("Partie", 250);
        party.setCellFactory(c -> ProjectCells.twoLines(s -> s.isCoordination() ? "Coordination" : s.professional().displayName(),
                this::payeeText, (s, line) -> line == 1 && ibanMissing(s)));
        party.setMinWidth(150);
        TableColumn<Share, Share> amount = column("Montant", 120);
        amount.setCellFactory(c -> rightTwoLines(s -> PaymentsTexts.money(s.amountCents()), s -> PaymentsTexts.percent(s.percent())));
        amount.setMinWidth(120);
        amount.setMaxWidth(150);
        TableColumn<Share, Share> activity = column("Activité", 140);
        activity.setCellFactory(c -> textCell(s -> s.isCoordination() ? "—" : PaymentsTexts.activity(s.activityCount()),
                s -> !s.isCoordination() && s.activityCount() == 0, false));
        activity.setMinWidth(140);
        activity.setMaxWidth(180);
        shares.getColumns().setAll(List.of(party, amount, activity));
        shares.getColumns().forEach(c -> c.setSortable(false));
        // the party's name gives way first: a narrow window keeps the amounts and the activity whole
        shares.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        shares.setFixedCellSize(44);
        shares.setPlaceholder(ProjectCells.placeholder("Aucune part."));
        shares.setMinHeight(44 * 2 + 32);
        shares.setPrefHeight(44 * 5 + 32);

        unitFindings.setId("payments-unit-findings");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(10, unitTitle, grow, editSplit);
        head.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(unitTitle, Priority.SOMETIMES);
        unitBox.getChildren().setAll(head, unitInfo, shares, unitFindings);
        unitBox.setPadding(new Insets(12, 16, 12, 20));
        ScrollPane scroll = new ScrollPane(unitBox);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setMinWidth(400);
        return scroll;
    }

    private Node findingsPanel() {
        Label title = new Label("Contrôles avant paiement");
        title.getStyleClass().add("title-4");
        findingsSummary.setId("payments-findings-summary");
        findingsSummary.getStyleClass().add("gaps-summary");
        findingsSummary.setWrapText(true);
        findingsSummary.setMinHeight(Region.USE_PREF_SIZE);
        findingsList.setId("payments-findings");
        VBox box = new VBox(8, title, findingsSummary, findingsList);
        box.setPadding(new Insets(12, 16, 16, 16));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setId("payments-findings-scroll");
        scroll.setMinWidth(280);
        return scroll;
    }

    private Node issueBar() {
        ordersTitle.getStyleClass().add("title-4");
        ordersTitle.setWrapText(true);
        ordersTitle.setMinHeight(Region.USE_PREF_SIZE);
        ordersTitle.setId("payments-orders-title");
        groups.setId("payments-groups");
        total.setId("payments-total");
        total.getStyleClass().add("payment-total");
        total.setMinWidth(Region.USE_PREF_SIZE);
        VBox left = new VBox(4, ordersTitle, groups);
        HBox.setHgrow(left, Priority.ALWAYS);
        why.setId("payments-issue-why");
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        why.getStyleClass().add("payment-why");
        why.setMaxWidth(380);
        issue.setId("payments-issue");
        issue.getStyleClass().add("success");
        issue.setMinWidth(Region.USE_PREF_SIZE);
        issue.setOnAction(e -> issue());
        HBox action = new HBox(12, total, issue);
        action.setAlignment(Pos.CENTER_RIGHT);
        VBox right = new VBox(6, action, why);
        right.setAlignment(Pos.CENTER_RIGHT);
        right.setMinWidth(280);
        HBox bar = new HBox(20, left, right);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("payments-issue-bar");
        bar.setPadding(new Insets(10, 20, 12, 20));
        return bar;
    }

    // ---------------------------------------------------------------- preparing

    /** Prepares the period chosen, off the JavaFX thread. */
    void prepare() {
        prepare(chosen(), null);
    }

    /** Read again when the section is shown: the team, the agenda or the splits may have changed elsewhere. */
    void reload() {
        if (shown != null && !working) {
            prepare(shown.period(), null);
        }
    }

    private void prepare(Period period, String done) {
        prepare(period, done, true);
    }

    /** Prepares {@code period}, then shows {@code done} (or clears the message when null). */
    private void prepare(Period period, String done, boolean success) {
        long load = loads.incrementAndGet();
        setWorking(true, "Préparation de la période « " + period.label() + " »…");
        Background.run("payments-prepare", () -> payments.prepare(period), prep -> {
            if (load != loads.get()) {
                return;
            }
            setWorking(false, null);
            show(prep);
            if (done != null) {
                say(done, success);
            } else {
                Forms.show(message, false);
            }
        }, error -> {
            if (load != loads.get()) {
                return;
            }
            setWorking(false, null);
            say("La période n'a pas pu être préparée : " + ProjectDialogs.describe(error), false);
        });
    }

    private void setWorking(boolean on, String text) {
        working = on;
        prepare.setDisable(on);
        Forms.show(busy, on);
        Forms.show(busyText, on);
        busyText.setText(text == null ? "" : text);
        showIssueState();
    }

    /** Shows a preparation (null: nothing prepared yet), keeping the unit chosen when it is still there. */
    private void show(Preparation prep) {
        String keep = selected() == null ? null : selected().key();
        shown = prep;
        units.setAll(prep == null ? List.of() : prep.units());
        applyFilter();
        paidTable.getItems().setAll(prep == null ? List.of() : prep.alreadyPaid());
        paidPane.setText("Déjà payées dans la période (" + (prep == null ? 0 : prep.alreadyPaid().size()) + ")");
        ordersTitle.setText(prep == null ? "Ordres à émettre" : "Ordres à émettre — " + prep.period().label());
        unitTable.setPlaceholder(ProjectCells.placeholder(prep == null ? "Choisissez une période puis « Préparer » (Ctrl+Entrée)."
                : "Aucune prestation à payer pour la période « " + prep.period().label() + " » : aucun épisode ni séquence terminé "
                + "dans la période n'attend de paiement" + (prep.alreadyPaid().isEmpty() ? "." : " (voir « Déjà payées » ci-dessous).")));
        showFindings(prep);
        showGroups(prep);
        PayableUnit again = units.stream().filter(u -> u.key().equals(keep)).findFirst()
                .orElse(unitTable.getItems().isEmpty() ? null : unitTable.getItems().getFirst());
        if (again != null) {
            unitTable.getSelectionModel().select(again);
            unitTable.scrollTo(again);
        } else {
            unitTable.getSelectionModel().clearSelection();
        }
        showUnit(again);
        showIssueState();
    }

    private void applyFilter() {
        List<String> words = List.of(SearchKey.of(filter.getText()).split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
        filtered.setPredicate(u -> words.stream().allMatch(w -> SearchKey.of(u.episodeReference(), u.episode().patientName(),
                u.episode().projectReference(), u.sequenceLabel() == null ? "" : u.sequenceLabel()).contains(w)));
        int n = filtered.size();
        unitCount.setText(units.isEmpty() ? "" : n == units.size() ? PaymentsTexts.plural(n, "prestation", "prestations")
                : n + " sur " + units.size());
    }

    private PaymentsTexts.State state(PayableUnit u) {
        return shown == null ? PaymentsTexts.State.OK : PaymentsTexts.State.of(shown.findingsOf(u));
    }

    private PayableUnit selected() {
        return unitTable.getSelectionModel().getSelectedItem();
    }

    private void showUnit(PayableUnit u) {
        if (u == null) {
            unitTitle.setText("Aucune prestation choisie");
            unitInfo.setText(shown == null ? "Préparez une période pour voir ce qu'elle paierait."
                    : "Choisissez une prestation dans la liste pour voir sa répartition.");
            shares.getItems().clear();
            unitFindings.getChildren().clear();
            editSplit.setDisable(true);
            return;
        }
        unitTitle.setText(u.episodeReference() + " — " + u.episode().patientName());
        String split = u.modulated() ? "répartition modulée par la coordination" + (u.splitNote() == null ? "" : " : « " + u.splitNote() + " »")
                : "répartition par défaut du type de PCR";
        unitInfo.setText(PaymentsTexts.sequence(u) + " · profil " + u.episode().profileCode() + " · du " + Forms.date(u.serviceStart())
                + " au " + Forms.date(u.serviceEnd()) + " · " + PaymentsTexts.channelLong(u.channel()).toLowerCase(Locale.FRENCH)
                + "\nDû " + PaymentsTexts.money(u.dueCents()) + ", réparti " + PaymentsTexts.money(u.sharesTotal()) + " · " + split);
        shares.getItems().setAll(u.shares());
        shares.setPrefHeight(44 * Math.max(2, u.shares().size()) + 42);
        editSplit.setDisable(u.dueCents() == null);
        unitFindings.getChildren().clear();
        for (Finding f : shown.findingsOf(u)) {
            unitFindings.getChildren().add(findingLine(f, false));
        }
    }

    /** « Médecin · IBAN FR76 •••• 0132 », « Psychologue · versé à son employeur Clinique du Parc · … », « Structure … ». */
    private String payeeText(Share s) {
        String who = s.isCoordination() ? s.payeeName()
                : s.professional().professionLabel() + (s.payeeKind() == fr.coordo.payment.PayeeKind.EMPLOYEUR
                ? " · versé à son employeur " + s.payeeName() : "");
        String residue = s.residue() ? " · reliquat des centimes" : "";
        if (selected() != null && selected().channel() == fr.coordo.pathway.PaymentChannel.CPAM) {
            return who + " · versé par la CPAM" + residue;
        }
        return who + " · " + (s.iban() == null || s.iban().isBlank() ? "IBAN absent" : "IBAN " + PaymentsTexts.maskedIban(s.iban())) + residue;
    }

    private boolean ibanMissing(Share s) {
        return (s.iban() == null || s.iban().isBlank()) && selected() != null && selected().channel() == fr.coordo.pathway.PaymentChannel.STRUCTURE;
    }

    private void showFindings(Preparation prep) {
        findingsList.getChildren().clear();
        findingsSummary.getStyleClass().removeAll("ok", "todo", "steps");
        if (prep == null) {
            findingsSummary.setText("Les contrôles sont faits à la préparation.");
            findingsSummary.getStyleClass().add("steps");
            return;
        }
        List<Finding> blocking = byUnit(prep, prep.blocking());
        List<Finding> warnings = byUnit(prep, prep.warnings());
        if (prep.units().isEmpty()) {
            findingsSummary.setText("Rien à contrôler : aucune prestation à payer.");
            findingsSummary.getStyleClass().add("steps");
        } else if (blocking.isEmpty() && warnings.isEmpty()) {
            findingsSummary.setText("Tous les contrôles sont passés.");
            findingsSummary.getStyleClass().add("ok");
        } else if (blocking.isEmpty()) {
            findingsSummary.setText("Aucun point bloquant ; " + PaymentsTexts.plural(warnings.size(), "avertissement", "avertissements")
                    + " à confirmer à l'émission.");
            findingsSummary.getStyleClass().add("steps");
        } else {
            findingsSummary.setText(PaymentsTexts.plural(blocking.size(), "point bloquant", "points bloquants") + " à corriger avant d'émettre"
                    + (warnings.isEmpty() ? "." : ", " + PaymentsTexts.plural(warnings.size(), "avertissement", "avertissements") + " à confirmer."));
            findingsSummary.getStyleClass().add("todo");
        }
        int n = 0;
        for (boolean block : List.of(true, false)) {
            List<Finding> list = block ? blocking : warnings;
            if (list.isEmpty()) {
                continue;
            }
            PaymentsTexts.State s = block ? PaymentsTexts.State.BLOCKING : PaymentsTexts.State.WARNING;
            Label head = new Label((block ? "Bloquant" : "À confirmer") + " (" + list.size() + ")");
            head.getStyleClass().add("gap-group-title");
            HBox title = new HBox(8, s.icon(), head);
            title.setAlignment(Pos.CENTER_LEFT);
            VBox group = new VBox(2, title);
            group.setId("payments-findings-" + (block ? "blocking" : "warnings"));
            for (Finding f : list) {
                Node line = findingLine(f, true);
                line.setId("payments-finding-" + n++);
                group.getChildren().add(line);
            }
            findingsList.getChildren().add(group);
        }
    }

    /** In the order of the units in the list; the period's own findings first. */
    private static List<Finding> byUnit(Preparation prep, List<Finding> findings) {
        List<String> order = prep.units().stream().map(PayableUnit::key).toList();
        return findings.stream().sorted(Comparator.comparing((Finding f) -> f.unitKey() == null ? -1 : order.indexOf(f.unitKey()))).toList();
    }

    /** One finding as its French sentence; in the period's panel, a link to its unit. */
    private Node findingLine(Finding f, boolean link) {
        Label text = new Label(f.message());
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.getStyleClass().add("payment-finding-text");
        HBox box = new HBox(8, text);
        HBox.setHgrow(text, Priority.ALWAYS);
        box.getStyleClass().addAll("gap-line", "payment-finding", f.blocking() ? "blocking" : "warning");
        if (!link) {
            box.getChildren().addFirst((f.blocking() ? PaymentsTexts.State.BLOCKING : PaymentsTexts.State.WARNING).icon());
            box.setAlignment(Pos.TOP_LEFT);
            box.setPadding(new Insets(2, 4, 2, 0));
            return box;
        }
        box.setPadding(new Insets(3, 4, 3, 24));
        if (f.unitKey() != null) {
            box.getStyleClass().add("clickable");
            box.setFocusTraversable(true);
            box.setAccessibleRole(AccessibleRole.HYPERLINK);
            box.setAccessibleText(f.message());
            Tooltip.install(box, new Tooltip("Voir cette prestation et sa répartition"));
            box.setOnMouseClicked(e -> open(f));
            box.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                    open(f);
                    e.consume();
                }
            });
        }
        return box;
    }

    /** A finding clicked: its unit chosen in the list, and the professional's share when it names one. */
    private void open(Finding f) {
        PayableUnit u = units.stream().filter(x -> x.key().equals(f.unitKey())).findFirst().orElse(null);
        if (u == null) {
            return;
        }
        if (!filtered.contains(u)) {
            filter.clear();
        }
        unitTable.getSelectionModel().select(u);
        unitTable.scrollTo(u);
        if (f.professionalId() != null) {
            shares.getItems().stream().filter(s -> Objects.equals(s.professionalId(), f.professionalId())).findFirst()
                    .ifPresent(s -> shares.getSelectionModel().select(s));
        }
        unitTable.requestFocus();
    }

    private void showGroups(Preparation prep) {
        groups.getChildren().clear();
        if (prep == null || prep.units().isEmpty()) {
            Label none = new Label(prep == null ? "Préparez une période pour voir les ordres qu'elle ferait." : "Aucun ordre : rien à payer.");
            none.getStyleClass().add("text-muted");
            groups.getChildren().add(none);
            total.setText("");
            return;
        }
        int i = 0;
        for (Preparation.Group g : prep.groups()) {
            Label line = new Label(g.projectReference() + " (" + PaymentsTexts.channel(g.channel()).toLowerCase(Locale.FRENCH) + ") : "
                    + PaymentsTexts.plural(g.units().size(), "prestation", "prestations") + ", " + PaymentsTexts.money(g.totalCents()));
            line.setId("payments-group-" + i++);
            line.setWrapText(true);
            groups.getChildren().add(line);
        }
        total.setText(PaymentsTexts.plural(prep.groups().size(), "ordre", "ordres") + " · " + PaymentsTexts.money(prep.totalCents()));
    }

    /** The issue button and the reason it cannot be used, if any. */
    private void showIssueState() {
        String reason;
        if (working) {
            reason = "Préparation en cours…";
        } else if (shown == null) {
            reason = "Préparez d'abord une période.";
        } else if (!shown.period().equals(chosen())) {
            reason = "Période changée : préparez « " + chosen().label() + " » (Ctrl+Entrée) avant d'émettre.";
        } else if (shown.units().isEmpty()) {
            reason = "Aucune prestation à payer pour cette période.";
        } else if (!shown.blocking().isEmpty()) {
            reason = "Émission impossible : " + PaymentsTexts.plural(shown.blocking().size(), "point bloquant", "points bloquants")
                    + " à corriger.";
        } else {
            reason = shown.warnings().isEmpty() ? null
                    : PaymentsTexts.plural(shown.warnings().size(), "avertissement", "avertissements") + " à confirmer à l'émission.";
        }
        boolean can = !working && shown != null && shown.period().equals(chosen()) && shown.canIssue();
        issue.setDisable(!can);
        why.setText(reason == null ? "" : reason);
        why.getStyleClass().remove("blocked");
        if (!can) {
            why.getStyleClass().add("blocked");
        }
        Forms.show(why, reason != null);
    }

    // ---------------------------------------------------------------- the split

    private void editSplit() {
        PayableUnit u = selected();
        if (u == null || u.dueCents() == null || working) {
            return;
        }
        Background.run("payments-team", () -> team(u), team -> {
            if (PaymentsSplitDialog.edit(owner, payments, u, team)) {
                prepare(shown.period(), "Répartition de " + u.episodeReference() + " enregistrée ; la période est préparée de nouveau.");
            }
        }, error -> say("L'équipe du projet n'a pas pu être lue : " + ProjectDialogs.describe(error), false));
    }

    /** The projet's signed team at the end of the service: who may receive a share. */
    private List<Professional> team(PayableUnit u) {
        Project p = projects.find(u.episode().projectId()).orElseThrow();
        ProjectVersion v = p.inForce(u.serviceEnd()).orElse(p.current());
        return v.members().stream().map(ProjectVersion.Member::professional)
                .sorted(Comparator.comparing(Professional::professionLabel).thenComparing(Professional::displayName)).toList();
    }

    // ---------------------------------------------------------------- issuing

    private void issue() {
        Preparation prep = shown;
        if (prep == null || !prep.canIssue() || working || !confirmIssue(prep)) {
            return;
        }
        setWorking(true, "Émission des ordres…");
        Background.run("payments-issue", () -> payments.issue(prep, true), orders -> {
            setWorking(false, null);
            String numbers = orders.stream().map(PaymentOrder::number).collect(Collectors.joining(", "));
            issued.accept(orders);
            prepare(prep.period(), (orders.size() > 1 ? orders.size() + " ordres émis : " : "Ordre émis : ") + numbers
                    + ". Enregistrez-les ou imprimez-les dans l'onglet « Ordres émis ».");
        }, error -> {
            setWorking(false, null);
            // prepared again, so that what changed meanwhile is shown with the reason of the refusal
            prepare(prep.period(), "Aucun ordre n'a été émis :\n" + ProjectDialogs.describe(error).lines().map(l -> "• " + l)
                    .collect(Collectors.joining("\n")), false);
        });
    }

    /** Lists the orders to make and the warnings to confirm; true when the coordinator issues. */
    private boolean confirmIssue(Preparation prep) {
        GridPane orders = new GridPane();
        orders.setHgap(16);
        orders.setVgap(4);
        int row = 0;
        for (Preparation.Group g : prep.groups()) {
            Label what = new Label(g.projectReference() + " · " + PaymentsTexts.channelLong(g.channel()));
            Label count = new Label(PaymentsTexts.plural(g.units().size(), "prestation", "prestations"));
            Label amount = new Label(PaymentsTexts.money(g.totalCents()));
            amount.setMinWidth(Region.USE_PREF_SIZE);
            orders.addRow(row++, what, count, amount);
        }
        Label sum = new Label("Total : " + PaymentsTexts.money(prep.totalCents()) + " pour " + PaymentsTexts.plural(prep.units().size(),
                "prestation", "prestations") + " de la période « " + prep.period().label() + " ».");
        sum.setId("issue-confirm-total");
        sum.getStyleClass().add("payment-total");
        sum.setWrapText(true);
        VBox content = new VBox(10, orders, sum);
        if (!prep.warnings().isEmpty()) {
            Label head = new Label("En émettant, vous confirmez " + (prep.warnings().size() > 1 ? "ces " + prep.warnings().size()
                    + " avertissements :" : "cet avertissement :"));
            head.getStyleClass().add("gap-group-title");
            VBox list = new VBox(4);
            list.setId("issue-confirm-warnings");
            for (Finding f : byUnit(prep, prep.warnings())) {
                Label l = new Label("• " + f.message());
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
                list.getChildren().add(l);
            }
            ScrollPane scroll = new ScrollPane(list);
            scroll.setFitToWidth(true);
            scroll.setPrefViewportHeight(Math.min(220, 50.0 * prep.warnings().size()));
            scroll.getStyleClass().add("edge-to-edge");
            content.getChildren().addAll(head, scroll);
        }
        Label note = EpisodeDialogs.muted("Un ordre émis ne change plus : une erreur se corrige par un ordre d'annulation, puis un nouvel "
                + "ordre. Les numéros sont attribués à l'émission, sans trou dans l'année.");
        content.getChildren().add(note);
        content.setPrefWidth(640);
        int n = prep.groups().size();
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Émettre les ordres de paiement");
        d.setHeaderText("Émettre " + (n > 1 ? n + " ordres de paiement" : "1 ordre de paiement") + " pour la période « "
                + prep.period().label() + " » ?");
        d.getDialogPane().setContent(content);
        d.getDialogPane().setId("issue-confirm");
        d.getDialogPane().setStyle("-fx-max-width: 720px;");
        ButtonType yes = new ButtonType(prep.warnings().isEmpty() ? (n > 1 ? "Émettre les " + n + " ordres" : "Émettre l'ordre")
                : "Confirmer et émettre", ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType("Revenir", ButtonBar.ButtonData.CANCEL_CLOSE);
        d.getDialogPane().getButtonTypes().setAll(yes, no);
        d.getDialogPane().lookupButton(yes).setId("issue-confirm-ok");
        d.setResizable(true);
        return d.showAndWait().filter(b -> b == yes).isPresent();
    }

    // ---------------------------------------------------------------- building blocks

    private void say(String text, boolean success) {
        Forms.say(message, text, success);
    }

    private void installShortcuts() {
        javafx.event.EventHandler<KeyEvent> keys = e -> {
            if (!PaymentsView.showing(this)) {
                return;
            }
            if (PREPARE.match(e)) {
                e.consume();
                if (!working) {
                    prepare();
                }
            } else if (FIND.match(e)) {
                e.consume();
                filter.requestFocus();
                filter.selectAll();
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

    static <T> TableColumn<T, T> column(String title, double width) {
        TableColumn<T, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setPrefWidth(width);
        return c;
    }

    /** An amount, right-aligned; {@code alarm} puts it in the danger colour. */
    private static TableCell<PayableUnit, PayableUnit> amountCell(Function<PayableUnit, Long> cents, java.util.function.Predicate<PayableUnit> alarm) {
        return textCell(u -> PaymentsTexts.money(cents.apply(u)), alarm, true);
    }

    /** An amount with a muted line below, right-aligned. */
    static <T> TableCell<T, T> rightTwoLines(Function<T, String> first, Function<T, String> second) {
        return new TableCell<>() {
            private final Label one = new Label();
            private final Label two = new Label();
            private final VBox lines = new VBox(1, one, two);

            {
                one.getStyleClass().add("cell-main");
                two.getStyleClass().add("cell-detail");
                lines.setAlignment(Pos.CENTER_RIGHT);
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                one.setText(first.apply(item));
                two.setText(second.apply(item));
                // kept as the cell's text (not shown) for screen readers and tests
                setText(one.getText() + " — " + two.getText());
                setGraphic(lines);
            }
        };
    }

    static <T> TableCell<T, T> textCell(Function<T, String> text, java.util.function.Predicate<T> alarm, boolean right) {
        return new TableCell<>() {
            {
                if (right) {
                    setAlignment(Pos.CENTER_RIGHT);
                }
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("text-danger");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(text.apply(item));
                if (alarm.test(item)) {
                    getStyleClass().add("text-danger");
                }
            }
        };
    }

    /**
     * Columns that fill the table when it is wide enough; narrower, they keep their designed widths and the table scrolls
     * sideways rather than cutting names and amounts.
     */
    static void fitColumns(TableView<?> table) {
        double[] widths = table.getColumns().stream().mapToDouble(TableColumn::getPrefWidth).toArray();
        table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        double needed = java.util.Arrays.stream(widths).sum() + 20;
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.widthProperty().addListener((o, was, is) -> {
            boolean wide = is.doubleValue() >= needed;
            if (wide != (table.getColumnResizePolicy() == TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS)) {
                for (int i = 0; i < widths.length; i++) {
                    table.getColumns().get(i).setPrefWidth(widths[i]);
                }
                table.setColumnResizePolicy(wide ? TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS : TableView.UNCONSTRAINED_RESIZE_POLICY);
            }
        });
    }
}
