package fr.coordo.document;

/** A check-list line printed with a ticked ☒ or empty ☐ box. */
public record CheckItem(String text, boolean checked) {
    public CheckItem {
        text = text == null ? "" : text;
    }
}
