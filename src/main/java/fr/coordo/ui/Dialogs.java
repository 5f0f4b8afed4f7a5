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

    /**
     * A dialog whose action button stays until {@code problem} returns null or empty: the message is shown in the
     * dialog (and kept as the pane's user data for later messages), so the user corrects without losing what was typed.
     */
    static <T> javafx.scene.control.Dialog<T> checked(javafx.stage.Window owner, String title, String header, javafx.scene.Node content,
                                                      String action, String id, java.util.function.Supplier<String> problem, double width) {
        javafx.scene.control.Dialog<T> d = new javafx.scene.control.Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(header);
        javafx.scene.control.Label error = new javafx.scene.control.Label();
        error.setId(id + "-error");
        error.getStyleClass().add("form-messages");
        error.setWrapText(true);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(10, content, error);
        box.setPadding(new javafx.geometry.Insets(6, 4, 0, 4));
        box.setPrefWidth(width);
        // the theme caps dialogs at 600 px: a wider form would be cut
        d.getDialogPane().setStyle("-fx-max-width: " + (width + 60) + "px;");
        d.getDialogPane().setContent(box);
        d.getDialogPane().setId(id);
        d.getDialogPane().setUserData(error);
        javafx.scene.control.ButtonType ok = new javafx.scene.control.ButtonType(action, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ok,
                new javafx.scene.control.ButtonType("Annuler", javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE));
        d.getDialogPane().lookupButton(ok).setId(id + "-ok");
        d.getDialogPane().lookupButton(ok).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String message = problem.get();
            if (message != null && !message.isEmpty()) {
                error.setText(message);
                e.consume();
            }
        });
        d.setResizable(true);
        return d;
    }
}
