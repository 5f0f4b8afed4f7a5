package fr.coordo.ui;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.identity.SearchKey;
import fr.coordo.pathway.Gap;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.pathway.PcrTypeService;
import fr.coordo.pathway.PcrTypeVersion;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectInput;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.store.Database;
import fr.coordo.team.Profession;
import fr.coordo.team.Professional;
import fr.coordo.team.Professions;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The projets de parcours: on the left the list and the « Vérification » of the projet chosen, on the right that
 * projet — its header and the actions its status allows, the form, the team with its signatures and Ordre
 * notifications, and the history of its versions. Ctrl+N starts a projet, Ctrl+S saves it.
 */
final class ProjectsPane extends BorderPane {
    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final double TEAM_ROW = 50;
    /** Below this width the list and the verification go above the projet. */
    private static final double COMPACT_BELOW = 1000;

    /** What one reading of the database gives the pane. */
    private record Loaded(List<Project> projects, Map<Integer, List<Gap>> gaps, StructureInput structure, List<Professional> team,
                          List<PcrTypeVersion> types, LocalDate today) {}

    /** One line of the team as edited: the professional as recorded now, and what the projet says of him. */
    private static final class TeamRow {
        Professional professional;
        String role;
        List<String> sequences;
        /** The member as saved, with his signature and notification; null for a line not saved yet. */
        ProjectVersion.Member saved;

        TeamRow(Professional professional, String role, List<String> sequences, ProjectVersion.Member saved) {
            this.professional = professional;
            this.role = role;
            this.sequences = sequences;
            this.saved = saved;
        }

        int id() {
            return professional.id();
        }

        LocalDate signedOn() {
            return saved == null ? null : saved.signedOn();
        }

        LocalDate notifiedOn() {
            return saved == null ? null : saved.ordreNotifiedOn();
        }

        Optional<String> ordre() {
            return Professions.byCode(professional.professionCode()).map(Profession::professionalOrder).filter(o -> o != null && !o.isBlank());
        }
    }

    private final Workspace ws;
    private final Window owner;
    private final ProjectService projects;
    private final PcrTypeService types;
    private final TeamService teamService;
    private final StructureService structures;

    private final ObservableList<Project> all = FXCollections.observableArrayList();
    private final FilteredList<Project> filtered = new FilteredList<>(all);
    private final TableView<Project> list = new TableView<>();
    private final TextField filter = new TextField();
    private final Label listCount = new Label();
    private final ProjectGapsPanel gapsPanel = new ProjectGapsPanel(this::openGap);

    private final VBox listBox = new VBox(10);
    private final ScrollPane verification = new ScrollPane(gapsPanel);
    private final SplitPane split = new SplitPane();
    /** Null until arranged; true when the pane is too narrow for three columns. */
    private Boolean compact;

    private final StackPane detailHolder = new StackPane();
    private final BorderPane detail = new BorderPane();
    private final Label heading = new Label();
    private final Label versionLabel = new Label();
    private final Label badge = new Label();
    private final Label typeLine = new Label();
    private final Label windowLine = new Label();
    private final Label banner = new Label();
    private final Label messages = new Label();
    private final Label dirtyNote = new Label("Modifications non enregistrées");
    private final Button save = button("project-save", "Enregistrer");
    private final Button ready = button("project-ready", "Prêt à signer");
    private final Button backToDraft = button("project-back-to-draft", "Revenir au brouillon…");
    private final Button transmit = button("project-transmit", "Transmettre à l'ARS et à la CPAM…");
    private final Button decision = button("project-decision", "Décision de l'ARS…");
    private final Button newVersion = button("project-new-version", "Nouvelle version…");
    private final Button delete = button("project-delete", "Supprimer le brouillon…");
    private final Button pdf = button("project-pdf", "Dossier PDF…");
    private final Button print = button("project-print", "Imprimer…");
    private final StackPane transmitHolder = new StackPane(transmit);
    private final StackPane pdfHolder = new StackPane(pdf);
    private final StackPane printHolder = new StackPane(print);

    private final ComboBox<PcrTypeVersion> type = new ComboBox<>();
    private final DatePicker start = Forms.datePicker("project-start");
    private final TextField patients = new TextField();
    private final TextField territory = new TextField();
    private final ComboBox<PaymentChannel> channel = new ComboBox<>();
    private final Label typeNote = new Label();

    private final ObservableList<TeamRow> rows = FXCollections.observableArrayList();
    private final TableView<TeamRow> teamTable = new TableView<>(rows);
    private final Button addMembers = button("project-add-members", "Ajouter des professionnels…");
    private final Button editMember = button("project-edit-member", "Rôle et séquences…");
    private final Button removeMember = button("project-remove-member", "Retirer");
    private final FlowPane teamButtons = new FlowPane(8, 8);
    private final Label teamNote = new Label();
    private final Label representative = new Label();
    private final Button representativeSign = button("project-sign-representative", "Signé le…");


    private final TabPane tabs = new TabPane();
    private final Tab formTab;
    private final Tab teamTab;
    private final Tab historyTab;
    private final ProjectHistoryTab history;

    private Loaded data;
    private Project shown;
    /** True while the pane fills its fields: those changes are not the user's. */
    private boolean filling;
    private boolean dirty;
    private EventHandler<KeyEvent> shortcuts;
    private final java.util.concurrent.atomic.AtomicLong loads = new java.util.concurrent.atomic.AtomicLong();

