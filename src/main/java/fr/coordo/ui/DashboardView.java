package fr.coordo.ui;

import fr.coordo.patient.PatientService;
import fr.coordo.store.Database;
import fr.coordo.team.Professions;
import fr.coordo.team.TeamRepository;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Today's figures, read from the database in the background. */
final class DashboardView extends VBox {
    private static final Locale FR = Locale.FRANCE;

    private record Figures(int active, int former, int patients, Map<String, Integer> byProfession) {}

    private final Label active = figure("dash-active");
    private final Label former = figure("dash-former");
    private final Label patients = figure("dash-patients");
    private final GridPane professions = new GridPane();

    DashboardView(Workspace ws) {
        LocalDate today = LocalDate.now(Database.ZONE);
        Label title = new Label("Tableau de bord");
        title.getStyleClass().add("title-1");
        Label date = new Label(capitalise(today.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", FR))));
        date.getStyleClass().add("text-muted");

        FlowPane cards = new FlowPane(16, 16,
                card("Professionnels actifs", active),
                card("Anciens membres de l'équipe", former),
                card("Patients", patients));

        Label byProfessionTitle = new Label("L'équipe par profession");
        byProfessionTitle.getStyleClass().add("title-4");
        professions.setHgap(24);
        professions.setVgap(4);
        professions.setId("dash-professions");

        Label todo = new Label("Vos tâches du jour (actions en retard, réévaluations à venir, rendez-vous) apparaîtront ici "
                + "avec le plan personnalisé de santé et l'agenda.");
        todo.setWrapText(true);
        todo.setMaxWidth(620);
        todo.getStyleClass().add("text-muted");

        getChildren().addAll(title, date, cards, byProfessionTitle, professions, todo);
        setSpacing(14);
        setPadding(new Insets(32, 40, 32, 40));
        getStyleClass().add("page");

        TeamRepository team = new TeamRepository(ws.database());
        PatientService patientService = new PatientService(ws.database());
        Background.run("dashboard",
                () -> new Figures(team.countActive(today), team.countFormer(today), patientService.count(),
                        team.activeByProfession(today)),
                this::show,
                e -> {
                    active.setText("—");
                    former.setText("—");
                    patients.setText("—");
                    Label error = new Label("Les chiffres n'ont pas pu être lus : les détails sont dans le journal "
                            + ws.paths().logFile() + ".");
                    error.setId("dash-error");
                    error.getStyleClass().add("danger");
                    getChildren().add(2, error);
                });
    }

    private void show(Figures f) {
        NumberFormat n = NumberFormat.getIntegerInstance(FR);
        active.setText(n.format(f.active()));
        former.setText(n.format(f.former()));
        patients.setText(n.format(f.patients()));
        int row = 0;
        for (var e : f.byProfession().entrySet()) {
            Label count = new Label(n.format(e.getValue()));
            count.getStyleClass().add("text-bold");
            professions.addRow(row++, count, new Label(Professions.label(e.getKey(), e.getValue())));
        }
    }

    private static Label figure(String id) {
        Label l = new Label("…");
        l.setId(id);
        l.getStyleClass().add("figure");
        return l;
    }

    private static VBox card(String caption, Label value) {
        Label c = new Label(caption);
        c.getStyleClass().add("text-muted");
        VBox box = new VBox(4, value, c);
        box.getStyleClass().add("figure-card");
        box.setPadding(new Insets(16, 20, 16, 20));
        box.setMinWidth(200);
        return box;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
