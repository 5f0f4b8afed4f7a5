package fr.coordo.ui;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.patient.Patient;
import fr.coordo.plan.Action;
import fr.coordo.plan.Dimension;
import fr.coordo.plan.Objective;
import fr.coordo.plan.Plan;
import fr.coordo.plan.PlanContent;
import fr.coordo.plan.PlanService;
import fr.coordo.plan.PlanVersion;
import fr.coordo.plan.Problem;
import fr.coordo.plan.Step;
import fr.coordo.team.Professional;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The patient's personalised plan: the draft being written (every line saved as soon as it is added or
 * changed), or a validated version shown read-only, with its follow-up and its history.
 */
final class PlanPane extends BorderPane {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm");

    private final Workspace workspace;
    private final Stage owner;
    private final PlanService plans;
    private final Patient patient;
    private final List<Professional> team;
    private final Runnable reloadRecord;

    private final Label heading = new Label();
    private final Label state = new Label();
    private final ComboBox<PlanVersion> versions = new ComboBox<>();
    private final Label messages = new Label();
    private final Button start = button("plan-start", "Commencer un plan");
    private final Button save = button("plan-save", "Enregistrer");
    private final Button validate = button("plan-validate", "Valider…");
    private final Button revise = button("plan-revise", "Réviser…");
    private final Button discard = button("plan-discard", "Abandonner la révision");
    private final Button close = button("plan-close", "Clôturer…");
    private final Button pdf = button("plan-pdf", "Enregistrer en PDF…");
    private final Button print = button("plan-print", "Imprimer…");
    private final javafx.scene.control.TabPane sections = new javafx.scene.control.TabPane();

    private final ComboBox<Professional> coordinator = new ComboBox<>();
    private final DatePicker reevaluation = Forms.datePicker("plan-reevaluation");
    private final TextArea alert = Forms.area("plan-alert", 2);
    private final Map<Dimension, TextArea> synthesis = new EnumMap<>(Dimension.class);
    private final TextArea preferences = Forms.area("plan-preferences", 2);
    private final TextArea projects = Forms.area("plan-projects", 2);
    private final TableView<Problem> problems = new TableView<>();
    private final TableView<Objective> objectives = new TableView<>();
    private final TableView<Action> care = new TableView<>();
    private final TableView<Action> support = new TableView<>();

    private Plan plan;
    private PlanVersion shown;
    /** The draft's content as last saved: the tables show it, the text fields are read into it on save. */
    private PlanContent working;

