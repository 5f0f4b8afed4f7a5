package fr.coordo.ui;

import fr.coordo.team.TeamCsv;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** Preview of a team import: every row with its outcome, before anything is written. */
final class ImportDialog extends Dialog<Void> {
    private final TeamCsv csv;
    private final Path file;
    private final ListView<TeamCsv.RowResult> rows = new ListView<>();
    private final Label summary = new Label();
    private final CheckBox acceptWarnings = new CheckBox(
            "Importer aussi les lignes dont seule une clé de contrôle est douteuse (la confirmation sera enregistrée)");
    private final ButtonType importType = new ButtonType("Importer", ButtonBar.ButtonData.OK_DONE);
    /** The rows the user sees are the rows written: the file is not read again. */
    private TeamCsv.ImportReport previewed;

    ImportDialog(Stage owner, TeamCsv csv, Path file, IntConsumer onImported) {
        this.csv = csv;
        this.file = file;
        initOwner(owner);
        setTitle("Importer l'équipe");
        setHeaderText("Aperçu de « " + file.getFileName() + " » : rien n'est enregistré avant « Importer ».");
        rows.setId("import-rows");
        rows.setPrefSize(720, 360);
        rows.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(TeamCsv.RowResult r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.toString());
                getStyleClass().removeAll("row-ok", "row-rejected");
                if (!empty && r != null) {
                    getStyleClass().add(r.imported() ? "row-ok" : "row-rejected");
                }
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        summary.setId("import-summary");
        acceptWarnings.setId("import-accept-warnings");
        acceptWarnings.selectedProperty().addListener((o, a, b) -> preview());
        VBox content = new VBox(10, summary, rows, acceptWarnings);
        content.setPadding(new Insets(10));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(importType, new ButtonType("Annuler", ButtonBar.ButtonData.CANCEL_CLOSE));
        getDialogPane().setId("import-dialog");
        Button importButton = (Button) getDialogPane().lookupButton(importType);
        importButton.setDisable(true);
        importButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume();
            importButton.setDisable(true);
            TeamCsv.ImportReport report = previewed;
            Background.run("import", () -> csv.write(report), count -> {
                onImported.accept(count);
                close();
            }, error -> {
                summary.setText(TeamView.describe(error));
                importButton.setDisable(false);
            });
        });
        preview();
    }

    private void preview() {
        Button importButton = (Button) getDialogPane().lookupButton(importType);
        importButton.setDisable(true);
        summary.setText("Lecture du fichier…");
        Background.run("import-preview", () -> csv.read(file, acceptWarnings.isSelected(),
                "cochez la case ci-dessous pour l'importer quand même"), report -> {
            previewed = report;
            rows.getItems().setAll(report.rows());
            long n = report.importedCount();
            summary.setText(n + " ligne" + (n > 1 ? "s" : "") + " à importer, " + report.rejectedCount() + " rejetée"
                    + (report.rejectedCount() > 1 ? "s" : "") + " (avec leur raison ci-dessous)."
                    + (report.ignoredColumns().isEmpty() ? "" : " Colonnes ignorées (inconnues) : "
                            + String.join(", ", report.ignoredColumns()) + "."));
            importButton.setText(n == 0 ? "Importer" : "Importer " + n + " ligne" + (n > 1 ? "s" : ""));
            importButton.setDisable(n == 0);
        }, error -> {
            previewed = null;
            rows.getItems().clear();
            summary.setText(TeamView.describe(error));
        });
    }
}
