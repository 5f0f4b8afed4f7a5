package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.plan.Action;
import fr.coordo.plan.PlanContent;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.plan.PlanService;
import fr.coordo.plan.Todo;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The dashboard's to-do on a small base made for it: one line in each list, each line opening its patient. */
@ExtendWith(ApplicationExtension.class)
class DashboardTodoTest {
    @TempDir
    static Path dir;

    private static final LocalDate TODAY = LocalDate.now(Database.ZONE);
    private static int latePatient;
    private static int soonPatient;
    private static int overduePatient;
    private static int draftPatient;
    private static int noConsentPatient;

    private CoordoApp app;
    private Stage stage;
    private Stage extra;

    @BeforeAll
    static void fill() {
        Database db = Database.open(dir.resolve("coordo.db"));
        try {
            TeamService team = new TeamService(db);
            int physician = PlanFixtures.physician(team, "Bernard");
            int nurse = PlanFixtures.professional(team, "Petit", "Lucie", "infirmier");
            PatientService patients = new PatientService(db);
            PlanService plans = new PlanService(db);
            LocalDate consent = TODAY.minusDays(120);
            PlanContent onTime = PlanFixtures.fallsPlan(nurse, TODAY.plusDays(20), TODAY.plusDays(40));

            // Validated two months ago; its care action was due twelve days ago.
            latePatient = patients.add(PlanFixtures.eloise(physician, consent), Set.of());
            validated(plans, latePatient, PlanFixtures.fallsPlan(nurse, TODAY.minusDays(12), TODAY.plusDays(40)), TODAY.minusDays(60));
            soonPatient = patients.add(person("Durand", "Marc", "M", physician, consent), Set.of());
            validated(plans, soonPatient, reevaluation(onTime, TODAY.plusDays(5)), TODAY.minusDays(10));
            overduePatient = patients.add(person("Girard", "Anne", "F", physician, consent), Set.of());
            validated(plans, overduePatient, reevaluation(onTime, TODAY.minusDays(3)), TODAY.minusDays(100));
            // A draft begun nine days ago, by a service whose clock says so.
            draftPatient = patients.add(person("Lambert", "Paul", "M", physician, consent), Set.of());
            new PlanService(db, Clock.offset(Clock.system(Database.ZONE), Duration.ofDays(-9))).start(draftPatient);
            // Consent withdrawn after validation: the plan in force has no consent any more.
            noConsentPatient = patients.add(person("Renard", "Louise", "F", physician, consent), Set.of());
            validated(plans, noConsentPatient, onTime, TODAY.minusDays(30));
            patients.update(noConsentPatient, person("Renard", "Louise", "F", physician, null), Set.of());
        } finally {
            db.close();
        }
    }

    private static PatientInput person(String name, String first, String sex, int physician, LocalDate consentOn) {
        return new PatientInput(name, null, first, LocalDate.of(1945, 6, 1), sex, null, null, null, null, null, null, null, physician,
                null, null, false, null, false, null, false, consentOn, consentOn == null ? null : "Formulaire remis", null, null,
                PatientStatus.SUIVI, null, null, List.of());
    }

    private static void validated(PlanService plans, int patient, PlanContent content, LocalDate on) {
        int plan = plans.start(patient);
        plans.saveDraft(plan, content);
        plans.validate(plan, on);
    }

    private static PlanContent reevaluation(PlanContent c, LocalDate on) {
        return c.withReevaluationOn(on);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new CoordoApp(ShellTest.startup(dir, false));
        app.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        if (extra != null) {
            WaitForAsyncUtils.asyncFx(extra::close).get(10, TimeUnit.SECONDS);
        }
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
    }

    private void waitForTodo(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.window() != null && app.window().workspace() != null);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#todo-late").tryQuery().map(n -> n.isVisible()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The texts the table's cells show, row by row. */
    private static List<List<String>> shown(FxRobot robot, String id) {
        return shown(robot, robot.lookup(id).queryTableView());
    }

    private static List<List<String>> shown(FxRobot robot, TableView<?> table) {
        return robot.from(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> !r.isEmpty())
                .sorted(java.util.Comparator.comparingInt(TableRow::getIndex))
                .map(r -> robot.from(r).lookup(".table-cell").queryAllAs(TableCell.class).stream()
                        .sorted(java.util.Comparator.comparingDouble(c -> c.getLayoutX()))
                        .map(c -> c.getText() == null ? "" : c.getText()).toList())
                .toList();
    }

    /** The view alone, inside the window's style classes so that it looks as in the window. */
    private static javafx.scene.Parent shell(DashboardView view) {
        javafx.scene.layout.StackPane content = new javafx.scene.layout.StackPane(view);
        content.getStyleClass().addAll("coordo-shell", "content");
        return content;
    }