    ProjectsPane(Workspace ws, Window owner) {
        this.ws = ws;
        this.owner = owner;
        Database db = ws.database();
        this.projects = new ProjectService(db);
        this.types = new PcrTypeService(db);
        this.teamService = new TeamService(db);
        this.structures = new StructureService(db);
        setId("projects-pane");
        getStylesheets().add(ProjectsPane.class.getResource("projects.css").toExternalForm());

        formTab = new Tab("Projet", scroll(formContent()));
        formTab.setId("project-tab-form");
        teamTab = new Tab("Équipe et signatures", teamContent());
        teamTab.setId("project-tab-team");
        history = new ProjectHistoryTab(projects, this::today, error -> say(error, false));
        historyTab = new Tab("Historique", history);
        historyTab.setId("project-tab-history");
        tabs.getTabs().setAll(formTab, teamTab, historyTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("project-tabs");

        detail.setTop(header());
        detail.setCenter(tabs);
        detail.setMinWidth(520);
        Label none = new Label("Choisissez un projet dans la liste, ou créez-en un avec « Nouveau projet… » (Ctrl+N).");
        none.setWrapText(true);
        none.getStyleClass().add("text-muted");
        none.setId("project-none");
        StackPane.setMargin(none, new Insets(24));
        StackPane.setAlignment(none, Pos.TOP_LEFT);
        detailHolder.getChildren().setAll(none);

        buildList();
        setCenter(split);
        // A narrow window puts the list and the verification above the projet: the team table keeps its width.
        widthProperty().addListener((o, was, width) -> arrange(width.doubleValue() < COMPACT_BELOW));
        arrange(false);

        installShortcuts();
        load(null, null);
    }

    /** Read again when the section is shown: the team may have been corrected meanwhile, and the gaps with it. */
    void reload() {
        load(shown == null ? null : shown.id(), null);
    }

    // ---------------------------------------------------------------- layout

    /**
     * Wide: the list and the verification in a column on the left of the projet. Compact: side by side above it.
     * The divider is put back each time, so that the projet always gets most of the room.
     */
    private void arrange(boolean compactNow) {
        if (compact != null && compact == compactNow) {
            return;
        }
        compact = compactNow;
        VBox.setVgrow(list, compactNow ? Priority.ALWAYS : Priority.NEVER);
        VBox.setVgrow(verification, compactNow ? Priority.NEVER : Priority.ALWAYS);
        HBox.setHgrow(verification, Priority.ALWAYS);
        Region side;
        if (compactNow) {
            listBox.setPadding(new Insets(12, 0, 8, 16));
            listBox.setMinWidth(320);
            listBox.setPrefWidth(380);
            listBox.setMaxWidth(380);
            // A small preferred width: the verification takes what the list leaves, never the list's room.
            verification.setPrefWidth(120);
            HBox top = new HBox(16, listBox, verification);
            top.setId("project-side");
            top.setMinHeight(170);
            side = top;
            split.setOrientation(Orientation.VERTICAL);
        } else {
            listBox.setPadding(new Insets(16, 10, 0, 16));
            listBox.setMinWidth(Region.USE_COMPUTED_SIZE);
            listBox.setPrefWidth(Region.USE_COMPUTED_SIZE);
            listBox.setMaxWidth(Double.MAX_VALUE);
            verification.setPrefWidth(Region.USE_COMPUTED_SIZE);
            javafx.scene.control.Separator line = new javafx.scene.control.Separator();
            VBox.setMargin(line, new Insets(0, 10, 0, 16));
            VBox column = new VBox(10, listBox, line, verification);
            column.setId("project-side");
            column.setMinWidth(320);
            column.setPrefWidth(380);
            side = column;
            split.setOrientation(Orientation.HORIZONTAL);
        }
        split.getItems().setAll(side, detailHolder);
        SplitPane.setResizableWithParent(side, false);
        split.setDividerPositions(compactNow ? 0.25 : 0.32);
    }

    private void buildList() {
        Button create = button("project-new", "Nouveau projet…");
        create.getStyleClass().add("accent");
        create.setTooltip(new Tooltip("Commencer un projet de parcours (Ctrl+N)"));
        create.setOnAction(e -> newProject());
        filter.setId("project-filter");
        filter.setPromptText("Filtrer");
        filter.setTooltip(new Tooltip("Filtrer les projets par référence, type ou statut"));
        filter.setMinWidth(90);
        filter.textProperty().addListener((o, a, text) -> {
            String key = SearchKey.of(text);
            LocalDate today = today();
            filtered.setPredicate(p -> key.isEmpty() || SearchKey.of(p.reference(), p.type().label(),
                    p.current().status(today).label(), "v" + p.current().version()).contains(key));
            counted();
        });

        list.setId("project-list");
        SortedList<Project> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(list.comparatorProperty());
        list.setItems(sorted);
        TableColumn<Project, Project> project = new TableColumn<>("Projet");
        project.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        project.setComparator(Comparator.comparing(Project::reference));
        project.setCellFactory(c -> ProjectCells.twoLines(Project::reference, p -> p.type().label(), null));
        TableColumn<Project, Project> status = new TableColumn<>("Statut");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        status.setComparator(Comparator.comparing((Project p) -> p.current().status(today()).ordinal())
                .thenComparing(p -> p.current().daysLeft(today()).orElse(Long.MAX_VALUE)));
        status.setCellFactory(c -> new TableCell<>() {
            private final Label label = new Label();
            private final Label detail = new Label();
            private final VBox lines = new VBox(2, label, detail);

            {
                detail.getStyleClass().add("cell-detail");
                lines.setAlignment(Pos.CENTER_LEFT);
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(Project p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                ProjectVersion v = p.current();
                label.setText(v.status(today()).label());
                styleBadge(label, v.status(today()));
                // « v1 · J-23 » while the ARS's window is open.
                detail.setText("v" + v.version() + v.daysLeft(today()).map(d -> " · J-" + d).orElse(""));
                setText(ProjectWording.shortStatus(v, today()) + " — v" + v.version());
                setGraphic(lines);
            }
        });
        project.setPrefWidth(170);
        project.setMinWidth(140);
        status.setPrefWidth(140);
        status.setMinWidth(140);
        status.setMaxWidth(140);
        list.getColumns().setAll(List.of(project, status));
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        list.setFixedCellSize(50);
        list.setPlaceholder(ProjectCells.placeholder("Aucun projet de parcours : créez le premier avec « Nouveau projet… »."));
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> choose(was, now));
        list.setMinHeight(50 + 32);
        list.setPrefHeight(50 * 3 + 32);
        listCount.setId("project-count");
        listCount.getStyleClass().add("text-muted");

        verification.setFitToWidth(true);
        verification.setId("project-verification-scroll");
        verification.getStyleClass().add("edge-to-edge");
        gapsPanel.setPadding(new Insets(10, 12, 12, 16));

        HBox top = new HBox(8, create, filter);
        HBox.setHgrow(filter, Priority.ALWAYS);
        top.setAlignment(Pos.CENTER_LEFT);
        listBox.getChildren().setAll(top, list, listCount);
    }

    private Node header() {
        heading.setId("project-heading");
        heading.getStyleClass().add("title-2");
        heading.setMinWidth(Label.USE_PREF_SIZE);
        versionLabel.setId("project-version");
        versionLabel.getStyleClass().add("text-muted");
        versionLabel.setMinWidth(Label.USE_PREF_SIZE);
        badge.setId("project-status");
        badge.setMinWidth(Label.USE_PREF_SIZE);
        HBox title = new HBox(12, heading, versionLabel, badge);
        title.setAlignment(Pos.CENTER_LEFT);
        typeLine.setId("project-type-line");
        typeLine.getStyleClass().add("text-muted");
        typeLine.setWrapText(true);
        typeLine.setMinHeight(Label.USE_PREF_SIZE);
        windowLine.setId("project-window");
        windowLine.getStyleClass().add("project-window");
        windowLine.setWrapText(true);
        windowLine.setMinHeight(Label.USE_PREF_SIZE);
        banner.setId("project-banner");
        banner.getStyleClass().add("project-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setMinHeight(Label.USE_PREF_SIZE);
        messages.setId("project-messages");
        messages.getStyleClass().add("form-messages");
        messages.setWrapText(true);
        messages.setMinHeight(Label.USE_PREF_SIZE);
        dirtyNote.setId("project-dirty");
        dirtyNote.getStyleClass().add("text-muted");
        dirtyNote.setMinWidth(Label.USE_PREF_SIZE);

        save.getStyleClass().add("accent");
        save.setTooltip(new Tooltip("Enregistrer le projet (Ctrl+S)"));
        save.setOnAction(e -> save());
        ready.getStyleClass().add("accent");
        ready.setOnAction(e -> markReady());
        backToDraft.setOnAction(e -> backToDraft());
        transmit.getStyleClass().add("accent");
        transmit.setOnAction(e -> transmit());
        decision.setOnAction(e -> decide());
        newVersion.setOnAction(e -> newVersion());
        delete.setOnAction(e -> deleteDraft());
        pdf.setOnAction(e -> saveDossier());
        print.setOnAction(e -> printDossier());
        FlowPane actions = new FlowPane(8, 8, save, dirtyNote, ready, backToDraft, transmitHolder, decision, newVersion, delete,
                pdfHolder, printHolder);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setId("project-actions");
        VBox top = new VBox(6, title, typeLine, windowLine, actions, messages, banner);
        VBox.setMargin(actions, new Insets(6, 0, 0, 0));
        top.setPadding(new Insets(16, 20, 10, 16));
        return top;
    }

    private Node formContent() {
        type.setId("project-type");
        Forms.labelled(type, PcrTypeVersion::displayName);
        type.setMaxWidth(Double.MAX_VALUE);
        type.valueProperty().addListener((o, a, t) -> {
            typeNote.setText(t == null ? "" : ProjectDialogs.toCompleteNote(t.type()));
            Forms.show(typeNote, !typeNote.getText().isEmpty());
            if (!filling && t != null) {
                // A séquence the new type does not know would be refused at saving: the member keeps « toutes ».
                for (TeamRow r : rows) {
                    r.sequences = r.sequences.stream().filter(s -> t.type().sequence(s).isPresent()).toList();
                }
                teamTable.refresh();
            }
            edited();
        });
        typeNote.setId("project-type-note");
        typeNote.setWrapText(true);
        typeNote.getStyleClass().add("text-muted");
        Forms.show(typeNote, false);
        start.getEditor().textProperty().addListener((o, a, b) -> edited());
        start.valueProperty().addListener((o, a, b) -> edited());
        patients.setId("project-patients");
        patients.setPrefColumnCount(6);
        patients.setMaxWidth(120);
        patients.setTextFormatter(new TextFormatter<String>(c -> c.getControlNewText().matches("\\d{0,5}") ? c : null));
        patients.textProperty().addListener((o, a, b) -> edited());
        territory.setId("project-territory");
        territory.setPromptText("communes, bassin de vie ou département couverts");
        territory.textProperty().addListener((o, a, b) -> edited());
        channel.setId("project-channel");
        channel.getItems().setAll(PaymentChannel.values());
        Forms.labelled(channel, PaymentChannel::label);
        channel.valueProperty().addListener((o, a, b) -> edited());

        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(10);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grow.setMaxWidth(560);
        g.getColumnConstraints().setAll(label, grow);
        int row = 0;
        g.addRow(row++, Forms.label("Type de PCR", type), type);
        g.add(typeNote, 1, row++);
        g.addRow(row++, Forms.label("Démarrage prévu le", start), start);
        g.addRow(row++, Forms.label("Patients attendus par an", patients), patients);
        g.addRow(row++, Forms.label("Territoire", territory), territory);
        g.addRow(row, Forms.label("Paiement des professionnels", channel), channel);
        Label hint = new Label("La structure, son représentant légal et ses coordonnées bancaires se renseignent dans Paramètres ; "
                + "l'équipe et ses signatures dans l'onglet « Équipe et signatures ».");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        VBox box = new VBox(14, g, hint);
        box.setPadding(new Insets(16, 20, 20, 16));
        return box;
    }

    private Node teamContent() {
        teamTable.setId("project-team");
        teamTable.setFixedCellSize(TEAM_ROW);
        // The name takes the spare room; identifiers and dates keep their width and are never cut.
        teamTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        teamTable.setPlaceholder(ProjectCells.placeholder("Aucun professionnel : ajoutez ceux de la structure qui participeront au parcours."));
        TableColumn<TeamRow, TeamRow> who = rowColumn("Professionnel", 260);
        who.setMinWidth(170);
        who.setCellFactory(c -> ProjectCells.twoLines(r -> r.professional.displayName(),
                r -> r.professional.professionLabel() + (r.role == null ? "" : " · " + r.role), null));
        who.setComparator(Comparator.comparing(r -> SearchKey.of(r.professional.displayName())));
        TableColumn<TeamRow, TeamRow> ids = rowColumn("RPPS · numéro AM", 175);
        ids.setCellFactory(c -> ProjectCells.twoLines(r -> ProjectWording.rpps(r.professional), r -> ProjectWording.am(r.professional),
                (r, line) -> line == 0 ? r.professional.rpps() == null
                        : r.professional.amNumber() == null && r.professional.amRequestedOn() == null));
        ids.setMinWidth(182);
        ids.setMaxWidth(200);
        TableColumn<TeamRow, TeamRow> sequences = rowColumn("Séquences", 120);
        sequences.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(TeamRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null || currentType() == null ? null : ProjectWording.sequences(currentType().type(), r.sequences));
                setWrapText(true);
                setTooltip(empty || r == null || r.sequences.isEmpty() || currentType() == null ? null : new Tooltip(r.sequences.stream()
                        .map(s -> currentType().type().sequence(s).map(x -> x.label()).orElse(s)).collect(Collectors.joining("\n"))));
            }
        });
        sequences.setMinWidth(105);
        sequences.setMaxWidth(170);
        TableColumn<TeamRow, TeamRow> signed = rowColumn("Signature", 120);
        signed.setCellFactory(c -> dateCell(TeamRow::signedOn, r -> signing(), this::sign, "project-sign-", "Signé le…",
                r -> null));
        signed.setMinWidth(112);
        signed.setMaxWidth(130);
        TableColumn<TeamRow, TeamRow> ordre = rowColumn("Ordre notifié", 120);
        ordre.setCellFactory(c -> dateCell(TeamRow::notifiedOn, r -> signing() && r.saved != null, this::notifyOrdre, "project-notify-",
                "Notifié le…", r -> r.ordre().isEmpty() ? "sans objet" : null));
        ordre.setMinWidth(122);
        ordre.setMaxWidth(130);
        teamTable.getColumns().setAll(List.of(who, ids, sequences, signed, ordre));
        teamTable.setRowFactory(t -> {
            javafx.scene.control.TableRow<TeamRow> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty() && teamEditable()) {
                    editMember();
                }
            });
            return row;
        });
        teamTable.setOnKeyPressed(e -> {
            if (!teamEditable() || teamTable.getSelectionModel().getSelectedItem() == null) {
                return;
            }
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                removeMember();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                editMember();
                e.consume();
            }
        });
        VBox.setVgrow(teamTable, Priority.ALWAYS);
        teamTable.setMinHeight(TEAM_ROW * 2 + 32);

        addMembers.setOnAction(e -> addMembers());
        editMember.setOnAction(e -> editMember());
        removeMember.setOnAction(e -> removeMember());
        editMember.disableProperty().bind(teamTable.getSelectionModel().selectedItemProperty().isNull());
        removeMember.disableProperty().bind(teamTable.getSelectionModel().selectedItemProperty().isNull());
        removeMember.setTooltip(new Tooltip("Retirer le professionnel choisi de l'équipe du projet (Suppr)"));
        teamButtons.getChildren().setAll(addMembers, editMember, removeMember);
        teamNote.setId("project-team-note");
        teamNote.setWrapText(true);
        teamNote.setMinHeight(Label.USE_PREF_SIZE);
        teamNote.getStyleClass().add("text-muted");

        representative.setId("project-representative");
        representative.setWrapText(true);
        representative.setMinHeight(Label.USE_PREF_SIZE);
        representativeSign.setOnAction(e -> signRepresentative());
        HBox rep = new HBox(12, representative, representativeSign);
        HBox.setHgrow(representative, Priority.ALWAYS);
        rep.setAlignment(Pos.CENTER_LEFT);
        rep.getStyleClass().add("project-representative");
        VBox box = new VBox(10, teamButtons, teamNote, teamTable, rep);
        box.setPadding(new Insets(14, 20, 14, 16));
        return box;
    }

    // ---------------------------------------------------------------- loading and showing

    private void load(Integer selectId, String message) {
        long ticket = loads.incrementAndGet();
        Background.run("projets", () -> {
            List<PcrTypeVersion> current = types.current();
            List<Project> ps = projects.all();
            Map<Integer, List<Gap>> gaps = new HashMap<>();
            for (Project p : ps) {
                gaps.put(p.id(), projects.readiness(p.id()));
            }
            return new Loaded(ps, gaps, structures.load().orElse(null), teamService.all(), current, projects.today());
        }, loaded -> {
            // A reading overtaken by a later one shows nothing: the later one has fresher data.
            if (ticket == loads.get()) {
                showLoaded(loaded, selectId);
            }
            if (message != null) {
                say(message, true);
            }
        }, e -> say("Les projets n'ont pas pu être lus : " + ProjectDialogs.describe(e), false));
    }

    private void showLoaded(Loaded loaded, Integer selectId) {
        // Unsaved edits of the projet shown survive a reading (coming back from Équipe, for instance).
        Integer wanted = selectId != null ? selectId : shown != null ? Integer.valueOf(shown.id()) : null;
        boolean keepEdits = dirty && shown != null && wanted != null && shown.id() == wanted;
        data = loaded;
        filling = true;
        try {
            all.setAll(loaded.projects());
            // The projet asked for, else the one shown, else the first of the list.
            Project target = wanted == null ? null : all.stream().filter(p -> p.id() == wanted).findFirst().orElse(null);
            if (target == null && !list.getItems().isEmpty()) {
                target = list.getItems().getFirst();
            }
            if (target != null) {
                list.getSelectionModel().select(target);
            } else {
                list.getSelectionModel().clearSelection();
            }
            counted();
            if (target == null) {
                showNone();
            } else {
                display(target, keepEdits);
            }
        } finally {
            filling = false;
        }
        updateDirty();
    }

    private void counted() {
        // Said only while a filter hides some projets.
        int n = filtered.size();
        listCount.setText(n == all.size() ? "" : n + " sur " + all.size() + " projets");
        Forms.show(listCount, n != all.size());
    }

    /** The user chose another projet in the list: unsaved edits are dropped only when he agrees. */
    private void choose(Project was, Project now) {
        if (filling || now == null || (shown != null && now.id() == shown.id())) {
            return;
        }
        if (dirty && !Dialogs.confirmDiscard(stage())) {
            javafx.application.Platform.runLater(() -> {
                filling = true;
                list.getSelectionModel().select(was);
                filling = false;
            });
            return;
        }
        dirty = false;
        messages.setText("");
        filling = true;
        try {
            display(now, false);
        } finally {
            filling = false;
        }
        updateDirty();
    }

    private void showNone() {
        shown = null;
        rows.clear();
        gapsPanel.none();
        Node none = detailHolder.getChildren().isEmpty() ? null : detailHolder.getChildren().getFirst();
        if (none == detail) {
            Label l = new Label("Choisissez un projet dans la liste, ou créez-en un avec « Nouveau projet… » (Ctrl+N).");
            l.setWrapText(true);
            l.getStyleClass().add("text-muted");
            l.setId("project-none");
            StackPane.setMargin(l, new Insets(24));
            StackPane.setAlignment(l, Pos.TOP_LEFT);
            detailHolder.getChildren().setAll(l);
        }
    }

    private void display(Project p, boolean keepEdits) {
        shown = p;
        LocalDate today = today();
        ProjectVersion v = p.current();
        ProjectStatus status = v.status(today);
        if (detailHolder.getChildren().isEmpty() || detailHolder.getChildren().getFirst() != detail) {
            detailHolder.getChildren().setAll(detail);
        }
        heading.setText(p.reference());
        versionLabel.setText("Version " + v.version());
        badge.setText(status.label());
        styleBadge(badge, status);
        typeLine.setText(v.type().displayName() + " · version créée le " + v.createdAt().atZoneSameInstant(Database.ZONE).format(AT)
                + " par " + v.createdBy());
        String window = ProjectWording.window(v, today);
        windowLine.setText(window);
        Forms.show(windowLine, !window.isEmpty());

        if (keepEdits) {
            Map<Integer, Professional> fresh = data.team().stream().collect(Collectors.toMap(Professional::id, Function.identity()));
            for (TeamRow r : rows) {
                r.professional = fresh.getOrDefault(r.id(), r.professional);
                r.saved = v.member(r.id()).orElse(null);
            }
            teamTable.refresh();
        } else {
            fill(v);
        }
        boolean editable = editable(status);
        for (Node field : List.<Node>of(type, start, patients, territory, channel)) {
            field.setDisable(!editable);
        }
        Forms.show(teamButtons, editable);
        Forms.show(teamNote, status == ProjectStatus.BROUILLON);
        teamNote.setText(switch (status) {
            case BROUILLON -> "Double-cliquez sur une ligne pour donner le rôle et les séquences du professionnel. Les signatures se "
                    + "recueillent une fois le projet prêt à signer.";
            case PRET -> "Recueillez la signature de chaque professionnel (ou de son employeur s'il est salarié) et du représentant "
                    + "légal ; notifiez l'Ordre des professions qui en ont un.";
            case SIGNE -> "Toutes les signatures sont recueillies. Notifiez l'Ordre des professions qui en ont un, puis transmettez.";
            default -> "L'équipe telle que transmise le " + Forms.date(v.transmittedOn()) + ". Une modification fera la version "
                    + (v.version() + 1) + ".";
        });
        updateRepresentative(v, status);

        List<Gap> gaps = data.gaps().getOrDefault(p.id(), List.of());
        boolean contentGaps = gaps.stream().anyMatch(g -> g.kind().isContent());
        Forms.show(ready, status == ProjectStatus.BROUILLON);
        Forms.show(delete, status == ProjectStatus.BROUILLON && p.versions().size() == 1);
        Forms.show(backToDraft, status == ProjectStatus.PRET || status == ProjectStatus.SIGNE);
        Forms.show(transmitHolder, status == ProjectStatus.PRET || status == ProjectStatus.SIGNE);
        boolean canTransmit = status == ProjectStatus.SIGNE && gaps.isEmpty();
        transmit.setDisable(!canTransmit);
        tip(transmitHolder, canTransmit ? "Enregistrer la date d'envoi du dossier à l'ARS et à la CPAM"
                : status == ProjectStatus.PRET ? "Toutes les signatures doivent d'abord être recueillies."
                : "Il reste " + ProjectWording.manques(gaps.size()) + " : voyez la vérification.");
        Forms.show(decision, status == ProjectStatus.TRANSMIS);
        Forms.show(newVersion, status.isTransmitted() && status != ProjectStatus.TRANSMIS);
        newVersion.setText("Nouvelle version…");
        // The dossier of a transmitted version is the one sent; another one needs its content complete.
        boolean dossier = status.isTransmitted() || !contentGaps;
        pdf.setDisable(!dossier);
        print.setDisable(!dossier);
        String why = dossier ? null : "Le dossier se prépare quand le contenu du projet est complet : "
                + ProjectWording.manques(gaps.stream().filter(g -> g.kind().isContent()).count()) + " à corriger (voyez la vérification).";
        tip(pdfHolder, why == null ? "Enregistrer le dossier de déclaration en PDF" : why);
        tip(printHolder, why == null ? "Imprimer le dossier de déclaration" : why);

        String bannerText = switch (status) {
            case BROUILLON -> v.version() > 1 ? "Version " + v.version() + " en préparation" + (v.changeReason() == null ? ""
                    : " (motif : " + v.changeReason() + ")") + " : la version " + (v.version() - 1)
                    + " reste celle déclarée jusqu'à la transmission de celle-ci." : null;
            case PRET -> "Prêt à signer : le projet ne se modifie plus. Pour le changer, revenez au brouillon (les signatures "
                    + "seront effacées).";
            case SIGNE -> "Signé par tous : notifiez l'Ordre des professions qui en ont un, puis transmettez. Pour changer le "
                    + "projet, revenez au brouillon (les signatures seront effacées).";
            case TRANSMIS -> "Transmis : l'ARS peut s'opposer jusqu'au " + Forms.date(v.deadline().orElseThrow())
                    + ". Une version " + (v.version() + 1) + " se prépare après sa décision ou cette échéance.";
            default -> "Déclaré : toute modification fera une version " + (v.version() + 1) + ", à signer et à transmettre de nouveau.";
        };
        banner.setText(bannerText == null ? "" : bannerText);
        banner.getStyleClass().removeAll("info", "warning");
        banner.getStyleClass().add(status.isTransmitted() ? "warning" : "info");
        Forms.show(banner, bannerText != null);

        gapsPanel.show(v, gaps, today);
        history.show(p);
    }

    /** Puts the saved version in the form and the team table. */
    private void fill(ProjectVersion v) {
        List<PcrTypeVersion> choices = new ArrayList<>(data.types());
        if (choices.stream().noneMatch(t -> t.id() == v.type().id())) {
            // The projet keeps the type version it was made with, even when a newer one exists.
            choices.add(0, v.type());
        }
        type.getItems().setAll(choices);
        type.setValue(choices.stream().filter(t -> t.id() == v.type().id()).findFirst().orElse(null));
        start.setValue(v.plannedStart());
        start.getEditor().setText(Forms.date(v.plannedStart()));
        patients.setText(v.expectedPatients() == null ? "" : String.valueOf(v.expectedPatients()));
        territory.setText(Forms.nz(v.territory()));
        channel.setValue(v.channel());
        rows.setAll(v.members().stream().map(m -> new TeamRow(m.professional(), m.role(), m.sequences(), m)).toList());
    }

    private void updateRepresentative(ProjectVersion v, ProjectStatus status) {
        String name = data.structure() == null || data.structure().legalRepresentative() == null
                ? "non renseigné (Paramètres › Structure)" : data.structure().legalRepresentative();
        representative.setText("Représentant légal de la structure : " + name + " — "
                + (v.representativeSignedOn() == null ? "signature à recueillir" : "signé le " + Forms.date(v.representativeSignedOn())));
        boolean canSign = status == ProjectStatus.PRET || status == ProjectStatus.SIGNE;
        Forms.show(representativeSign, canSign);
        representativeSign.setText(v.representativeSignedOn() == null ? "Signé le…" : "Modifier…");
    }

    // ---------------------------------------------------------------- editing

    /** A draft, or a declared projet the ARS has answered (its change makes a new version); not while it may still answer. */
    private boolean editable(ProjectStatus status) {
        return status == ProjectStatus.BROUILLON || (status.isTransmitted() && status != ProjectStatus.TRANSMIS);
    }

    private boolean teamEditable() {
        return shown != null && editable(status());
    }

    private boolean signing() {
        ProjectStatus s = status();
        return s == ProjectStatus.PRET || s == ProjectStatus.SIGNE;
    }

    private ProjectStatus status() {
        return shown == null ? null : shown.current().status(today());
    }

    private PcrTypeVersion currentType() {
        return type.getValue() != null ? type.getValue() : shown == null ? null : shown.type();
    }

    /** A field changed: the save button and the note follow. */
    private void edited() {
        if (!filling) {
            updateDirty();
        }
    }

    private void updateDirty() {
        dirty = shown != null && editable(status()) && !Objects.equals(typedLenient(), savedInput(shown.current()));
        save.setDisable(!dirty);
        Forms.show(save, shown != null && editable(status()));
        Forms.show(dirtyNote, dirty);
        gapsPanel.setDirty(dirty);
    }

    private static ProjectInput savedInput(ProjectVersion v) {
        return new ProjectInput(v.type().id(), v.plannedStart(), v.expectedPatients(), v.territory(), v.channel(),
                v.members().stream().map(m -> new ProjectInput.MemberInput(m.professional().id(), m.role(), m.sequences())).toList());
    }

    /** What the form holds, a date typed but not left counting; null when the date typed is not one (then it differs). */
    private ProjectInput typedLenient() {
        LocalDate day;
        String text = start.getEditor().getText();
        try {
            day = text == null || text.isBlank() ? null : start.getConverter().fromString(text);
        } catch (RuntimeException e) {
            return null;
        }
        return typed(day);
    }

    private ProjectInput typed(LocalDate day) {
        PcrTypeVersion t = currentType();
        return new ProjectInput(t == null ? 0 : t.id(), day, patients.getText().isBlank() ? null : Integer.valueOf(patients.getText()),
                Forms.blankToNull(territory.getText()), channel.getValue(),
                rows.stream().map(r -> new ProjectInput.MemberInput(r.id(), Forms.blankToNull(r.role), r.sequences)).toList());
    }

    /** The form read for saving, or empty after saying what is wrong with it. */
    private Optional<ProjectInput> formInput() {
        List<Issue> problems = new ArrayList<>();
        Forms.commitDate(start, "plannedStart", "Démarrage prévu le", problems);
        if (!problems.isEmpty()) {
            say(problems.getFirst().message(), false);
            tabs.getSelectionModel().select(formTab);
            return Optional.empty();
        }
        return Optional.of(typed(start.getValue()));
    }

    private void save() {
        if (shown == null || !editable(status())) {
            return;
        }
        Optional<ProjectInput> input = formInput();
        if (input.isEmpty()) {
            return;
        }
        ProjectVersion v = shown.current();
        int id = shown.id();
        if (v.status(today()).isTransmitted()) {
            askReasonAndSave(v, input.get(), "Le projet " + shown.reference() + " a été transmis : ces modifications feront la version "
                    + (v.version() + 1) + ".");
            return;
        }
        run("save-project", () -> projects.update(id, input.get(), null), id, "Projet enregistré.");
    }

    private void askReasonAndSave(ProjectVersion v, ProjectInput input, String header) {
        int id = shown.id();
        if (ProjectDialogs.reason(owner, v, header, reason -> ProjectDialogs.attempt(() -> projects.update(id, input, reason)))) {
            dirty = false;
            load(id, "Version " + (v.version() + 1) + " créée, en brouillon : elle est à signer et à transmettre de nouveau.");
        }
    }

    private void newVersion() {
        if (shown == null) {
            return;
        }
        formInput().ifPresent(input -> askReasonAndSave(shown.current(), input, "Nouvelle version du projet " + shown.reference()
                + " : elle part de la version " + shown.current().version() + " et des modifications en cours."));
    }

    private void addMembers() {
        if (!teamEditable()) {
            return;
        }
        LocalDate today = today();
        List<Integer> present = rows.stream().map(TeamRow::id).toList();
        List<Professional> candidates = data.team().stream().filter(p -> p.isActive(today) && !present.contains(p.id()))
                .sorted(Comparator.comparing((Professional p) -> p.professionLabel()).thenComparing(p -> SearchKey.of(p.displayName())))
                .toList();
        List<Professional> picked = ProjectDialogs.pickMembers(owner, candidates);
        if (!picked.isEmpty()) {
            picked.forEach(p -> rows.add(new TeamRow(p, null, List.of(), null)));
            teamTable.getSelectionModel().select(rows.getLast());
            say((picked.size() == 1 ? "1 professionnel ajouté" : picked.size() + " professionnels ajoutés")
                    + " : enregistrez le projet pour le vérifier.", true);
            updateDirty();
        }
    }

    private void editMember() {
        TeamRow r = teamTable.getSelectionModel().getSelectedItem();
        if (r == null || !teamEditable() || currentType() == null) {
            return;
        }
        ProjectDialogs.member(owner, r.professional, r.role, r.sequences, currentType().type()).ifPresent(edit -> {
            r.role = edit.role();
            r.sequences = edit.sequences();
            teamTable.refresh();
            updateDirty();
        });
    }

    private void removeMember() {
        TeamRow r = teamTable.getSelectionModel().getSelectedItem();
        if (r == null || !teamEditable()) {
            return;
        }
        if (Dialogs.confirm(stage(), "Retirer de l'équipe", "Retirer " + r.professional.displayName() + " de l'équipe du projet ?",
                "Il sera retiré du projet " + shown.reference() + " à l'enregistrement. Il reste dans l'équipe de la structure.",
                "Retirer", "Garder")) {
            rows.remove(r);
            say(r.professional.displayName() + " retiré : enregistrez le projet.", true);
            updateDirty();
        }
    }

    // ---------------------------------------------------------------- the projet's life

    private void newProject() {
        if (data == null || (dirty && !Dialogs.confirmDiscard(stage()))) {
            return;
        }
        ProjectDialogs.newProject(owner, data.types()).ifPresent(t -> {
            dirty = false;
            Background.run("new-project", () -> projects.create(new ProjectInput(t.id(), null, null, null, PaymentChannel.STRUCTURE,
                    List.of())), id -> {
                        load(id, "Projet créé, en brouillon : renseignez le démarrage prévu et ajoutez l'équipe.");
                        tabs.getSelectionModel().select(formTab);
                    }, this::showError);
        });
    }

    private void markReady() {
        if (shown == null) {
            return;
        }
        int id = shown.id();
        Optional<ProjectInput> input = dirty ? formInput() : Optional.empty();
        if (dirty && input.isEmpty()) {
            return;
        }
        run("ready-project", () -> {
            // What is typed is saved first: the check reads what is recorded.
            if (input.isPresent()) {
                projects.update(id, input.get(), null);
            }
            projects.markReady(id);
            return null;
        }, id, "Projet prêt à signer : recueillez les signatures dans « Équipe et signatures ».");
    }

    private void backToDraft() {
        ProjectVersion v = shown.current();
        long signatures = v.members().stream().filter(m -> m.signedOn() != null).count() + (v.representativeSignedOn() == null ? 0 : 1);
        if (Dialogs.confirm(stage(), "Revenir au brouillon", "Revenir au brouillon pour modifier le projet " + shown.reference() + " ?",
                (signatures == 0 ? "Aucune signature n'a encore été recueillie."
                        : signatures == 1 ? "La signature déjà recueillie sera effacée : elle portait sur le texte actuel."
                        : "Les " + signatures + " signatures déjà recueillies seront effacées : elles portaient sur le texte actuel.")
                        , "Revenir au brouillon", "Garder le projet tel quel")) {
            int id = shown.id();
            run("draft-project", () -> {
                projects.backToDraft(id);
                return null;
            }, id, "Projet revenu au brouillon : il se modifie de nouveau.");
        }
    }

    private void sign(TeamRow r) {
        ProjectVersion.Member m = r.saved;
        if (m == null) {
            return;
        }
        int id = shown.id();
        String who = m.signatoryName() + " — " + m.signatoryCapacity();
        if (ProjectDialogs.date(owner, "Signature du projet", "Signature de " + who, "Signé le", m.signedOn(), today(),
                "Effacer la signature", "sign", day -> ProjectDialogs.attempt(() -> projects.recordSignature(id, r.id(), day)))) {
            load(id, "Signature de " + m.signatoryName() + " enregistrée.");
        }
    }

    private void signRepresentative() {
        ProjectVersion v = shown.current();
        int id = shown.id();
        String name = data.structure() == null || data.structure().legalRepresentative() == null ? "représentant légal"
                : data.structure().legalRepresentative();
        if (ProjectDialogs.date(owner, "Signature du projet", "Signature de " + name + ", représentant légal de la structure",
                "Signé le", v.representativeSignedOn(), today(), "Effacer la signature", "sign",
                day -> ProjectDialogs.attempt(() -> projects.recordRepresentativeSignature(id, day)))) {
            load(id, "Signature du représentant légal enregistrée.");
        }
    }

    private void notifyOrdre(TeamRow r) {
        if (r.saved == null || r.ordre().isEmpty()) {
            return;
        }
        int id = shown.id();
        String ordre = r.ordre().get();
        if (ProjectDialogs.date(owner, "Notification à l'Ordre", "Notification à l'" + ordre.replaceFirst("^Ordre", "Ordre") + " pour "
                        + r.professional.displayName() + " (" + r.professional.professionLabel() + ")", "Notifié le", r.notifiedOn(), today(),
                "Effacer la notification", "notify", day -> ProjectDialogs.attempt(() -> projects.recordOrdreNotification(id, r.id(), day)))) {
            load(id, "Notification à l'Ordre enregistrée pour " + r.professional.displayName() + ".");
        }
    }

    private void transmit() {
        ProjectVersion v = shown.current();
        int id = shown.id();
        if (ProjectDialogs.transmit(owner, v, today(), day -> ProjectDialogs.attempt(() -> projects.transmit(id, day)))) {
            load(id, "Projet transmis à l'ARS et à la CPAM : le délai d'opposition de deux mois commence.");
        }
    }

    private void decide() {
        ProjectVersion v = shown.current();
        int id = shown.id();
        if (ProjectDialogs.decision(owner, v, today(), (d, on, note) -> ProjectDialogs.attempt(() -> projects.recordDecision(id, d, on, note)))) {
            load(id, "Décision de l'ARS enregistrée.");
        }
    }

    private void deleteDraft() {
        int id = shown.id();
        if (Dialogs.confirm(stage(), "Supprimer le brouillon", "Supprimer le projet " + shown.reference() + " ?",
                "Ce brouillon n'a jamais été déclaré : il disparaît avec son équipe. Cette suppression est définitive.",
                "Supprimer le brouillon", "Garder le brouillon")) {
            dirty = false;
            Background.run("delete-project", () -> {
                projects.deleteDraft(id);
                return null;
            }, r -> {
                shown = null;
                load(null, "Brouillon supprimé.");
            }, this::showError);
        }
    }

    private void run(String name, Callable<?> work, int id, String done) {
        Background.run(name, work, r -> {
            dirty = false;
            load(id, done);
        }, this::showError);
    }

    // ---------------------------------------------------------------- the dossier

    private fr.coordo.pathway.PathwayDocuments documents() {
        return new fr.coordo.pathway.PathwayDocuments(ws.database());
    }

    private void saveDossier() {
        if (shown == null) {
            return;
        }
        ProjectVersion v = shown.current();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Enregistrer le dossier de déclaration");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Document PDF", "*.pdf"));
        java.io.File documents = new java.io.File(System.getProperty("user.home"), "Documents");
        chooser.setInitialDirectory(documents.isDirectory() ? documents : new java.io.File(System.getProperty("user.home")));
        chooser.setInitialFileName(fr.coordo.pathway.PathwayDocuments.defaultDossierName(v));
        java.io.File file = chooser.showSaveDialog(owner);
        if (file != null) {
            int id = shown.id();
            // the save dialog already asked before replacing a file
            Background.run("project-pdf", () -> documents().saveDossier(id, v.version(), file.toPath(), true),
                    path -> say("Dossier enregistré : " + path + ".", true), this::showError);
        }
    }

    private void printDossier() {
        if (shown == null) {
            return;
        }
        ProjectVersion v = shown.current();
        int id = shown.id();
        Background.run("project-print", () -> switch (Printing.print(documents().dossier(id, v.version()), v.displayReference())) {
            case NO_PRINTER -> "Aucune imprimante n'est installée sur ce poste : enregistrez le dossier en PDF pour l'imprimer ailleurs.";
            case CANCELLED -> "Impression annulée.";
            case PRINTED -> {
                documents().recordDossierPrint(id, v.version(), "imprimante");
                yield "Dossier envoyé à l'imprimante.";
            }
        }, text -> say(text, true), e -> say("L'impression a échoué : " + ProjectDialogs.describe(e), false));
    }

    // ---------------------------------------------------------------- verification links and keyboard

    /** A gap clicked in the verification: its professional's line, the representative's signature, or the form. */
    private void openGap(Gap g) {
        if (g.professionalId() != null) {
            tabs.getSelectionModel().select(teamTab);
            rows.stream().filter(r -> r.id() == g.professionalId()).findFirst().ifPresent(r -> {
                teamTable.getSelectionModel().select(r);
                teamTable.scrollTo(r);
                teamTable.requestFocus();
            });
        } else if (g.kind() == Gap.Kind.SIGNATURE) {
            tabs.getSelectionModel().select(teamTab);
            if (representativeSign.isVisible()) {
                representativeSign.requestFocus();
            }
        } else if (g.kind() == Gap.Kind.TEAM) {
            boolean field = g.message().contains("démarrage") || g.message().contains("patients attendus");
            tabs.getSelectionModel().select(field ? formTab : teamTab);
            (g.message().contains("démarrage") ? start : g.message().contains("patients attendus") ? patients : addMembers).requestFocus();
        }
    }

    /** Ctrl+N and Ctrl+S wherever the focus is, as long as this pane is the one shown. */
    private void installShortcuts() {
        shortcuts = e -> {
            if (!showing()) {
                return;
            }
            if (NEW.match(e)) {
                e.consume();
                newProject();
            } else if (SAVE.match(e)) {
                e.consume();
                if (!save.isDisabled() && save.isVisible()) {
                    save();
                }
            }
        };
        sceneProperty().addListener((o, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
            }
        });
    }

    /** In the window and on its tab: every ancestor visible. */
    private boolean showing() {
        Scene scene = getScene();
        if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
            return false;
        }
        for (Parent p = this; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- building blocks

    private LocalDate today() {
        return data == null ? projects.today() : data.today();
    }

    private Stage stage() {
        return owner instanceof Stage s ? s : null;
    }

    private void say(String text, boolean success) {
        messages.setText(text);
        messages.getStyleClass().remove("success");
        if (success) {
            messages.getStyleClass().add("success");
        }
    }

    private void showError(Throwable e) {
        if (e instanceof InputException ie) {
            say(ie.issues().stream().map(i -> (i.field().equals("status") ? "" : "• ") + i.message())
                    .collect(Collectors.joining("\n")), false);
        } else {
            say(ProjectDialogs.describe(e), false);
        }
        // What was refused may have been half-typed: the verification shows where things stand.
        if (shown != null) {
            int id = shown.id();
            Background.run("projets-gaps", () -> projects.readiness(id), gaps -> {
                if (shown != null && shown.id() == id && data != null) {
                    data.gaps().put(id, gaps);
                    gapsPanel.show(shown.current(), gaps, today());
                }
            }, x -> { });
        }
    }

    private static void styleBadge(Label l, ProjectStatus status) {
        l.getStyleClass().removeIf(c -> c.startsWith("status-"));
        if (!l.getStyleClass().contains("project-badge")) {
            l.getStyleClass().add("project-badge");
        }
        l.getStyleClass().add("status-" + status.name().toLowerCase());
    }

    private static void tip(Node holder, String text) {
        Tooltip.install(holder, new Tooltip(text));
        holder.setAccessibleHelp(text);
    }

    private static Button button(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Button.USE_PREF_SIZE);
        return b;
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        return s;
    }

    private static TableColumn<TeamRow, TeamRow> rowColumn(String title, double width) {
        TableColumn<TeamRow, TeamRow> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setReorderable(false);
        return c;
    }

    /**
     * A date of the team — a signature, a notification — or the button that records it. {@code fixed} gives a
     * text shown instead (« sans objet »), or null.
     */
    private TableCell<TeamRow, TeamRow> dateCell(Function<TeamRow, LocalDate> date, java.util.function.Predicate<TeamRow> can,
                                                 java.util.function.Consumer<TeamRow> action, String idPrefix, String ask,
                                                 Function<TeamRow, String> fixed) {
        return new TableCell<>() {
            private final Button button = new Button();

            {
                button.setMinWidth(Button.USE_PREF_SIZE);
                button.setOnAction(e -> {
                    if (getItem() != null) {
                        action.accept(getItem());
                    }
                });
            }

            @Override
            protected void updateItem(TeamRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().remove("text-muted");
                if (empty || r == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                String constant = fixed.apply(r);
                LocalDate d = date.apply(r);
                if (constant != null) {
                    setText(constant);
                    setGraphic(null);
                    getStyleClass().add("text-muted");
                } else if (can.test(r)) {
                    button.setText(d == null ? ask : Forms.date(d));
                    button.setId(idPrefix + r.id());
                    button.getStyleClass().remove("flat");
                    if (d != null) {
                        button.getStyleClass().add("flat");
                    }
                    button.setTooltip(new Tooltip(d == null ? "Enregistrer la date" : "Modifier ou effacer la date"));
                    setText(null);
                    setGraphic(button);
                } else {
                    setText(d == null ? "—" : Forms.date(d));
                    setGraphic(null);
                }
            }
        };
    }
}
