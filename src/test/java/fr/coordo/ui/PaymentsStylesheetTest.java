package fr.coordo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/** The Paiements stylesheet: an error in it would silently drop the states' colours and the highlighted missing activity. */
class PaymentsStylesheetTest {
    @Test
    void thePaymentsStylesheetParsesWithoutAnyError() throws Exception {
        CssParser.errorsProperty().clear();
        Stylesheet sheet = new CssParser().parse(PaymentsView.class.getResource("payments.css"));
        List<String> errors = CssParser.errorsProperty().stream().map(Object::toString).toList();
        assertEquals(List.of(), errors);
        assertTrue(sheet.getRules().stream().anyMatch(r -> r.getSelectors().toString().contains("order-cancelling")),
                "the last rules of the file are read too");
    }
}
