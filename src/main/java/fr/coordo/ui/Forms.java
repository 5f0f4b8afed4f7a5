package fr.coordo.ui;

import fr.coordo.identity.Issue;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.util.StringConverter;

/** Small pieces every form uses: labels tied to fields, date pickers that take typed text, combo labels. */
final class Forms {
    static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TYPED_DATE = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private Forms() {}

    /** A field's label, tied to it for screen readers and for Alt+click focus. */
    static Label label(String text, Node field) {
        Label l = new Label(text);
        l.setMinWidth(Label.USE_PREF_SIZE);
        l.setLabelFor(field);
        return l;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String date(LocalDate d) {
        return d == null ? "" : d.format(FR_DATE);
    }

    static DatePicker datePicker(String id) {
        DatePicker p = new DatePicker();
        p.setId(id);
        p.setPromptText("jj/mm/aaaa");
        // The default converter would turn « 31/02 » into the 28th when the field loses focus.
        p.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return d == null ? "" : d.format(FR_DATE);
            }

            @Override
            public LocalDate fromString(String s) {
                return s == null || s.isBlank() ? null : LocalDate.parse(s.strip().replace('.', '/').replace('-', '/'), TYPED_DATE);
            }
        });
        p.setPrefWidth(150);
        return p;
    }

    static TextArea area(String id, int rows) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setPrefRowCount(rows);
        a.setWrapText(true);
        return a;
    }

    /**
     * Takes what was typed in a date field, even without Entrée. A text that is not a date adds an issue
     * naming the field and leaves the value unchanged.
     */
    static void commitDate(DatePicker picker, String field, String label, List<Issue> problems) {
        if (picker.isDisabled()) {
            return;
        }
        String text = picker.getEditor().getText();
        if (text == null || text.isBlank()) {
            picker.setValue(null);
            return;
        }
        try {
            // Strict: « 31/02 » is refused, not quietly turned into the 28th.
            picker.setValue(LocalDate.parse(text.strip().replace('.', '/').replace('-', '/'), TYPED_DATE));
            picker.getEditor().setText(picker.getValue().format(FR_DATE));
        } catch (RuntimeException e) {
            problems.add(Issue.blocking(field, label + " : « " + text.strip() + " » n'est pas une date (jj/mm/aaaa attendu)."));
        }
    }

    /** Shows each item of a combo box by its label, in the list and in the button. */
    static <T> void labelled(ComboBox<T> combo, Function<T, String> label) {
        combo.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : label.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        combo.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(T t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : label.apply(t));
            }
        });
    }

    /** A refused save shows its issues field by field; any other failure as one French sentence. */
    static void showFailure(Throwable error, java.util.function.Consumer<List<Issue>> showIssues, Label messages) {
        if (error instanceof fr.coordo.identity.InputException ie) {
            showIssues.accept(ie.issues());
        } else {
            messages.setText(TeamView.describe(error));
        }
    }

    static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    /** A section's message line: the text, green when it reports a success, hidden when empty. */
    static void say(javafx.scene.control.Label messages, String text, boolean success) {
        messages.setText(text == null ? "" : text);
        messages.getStyleClass().remove("success");
        if (success) {
            messages.getStyleClass().add("success");
        }
        show(messages, text != null && !text.isEmpty());
    }
}
