package fr.coordo.store;

/** A store problem the user can understand: the message is a French sentence meant for them. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
