package fr.coordo.ui;

import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.StoreException;
import java.time.Clock;
import java.util.Arrays;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * What the window shows while locked: nobody's data, only the name of the person signed in and a password
 * field. The password is checked like a sign-in (failures counted and slowed down).
 */
final class LockScreen {
    private final Vault vault;
    private final Session session;
    private final Clock clock;
    private final Runnable unlocked;
    private final PasswordField password = new PasswordField();
    private final Label message = SignInLayout.error("lock-message");
    private final Button submit = new Button("Déverrouiller");
    private final ProgressIndicator progress = new ProgressIndicator();
    private final SignInCountdown countdown = new SignInCountdown(submit);
    private final Region screen;

    LockScreen(Workspace ws, Clock clock, Runnable unlocked, Runnable switchUser) {
        this.vault = ws.vault();
        this.session = ws.session();
        this.clock = clock;
        this.unlocked = unlocked;
        Label name = new Label(session.account().displayName());
        name.setId("lock-name");
        name.getStyleClass().add("lock-name");
        Label role = new Label(session.account().login() + " · " + session.account().role().label());
        role.getStyleClass().add("signin-hint");
        password.setId("lock-password");
        submit.setId("lock-submit");
        submit.setDefaultButton(true);
        submit.getStyleClass().add("accent");
        submit.setOnAction(e -> attempt());
        progress.setMaxSize(20, 20);
        progress.setVisible(false);
        Hyperlink other = new Hyperlink("Changer d'utilisateur");
        other.setId("lock-switch");
        other.setOnAction(e -> switchUser.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox actions = new HBox(12, submit, progress, grow, other);
        actions.setAlignment(Pos.CENTER_LEFT);
        screen = SignInLayout.card("lock-screen", "Fenêtre verrouillée",
                SignInLayout.text("Les données sont masquées. Saisissez votre mot de passe pour reprendre là où vous en étiez."),
                name, role,
                SignInLayout.field("Mot de passe", password, null, null),
                message, actions,
                hint("« Changer d'utilisateur » ferme cette session : ce qui n'a pas été enregistré est perdu."));
    }

    private static Label hint(String text) {
        Label l = SignInLayout.text(text);
        l.getStyleClass().setAll("label", "signin-hint");
        return l;
    }

    Region screen() {
        return screen;
    }

    void focus() {
        password.requestFocus();
    }

    private void attempt() {
        if (countdown.running()) {
            return;
        }
        char[] secret = password.getText().toCharArray();
        password.clear();
        submit.setDisable(true);
        progress.setVisible(true);
        SignInLayout.say(message, null);
        String login = session.account().login();
        Background.run("unlock", () -> {
            try {
                vault.confirm(session, secret);
                return SignInCountdown.Attempt.<Boolean>ok(true);
            } catch (StoreException e) {
                return SignInCountdown.<Boolean>refused(e, vault.database(), login, clock);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }, result -> {
            progress.setVisible(false);
            submit.setDisable(false);
            if (result.value() != null) {
                unlocked.run();
                return;
            }
            // « Identifiant ou mot de passe incorrect » would puzzle here: only the password was typed
            SignInLayout.say(message, result.refusal().replace("Identifiant ou mot de passe incorrect.", "Mot de passe incorrect."));
            countdown.start(result.retryIn());
            password.requestFocus();
        }, error -> {
            progress.setVisible(false);
            submit.setDisable(false);
            SignInLayout.say(message, SignInLayout.describe(error));
        });
    }
}
