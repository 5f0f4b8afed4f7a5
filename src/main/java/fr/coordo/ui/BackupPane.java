package fr.coordo.ui;

import fr.coordo.backup.BackupFile;
import fr.coordo.backup.Backups;
import fr.coordo.backup.Restoration;
import fr.coordo.store.Database;
import fr.coordo.store.DatabaseKey;
import fr.coordo.store.Permission;
import fr.coordo.store.StoreException;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The backups of the Réglages: the folder they go to (a USB key…), a backup now, the list of those in the
 * folder, and, for an administrator, restoring one. A restore closes the session: {@link #connect} tells
 * how, and what the window does afterwards (sign in again on the restored data).
 */
final class BackupPane extends VBox {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm");

    private final Workspace ws;
    private final Stage owner;
    private final Clock clock = Clock.system(Database.ZONE);
    private final Backups backups;
    private final Label folder = new Label();
    private final Label folderProblem = new Label();
    private final Button useDefault = new Button("Revenir au dossier par défaut");
    private final Button backupNow = new Button("Sauvegarder maintenant");
    private final Button backupElsewhere = new Button("Enregistrer une copie ailleurs…");
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label status = new Label();
    private final TableView<BackupFile> list = new TableView<>();
    private final Button restore = new Button("Restaurer…");
    private DatabaseKey key;
    private Runnable closeSession;
    private Consumer<String> onRestored = message -> {};

    BackupPane(Workspace ws, Stage owner) {
        super(10);
        this.ws = ws;
        this.owner = owner;
        this.backups = new Backups(ws.database(), clock);
        this.closeSession = ws.database()::close;
        setId("backup-pane");

        Label title = new Label("Sauvegardes");
        title.getStyleClass().add("title-4");
        Label text = new Label("Une copie complète, chiffrée comme la base et vérifiée après écriture. Coordo en fait une à chaque "
                + "fermeture et une par jour, et garde les 7 derniers jours, 4 semaines et 12 mois. Choisissez de préférence un dossier "
                + "sur un autre support (clé USB, disque externe) : il contient des données de santé, gardez-le en lieu sûr.");
        text.setWrapText(true);
        text.setMaxWidth(760);

        folder.setId("backup-folder");
        folder.setWrapText(true);
        Button choose = new Button("Choisir le dossier…");
        choose.setId("backup-choose-folder");
        choose.setOnAction(e -> chooseFolder());
        useDefault.setId("backup-default-folder");
        useDefault.setOnAction(e -> act(backups::useDefaultFolder));
        boolean settings = ws.database().access().can(Permission.SETTINGS);
        choose.setDisable(!settings);
        useDefault.setDisable(!settings);
        Label folderKey = new Label("Dossier des sauvegardes :");
        folderKey.getStyleClass().add("text-muted");
        HBox folderRow = new HBox(10, folderKey, folder);
        folderRow.setAlignment(Pos.CENTER_LEFT);
        HBox folderActions = new HBox(10, choose, useDefault);
        folderProblem.setId("backup-folder-problem");
        folderProblem.getStyleClass().add("form-messages");
        folderProblem.setWrapText(true);

        backupNow.setId("backup-button");
        backupNow.setDefaultButton(false);
        backupNow.setOnAction(e -> backup(null));
        backupElsewhere.setId("backup-elsewhere");
        backupElsewhere.setOnAction(e -> chooseFileAndBackup());
        progress.setVisible(false);
        progress.setMaxSize(20, 20);
        status.setId("backup-status");
        status.setWrapText(true);
        HBox actions = new HBox(12, backupNow, backupElsewhere, progress);
        actions.setAlignment(Pos.CENTER_LEFT);
        status.setMaxWidth(760);
        for (javafx.scene.control.Control c : java.util.List.of(folderKey, choose, useDefault, backupNow, backupElsewhere, restore)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }

        list.setId("backup-list");
        list.setPrefHeight(220);
        list.setMaxWidth(760);
        list.setPlaceholder(new Label("Aucune sauvegarde dans ce dossier pour l'instant."));
        TableColumn<BackupFile, String> when = new TableColumn<>("Date");
        when.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().takenAt() == null ? "" : c.getValue().takenAt().format(WHEN)));
        when.setPrefWidth(180);
        TableColumn<BackupFile, String> kind = new TableColumn<>("Type");
        kind.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().kind().label));
        kind.setPrefWidth(170);
        TableColumn<BackupFile, String> size = new TableColumn<>("Taille");
        size.setCellValueFactory(c -> new SimpleStringProperty(BackupFile.readableSize(c.getValue().size())));
        size.setPrefWidth(100);
        TableColumn<BackupFile, String> name = new TableColumn<>("Fichier");
        name.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().path().getFileName().toString()));
        name.setPrefWidth(300);
        list.getColumns().setAll(java.util.List.of(when, kind, size, name));

        restore.setId("backup-restore");
        restore.setOnAction(e -> chooseAndRestore());
        boolean administrator = ws.database().access().can(Permission.RESTORE);
        restore.setVisible(administrator);
        restore.setManaged(administrator);
        Label restoreHint = new Label("Restaurer remplace toutes les données par celles de la sauvegarde choisie dans la liste "
                + "(ou d'un autre fichier) ; une copie des données actuelles est gardée d'abord.");
        restoreHint.setWrapText(true);
        restoreHint.setMaxWidth(760);
        restoreHint.getStyleClass().add("text-muted");
        restoreHint.setVisible(administrator);
        restoreHint.setManaged(administrator);

        getChildren().addAll(title, text, folderRow, folderActions, folderProblem, actions, status, list, restore, restoreHint);
        refresh();
    }

    /**
     * How the window takes part in a restore: the key of the open database ({@code null} for an unprotected
     * one), how to close its session before the file is replaced, and what to do once it is (sign in again). The
     * callback gets what to tell the person at the sign-in: the summary, or why the restore failed after the session
     * was closed (which says whether the data was replaced, and where the replaced data is).
     */
    void connect(DatabaseKey databaseKey, Runnable closeTheSession, Consumer<String> restored) {
        this.key = databaseKey;
        this.closeSession = closeTheSession;
        this.onRestored = restored;
    }

    /** Shows the folder and its backups again. */
    void refresh() {
        try {
            folder.setText(backups.folder() + (backups.isDefaultFolder() ? " (par défaut, à côté de la base)" : ""));
            useDefault.setVisible(!backups.isDefaultFolder());
            useDefault.setManaged(!backups.isDefaultFolder());
            String problem = backups.folderProblem().orElse("");
            folderProblem.setText(problem);
            folderProblem.setManaged(!problem.isEmpty());
            list.setItems(FXCollections.observableArrayList(backups.list()));
        } catch (StoreException e) {
            folderProblem.setText(e.getMessage());
            folderProblem.setManaged(true);
        }
    }

    private void act(Runnable change) {
        try {
            change.run();
            status.setText("");
        } catch (StoreException e) {
            status.setText(e.getMessage());
        }
        refresh();
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Dossier des sauvegardes");
        File current = backups.folder().toFile();
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        }
        File dir = chooser.showDialog(owner);
        if (dir != null) {
            act(() -> backups.chooseFolder(dir.toPath()));
        }
    }

    private void chooseFileAndBackup() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Enregistrer une copie de la base");
        chooser.setInitialFileName("coordo-" + LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-manuelle" + BackupFile.EXTENSION);
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            backup(file.toPath());
        }
    }

    /** Writes a backup in the background, into the folder ({@code null}) or to {@code destination}. */
    void backup(Path destination) {
        backupNow.setDisable(true);
        backupElsewhere.setDisable(true);
        progress.setVisible(true);
        status.setText("Sauvegarde en cours…");
        Background.run("backup", () -> destination == null ? backups.backupNow() : backups.backupTo(destination), done -> {
            idle();
            refresh();
            status.setText("Sauvegarde écrite : " + done.path() + " (" + BackupFile.readableSize(done.size()) + ").");
        }, this::failed);
    }

    private void idle() {
        backupNow.setDisable(false);
        backupElsewhere.setDisable(false);
        restore.setDisable(false);
        progress.setVisible(false);
    }

    private void failed(Throwable error) {
        idle();
        status.setText(error instanceof StoreException ? error.getMessage()
                : "L'opération n'a pas abouti : les détails sont dans le journal " + ws.paths().logFile() + ".");
        refresh();
    }

    private void chooseAndRestore() {
        BackupFile selected = list.getSelectionModel().getSelectedItem();
        if (selected != null) {
            restore(selected.path());
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Restaurer une sauvegarde");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Sauvegardes Coordo", "*" + BackupFile.EXTENSION, "*.db"),
                new FileChooser.ExtensionFilter("Tous les fichiers", "*"));
        File current = backups.folder().toFile();
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        }
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            restore(file.toPath());
        }
    }

    /**
     * Checks the backup with the session open (a refusal changes nothing), asks for confirmation, then closes
     * the session and replaces the data in the background.
     */
    void restore(Path file) {
        restore.setDisable(true);
        progress.setVisible(true);
        status.setText("Vérification de la sauvegarde…");
        Background.run("restore-check", () -> Restoration.prepare(ws.database(), key, file, clock), restoration -> {
            progress.setVisible(false);
            boolean go = Dialogs.confirm(owner, "Restaurer une sauvegarde", "Remplacer toutes les données par cette sauvegarde ?",
                    "Les données actuelles seront remplacées par celles de « " + file.getFileName() + " ».\n\n"
                            + "Une copie des données actuelles sera d'abord gardée dans le dossier « " + restoration.previousCopyFolder()
                            + " ».\n\nCoordo se fermera sur cette base : il faudra ensuite vous reconnecter.",
                    "Restaurer", "Annuler");
            if (!go) {
                idle();
                status.setText("Restauration annulée : rien n'a été modifié.");
                return;
            }
            backupNow.setDisable(true);
            backupElsewhere.setDisable(true);
            progress.setVisible(true);
            status.setText("Restauration en cours…");
            closeSession.run();
            Background.run("restore", restoration::run, summary -> {
                progress.setVisible(false);
                String message = summary.message() + " Reconnectez-vous pour continuer.";
                status.setText(message);
                list.getItems().clear(); // the session is closed: the list comes back after signing in again
                list.setPlaceholder(new Label("Reconnectez-vous pour retrouver la liste des sauvegardes."));
                onRestored.accept(message);
            }, error -> {
                progress.setVisible(false);
                // A StoreException says whether the file was replaced (Database.restore); anything else happened before.
                String message = (error instanceof StoreException ? error.getMessage()
                        : "La restauration n'a pas abouti : les détails sont dans le journal " + ws.paths().logFile() + ".")
                        + " Reconnectez-vous pour continuer.";
                status.setText(message);
                onRestored.accept(message);
            });
        }, this::failed);
    }
}
