package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/** A syntax error in the stylesheet silently drops every rule after it: the window loses its look. */
class StylesheetTest {
    @Test
    void theStylesheetParsesWithoutAnyError() throws Exception {
        CssParser.errorsProperty().clear();
        Stylesheet sheet = new CssParser().parse(MainWindow.class.getResource("coordo.css"));
        List<String> errors = CssParser.errorsProperty().stream().map(Object::toString).toList();
        assertEquals(List.of(), errors);
        assertTrue(sheet.getRules().stream().anyMatch(r -> r.getSelectors().toString().contains("agenda-block")),
                "the last rules of the file are read too");
    }
}
