package fr.coordo.ui;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.identity.SearchKey;
import fr.coordo.pathway.PcrType;
import fr.coordo.pathway.PcrTypeVersion;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.team.Professional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The dialogs of the projets de parcours. Those that record something call the service when their button is
 * pressed: a refusal is shown in the dialog, which stays open with what was typed, and nothing is written.
 */
final class ProjectDialogs {
    private ProjectDialogs() {}

    /** The PCR type of a new projet, among the current types; empty if cancelled. */
    static Optional<PcrTypeVersion> newProject(Window owner, List<PcrTypeVersion> types) {
        ComboBox<PcrTypeVersion> type = new ComboBox<>();
        type.setId("new-project-type");
        type.getItems().setAll(types);
        Forms.labelled(type, PcrTypeVersion::displayName);
        type.setMaxWidth(Double.MAX_VALUE);
        Label note = muted("");
        type.valueProperty().addListener((o, a, t) -> note.setText(t == null ? "" : toCompleteNote(t.type())));
        type.setValue(types.isEmpty() ? null : types.getFirst());
        GridPane g = grid();
        g.addRow(0, Forms.label("Type de PCR", type), type);
        g.add(note, 1, 1);
        Dialog<PcrTypeVersion> d = dialog(owner, "Nouveau projet de parcours",
                "Le projet commence en brouillon, version 1 : vous y ajouterez ensuite l'équipe, le démarrage prévu et les "
                        + "patients attendus.", g, "Créer le projet", "new-project-dialog",
                () -> type.getValue() == null ? "Type de PCR : choisissez un type du catalogue." : null);
        d.setResultConverter(b -> isOk(b) ? type.getValue() : null);
        return d.showAndWait();
    }

    static String toCompleteNote(PcrType t) {
        List<String> missing = t.toComplete();
        if (missing.isEmpty()) {
            return "";
        }
        return "À compléter dans Paramètres avant de déclarer le projet prêt à signer : " + String.join(", ", missing) + ".";
    }

