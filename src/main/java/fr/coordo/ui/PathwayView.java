package fr.coordo.ui;

import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;

/**
 * The Parcours section: the projets de parcours declared to the ARS (team, readiness, signatures, transmission,
 * decision, dossier) and the patients' inclusions and episodes.
 */
final class PathwayView extends BorderPane {
    private final ProjectsPane projects;
    private final EpisodesPane episodes;
    private final TabPane tabs;

    PathwayView(Workspace ws, Window owner, IntConsumer openPatient, BiConsumer<Integer, String> showPatientAgenda) {
        projects = new ProjectsPane(ws, owner);
        episodes = new EpisodesPane(ws, owner, openPatient, showPatientAgenda);
        Tab projectsTab = new Tab("Projets de parcours", projects);
        projectsTab.setId("tab-projets");
        Tab episodesTab = new Tab("Inclusions et épisodes", episodes);
        episodesTab.setId("tab-episodes");
        tabs = new TabPane(projectsTab, episodesTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    /** Read again when the section is shown: the team, patients and projets may have changed elsewhere. */
    void reload() {
        projects.reload();
        episodes.reload();
    }
}
