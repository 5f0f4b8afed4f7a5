package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/** The projets' stylesheet: an error in it would silently drop the badges' and the verification's colours. */
class ProjectStylesheetTest {
    @Test
    void theProjetsStylesheetParsesWithoutAnyError() throws Exception {
        CssParser.errorsProperty().clear();
        Stylesheet sheet = new CssParser().parse(ProjectsPane.class.getResource("projects.css"));
        List<String> errors = CssParser.errorsProperty().stream().map(Object::toString).toList();
        assertEquals(List.of(), errors);
        assertTrue(sheet.getRules().stream().anyMatch(r -> r.getSelectors().toString().contains("project-dash-card")),
                "the last rules of the file are read too");
    }
}
