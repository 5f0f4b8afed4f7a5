package fr.coordo.ui;

import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import fr.coordo.team.StructureService;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** The structure's identity, where the data lives, and a manual backup. */
final class SettingsView extends ScrollPane {
    private final Workspace ws;
    private final Stage owner;
    private final Label backupStatus = new Label();
    private final ProgressIndicator backupProgress = new ProgressIndicator();
    private final Button backup = new Button("Sauvegarder la base…");

    SettingsView(Workspace ws, Stage owner) {
        this.ws = ws;
        this.owner = owner;
        Label title = new Label("Paramètres");
        title.getStyleClass().add("title-1");

        GridPane info = new GridPane();
        info.setHgap(16);
        info.setVgap(8);
        info.setId("settings-info");
        int row = 0;
        info.addRow(row++, key("Base de données"), value(ws.database().file().toString()));
        info.addRow(row++, key("Version du schéma"), value(String.valueOf(ws.database().openReport().schemaVersion())));
        info.addRow(row++, key("Dossier des données"), value(ws.paths().dataDir().toString()));
        info.addRow(row++, key("Journal"), value(ws.paths().logFile().toString()));
        info.addRow(row++, key("Sauvegardes automatiques"), value(ws.paths().backupDir().toString()));
        info.addRow(row++, key("Données de démonstration"), value(ws.demo() ? "oui" : "non"));
        info.addRow(row, key("Version de Coordo"), value(ws.version() + " (Java " + Runtime.version().feature() + ")"));

        Label backupTitle = new Label("Sauvegarde");
        backupTitle.getStyleClass().add("title-4");
        Label backupText = new Label("Copie complète et vérifiée de la base, par exemple sur une clé USB. "
                + "Le fichier contient des données de santé : gardez-le en lieu sûr.");
        backupText.setWrapText(true);
        backupText.setMaxWidth(620);
        backup.setId("backup-button");
        backup.setOnAction(e -> chooseAndBackup());
        backupProgress.setVisible(false);
        backupProgress.setMaxSize(20, 20);
        backupStatus.setId("backup-status");
        backupStatus.setWrapText(true);
        HBox actions = new HBox(12, backup, backupProgress, backupStatus);

        Label structureTitle = new Label("Structure");
        structureTitle.getStyleClass().add("title-4");
        Label structureText = new Label("L'identité de la structure responsable de la coordination, telle que le dossier de "
                + "déclaration à l'ARS et les ordres de paiement la reprendront.");
        structureText.setWrapText(true);
        structureText.setMaxWidth(620);
        Label hoursTitle = new Label("Heures d'ouverture");
        hoursTitle.getStyleClass().add("title-4");
        Label hoursText = new Label("L'agenda prévient avant d'enregistrer un rendez-vous en dehors de ces heures ou un jour de fermeture.");
        hoursText.setWrapText(true);
        hoursText.setMaxWidth(620);
        Label pcrTitle = new Label("Types de PCR");
        pcrTitle.getStyleClass().add("title-4");
        pcrTitle.setId("settings-pcr-types");
        Label pcrText = new Label("Les parcours coordonnés renforcés tels que leurs arrêtés les décrivent. Un montant, un taux ou une durée "
                + "non publiés restent « à compléter » : saisissez-les quand l'arrêté paraît. Chaque enregistrement crée une nouvelle "
                + "version ; les projets et les épisodes gardent celle qu'ils utilisent.");
        pcrText.setWrapText(true);
        pcrText.setMaxWidth(760);
        Label databaseTitle = new Label("Base de données");
        databaseTitle.getStyleClass().add("title-4");
        VBox page = new VBox(14, title, structureTitle, structureText, new StructureForm(new StructureService(ws.database()), owner),
                hoursTitle, hoursText, new OpeningHoursForm(new fr.coordo.agenda.OpeningHours(ws.database())),
                pcrTitle, pcrText, new PcrTypeEditor(new fr.coordo.pathway.PcrTypeService(ws.database()), owner), databaseTitle, info, backupTitle, backupText, actions);
        if (ws.signedIn()) {
            // the inactivity lock's delay: a block of its own (LockSettings), before the database's information
            page.getChildren().add(page.getChildren().indexOf(databaseTitle), new LockSettings(ws));
        }
        page.setPadding(new Insets(32, 40, 32, 40));
        page.getStyleClass().add("page");
        setContent(page);
        setFitToWidth(true);
    }

    private void chooseAndBackup() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Enregistrer une sauvegarde de la base");
        chooser.setInitialFileName("coordo-sauvegarde-" + LocalDateTime.now(Database.ZONE).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + ".db");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Base Coordo (*.db)", "*.db"));
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            backupTo(file.toPath());
        }
    }

    /** Writes the backup in the background; the button stays disabled until it is done. */
    void backupTo(Path destination) {
        backup.setDisable(true);
        backupProgress.setVisible(true);
        backupStatus.setText("Sauvegarde en cours…");
        Background.run("backup", () -> {
            ws.database().backupTo(destination);
            return destination;
        }, done -> {
            backup.setDisable(false);
            backupProgress.setVisible(false);
            backupStatus.setText("Sauvegarde écrite : " + done);
        }, error -> {
            backup.setDisable(false);
            backupProgress.setVisible(false);
            backupStatus.setText(error instanceof StoreException ? error.getMessage()
                    : "La sauvegarde n'a pas abouti : les détails sont dans le journal " + ws.paths().logFile() + ".");
        });
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        return l;
    }

    private static Label value(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }
}
