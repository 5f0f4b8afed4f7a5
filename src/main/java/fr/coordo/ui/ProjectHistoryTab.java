package fr.coordo.ui;

import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.store.Database;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * « Historique »: every version of a projet, read-only — created when and by whom, why, transmitted when, its
 * deadline and the ARS's answer — and the team of the version chosen, as it was transmitted.
 */
final class ProjectHistoryTab extends ScrollPane {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final double ROW = 50;

    private final ProjectService projects;
    private final Supplier<LocalDate> today;
    private final Consumer<String> failed;
    private final TableView<ProjectVersion> history = new TableView<>();
    private final TableView<ProjectVersion.Member> historyTeam = new TableView<>();
    private final Label historyTeamTitle = new Label();

    ProjectHistoryTab(ProjectService projects, Supplier<LocalDate> today, Consumer<String> failed) {
        this.projects = projects;
        this.today = today;
        this.failed = failed;
        history.setId("project-history");
        history.setFixedCellSize(46);
        history.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        history.getColumns().setAll(List.of(
                versionColumn("Version", 85, 85, v -> String.valueOf(v.version())),
                versionColumn("Statut", 130, 124, v -> v.status(today.get()).label()),
                versionColumn("Créée", 120, 105, v -> v.createdAt().atZoneSameInstant(Database.ZONE).format(AT) + "\npar " + v.createdBy()),
                versionColumn("Transmission", 185, 180, v -> v.transmittedOn() == null ? "—"
                        : Forms.date(v.transmittedOn()) + "\néchéance " + Forms.date(v.deadline().orElseThrow())),
                versionColumn("Décision", 170, 120, v -> v.decisionOn() == null ? (v.status(today.get()) == ProjectStatus.REPUTE_VALIDE
                        ? "réputé validé\nle " + Forms.date(v.authorisedFrom().orElseThrow()) : "—")
                        : v.storedStatus().label().toLowerCase() + " le " + Forms.date(v.decisionOn())
                        + (v.decisionNote() == null ? "" : "\n" + v.decisionNote())),
                versionColumn("Motif", 240, 100, v -> v.changeReason() == null ? (v.version() == 1 ? "première version" : "—")
                        : v.changeReason())));
        history.setPlaceholder(ProjectCells.placeholder("Aucune version."));
        history.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> showHistoryTeam(v));

        historyTeam.setId("project-history-team");
        historyTeam.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        historyTeam.setFixedCellSize(ROW);
        historyTeam.setPlaceholder(ProjectCells.placeholder("Choisissez une version pour voir son équipe."));
        TableColumn<ProjectVersion.Member, ProjectVersion.Member> name = new TableColumn<>("Professionnel");
        name.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        name.setCellFactory(c -> ProjectCells.twoLines(m -> m.professional().displayName(),
                m -> m.professional().professionLabel() + (m.role() == null ? "" : " · " + m.role()), null));
        name.setPrefWidth(260);
        name.setMinWidth(170);
        TableColumn<ProjectVersion.Member, ProjectVersion.Member> idsColumn = new TableColumn<>("RPPS · numéro AM");
        idsColumn.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        idsColumn.setCellFactory(c -> ProjectCells.twoLines(m -> ProjectWording.rpps(m.professional()), m -> ProjectWording.am(m.professional()), null));
        idsColumn.setPrefWidth(182);
        idsColumn.setMinWidth(182);
        idsColumn.setMaxWidth(200);
        TableColumn<ProjectVersion.Member, String> seq = memberColumn("Séquences", 120, m -> history.getSelectionModel().getSelectedItem() == null
                ? "" : ProjectWording.sequences(history.getSelectionModel().getSelectedItem().type().type(), m.sequences()));
        seq.setMinWidth(105);
        seq.setMaxWidth(170);
        TableColumn<ProjectVersion.Member, String> signedOn = memberColumn("Signé le", 112, m -> m.signedOn() == null ? "—" : Forms.date(m.signedOn()));
        signedOn.setMinWidth(105);
        signedOn.setMaxWidth(130);
        TableColumn<ProjectVersion.Member, String> notified = memberColumn("Ordre notifié", 122, m -> m.needsOrdreNotification()
                ? (m.ordreNotifiedOn() == null ? "—" : Forms.date(m.ordreNotifiedOn())) : "sans objet");
        notified.setMinWidth(122);
        notified.setMaxWidth(130);
        historyTeam.getColumns().setAll(List.<TableColumn<ProjectVersion.Member, ?>>of(name, idsColumn, seq, signedOn, notified));
        VBox.setVgrow(historyTeam, Priority.ALWAYS);
        historyTeam.setMinHeight(ROW * 2 + 32);
        historyTeamTitle.setId("project-history-team-title");
        historyTeamTitle.getStyleClass().addAll("title-4", "form-section");
        historyTeamTitle.setWrapText(true);
        Label intro = new Label("Chaque version reste telle qu'elle a été écrite et transmise : elle se consulte sans se modifier.");
        intro.setWrapText(true);
        intro.getStyleClass().add("text-muted");
        VBox box = new VBox(10, intro, history, historyTeamTitle, historyTeam);
        box.setPadding(new Insets(14, 20, 14, 16));
        setContent(box);
        setFitToWidth(true);
        // The team below takes the height left, and the tab scrolls when there is none.
        setFitToHeight(true);
    }


    /** The versions of {@code p}, newest first, none chosen. */
    void show(Project p) {
        history.getItems().setAll(p.versions().reversed());
        // Every version in view up to four, then the table scrolls.
        double height = Math.min(Math.max(p.versions().size(), 1), 4) * 46 + 44;
        history.setMinHeight(height);
        history.setPrefHeight(height);
        history.setMaxHeight(height);
        history.getSelectionModel().clearSelection();
        showHistoryTeam(null);
    }

    private void showHistoryTeam(ProjectVersion v) {
        if (v == null) {
            historyTeamTitle.setText("Équipe d'une version : choisissez-la ci-dessus.");
            historyTeam.getItems().clear();
            return;
        }
        historyTeamTitle.setText("Équipe de la version " + v.version() + (v.transmittedOn() == null ? ""
                : ", telle que transmise le " + Forms.date(v.transmittedOn())));
        historyTeam.getItems().setAll(v.members());
        if (v.transmittedOn() != null) {
            // The dossier as sent keeps each professional as he was then (an RPPS typed since does not change it).
            int projectId = v.projectId();
            Background.run("project-declaration", () -> projects.declaration(projectId, v.version()), d -> {
                if (history.getSelectionModel().getSelectedItem() == v) {
                    historyTeam.getItems().setAll(d.project().members());
                }
            }, e -> failed.accept("La version transmise n'a pas pu être lue : " + ProjectDialogs.describe(e)));
        }
    }

    private static TableColumn<ProjectVersion, String> versionColumn(String title, double width, double min,
                                                                     Function<ProjectVersion, String> value) {
        TableColumn<ProjectVersion, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(min);
        c.setCellFactory(col -> ProjectCells.wrapping());
        c.setReorderable(false);
        return c;
    }

    private static TableColumn<ProjectVersion.Member, String> memberColumn(String title, double width,
                                                                           Function<ProjectVersion.Member, String> value) {
        TableColumn<ProjectVersion.Member, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 90));
        c.setCellFactory(col -> ProjectCells.wrapping());
        c.setReorderable(false);
        return c;
    }
}
