package fr.coordo.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;

/** The projets de parcours: list, editor, readiness, signatures, transmission, decision and dossier. */
final class ProjectsPane extends BorderPane {
    ProjectsPane(Workspace ws, Window owner) {
        setCenter(new Label("Projets de parcours"));
    }

    void reload() {}
}
