package fr.coordo.plan;

import static fr.coordo.identity.FieldChecks.blank;
import static fr.coordo.identity.FieldChecks.text;
import static fr.coordo.store.schema.Tables.CARE_PLAN;
import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PLAN_ACTION;
import static fr.coordo.store.schema.Tables.PLAN_ACTION_UPDATE;
import static fr.coordo.store.schema.Tables.PLAN_OBJECTIVE;
import static fr.coordo.store.schema.Tables.PLAN_PROBLEM;
import static fr.coordo.store.schema.Tables.PLAN_STEP;
import static fr.coordo.store.schema.Tables.PLAN_VERSION;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.patient.Visibility;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Timestamps;
import fr.coordo.store.schema.tables.records.CarePlanRecord;
import fr.coordo.store.schema.tables.records.PlanActionRecord;
import fr.coordo.store.schema.tables.records.PlanObjectiveRecord;
import fr.coordo.store.schema.tables.records.PlanProblemRecord;
import fr.coordo.store.schema.tables.records.PlanVersionRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * The personalised plan's life: start a draft, write it, validate it (refused while the médecin traitant or
 * the consent is missing), revise it as a new version, follow it up, close it. Validated versions are frozen
 * by the database itself; every write is audited.
 */
public final class PlanService {
    /** The HAS kit reviews the plan six months after validation. */
    public static final int DEFAULT_REVIEW_MONTHS = 6;
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Pattern REFERENCE = Pattern.compile("(PPS-\\d{4}-\\d{4,})(?:[/ ]?[vV](\\d+))?");

    private final Database db;
    private final Clock clock;

