package fr.coordo.ui;

import fr.coordo.identity.Issue;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/** The questions the forms ask, worded once. */
final class Dialogs {
    private Dialogs() {}

    /** A doubtful check key (RPPS, ADELI, numéro AM, FINESS): true when the user confirms the number. */
    static boolean confirmDoubtfulKey(Stage owner, Issue warning) {
        ButtonType confirm = new ButtonType("Confirmer le numéro", ButtonBar.ButtonData.OK_DONE);
        ButtonType correct = new ButtonType("Corriger", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, warning.message(), confirm, correct);
        alert.initOwner(owner);
        alert.setTitle("Clé de contrôle douteuse");
        alert.setHeaderText(warning.confirmable().label() + " : le numéro saisi ne passe pas le contrôle");
        alert.getDialogPane().setId("confirm-key");
        return alert.showAndWait().filter(b -> b == confirm).isPresent();
    }
}
