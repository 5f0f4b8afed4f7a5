package fr.coordo.ui;

import fr.coordo.pathway.Episode;
import fr.coordo.pathway.EpisodeService;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The « Parcours » tab of a patient's record: his inclusions and episodes, and the button that includes him. */
final class EpisodePatientList extends VBox {
    private final Window owner;
    private final Workspace ws;
    private final EpisodeService episodes;
    private final int patientId;
    private final String patientName;
    private final TableView<Episode> table = new TableView<>();
    private final Label message = new Label();

    EpisodePatientList(Workspace ws, Window owner, int patientId, String patientName) {
        super(8);
        this.ws = ws;
        this.owner = owner;
        this.episodes = new EpisodeService(ws.database());
        this.patientId = patientId;
        this.patientName = patientName;
        setId("patient-episodes");
        setPadding(new Insets(10));
        Button include = new Button("Inclure dans un parcours…");
        include.setId("patient-episode-include");
        include.setMinWidth(Region.USE_PREF_SIZE);
        include.setOnAction(e -> include());
        message.setId("patient-episodes-message");
        message.setWrapText(true);
        message.getStyleClass().add("form-messages");
        Label hint = EpisodeDialogs.muted("Les séquences, la clôture et l'attestation se suivent dans Parcours › Inclusions et épisodes.");
        table.setId("patient-episode-table");
        table.setPlaceholder(new Label("Aucune inclusion dans un parcours coordonné renforcé."));
        table.getColumns().setAll(List.of(
                col("Épisode", 120, Episode::reference),
                col("Projet", 110, Episode::projectReference),
                col("Profil", 200, e -> e.profileCode() + " — " + e.profileLabel()),
                col("État", 185, e -> e.state().label()),
                col("Début", 100, e -> Forms.date(e.startOn())),
                col("Fin", 100, e -> Forms.date(e.endOn()))));
        // the record is narrow beside the list: columns keep their width and the table scrolls sideways
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(include, hint, message, table);
        reload(null);
    }

    private static TableColumn<Episode, String> col(String title, double width, Function<Episode, String> value) {
        TableColumn<Episode, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    private void reload(String done) {
        Background.run("patient-episodes", () -> episodes.ofPatient(patientId), list -> {
            table.getItems().setAll(list);
            message.getStyleClass().remove("success");
            if (done != null) {
                message.getStyleClass().add("success");
            }
            message.setText(done == null ? "" : done);
        }, e -> message.setText("Les inclusions n'ont pas pu être lues : " + TeamView.describe(e)));
    }

    private void include() {
        Background.run("inclusion-choices", () -> InclusionDialog.context(ws, episodes), ctx -> {
            if (ctx.projects().isEmpty()) {
                message.setText("Aucun projet de parcours : créez d'abord le projet dans Parcours › Projets de parcours.");
                return;
            }
            InclusionDialog.show(owner, ctx, new InclusionDialog.PatientChoice(patientId, patientName))
                    .ifPresent(id -> reload("Inclusion enregistrée."));
        }, e -> message.setText(TeamView.describe(e)));
    }
}
