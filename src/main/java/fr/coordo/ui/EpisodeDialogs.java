package fr.coordo.ui;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.EndReason;
import fr.coordo.pathway.Episode;
import fr.coordo.pathway.EpisodeService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.LoggerFactory;

/**
 * The small dialogs of an episode — start it, record a séquence's actual dates, close it — and the form dialog
 * they and the inclusion share: the action button saves through the service at once, a refusal stays in the
 * dialog with each field named and marked (nothing was written), and the dialog closes only once saved.
 */
final class EpisodeDialogs {
    static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private EpisodeDialogs() {}

    /** Starts an included episode; true once started. */
    static boolean start(Window owner, EpisodeService episodes, Episode e) {
        DatePicker on = Forms.datePicker("episode-start-on");
        on.setValue(episodes.today());
        GridPane g = grid();
        g.addRow(0, Forms.label("Commencer le", on), on);
        Label hint = muted("Les séquences sont planifiées l'une après l'autre à partir de ce jour. Le projet " + e.projectReference()
                + " doit être validé, ou réputé validé, à cette date (article R.162-137).");
        g.add(hint, 0, 1, 2, 1);
        return form(owner, "Commencer l'épisode", "Commencer l'épisode " + e.reference() + " de " + e.patientName(), g, "Commencer",
                "episode-start", Map.of("startOn", on), () -> {
                    List<Issue> problems = new ArrayList<>();
                    Forms.commitDate(on, "startOn", "Commencer le", problems);
                    if (!problems.isEmpty()) {
                        return problems;
                    }
                    if (on.getValue() == null) {
                        return List.of(Issue.blocking("startOn", "Commencer le : la date est obligatoire."));
                    }
                    return attempt(() -> episodes.start(e.id(), on.getValue()));
                });
    }

    /** Records the actual start and end of a séquence; true once saved. */
    static boolean sequence(Window owner, EpisodeService episodes, Episode e, Episode.EpisodeSequence s) {
        DatePicker start = Forms.datePicker("sequence-actual-start");
        start.setValue(s.actualStart());
        DatePicker end = Forms.datePicker("sequence-actual-end");
        end.setValue(s.actualEnd());
        GridPane g = grid();
        g.addRow(0, new Label("Prévue"), new Label(period(s.plannedStart(), s.plannedEnd())));
        g.addRow(1, Forms.label("Début réel", start), start);
        g.addRow(2, Forms.label("Fin réelle", end), end);
        g.add(muted("Laissez la fin vide tant que la séquence n'est pas terminée."), 1, 3);
        return form(owner, "Dates réelles de la séquence", "Séquence « " + s.label() + " » de l'épisode " + e.reference(), g,
                "Enregistrer", "sequence", Map.of("actualStart", start, "actualEnd", end), () -> {
                    List<Issue> problems = new ArrayList<>();
                    Forms.commitDate(start, "actualStart", "Début réel", problems);
                    Forms.commitDate(end, "actualEnd", "Fin réelle", problems);
                    return problems.isEmpty() ? attempt(() -> episodes.recordSequence(e.id(), s.code(), start.getValue(), end.getValue()))
                            : problems;
                });
    }

    /** Closes an episode under way, after a confirmation; true once closed. */
    static boolean close(Window owner, EpisodeService episodes, Episode e) {
        DatePicker on = Forms.datePicker("episode-end-on");
        on.setValue(episodes.today());
        ComboBox<EndReason> reason = new ComboBox<>();
        reason.setId("episode-end-reason");
        reason.getItems().setAll(EndReason.values());
        Forms.labelled(reason, EndReason::label);
        reason.setPromptText("Choisissez le motif");
        TextArea note = Forms.area("episode-end-note", 3);
        note.setPromptText("Facultatif : ce qui a motivé la fin, ce qui a été transmis au médecin traitant…");
        GridPane g = grid();
        g.addRow(0, Forms.label("Fin de l'épisode le", on), on);
        g.addRow(1, Forms.label("Motif", reason), reason);
        g.addRow(2, Forms.label("Note", note), note);
        return form(owner, "Clore l'épisode", "Clore l'épisode " + e.reference() + " de " + e.patientName(), g, "Clore l'épisode",
                "episode-end", Map.of("endOn", on, "reason", reason), () -> {
                    List<Issue> problems = new ArrayList<>();
                    Forms.commitDate(on, "endOn", "Fin de l'épisode le", problems);
                    if (reason.getValue() == null) {
                        problems.add(Issue.blocking("reason", "Motif : choisissez comment l'épisode se termine."));
                    }
                    if (!problems.isEmpty()) {
                        return problems;
                    }
                    if (!Dialogs.confirm(stage(owner), "Clore l'épisode", "Clore l'épisode " + e.reference() + " ?",
                            "Fin le " + Forms.date(on.getValue()) + " : " + reason.getValue().label().toLowerCase()
                                    + ". Un épisode clos ne se rouvre pas : ses séquences ne se renseignent plus.",
                            "Clore l'épisode", "Revenir")) {
                        return List.of(Issue.blocking("", "Clôture non confirmée : rien n'a été enregistré."));
                    }
                    return attempt(() -> episodes.end(e.id(), on.getValue(), reason.getValue(), Forms.blankToNull(note.getText())));
                });
    }

