package fr.coordo.agenda;

import static fr.coordo.store.schema.Tables.PATIENT;

import fr.coordo.document.Documents;
import fr.coordo.identity.SearchKey;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.StoreException;
import fr.coordo.team.Professional;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Printing a professional's agenda: reads what the sheet shows, renders it with {@link AgendaSheet}, writes the file
 * complete or not at all and records the print in the audit trail.
 */
public final class AgendaSheets {
    private final Database db;
    private final Clock clock;

    public AgendaSheets(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public AgendaSheets(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    /** What the sheet of the professional shows for the day, or the week of the day. */
    public AgendaSheet.Snapshot snapshot(int professionalId, AgendaSheet.Span span, LocalDate date) {
        Professional pro = new TeamService(db, clock).all().stream().filter(p -> p.id() == professionalId).findFirst()
                .orElseThrow(() -> new StoreException("Ce professionnel n'existe plus dans l'équipe."));
        return snapshot(pro, span, date);
    }

    public AgendaSheet.Snapshot snapshot(Professional pro, AgendaSheet.Span span, LocalDate date) {
        LocalDate first = span.first(date);
        AgendaService agenda = new AgendaService(db, clock);
        List<Appointment> appointments = agenda.between(first, first.plusDays(span.days()), AgendaService.Filter.professional(pro.id()));
        String structure = new StructureService(db, clock).load().map(StructureInput::name).orElse(null);
        return new AgendaSheet.Snapshot(pro, structure, span, first, appointments, contacts(appointments),
                agenda.openingHours().keySet());
    }

    /**
     * The professional a command line names: by RPPS (11 digits), ADELI (9 characters) or name (« Petit », « Lucie
     * Petit »). Refused with a French message when nobody or several people match.
     */
    public Professional professional(String who) {
        String text = who == null ? "" : who.strip();
        if (text.isEmpty()) {
            throw new StoreException("Professionnel : indiquez son RPPS, son numéro ADELI ou son nom.");
        }
        List<Professional> team = new TeamService(db, clock).all();
        String compact = text.replace(" ", "");
        List<Professional> byNumber = team.stream().filter(p -> compact.equals(p.rpps()) || compact.equalsIgnoreCase(p.adeli())).toList();
        if (!byNumber.isEmpty()) {
            return byNumber.getFirst();
        }
        if (compact.matches("\\d{9,11}")) {
            throw new StoreException("Aucun professionnel de l'équipe n'a le RPPS ou le numéro ADELI « " + text + " ».");
        }
        String key = SearchKey.of(text);
        List<Professional> byName = team.stream().filter(p -> SearchKey.of(p.lastName()).equals(key)
                || SearchKey.of(p.firstName(), p.lastName()).equals(key) || SearchKey.of(p.lastName(), p.firstName()).equals(key)).toList();
        if (byName.size() == 1) {
            return byName.getFirst();
        }
        if (byName.isEmpty()) {
            throw new StoreException("Aucun professionnel de l'équipe ne s'appelle « " + text + " » : indiquez son RPPS ou son nom "
                    + "tel que la liste de l'équipe l'écrit.");
        }
        throw new StoreException("Plusieurs professionnels s'appellent « " + text + " » : "
                + byName.stream().map(p -> p.firstName() + " " + p.lastName() + " (" + p.professionLabel().toLowerCase()
                        + (p.rpps() == null ? "" : ", RPPS " + p.rpps()) + ")").collect(Collectors.joining(", "))
                + ". Indiquez son RPPS, ou son prénom et son nom.");
    }

    /**
     * Renders the sheet, writes it to {@code out} complete or not at all, and records the print in the audit trail
     * (professional, period, file, fingerprint, number of appointments: never a patient's name). Without
     * {@code replace}, an existing file is refused and nothing is recorded.
     */
    public Path export(AgendaSheet.Snapshot s, Path out, boolean replace) {
        byte[] pdf = AgendaSheet.render(s, clock);
        Path target = out.toAbsolutePath().normalize();
        Documents.writeAtomically(target, pdf, replace);
        recordPrint(s, target.toString());
        return target;
    }

    /** Records in the audit trail that the sheet went to {@code destination} (a file, or « imprimante »). */
    public void recordPrint(AgendaSheet.Snapshot s, String destination) {
        db.write(Permission.TRACE, (dsl, audit) -> {
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            changes.put("document", Audit.Change.created(s.span() == AgendaSheet.Span.WEEK ? "agenda de la semaine" : "agenda du jour"));
            changes.put("first_day", Audit.Change.created(s.first().toString()));
            changes.put("appointments", Audit.Change.created(s.appointments().size()));
            changes.put("destination", Audit.Change.created(destination));
            changes.put("fingerprint", Audit.Change.created(AgendaSheet.fingerprint(s)));
            audit.record("professional", s.professional().id(), AuditAction.PRINT, changes);
            return null;
        });
    }

    /** Phone and address of each patient of the appointments: what a professional needs, and nothing more. */
    private Map<Integer, AgendaSheet.PatientContact> contacts(List<Appointment> appointments) {
        List<Integer> ids = appointments.stream().map(a -> a.data().patientId()).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.read(dsl -> {
            Map<Integer, AgendaSheet.PatientContact> map = new HashMap<>();
            dsl.select(PATIENT.ID, PATIENT.PHONE, PATIENT.ADDRESS, PATIENT.POSTAL_CODE, PATIENT.CITY).from(PATIENT)
                    .where(PATIENT.ID.in(ids)).forEach(r -> {
                        String town = Stream.of(r.value4(), r.value5()).filter(AgendaSheets::notBlank).map(String::strip)
                                .collect(Collectors.joining(" "));
                        String address = Stream.of(r.value3(), town).filter(AgendaSheets::notBlank).map(String::strip)
                                .collect(Collectors.joining(", "));
                        map.put(r.value1(), new AgendaSheet.PatientContact(r.value2(), address.isEmpty() ? null : address));
                    });
            return map;
        });
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
