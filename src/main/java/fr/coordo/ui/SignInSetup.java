package fr.coordo.ui;

import fr.coordo.security.Vault;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The first run on a file without accounts: the administrator's account. The file is then encrypted
 * (Argon2 and the encryption take a moment: the form waits in the background) and the recovery key shown.
 */
final class SignInSetup {
    private final Vault vault;
    private final Vault.State state;
    private final Consumer<Vault.Setup> done;
    private final TextField login = new TextField();
    private final TextField name = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField confirmation = new PasswordField();
    private final Label loginError = SignInLayout.error("setup-login-error");
    private final Label nameError = SignInLayout.error("setup-name-error");
    private final Label passwordError = SignInLayout.error("setup-password-error");
    private final Label confirmationError = SignInLayout.error("setup-confirm-error");
    private final Label message = SignInLayout.error("setup-message");
    private final Button submit = new Button("Créer le compte et protéger la base");
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label progressText = new Label("Chiffrement de la base et création du compte…");

    SignInSetup(Vault vault, Vault.State state, Consumer<Vault.Setup> done) {
        this.vault = vault;
        this.state = state;
        this.done = done;
    }

    Region screen() {
        login.setId("setup-login");
        login.setPromptText("par exemple : mdupont");
        name.setId("setup-name");
        name.setPromptText("Prénom Nom");
        password.setId("setup-password");
        confirmation.setId("setup-confirm");
        submit.setId("setup-submit");
        submit.setDefaultButton(true);
        submit.getStyleClass().add("accent");
        submit.setOnAction(e -> submit());
        progress.setMaxSize(20, 20);
        HBox working = new HBox(10, progress, progressText);
        working.setId("setup-progress");
        working.setAlignment(Pos.CENTER_LEFT);
        Forms.show(working, false);
        // each field says what is wrong with it as soon as the person leaves it
        login.focusedProperty().addListener((o, was, now) -> {
            if (!now && !login.getText().isBlank()) {
                checkLogin();
            }
        });
        password.focusedProperty().addListener((o, was, now) -> {
            if (!now && !password.getText().isEmpty()) {
                checkPassword();
            }
        });
        confirmation.focusedProperty().addListener((o, was, now) -> {
            if (!now && !confirmation.getText().isEmpty()) {
                checkConfirmation();
            }
        });
        String intro = state == Vault.State.UNPROTECTED
                ? "Cette base n'est pas encore protégée. Créez le compte de l'administrateur : la base sera alors chiffrée, "
                        + "et personne ne pourra la lire sans un mot de passe ou la clé de secours."
                : "Bienvenue. Créez le compte de l'administrateur de Coordo : c'est lui qui créera ensuite les comptes de "
                        + "l'équipe. La base sera chiffrée : personne ne pourra la lire sans un mot de passe ou la clé de secours.";
        HBox actions = new HBox(12, submit);
        actions.setAlignment(Pos.CENTER_LEFT);
        return SignInLayout.card("setup-screen", "Première utilisation",
                SignInLayout.text(intro),
                SignInLayout.field("Identifiant", login, "Lettres sans accent, chiffres, point ou tiret ; il servira à chaque connexion.", loginError),
                SignInLayout.field("Nom complet", name, "Tel qu'il apparaîtra au journal des modifications.", nameError),
                SignInLayout.field("Mot de passe", password, "Au moins " + Vault.MIN_PASSWORD_LENGTH
                        + " caractères ; une phrase de quelques mots convient très bien.", passwordError),
                SignInLayout.field("Mot de passe (confirmation)", confirmation, null, confirmationError),
                message, actions, working);
    }

    private boolean checkLogin() {
        String problem = Vault.checkLogin(login.getText()).orElse(null);
        SignInLayout.say(loginError, problem);
        return problem == null;
    }

    private boolean checkName() {
        String problem = name.getText().isBlank() ? "Indiquez votre prénom et votre nom." : null;
        SignInLayout.say(nameError, problem);
        return problem == null;
    }

    private boolean checkPassword() {
        String problem = Vault.checkPassword(login.getText(), password.getText().toCharArray(), null).orElse(null);
        SignInLayout.say(passwordError, problem);
        return problem == null;
    }

    private boolean checkConfirmation() {
        String problem = password.getText().equals(confirmation.getText()) ? null
                : "Les deux saisies du mot de passe diffèrent : retapez-les.";
        SignInLayout.say(confirmationError, problem);
        return problem == null;
    }

    private void submit() {
        boolean ok = checkLogin() & checkName() & checkPassword() & checkConfirmation();
        if (!ok) {
            for (var pair : java.util.List.of(
                    java.util.Map.entry(loginError, (javafx.scene.Node) login), java.util.Map.entry(nameError, name),
                    java.util.Map.entry(passwordError, password), java.util.Map.entry(confirmationError, confirmation))) {
                if (pair.getKey().isVisible()) {
                    pair.getValue().requestFocus();
                    break;
                }
            }
            return;
        }
        String id = login.getText().strip();
        String fullName = name.getText().strip();
        char[] secret = password.getText().toCharArray();
        setWorking(true);
        SignInLayout.say(message, null);
        Background.run("setup", () -> {
            try {
                return vault.setup(id, fullName, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }, setup -> {
            password.clear();
            confirmation.clear();
            done.accept(setup);
        }, error -> {
            setWorking(false);
            SignInLayout.say(message, SignInLayout.describe(error));
        });
    }

    private void setWorking(boolean working) {
        for (var n : java.util.List.of(login, name, password, confirmation, submit)) {
            n.setDisable(working);
        }
        Forms.show(progress.getParent(), working);
    }
}
