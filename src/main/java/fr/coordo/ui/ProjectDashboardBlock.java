package fr.coordo.ui;

import fr.coordo.pathway.Gap;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.store.Database;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The dashboard's « Projets de parcours »: one line per projet, the ARS's window first (its days left), then the
 * outcomes and the projets in preparation with what they lack. Hidden when the structure has no projet.
 */
final class ProjectDashboardBlock extends VBox {
    private record Line(Project project, List<Gap> gaps) {}

    private final VBox lines = new VBox(6);

    ProjectDashboardBlock(Database db, Runnable openPathway) {
        setId("dash-projects");
        getStyleClass().add("project-dash-card");
        getStylesheets().add(ProjectDashboardBlock.class.getResource("projects.css").toExternalForm());
        Label title = new Label("Projets de parcours");
        title.getStyleClass().add("title-4");
        lines.setId("dash-project-lines");
        setSpacing(8);
        getChildren().addAll(title, lines);
        Forms.show(this, false);
        ProjectService projects = new ProjectService(db);
        Background.run("dashboard-projects", () -> {
            List<Line> out = new ArrayList<>();
            LocalDate today = projects.today();
            for (Project p : projects.all()) {
                // Only a projet in preparation needs its gaps counted: the others are worded from their status.
                boolean preparing = !p.current().status(today).isTransmitted();
                out.add(new Line(p, preparing ? projects.readiness(p.id()) : List.of()));
            }
            return Map.entry(today, out);
        }, r -> show(r.getKey(), r.getValue(), openPathway), e -> {
            Label error = new Label("Les projets de parcours n'ont pas pu être lus : " + TeamView.describe(e));
            error.setWrapText(true);
            error.getStyleClass().add("danger");
            lines.getChildren().setAll(error);
            Forms.show(this, true);
        });
    }

    private void show(LocalDate today, List<Line> found, Runnable openPathway) {
        // The window first, the nearest deadline on top; then the others by reference.
        Map<ProjectStatus, Integer> order = new HashMap<>(Map.of(ProjectStatus.TRANSMIS, 0, ProjectStatus.SIGNE, 1, ProjectStatus.PRET, 2,
                ProjectStatus.BROUILLON, 3, ProjectStatus.OPPOSE, 4, ProjectStatus.REPUTE_VALIDE, 5, ProjectStatus.VALIDE, 5));
        List<Line> sorted = found.stream().sorted(Comparator.comparing((Line l) -> order.get(l.project().current().status(today)))
                .thenComparing(l -> l.project().current().daysLeft(today).orElse(0L))
                .thenComparing(l -> l.project().reference())).toList();
        lines.getChildren().clear();
        for (Line l : sorted) {
            Project p = l.project();
            String text = ProjectWording.dashboardLine(p, l.gaps(), today);
            String reference = p.reference() + (p.current().version() > 1 ? " v" + p.current().version() : "");
            Hyperlink link = new Hyperlink(reference);
            link.setId("dash-project-" + p.reference());
            link.setOnAction(e -> openPathway.run());
            link.setAccessibleText(text + ". Ouvrir la section Parcours.");
            Label rest = new Label(text.substring(reference.length()).strip());
            rest.setId("dash-project-" + p.reference() + "-text");
            rest.setWrapText(true);
            rest.getStyleClass().add("project-dash-text");
            rest.setOnMouseClicked(e -> openPathway.run());
            Label type = new Label("(" + p.type().label() + ")");
            type.getStyleClass().add("text-muted");
            FlowPane line = new FlowPane(6, 2, link, rest, type);
            line.setAlignment(Pos.CENTER_LEFT);
            line.getStyleClass().add("project-dash-line");
            if (p.current().status(today) == ProjectStatus.TRANSMIS) {
                line.getStyleClass().add("window");
            }
            lines.getChildren().add(line);
        }
        Forms.show(this, !sorted.isEmpty());
    }

    /** The whole line as the dashboard shows it, for a projet's reference; empty when it is not there. */
    String lineOf(String reference) {
        return lines.getChildren().stream().filter(n -> n instanceof FlowPane).map(n -> (FlowPane) n)
                .filter(f -> f.getChildren().getFirst() instanceof Hyperlink h && h.getId().equals("dash-project-" + reference))
                .map(f -> ((Hyperlink) f.getChildren().get(0)).getText() + " " + ((Label) f.getChildren().get(1)).getText())
                .findFirst().orElse("");
    }
}