    public PlanService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public PlanService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Database.ZONE));
    }

    // ---------------------------------------------------------------- reading

    /**
     * The plan, or empty when there is none with this id. A professionnel asking for the plan of a patient they do
     * not follow is refused ({@link fr.coordo.store.AccessDenied}), in French: so are all the reads below.
     */
    public Optional<Plan> find(int planId) {
        return db.read(dsl -> readable(dsl, load(dsl, planId)));
    }

    /** The plan, read inside another feature's transaction. */
    public static Optional<Plan> find(DSLContext dsl, int planId) {
        return load(dsl, planId);
    }

    /** The patient's open plan, if any. */
    public Optional<Plan> openPlanOf(int patientId) {
        return db.read(dsl -> {
            requirePatient(dsl, patientId);
            return Optional.ofNullable(dsl.select(CARE_PLAN.ID).from(CARE_PLAN).where(CARE_PLAN.PATIENT_ID.eq(patientId))
                    .and(CARE_PLAN.CLOSED_ON.isNull()).fetchOne(CARE_PLAN.ID)).flatMap(id -> load(dsl, id));
        });
    }

    /** Every plan of the patient, newest first, closed ones included. */
    public List<Plan> plansOf(int patientId) {
        return db.read(dsl -> {
            requirePatient(dsl, patientId);
            return dsl.select(CARE_PLAN.ID).from(CARE_PLAN).where(CARE_PLAN.PATIENT_ID.eq(patientId))
                    .orderBy(CARE_PLAN.ID.desc()).fetch(CARE_PLAN.ID).stream().map(id -> load(dsl, id).orElseThrow()).toList();
        });
    }

    /** A reference as printed: « PPS-2026-0007 », or one version of it: « PPS-2026-0007/v2 ». */
    public record Ref(String plan, Integer version) {
        public static Optional<Ref> parse(String text) {
            Matcher m = REFERENCE.matcher(text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT));
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Ref(m.group(1), m.group(2) == null ? null : Integer.parseInt(m.group(2))));
        }
    }

    public Optional<Plan> byReference(String reference) {
        return db.read(dsl -> readable(dsl, Optional.ofNullable(dsl.select(CARE_PLAN.ID).from(CARE_PLAN)
                .where(CARE_PLAN.REFERENCE.eq(reference)).fetchOne(CARE_PLAN.ID)).flatMap(id -> load(dsl, id))));
    }

    /** One line per plan for the command line and lists: reference first. */
    public record Listing(String reference, int planId, int patientId, String patientName, Plan.State state, int version,
                          LocalDate validatedOn, LocalDate reevaluationOn) {}

    /** The plans of the patients one may read. */
    public List<Listing> list() {
        return db.read(dsl -> {
            var v = PLAN_VERSION.as("v");
            var rows = dsl.select(CARE_PLAN.ID, CARE_PLAN.REFERENCE, CARE_PLAN.PATIENT_ID, CARE_PLAN.CLOSED_ON, PATIENT.BIRTH_NAME,
                            PATIENT.USAGE_NAME, PATIENT.FIRST_NAMES, PATIENT.SEX, v.VERSION, v.STATUS, v.VALIDATED_ON, v.REEVALUATION_ON)
                    .from(CARE_PLAN).join(PATIENT).on(PATIENT.ID.eq(CARE_PLAN.PATIENT_ID))
                    .join(v).on(v.PLAN_ID.eq(CARE_PLAN.ID))
                    .where(Visibility.patients(db.access(), CARE_PLAN.PATIENT_ID))
                    .orderBy(CARE_PLAN.REFERENCE, v.VERSION).fetch();
            Map<Integer, List<org.jooq.Record>> byPlan = new LinkedHashMap<>();
            rows.forEach(r -> byPlan.computeIfAbsent(r.get(CARE_PLAN.ID), k -> new ArrayList<>()).add(r));
            List<Listing> out = new ArrayList<>();
            byPlan.forEach((id, versions) -> {
                org.jooq.Record last = versions.getLast();
                org.jooq.Record validated = versions.stream().filter(r -> "VALIDE".equals(r.get(v.STATUS))).findFirst().orElse(null);
                boolean draft = "BROUILLON".equals(last.get(v.STATUS));
                Plan.State state = last.get(CARE_PLAN.CLOSED_ON) != null ? Plan.State.CLOTURE
                        : validated == null ? Plan.State.BROUILLON : draft ? Plan.State.EN_REVISION : Plan.State.VALIDE;
                org.jooq.Record shown = validated != null ? validated : last;
                out.add(new Listing(last.get(CARE_PLAN.REFERENCE), id, last.get(CARE_PLAN.PATIENT_ID),
                        Patient.displayName(last.get(PATIENT.BIRTH_NAME), last.get(PATIENT.USAGE_NAME), last.get(PATIENT.FIRST_NAMES),
                                last.get(PATIENT.SEX)), state, shown.get(v.VERSION), date(shown.get(v.VALIDATED_ON)),
                        date(shown.get(v.REEVALUATION_ON))));
            });
            return out;
        });
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts a plan for a followed patient: version 1, a draft. One open plan per person. */
    public int start(int patientId) {
        return db.write((dsl, audit) -> {
            Patient patient = PatientService.find(dsl, patientId)
                    .orElseThrow(() -> refused("patient", "Ce patient n'existe plus."));
            if (patient.data().status() != PatientStatus.SUIVI) {
                throw refused("patient", "Un plan ne se commence que pour un patient suivi (ce patient est "
                        + patient.data().status().label().toLowerCase() + ").");
            }
            String existing = dsl.select(CARE_PLAN.REFERENCE).from(CARE_PLAN).where(CARE_PLAN.PATIENT_ID.eq(patientId))
                    .and(CARE_PLAN.CLOSED_ON.isNull()).fetchOne(CARE_PLAN.REFERENCE);
            if (existing != null) {
                throw refused("patient", "Ce patient a déjà un plan en cours (" + existing + ") : révisez-le plutôt que d'en commencer un autre.");
            }
            String now = Timestamps.now(clock);
            String reference = nextReference(dsl);
            int planId = dsl.insertInto(CARE_PLAN).set(CARE_PLAN.REFERENCE, reference).set(CARE_PLAN.PATIENT_ID, patientId)
                    .set(CARE_PLAN.CREATED_AT, now).set(CARE_PLAN.CREATED_BY, audit.actor())
                    .returning(CARE_PLAN.ID).fetchOne(CARE_PLAN.ID);
            int versionId = insertVersion(dsl, planId, 1, null, now, audit.actor());
            audit.created("care_plan", planId, Map.of("reference", reference, "patient_id", patientId));
            audit.created("plan_version", versionId, Map.of("plan_id", planId, "version", 1));
            return planId;
        });
    }

    /** Replaces the draft's content with {@code content}; refused whole when an issue remains. */
    public void saveDraft(int planId, PlanContent content) {
        db.write((dsl, audit) -> {
            PlanVersionRecord draft = draftOf(dsl, planId);
            List<Issue> issues = check(dsl, content);
            if (!issues.isEmpty()) {
                throw new InputException(issues);
            }
            PlanContent before = loadContent(dsl, draft);
            writeContent(dsl, draft, content);
            draft.setUpdatedAt(Timestamps.now(clock));
            draft.store();
            audit.record("plan_version", draft.getId(), AuditAction.UPDATE, summariseChanges(before, content));
            return null;
        });
    }

    /** The issues of a content, without writing anything. */
    public List<Issue> check(PlanContent content) {
        return db.read(dsl -> check(dsl, content));
    }

    /** Why the draft cannot be validated now; empty when it can. */
    public List<Issue> validationIssues(int planId) {
        return db.read(dsl -> {
            readable(dsl, load(dsl, planId));
            return validationIssues(dsl, planId);
        });
    }

    /**
     * Validates the draft on {@code on}: it becomes the version in force and is frozen; the one it revises
     * is kept, marked replaced. The re-evaluation date defaults to six months later.
     */
    public void validate(int planId, LocalDate on) {
        db.write((dsl, audit) -> {
            List<Issue> issues = validationIssues(dsl, planId);
            if (!issues.isEmpty()) {
                throw new InputException(issues);
            }
            if (on == null || on.isAfter(today())) {
                throw refused("validatedOn", "Date de validation : obligatoire, et pas dans le futur.");
            }
            PlanVersionRecord draft = draftOf(dsl, planId);
            Patient patient = PatientService.find(dsl, dsl.select(CARE_PLAN.PATIENT_ID).from(CARE_PLAN)
                    .where(CARE_PLAN.ID.eq(planId)).fetchOne(CARE_PLAN.PATIENT_ID)).orElseThrow();
            // A plan validated in a meeting may be typed in later, but a mistyped year would date it years back.
            if (on.isBefore(today().minusYears(1))) {
                throw refused("validatedOn", "Date de validation : plus d'un an avant aujourd'hui, vérifiez l'année.");
            }
            PlanVersionRecord previous = dsl.selectFrom(PLAN_VERSION).where(PLAN_VERSION.PLAN_ID.eq(planId))
                    .and(PLAN_VERSION.STATUS.eq(PlanVersion.Status.VALIDE.name())).fetchOne();
            if (previous != null) {
                LocalDate previousOn = LocalDate.parse(previous.getValidatedOn());
                if (on.isBefore(previousOn)) {
                    throw refused("validatedOn", "Date de validation : elle ne peut précéder celle de la version "
                            + previous.getVersion() + " (" + previousOn.format(FR_DATE) + ").");
                }
                previous.setStatus(PlanVersion.Status.REMPLACE.name());
                previous.store();
                audit.record("plan_version", previous.getId(), AuditAction.UPDATE,
                        Map.of("status", new Audit.Change(PlanVersion.Status.VALIDE.name(), PlanVersion.Status.REMPLACE.name())));
            }
            if (draft.getReevaluationOn() == null) {
                draft.setReevaluationOn(on.plusMonths(DEFAULT_REVIEW_MONTHS).toString());
            }
            draft.setPhysicianAtValidation(patient.physician());
            draft.setValidatedOn(on.toString());
            draft.setValidatedAt(Timestamps.now(clock));
            draft.setValidatedBy(audit.actor());
            draft.setUpdatedAt(draft.getValidatedAt());
            draft.setStatus(PlanVersion.Status.VALIDE.name());
            draft.store();
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            changes.put("status", new Audit.Change(PlanVersion.Status.BROUILLON.name(), PlanVersion.Status.VALIDE.name()));
            changes.put("validated_on", Audit.Change.created(on.toString()));
            changes.put("reevaluation_on", Audit.Change.created(draft.getReevaluationOn()));
            audit.record("plan_version", draft.getId(), AuditAction.UPDATE, changes);
            return null;
        });
    }

    /** Opens a revision: a new draft version copied from the one in force, with the progress recorded since. */
    public int revise(int planId, String reason) {
        return db.write((dsl, audit) -> {
            Plan plan = load(dsl, planId).orElseThrow(() -> refused("plan", "Ce plan n'existe plus."));
            if (!plan.isOpen()) {
                throw refused("plan", "Ce plan est clôturé : il ne peut plus être révisé.");
            }
            if (plan.draft().isPresent()) {
                throw refused("plan", "Une version " + plan.draft().get().version() + " est déjà en cours d'écriture.");
            }
            PlanVersion inForce = plan.validated().orElseThrow(() -> refused("plan", "Ce plan n'a pas encore de version validée."));
            PatientStatus status = PatientService.find(dsl, plan.patientId()).orElseThrow().data().status();
            if (status != PatientStatus.SUIVI) {
                throw refused("plan", "Ce patient n'est plus suivi (" + status.label().toLowerCase() + ") : clôturez le plan.");
            }
            int number = plan.versions().stream().mapToInt(PlanVersion::version).max().orElse(0) + 1;
            int versionId = insertVersion(dsl, planId, number, text(reason), Timestamps.now(clock), audit.actor());
            PlanVersionRecord draft = dsl.selectFrom(PLAN_VERSION).where(PLAN_VERSION.ID.eq(versionId)).fetchOne();
            // The re-evaluation date belongs to the old version: the new one gets its own at validation.
            PlanContent copy = inForce.content().withActions(plan.followedActions()).withReevaluationOn(null);
            writeContent(dsl, draft, copy);
            draft.store();
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            changes.put("plan_id", Audit.Change.created(planId));
            changes.put("version", Audit.Change.created(number));
            changes.put("copied_from", Audit.Change.created(inForce.version()));
            if (text(reason) != null) {
                changes.put("revision_reason", Audit.Change.created(reason.strip()));
            }
            audit.record("plan_version", versionId, AuditAction.CREATE, changes);
            return versionId;
        });
    }

    /** Drops a revision being written; the version in force stays. A first draft is closed instead. */
    public void discardRevision(int planId) {
        db.write((dsl, audit) -> {
            PlanVersionRecord draft = draftOf(dsl, planId);
            if (draft.getVersion() == 1) {
                throw refused("plan", "La première version ne s'abandonne pas : clôturez le plan avec un motif.");
            }
            dsl.deleteFrom(PLAN_VERSION).where(PLAN_VERSION.ID.eq(draft.getId())).execute();
            audit.record("plan_version", draft.getId(), AuditAction.DELETE, Map.of("version", new Audit.Change(draft.getVersion(), null)));
            return null;
        });
    }

    /** Closes the plan (objectives met, person left, deceased…); a revision being written is dropped. */
    public void close(int planId, LocalDate on, String reason) {
        db.write((dsl, audit) -> {
            CarePlanRecord plan = dsl.selectFrom(CARE_PLAN).where(CARE_PLAN.ID.eq(planId)).fetchOptional()
                    .orElseThrow(() -> refused("plan", "Ce plan n'existe plus."));
            if (plan.getClosedOn() != null) {
                throw refused("plan", "Ce plan est déjà clôturé.");
            }
            if (blank(reason)) {
                throw refused("closedReason", "Motif de clôture : obligatoire (objectifs atteints, situation stabilisée, départ, décès…).");
            }
            if (on == null || on.isAfter(today())) {
                throw refused("closedOn", "Date de clôture : obligatoire, et pas dans le futur.");
            }
            PlanVersionRecord draft = dsl.selectFrom(PLAN_VERSION).where(PLAN_VERSION.PLAN_ID.eq(planId))
                    .and(PLAN_VERSION.STATUS.eq(PlanVersion.Status.BROUILLON.name())).fetchOne();
            if (draft != null && draft.getVersion() > 1) {
                dsl.deleteFrom(PLAN_VERSION).where(PLAN_VERSION.ID.eq(draft.getId())).execute();
                audit.record("plan_version", draft.getId(), AuditAction.DELETE, Map.of("version", new Audit.Change(draft.getVersion(), null)));
            }
            plan.setClosedOn(on.toString());
            plan.setClosedReason(reason.strip());
            plan.setClosedBy(audit.actor());
            plan.store();
            audit.record("care_plan", planId, AuditAction.UPDATE, Map.of("closed_on", Audit.Change.created(on.toString()),
                    "closed_reason", Audit.Change.created(reason.strip())));
            return null;
        });
    }

    // ---------------------------------------------------------------- follow-up

    /** Adds a point d'étape to an open plan. */
    public void addStep(int planId, LocalDate on, String note, boolean feedbackToPhysician) {
        db.write((dsl, audit) -> {
            requireOpen(dsl, planId);
            if (on == null || on.isAfter(today())) {
                throw refused("stepOn", "Date du point d'étape : obligatoire, et pas dans le futur.");
            }
            if (blank(note)) {
                throw refused("stepNote", "Point d'étape : écrivez ce qui a été constaté ou décidé.");
            }
            int id = dsl.insertInto(PLAN_STEP).set(PLAN_STEP.PLAN_ID, planId).set(PLAN_STEP.STEP_ON, on.toString())
                    .set(PLAN_STEP.AUTHOR, audit.actor()).set(PLAN_STEP.NOTE, note.strip())
                    .set(PLAN_STEP.FEEDBACK_TO_PHYSICIAN, feedbackToPhysician ? 1 : 0).set(PLAN_STEP.CREATED_AT, Timestamps.now(clock))
                    .returning(PLAN_STEP.ID).fetchOne(PLAN_STEP.ID);
            audit.created("plan_step", id, Map.of("plan_id", planId, "step_on", on.toString(), "feedback_to_physician", feedbackToPhysician));
            return null;
        });
    }

    /** Records the progress of an action of the version in force (réalisée, abandonnée…). */
    public void recordProgress(int planId, String actionUid, LocalDate on, Action.Status status, String result) {
        db.write((dsl, audit) -> {
            recordProgressIn(dsl, audit, planId, actionUid, on, status, result);
            return null;
        });
    }

    /** As {@link #recordProgress}, inside the transaction of another change (an appointment marked réalisé). */
    public void recordProgressIn(DSLContext dsl, Audit audit, int planId, String actionUid, LocalDate on, Action.Status status,
            String result) {
        Plan plan = requireOpen(dsl, planId);
        PlanVersion inForce = plan.validated().orElseThrow(() -> refused("action",
                "Le suivi des actions commence une fois le plan validé."));
        if (inForce.content().actions().stream().noneMatch(a -> a.uid().equals(actionUid))) {
            throw refused("action", "Cette action ne fait pas partie de la version en vigueur.");
        }
        if (on == null || on.isAfter(today())) {
            throw refused("progressOn", "Date : obligatoire, et pas dans le futur.");
        }
        if (status == null) {
            throw refused("progressStatus", "Statut : choisissez où en est l'action.");
        }
        if (status == Action.Status.ABANDONNEE && blank(result)) {
            throw refused("progressResult", "Action abandonnée : indiquez pourquoi dans le résultat.");
        }
        int id = dsl.insertInto(PLAN_ACTION_UPDATE).set(PLAN_ACTION_UPDATE.PLAN_ID, planId)
                .set(PLAN_ACTION_UPDATE.ACTION_UID, actionUid).set(PLAN_ACTION_UPDATE.UPDATE_ON, on.toString())
                .set(PLAN_ACTION_UPDATE.STATUS, status.name()).set(PLAN_ACTION_UPDATE.RESULT, text(result))
                .set(PLAN_ACTION_UPDATE.AUTHOR, audit.actor()).set(PLAN_ACTION_UPDATE.CREATED_AT, Timestamps.now(clock))
                .returning(PLAN_ACTION_UPDATE.ID).fetchOne(PLAN_ACTION_UPDATE.ID);
        audit.created("plan_action_update", id, Map.of("plan_id", planId, "action_uid", actionUid, "status", status.name()));
    }

    /** Records that the plan was printed or exported, and where. */
    public void recordPrint(int planId, int version, String destination, boolean social) {
        db.write(Permission.TRACE, (dsl, audit) -> {
            readable(dsl, load(dsl, planId));
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            changes.put("version", Audit.Change.created(version));
            changes.put("destination", Audit.Change.created(destination));
            changes.put("copy", Audit.Change.created(social ? "sociale" : "complète"));
            audit.record("care_plan", planId, AuditAction.PRINT, changes);
            return null;
        });
    }

    /** The plan when one may read its patient; refused in French, naming the plan, when one does not follow them. */
    private Optional<Plan> readable(DSLContext dsl, Optional<Plan> plan) {
        plan.ifPresent(p -> Visibility.require(dsl, db.access(), p.patientId(), "le plan " + p.reference()));
        return plan;
    }

    private void requirePatient(DSLContext dsl, int patientId) {
        Visibility.require(dsl, db.access(), patientId, "les plans du patient " + Patient.reference(patientId));
    }

    /** A fresh uid for a new problem, objective or action. */
    public static String newUid() {
        return UUID.randomUUID().toString();
    }

    // ---------------------------------------------------------------- checks

    private List<Issue> check(DSLContext dsl, PlanContent c) {
        List<Issue> issues = new ArrayList<>();
        if (c.coordinatorId() != null && !dsl.fetchExists(PROFESSIONAL, PROFESSIONAL.ID.eq(c.coordinatorId()))) {
            issues.add(Issue.blocking("coordinator", "Coordonnateur du plan : ce professionnel n'existe plus dans l'équipe."));
        }
        Set<String> problems = new HashSet<>();
        for (int i = 0; i < c.problems().size(); i++) {
            Problem p = c.problems().get(i);
            String where = "Problème " + (i + 1);
            if (blank(p.label())) {
                issues.add(Issue.blocking("problems", where + " : le libellé est obligatoire."));
            }
            if (p.dimension() == null) {
                issues.add(Issue.blocking("problems", where + " : choisissez la dimension."));
            }
            if (p.priority() < 1 || p.priority() > 3) {
                issues.add(Issue.blocking("problems", where + " : la priorité est haute, moyenne ou basse."));
            }
            if (blank(p.uid()) || !problems.add(p.uid())) {
                issues.add(Issue.blocking("problems", where + " : identifiant manquant ou en double."));
            }
        }
        Set<String> objectives = new HashSet<>();
        for (int i = 0; i < c.objectives().size(); i++) {
            Objective o = c.objectives().get(i);
            String where = "Objectif " + (i + 1);
            if (blank(o.label())) {
                issues.add(Issue.blocking("objectives", where + " : le libellé est obligatoire."));
            }
            if (o.status() == null) {
                issues.add(Issue.blocking("objectives", where + " : choisissez le statut."));
            } else if (o.status() == Objective.Status.NON_ATTEINT && blank(o.reason())) {
                issues.add(Issue.blocking("objectives", where + " : non atteint, indiquez pourquoi."));
            }
            if (o.problemUid() != null && !problems.contains(o.problemUid())) {
                issues.add(Issue.blocking("objectives", where + " : le problème auquel il répond n'est plus dans le plan."));
            }
            if (blank(o.uid()) || !objectives.add(o.uid())) {
                issues.add(Issue.blocking("objectives", where + " : identifiant manquant ou en double."));
            }
        }
        Set<String> actions = new HashSet<>();
        for (int i = 0; i < c.actions().size(); i++) {
            Action a = c.actions().get(i);
            String where = (a.part() == Action.Part.AIDES ? "Plan d'aides" : "Plan de soins") + ", action « "
                    + (blank(a.label()) ? String.valueOf(i + 1) : a.label().strip()) + " »";
            if (blank(a.label())) {
                issues.add(Issue.blocking("actions", where + " : le libellé est obligatoire."));
            }
            if (a.part() == null || a.kind() == null || a.status() == null || a.actor() == null) {
                issues.add(Issue.blocking("actions", where + " : la partie, le type, l'intervenant et le statut sont obligatoires."));
                continue;
            }
            if (a.actor() == Action.Actor.PROFESSIONNEL) {
                if (a.professionalId() == null) {
                    issues.add(Issue.blocking("actions", where + " : choisissez le professionnel de l'équipe qui la réalise."));
                } else if (!dsl.fetchExists(PROFESSIONAL, PROFESSIONAL.ID.eq(a.professionalId()))) {
                    issues.add(Issue.blocking("actions", where + " : ce professionnel n'existe plus dans l'équipe."));
                }
            } else if (a.actor() != Action.Actor.PERSONNE && blank(a.actorName())) {
                issues.add(Issue.blocking("actions", where + " : indiquez qui la réalise."));
            }
            if (a.startOn() != null && a.dueOn() != null && a.dueOn().isBefore(a.startOn())) {
                issues.add(Issue.blocking("actions", where + " : l'échéance précède le début."));
            }
            if (a.status() == Action.Status.ABANDONNEE && blank(a.reason())) {
                issues.add(Issue.blocking("actions", where + " : abandonnée, indiquez pourquoi."));
            }
            if (a.objectiveUid() != null && !objectives.contains(a.objectiveUid())) {
                issues.add(Issue.blocking("actions", where + " : l'objectif auquel elle répond n'est plus dans le plan."));
            }
            if (blank(a.uid()) || !actions.add(a.uid())) {
                issues.add(Issue.blocking("actions", where + " : identifiant manquant ou en double."));
            }
        }
        return issues;
    }

    private List<Issue> validationIssues(DSLContext dsl, int planId) {
        PlanVersionRecord draft = draftOf(dsl, planId);
        int patientId = dsl.select(CARE_PLAN.PATIENT_ID).from(CARE_PLAN).where(CARE_PLAN.ID.eq(planId)).fetchOne(CARE_PLAN.PATIENT_ID);
        Patient patient = PatientService.find(dsl, patientId).orElseThrow();
        List<Issue> issues = new ArrayList<>();
        if (patient.data().status() != PatientStatus.SUIVI) {
            issues.add(Issue.blocking("patient", "Ce patient n'est plus suivi (" + patient.data().status().label().toLowerCase()
                    + ") : clôturez le plan plutôt que de le valider."));
        }
        if (patient.physician() == null) {
            issues.add(Issue.blocking("physician", "Le médecin traitant n'est pas renseigné : le plan se valide avec lui. "
                    + "Indiquez-le dans la fiche du patient."));
        }
        if (!patient.hasPlanConsent()) {
            issues.add(Issue.blocking("consent", "Le consentement de la personne au plan n'est pas enregistré : "
                    + "indiquez sa date dans la fiche du patient."));
        }
        PlanContent content = loadContent(dsl, draft);
        if (content.actions().isEmpty()) {
            issues.add(Issue.blocking("actions", "Le plan ne contient aucune action : ajoutez au moins une action au plan de soins ou d'aides."));
        }
        issues.addAll(check(dsl, content));
        return issues;
    }

    // ---------------------------------------------------------------- storage

    private static InputException refused(String field, String message) {
        return new InputException(List.of(Issue.blocking(field, message)));
    }

    private Plan requireOpen(DSLContext dsl, int planId) {
        Plan plan = load(dsl, planId).orElseThrow(() -> refused("plan", "Ce plan n'existe plus."));
        if (!plan.isOpen()) {
            throw refused("plan", "Ce plan est clôturé : son suivi est terminé.");
        }
        return plan;
    }

    private static PlanVersionRecord draftOf(DSLContext dsl, int planId) {
        CarePlanRecord plan = dsl.selectFrom(CARE_PLAN).where(CARE_PLAN.ID.eq(planId)).fetchOptional()
                .orElseThrow(() -> refused("plan", "Ce plan n'existe plus."));
        if (plan.getClosedOn() != null) {
            throw refused("plan", "Ce plan est clôturé : il ne change plus.");
        }
        return dsl.selectFrom(PLAN_VERSION).where(PLAN_VERSION.PLAN_ID.eq(planId))
                .and(PLAN_VERSION.STATUS.eq(PlanVersion.Status.BROUILLON.name())).fetchOptional()
                .orElseThrow(() -> refused("plan", "Ce plan n'a pas de version en cours d'écriture : une version validée ne change plus. "
                        + "Révisez le plan pour écrire une nouvelle version."));
    }

    private String nextReference(DSLContext dsl) {
        return fr.coordo.store.References.next(dsl, CARE_PLAN.REFERENCE, "PPS-" + today().getYear() + "-", 4);
    }

    private static int insertVersion(DSLContext dsl, int planId, int number, String reason, String now, String actor) {
        return dsl.insertInto(PLAN_VERSION).set(PLAN_VERSION.PLAN_ID, planId).set(PLAN_VERSION.VERSION, number)
                .set(PLAN_VERSION.STATUS, PlanVersion.Status.BROUILLON.name()).set(PLAN_VERSION.REVISION_REASON, reason)
                .set(PLAN_VERSION.CREATED_AT, now).set(PLAN_VERSION.CREATED_BY, actor).set(PLAN_VERSION.UPDATED_AT, now)
                .returning(PLAN_VERSION.ID).fetchOne(PLAN_VERSION.ID);
    }

    private static void writeContent(DSLContext dsl, PlanVersionRecord v, PlanContent c) {
        v.setCoordinatorId(c.coordinatorId());
        v.setSynthesisMedical(text(c.synthesisMedical()));
        v.setSynthesisPsychological(text(c.synthesisPsychological()));
        v.setSynthesisSocial(text(c.synthesisSocial()));
        v.setSynthesisEnvironmental(text(c.synthesisEnvironmental()));
        v.setPreferences(text(c.preferences()));
        v.setProjects(text(c.projects()));
        v.setAlertProcedure(text(c.alertProcedure()));
        v.setReevaluationOn(iso(c.reevaluationOn()));
        int id = v.getId();
        dsl.deleteFrom(PLAN_PROBLEM).where(PLAN_PROBLEM.VERSION_ID.eq(id)).execute();
        dsl.deleteFrom(PLAN_OBJECTIVE).where(PLAN_OBJECTIVE.VERSION_ID.eq(id)).execute();
        dsl.deleteFrom(PLAN_ACTION).where(PLAN_ACTION.VERSION_ID.eq(id)).execute();
        int position = 0;
        for (Problem p : c.problems()) {
            dsl.insertInto(PLAN_PROBLEM).set(PLAN_PROBLEM.VERSION_ID, id).set(PLAN_PROBLEM.UID, p.uid()).set(PLAN_PROBLEM.POSITION, position++)
                    .set(PLAN_PROBLEM.CODE, p.code()).set(PLAN_PROBLEM.LABEL, p.label().strip()).set(PLAN_PROBLEM.DIMENSION, p.dimension().name())
                    .set(PLAN_PROBLEM.PRIORITY, p.priority()).set(PLAN_PROBLEM.TO_EXPLORE, p.toExplore() ? 1 : 0)
                    .set(PLAN_PROBLEM.NOTES, text(p.notes())).execute();
        }
        position = 0;
        for (Objective o : c.objectives()) {
            dsl.insertInto(PLAN_OBJECTIVE).set(PLAN_OBJECTIVE.VERSION_ID, id).set(PLAN_OBJECTIVE.UID, o.uid())
                    .set(PLAN_OBJECTIVE.POSITION, position++).set(PLAN_OBJECTIVE.PROBLEM_UID, o.problemUid())
                    .set(PLAN_OBJECTIVE.LABEL, o.label().strip()).set(PLAN_OBJECTIVE.CRITERION, text(o.criterion()))
                    .set(PLAN_OBJECTIVE.TARGET_ON, iso(o.targetOn())).set(PLAN_OBJECTIVE.STATUS, o.status().name())
                    .set(PLAN_OBJECTIVE.REASON, o.status() == Objective.Status.NON_ATTEINT ? text(o.reason()) : null).execute();
        }
        position = 0;
        for (Action a : c.actions()) {
            dsl.insertInto(PLAN_ACTION).set(PLAN_ACTION.VERSION_ID, id).set(PLAN_ACTION.UID, a.uid()).set(PLAN_ACTION.POSITION, position++)
                    .set(PLAN_ACTION.PART, a.part().name()).set(PLAN_ACTION.KIND, a.kind().name())
                    .set(PLAN_ACTION.OBJECTIVE_UID, a.objectiveUid()).set(PLAN_ACTION.LABEL, a.label().strip())
                    .set(PLAN_ACTION.ACTOR_KIND, a.actor().name())
                    .set(PLAN_ACTION.PROFESSIONAL_ID, a.actor() == Action.Actor.PROFESSIONNEL ? a.professionalId() : null)
                    .set(PLAN_ACTION.ACTOR_NAME, a.actor() == Action.Actor.PROFESSIONNEL ? null : text(a.actorName()))
                    .set(PLAN_ACTION.START_ON, iso(a.startOn())).set(PLAN_ACTION.FREQUENCY, text(a.frequency()))
                    .set(PLAN_ACTION.DUE_ON, iso(a.dueOn())).set(PLAN_ACTION.CRITERION, text(a.criterion()))
                    .set(PLAN_ACTION.STATUS, a.status().name()).set(PLAN_ACTION.REASON, text(a.reason()))
                    .set(PLAN_ACTION.RESULT, text(a.result())).execute();
        }
    }

    static Optional<Plan> load(DSLContext dsl, int planId) {
        CarePlanRecord p = dsl.selectFrom(CARE_PLAN).where(CARE_PLAN.ID.eq(planId)).fetchOne();
        if (p == null) {
            return Optional.empty();
        }
        Patient patient = PatientService.find(dsl, p.getPatientId()).orElseThrow();
        List<PlanVersion> versions = dsl.selectFrom(PLAN_VERSION).where(PLAN_VERSION.PLAN_ID.eq(planId)).orderBy(PLAN_VERSION.VERSION)
                .fetch().map(v -> new PlanVersion(v.getId(), v.getVersion(), PlanVersion.Status.valueOf(v.getStatus()), loadContent(dsl, v),
                        v.getRevisionReason(), v.getPhysicianAtValidation(), date(v.getValidatedOn()), instant(v.getValidatedAt()),
                        v.getValidatedBy(), instant(v.getCreatedAt()), v.getCreatedBy()));
        List<Step> steps = dsl.selectFrom(PLAN_STEP).where(PLAN_STEP.PLAN_ID.eq(planId)).orderBy(PLAN_STEP.STEP_ON, PLAN_STEP.ID).fetch()
                .map(s -> new Step(s.getId(), date(s.getStepOn()), s.getAuthor(), s.getNote(), s.getFeedbackToPhysician() == 1));
        List<ActionUpdate> updates = dsl.selectFrom(PLAN_ACTION_UPDATE).where(PLAN_ACTION_UPDATE.PLAN_ID.eq(planId))
                .orderBy(PLAN_ACTION_UPDATE.UPDATE_ON, PLAN_ACTION_UPDATE.ID).fetch()
                .map(u -> new ActionUpdate(u.getActionUid(), date(u.getUpdateOn()), Action.Status.valueOf(u.getStatus()), u.getResult(),
                        u.getAuthor(), instant(u.getCreatedAt())));
        return Optional.of(new Plan(p.getId(), p.getReference(), p.getPatientId(), patient.displayName(), instant(p.getCreatedAt()),
                p.getCreatedBy(), date(p.getClosedOn()), p.getClosedReason(), p.getClosedBy(), versions, steps, updates));
    }

    private static PlanContent loadContent(DSLContext dsl, PlanVersionRecord v) {
        int id = v.getId();
        List<Problem> problems = dsl.selectFrom(PLAN_PROBLEM).where(PLAN_PROBLEM.VERSION_ID.eq(id)).orderBy(PLAN_PROBLEM.POSITION).fetch()
                .map(PlanService::problem);
        List<Objective> objectives = dsl.selectFrom(PLAN_OBJECTIVE).where(PLAN_OBJECTIVE.VERSION_ID.eq(id)).orderBy(PLAN_OBJECTIVE.POSITION)
                .fetch().map(PlanService::objective);
        List<Action> actions = dsl.selectFrom(PLAN_ACTION).where(PLAN_ACTION.VERSION_ID.eq(id)).orderBy(PLAN_ACTION.POSITION).fetch()
                .map(PlanService::action);
        return new PlanContent(v.getCoordinatorId(), v.getSynthesisMedical(), v.getSynthesisPsychological(), v.getSynthesisSocial(),
                v.getSynthesisEnvironmental(), v.getPreferences(), v.getProjects(), v.getAlertProcedure(), date(v.getReevaluationOn()),
                problems, objectives, actions);
    }

    private static Problem problem(PlanProblemRecord r) {
        return new Problem(r.getUid(), r.getCode(), r.getLabel(), Dimension.valueOf(r.getDimension()), r.getPriority(), r.getToExplore() == 1,
                r.getNotes());
    }

    private static Objective objective(PlanObjectiveRecord r) {
        return new Objective(r.getUid(), r.getProblemUid(), r.getLabel(), r.getCriterion(), date(r.getTargetOn()),
                Objective.Status.valueOf(r.getStatus()), r.getReason());
    }

    private static Action action(PlanActionRecord r) {
        return new Action(r.getUid(), Action.Part.valueOf(r.getPart()), Action.Kind.valueOf(r.getKind()), r.getObjectiveUid(), r.getLabel(),
                Action.Actor.valueOf(r.getActorKind()), r.getProfessionalId(), r.getActorName(), date(r.getStartOn()), r.getFrequency(),
                date(r.getDueOn()), r.getCriterion(), Action.Status.valueOf(r.getStatus()), r.getReason(), r.getResult());
    }

    private static Map<String, Audit.Change> summariseChanges(PlanContent before, PlanContent after) {
        Map<String, Audit.Change> changes = new LinkedHashMap<>();
        if (before.problems().size() != after.problems().size()) {
            changes.put("problems", new Audit.Change(before.problems().size(), after.problems().size()));
        }
        if (before.objectives().size() != after.objectives().size()) {
            changes.put("objectives", new Audit.Change(before.objectives().size(), after.objectives().size()));
        }
        if (before.actions().size() != after.actions().size()) {
            changes.put("actions", new Audit.Change(before.actions().size(), after.actions().size()));
        }
        if (!java.util.Objects.equals(before.coordinatorId(), after.coordinatorId())) {
            changes.put("coordinator_id", new Audit.Change(before.coordinatorId(), after.coordinatorId()));
        }
        if (!java.util.Objects.equals(before.reevaluationOn(), after.reevaluationOn())) {
            changes.put("reevaluation_on", new Audit.Change(iso(before.reevaluationOn()), iso(after.reevaluationOn())));
        }
        return changes;
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    private static OffsetDateTime instant(String iso) {
        return iso == null ? null : OffsetDateTime.parse(iso);
    }
}
