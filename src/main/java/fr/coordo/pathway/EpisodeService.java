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
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Timestamps;
import fr.coordo.store.schema.tables.records.PcrEpisodeRecord;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import org.jooq.impl.DSL;

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

    public Optional<Episode> find(int episodeId) {
        return db.read(dsl -> load(dsl, PCR_EPISODE.ID.eq(episodeId)).stream().findFirst());
    }

    public Optional<Episode> findByReference(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        return db.read(dsl -> load(dsl, PCR_EPISODE.REFERENCE.eq(reference.strip().toUpperCase())).stream().findFirst());
    }

    /** Every episode, the latest decisions first. */
    public List<Episode> all() {
        return db.read(dsl -> load(dsl, DSL.trueCondition()));
    }

    public List<Episode> ofPatient(int patientId) {
        return db.read(dsl -> load(dsl, PCR_EPISODE.PATIENT_ID.eq(patientId)));
    }

    public List<Episode> ofProject(int projectId) {
        return db.read(dsl -> load(dsl, PCR_EPISODE.PROJECT_ID.eq(projectId)));
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

    /** The episodes matching {@code where}, the latest decisions first, read in a few queries whatever their number. */
    public static List<Episode> load(DSLContext dsl, Condition where) {
        List<PcrEpisodeRecord> rows = dsl.selectFrom(PCR_EPISODE).where(where)
                .orderBy(PCR_EPISODE.DECIDED_ON.desc(), PCR_EPISODE.ID.desc()).fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Integer, Professional> team = TeamService.all(dsl).stream().collect(Collectors.toMap(Professional::id, Function.identity()));
        Map<Integer, String> projects = dsl.select(PATHWAY_PROJECT.ID, PATHWAY_PROJECT.REFERENCE).from(PATHWAY_PROJECT)
                .fetchMap(PATHWAY_PROJECT.ID, PATHWAY_PROJECT.REFERENCE);
        Map<Integer, List<Episode.EpisodeSequence>> sequences = new HashMap<>();
        List<Integer> ids = rows.stream().map(PcrEpisodeRecord::getId).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            for (var s : dsl.selectFrom(PCR_EPISODE_SEQUENCE).where(PCR_EPISODE_SEQUENCE.EPISODE_ID.in(ids.subList(from, Math.min(ids.size(), from + 500))))
                    .orderBy(PCR_EPISODE_SEQUENCE.POSITION).fetch()) {
                sequences.computeIfAbsent(s.getEpisodeId(), k -> new ArrayList<>()).add(new Episode.EpisodeSequence(s.getId(), s.getPosition(),
                        s.getCode(), s.getLabel(), date(s.getPlannedStart()), date(s.getPlannedEnd()), date(s.getActualStart()), date(s.getActualEnd())));
            }
        }
        Map<Integer, PcrTypeVersion> types = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        List<Integer> patients = rows.stream().map(PcrEpisodeRecord::getPatientId).distinct().toList();
        for (int from = 0; from < patients.size(); from += 500) {
            dsl.select(PATIENT.ID, PATIENT.BIRTH_NAME, PATIENT.USAGE_NAME, PATIENT.FIRST_NAMES, PATIENT.SEX).from(PATIENT)
                    .where(PATIENT.ID.in(patients.subList(from, Math.min(patients.size(), from + 500))))
                    .forEach(p -> names.put(p.value1(), Patient.displayName(p.value2(), p.value3(), p.value4(), p.value5())));
        }
        List<Episode> out = new ArrayList<>();
        for (PcrEpisodeRecord r : rows) {
            PcrTypeVersion type = types.computeIfAbsent(r.getPcrTypeVersionId(), id -> PcrTypeService.find(dsl, id).orElseThrow());
            String patient = names.getOrDefault(r.getPatientId(), "?");
            out.add(new Episode(r.getId(), r.getReference(), r.getPatientId(), patient, r.getProjectId(), projects.get(r.getProjectId()), type,
                    r.getProfileCode(), r.getCriteria().isEmpty() ? List.of() : Arrays.asList(r.getCriteria().split(",")),
                    team.get(r.getDecidedById()), r.getValidatingDoctorId() == null ? null : team.get(r.getValidatingDoctorId()),
                    r.getExternalDoctorName(), r.getExternalDoctorRpps(), date(r.getDecidedOn()), date(r.getInformedOn()),
                    date(r.getConsentOn()), ConsentForm.valueOf(r.getConsentForm()), r.getOverseas() == 1, date(r.getStartOn()),
                    date(r.getEndOn()), r.getEndReason() == null ? null : EndReason.valueOf(r.getEndReason()), r.getEndNote(),
                    sequences.getOrDefault(r.getId(), List.of()), OffsetDateTime.parse(r.getCreatedAt()), r.getCreatedBy()));
        }
        return out;
    }

    private static InputException refused(String field, String message) {
        return new InputException(List.of(Issue.blocking(field, message)));
    }
}
