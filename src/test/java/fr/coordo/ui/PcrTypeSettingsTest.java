package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.Issue;
import fr.coordo.pathway.PcrTypeService;
import fr.coordo.pathway.PcrTypeVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

class PcrTypeSettingsTest extends DemoWindowTest {
    private static final String OBESITY = "obesite_complexe_adulte";
    private static final String PROFILE_2 = "forfait du profil « Obésité complexe avec limitation de l'activité physique adaptée autonome »";

    /** Without the demo, which completes the obesity type: the catalogue is here as shipped. */
    @Start
    void start(Stage stage) {
        open(stage, false);
    }

    private PcrTypeService service() {
        return new PcrTypeService(app.window().workspace().database());
    }

    private PcrTypeEditor openEditor(FxRobot robot, double width, double height) throws Exception {
        waitUntilOpen();
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        robot.clickOn("#nav-parametres");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#pcr-type-editor").tryQuery()
                .map(n -> ((PcrTypeEditor) n).shown() != null).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#pcr-type-editor").queryAs(PcrTypeEditor.class);
    }

    /** Scrolls Paramètres so that the node is near the top of the window, as the user would. */
    private static void reveal(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> {
            Node parent = node.getParent();
            while (!(parent instanceof ScrollPane)) {
                parent = parent.getParent();
            }
            ScrollPane page = (ScrollPane) parent;
            Node content = page.getContent();
            Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double room = content.getBoundsInLocal().getHeight() - page.getViewportBounds().getHeight();
            page.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 24) / room)));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Visible with all its parents. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void replace(FxRobot robot, String query, String text) {
        robot.interact(() -> {
            TextField f = robot.lookup(query).queryAs(TextField.class);
            f.requestFocus();
            f.clear();
        });
        robot.write(text);
    }

    @Test
    void aForfaitTypedForProfile2IsSavedAsVersion2AndVersion1StaysReadable(FxRobot robot) throws Exception {
        PcrTypeEditor editor = openEditor(robot, 1400, 900);
        TableView<?> types = robot.lookup("#pcr-types").queryTableView();
        assertEquals(5, types.getItems().size());
        robot.interact(() -> types.getSelectionModel().select(0));
        assertEquals(OBESITY, editor.shown().code());
        assertTrue(text(robot, "#pcr-to-complete").contains(PROFILE_2), text(robot, "#pcr-to-complete"));

        TextField forfait2 = robot.lookup("#pcr-profiles-forfait-1").queryAs(TextField.class);
        assertEquals("", forfait2.getText());
        assertEquals("à compléter", forfait2.getPromptText());
        assertTrue(forfait2.getStyle().contains("italic"), "an empty forfait reads « à compléter » in orange italics");
        assertEquals("1 126,00", robot.lookup("#pcr-profiles-forfait-0").queryAs(TextField.class).getText());

        reveal(robot, "#settings-pcr-types");
        Screenshots.save(stage.getScene(), "parametres-types-pcr.png");

        replace(robot, "#pcr-profiles-forfait-1", "1 450,50");
        replace(robot, "#pcr-note", "Montant du profil 2 lu dans l'arrêté");
        reveal(robot, "#pcr-note");
        robot.clickOn("#pcr-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#pcr-versions").queryTableView().getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(text(robot, "#pcr-messages").startsWith("Version 2 enregistrée."), text(robot, "#pcr-messages"));
        PcrTypeVersion current = service().current().getFirst();
        assertEquals(2, current.version());
        assertEquals(PcrTypeVersion.Origin.SAISIE, current.origin());
        assertEquals("Montant du profil 2 lu dans l'arrêté", current.note());
        assertEquals(new BigDecimal("1450.50"), current.type().profile("P2").orElseThrow().forfait());
        assertFalse(current.type().toComplete().contains(PROFILE_2), current.type().toComplete().toString());
        assertEquals(2, editor.shown().version(), "the form now shows version 2");
        assertEquals("1 450,50", robot.lookup("#pcr-profiles-forfait-1").queryAs(TextField.class).getText());
        assertEquals("v2 · Modifié dans Coordo", types.getColumns().get(1).getCellData(0));
        assertEquals("3 valeurs", types.getColumns().get(2).getCellData(0), "reference and date of the arrêté, forfait of profile 3");
        reveal(robot, "#pcr-heading");
        Screenshots.save(stage.getScene(), "parametres-types-pcr-version-2.png");

        // version 1 can still be read, as it was, and not changed
        reveal(robot, "#pcr-versions");
        robot.interact(() -> robot.lookup("#pcr-versions").queryTableView().getSelectionModel().select(0));
        robot.clickOn("#pcr-consult");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> editor.shown().version() == 1);
        assertTrue(editor.form().readOnly.get());
        assertTrue(shown(robot.lookup("#pcr-read-only").query()));
        assertTrue(text(robot, "#pcr-read-only").startsWith("Version 1 du "), text(robot, "#pcr-read-only"));
        TextField oldForfait = robot.lookup("#pcr-profiles-forfait-1").queryAs(TextField.class);
        assertEquals("", oldForfait.getText());
        assertFalse(oldForfait.isEditable());
        assertFalse(shown(robot.lookup("#pcr-save").query()), "an old version cannot be saved");
        reveal(robot, "#pcr-heading");
        Screenshots.save(stage.getScene(), "parametres-types-pcr-version-1.png");
        robot.clickOn("#pcr-back-to-current");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> editor.shown().version() == 2);
        assertFalse(editor.form().readOnly.get());
    }

    @Test
    void aBadAmountIsRefusedInFrenchNamingTheFieldAndNoVersionIsMade(FxRobot robot) throws Exception {
        PcrTypeEditor editor = openEditor(robot, 1000, 800);
        replace(robot, "#pcr-profiles-forfait-1", "1 4OO,50");
        replace(robot, "#pcr-note", "Essai");
        reveal(robot, "#pcr-note");
        robot.clickOn("#pcr-save");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("Forfait du profil « P2 » : « 1 4OO,50 » n'est pas un montant en euros (par exemple 1 126,50).",
                text(robot, "#pcr-messages"));
        assertTrue(editor.form().isMarked("pcr-profiles-forfait-1"));
        assertEquals(1, service().versions(OBESITY).size(), "nothing saved");

        // a split that no longer makes 100 % is refused too, by the same rules as the service
        replace(robot, "#pcr-profiles-forfait-1", "");
        replace(robot, "#pcr-split-percent-0", "15");
        reveal(robot, "#pcr-note");
        robot.clickOn("#pcr-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("La répartition par défaut fait 90 % : elle doit faire 100 %.", text(robot, "#pcr-messages"));
        assertEquals("Total : 90 % (100 % attendus)", text(robot, "#pcr-split-total"));
        assertEquals(1, service().versions(OBESITY).size(), "nothing saved");
        reveal(robot, "#pcr-categories");
        Screenshots.save(stage.getScene(), "parametres-types-pcr-1000x800.png");

        // nothing changed: no version, and it says so
        replace(robot, "#pcr-split-percent-0", "25");
        reveal(robot, "#pcr-note");
        robot.clickOn("#pcr-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Aucune modification : aucune nouvelle version n'est créée.", text(robot, "#pcr-messages"));
        assertEquals(1, service().versions(OBESITY).size());
    }

    @Test
    void everyShippedTypeShownInTheFormReadsBackUnchanged(FxRobot robot) throws Exception {
        for (var type : fr.coordo.pathway.PcrCatalogue.shipped()) {
            List<Issue> problems = new ArrayList<>();
            var read = WaitForAsyncUtils.asyncFx(() -> {
                PcrTypeEditorForm form = new PcrTypeEditorForm();
                form.fill(type);
                return form.read(problems);
            });
            assertTrue(fr.coordo.pathway.PcrCatalogue.sameDefinition(type, read.get(10, TimeUnit.SECONDS)),
                    type.code() + ": merely opening a type must not count as an edit");
            assertEquals(List.of(), problems, type.code());
        }
    }

    @Test
    void amountsAreReadTheFrenchWayAndGarbageIsNamed() {
        List<Issue> problems = new ArrayList<>();
        assertEquals(new BigDecimal("1126.50"), PcrTypeEditorNumbers.amount("1 126,50", "f", "Forfait", problems));
        assertEquals(new BigDecimal("1126.50"), PcrTypeEditorNumbers.amount("1126.5", "f", "Forfait", problems));
        assertEquals(new BigDecimal("1126.50"), PcrTypeEditorNumbers.amount("1\u202f126,50 €", "f", "Forfait", problems));
        assertEquals(new BigDecimal("1126.50"), PcrTypeEditorNumbers.amount("1.126,50", "f", "Forfait", problems));
        assertEquals(new BigDecimal("1126.00"), PcrTypeEditorNumbers.amount("1126", "f", "Forfait", problems));
        assertEquals(new BigDecimal("12.5"), PcrTypeEditorNumbers.percent("12,5 %", "p", "Majoration", problems));
        assertNull(PcrTypeEditorNumbers.amount("  ", "f", "Forfait", problems), "empty is à compléter");
        assertEquals(List.of(), problems);

        assertNull(PcrTypeEditorNumbers.amount("mille euros", "profiles", "Forfait du profil « P2 »", problems));
        assertNull(PcrTypeEditorNumbers.amount("1,126,50", "profiles", "Forfait du profil « P2 »", problems));
        assertNull(PcrTypeEditorNumbers.percent("20 pour cent", "overseas", "Majoration outre-mer", problems));
        assertNull(PcrTypeEditorNumbers.integer("12,5", "duration", "Durée de la séquence « Phase 1 »", problems));
        assertEquals(List.of(
                        "Forfait du profil « P2 » : « mille euros » n'est pas un montant en euros (par exemple 1 126,50).",
                        "Forfait du profil « P2 » : « 1,126,50 » n'est pas un montant en euros (par exemple 1 126,50).",
                        "Majoration outre-mer : « 20 pour cent » n'est pas un pourcentage (par exemple 20 ou 12,5).",
                        "Durée de la séquence « Phase 1 » : « 12,5 » n'est pas un nombre entier."),
                problems.stream().map(Issue::message).toList());
        assertEquals("1 126,5", PcrTypeEditorNumbers.show(new BigDecimal("1126.5")));
        assertEquals("20", PcrTypeEditorNumbers.show(new BigDecimal("2E+1")));
    }
}
