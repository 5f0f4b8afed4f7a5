package fr.coordo.ui;

import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.StoreException;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.application.Platform;
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
import javafx.stage.Stage;

/**
 * The door of the window, by the state of the file: the first-run setup, the sign-in, the recovery
 * with the recovery key. It hands the signed-in session to the window and shows nothing of the data.
 */
final class SignInFlow {
    private final Startup startup;
    private final Vault vault;
    private final Stage stage;
    private final Consumer<Node> show;
    private final Consumer<Session> signedIn;
    private boolean demo;

    SignInFlow(Startup startup, Stage stage, Consumer<Node> show, Consumer<Session> signedIn) {
        this.startup = startup;
        this.vault = startup.vault();
        this.stage = stage;
        this.show = show;
        this.signedIn = signedIn;
    }

    /** The first screen for this file. */
    void start(Startup.Door door) {
        demo = door.demo();
        if (FirstFrame.training() && demo && door.state() == Vault.State.PROTECTED) {
            // the installer's training run visits every section: it signs in with the demonstration's public account
            Background.run("training-sign-in", () -> vault.unlock("demo", "demo".toCharArray()), signedIn, e -> signIn(null));
            return;
        }
        switch (door.state()) {
            case NEW, UNPROTECTED -> show(new SignInSetup(vault, door.state(), this::setupDone).screen(), "#setup-login");
            case PROTECTED -> signIn(null);
            case KEYRING_MISSING -> recovery(true);
        }
    }

    /** The sign-in screen, with an optional notice above the form (e.g. after a change of user). */
    void signIn(String notice) {
        show(new Form(notice).screen, "#signin-login");
    }

    private void recovery(boolean keyringMissing) {
        show(new SignInRecovery(vault, keyringMissing, keyringMissing ? null : () -> signIn(null), signedIn).screen(), "#recover-key");
    }

    private void setupDone(Vault.Setup setup) {
        show(new SignInRecoveryKey(setup, stage, () -> signedIn.accept(setup.session())).screen(), "#recovery-copy");
    }

    private void show(Node screen, String focus) {
        show.accept(screen);
        Platform.runLater(() -> {
            Node field = screen.lookup(focus);
            if (field != null) {
                field.requestFocus();
            }
        });
    }

    /** Identifiant, mot de passe, Entrée. */
    private final class Form {
        final Region screen;
        private final TextField login = new TextField();
        private final PasswordField password = new PasswordField();
        private final Label message = SignInLayout.error("signin-message");
        private final Button submit = new Button("Se connecter");
        private final ProgressIndicator progress = new ProgressIndicator();
        private final SignInCountdown countdown = new SignInCountdown(submit);

        Form(String notice) {
            login.setId("signin-login");
            login.setPromptText("votre identifiant");
            password.setId("signin-password");
            submit.setId("signin-submit");
            submit.setDefaultButton(true);
            submit.getStyleClass().add("accent");
            submit.setOnAction(e -> attempt());
            progress.setMaxSize(20, 20);
            progress.setVisible(false);
            Hyperlink forgot = new Hyperlink("Mot de passe oublié ?");
            forgot.setId("signin-forgot");
            forgot.setOnAction(e -> recovery(false));
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox actions = new HBox(12, submit, progress, grow, forgot);
            actions.setAlignment(Pos.CENTER_LEFT);
            Label where = SignInLayout.text("Base : " + vault.database());
            where.getStyleClass().add("signin-hint");
            var content = new java.util.ArrayList<Node>();
            if (demo) {
                content.add(SignInLayout.demoBanner());
            }
            if (notice != null) {
                Label n = SignInLayout.text(notice);
                n.setId("signin-notice");
                content.add(n);
            }
            content.add(SignInLayout.field("Identifiant", login, null, null));
            content.add(SignInLayout.field("Mot de passe", password, null, null));
            content.add(message);
            content.add(actions);
            content.add(where);
            screen = SignInLayout.card("signin-screen", "Connexion", content.toArray(Node[]::new));
        }

        private void attempt() {
            if (countdown.running()) {
                return;
            }
            String who = login.getText().strip();
            if (who.isEmpty()) {
                SignInLayout.say(message, "Identifiant : saisissez votre identifiant.");
                login.requestFocus();
                return;
            }
            char[] secret = password.getText().toCharArray();
            password.clear();
            submit.setDisable(true);
            progress.setVisible(true);
            SignInLayout.say(message, null);
            Background.run("sign-in", () -> {
                try {
                    return SignInCountdown.Attempt.<Session>ok(vault.unlock(who, secret));
                } catch (StoreException e) {
                    return SignInCountdown.<Session>refused(e, vault.database(), who, startup.clock());
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }, result -> {
                progress.setVisible(false);
                submit.setDisable(false);
                if (result.value() != null) {
                    signedIn.accept(result.value());
                    return;
                }
                SignInLayout.say(message, result.refusal());
                countdown.start(result.retryIn());
                password.requestFocus();
            }, error -> {
                progress.setVisible(false);
                submit.setDisable(false);
                SignInLayout.say(message, SignInLayout.describe(error));
            });
        }
    }
}
