package fr.coordo.ui;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentInput;
import fr.coordo.agenda.ConflictsException;
import fr.coordo.agenda.Scope;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.store.StoreException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.stage.Stage;

/**
 * Booking and editing as the agenda and the patient's record both do it: the form, then the scope for a
 * series, then the clashes and the reason to keep them; a refused save reopens the form as typed, with why.
 */
final class AppointmentEditor {
    private final Stage owner;
    private final AgendaService agenda;
    private final AppointmentDialog.Context context;

    AppointmentEditor(Stage owner, AgendaService agenda, AppointmentDialog.Context context) {
        this.owner = owner;
        this.agenda = agenda;
        this.context = context;
    }

    /** The appointment (or the series' first occurrence) booked; empty when the user gave up. */
    Optional<Appointment> create(AppointmentInput initial) {
        AppointmentInput current = initial;
        String error = null;
        while (true) {
            Optional<AppointmentInput> typed = AppointmentDialog.show(owner, context, current, null, error);
            if (typed.isEmpty()) {
                return Optional.empty();
            }
            current = typed.get();
            AppointmentInput in = current;
            try {
                Optional<Appointment> made = withReason(owner, reason -> agenda.create(in, reason));
                if (made.isPresent()) {
                    return made;
                }
                error = null;
            } catch (InputException ie) {
                error = ie.issues().stream().map(Issue::message).collect(Collectors.joining(" "));
            } catch (StoreException se) {
                error = se.getMessage();
            }
        }
    }

    /** The scope the edit was saved with; empty when the user gave up. */
    Optional<Scope> edit(Appointment a) {
        AppointmentInput current = a.data();
        String error = null;
        Scope scope = null;
        while (true) {
            Optional<AppointmentInput> typed = AppointmentDialog.show(owner, context, current, a, error);
            if (typed.isEmpty()) {
                return Optional.empty();
            }
            current = typed.get();
            if (scope == null) {
                Optional<Scope> chosen = a.isOccurrence() ? AgendaDialogs.chooseScope(owner, "Modifier") : Optional.of(Scope.THIS);
                if (chosen.isEmpty()) {
                    return Optional.empty();
                }
                scope = chosen.get();
            }
            AppointmentInput in = current;
            Scope s = scope;
            try {
                if (withReason(owner, reason -> {
                    agenda.update(a.id(), in, s, reason);
                    return s;
                }).isPresent()) {
                    return Optional.of(s);
                }
                error = null;
            } catch (InputException ie) {
                error = ie.issues().stream().map(Issue::message).collect(Collectors.joining(" "));
                if (ie.issues().stream().anyMatch(i -> "recurrence".equals(i.field()))) {
                    // the series cannot take this edit: the user may apply it to this appointment only
                    scope = null;
                }
            } catch (StoreException se) {
                error = se.getMessage();
            }
        }
    }

    /** Saves; on clashes, asks for the reason to keep it and saves again. Empty when the user goes back. */
    static <T> Optional<T> withReason(Stage owner, Function<String, T> save) {
        try {
            return Optional.of(save.apply(null));
        } catch (ConflictsException ce) {
            Optional<String> reason = AgendaDialogs.reasonToKeep(owner, ce.conflicts());
            return reason.filter(r -> !r.isBlank()).map(save);
        }
    }
}
