package fr.coordo.document;

/** A label and its value, printed side by side by {@link PdfDocument#fields}. */
public record Field(String label, String value) {
    public Field {
        label = label == null ? "" : label;
        value = value == null ? "" : value;
    }
}