    private static String date(LocalDate d) {
        return d.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    @Test
    void eachListShowsItsLinesMostUrgentFirst(FxRobot robot) throws Exception {
        waitForTodo(robot);
        assertEquals("1", robot.lookup("#todo-count-late").queryAs(Label.class).getText());
        assertEquals("2", robot.lookup("#todo-count-reviews").queryAs(Label.class).getText());
        assertEquals("dont 1 en retard", robot.lookup("#todo-count-reviews-late").queryAs(Label.class).getText());
        assertEquals("1", robot.lookup("#todo-count-drafts").queryAs(Label.class).getText());
        assertEquals("1", robot.lookup("#todo-count-consent").queryAs(Label.class).getText());
        assertEquals("2", robot.lookup("#todo-reviews-count").queryAs(Label.class).getText());

        assertEquals(List.of(List.of("MOREAU (née LEFÈVRE) Éloïse Marie", "Rééducation de l'équilibre — Plan de soins · Lucie Petit",
                date(TODAY.minusDays(12)), "en retard de 12 jours")), shown(robot, "#todo-late"));

        List<List<String>> reviews = shown(robot, "#todo-reviews");
        assertEquals(2, reviews.size());
        assertEquals("GIRARD Anne", reviews.get(0).get(0), "the late re-evaluation comes first");
        assertTrue(reviews.get(0).get(1).matches("PPS-\\d{4}-\\d{4} · version 1"), reviews.get(0).get(1));
        assertEquals(date(TODAY.minusDays(3)), reviews.get(0).get(2));
        assertEquals("en retard de 3 jours", reviews.get(0).get(3));
        assertEquals(List.of("DURAND Marc", date(TODAY.plusDays(5)), "dans 5 jours"),
                List.of(reviews.get(1).get(0), reviews.get(1).get(2), reviews.get(1).get(3)));
        TableView<Todo.Review> reviewTable = robot.lookup("#todo-reviews").queryTableView();
        TableRow<?> first = robot.from(reviewTable).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getIndex() == 0).findFirst().orElseThrow();
        assertTrue(first.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("late")), "the late line is flagged");

        List<List<String>> drafts = shown(robot, "#todo-drafts");
        assertEquals(1, drafts.size());
        assertEquals("LAMBERT Paul", drafts.getFirst().get(0));
        assertEquals("commencé il y a 9 jours", drafts.getFirst().get(3));

