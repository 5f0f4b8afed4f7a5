package fr.coordo.agenda;

import fr.coordo.store.StoreException;
import java.util.List;
import java.util.stream.Collectors;

/** The appointment clashes with others or with the structure's rules: nothing was saved until a reason is given. */
public final class ConflictsException extends StoreException {
    private final List<Conflict> conflicts;

    public ConflictsException(List<Conflict> conflicts) {
        super("Avant d'enregistrer : " + conflicts.stream().map(Conflict::message).collect(Collectors.joining(" "))
                + " Pour l'enregistrer malgré tout, indiquez la raison.");
        this.conflicts = List.copyOf(conflicts);
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }
}
