package fr.coordo.ui;

import fr.coordo.security.Keyring;
import fr.coordo.security.RecoveryKey;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The way back with the recovery key: after a forgotten password, or when the keyring file is lost. */
final class SignInRecovery {
    private final Vault vault;
    private final boolean keyringMissing;
    private final Runnable back;
    private final Consumer<Session> signedIn;
    private final TextField key = new TextField();
    private final TextField login = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField confirmation = new PasswordField();
    private final Label keyError = SignInLayout.error("recover-key-error");
    private final Label loginError = SignInLayout.error("recover-login-error");
    private final Label passwordError = SignInLayout.error("recover-password-error");
    private final Label confirmationError = SignInLayout.error("recover-confirm-error");
    private final Label message = SignInLayout.error("recover-message");
    private final Button submit = new Button("Rouvrir la base");
    private final ProgressIndicator progress = new ProgressIndicator();

    /** {@code back} returns to the sign-in; null when there is no sign-in to return to (keyring lost). */
    SignInRecovery(Vault vault, boolean keyringMissing, Runnable back, Consumer<Session> signedIn) {
        this.vault = vault;
        this.keyringMissing = keyringMissing;
        this.back = back;
        this.signedIn = signedIn;
    }

    Region screen() {
        key.setId("recover-key");
        key.setPromptText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX");
        key.getStyleClass().add("recovery-key-field");
        login.setId("recover-login");
        password.setId("recover-password");
        confirmation.setId("recover-confirm");
        submit.setId("recover-submit");
        submit.setDefaultButton(true);
        submit.getStyleClass().add("accent");
        submit.setOnAction(e -> submit());
        progress.setMaxSize(20, 20);
        progress.setVisible(false);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox actions = new HBox(12, submit, progress, grow);
        actions.setAlignment(Pos.CENTER_LEFT);
        if (back != null) {
            Hyperlink link = new Hyperlink("Retour à la connexion");
            link.setId("recover-back");
            link.setOnAction(e -> back.run());
            actions.getChildren().add(link);
        }
        String intro = keyringMissing
                ? "Le fichier des clés (« " + Keyring.fileFor(vault.database()).getFileName() + " ») qui accompagne cette base "
                        + "est introuvable : les mots de passe ne peuvent pas être vérifiés. Seule la clé de secours, remise à la "
                        + "création de la base, peut la rouvrir. Saisissez-la avec votre identifiant, puis choisissez un nouveau "
                        + "mot de passe. Les autres personnes recevront un nouveau mot de passe de l'administrateur."
                : "Saisissez la clé de secours remise à la création de la base (8 groupes de 4 caractères), votre identifiant "
                        + "et un nouveau mot de passe.";
        return SignInLayout.card("recover-screen", keyringMissing ? "Fichier des clés introuvable" : "Mot de passe oublié",
                SignInLayout.text(intro),
                SignInLayout.field("Clé de secours", key, null, keyError),
                SignInLayout.field("Identifiant", login, null, loginError),
                SignInLayout.field("Nouveau mot de passe", password, "Au moins " + Vault.MIN_PASSWORD_LENGTH + " caractères.", passwordError),
                SignInLayout.field("Nouveau mot de passe (confirmation)", confirmation, null, confirmationError),
                message, actions);
    }

    private void submit() {
        RecoveryKey recovery = null;
        String keyProblem = null;
        try {
            recovery = RecoveryKey.parse(key.getText());
        } catch (IllegalArgumentException e) {
            // the parser's messages are French and name what is wrong
            keyProblem = e.getMessage();
        }
        SignInLayout.say(keyError, keyProblem);
        String loginProblem = login.getText().isBlank() ? "Saisissez votre identifiant." : null;
        SignInLayout.say(loginError, loginProblem);
        String passwordProblem = Vault.checkPassword(login.getText(), password.getText().toCharArray(), null).orElse(null);
        SignInLayout.say(passwordError, passwordProblem);
        String confirmationProblem = password.getText().equals(confirmation.getText()) ? null
                : "Les deux saisies du mot de passe diffèrent : retapez-les.";
        SignInLayout.say(confirmationError, confirmationProblem);
        Node firstWrong = keyProblem != null ? key : loginProblem != null ? login : passwordProblem != null ? password
                : confirmationProblem != null ? confirmation : null;
        if (firstWrong != null) {
            firstWrong.requestFocus();
            return;
        }
        RecoveryKey typed = recovery;
        String who = login.getText().strip();
        char[] secret = password.getText().toCharArray();
        submit.setDisable(true);
        progress.setVisible(true);
        SignInLayout.say(message, null);
        Background.run("recover", () -> {
            try {
                return vault.recover(typed, who, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }, session -> {
            password.clear();
            confirmation.clear();
            signedIn.accept(session);
        }, error -> {
            submit.setDisable(false);
            progress.setVisible(false);
            SignInLayout.say(message, SignInLayout.describe(error));
        });
    }
}
