package fr.coordo.ui;

import fr.coordo.team.StructureService;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The structure's identity, its opening hours and PCR types, where the data lives, and its backups. */
final class SettingsView extends ScrollPane {
    private final Workspace ws;
    private final Stage owner;
    private final BackupPane backupPane;

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
                info.addRow(row++, key("Données de démonstration"), value(ws.demo() ? "oui" : "non"));
        info.addRow(row, key("Version de Coordo"), value(ws.version() + " (Java " + Runtime.version().feature() + ")"));

        backupPane = new BackupPane(ws, owner);
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
                pcrTitle, pcrText, new PcrTypeEditor(new fr.coordo.pathway.PcrTypeService(ws.database()), owner), databaseTitle, info, backupPane);
        if (ws.signedIn()) {
            // the inactivity lock's delay: a block of its own (LockSettings), before the database's information
            page.getChildren().add(page.getChildren().indexOf(databaseTitle), new LockSettings(ws));
        }
        page.setPadding(new Insets(32, 40, 32, 40));
        page.getStyleClass().add("page");
        setContent(page);
        setFitToWidth(true);
    }

    /** The backups block: the window connects it to its session (key, closing, sign-in after a restore). */
    BackupPane backupPane() {
        return backupPane;
    }

    /** Writes a backup to {@code destination} in the background and says where, with its size. */
    void backupTo(Path destination) {
        backupPane.backup(destination);
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
