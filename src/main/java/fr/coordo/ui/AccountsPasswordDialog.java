package fr.coordo.ui;

import fr.coordo.security.Vault;
import java.util.Arrays;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A password typed twice (and, for one's own, the current one first). Argon2 takes a moment: the check
 * runs in the background and the dialog stays open with the French refusal until it succeeds.
 */
final class AccountsPasswordDialog {
    /** The change to make; throws a StoreException with a French message when refused. */
    interface Work {
        void run(char[] current, char[] password, char[] confirmation);
    }

    private AccountsPasswordDialog() {}

    /** « Changer mon mot de passe », for everybody signed in. */
    static void open(Workspace ws, Window owner) {
        show(owner, "Changer mon mot de passe", "Changer mon mot de passe (" + ws.session().account().login() + ")",
                "Changer le mot de passe", "password-dialog", true,
                (current, password, confirmation) -> {
                    try {
                        ws.vault().changePassword(ws.session(), current, password, confirmation);
                    } catch (fr.coordo.security.SignInRefused e) {
                        // only the current password was checked: say so
                        throw new fr.coordo.store.StoreException(e.getMessage().replace("Identifiant ou mot de passe incorrect.",
                                "Mot de passe actuel incorrect."), e);
                    }
                },
                () -> {
                    javafx.scene.control.Alert done = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION,
                            "Votre nouveau mot de passe servira dès la prochaine connexion et pour déverrouiller la fenêtre.",
                            ButtonType.OK);
                    done.initOwner(owner);
                    done.setTitle("Mot de passe changé");
                    done.setHeaderText("Mot de passe changé");
                    done.getDialogPane().setId("password-changed");
                    done.show();
                });
    }

    static void show(Window owner, String title, String header, String action, String id, boolean askCurrent, Work work, Runnable done) {
        PasswordField current = new PasswordField();
        current.setId(id + "-current");
        PasswordField password = new PasswordField();
        password.setId(id + "-new");
        PasswordField confirmation = new PasswordField();
        confirmation.setId(id + "-confirm");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        int row = 0;
        if (askCurrent) {
            grid.addRow(row++, Forms.label("Mot de passe actuel", current), current);
        }
        grid.addRow(row++, Forms.label("Nouveau mot de passe", password), password);
        grid.addRow(row, Forms.label("Confirmation", confirmation), confirmation);
        Label hint = new Label("Au moins " + Vault.MIN_PASSWORD_LENGTH + " caractères ; une phrase de quelques mots convient très bien.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        Label error = new Label();
        error.setId(id + "-error");
        error.getStyleClass().add("form-messages");
        error.setWrapText(true);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(18, 18);
        Forms.show(progress, false);
        VBox box = new VBox(10, grid, hint, new HBox(8, progress, error));
        box.setPadding(new Insets(6, 4, 0, 4));
        box.setPrefWidth(460);

        Dialog<Boolean> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(header);
        d.getDialogPane().setContent(box);
        d.getDialogPane().setId(id);
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ok, new ButtonType("Annuler", ButtonBar.ButtonData.CANCEL_CLOSE));
        Node okButton = d.getDialogPane().lookupButton(ok);
        okButton.setId(id + "-ok");
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            char[] c = current.getText().toCharArray();
            char[] p = password.getText().toCharArray();
            char[] f = confirmation.getText().toCharArray();
            okButton.setDisable(true);
            Forms.show(progress, true);
            error.setText("");
            Background.run(id, () -> {
                try {
                    work.run(c, p, f);
                    return true;
                } finally {
                    Arrays.fill(c, '\0');
                    Arrays.fill(p, '\0');
                    Arrays.fill(f, '\0');
                }
            }, x -> {
                d.setResult(true);
                d.close();
                done.run();
            }, failure -> {
                okButton.setDisable(false);
                Forms.show(progress, false);
                error.setText(TeamView.describe(failure));
            });
        });
        d.setOnShown(e -> (askCurrent ? current : password).requestFocus());
        d.show();
    }
}
