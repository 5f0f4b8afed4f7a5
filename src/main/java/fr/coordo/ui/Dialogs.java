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

    /** Unsaved changes would be lost: true when the user chooses to drop them. */
    static boolean confirmDiscard(Stage owner) {
        return confirm(owner, "Modifications non enregistrées", "Abandonner les modifications en cours ?",
                "Les modifications de la fiche en cours ne sont pas enregistrées.", "Abandonner les modifications", "Continuer la saisie");
    }

    /** A yes/no question before something that cannot be undone; true for {@code action}. */
    static boolean confirm(Stage owner, String title, String header, String text, String action, String back) {
        ButtonType yes = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(back, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, yes, no);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.getDialogPane().setId("confirm-dialog");
        return alert.showAndWait().filter(b -> b == yes).isPresent();
    }
}
