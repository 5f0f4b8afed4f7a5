package fr.coordo.identity;

/**
 * Something wrong with one field of an input. {@code confirmable} names the identifier whose check key
 * is doubtful: the user may confirm it, and the issue then goes away. Every other issue blocks.
 */
public record Issue(String field, String message, IdentifierKind confirmable) {
    public static Issue blocking(String field, String message) {
        return new Issue(field, message, null);
    }

    public boolean isWarning() {
        return confirmable != null;
    }
}
