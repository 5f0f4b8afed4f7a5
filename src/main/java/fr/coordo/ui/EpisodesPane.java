package fr.coordo.ui;

import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;

/** Inclusions and episodes: include a patient, follow the séquences, end the episode, print the certificate. */
final class EpisodesPane extends BorderPane {
    EpisodesPane(Workspace ws, Window owner, IntConsumer openPatient, BiConsumer<Integer, String> showPatientAgenda) {
        setCenter(new Label("Inclusions et épisodes"));
    }

    void reload() {}
}