    // ---------------------------------------------------------------- building blocks

    /** Runs a service call: no issue when it is done, the service's reasons when it refused. */
    static List<Issue> attempt(Runnable work) {
        try {
            work.run();
            return List.of();
        } catch (InputException refused) {
            return refused.issues();
        } catch (RuntimeException failed) {
            if (!(failed instanceof fr.coordo.store.StoreException)) {
                LoggerFactory.getLogger(EpisodeDialogs.class).error("Episode change failed", failed);
            }
            return List.of(Issue.blocking("", TeamView.describe(failed)));
        }
    }

    /**
     * A dialog whose action button runs {@code attempt}: while it returns issues, they are listed in the dialog,
     * their fields (by the issue's field name) are marked, and the dialog stays open with what was typed.
     */
    static boolean form(Window owner, String title, String header, Node content, String action, String id, Map<String, Node> fields,
                        Supplier<List<Issue>> attempt) {
        return form(owner, title, header, content, action, id, fields, attempt, 560);
    }

    static boolean form(Window owner, String title, String header, Node content, String action, String id, Map<String, Node> fields,
                        Supplier<List<Issue>> attempt, double width) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(header);
        Label error = new Label();
        error.setId(id + "-error");
        error.getStyleClass().add("form-messages");
        error.setWrapText(true);
        error.setMinHeight(Label.USE_PREF_SIZE);
        VBox box = new VBox(10, content, error);
        box.setPadding(new Insets(6, 4, 0, 4));
        box.setPrefWidth(width);
        d.getDialogPane().setContent(box);
        d.getDialogPane().setId(id + "-dialog");
        // the theme caps dialogs at 600 px, which would cut a wider form instead of showing it
        d.getDialogPane().setStyle("-fx-max-width: " + Math.round(width * 2) + "px;");
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ok, new ButtonType("Annuler", ButtonBar.ButtonData.CANCEL_CLOSE));
        d.getDialogPane().lookupButton(ok).setId(id + "-ok");
        d.getDialogPane().lookupButton(ok).addEventFilter(ActionEvent.ACTION, ev -> {
            fields.values().forEach(n -> n.pseudoClassStateChanged(DANGER, false));
            List<Issue> issues = attempt.get();
            if (!issues.isEmpty()) {
                showIssues(error, issues, fields);
                ev.consume();
            }
        });
        d.setResizable(true);
        return d.showAndWait().filter(b -> b == ok).isPresent();
    }

    /** Lists the issues (one per line) and marks their fields, the first one focused. */
    static void showIssues(Label error, List<Issue> issues, Map<String, Node> fields) {
        error.setText(issues.size() == 1 ? issues.getFirst().message()
                : issues.stream().map(i -> "• " + i.message()).collect(Collectors.joining("\n")));
        Node first = null;
        for (Issue i : issues) {
            Node n = fields.get(i.field());
            if (n != null) {
                n.pseudoClassStateChanged(DANGER, true);
                first = first == null ? n : first;
            }
        }
        if (first != null) {
            first.requestFocus();
        }
    }

    static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(label, grow);
        return g;
    }

    static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }

    /** « du 01/12/2026 au 30/11/2027 », with « à compléter » for a date the type does not fix. */
    static String period(LocalDate from, LocalDate to) {
        return "du " + (from == null ? "?" : Forms.date(from)) + " au " + (to == null ? "? (durée à compléter)" : Forms.date(to));
    }

    static Stage stage(Window owner) {
        return owner instanceof Stage s ? s : null;
    }
}
