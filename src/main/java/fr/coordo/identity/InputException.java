package fr.coordo.identity;

import fr.coordo.store.StoreException;
import java.util.List;
import java.util.stream.Collectors;

/** The input was refused: nothing was written. The issues say which fields and why, in French. */
public final class InputException extends StoreException {
    private final List<Issue> issues;

    public InputException(List<Issue> issues) {
        super(issues.stream().map(Issue::message).collect(Collectors.joining(" ")));
        this.issues = List.copyOf(issues);
    }

    public List<Issue> issues() {
        return issues;
    }
}