        List<List<String>> consent = shown(robot, "#todo-consent");
        assertEquals(1, consent.size());
        assertEquals("RENARD Louise", consent.getFirst().get(0));
        Screenshots.save(stage.getScene(), "tableau-de-bord-taches.png");
    }

    @Test
    void delaysReadAsFrench() {
        assertEquals("en retard d'un jour", DashboardView.lateBy(1));
        assertEquals("en retard de 1 234 jours", DashboardView.lateBy(1234).replace('\u202f', ' ').replace('\u00a0', ' '));
        assertEquals(List.of("en retard de 2 jours", "aujourd'hui", "demain", "dans 30 jours"),
                List.of(DashboardView.reviewDelay(-2), DashboardView.reviewDelay(0), DashboardView.reviewDelay(1), DashboardView.reviewDelay(30)));
        assertEquals(List.of("commencé aujourd'hui", "commencé hier", "commencé il y a 9 jours"),
                List.of(DashboardView.startedAgo(0), DashboardView.startedAgo(1), DashboardView.startedAgo(9)));
    }

    @Test
    void aDoubleClickOnALineOpensThePatientsSection(FxRobot robot) throws Exception {
        waitForTodo(robot);
        TableView<?> late = robot.lookup("#todo-late").queryTableView();
        robot.doubleClickOn(robot.from(late).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getIndex() == 0).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Section.PATIENTS, app.window().current());
        assertTrue(((ToggleButton) robot.lookup("#nav-patients").query()).isSelected());
    }

    @Test
    void enterOrADoubleClickHandsThePatientOfTheLine(FxRobot robot) throws Exception {
        waitForTodo(robot);
        List<Integer> opened = new CopyOnWriteArrayList<>();
        DashboardView[] view = new DashboardView[1];
        robot.interact(() -> {
            view[0] = new DashboardView(app.window().workspace(), opened::add);
            Scene scene = new Scene(shell(view[0]), 1200, 640);
            scene.getStylesheets().add(MainWindow.class.getResource("coordo.css").toExternalForm());
            extra = new Stage();
            extra.setScene(scene);
            extra.show();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.from(view[0]).lookup("#todo-consent").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();

        // By keyboard alone: Tab into the first list, Enter.
        robot.interact(() -> view[0].lookup("#todo-late").requestFocus());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(latePatient), opened, "the first line is chosen when the list takes the focus");
        assertEquals(0.0, view[0].getVvalue());
        robot.interact(() -> view[0].lookup("#todo-consent").requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view[0].getVvalue() > 0, "the page scrolls to the list that takes the focus");

        for (var list : List.of(Map.entry("#todo-late", List.of(latePatient)), Map.entry("#todo-reviews", List.of(overduePatient, soonPatient)),
                Map.entry("#todo-drafts", List.of(draftPatient)), Map.entry("#todo-consent", List.of(noConsentPatient)))) {
            TableView<?> table = robot.from(view[0]).lookup(list.getKey()).queryTableView();
            for (int i = 0; i < list.getValue().size(); i++) {
                int row = i;
                opened.clear();
                robot.interact(() -> {
                    table.requestFocus();
                    table.getSelectionModel().clearAndSelect(row);
                });
                robot.type(KeyCode.ENTER);
                WaitForAsyncUtils.waitForFxEvents();
                assertEquals(List.of(list.getValue().get(row)), opened, list.getKey() + ", line " + (row + 1) + " by Enter");
            }
        }

        opened.clear();
        TableView<?> reviews = robot.from(view[0]).lookup("#todo-reviews").queryTableView();
        robot.interact(() -> {
            extra.toFront();
            view[0].setVvalue(0);
        });
        robot.doubleClickOn(robot.from(reviews).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getIndex() == 1).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(soonPatient), opened, "double-click on the second re-evaluation");
        assertFalse(opened.contains(latePatient));
    }

    @Test
    void aHundredLinesStayInAListOfBoundedHeightThatScrolls(FxRobot robot) throws Exception {
        waitForTodo(robot);
        Path other = dir.resolve("cent");
        java.nio.file.Files.createDirectories(other);
        Database db = Database.open(other.resolve("coordo.db"));
        try {
            TeamService team = new TeamService(db);
            int physician = PlanFixtures.physician(team, "Bernard");
            PatientService patients = new PatientService(db);
            PlanService plans = new PlanService(db);
            int patient = patients.add(PlanFixtures.eloise(physician, TODAY.minusDays(200)), Set.of());
            PlanContent base = PlanFixtures.fallsPlan(PlanFixtures.professional(team, "Petit", "Lucie", "infirmier"),
                    TODAY.plusDays(20), TODAY.plusDays(40));
            List<Action> actions = new java.util.ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                actions.add(new Action(PlanService.newUid(), i % 3 == 0 ? Action.Part.AIDES : Action.Part.SOINS, Action.Kind.SOINS, null,
                        "Action de suivi n° " + i, Action.Actor.PERSONNE, null, null, null, null, TODAY.minusDays(i), null,
                        Action.Status.PREVUE, null, null));
            }
            validated(plans, patient, base.withActions(actions), TODAY.minusDays(150));
        } finally {
            db.close();
        }

        AppPaths paths = AppPaths.resolve(other.resolve("coordo.db"), Map.of("XDG_DATA_HOME", other.toString()));
        Database opened = Database.open(paths.database());
        try {
            DashboardView[] view = new DashboardView[1];
            robot.interact(() -> {
                view[0] = new DashboardView(new Workspace(opened, paths, false, "test"), id -> {});
                Scene scene = new Scene(shell(view[0]), 1100, 860);
                scene.getStylesheets().add(MainWindow.class.getResource("coordo.css").toExternalForm());
                extra = new Stage();
                extra.setScene(scene);
                extra.show();
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.from(view[0]).lookup("#todo-late").query().isVisible());
            WaitForAsyncUtils.waitForFxEvents();
            TableView<?> late = robot.from(view[0]).lookup("#todo-late").queryTableView();
            assertEquals(100, late.getItems().size());
            assertEquals("100", robot.from(view[0]).lookup("#todo-late-count").queryAs(Label.class).getText());
            assertTrue(late.getHeight() < 42 + (DashboardView.VISIBLE_ROWS + 1) * late.getFixedCellSize(),
                    "the list keeps a bounded height: " + late.getHeight());
            assertEquals("en retard de 100 jours", shown(robot, late).getFirst().get(3), "the latest first");
            Screenshots.save(extra.getScene(), "tableau-de-bord-cent-lignes.png");
        } finally {
            WaitForAsyncUtils.asyncFx(extra::close).get(10, TimeUnit.SECONDS);
            extra = null;
            opened.close();
        }
    }

    @Test
    void aFailedReadSaysSoInFrenchInsteadOfTheLists(FxRobot robot) throws Exception {
        waitForTodo(robot);
        Path other = dir.resolve("fermee");
        java.nio.file.Files.createDirectories(other);
        AppPaths paths = AppPaths.resolve(other.resolve("coordo.db"), Map.of("XDG_DATA_HOME", other.toString()));
        Database closed = Database.open(paths.database());
        closed.close();
        DashboardView[] view = new DashboardView[1];
        robot.interact(() -> {
            view[0] = new DashboardView(new Workspace(closed, paths, false, "test"), id -> {});
            extra = new Stage();
            extra.setScene(new Scene(shell(view[0]), 1000, 700));
            extra.show();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.from(view[0]).lookup("#todo-error").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.from(view[0]).lookup("#todo-error").queryAs(Label.class);
        assertTrue(error.getText().startsWith("Les tâches n'ont pas pu être lues : les détails sont dans le journal "), error.getText());
        assertEquals("—", robot.from(view[0]).lookup("#todo-count-late").queryAs(Label.class).getText());
        assertTrue(robot.from(view[0]).lookup("#todo-late").tryQuery().isEmpty(), "no list half shown");
    }
}