    PlanPane(Workspace ws, Stage owner, PlanService plans, Patient patient, List<Professional> team, Runnable reloadRecord) {
        this.workspace = ws;
        this.owner = owner;
        this.plans = plans;
        this.patient = patient;
        this.team = team;
        this.reloadRecord = reloadRecord;
        setId("plan-pane");

        heading.getStyleClass().add("title-3");
        heading.setId("plan-heading");
        state.setId("plan-state");
        heading.setMinWidth(Label.USE_PREF_SIZE);
        state.setMinWidth(Label.USE_PREF_SIZE);
        state.getStyleClass().add("plan-state");
        versions.setId("plan-versions");
        Forms.labelled(versions, v -> "Version " + v.version() + " — " + v.status().label().toLowerCase()
                + (v.validatedOn() == null ? "" : " le " + Forms.date(v.validatedOn())));
        versions.valueProperty().addListener((o, a, v) -> {
            if (v != null && v != shown && flush()) {
                showVersion(v);
            }
        });
        messages.setId("plan-messages");
        messages.setWrapText(true);
        messages.getStyleClass().add("form-messages");
        start.getStyleClass().add("accent");
        validate.getStyleClass().add("accent");
        start.setOnAction(e -> startPlan());
        save.setOnAction(e -> saveTexts());
        validate.setOnAction(e -> validatePlan());
        revise.setOnAction(e -> revisePlan());
        discard.setOnAction(e -> discardRevision());
        close.setOnAction(e -> closePlan());
        pdf.setOnAction(e -> exportPdf());
        print.setOnAction(e -> printPlan());
        HBox title = new HBox(12, heading, state);
        title.setAlignment(Pos.CENTER_LEFT);
        Label whose = new Label("Plan personnalisé de " + patient.displayName());
        whose.getStyleClass().add("text-muted");
        FlowPane buttons = new FlowPane(8, 8, versions, start, save, validate, revise, discard, close, pdf, print);
        VBox top = new VBox(8, whose, title, buttons, messages);
        top.setPadding(new Insets(12, 16, 8, 16));
        setTop(top);
        sections.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        sections.setId("plan-sections");
        setCenter(sections);

        coordinator.getItems().add(null);
        coordinator.getItems().addAll(team);
        Forms.labelled(coordinator, p -> p == null ? "—" : p.firstName() + " " + p.lastName());
        coordinator.setId("plan-coordinator");
        for (Dimension d : Dimension.values()) {
            synthesis.put(d, Forms.area("plan-synthesis-" + d.name(), 2));
        }
        // A draft keeps what is typed: leaving a field saves it.
        for (Node field : List.<Node>of(alert, preferences, projects, coordinator, reevaluation, synthesis.get(Dimension.MEDICALE),
                synthesis.get(Dimension.PSYCHOLOGIQUE), synthesis.get(Dimension.SOCIALE), synthesis.get(Dimension.ENVIRONNEMENTALE))) {
            field.focusedProperty().addListener((o, was, now) -> {
                if (was && !now) {
                    flush();
                }
            });
        }
        setUpTables();
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.S && working != null) {
                saveTexts();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.P && shown != null) {
                printPlan();
                e.consume();
            }
        });
        reload(null);
    }

    // ---------------------------------------------------------------- loading and showing

    private void reload(String message) {
        Background.run("plan", () -> plans.plansOf(patient.id()), all -> {
            // The open plan, else the last closed one, readable, beside the button that starts a new one.
            Plan p = all.stream().filter(Plan::isOpen).findFirst().orElse(all.isEmpty() ? null : all.getFirst());
            plan = p;
            messages.setText(message == null ? "" : message);
            messages.getStyleClass().remove("success");
            if (message != null) {
                messages.getStyleClass().add("success");
            }
            if (p == null) {
                showNone(all);
            } else {
                versions.getItems().setAll(p.versions());
                showVersion(p.current());
            }
        }, e -> messages.setText("Le plan n'a pas pu être lu : " + TeamView.describe(e)));
    }

    private void showNone(List<Plan> closed) {
        shown = null;
        working = null;
        heading.setText("Aucun plan en cours");
        state.setText("");
        Forms.show(versions, false);
        for (Button b : List.of(save, validate, revise, discard, close, pdf, print)) {
            Forms.show(b, false);
        }
        Forms.show(start, true);
        Label hint = new Label("Commencez le plan personnalisé après l'évaluation globale de la situation : problèmes repérés, "
                + "objectifs partagés avec la personne, actions avec qui et quand.");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        VBox box = new VBox(10, hint);
        box.setPadding(new Insets(12, 16, 16, 16));
        for (Plan p : closed) {
            box.getChildren().add(new Label(p.reference() + " — clôturé le " + Forms.date(p.closedOn()) + " : " + p.closedReason()));
        }
        setCenter(box);
    }

    private void showVersion(PlanVersion v) {
        shown = v;
        boolean draft = v.isDraft() && plan.isOpen();
        working = draft ? v.content() : null;
        heading.setText(plan.reference());
        Plan.State s = plan.state();
        state.setText("Version " + v.version() + " : " + (v.isDraft() ? "brouillon" : v.status() == PlanVersion.Status.REMPLACE ? "remplacée"
                : "validée") + (s == Plan.State.CLOTURE ? " — plan clôturé" : s == Plan.State.EN_REVISION && !v.isDraft()
                ? ", révision en cours" : ""));
        state.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("draft"), v.isDraft());
        Forms.show(versions, plan.versions().size() > 1);
        if (versions.getValue() != v) {
            versions.setValue(v);
        }
        Forms.show(start, !plan.isOpen());
        start.setText(plan.isOpen() ? "Commencer un plan" : "Commencer un nouveau plan");
        Forms.show(save, draft);
        Forms.show(validate, draft);
        Forms.show(revise, plan.isOpen() && plan.draft().isEmpty() && v.status() == PlanVersion.Status.VALIDE);
        Forms.show(discard, draft && v.version() > 1);
        Forms.show(close, plan.isOpen());
        Forms.show(pdf, true);
        Forms.show(print, true);
        fill(v.content());
        setCenter(sections);
        for (TextArea a : textAreas()) {
            a.setEditable(draft);
        }
        coordinator.setDisable(!draft);
        reevaluation.setDisable(!draft);
        buildBody(v, draft);
    }

    private List<TextArea> textAreas() {
        List<TextArea> all = new ArrayList<>(synthesis.values());
        all.addAll(List.of(alert, preferences, projects));
        return all;
    }

    private void fill(PlanContent c) {
        coordinator.setValue(team.stream().filter(p -> Objects.equals(p.id(), c.coordinatorId())).findFirst().orElse(null));
        reevaluation.setValue(c.reevaluationOn());
        alert.setText(Forms.nz(c.alertProcedure()));
        preferences.setText(Forms.nz(c.preferences()));
        projects.setText(Forms.nz(c.projects()));
        synthesis.forEach((d, a) -> a.setText(Forms.nz(c.synthesis(d))));
        problems.getItems().setAll(c.problems());
        objectives.getItems().setAll(c.objectives());
        care.getItems().setAll(c.actions(Action.Part.SOINS));
        support.getItems().setAll(c.actions(Action.Part.AIDES));
    }

    private void buildBody(PlanVersion v, boolean draft) {
        String selected = sections.getSelectionModel().getSelectedItem() == null ? null
                : sections.getSelectionModel().getSelectedItem().getText();
        sections.getTabs().clear();
        GridPane coordination = grid();
        coordination.addRow(0, Forms.label("Coordonnateur du plan", coordinator), coordinator);
        coordination.addRow(1, Forms.label("Réévaluation prévue le", reevaluation), reevaluation);
        if (draft && v.content().reevaluationOn() == null) {
            Label hint = new Label("Sans date, la réévaluation est fixée six mois après la validation.");
            hint.getStyleClass().add("text-muted");
            hint.setWrapText(true);
            coordination.add(hint, 1, 2);
        }
        coordination.addRow(3, Forms.label("Procédure d'alerte", alert), alert);
        Label who = new Label("Médecin traitant : " + Optional.ofNullable(v.physicianAtValidation()).or(() -> Optional.ofNullable(patient.physician()))
                .orElse("non renseigné (à indiquer dans la fiche du patient)"));
        who.setId("plan-physician");
        GridPane evaluation = grid();
        int row = 0;
        for (Dimension d : Dimension.values()) {
            evaluation.addRow(row++, Forms.label(d.label(), synthesis.get(d)), synthesis.get(d));
        }
        evaluation.addRow(row++, Forms.label("Attentes et préférences", preferences), preferences);
        evaluation.addRow(row, Forms.label("Projets de la personne", projects), projects);
        tab("Évaluation", section("Coordination", who, coordination), section("Évaluation globale", evaluation));

        tab("Problèmes et objectifs",
                section("Problèmes", tableButtons(problems, "problem",
                        List.of(editButton("plan-add-problems", "Ajouter depuis la liste…", this::addFromChecklist),
                                editButton("plan-add-free-problem", "Problème libre…", () -> editProblem(null))),
                        () -> editProblem(problems.getSelectionModel().getSelectedItem()), this::removeProblem), problems),
                section("Objectifs partagés", tableButtons(objectives, "objective",
                        List.of(editButton("plan-add-objective", "Ajouter un objectif…", () -> editObjective(null))),
                        () -> editObjective(objectives.getSelectionModel().getSelectedItem()), this::removeObjective), objectives));
        tab("Plan d'action",
                section(Action.Part.SOINS.label(), tableButtons(care, "care",
                        List.of(editButton("plan-add-care", "Ajouter une action de soins…", () -> editAction(Action.Part.SOINS, null))),
                        () -> editAction(Action.Part.SOINS, care.getSelectionModel().getSelectedItem()), () -> removeAction(care)), care),
                section(Action.Part.AIDES.label(), tableButtons(support, "support",
                        List.of(editButton("plan-add-support", "Ajouter une action d'aide…", () -> editAction(Action.Part.AIDES, null))),
                        () -> editAction(Action.Part.AIDES, support.getSelectionModel().getSelectedItem()), () -> removeAction(support)),
                        support));
        if (v.status() == PlanVersion.Status.VALIDE && plan.isOpen()) {
            tab("Suivi", followUp());
        }
        tab("Historique", history());
        sections.getTabs().stream().filter(t -> t.getText().equals(selected)).findFirst()
                .ifPresent(t -> sections.getSelectionModel().select(t));
    }

    private void tab(String title, Node... content) {
        VBox box = new VBox(18, content);
        box.setPadding(new Insets(12, 16, 24, 16));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        javafx.scene.control.Tab tab = new javafx.scene.control.Tab(title, scroll);
        tab.setId("plan-tab-" + sections.getTabs().size());
        sections.getTabs().add(tab);
    }

    private static Node section(String title, Node... content) {
        Label l = new Label(title);
        l.getStyleClass().addAll("title-4", "form-section");
        VBox box = new VBox(8, l);
        box.getChildren().addAll(content);
        return box;
    }

    // ---------------------------------------------------------------- tables

    private void setUpTables() {
        problems.setId("plan-problems");
        problems.getColumns().setAll(List.of(
                col("Problème", 300, Problem::label),
                col("Dimension", 170, p -> p.dimension().label()),
                col("Priorité", 90, p -> Problem.priorityLabel(p.priority())),
                col("À explorer", 90, p -> p.toExplore() ? "?" : "")));
        objectives.setId("plan-objectives");
        objectives.getColumns().setAll(List.of(
                col("Objectif", 260, o -> o.label() + (o.criterion() == null ? "" : "\nCritère : " + o.criterion())),
                col("Échéance", 95, o -> Forms.date(o.targetOn())),
                col("Statut", 150, o -> o.status().label() + (o.reason() == null ? "" : " : " + o.reason()))));
        for (TableView<Action> t : List.of(care, support)) {
            t.getColumns().setAll(List.of(
                    col("Action", 260, a -> a.label() + "\n" + a.kind().label() + (when(a).isEmpty() ? "" : " · " + when(a))),
                    col("Qui", 150, this::who),
                    col("Échéance", 95, a -> Forms.date(a.dueOn())),
                    col("Statut", 95, a -> a.status().label())));
        }
        care.setId("plan-care");
        support.setId("plan-support");
        for (TableView<?> t : List.of(problems, objectives, care, support)) {
            double row = t == problems ? 30 : 64;
            t.setFixedCellSize(row);
            t.prefHeightProperty().bind(javafx.beans.binding.Bindings.max(2, javafx.beans.binding.Bindings.size(t.getItems()))
                    .multiply(row).add(42));
            t.setMinHeight(Region.USE_PREF_SIZE);
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            t.setPlaceholder(new Label("Aucune ligne."));
            // Dates never wrap: a cut date reads as another one.
            t.getColumns().stream().filter(c -> c.getText().equals("Échéance")).forEach(c -> c.setMinWidth(100));
        }
        problems.setPlaceholder(new Label("Aucun problème : ajoutez-en depuis la liste du modèle HAS ou en texte libre."));
    }

    private String who(Action a) {
        return a.who(id -> team.stream().filter(p -> Objects.equals(p.id(), id)).findFirst());
    }

    private static String when(Action a) {
        String from = a.startOn() == null ? "" : "dès le " + Forms.date(a.startOn());
        return a.frequency() == null ? from : from.isEmpty() ? a.frequency() : from + ", " + a.frequency();
    }

    /** A column whose text wraps within its width, so that narrow panes cut nothing. */
    private static <T> TableColumn<T, String> col(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setWrapText(true);
                setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        return c;
    }

    private <T> HBox tableButtons(TableView<T> table, String id, List<Button> adds, Runnable edit, Runnable remove) {
        Button modify = editButton("plan-edit-" + id, "Modifier…", edit);
        Button delete = editButton("plan-remove-" + id, "Retirer", remove);
        modify.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Forms.show(modify, working != null);
        Forms.show(delete, working != null);
        adds.forEach(b -> Forms.show(b, working != null));
        table.setOnMouseClicked(e -> {
            if (working != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                edit.run();
            }
        });
        table.setOnKeyPressed(e -> {
            if (working == null || table.getSelectionModel().getSelectedItem() == null) {
                return;
            }
            if (e.getCode() == KeyCode.ENTER) {
                edit.run();
            } else if (e.getCode() == KeyCode.DELETE) {
                remove.run();
            }
        });
        HBox box = new HBox(8);
        box.getChildren().addAll(adds);
        box.getChildren().addAll(modify, delete);
        return box;
    }

    private Button editButton(String id, String text, Runnable action) {
        Button b = button(id, text);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Button button(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Button.USE_PREF_SIZE);
        return b;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(label, grow);
        return g;
    }

    // ---------------------------------------------------------------- editing the draft

    private void addFromChecklist() {
        List<Problem> picked = PlanDialogs.pickProblems(owner, working.problems().stream().map(Problem::code)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        if (!picked.isEmpty()) {
            List<Problem> all = new ArrayList<>(working.problems());
            all.addAll(picked);
            store(withTexts().withProblems(all), picked.size() == 1 ? "Problème ajouté." : picked.size() + " problèmes ajoutés.");
        }
    }

    private void editProblem(Problem existing) {
        PlanDialogs.editProblem(owner, existing).ifPresent(p -> store(withTexts().withProblems(replace(working.problems(), existing, p)),
                existing == null ? "Problème ajouté." : "Problème modifié."));
    }

    private void removeProblem() {
        Problem p = problems.getSelectionModel().getSelectedItem();
        boolean used = working.objectives().stream().anyMatch(o -> p.uid().equals(o.problemUid()));
        if (used) {
            messages.setText("Ce problème est lié à un objectif : modifiez ou retirez d'abord l'objectif.");
            return;
        }
        store(withTexts().withProblems(replace(working.problems(), p, null)), "Problème retiré.");
    }

    private void editObjective(Objective existing) {
        PlanDialogs.editObjective(owner, existing, working.problems()).ifPresent(o ->
                store(withTexts().withObjectives(replace(working.objectives(), existing, o)),
                        existing == null ? "Objectif ajouté." : "Objectif modifié."));
    }

    private void removeObjective() {
        Objective o = objectives.getSelectionModel().getSelectedItem();
        if (working.actions().stream().anyMatch(a -> o.uid().equals(a.objectiveUid()))) {
            messages.setText("Cet objectif est lié à une action : modifiez ou retirez d'abord l'action.");
            return;
        }
        store(withTexts().withObjectives(replace(working.objectives(), o, null)), "Objectif retiré.");
    }

    private void editAction(Action.Part part, Action existing) {
        PlanDialogs.editAction(owner, part, existing, working.objectives(), team).ifPresent(a ->
                store(withTexts().withActions(replace(working.actions(), existing, a)),
                        existing == null ? "Action ajoutée au " + part.label().toLowerCase() + "." : "Action modifiée."));
    }

    private void removeAction(TableView<Action> table) {
        Action a = table.getSelectionModel().getSelectedItem();
        store(withTexts().withActions(replace(working.actions(), a, null)), "Action retirée.");
    }

    /** The list with {@code old} replaced by {@code now}, {@code now} added when old is null, old removed when now is null. */
    private static <T> List<T> replace(List<T> list, T old, T now) {
        List<T> out = new ArrayList<>(list);
        if (old == null) {
            out.add(now);
        } else if (now == null) {
            out.remove(old);
        } else {
            out.set(out.indexOf(old), now);
        }
        return out;
    }

    /** The working content with what the text fields hold now. */
    private PlanContent withTexts() {
        List<Issue> problems = new ArrayList<>();
        Forms.commitDate(reevaluation, "reevaluation", "Réévaluation", problems);
        return new PlanContent(coordinator.getValue() == null ? null : coordinator.getValue().id(),
                Forms.blankToNull(synthesis.get(Dimension.MEDICALE).getText()), Forms.blankToNull(synthesis.get(Dimension.PSYCHOLOGIQUE).getText()),
                Forms.blankToNull(synthesis.get(Dimension.SOCIALE).getText()), Forms.blankToNull(synthesis.get(Dimension.ENVIRONNEMENTALE).getText()),
                Forms.blankToNull(preferences.getText()), Forms.blankToNull(projects.getText()), Forms.blankToNull(alert.getText()),
                problems.isEmpty() ? reevaluation.getValue() : working.reevaluationOn(), working.problems(), working.objectives(),
                working.actions());
    }

    private void saveTexts() {
        if (working == null) {
            return;
        }
        List<Issue> problems = new ArrayList<>();
        Forms.commitDate(reevaluation, "reevaluation", "Réévaluation prévue le", problems);
        if (!problems.isEmpty()) {
            messages.setText(problems.getFirst().message());
            return;
        }
        store(withTexts(), "Plan enregistré.");
    }

    /** True when the text fields hold something not saved yet. */
    boolean isDirty() {
        return working != null && !withTexts().equals(working);
    }

    /** Saves the draft with {@code content}; on refusal the tables go back to what was saved and the reasons are shown. */
    private void store(PlanContent content, String done) {
        int planId = plan.id();
        PlanContent previous = working;
        // The next edit builds on this one even before the save has come back.
        working = content;
        Background.run("save-plan", () -> {
            plans.saveDraft(planId, content);
            return null;
        }, r -> reload(done), e -> {
            working = previous;
            fill(previous);
            showError(e);
        });
    }

    /**
     * Saves the texts typed in the draft, if any, before the pane is left or rebuilt: a short write on the
     * JavaFX thread, so that what follows reads it. False when it was refused (the reasons are shown).
     */
    boolean flush() {
        if (working == null || plan == null || !isDirty()) {
            return true;
        }
        List<Issue> problems = new ArrayList<>();
        Forms.commitDate(reevaluation, "reevaluation", "Réévaluation prévue le", problems);
        if (!problems.isEmpty()) {
            messages.setText(problems.getFirst().message());
            return false;
        }
        PlanContent content = withTexts();
        try {
            plans.saveDraft(plan.id(), content);
            working = content;
            return true;
        } catch (RuntimeException e) {
            showError(e);
            return false;
        }
    }

    // ---------------------------------------------------------------- lifecycle

    private void startPlan() {
        run("start-plan", () -> plans.start(patient.id()), "Plan commencé : version 1, brouillon.");
    }

    private void validatePlan() {
        PlanContent content = withTexts();
        int planId = plan.id();
        Background.run("check-plan", () -> {
            plans.saveDraft(planId, content);
            return plans.validationIssues(planId);
        }, issues -> {
            if (!issues.isEmpty()) {
                // The texts were saved with the check: the draft now holds them.
                working = content;
                showIssues("Le plan ne peut pas encore être validé :", issues);
                return;
            }
            PlanDialogs.datedText(owner, "Valider le plan", "Le plan a été élaboré avec le médecin traitant et accepté par la personne. "
                            + "Une version validée ne change plus : elle se révise.", "Validé le", null, false, "Valider", "validate")
                    .ifPresent(d -> run("validate-plan", () -> {
                        plans.validate(planId, d.on());
                        return null;
                    }, "Plan validé le " + Forms.date(d.on()) + "."));
        }, e -> showError(e));
    }

    private void revisePlan() {
        int planId = plan.id();
        PlanDialogs.datedText(owner, "Réviser le plan", "Une nouvelle version est écrite à partir de la version en vigueur, "
                        + "qui reste valable jusqu'à la validation de la nouvelle.", null, "Motif de la révision", false, "Réviser", "revise")
                .ifPresent(d -> run("revise-plan", () -> plans.revise(planId, d.text()), "Révision commencée."));
    }

    private void discardRevision() {
        if (Dialogs.confirm(owner, "Abandonner la révision", "Abandonner la version " + shown.version() + " ?",
                "Ce qui a été écrit dans cette révision sera perdu. La version en vigueur reste inchangée.", "Abandonner la révision",
                "Continuer la révision")) {
            int planId = plan.id();
            run("discard-plan", () -> {
                plans.discardRevision(planId);
                return null;
            }, "Révision abandonnée.");
        }
    }

    private void closePlan() {
        int planId = plan.id();
        PlanDialogs.datedText(owner, "Clôturer le plan", "Le plan est terminé : objectifs atteints, situation stabilisée, départ, décès… "
                        + "Il reste consultable." + (plan.draft().isPresent() && plan.draft().get().version() > 1
                        ? " La révision en cours sera abandonnée." : ""), "Clôturé le", "Motif", true, "Clôturer", "close")
                .ifPresent(d -> run("close-plan", () -> {
                    plans.close(planId, d.on(), d.text());
                    return null;
                }, "Plan clôturé."));
    }

    private void run(String name, Callable<?> work, String done) {
        Background.run(name, work, r -> reload(done), this::showError);
    }

    private void showError(Throwable e) {
        if (e instanceof InputException ie) {
            showIssues(null, ie.issues());
        } else {
            messages.setText(TeamView.describe(e));
        }
        messages.getStyleClass().remove("success");
    }

    private void showIssues(String intro, List<Issue> issues) {
        String list = issues.stream().map(i -> "• " + i.message()).collect(Collectors.joining("\n"));
        messages.setText(intro == null ? list : intro + "\n" + list);
        messages.getStyleClass().remove("success");
    }

    // ---------------------------------------------------------------- printing

    /** Which copy to print: complete, or for social actors (without the care part); empty if cancelled. */
    private Optional<Boolean> askCopy(String action) {
        javafx.scene.control.ButtonType full = new javafx.scene.control.ButtonType("Copie complète",
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType social = new javafx.scene.control.ButtonType("Copie pour les intervenants sociaux",
                javafx.scene.control.ButtonBar.ButtonData.NO);
        javafx.scene.control.ButtonType cancel = new javafx.scene.control.ButtonType("Annuler",
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.NONE,
                "La copie pour les intervenants sociaux ne contient ni le plan de soins ni les informations de santé : "
                        + "à remettre quand la personne ne souhaite pas partager la partie soins.", full, social, cancel);
        alert.initOwner(owner);
        alert.setTitle(action);
        alert.setHeaderText(action + " : version " + shown.version() + " du plan " + plan.reference());
        alert.getDialogPane().setId("copy-dialog");
        return alert.showAndWait().filter(b -> b != cancel).map(b -> b == social);
    }

    private void exportPdf() {
        PlanVersion v = shown;
        askCopy("Enregistrer en PDF").ifPresent(social -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Enregistrer le plan en PDF");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Document PDF", "*.pdf"));
            java.io.File documents = new java.io.File(System.getProperty("user.home"), "Documents");
            chooser.setInitialDirectory(documents.isDirectory() ? documents : new java.io.File(System.getProperty("user.home")));
            chooser.setInitialFileName(plan.reference() + "-v" + v.version() + (social ? "-copie-sociale" : "") + ".pdf");
            java.io.File file = chooser.showSaveDialog(owner);
            if (file != null) {
                savePdf(v, social, file.toPath());
            }
        });
    }

    /** Writes the PDF (the user chose the file, so an existing one is replaced) and says where. */
    void savePdf(PlanVersion v, boolean social, java.nio.file.Path file) {
        int planId = plan.id();
        Background.run("plan-pdf", () -> documents().export(planId, v.version(), social, file, true), path -> {
            messages.getStyleClass().remove("success");
            messages.getStyleClass().add("success");
            messages.setText("PDF enregistré : " + path + ". Il contient des données de santé : ne le partagez qu'avec l'équipe de soins.");
        }, this::showError);
    }

    private fr.coordo.plan.PlanDocuments documents() {
        return new fr.coordo.plan.PlanDocuments(workspace.database());
    }

    /** Prints through the system's print dialog; the document is the same as the PDF. */
    private void printPlan() {
        PlanVersion v = shown;
        int planId = plan.id();
        String reference = plan.reference();
        askCopy("Imprimer").ifPresent(social -> Background.run("plan-print", () -> {
            byte[] bytes = fr.coordo.plan.PlanPdf.render(documents().snapshot(planId, v.version()), social,
                    java.time.Clock.system(fr.coordo.store.Database.ZONE));
            switch (Printing.print(bytes, reference + " v" + v.version())) {
                case NO_PRINTER -> {
                    return "Aucune imprimante n'est installée sur ce poste : enregistrez le plan en PDF pour l'imprimer ailleurs.";
                }
                case CANCELLED -> {
                    return "Impression annulée.";
                }
                case PRINTED -> { }
            }
            plans.recordPrint(planId, v.version(), "imprimante", social);
            return "Plan envoyé à l'imprimante.";
        }, text -> {
            messages.getStyleClass().remove("success");
            messages.getStyleClass().add("success");
            messages.setText(text);
        }, e -> messages.setText("L'impression a échoué : " + TeamView.describe(e))));
    }

    // ---------------------------------------------------------------- follow-up and history

    private Node followUp() {
        TableView<Action> followed = new TableView<>();
        followed.setId("plan-followed");
        followed.getColumns().setAll(List.of(
                col("Action", 240, a -> a.label() + "\n" + a.part().label()),
                col("Qui", 150, this::who),
                col("Échéance", 100, a -> Forms.date(a.dueOn())),
                col("Où en est-elle", 170, a -> a.status().label() + (a.result() == null ? "" : " : " + a.result()))));
        followed.getItems().setAll(plan.followedActions());
        followed.setFixedCellSize(64);
        followed.setPrefHeight(Math.max(2, followed.getItems().size()) * 64 + 42);
        followed.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button progress = button("plan-progress", "Enregistrer l'avancement…");
        progress.disableProperty().bind(followed.getSelectionModel().selectedItemProperty().isNull());
        int planId = plan.id();
        progress.setOnAction(e -> {
            Action a = followed.getSelectionModel().getSelectedItem();
            PlanDialogs.progress(owner, a).ifPresent(p -> run("progress", () -> {
                plans.recordProgress(planId, a.uid(), p.on(), p.status(), p.result());
                return null;
            }, "Avancement enregistré."));
        });
        Button step = button("plan-add-step", "Ajouter un point d'étape…");
        step.setOnAction(e -> PlanDialogs.step(owner).ifPresent(s -> run("step", () -> {
            plans.addStep(planId, s.on(), s.note(), s.feedback());
            return null;
        }, "Point d'étape ajouté.")));
        VBox steps = new VBox(4);
        steps.setId("plan-steps");
        if (plan.steps().isEmpty()) {
            Label none = new Label("Aucun point d'étape pour l'instant.");
            none.getStyleClass().add("text-muted");
            steps.getChildren().add(none);
        }
        for (Step s : plan.steps()) {
            Label l = new Label(Forms.date(s.on()) + " — " + s.author() + " : " + s.note()
                    + (s.feedbackToPhysician() ? "  (retour envoyé au médecin traitant)" : ""));
            l.setWrapText(true);
            steps.getChildren().add(l);
        }
        return new VBox(18, section("Où en sont les actions", progress, followed), section("Points d'étape", step, steps));
    }

    private Node history() {
        VBox lines = new VBox(4);
        lines.setId("plan-history");
        lines.getChildren().add(new Label("Plan commencé le " + plan.createdAt().format(AT) + " par " + plan.createdBy() + "."));
        for (PlanVersion v : plan.versions()) {
            String text = "Version " + v.version() + (v.revisionReason() == null ? "" : " (révision : " + v.revisionReason() + ")")
                    + " : écrite par " + v.createdBy() + " à partir du " + v.createdAt().format(AT)
                    + (v.validatedAt() == null ? ", pas encore validée."
                    : ", validée le " + Forms.date(v.validatedOn()) + " par " + v.validatedBy() + " (enregistré le "
                    + v.validatedAt().atZoneSameInstant(fr.coordo.store.Database.ZONE).format(AT) + ")"
                    + (v.status() == PlanVersion.Status.REMPLACE ? ", remplacée depuis." : "."));
            Label l = new Label(text);
            l.setWrapText(true);
            lines.getChildren().add(l);
        }
        if (plan.closedOn() != null) {
            lines.getChildren().add(new Label("Clôturé le " + Forms.date(plan.closedOn()) + " par " + plan.closedBy() + " : "
                    + plan.closedReason() + "."));
        }
        return section("Versions et validations", lines);
    }
}
