package fr.coordo.ui;

import fr.coordo.security.Vault;
import fr.coordo.store.Database;
import java.time.LocalDate;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.print.PrinterJob;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The recovery key, shown once right after the setup: the only way back after a forgotten password or a
 * lost keyring file. The person cannot go on before saying they have kept it.
 */
final class SignInRecoveryKey {
    private final Vault.Setup setup;
    private final Stage stage;
    private final Runnable done;
    private final Label status = SignInLayout.error("recovery-status");

    SignInRecoveryKey(Vault.Setup setup, Stage stage, Runnable done) {
        this.setup = setup;
        this.stage = stage;
        this.done = done;
    }

    Region screen() {
        String formatted = setup.recoveryKey().formatted();
        // two lines of four groups: easier to copy by hand, group by group
        String[] groups = formatted.split("-");
        Label key = new Label(String.join(" ", java.util.Arrays.copyOfRange(groups, 0, 4)) + "\n"
                + String.join(" ", java.util.Arrays.copyOfRange(groups, 4, groups.length)));
        key.setId("recovery-key");
        key.getStyleClass().add("recovery-key");
        key.setWrapText(true);
        key.setMaxWidth(Double.MAX_VALUE);
        key.setMinHeight(Region.USE_PREF_SIZE);
        key.setAlignment(Pos.CENTER);
        key.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Button copy = new Button("Copier");
        copy.setId("recovery-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(formatted);
            Clipboard.getSystemClipboard().setContent(content);
            say("Clé copiée : collez-la dans un document que vous imprimerez ou rangerez hors de cet ordinateur.", true);
        });
        Button print = new Button("Imprimer…");
        print.setId("recovery-print");
        print.setOnAction(e -> print(formatted));
        HBox tools = new HBox(10, copy, print);
        tools.setAlignment(Pos.CENTER);
        CheckBox noted = new CheckBox("J'ai noté ou imprimé cette clé en lieu sûr");
        noted.setId("recovery-noted");
        noted.setWrapText(true);
        Button next = new Button("Continuer");
        next.setId("recovery-continue");
        next.getStyleClass().add("accent");
        next.setDefaultButton(true);
        next.disableProperty().bind(noted.selectedProperty().not());
        next.setOnAction(e -> done.run());
        HBox actions = new HBox(next);
        actions.setAlignment(Pos.CENTER_RIGHT);
        status.getStyleClass().remove("signin-error");
        status.getStyleClass().add("signin-hint");
        return SignInLayout.card("recovery-key-screen", "Votre clé de secours",
                SignInLayout.text("La base est protégée. Si un mot de passe est oublié ou si le fichier des clés est perdu, "
                        + "cette clé est le seul moyen de rouvrir la base et ses sauvegardes."),
                key, tools, status,
                SignInLayout.text("Elle ne sera plus jamais affichée. Imprimez-la ou recopiez-la, et rangez-la en lieu sûr, "
                        + "à l'écart de l'ordinateur (un coffre, le classeur de la structure)."),
                noted, actions);
    }

    private void say(String text, boolean shown) {
        SignInLayout.say(status, shown ? text : null);
    }

    /** Prints a sheet with the key, the database and the date: what a coordinator files away. */
    private void print(String formatted) {
        PrinterJob job = PrinterJob.createPrinterJob();
        if (job == null) {
            say("Aucune imprimante n'est installée : recopiez la clé à la main, ou copiez-la dans un document.", true);
            return;
        }
        if (!job.showPrintDialog(stage)) {
            job.cancelJob();
            return;
        }
        Label title = new Label("Coordo — clé de secours");
        title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        Label key = new Label(formatted);
        key.setStyle("-fx-font-family: monospace; -fx-font-size: 22px;");
        Label about = new Label("Base : " + setup.session().database().file() + "\nCréée le "
                + Forms.date(LocalDate.now(Database.ZONE)) + " par " + setup.session().account().displayName()
                + "\n\nCette clé ouvre la base et ses sauvegardes sans mot de passe. Gardez-la en lieu sûr.");
        about.setWrapText(true);
        about.setMaxWidth(460);
        VBox sheet = new VBox(18, title, key, about);
        sheet.setPadding(new Insets(24));
        boolean printed = job.printPage(sheet) && job.endJob();
        say(printed ? "Clé envoyée à l'imprimante." : "L'impression n'a pas abouti : recopiez la clé à la main.", true);
    }
}
