package fr.coordo.pathway;

import static fr.coordo.pathway.ProjectService.FR_DATE;
import static fr.coordo.pathway.ProjectService.blank;
import static fr.coordo.pathway.ProjectService.date;
import static fr.coordo.pathway.ProjectService.iso;
import static fr.coordo.store.schema.Tables.PATHWAY_PROJECT;
import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PCR_EPISODE;
import static fr.coordo.store.schema.Tables.PCR_EPISODE_SEQUENCE;

import fr.coordo.identity.Check;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.identity.Rpps;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.Visibility;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Timestamps;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;

/**
 * Inclusions and episodes: the inclusion decision (R.162-138), the start of the episode — refused while the
 * projet is neither validated nor réputé validé on that day (R.162-137) —, its séquences and its end.
 */
public final class EpisodeService {
    private final Database db;
    private final Clock clock;

    public EpisodeService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public EpisodeService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Database.ZONE));
    }

    // ---------------------------------------------------------------- reading

    /**
     * The episode, or empty. Episodes carry patient data: a professionnel reads those of the patients they follow
     * ({@link Visibility}), lists are filtered and any other episode asked for is refused in French.
     */
    public Optional<Episode> find(int episodeId) {
        return db.read(dsl -> readable(dsl, load(dsl, PCR_EPISODE.ID.eq(episodeId)).stream().findFirst()));
    }

    public Optional<Episode> findByReference(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        return db.read(dsl -> readable(dsl, load(dsl, PCR_EPISODE.REFERENCE.eq(reference.strip().toUpperCase())).stream().findFirst()));
    }

    /** Every episode, the latest decisions first. */
    public List<Episode> all() {
        return db.read(dsl -> load(dsl, visible()));
    }

    public List<Episode> ofPatient(int patientId) {
        return db.read(dsl -> {
            Visibility.require(dsl, db.access(), patientId, "les épisodes du patient " + Patient.reference(patientId));
            return load(dsl, PCR_EPISODE.PATIENT_ID.eq(patientId));
        });
    }

    public List<Episode> ofProject(int projectId) {
        return db.read(dsl -> load(dsl, PCR_EPISODE.PROJECT_ID.eq(projectId).and(visible())));
    }

    private Condition visible() {
        return Visibility.patients(db.access(), PCR_EPISODE.PATIENT_ID);
    }

    private Optional<Episode> readable(DSLContext dsl, Optional<Episode> episode) {
        episode.ifPresent(e -> Visibility.require(dsl, db.access(), e.patientId(), "l'épisode " + e.reference()));
        return episode;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Records the inclusion decision; with {@code startOn} the episode starts the same day (refused, and nothing
     * recorded, when the projet does not allow it then). Returns the episode's id.
     */
    public int include(InclusionInput in, LocalDate startOn) {
        return db.write((dsl, audit) -> {
            Project project = ProjectService.find(dsl, in.projectId()).orElseThrow(() -> refused("project",
                    "Projet de parcours : choisissez le projet dont relève l'inclusion."));
            LocalDate day = in.decidedOn() == null ? today() : in.decidedOn();
            ProjectVersion version = project.inForce(day).orElse(project.current());
            PcrType type = version.type().type();
            checkInclusion(dsl, in, type, project);
            String reference = nextReference(dsl);
            String now = Timestamps.now(clock);
            Integer validator = in.validatingDoctorId();
            Professional decider = TeamService.all(dsl).stream().filter(p -> p.id() == in.decidedById()).findFirst().orElseThrow();
            if (validator == null && blank(in.externalDoctorRpps()) && "medecin".equals(decider.professionCode())) {
                validator = decider.id();
            }
            int id = dsl.insertInto(PCR_EPISODE)
                    .set(PCR_EPISODE.REFERENCE, reference)
                    .set(PCR_EPISODE.PATIENT_ID, in.patientId())
                    .set(PCR_EPISODE.PROJECT_ID, in.projectId())
                    .set(PCR_EPISODE.PCR_TYPE_VERSION_ID, version.type().id())
                    .set(PCR_EPISODE.PROFILE_CODE, in.profileCode())
                    .set(PCR_EPISODE.CRITERIA, String.join(",", in.criteria()))
                    .set(PCR_EPISODE.DECIDED_BY_ID, in.decidedById())
                    .set(PCR_EPISODE.VALIDATING_DOCTOR_ID, validator)
                    .set(PCR_EPISODE.EXTERNAL_DOCTOR_NAME, validator == null ? in.externalDoctorName().strip() : null)
                    .set(PCR_EPISODE.EXTERNAL_DOCTOR_RPPS, validator == null ? in.externalDoctorRpps().strip() : null)
                    .set(PCR_EPISODE.DECIDED_ON, iso(in.decidedOn()))
                    .set(PCR_EPISODE.INFORMED_ON, iso(in.informedOn()))
                    .set(PCR_EPISODE.CONSENT_ON, iso(in.consentOn()))
                    .set(PCR_EPISODE.CONSENT_FORM, in.consentForm().name())
                    .set(PCR_EPISODE.OVERSEAS, in.overseas() ? 1 : 0)
                    .set(PCR_EPISODE.CREATED_AT, now)
                    .set(PCR_EPISODE.CREATED_BY, audit.actor())
                    .set(PCR_EPISODE.UPDATED_AT, now)
                    .returning(PCR_EPISODE.ID).fetchOne().getId();
            audit.created("pcr_episode", id, Map.of("reference", reference, "patient_id", in.patientId(),
                    "project_id", in.projectId(), "profile", in.profileCode()));
            if (startOn != null) {
                start(dsl, audit, id, startOn);
            }
            return id;
        });
    }

    /** Starts the episode on {@code startOn}: its séquences are planned one after the other from that day. */
    public void start(int episodeId, LocalDate startOn) {
        db.write((dsl, audit) -> {
            start(dsl, audit, episodeId, startOn);
            return null;
        });
    }

    /** Records the actual dates of a séquence (either may be null: not yet). */
    public void recordSequence(int episodeId, String sequenceCode, LocalDate actualStart, LocalDate actualEnd) {
        db.write((dsl, audit) -> {
            Episode e = episode(dsl, episodeId);
            if (e.state() != Episode.State.EN_COURS) {
                throw refused("sequence", "L'épisode " + e.reference() + " est « " + e.state().label()
                        + " » : ses séquences ne se renseignent que pendant l'épisode.");
            }
            Episode.EpisodeSequence s = e.sequences().stream().filter(x -> x.code().equals(sequenceCode)).findFirst()
                    .orElseThrow(() -> refused("sequence", "L'épisode " + e.reference() + " n'a pas de séquence « " + sequenceCode + " »."));
            if (actualEnd != null && actualStart == null) {
                throw refused("actualStart", "Séquence « " + s.label() + " » : le début réel est attendu avant la fin.");
            }
            if (actualStart != null && actualStart.isBefore(e.startOn())) {
                throw refused("actualStart", "Séquence « " + s.label() + " » : le début réel (" + FR_DATE.format(actualStart)
                        + ") précède le début de l'épisode (" + FR_DATE.format(e.startOn()) + ").");
            }
            if (actualEnd != null && actualEnd.isBefore(actualStart)) {
                throw refused("actualEnd", "Séquence « " + s.label() + " » : la fin réelle précède son début.");
            }
            notFuture(actualStart, "Séquence « " + s.label() + " », début réel");
            notFuture(actualEnd, "Séquence « " + s.label() + " », fin réelle");
            dsl.update(PCR_EPISODE_SEQUENCE).set(PCR_EPISODE_SEQUENCE.ACTUAL_START, iso(actualStart))
                    .set(PCR_EPISODE_SEQUENCE.ACTUAL_END, iso(actualEnd)).where(PCR_EPISODE_SEQUENCE.ID.eq(s.id())).execute();
            audit.record("pcr_episode_sequence", s.id(), AuditAction.UPDATE, Map.of(
                    "actual_start", new Audit.Change(iso(s.actualStart()), iso(actualStart)),
                    "actual_end", new Audit.Change(iso(s.actualEnd()), iso(actualEnd))));
            return null;
        });
    }

    /** Ends the episode: completed, interrupted, withdrawn or deceased. */
    public void end(int episodeId, LocalDate endOn, EndReason reason, String note) {
        db.write((dsl, audit) -> {
            Episode e = episode(dsl, episodeId);
            if (e.state() == Episode.State.CLOS) {
                throw refused("endOn", "L'épisode " + e.reference() + " est déjà clos.");
            }
            if (endOn == null || reason == null) {
                throw refused("endOn", "Fin de l'épisode : la date et le motif sont obligatoires.");
            }
            // an inclusion never started also ends (withdrawal, death, opposed projet) and frees the patient
            LocalDate from = e.startOn() != null ? e.startOn() : e.decidedOn();
            if (endOn.isBefore(from)) {
                throw refused("endOn", "Fin de l'épisode : le " + FR_DATE.format(endOn) + " précède "
                        + (e.startOn() != null ? "son début" : "la décision d'inclusion") + ", le " + FR_DATE.format(from) + ".");
            }
            notFuture(endOn, "Fin de l'épisode");
            dsl.update(PCR_EPISODE).set(PCR_EPISODE.END_ON, iso(endOn)).set(PCR_EPISODE.END_REASON, reason.name())
                    .set(PCR_EPISODE.END_NOTE, blank(note) ? null : note.strip())
                    .set(PCR_EPISODE.UPDATED_AT, Timestamps.now(clock)).where(PCR_EPISODE.ID.eq(episodeId)).execute();
            audit.record("pcr_episode", episodeId, AuditAction.UPDATE, Map.of(
                    "end_on", new Audit.Change(null, iso(endOn)), "end_reason", new Audit.Change(null, reason.name())));
            return null;
        });
    }

    // ---------------------------------------------------------------- rules

    private void start(DSLContext dsl, Audit audit, int episodeId, LocalDate startOn) {
        Episode e = episode(dsl, episodeId);
        if (e.state() != Episode.State.INCLUS) {
            throw refused("startOn", "L'épisode " + e.reference() + " a déjà commencé, le " + FR_DATE.format(e.startOn()) + ".");
        }
        if (startOn == null) {
            throw refused("startOn", "Début de l'épisode : la date est obligatoire.");
        }
        // a start in the future would pass the projet's window before the ARS has had its say
        notFuture(startOn, "Début de l'épisode");
        Project project = ProjectService.find(dsl, e.projectId()).orElseThrow();
        if (project.inForce(startOn).isEmpty()) {
            throw refused("startOn", whyNotAuthorised(project, startOn));
        }
        if (startOn.isBefore(e.decidedOn()) || startOn.isBefore(e.consentOn())) {
            throw refused("startOn", "Début de l'épisode : le " + FR_DATE.format(startOn)
                    + " précède la décision d'inclusion ou le consentement du patient.");
        }
        dsl.update(PCR_EPISODE).set(PCR_EPISODE.START_ON, iso(startOn)).set(PCR_EPISODE.UPDATED_AT, Timestamps.now(clock))
                .where(PCR_EPISODE.ID.eq(episodeId)).execute();
        LocalDate plannedStart = startOn;
        int position = 0;
        for (PcrType.Sequence s : e.type().type().orderedSequences()) {
            LocalDate plannedEnd = plannedStart == null || s.durationMonths() == null ? null
                    : plannedStart.plusMonths(s.durationMonths()).minusDays(1);
            dsl.insertInto(PCR_EPISODE_SEQUENCE)
                    .set(PCR_EPISODE_SEQUENCE.EPISODE_ID, episodeId)
                    .set(PCR_EPISODE_SEQUENCE.POSITION, position++)
                    .set(PCR_EPISODE_SEQUENCE.CODE, s.code())
                    .set(PCR_EPISODE_SEQUENCE.LABEL, s.label())
                    .set(PCR_EPISODE_SEQUENCE.PLANNED_START, iso(plannedStart))
                    .set(PCR_EPISODE_SEQUENCE.PLANNED_END, iso(plannedEnd))
                    .set(PCR_EPISODE_SEQUENCE.ACTUAL_START, position == 1 ? iso(startOn) : null)
                    .execute();
            plannedStart = plannedEnd == null ? null : plannedEnd.plusDays(1);
        }
        audit.record("pcr_episode", episodeId, AuditAction.UPDATE, Map.of("start_on", new Audit.Change(null, iso(startOn))));
    }

    /** Why a projet does not let an episode start on {@code day}, in French. */
    static String whyNotAuthorised(Project project, LocalDate day) {
        ProjectVersion current = project.current();
        StringBuilder why = new StringBuilder("L'épisode ne peut pas commencer le " + FR_DATE.format(day) + " : le projet "
                + project.reference() + " n'est ni validé ni réputé validé à cette date (article R.162-137)");
        Optional<LocalDate> from = project.firstAuthorisedOn();
        if (from.isPresent() && from.get().isAfter(day)) {
            why.append(" ; sans opposition de l'ARS, il le sera le ").append(FR_DATE.format(from.get()));
        } else if (from.isEmpty()) {
            why.append(" ; il est « ").append(current.storedStatus().label()).append(" »");
        }
        return why.append(".").toString();
    }

    private void checkInclusion(DSLContext dsl, InclusionInput in, PcrType type, Project project) {
        List<Issue> issues = new ArrayList<>();
        Optional<Patient> patient = PatientService.find(dsl, in.patientId());
        if (patient.isEmpty()) {
            issues.add(Issue.blocking("patient", "Patient : choisissez le patient à inclure."));
        }
        if (type.profile(in.profileCode()).isEmpty()) {
            issues.add(Issue.blocking("profile", "Profil : choisissez un des profils du PCR « " + type.label() + " »."));
        }
        for (String c : in.criteria()) {
            if (type.criteria().stream().noneMatch(x -> x.code().equals(c))) {
                issues.add(Issue.blocking("criteria", "Critère d'éligibilité inconnu du PCR : « " + c + " »."));
            }
        }
        for (PcrType.Criterion c : type.criteria()) {
            if (!in.criteria().contains(c.code())) {
                issues.add(Issue.blocking("criteria", "Critère d'éligibilité non coché : « " + c.label() + " »."));
            }
        }
        Map<Integer, Professional> team = TeamService.all(dsl).stream().collect(Collectors.toMap(Professional::id, Function.identity()));
        Professional decider = team.get(in.decidedById());
        if (in.decidedOn() == null) {
            issues.add(Issue.blocking("decidedOn", "Date de la décision d'inclusion : obligatoire."));
        } else if (in.decidedOn().isAfter(today())) {
            issues.add(Issue.blocking("decidedOn", "Date de la décision d'inclusion : le " + FR_DATE.format(in.decidedOn()) + " est dans le futur."));
        }
        if (decider == null) {
            issues.add(Issue.blocking("decidedBy", "Décision prise par : choisissez un professionnel de la structure."));
        } else if (in.decidedOn() != null && !decider.isActive(in.decidedOn())) {
            issues.add(Issue.blocking("decidedBy", "Décision prise par : " + decider.displayName()
                    + " n'exerçait pas dans la structure le " + FR_DATE.format(in.decidedOn()) + "."));
        }
        if (in.validatingDoctorId() != null) {
            Professional doctor = team.get(in.validatingDoctorId());
            if (doctor == null || !"medecin".equals(doctor.professionCode())) {
                issues.add(Issue.blocking("validatingDoctor", "Médecin validant : choisissez un médecin de l'équipe, ou un médecin extérieur."));
            }
        } else if (!blank(in.externalDoctorRpps()) || !blank(in.externalDoctorName())) {
            if (blank(in.externalDoctorName())) {
                issues.add(Issue.blocking("externalDoctorName", "Médecin validant extérieur : le nom est obligatoire."));
            }
            if (!(Rpps.check(in.externalDoctorRpps() == null ? "" : in.externalDoctorRpps()) instanceof Check.Valid<Rpps>)) {
                issues.add(Issue.blocking("externalDoctorRpps", "RPPS du médecin validant extérieur : 11 chiffres avec une clé valide sont attendus."));
            }
        } else if (decider != null && !"medecin".equals(decider.professionCode())) {
            issues.add(Issue.blocking("validatingDoctor", "Médecin validant : obligatoire quand la décision n'est pas prise par un médecin de la structure."));
        }
        if (in.informedOn() == null) {
            issues.add(Issue.blocking("informedOn", "Information du patient : la date est obligatoire."));
        }
        if (in.consentOn() == null || in.consentForm() == null) {
            issues.add(Issue.blocking("consentOn", "Consentement du patient (organisation du parcours et partage des données) : la date et la forme sont obligatoires."));
        } else {
            if (in.consentOn().isAfter(today())) {
                issues.add(Issue.blocking("consentOn", "Consentement du patient : le " + FR_DATE.format(in.consentOn()) + " est dans le futur."));
            }
            if (in.informedOn() != null && in.consentOn().isBefore(in.informedOn())) {
                issues.add(Issue.blocking("consentOn", "Consentement du patient : il ne peut précéder son information (le "
                        + FR_DATE.format(in.informedOn()) + ")."));
            }
        }
        if (patient.isPresent() && dsl.fetchExists(PCR_EPISODE, PCR_EPISODE.PATIENT_ID.eq(in.patientId())
                .and(PCR_EPISODE.PROJECT_ID.eq(project.id())).and(PCR_EPISODE.END_ON.isNull()))) {
            issues.add(Issue.blocking("patient", patient.get().displayName() + " a déjà un épisode ouvert dans le projet "
                    + project.reference() + "."));
        }
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
    }

    private void notFuture(LocalDate d, String field) {
        if (d != null && d.isAfter(today())) {
            throw refused("date", field + " : le " + FR_DATE.format(d) + " est dans le futur.");
        }
    }

    private String nextReference(DSLContext dsl) {
        return fr.coordo.store.References.next(dsl, PCR_EPISODE.REFERENCE, "EP-" + today().getYear() + "-", 4);
    }

    private Episode episode(DSLContext dsl, int episodeId) {
        return load(dsl, PCR_EPISODE.ID.eq(episodeId)).stream().findFirst()
                .orElseThrow(() -> refused("episode", "Épisode introuvable (n° " + episodeId + ")."));
    }

    /**
     * The episodes matching {@code where} (a condition on {@code pcr_episode}), the latest decisions first, read in
     * two queries whatever their number: the episodes with their patient's name, then their séquences. Both are read
     * by column position through JDBC, dates from their fixed positions: a quarter to pay loads ten thousand episodes
     * twice, which jOOQ's records and lists of ids took several times longer to do.
     */
    public static List<Episode> load(DSLContext dsl, Condition where) {
        var episodes = dsl.select(PCR_EPISODE.ID, PCR_EPISODE.REFERENCE, PCR_EPISODE.PATIENT_ID, PCR_EPISODE.PROJECT_ID,
                        PCR_EPISODE.PCR_TYPE_VERSION_ID, PCR_EPISODE.PROFILE_CODE, PCR_EPISODE.CRITERIA, PCR_EPISODE.DECIDED_BY_ID,
                        PCR_EPISODE.VALIDATING_DOCTOR_ID, PCR_EPISODE.EXTERNAL_DOCTOR_NAME, PCR_EPISODE.EXTERNAL_DOCTOR_RPPS,
                        PCR_EPISODE.DECIDED_ON, PCR_EPISODE.INFORMED_ON, PCR_EPISODE.CONSENT_ON, PCR_EPISODE.CONSENT_FORM, PCR_EPISODE.OVERSEAS,
                        PCR_EPISODE.START_ON, PCR_EPISODE.END_ON, PCR_EPISODE.END_REASON, PCR_EPISODE.END_NOTE, PCR_EPISODE.CREATED_AT,
                        PCR_EPISODE.CREATED_BY, PATIENT.BIRTH_NAME, PATIENT.USAGE_NAME, PATIENT.FIRST_NAMES, PATIENT.SEX)
                .from(PCR_EPISODE).leftJoin(PATIENT).on(PATIENT.ID.eq(PCR_EPISODE.PATIENT_ID))
                .where(where).orderBy(PCR_EPISODE.DECIDED_ON.desc(), PCR_EPISODE.ID.desc());
        List<Row> rows = fetch(dsl, episodes, rs -> {
            String birthName = rs.getString(23);
            return new Row(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                    rs.getInt(8), integer(rs, 9), rs.getString(10), rs.getString(11), day(rs.getString(12)), day(rs.getString(13)),
                    day(rs.getString(14)), rs.getString(15), rs.getInt(16) == 1, day(rs.getString(17)), day(rs.getString(18)), rs.getString(19),
                    rs.getString(20), instant(rs.getString(21)), rs.getString(22),
                    birthName == null ? "?" : Patient.displayName(birthName, rs.getString(24), rs.getString(25), rs.getString(26)));
        });
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Integer, Professional> team = TeamService.all(dsl).stream().collect(Collectors.toMap(Professional::id, Function.identity()));
        Map<Integer, String> projects = dsl.select(PATHWAY_PROJECT.ID, PATHWAY_PROJECT.REFERENCE).from(PATHWAY_PROJECT)
                .fetchMap(PATHWAY_PROJECT.ID, PATHWAY_PROJECT.REFERENCE);
        Map<Integer, List<Episode.EpisodeSequence>> sequences = new HashMap<>();
        var ofEpisodes = dsl.select(PCR_EPISODE_SEQUENCE.EPISODE_ID, PCR_EPISODE_SEQUENCE.ID, PCR_EPISODE_SEQUENCE.POSITION,
                        PCR_EPISODE_SEQUENCE.CODE, PCR_EPISODE_SEQUENCE.LABEL, PCR_EPISODE_SEQUENCE.PLANNED_START, PCR_EPISODE_SEQUENCE.PLANNED_END,
                        PCR_EPISODE_SEQUENCE.ACTUAL_START, PCR_EPISODE_SEQUENCE.ACTUAL_END)
                .from(PCR_EPISODE_SEQUENCE).join(PCR_EPISODE).on(PCR_EPISODE.ID.eq(PCR_EPISODE_SEQUENCE.EPISODE_ID))
                .where(where).orderBy(PCR_EPISODE_SEQUENCE.EPISODE_ID, PCR_EPISODE_SEQUENCE.POSITION);
        fetch(dsl, ofEpisodes, rs -> sequences.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new Episode.EpisodeSequence(
                rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5), day(rs.getString(6)), day(rs.getString(7)),
                day(rs.getString(8)), day(rs.getString(9)))));
        Map<Integer, PcrTypeVersion> types = new HashMap<>();
        List<Episode> out = new ArrayList<>();
        for (Row r : rows) {
            PcrTypeVersion type = types.computeIfAbsent(r.typeVersionId(), id -> PcrTypeService.find(dsl, id).orElseThrow());
            out.add(new Episode(r.id(), r.reference(), r.patientId(), r.patientName(), r.projectId(), projects.get(r.projectId()), type,
                    r.profileCode(), r.criteria().isEmpty() ? List.of() : Arrays.asList(r.criteria().split(",")),
                    team.get(r.decidedById()), r.validatingDoctorId() == null ? null : team.get(r.validatingDoctorId()),
                    r.externalDoctorName(), r.externalDoctorRpps(), r.decidedOn(), r.informedOn(), r.consentOn(),
                    ConsentForm.valueOf(r.consentForm()), r.overseas(), r.startOn(), r.endOn(),
                    r.endReason() == null ? null : EndReason.valueOf(r.endReason()), r.endNote(),
                    sequences.getOrDefault(r.id(), List.of()), r.createdAt(), r.createdBy()));
        }
        return out;
    }

    /** An episode's row as read, before its team, projet, type and séquences are put in. */
    private record Row(int id, String reference, int patientId, int projectId, int typeVersionId, String profileCode, String criteria,
            int decidedById, Integer validatingDoctorId, String externalDoctorName, String externalDoctorRpps, LocalDate decidedOn,
            LocalDate informedOn, LocalDate consentOn, String consentForm, boolean overseas, LocalDate startOn, LocalDate endOn,
            String endReason, String endNote, OffsetDateTime createdAt, String createdBy, String patientName) {}

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The rows of {@code query} read one by one through JDBC. */
    private static <T> List<T> fetch(DSLContext dsl, ResultQuery<?> query, RowReader<T> reader) {
        String sql = query.getSQL();
        List<Object> binds = query.getBindValues();
        return dsl.connectionResult(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < binds.size(); i++) {
                    st.setObject(i + 1, binds.get(i));
                }
                List<T> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** A stored day (yyyy-MM-dd) read from its fixed positions; anything else as {@link LocalDate#parse} reads it. */
    static LocalDate day(String iso) {
        if (iso == null) {
            return null;
        }
        if (iso.length() == 10 && iso.charAt(4) == '-' && iso.charAt(7) == '-') {
            int year = digits(iso, 0, 4);
            int month = digits(iso, 5, 7);
            int dayOfMonth = digits(iso, 8, 10);
            if (year >= 0 && month >= 0 && dayOfMonth >= 0) {
                try {
                    return LocalDate.of(year, month, dayOfMonth);
                } catch (DateTimeException e) {
                    // not a day: LocalDate.parse says why
                }
            }
        }
        return LocalDate.parse(iso);
    }

    /** A stored timestamp (uuuu-MM-ddTHH:mm:ss.SSS+hh:mm, see Timestamps) read from its fixed positions. */
    static OffsetDateTime instant(String text) {
        if (text.length() == 29 && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.'
                && (text.charAt(23) == '+' || text.charAt(23) == '-') && text.charAt(26) == ':') {
            int[] f = {digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), digits(text, 20, 23), digits(text, 24, 26),
                digits(text, 27, 29)};
            if (Arrays.stream(f).allMatch(n -> n >= 0)) {
                int sign = text.charAt(23) == '-' ? -1 : 1;
                try {
                    return OffsetDateTime.of(day(text.substring(0, 10)), LocalTime.of(f[0], f[1], f[2], f[3] * 1_000_000),
                            ZoneOffset.ofHoursMinutes(sign * f[4], sign * f[5]));
                } catch (DateTimeException e) {
                    // out of range: OffsetDateTime.parse says why
                }
            }
        }
        return OffsetDateTime.parse(text);
    }

    /** The number written in {@code text} from {@code from} to {@code to}, or -1 if a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static InputException refused(String field, String message) {
        return new InputException(List.of(Issue.blocking(field, message)));
    }
}
