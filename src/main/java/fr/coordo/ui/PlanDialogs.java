package fr.coordo.ui;

import static fr.coordo.ui.Forms.blankToNull;
import static fr.coordo.ui.Forms.label;
import static fr.coordo.ui.Forms.nz;

import fr.coordo.identity.Issue;
import fr.coordo.plan.Action;
import fr.coordo.plan.Dimension;
import fr.coordo.plan.Labels;
import fr.coordo.plan.Objective;
import fr.coordo.plan.PlanService;
import fr.coordo.plan.Problem;
import fr.coordo.plan.ProblemCatalogue;
import fr.coordo.team.Professional;
import fr.coordo.team.Professions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The dialogs that add or edit one line of the plan: problems, objectives, actions, follow-up. */
final class PlanDialogs {
    private PlanDialogs() {}

    /** The check-list of the HAS model: the problems ticked that the plan does not hold yet. */
    static List<Problem> pickProblems(Stage owner, Set<String> present) {
        VBox boxes = new VBox(4);
        List<CheckBox> checks = new ArrayList<>();
        String group = null;
        for (ProblemCatalogue.Entry e : ProblemCatalogue.all()) {
            if (!e.group().equals(group)) {
                group = e.group();
                Label g = new Label(group);
                g.getStyleClass().add("title-4");
                g.setPadding(new Insets(8, 0, 2, 0));
                boxes.getChildren().add(g);
            }
            CheckBox c = new CheckBox(e.label() + "  (" + e.dimension().label().toLowerCase() + ")");
            c.setId("problem-" + e.code());
            c.setUserData(e);
            if (present.contains(e.code())) {
                c.setSelected(true);
                c.setDisable(true);
            }
            checks.add(c);
            boxes.getChildren().add(c);
        }
        CheckBox explore = new CheckBox("À explorer (?) : à confirmer lors d'une prochaine évaluation");
        explore.setId("problem-explore");
        ComboBox<Integer> priority = priorityCombo("problem-priority");
        GridPane bottom = grid();
        bottom.addRow(0, label("Priorité", priority), priority);
        bottom.add(explore, 0, 1, 2, 1);
        ScrollPane scroll = new ScrollPane(boxes);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(380);
        VBox content = new VBox(10, scroll, bottom);
        Dialog<List<Problem>> d = dialog(owner, "Ajouter des problèmes", "Cochez les situations à problème repérées lors de l'évaluation.",
                content, "Ajouter", "problems-dialog", () -> List.of());
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE
                ? checks.stream().filter(c -> c.isSelected() && !c.isDisable()).map(c -> (ProblemCatalogue.Entry) c.getUserData())
                .map(e -> new Problem(PlanService.newUid(), e.code(), e.label(), e.dimension(), priority.getValue(), explore.isSelected(), null))
                .toList() : null);
        return d.showAndWait().orElse(List.of());
    }

    /** A free-text problem, or one of the list to edit. */
    static Optional<Problem> editProblem(Stage owner, Problem existing) {
        TextField label = text("problem-label", existing == null ? "" : existing.label());
        ComboBox<Dimension> dimension = combo("problem-dimension", Dimension.values());
        dimension.setValue(existing == null ? Dimension.MEDICALE : existing.dimension());
        ComboBox<Integer> priority = priorityCombo("problem-priority");
        priority.setValue(existing == null ? 2 : existing.priority());
        CheckBox explore = new CheckBox("À explorer (?)");
        explore.setId("problem-explore");
        explore.setSelected(existing != null && existing.toExplore());
        TextArea notes = Forms.area("problem-notes", 3);
        notes.setText(existing == null ? "" : nz(existing.notes()));
        GridPane g = grid();
        int row = 0;
        g.addRow(row++, label("Problème *", label), label);
        g.addRow(row++, label("Dimension", dimension), dimension);
        g.addRow(row++, label("Priorité", priority), priority);
        g.add(explore, 1, row++);
        g.addRow(row, label("Précisions", notes), notes);
        Dialog<Problem> d = dialog(owner, existing == null ? "Problème libre" : "Modifier le problème",
                "Décrivez la situation à problème avec les mots de l'équipe et de la personne.", g,
                existing == null ? "Ajouter" : "Enregistrer", "problem-dialog", () -> blankToNull(label.getText()) == null
                        ? "Problème : le libellé est obligatoire." : null);
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE
                ? new Problem(existing == null ? PlanService.newUid() : existing.uid(), existing == null ? null : existing.code(),
                label.getText().strip(), dimension.getValue(), priority.getValue(), explore.isSelected(), blankToNull(notes.getText())) : null);
        return d.showAndWait();
    }

    static Optional<Objective> editObjective(Stage owner, Objective existing, List<Problem> problems) {
        TextField label = text("objective-label", existing == null ? "" : existing.label());
        ComboBox<Problem> problem = new ComboBox<>();
        problem.getItems().add(null);
        problem.getItems().addAll(problems);
        Forms.labelled(problem, p -> p == null ? "—" : p.label());
        problem.setId("objective-problem");
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.setValue(existing == null ? (problems.isEmpty() ? null : problems.getLast())
                : problems.stream().filter(p -> p.uid().equals(existing.problemUid())).findFirst().orElse(null));
        TextField criterion = text("objective-criterion", existing == null ? "" : nz(existing.criterion()));
        criterion.setPromptText("comment saura-t-on qu'il est atteint ?");
        DatePicker target = Forms.datePicker("objective-target");
        target.setValue(existing == null ? null : existing.targetOn());
        ComboBox<Objective.Status> status = combo("objective-status", Objective.Status.values());
        status.setValue(existing == null ? Objective.Status.EN_COURS : existing.status());
        TextField reason = text("objective-reason", existing == null ? "" : nz(existing.reason()));
        reason.disableProperty().bind(status.valueProperty().isNotEqualTo(Objective.Status.NON_ATTEINT));
        GridPane g = grid();
        int row = 0;
        g.addRow(row++, label("Objectif partagé *", label), label);
        g.addRow(row++, label("Répond au problème", problem), problem);
        g.addRow(row++, label("Critère d'évaluation", criterion), criterion);
        g.addRow(row++, label("Échéance", target), target);
        g.addRow(row++, label("Statut", status), status);
        g.addRow(row, label("Si non atteint : pourquoi", reason), reason);
        List<Issue> dateProblems = new ArrayList<>();
        Dialog<Objective> d = dialog(owner, existing == null ? "Nouvel objectif partagé" : "Modifier l'objectif",
                "Un objectif négocié avec la personne, avec son critère d'évaluation.", g,
                existing == null ? "Ajouter" : "Enregistrer", "objective-dialog", () -> {
                    dateProblems.clear();
                    Forms.commitDate(target, "target", "Échéance", dateProblems);
                    if (!dateProblems.isEmpty()) {
                        return dateProblems.getFirst().message();
                    }
                    if (blankToNull(label.getText()) == null) {
                        return "Objectif : le libellé est obligatoire.";
                    }
                    if (status.getValue() == Objective.Status.NON_ATTEINT && blankToNull(reason.getText()) == null) {
                        return "Objectif non atteint : indiquez pourquoi.";
                    }
                    return null;
                });
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE
                ? new Objective(existing == null ? PlanService.newUid() : existing.uid(), problem.getValue() == null ? null : problem.getValue().uid(),
                label.getText().strip(), blankToNull(criterion.getText()), target.getValue(), status.getValue(),
                status.getValue() == Objective.Status.NON_ATTEINT ? blankToNull(reason.getText()) : null) : null);
        return d.showAndWait();
    }

    static Optional<Action> editAction(Stage owner, Action.Part part, Action existing, List<Objective> objectives, List<Professional> team) {
        TextField label = text("action-label", existing == null ? "" : existing.label());
        ComboBox<Action.Kind> kind = combo("action-kind", Action.Kind.values());
        kind.setValue(existing != null ? existing.kind() : part == Action.Part.SOINS ? Action.Kind.SOINS : Action.Kind.ACCOMPAGNEMENT);
        ComboBox<Objective> objective = new ComboBox<>();
        objective.getItems().add(null);
        objective.getItems().addAll(objectives);
        Forms.labelled(objective, o -> o == null ? "—" : o.label());
        objective.setId("action-objective");
        objective.setMaxWidth(Double.MAX_VALUE);
        objective.setValue(existing == null ? (objectives.isEmpty() ? null : objectives.getLast())
                : objectives.stream().filter(o -> o.uid().equals(existing.objectiveUid())).findFirst().orElse(null));
        ComboBox<Action.Actor> actor = combo("action-actor", Action.Actor.values());
        actor.setValue(existing == null ? Action.Actor.PROFESSIONNEL : existing.actor());
        ComboBox<Professional> professional = new ComboBox<>();
        professional.getItems().setAll(team);
        Forms.labelled(professional, p -> p.firstName() + " " + p.lastName() + " — " + Professions.label(p.professionCode()).toLowerCase());
        professional.setId("action-professional");
        professional.setMaxWidth(Double.MAX_VALUE);
        professional.setValue(existing == null || existing.professionalId() == null ? null
                : team.stream().filter(p -> p.id() == existing.professionalId()).findFirst().orElse(null));
        professional.disableProperty().bind(actor.valueProperty().isNotEqualTo(Action.Actor.PROFESSIONNEL));
        TextField actorName = text("action-actor-name", existing == null ? "" : nz(existing.actorName()));
        actorName.setPromptText("SSIAD, CCAS, nom de l'aidant…");
        actorName.disableProperty().bind(actor.valueProperty().isEqualTo(Action.Actor.PROFESSIONNEL)
                .or(actor.valueProperty().isEqualTo(Action.Actor.PERSONNE)));
        DatePicker start = Forms.datePicker("action-start");
        start.setValue(existing == null ? null : existing.startOn());
        TextField frequency = text("action-frequency", existing == null ? "" : nz(existing.frequency()));
        frequency.setPromptText("ex. 2 fois par semaine");
        DatePicker due = Forms.datePicker("action-due");
        due.setValue(existing == null ? null : existing.dueOn());
        TextField criterion = text("action-criterion", existing == null ? "" : nz(existing.criterion()));
        ComboBox<Action.Status> status = combo("action-status", Action.Status.values());
        status.setValue(existing == null ? Action.Status.PREVUE : existing.status());
        TextField reason = text("action-reason", existing == null ? "" : nz(existing.reason()));
        reason.disableProperty().bind(status.valueProperty().isNotEqualTo(Action.Status.ABANDONNEE));
        TextField result = text("action-result", existing == null ? "" : nz(existing.result()));
        GridPane g = grid();
        int row = 0;
        g.addRow(row++, label("Action *", label), label);
        g.addRow(row++, label("Type", kind), kind);
        g.addRow(row++, label("Objectif", objective), objective);
        g.addRow(row++, label("Qui", actor), actor);
        g.addRow(row++, label("Professionnel", professional), professional);
        g.addRow(row++, label("Intervenant ou aidant", actorName), actorName);
        g.addRow(row++, label("À partir du", start), start);
        g.addRow(row++, label("Fréquence", frequency), frequency);
        g.addRow(row++, label("Échéance", due), due);
        g.addRow(row++, label("Critère d'évaluation", criterion), criterion);
        g.addRow(row++, label("Statut", status), status);
        g.addRow(row++, label("Si abandonnée : pourquoi", reason), reason);
        g.addRow(row, label("Résultat", result), result);
        List<Issue> dateProblems = new ArrayList<>();
        Dialog<Action> d = dialog(owner, (existing == null ? "Nouvelle action — " : "Modifier l'action — ") + part.label().toLowerCase(),
                part == Action.Part.SOINS ? "Une action de soins : qui la réalise, quand, et comment on en juge."
                        : "Une action d'aide ou d'accompagnement social : qui la réalise, quand, et comment on en juge.",
                g, existing == null ? "Ajouter" : "Enregistrer", "action-dialog", () -> {
                    dateProblems.clear();
                    Forms.commitDate(start, "start", "À partir du", dateProblems);
                    Forms.commitDate(due, "due", "Échéance", dateProblems);
                    if (!dateProblems.isEmpty()) {
                        return dateProblems.getFirst().message();
                    }
                    if (blankToNull(label.getText()) == null) {
                        return "Action : le libellé est obligatoire.";
                    }
                    if (actor.getValue() == Action.Actor.PROFESSIONNEL && professional.getValue() == null) {
                        return "Qui : choisissez le professionnel de l'équipe.";
                    }
                    if ((actor.getValue() == Action.Actor.EXTERIEUR || actor.getValue() == Action.Actor.AIDANT)
                            && blankToNull(actorName.getText()) == null) {
                        return "Qui : indiquez l'intervenant ou l'aidant.";
                    }
                    if (status.getValue() == Action.Status.ABANDONNEE && blankToNull(reason.getText()) == null) {
                        return "Action abandonnée : indiquez pourquoi.";
                    }
                    if (start.getValue() != null && due.getValue() != null && due.getValue().isBefore(start.getValue())) {
                        return "Échéance : elle précède le début.";
                    }
                    return null;
                });
        d.setResultConverter(b -> {
            if (b == null || b.getButtonData() != ButtonBar.ButtonData.OK_DONE) {
                return null;
            }
            boolean pro = actor.getValue() == Action.Actor.PROFESSIONNEL;
            return new Action(existing == null ? PlanService.newUid() : existing.uid(), part, kind.getValue(),
                    objective.getValue() == null ? null : objective.getValue().uid(), label.getText().strip(), actor.getValue(),
                    pro ? professional.getValue().id() : null, pro || actor.getValue() == Action.Actor.PERSONNE ? null : blankToNull(actorName.getText()),
                    start.getValue(), blankToNull(frequency.getText()), due.getValue(), blankToNull(criterion.getText()), status.getValue(),
                    status.getValue() == Action.Status.ABANDONNEE ? blankToNull(reason.getText()) : null, blankToNull(result.getText()));
        });
        return d.showAndWait();
    }

    /** Progress of a followed action. */
    record Progress(LocalDate on, Action.Status status, String result) {}

    static Optional<Progress> progress(Stage owner, Action action) {
        DatePicker on = Forms.datePicker("progress-on");
        on.setValue(LocalDate.now(fr.coordo.store.Database.ZONE));
        ComboBox<Action.Status> status = combo("progress-status", Action.Status.values());
        status.setValue(action.status());
        TextField result = text("progress-result", nz(action.result()));
        GridPane g = grid();
        g.addRow(0, label("Le", on), on);
        g.addRow(1, label("Statut", status), status);
        g.addRow(2, label("Résultat", result), result);
        List<Issue> problems = new ArrayList<>();
        Dialog<Progress> d = dialog(owner, "Avancement de l'action", action.label(), g, "Enregistrer", "progress-dialog", () -> {
            problems.clear();
            Forms.commitDate(on, "on", "Date", problems);
            return problems.isEmpty() ? (on.getValue() == null ? "Date : obligatoire." : null) : problems.getFirst().message();
        });
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE
                ? new Progress(on.getValue(), status.getValue(), blankToNull(result.getText())) : null);
        return d.showAndWait();
    }

    /** A point d'étape. */
    record StepInput(LocalDate on, String note, boolean feedback) {}

    static Optional<StepInput> step(Stage owner) {
        DatePicker on = Forms.datePicker("step-on");
        on.setValue(LocalDate.now(fr.coordo.store.Database.ZONE));
        TextArea note = Forms.area("step-note", 4);
        CheckBox feedback = new CheckBox("Retour envoyé au médecin traitant");
        feedback.setId("step-feedback");
        GridPane g = grid();
        g.addRow(0, label("Le", on), on);
        g.addRow(1, label("Constats, ajustements *", note), note);
        g.add(feedback, 1, 2);
        List<Issue> problems = new ArrayList<>();
        Dialog<StepInput> d = dialog(owner, "Point d'étape", "Ce qui a été constaté ou décidé depuis le dernier point.", g, "Ajouter",
                "step-dialog", () -> {
                    problems.clear();
                    Forms.commitDate(on, "on", "Date", problems);
                    if (!problems.isEmpty()) {
                        return problems.getFirst().message();
                    }
                    return on.getValue() == null ? "Date : obligatoire." : blankToNull(note.getText()) == null ? "Note : obligatoire." : null;
                });
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE
                ? new StepInput(on.getValue(), note.getText().strip(), feedback.isSelected()) : null);
        return d.showAndWait();
    }

    /** A date and a text, for validation, revision and closing. */
    record DatedText(LocalDate on, String text) {}

    static Optional<DatedText> datedText(Stage owner, String title, String header, String dateLabel, String textLabel, boolean textRequired,
                                         String action, String id) {
        DatePicker on = Forms.datePicker(id + "-on");
        on.setValue(LocalDate.now(fr.coordo.store.Database.ZONE));
        TextField text = text(id + "-text", "");
        GridPane g = grid();
        int row = 0;
        if (dateLabel != null) {
            g.addRow(row++, label(dateLabel, on), on);
        }
        if (textLabel != null) {
            g.addRow(row, label(textLabel, text), text);
        }
        List<Issue> problems = new ArrayList<>();
        Dialog<DatedText> d = dialog(owner, title, header, g, action, id + "-dialog", () -> {
            problems.clear();
            Forms.commitDate(on, "on", dateLabel == null ? "Date" : dateLabel, problems);
            if (!problems.isEmpty()) {
                return problems.getFirst().message();
            }
            if (dateLabel != null && on.getValue() == null) {
                return dateLabel + " : obligatoire.";
            }
            return textRequired && blankToNull(text.getText()) == null ? textLabel + " : obligatoire." : null;
        });
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE
                ? new DatedText(on.getValue(), blankToNull(text.getText())) : null);
        return d.showAndWait();
    }

    // ---------------------------------------------------------------- building blocks

    /** A dialog whose action button stays until {@code problem} returns null: see {@link Dialogs#checked}. */
    private static <T> Dialog<T> dialog(Stage owner, String title, String header, Node content, String action, String id,
                                        Supplier<?> problem) {
        return Dialogs.checked(owner, title, header, content, action, id,
                () -> problem.get() instanceof String s && !s.isEmpty() ? s : null, 620);
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(new ColumnConstraints(), grow);
        return g;
    }

    private static TextField text(String id, String value) {
        TextField f = new TextField(value);
        f.setId(id);
        return f;
    }

    private static ComboBox<Integer> priorityCombo(String id) {
        ComboBox<Integer> c = new ComboBox<>();
        c.getItems().setAll(1, 2, 3);
        Forms.labelled(c, Problem::priorityLabel);
        c.setValue(1);
        c.setId(id);
        return c;
    }

    @SafeVarargs
    private static <E extends Labels> ComboBox<E> combo(String id, E... values) {
        ComboBox<E> c = new ComboBox<>();
        c.getItems().setAll(values);
        Forms.labelled(c, Labels::label);
        c.setId(id);
        c.setMaxWidth(Double.MAX_VALUE);
        return c;
    }
}
