package fr.coordo.ui;

import static fr.coordo.store.schema.Tables.STRUCTURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.team.StructureReference;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

class SettingsViewTest extends DemoWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private StructureForm open(FxRobot robot) throws Exception {
        waitUntilOpen();
        robot.clickOn("#nav-parametres");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !robot.lookup("#structure-name").queryAs(TextField.class).getText().isEmpty());
        return robot.lookup("#structure-form").queryAs(StructureForm.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class).getText();
    }

    @Test
    void anotherPostalCodeProposesItsDepartementArsAndCpamThenTheStructureIsSaved(FxRobot robot) throws Exception {
        StructureForm form = open(robot);
        assertEquals("37 – Indre-et-Loire", text(robot, "#structure-departmentCode"));
        robot.interact(() -> robot.lookup("#structure-postalCode").queryAs(TextField.class).setText("69003"));
        assertEquals("69 – Rhône", text(robot, "#structure-departmentCode"));
        assertEquals("Auvergne-Rhône-Alpes", text(robot, "#structure-arsRegion"));
        assertEquals("CPAM du Rhône", text(robot, "#structure-cpam"));
        robot.interact(form::save);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#structure-messages").queryAs(Label.class).getText().equals("Structure enregistrée."));
        var saved = app.window().workspace().database().read(d -> d.selectFrom(STRUCTURE).fetchSingle());
        assertEquals("69", saved.getDepartmentCode());
        assertEquals("CPAM du Rhône", saved.getCpam());
        Screenshots.save(stage.getScene(), "parametres-structure.png");
    }

    @Test
    void aBadSiretIsRefusedAndHighlightedAndANonEligibleCategorySaysSo(FxRobot robot) throws Exception {
        StructureForm form = open(robot);
        String before = app.window().workspace().database().read(d -> d.selectFrom(STRUCTURE).fetchSingle().getSiret());
        robot.interact(() -> robot.lookup("#structure-siret").queryAs(TextField.class).setText("12345678901234"));
        robot.interact(form::save);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> form.isMarked("siret"));
        assertTrue(robot.lookup("#structure-messages").queryAs(Label.class).getText().startsWith("SIRET : "));
        assertEquals(before, app.window().workspace().database().read(d -> d.selectFrom(STRUCTURE).fetchSingle().getSiret()));

        robot.interact(() -> robot.lookup("#structure-category").<StructureReference.Choice>queryComboBox()
                .setValue(StructureReference.category("msp_autre").orElseThrow()));
        assertTrue(robot.lookup("#structure-eligibility").queryAs(Label.class).getText().startsWith("Cette catégorie ne peut pas"));
    }
}
