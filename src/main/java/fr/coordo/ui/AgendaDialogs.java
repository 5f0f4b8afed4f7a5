package fr.coordo.ui;

import fr.coordo.agenda.Conflict;
import fr.coordo.agenda.Scope;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The agenda's questions: which occurrences an edit applies to, and why to keep an appointment that clashes. */
final class AgendaDialogs {
    private AgendaDialogs() {}

    /** For an occurrence of a series: this one, this and the following ones, or all. Empty when abandoned. */
    static Optional<Scope> chooseScope(Stage owner, String what) {
        ButtonType one = new ButtonType(Scope.THIS.label(), ButtonBar.ButtonData.LEFT);
        ButtonType following = new ButtonType(Scope.FOLLOWING.label(), ButtonBar.ButtonData.OTHER);
        ButtonType all = new ButtonType(Scope.ALL.label(), ButtonBar.ButtonData.OK_DONE);
        ButtonType back = new ButtonType("Revenir", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                "Ce rendez-vous fait partie d'une série. Les rendez-vous déjà réalisés ou non honorés ne changent pas.",
                one, following, all, back);
        alert.initOwner(owner);
        alert.setTitle(what);
        alert.setHeaderText(what + " : lesquels ?");
        alert.getDialogPane().setId("scope-dialog");
        alert.getDialogPane().lookupButton(one).setId("scope-this");
        alert.getDialogPane().lookupButton(following).setId("scope-following");
        alert.getDialogPane().lookupButton(all).setId("scope-all");
        return alert.showAndWait().map(b -> b == one ? Scope.THIS : b == following ? Scope.FOLLOWING : b == all ? Scope.ALL : null);
    }

    /**
     * The clashes found before saving, and the reason to keep the appointment anyway: empty when the user
     * goes back to correct it.
     */
    static Optional<String> reasonToKeep(Stage owner, List<Conflict> conflicts) {
        Dialog<String> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Conflits d'agenda");
        d.setHeaderText("Avant d'enregistrer, vérifiez :");
        VBox list = new VBox(6);
        for (Conflict c : conflicts) {
            Label l = new Label("• " + c.message());
            l.setWrapText(true);
            l.getStyleClass().add("conflict-line");
            list.getChildren().add(l);
        }
        TextArea reason = Forms.area("conflict-reason", 2);
        reason.setPromptText("Par exemple : séance commune convenue avec le patient");
        VBox box = new VBox(10, list, Forms.label("Enregistrer malgré tout, parce que :", reason), reason);
        box.setPadding(new Insets(4));
        box.setPrefWidth(560);
        d.getDialogPane().setContent(box);
        d.getDialogPane().setId("conflict-dialog");
        ButtonType keep = new ButtonType("Enregistrer malgré tout", ButtonBar.ButtonData.OK_DONE);
        ButtonType back = new ButtonType("Revenir à la saisie", ButtonBar.ButtonData.CANCEL_CLOSE);
        d.getDialogPane().getButtonTypes().setAll(keep, back);
        d.getDialogPane().lookupButton(keep).setId("conflict-dialog-ok");
        d.getDialogPane().lookupButton(keep).disableProperty().bind(reason.textProperty().map(String::isBlank));
        d.setResultConverter(b -> b == keep ? reason.getText().strip() : null);
        javafx.application.Platform.runLater(reason::requestFocus);
        return d.showAndWait();
    }
}