    /** Professionals of the structure to add to the team, ticked in a list that a few letters filter. */
    static List<Professional> pickMembers(Window owner, List<Professional> candidates) {
        TextField filter = new TextField();
        filter.setId("members-filter");
        filter.setPromptText("Nom ou profession");
        Set<Professional> picked = new LinkedHashSet<>();
        FilteredList<Professional> shown = new FilteredList<>(FXCollections.observableArrayList(candidates));
        ListView<Professional> list = new ListView<>(shown);
        list.setId("members-list");
        list.setPrefHeight(360);
        Label count = muted("Aucun professionnel choisi.");
        count.setId("members-count");
        Runnable counted = () -> count.setText(picked.isEmpty() ? "Aucun professionnel choisi."
                : picked.size() == 1 ? "1 professionnel choisi." : picked.size() + " professionnels choisis.");
        list.setCellFactory(l -> new ListCell<>() {
            private final CheckBox box = new CheckBox();
            private final Label detail = new Label();
            private final VBox lines = new VBox(1, box, detail);

            {
                detail.getStyleClass().add("text-muted");
                detail.setPadding(new Insets(0, 0, 0, 26));
                box.setOnAction(e -> {
                    Professional p = getItem();
                    if (p != null) {
                        if (box.isSelected()) {
                            picked.add(p);
                        } else {
                            picked.remove(p);
                        }
                        counted.run();
                    }
                });
            }

            @Override
            protected void updateItem(Professional p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setGraphic(null);
                    return;
                }
                box.setText(p.displayName() + " — " + p.professionLabel());
                box.setId("member-pick-" + p.id());
                box.setSelected(picked.contains(p));
                List<String> missing = p.missingForPcr();
                detail.setText(missing.isEmpty() ? ProjectWording.rpps(p) + " · " + ProjectWording.am(p)
                        : "À compléter dans Équipe : " + String.join(", ", missing));
                setGraphic(lines);
            }
        });
        // Space ticks the line chosen with the arrows, as in a list of check boxes.
        list.setOnKeyPressed(e -> {
            Professional p = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.SPACE && p != null) {
                if (!picked.remove(p)) {
                    picked.add(p);
                }
                counted.run();
                list.refresh();
                e.consume();
            }
        });
        filter.textProperty().addListener((o, a, text) -> {
            String key = SearchKey.of(text);
            shown.setPredicate(p -> key.isEmpty() || SearchKey.of(p.displayName(), p.firstName() + " " + p.lastName(),
                    p.professionLabel()).contains(key));
        });
        Label empty = muted("Tous les professionnels actifs de la structure font déjà partie de l'équipe du projet.");
        VBox content = new VBox(8, Forms.label("Filtrer", filter), filter, list, count);
        if (candidates.isEmpty()) {
            content.getChildren().setAll(empty);
        }
        Dialog<List<Professional>> d = dialog(owner, "Ajouter des professionnels",
                "Cochez les professionnels de la structure qui participeront au parcours.", content, "Ajouter",
                "members-dialog", () -> picked.isEmpty() && !candidates.isEmpty() ? "Cochez au moins un professionnel." : null);
        d.setResultConverter(b -> isOk(b) ? List.copyOf(picked) : null);
        javafx.application.Platform.runLater(filter::requestFocus);
        return d.showAndWait().orElse(List.of());
    }

    /** Role and séquences of a member. */
    record MemberEdit(String role, List<String> sequences) {}

    static Optional<MemberEdit> member(Window owner, Professional p, String role, List<String> sequences, PcrType type) {
        TextField roleField = new TextField(Forms.nz(role));
        roleField.setId("member-role");
        roleField.setPromptText("par exemple : médecin référent, bilan diététique");
        CheckBox all = new CheckBox("Toutes les séquences");
        all.setId("member-all-sequences");
        VBox boxes = new VBox(6, all);
        List<CheckBox> checks = new ArrayList<>();
        for (PcrType.Sequence s : type.orderedSequences()) {
            CheckBox c = new CheckBox(s.label());
            c.setId("member-sequence-" + s.code());
            c.setUserData(s.code());
            c.setSelected(sequences.contains(s.code()));
            c.setPadding(new Insets(0, 0, 0, 24));
            c.disableProperty().bind(all.selectedProperty());
            checks.add(c);
            boxes.getChildren().add(c);
        }
        all.setSelected(sequences.isEmpty());
        GridPane g = grid();
        g.addRow(0, Forms.label("Rôle dans le parcours", roleField), roleField);
        Label seqLabel = Forms.label("Séquences", all);
        GridPane.setValignment(seqLabel, javafx.geometry.VPos.TOP);
        g.addRow(1, seqLabel, boxes);
        Dialog<MemberEdit> d = dialog(owner, "Rôle et séquences", p.displayName() + " (" + p.professionLabel() + ")", g,
                "Valider", "member-dialog", () -> !all.isSelected() && checks.stream().noneMatch(CheckBox::isSelected)
                        ? "Séquences : cochez « Toutes les séquences » ou au moins une séquence." : null);
        d.setResultConverter(b -> isOk(b) ? new MemberEdit(Forms.blankToNull(roleField.getText()), all.isSelected() ? List.of()
                : checks.stream().filter(CheckBox::isSelected).map(c -> (String) c.getUserData()).toList()) : null);
        return d.showAndWait();
    }

    /**
     * A date to record — a signature, an Ordre notification — defaulting to today. {@code record} writes it
     * (null clears it) and returns the refusal to show, or null. True when something was recorded.
     */
    static boolean date(Window owner, String title, String header, String dateLabel, LocalDate current, LocalDate today,
                        String clearText, String id, Function<LocalDate, String> record) {
        DatePicker on = Forms.datePicker(id + "-on");
        on.setValue(current != null ? current : today);
        GridPane g = grid();
        g.addRow(0, Forms.label(dateLabel, on), on);
        Dialog<Boolean> d = dialog(owner, title, header, g, "Enregistrer", id + "-dialog", () -> {
            List<Issue> problems = new ArrayList<>();
            Forms.commitDate(on, "on", dateLabel, problems);
            if (!problems.isEmpty()) {
                return problems.getFirst().message();
            }
            return on.getValue() == null ? dateLabel + " : obligatoire." : record.apply(on.getValue());
        });
        if (current != null) {
            ButtonType clear = new ButtonType(clearText, ButtonBar.ButtonData.LEFT);
            d.getDialogPane().getButtonTypes().add(clear);
            Node clearButton = d.getDialogPane().lookupButton(clear);
            clearButton.setId(id + "-dialog-clear");
            clearButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
                String problem = record.apply(null);
                if (problem != null) {
                    showError(d, problem);
                    e.consume();
                }
            });
        }
        d.setResultConverter(b -> b != null && b.getButtonData() != ButtonBar.ButtonData.CANCEL_CLOSE);
        return d.showAndWait().orElse(false);
    }

    /** The transmission to the ARS and the CPAM: the date, and the deadline it gives, worked out as it is typed. */
    static boolean transmit(Window owner, ProjectVersion v, LocalDate today, Function<LocalDate, String> record) {
        DatePicker on = Forms.datePicker("transmit-dialog-on");
        Label deadline = new Label();
        deadline.setId("transmit-dialog-deadline");
        deadline.setWrapText(true);
        deadline.getStyleClass().add("text-bold");
        java.util.function.Consumer<LocalDate> follow = d -> deadline.setText(d == null ? "" : "Échéance le "
                + Forms.date(ProjectVersion.deadlineOf(d)) + " : sans opposition de l'ARS à cette date, le projet sera réputé validé.");
        // The deadline follows what is typed, before the field is left.
        on.getEditor().textProperty().addListener((o, a, text) -> {
            try {
                follow.accept(on.getConverter().fromString(text));
            } catch (RuntimeException e) {
                follow.accept(null);
            }
        });
        on.setValue(today);
        follow.accept(today);
        GridPane g = grid();
        g.addRow(0, Forms.label("Transmis le", on), on);
        g.add(deadline, 0, 1, 2, 1);
        Label note = muted("Le dossier est envoyé à l'ARS et à la CPAM du siège de la structure. Ce qui est transmis ne change "
                + "plus : toute modification fera une version " + (v.version() + 1) + ", à déclarer de nouveau.");
        g.add(note, 0, 2, 2, 1);
        Dialog<Boolean> d = dialog(owner, "Transmettre à l'ARS et à la CPAM", "Transmission du projet " + v.displayReference(), g,
                "Enregistrer la transmission", "transmit-dialog", () -> {
                    List<Issue> problems = new ArrayList<>();
                    Forms.commitDate(on, "on", "Transmis le", problems);
                    if (!problems.isEmpty()) {
                        return problems.getFirst().message();
                    }
                    return on.getValue() == null ? "Transmis le : obligatoire." : record.apply(on.getValue());
                });
        d.setResultConverter(ProjectDialogs::isOk);
        return d.showAndWait().orElse(false);
    }

    /** What the ARS decided, within the window: validé, or opposé with its reason. */
    static boolean decision(Window owner, ProjectVersion v, LocalDate today, DecisionRecorder record) {
        ToggleGroup choice = new ToggleGroup();
        RadioButton valid = new RadioButton("Validé par l'ARS");
        valid.setId("decision-valid");
        valid.setToggleGroup(choice);
        valid.setSelected(true);
        RadioButton opposed = new RadioButton("Opposition de l'ARS");
        opposed.setId("decision-opposed");
        opposed.setToggleGroup(choice);
        DatePicker on = Forms.datePicker("decision-dialog-on");
        on.setValue(today);
        TextField note = new TextField();
        note.setId("decision-dialog-note");
        note.setPromptText("motif donné par l'ARS (obligatoire pour une opposition)");
        GridPane g = grid();
        g.addRow(0, new Label("Décision"), new HBox(16, valid, opposed));
        g.addRow(1, Forms.label("Date de la décision", on), on);
        g.addRow(2, Forms.label("Motif ou référence", note), note);
        Label window = muted("Transmis le " + Forms.date(v.transmittedOn()) + ", échéance le " + Forms.date(v.deadline().orElseThrow())
                + ". Sans réponse à l'échéance, le projet est réputé validé : rien à saisir.");
        g.add(window, 0, 3, 2, 1);
        Dialog<Boolean> d = dialog(owner, "Décision de l'ARS", "Décision sur le projet " + v.displayReference(), g,
                "Enregistrer la décision", "decision-dialog", () -> {
                    List<Issue> problems = new ArrayList<>();
                    Forms.commitDate(on, "on", "Date de la décision", problems);
                    if (!problems.isEmpty()) {
                        return problems.getFirst().message();
                    }
                    return record.record(opposed.isSelected() ? ProjectStatus.OPPOSE : ProjectStatus.VALIDE, on.getValue(),
                            Forms.blankToNull(note.getText()));
                });
        d.setResultConverter(ProjectDialogs::isOk);
        return d.showAndWait().orElse(false);
    }

    interface DecisionRecorder {
        /** Records the decision; the refusal to show, or null. */
        String record(ProjectStatus decision, LocalDate on, String note);
    }

    /** The reason of a new version of a transmitted projet; {@code record} makes it and returns the refusal, or null. */
    static boolean reason(Window owner, ProjectVersion v, String header, Function<String, String> record) {
        TextField text = new TextField();
        text.setId("reason-dialog-text");
        text.setPromptText("par exemple : arrivée d'une diététicienne, départ d'un masseur-kinésithérapeute");
        GridPane g = grid();
        g.addRow(0, Forms.label("Motif de la modification", text), text);
        Label note = muted("La version " + v.version() + " reste dans l'historique telle qu'elle a été transmise. La version "
                + (v.version() + 1) + " commence en brouillon : elle sera à signer et à transmettre de nouveau, avec un nouveau "
                + "délai de deux mois.");
        g.add(note, 0, 1, 2, 1);
        Dialog<Boolean> d = dialog(owner, "Nouvelle version du projet", header, g, "Créer la version " + (v.version() + 1),
                "reason-dialog", () -> Forms.blankToNull(text.getText()) == null ? "Motif de la modification : obligatoire."
                        : record.apply(text.getText().strip()));
        d.setResultConverter(ProjectDialogs::isOk);
        javafx.application.Platform.runLater(text::requestFocus);
        return d.showAndWait().orElse(false);
    }

    /** The refusal of a service, in French: the issues one per line, or the failure's sentence. */
    static String describe(Throwable e) {
        if (e instanceof InputException ie) {
            return ie.issues().stream().map(Issue::message).collect(Collectors.joining("\n"));
        }
        return TeamView.describe(e);
    }

    /** Runs {@code work} now (a short write) and gives the refusal to show, or null when it was done. */
    static String attempt(Runnable work) {
        try {
            work.run();
            return null;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ProjectDialogs.class).warn("Projet de parcours: action refused ({})", e.getClass().getSimpleName());
            return describe(e);
        }
    }

    // ---------------------------------------------------------------- building blocks

    private static boolean isOk(ButtonType b) {
        return b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE;
    }

    /** A dialog whose action button stays until {@code problem} returns null: see {@link Dialogs#checked}. */
    private static <T> Dialog<T> dialog(Window owner, String title, String header, Node content, String action, String id,
                                        Supplier<String> problem) {
        return Dialogs.checked(owner, title, header, content, action, id, problem, 600);
    }

    private static void showError(Dialog<?> d, String message) {
        ((Label) d.getDialogPane().getUserData()).setText(message);
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(10);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(label, grow);
        g.setAlignment(Pos.TOP_LEFT);
        return g;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        return l;
    }
}
