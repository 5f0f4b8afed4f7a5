package fr.coordo.demo;

import static fr.coordo.store.schema.Tables.CARE_PLAN;
import static fr.coordo.store.schema.Tables.PLAN_ACTION;
import static fr.coordo.store.schema.Tables.PLAN_ACTION_UPDATE;
import static fr.coordo.store.schema.Tables.PLAN_OBJECTIVE;
import static fr.coordo.store.schema.Tables.PLAN_PROBLEM;
import static fr.coordo.store.schema.Tables.PLAN_STEP;
import static fr.coordo.store.schema.Tables.PLAN_VERSION;

import fr.coordo.patient.Contact;
import fr.coordo.plan.Action;
import fr.coordo.plan.Dimension;
import fr.coordo.plan.Objective;
import fr.coordo.plan.Problem;
import fr.coordo.store.Timestamps;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Personalised plans for the demo, in every state, dated around today so that the to-do shows a handful of
 * late actions, re-evaluations, drafts and plans without consent. Written with batched inserts: each version
 * is inserted as a draft, then its problems, objectives and actions, and only then marked validated or
 * replaced, since the database refuses any change to a version no longer in draft.
 */
final class DemoPlans {

    /** Where a plan stands, as the demo spreads them. */
    enum Kind { BROUILLON, VALIDE, EN_REVISION, CLOTURE }

    /** Shares out of 70 plans: the small set gets exactly these counts, the large one the same proportions. */
    private static final double DRAFTS = 8 / 70.0;
    private static final double REVISIONS = 4 / 70.0;
    private static final double CLOSED = 12 / 70.0;
    private static final double WITHOUT_CONSENT = 5 / 70.0;
    private static final double WITHOUT_PHYSICIAN = 1 / 70.0;
    private static final double WITH_LATE_ACTIONS = 7 / 70.0;
    /** In-force versions are validated between 2 and this many days ago: a sixth of them is due for review. */
    private static final int VALIDATED_WITHIN = 215;

    /** One problem of the check-list. */
    private record Listed(String code, String label, Dimension dimension) {}

    private record StepRow(LocalDate on, String note, boolean feedback) {}

    private record UpdateRow(String uid, LocalDate on, Action.Status status, String result) {}

    /** A version while invented; {@code content} of its own, dates of its life. */
    private static final class Version {
        int id;
        int number;
        String status = "BROUILLON";
        Integer coordinatorId;
        String[] synthesis = new String[4];
        String preferences;
        String projects;
        String alert;
        LocalDate reevaluationOn;
        String revisionReason;
        String physician;
        LocalDate validatedOn;
        String validatedAt;
        String createdAt;
        String updatedAt;
        List<Problem> problems = new ArrayList<>();
        List<Objective> objectives = new ArrayList<>();
        List<Action> actions = new ArrayList<>();

        Version copy(int newNumber) {
            Version v = new Version();
            v.number = newNumber;
            v.coordinatorId = coordinatorId;
            v.synthesis = synthesis.clone();
            v.preferences = preferences;
            v.projects = projects;
            v.alert = alert;
            v.problems = new ArrayList<>(problems);
            v.objectives = new ArrayList<>(objectives);
            v.actions = new ArrayList<>(actions);
            return v;
        }
    }

    private static final class PlanDraft {
        final DemoPatient patient;
        final Kind kind;
        int id;
        String reference;
        LocalDate created;
        String createdAt;
        LocalDate closedOn;
        String closedReason;
        final List<Version> versions = new ArrayList<>();
        final List<StepRow> steps = new ArrayList<>();
        final List<UpdateRow> updates = new ArrayList<>();
        /** Professionals already chosen for this plan, by profession: one nurse follows the person, not three. */
        final Map<String, Integer> chosen = new HashMap<>();
        boolean withoutConsent;
        boolean withoutPhysician;
        boolean lateActions;
        LocalDate inForceOn;

        PlanDraft(DemoPatient patient, Kind kind) {
            this.patient = patient;
            this.kind = kind;
        }

        Version inForce() {
            for (Version v : versions) {
                if (v.status.equals("VALIDE")) {
                    return v;
                }
            }
            return null;
        }
    }

    private final Random random;
    private final LocalDate today;
    private final DemoTeam team;
    private final String author;
    private final List<Listed> checklist;
    private final List<PlanDraft> plans = new ArrayList<>();

    DemoPlans(Random random, LocalDate today, DemoTeam team, String author, List<String[]> problems) {
        this.random = random;
        this.today = today;
        this.team = team;
        this.author = author;
        this.checklist = problems.stream().map(f -> new Listed(f[0], f[1], Dimension.valueOf(f[2]))).toList();
        for (Listed l : checklist) {
            if (!DemoTexts.BY_PROBLEM.containsKey(l.code())) {
                throw new IllegalStateException("no demo objectives or actions for the problem « " + l.code() + " »");
            }
        }
    }

    // ---------------------------------------------------------------- who gets a plan, in which state

    /** Picks {@code count} people, older ones first as in a coordinated pathway, and gives each plan its state. */
    void choose(List<DemoPatient> people, int count) {
        record Candidate(DemoPatient patient, double key) {}
        List<Candidate> candidates = new ArrayList<>(people.size());
        for (DemoPatient p : people) {
            double weight = p.age >= 75 ? 1.0 : p.age >= 60 ? 0.7 : p.age >= 40 ? 0.25 : p.age >= 18 ? 0.1 : 0;
            candidates.add(new Candidate(p, random.nextDouble() * weight));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::key).reversed());
        int n = Math.min(count, people.size());
        List<Kind> kinds = new ArrayList<>(n);
        int drafts = share(n, DRAFTS);
        int revisions = share(n, REVISIONS);
        int closed = share(n, CLOSED);
        for (int i = 0; i < n; i++) {
            kinds.add(i < drafts ? Kind.BROUILLON : i < drafts + revisions ? Kind.EN_REVISION
                    : i < drafts + revisions + closed ? Kind.CLOTURE : Kind.VALIDE);
        }
        Collections.shuffle(kinds, random);
        int withoutConsent = Math.min(drafts, share(n, WITHOUT_CONSENT));
        int withoutPhysician = Math.min(withoutConsent, share(n, WITHOUT_PHYSICIAN));
        for (int i = 0; i < n; i++) {
            PlanDraft plan = new PlanDraft(candidates.get(i).patient(), kinds.get(i));
            plan.patient.hasPlan = true;
            // Drafts are where consent and médecin traitant are still missing: validation is refused without them.
            if (plan.kind == Kind.BROUILLON && withoutConsent > 0) {
                plan.withoutConsent = true;
                withoutConsent--;
                if (withoutPhysician > 0) {
                    plan.withoutPhysician = true;
                    withoutPhysician--;
                }
            }
            plans.add(plan);
        }
        // In-force versions spread evenly over the last seven months: re-evaluations fall before, around and after today.
        List<PlanDraft> inForce = plans.stream().filter(p -> p.kind == Kind.VALIDE || p.kind == Kind.EN_REVISION).toList();
        int late = share(n, WITH_LATE_ACTIONS);
        for (int k = 0; k < inForce.size(); k++) {
            PlanDraft plan = inForce.get(k);
            int daysAgo = 2 + (int) ((k + random.nextDouble()) * (VALIDATED_WITHIN - 2) / inForce.size());
            plan.inForceOn = today.minusDays(daysAgo);
            // Late actions need a version validated long enough ago for something to be overdue.
            if (late > 0 && daysAgo >= 50) {
                plan.lateActions = true;
                late--;
            }
        }
    }

    private static int share(int n, double fraction) {
        return (int) Math.round(n * fraction);
    }

    // ---------------------------------------------------------------- content and dates

    /** Invents every plan's versions and follow-up, and brings its patient's record in line with it. */
    void build() {
        for (PlanDraft plan : plans) {
            physicianFor(plan);
            switch (plan.kind) {
                case BROUILLON -> buildDraft(plan);
                case VALIDE, EN_REVISION -> buildInForce(plan);
                case CLOTURE -> buildClosed(plan);
            }
            plan.createdAt = stamp(plan.created);
            plan.versions.getFirst().createdAt = plan.createdAt;
            recordFor(plan);
        }
        numberPlans();
    }

    private void buildDraft(PlanDraft plan) {
        plan.created = today.minusDays(2 + random.nextInt(58));
        Version v1 = content(plan, plan.created.plusDays(7 + random.nextInt(21)), true);
        v1.number = 1;
        v1.updatedAt = stamp(between(plan.created, today));
        plan.versions.add(v1);
    }

    private void buildInForce(PlanDraft plan) {
        LocalDate validated = plan.inForceOn;
        // Most plans in force have lived a while: their first version goes back months or years. This also keeps
        // the plans started in any one year well under the 9 999 that the PPS-YYYY-NNNN references allow.
        boolean twoVersions = random.nextInt(100) < 60;
        LocalDate first = twoVersions ? validated.minusDays(150 + random.nextInt(751)) : validated;
        plan.created = first.minusDays(7 + random.nextInt(34));
        Version v1 = content(plan, first, false);
        v1.number = 1;
        validate(plan, v1, first);
        Version inForce = v1;
        if (twoVersions) {
            inForce = revise(plan, v1, first, validated, true);
            v1.status = "REMPLACE";
            validate(plan, inForce, validated);
        }
        if (random.nextInt(100) < 25 && validated.isAfter(today.minusDays(55))) {
            // Some coordinators set an earlier review than the six months by default.
            inForce.reevaluationOn = validated.plusMonths(3);
        }
        follow(plan, inForce, validated, today);
        steps(plan, first, today);
        if (plan.kind == Kind.EN_REVISION) {
            LocalDate opened = today.minusDays(random.nextInt(Math.min(30, (int) ChronoUnit.DAYS.between(validated, today))));
            Version draft = revise(plan, followed(plan, inForce, validated), validated, opened, false);
            draft.createdAt = stamp(opened);
            draft.updatedAt = stamp(between(opened, today));
            plan.versions.add(draft);
        }
    }

    private void buildClosed(PlanDraft plan) {
        plan.closedOn = today.minusDays(3 + random.nextInt(700));
        int why = random.nextInt(100);
        plan.closedReason = why < 20 ? DemoTexts.CLOSED_DEATH : why < 45 ? pick(DemoTexts.CLOSED_LEFT) : pick(DemoTexts.CLOSED_OTHERWISE);
        if (random.nextInt(100) < 15) {
            // Closed before it was ever validated: the first draft stays, readable.
            plan.created = plan.closedOn.minusDays(10 + random.nextInt(80));
            Version v1 = content(plan, plan.created.plusDays(7), true);
            v1.number = 1;
            v1.updatedAt = stamp(between(plan.created, plan.closedOn));
            plan.versions.add(v1);
            return;
        }
        LocalDate validated = plan.closedOn.minusDays(60 + random.nextInt(241));
        boolean twoVersions = random.nextInt(100) < 25;
        LocalDate first = twoVersions ? validated.minusDays(120 + random.nextInt(281)) : validated;
        plan.created = first.minusDays(7 + random.nextInt(34));
        Version v1 = content(plan, first, false);
        v1.number = 1;
        validate(plan, v1, first);
        Version inForce = v1;
        if (twoVersions) {
            inForce = revise(plan, v1, first, validated, true);
            v1.status = "REMPLACE";
            validate(plan, inForce, validated);
        }
        follow(plan, inForce, validated, plan.closedOn);
        steps(plan, first, plan.closedOn);
    }

    private void validate(PlanDraft plan, Version v, LocalDate on) {
        if (!plan.versions.contains(v)) {
            plan.versions.add(v);
        }
        v.status = "VALIDE";
        v.validatedOn = on;
        v.validatedAt = stamp(on);
        v.updatedAt = v.validatedAt;
        if (v.reevaluationOn == null) {
            v.reevaluationOn = on.plusMonths(6);
        }
    }

    /** A first version: problems from the check-list, objectives, actions starting around {@code start}. */
    private Version content(PlanDraft plan, LocalDate start, boolean draft) {
        DemoPatient p = plan.patient;
        Version v = new Version();
        v.coordinatorId = coordinator(plan);
        v.synthesis[0] = p.ald ? "Suivi pour " + lowerFirst(p.aldList) + ". " + pick(DemoTexts.MEDICAL_WITH_ALD) : pick(DemoTexts.MEDICAL);
        v.synthesis[1] = agree(pick(DemoTexts.PSYCHOLOGICAL), p);
        boolean family = p.contacts.stream().anyMatch(c -> "époux".equals(c.link()) || "épouse".equals(c.link()));
        v.synthesis[2] = agree(pick(family || random.nextBoolean() ? DemoTexts.SOCIAL_FAMILY : DemoTexts.SOCIAL_ALONE), p);
        v.synthesis[3] = pick(DemoTexts.ENVIRONMENTAL);
        v.preferences = agree(pick(DemoTexts.PREFERENCES), p);
        v.projects = agree(pick(DemoTexts.PROJECTS), p);
        v.alert = pick(DemoTexts.ALERTS);
        if (draft) {
            // A draft is still being written: some parts are empty.
            for (int i = 0; i < 4; i++) {
                if (random.nextInt(100) < 30) {
                    v.synthesis[i] = null;
                }
            }
            v.projects = random.nextBoolean() ? v.projects : null;
            v.alert = random.nextBoolean() ? v.alert : null;
        }
        int problems = weighted(20, 40, 28, 12) + 1;
        List<Listed> picked = pickProblems(p, problems);
        for (int i = 0; i < picked.size(); i++) {
            Listed l = picked.get(i);
            boolean explore = random.nextInt(100) < (l.dimension() == Dimension.PSYCHOLOGIQUE ? 30 : 12);
            v.problems.add(new Problem(uid(), l.code(), l.label(), l.dimension(), i == 0 ? 1 : 1 + random.nextInt(3), explore,
                    random.nextInt(100) < 25 ? pick(DemoTexts.PROBLEM_NOTES) : null));
        }
        int goals = draft && random.nextInt(100) < 30 ? 0 : Math.min(picked.size(), weighted(35, 45, 20) + 1);
        for (int i = 0; i < goals; i++) {
            v.objectives.add(goal(v.problems.get(i), start));
        }
        int actions = draft ? random.nextInt(5) : 2 + random.nextInt(5);
        addActions(plan, v, actions, start);
        return v;
    }

    private Objective goal(Problem problem, LocalDate start) {
        DemoTexts.Goal g = pick(DemoTexts.BY_PROBLEM.get(problem.code()).goals());
        return new Objective(uid(), problem.uid(), g.label(), g.criterion(), start.plusMonths(3 + random.nextInt(4)),
                Objective.Status.EN_COURS, null);
    }

    /** Adds up to {@code count} actions answering the version's problems: care and support both, when there is room. */
    private void addActions(PlanDraft plan, Version v, int count, LocalDate start) {
        List<Map.Entry<Problem, DemoTexts.Task>> open = new ArrayList<>();
        for (Problem pr : v.problems) {
            for (DemoTexts.Task t : DemoTexts.BY_PROBLEM.get(pr.code()).tasks()) {
                String label = agree(t.label(), plan.patient);
                if (v.actions.stream().noneMatch(a -> a.label().equals(label))) {
                    open.add(Map.entry(pr, t));
                }
            }
        }
        Collections.shuffle(open, random);
        // The first care action and the first support action go first, so that both parts of the plan are filled.
        for (boolean support : new boolean[] {true, false}) {
            for (int i = 0; i < open.size(); i++) {
                if (open.get(i).getValue().support() == support) {
                    open.addFirst(open.remove(i));
                    break;
                }
            }
        }
        for (int i = 0; i < count && i < open.size(); i++) {
            Problem pr = open.get(i).getKey();
            DemoTexts.Task t = open.get(i).getValue();
            String objective = v.objectives.stream().filter(o -> pr.uid().equals(o.problemUid())).map(Objective::uid).findFirst().orElse(null);
            LocalDate begins = start.plusDays(random.nextInt(22));
            LocalDate due = t.frequency() != null && t.frequency().startsWith("Une fois") ? begins.plusDays(14 + random.nextInt(47))
                    : random.nextInt(100) < 80 ? begins.plusDays(60 + random.nextInt(121)) : null;
            v.actions.add(action(plan, t, objective, begins, due));
        }
    }

    private Action action(PlanDraft plan, DemoTexts.Task t, String objective, LocalDate start, LocalDate due) {
        DemoPatient p = plan.patient;
        Action.Actor actor;
        Integer professional = null;
        String name = null;
        String who = t.who();
        if (who.equals("MT")) {
            if (p.physicianId != null) {
                actor = Action.Actor.PROFESSIONNEL;
                professional = p.physicianId;
            } else if (p.outsidePhysician != null) {
                actor = Action.Actor.EXTERIEUR;
                name = p.outsidePhysician + " (médecin traitant)";
            } else {
                actor = Action.Actor.PROFESSIONNEL;
                professional = member(plan, "medecin");
            }
        } else if (who.equals("PERSONNE")) {
            actor = Action.Actor.PERSONNE;
        } else if (who.equals("AIDANT")) {
            Contact c = p.caregiver();
            actor = c == null ? Action.Actor.PERSONNE : Action.Actor.AIDANT;
            name = c == null ? null : c.name() + " (" + c.link() + ")";
        } else if (who.startsWith("EXT:")) {
            actor = Action.Actor.EXTERIEUR;
            name = who.substring(4).replace("{ville}", p.city());
        } else {
            professional = member(plan, who);
            actor = professional == null ? Action.Actor.EXTERIEUR : Action.Actor.PROFESSIONNEL;
            name = professional == null ? DemoTexts.OUTSIDE_INSTEAD.get(who) : null;
        }
        Action.Status status = random.nextInt(100) < 15 && !start.isAfter(today) ? Action.Status.EN_COURS : Action.Status.PREVUE;
        return new Action(uid(), t.support() ? Action.Part.AIDES : Action.Part.SOINS, Action.Kind.valueOf(t.kind()), objective,
                agree(t.label(), p), actor, professional, name, start, t.frequency(), due, t.criterion(), status, null, null);
    }

    /** The team member of that profession who follows this person, or null when the team has none now. */
    private Integer member(PlanDraft plan, String profession) {
        return plan.chosen.computeIfAbsent(profession, k -> {
            List<Integer> ids = team.active(k);
            return ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
        });
    }

    private Integer coordinator(PlanDraft plan) {
        int r = random.nextInt(100);
        if (r < 25 && plan.patient.physicianId != null) {
            return plan.patient.physicianId;
        }
        if (r >= 80) {
            Integer social = member(plan, "assistant_service_social");
            if (social != null) {
                return social;
            }
        }
        Integer nurse = member(plan, "infirmier");
        return nurse != null ? nurse : team.physicians().isEmpty() ? null : team.physicians().getFirst();
    }

    /** The version in force with the progress recorded since {@code validated}, as a revision copies it. */
    private Version followed(PlanDraft plan, Version v, LocalDate validated) {
        Map<String, UpdateRow> latest = new LinkedHashMap<>();
        plan.updates.stream().filter(u -> u.on().isAfter(validated)).sorted(Comparator.comparing(UpdateRow::on))
                .forEach(u -> latest.put(u.uid(), u));
        Version copy = v.copy(v.number);
        copy.actions.replaceAll(a -> {
            UpdateRow u = latest.get(a.uid());
            if (u == null) {
                return a;
            }
            if (u.status() == Action.Status.ABANDONNEE) {
                // The service asks why an action was dropped: the coordinator copies the note of the follow-up.
                return new Action(a.uid(), a.part(), a.kind(), a.objectiveUid(), a.label(), a.actor(), a.professionalId(), a.actorName(),
                        a.startOn(), a.frequency(), a.dueOn(), a.criterion(), Action.Status.ABANDONNEE, u.result(), null);
            }
            return a.withProgress(u.status(), u.result());
        });
        return copy;
    }

    /**
     * A new version opened on {@code on} from {@code previous} (validated on {@code since}): objectives are judged,
     * a new action or problem may come. With {@code closeDue}, what fell due is recorded done or dropped first,
     * as the coordinator does before validating the revision; a revision still in draft only copies the follow-up.
     */
    private Version revise(PlanDraft plan, Version previous, LocalDate since, LocalDate on, boolean closeDue) {
        Version v = previous.copy(previous.number + 1);
        v.revisionReason = pick(DemoTexts.REVISIONS);
        v.createdAt = stamp(on.minusDays(Math.min(5 + random.nextInt(26), ChronoUnit.DAYS.between(since, on) - 1)));
        v.actions.replaceAll(a -> {
            if (!closeDue || !a.status().isOpen() || a.dueOn() == null || !a.dueOn().isBefore(on)) {
                return a;
            }
            boolean dropped = random.nextInt(100) < 15;
            String text = pick(dropped ? DemoTexts.ABANDONED : DemoTexts.DONE);
            plan.updates.add(new UpdateRow(a.uid(), between(since.plusDays(1), on.minusDays(1)),
                    dropped ? Action.Status.ABANDONNEE : Action.Status.REALISEE, text));
            return new Action(a.uid(), a.part(), a.kind(), a.objectiveUid(), a.label(), a.actor(), a.professionalId(), a.actorName(),
                    a.startOn(), a.frequency(), a.dueOn(), a.criterion(), dropped ? Action.Status.ABANDONNEE : Action.Status.REALISEE,
                    dropped ? text : null, dropped ? null : text);
        });
        v.objectives.replaceAll(o -> {
            int r = random.nextInt(100);
            return r < 35 ? new Objective(o.uid(), o.problemUid(), o.label(), o.criterion(), o.targetOn(), Objective.Status.ATTEINT, null)
                    : r < 55 ? new Objective(o.uid(), o.problemUid(), o.label(), o.criterion(), o.targetOn(), Objective.Status.NON_ATTEINT,
                    pick(DemoTexts.NOT_ACHIEVED)) : o;
        });
        if (random.nextInt(100) < 30) {
            List<Listed> more = pickProblems(plan.patient, v.problems.size() + 1);
            for (Listed l : more) {
                if (v.problems.stream().noneMatch(pr -> pr.code().equals(l.code()))) {
                    Problem added = new Problem(uid(), l.code(), l.label(), l.dimension(), 1 + random.nextInt(2), false, null);
                    v.problems.add(added);
                    v.objectives.add(goal(added, on));
                    break;
                }
            }
        }
        addActions(plan, v, random.nextInt(3), on);
        return v;
    }

    /**
     * Follow-up of the version in force until {@code end}: what fell due is recorded done or dropped, some
     * actions started; on the plans picked for it, one or two actions stay overdue.
     */
    private void follow(PlanDraft plan, Version v, LocalDate validated, LocalDate end) {
        int late = plan.lateActions ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < v.actions.size(); i++) {
            Action a = v.actions.get(i);
            if (!a.status().isOpen()) {
                continue;
            }
            if (late > 0) {
                late--;
                LocalDate due = today.minusDays(3 + random.nextInt(43));
                if (due.isBefore(validated.plusDays(10))) {
                    due = validated.plusDays(10);
                }
                LocalDate start = between(validated, due.minusDays(7));
                v.actions.set(i, new Action(a.uid(), a.part(), a.kind(), a.objectiveUid(), a.label(), a.actor(), a.professionalId(),
                        a.actorName(), start, a.frequency(), due, a.criterion(), a.status(), null, null));
                if (random.nextBoolean()) {
                    plan.updates.add(new UpdateRow(a.uid(), between(validated.plusDays(1), end), Action.Status.EN_COURS, pick(DemoTexts.STARTED)));
                }
            } else if (a.dueOn() != null && a.dueOn().isBefore(end)) {
                boolean dropped = random.nextInt(100) < 12;
                LocalDate on = a.dueOn().plusDays(random.nextInt(11));
                on = on.isAfter(end) ? end : on.isAfter(validated) ? on : validated.plusDays(1);
                plan.updates.add(new UpdateRow(a.uid(), on, dropped ? Action.Status.ABANDONNEE : Action.Status.REALISEE,
                        pick(dropped ? DemoTexts.ABANDONED : DemoTexts.DONE)));
            } else if (a.startOn() != null && a.startOn().isBefore(end) && random.nextInt(100) < 35) {
                LocalDate from = a.startOn().isAfter(validated) ? a.startOn() : validated.plusDays(1);
                plan.updates.add(new UpdateRow(a.uid(), between(from, end), Action.Status.EN_COURS, pick(DemoTexts.STARTED)));
            }
        }
    }

    private void steps(PlanDraft plan, LocalDate from, LocalDate end) {
        int n = random.nextInt(4) + plan.versions.size() - 1;
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            days.add(between(from.plusDays(1), end));
        }
        Collections.sort(days);
        for (LocalDate d : days) {
            plan.steps.add(new StepRow(d, pick(DemoTexts.STEPS), random.nextInt(100) < 30));
        }
    }

    /** A plan is validated with the médecin traitant: people with a plan have one, but for the draft that shows the lack. */
    private void physicianFor(PlanDraft plan) {
        DemoPatient p = plan.patient;
        if (plan.withoutPhysician) {
            p.physicianId = null;
            p.outsidePhysician = null;
            p.outsidePhysicianContact = null;
        } else if (p.physicianId == null && p.outsidePhysician == null && !team.physicians().isEmpty()) {
            p.physicianId = team.physicians().get(random.nextInt(team.physicians().size()));
        }
    }

    /** Consents and status of the person, and the médecin traitant each validated version names. */
    private void recordFor(PlanDraft plan) {
        DemoPatient p = plan.patient;
        LocalDate firstValidation = plan.versions.stream().map(v -> v.validatedOn).filter(d -> d != null).min(LocalDate::compareTo).orElse(null);
        if (plan.withoutConsent) {
            p.consentPlanOn = null;
            p.consentPlanForm = null;
        } else {
            LocalDate last = firstValidation != null ? firstValidation : plan.closedOn != null ? plan.closedOn : today;
            p.consentPlanOn = between(plan.created, last);
            p.consentPlanForm = pick(DemoTexts.CONSENT_PLAN_FORMS);
            if (p.consentSharingOn == null || p.consentSharingOn.isAfter(p.consentPlanOn)) {
                p.consentSharingOn = p.consentPlanOn;
                p.consentSharingForm = pick(DemoTexts.CONSENT_SHARING_FORMS);
            }
        }
        String physician = p.physicianId != null ? team.doctor(p.physicianId) : p.outsidePhysician;
        for (Version v : plan.versions) {
            if (!v.status.equals("BROUILLON")) {
                v.physician = physician;
            }
        }
        if (DemoTexts.CLOSED_DEATH.equals(plan.closedReason)) {
            p.status = "DECEDE";
            p.statusOn = plan.closedOn;
        } else if (plan.closedReason != null && DemoTexts.CLOSED_LEFT.contains(plan.closedReason)) {
            p.status = "SORTI";
            p.statusOn = plan.closedOn;
        } else {
            p.status = "SUIVI";
            p.statusOn = null;
        }
    }

    /** References PPS-YYYY-NNNN in the order plans were started, numbered within their year. */
    private void numberPlans() {
        plans.sort(Comparator.comparing((PlanDraft p) -> p.created).thenComparingInt(p -> p.patient.id));
        Map<Integer, Integer> perYear = new HashMap<>();
        for (PlanDraft plan : plans) {
            int n = perYear.merge(plan.created.getYear(), 1, Integer::sum);
            if (n > 9_999) {
                throw new IllegalStateException("more than 9 999 demo plans started in " + plan.created.getYear());
            }
            plan.reference = String.format("PPS-%d-%04d", plan.created.getYear(), n);
        }
    }

    // ---------------------------------------------------------------- what the agenda books

    /**
     * An action of a plan in force that the demo agenda books appointments for. Its progress, recorded as an
     * appointment marked réalisé records it, is written with the plan's other follow-up.
     */
    static final class Bookable {
        private final PlanDraft plan;
        final Action action;
        /** The day the version in force was validated. */
        final LocalDate validated;
        /** The day of the latest progress already recorded, or null. */
        final LocalDate lastUpdate;

        private Bookable(PlanDraft plan, Action action, LocalDate validated, LocalDate lastUpdate) {
            this.plan = plan;
            this.action = action;
            this.validated = validated;
            this.lastUpdate = lastUpdate;
        }

        DemoPatient patient() {
            return plan.patient;
        }

        /** The plan's id, known once {@link #write} has run. */
        int planId() {
            return plan.id;
        }

        void progress(LocalDate on, Action.Status status, String result) {
            plan.updates.add(new UpdateRow(action.uid(), on, status, result));
        }
    }

    /**
     * The actions an appointment can be booked for: in a validated plan (not one under revision, whose draft
     * copied the follow-up already), carried out by a team member, still open and not overdue (the to-do shows
     * those as they are).
     */
    List<Bookable> bookable() {
        List<Bookable> out = new ArrayList<>();
        for (PlanDraft plan : plans) {
            if (plan.kind != Kind.VALIDE) {
                continue;
            }
            Map<String, UpdateRow> latest = new HashMap<>();
            plan.updates.stream().sorted(Comparator.comparing(UpdateRow::on)).forEach(u -> latest.put(u.uid(), u));
            for (Action a : plan.inForce().actions) {
                UpdateRow u = latest.get(a.uid());
                boolean open = u == null ? a.status().isOpen() : u.status().isOpen();
                if (a.actor() == Action.Actor.PROFESSIONNEL && a.professionalId() != null && open
                        && (a.dueOn() == null || !a.dueOn().isBefore(today))) {
                    out.add(new Bookable(plan, a, plan.inForceOn, u == null ? null : u.on()));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- writing

    /** Writes every plan; the patients must be in the database already. Returns the number of plans. */
    int write(DSLContext dsl) {
        int planId = dsl.select(DSL.coalesce(DSL.max(CARE_PLAN.ID), 0)).from(CARE_PLAN).fetchOne().value1();
        int versionId = dsl.select(DSL.coalesce(DSL.max(PLAN_VERSION.ID), 0)).from(PLAN_VERSION).fetchOne().value1();
        int maxVersion = 1;
        try (BatchWriter care = new BatchWriter(dsl, dsl.insertInto(CARE_PLAN, CARE_PLAN.ID, CARE_PLAN.REFERENCE, CARE_PLAN.PATIENT_ID,
                CARE_PLAN.CREATED_AT, CARE_PLAN.CREATED_BY, CARE_PLAN.CLOSED_ON, CARE_PLAN.CLOSED_REASON, CARE_PLAN.CLOSED_BY)
                .values(nulls(8)))) {
            for (PlanDraft plan : plans) {
                plan.id = ++planId;
                care.add(plan.id, plan.reference, plan.patient.id, plan.createdAt, author, iso(plan.closedOn), plan.closedReason,
                        plan.closedOn == null ? null : author);
                for (Version v : plan.versions) {
                    v.id = ++versionId;
                    maxVersion = Math.max(maxVersion, v.number);
                }
            }
        }
        // Version by version number, so that a plan never has two drafts at once.
        for (int number = 1; number <= maxVersion; number++) {
            writeVersions(dsl, number);
        }
        try (BatchWriter steps = new BatchWriter(dsl, dsl.insertInto(PLAN_STEP, PLAN_STEP.PLAN_ID, PLAN_STEP.STEP_ON, PLAN_STEP.AUTHOR,
                        PLAN_STEP.NOTE, PLAN_STEP.FEEDBACK_TO_PHYSICIAN, PLAN_STEP.CREATED_AT).values(nulls(6)));
             BatchWriter updates = new BatchWriter(dsl, dsl.insertInto(PLAN_ACTION_UPDATE, PLAN_ACTION_UPDATE.PLAN_ID,
                        PLAN_ACTION_UPDATE.ACTION_UID, PLAN_ACTION_UPDATE.UPDATE_ON, PLAN_ACTION_UPDATE.STATUS, PLAN_ACTION_UPDATE.RESULT,
                        PLAN_ACTION_UPDATE.AUTHOR, PLAN_ACTION_UPDATE.CREATED_AT).values(nulls(7)))) {
            for (PlanDraft plan : plans) {
                for (StepRow s : plan.steps) {
                    steps.add(plan.id, s.on().toString(), author, s.note(), s.feedback() ? 1 : 0, stamp(s.on()));
                }
                plan.updates.sort(Comparator.comparing(UpdateRow::on));
                for (UpdateRow u : plan.updates) {
                    updates.add(plan.id, u.uid(), u.on().toString(), u.status().name(), u.result(), author, stamp(u.on()));
                }
            }
        }
        return plans.size();
    }

    private void writeVersions(DSLContext dsl, int number) {
        try (BatchWriter versions = new BatchWriter(dsl, dsl.insertInto(PLAN_VERSION, PLAN_VERSION.ID, PLAN_VERSION.PLAN_ID,
                PLAN_VERSION.VERSION, PLAN_VERSION.STATUS, PLAN_VERSION.COORDINATOR_ID, PLAN_VERSION.SYNTHESIS_MEDICAL,
                PLAN_VERSION.SYNTHESIS_PSYCHOLOGICAL, PLAN_VERSION.SYNTHESIS_SOCIAL, PLAN_VERSION.SYNTHESIS_ENVIRONMENTAL,
                PLAN_VERSION.PREFERENCES, PLAN_VERSION.PROJECTS, PLAN_VERSION.ALERT_PROCEDURE, PLAN_VERSION.REVISION_REASON,
                PLAN_VERSION.CREATED_AT, PLAN_VERSION.CREATED_BY, PLAN_VERSION.UPDATED_AT).values(nulls(16)))) {
            for (PlanDraft plan : plans) {
                for (Version v : plan.versions) {
                    if (v.number == number) {
                        versions.add(v.id, plan.id, v.number, "BROUILLON", v.coordinatorId, v.synthesis[0], v.synthesis[1],
                                v.synthesis[2], v.synthesis[3], v.preferences, v.projects, v.alert, v.revisionReason, v.createdAt, author,
                                v.status.equals("BROUILLON") ? v.updatedAt : v.createdAt);
                    }
                }
            }
        }
        try (BatchWriter problems = new BatchWriter(dsl, dsl.insertInto(PLAN_PROBLEM, PLAN_PROBLEM.VERSION_ID, PLAN_PROBLEM.UID,
                        PLAN_PROBLEM.POSITION, PLAN_PROBLEM.CODE, PLAN_PROBLEM.LABEL, PLAN_PROBLEM.DIMENSION, PLAN_PROBLEM.PRIORITY,
                        PLAN_PROBLEM.TO_EXPLORE, PLAN_PROBLEM.NOTES).values(nulls(9)));
             BatchWriter objectives = new BatchWriter(dsl, dsl.insertInto(PLAN_OBJECTIVE, PLAN_OBJECTIVE.VERSION_ID, PLAN_OBJECTIVE.UID,
                        PLAN_OBJECTIVE.POSITION, PLAN_OBJECTIVE.PROBLEM_UID, PLAN_OBJECTIVE.LABEL, PLAN_OBJECTIVE.CRITERION,
                        PLAN_OBJECTIVE.TARGET_ON, PLAN_OBJECTIVE.STATUS, PLAN_OBJECTIVE.REASON).values(nulls(9)));
             BatchWriter actions = new BatchWriter(dsl, dsl.insertInto(PLAN_ACTION, PLAN_ACTION.VERSION_ID, PLAN_ACTION.UID,
                        PLAN_ACTION.POSITION, PLAN_ACTION.PART, PLAN_ACTION.KIND, PLAN_ACTION.OBJECTIVE_UID, PLAN_ACTION.LABEL,
                        PLAN_ACTION.ACTOR_KIND, PLAN_ACTION.PROFESSIONAL_ID, PLAN_ACTION.ACTOR_NAME, PLAN_ACTION.START_ON,
                        PLAN_ACTION.FREQUENCY, PLAN_ACTION.DUE_ON, PLAN_ACTION.CRITERION, PLAN_ACTION.STATUS, PLAN_ACTION.REASON,
                        PLAN_ACTION.RESULT).values(nulls(17)))) {
            for (PlanDraft plan : plans) {
                for (Version v : plan.versions) {
                    if (v.number != number) {
                        continue;
                    }
                    int position = 0;
                    for (Problem p : v.problems) {
                        problems.add(v.id, p.uid(), position++, p.code(), p.label(), p.dimension().name(), p.priority(),
                                p.toExplore() ? 1 : 0, p.notes());
                    }
                    position = 0;
                    for (Objective o : v.objectives) {
                        objectives.add(v.id, o.uid(), position++, o.problemUid(), o.label(), o.criterion(), iso(o.targetOn()),
                                o.status().name(), o.reason());
                    }
                    position = 0;
                    for (Action a : v.actions) {
                        actions.add(v.id, a.uid(), position++, a.part().name(), a.kind().name(), a.objectiveUid(), a.label(),
                                a.actor().name(), a.professionalId(), a.actorName(), iso(a.startOn()), a.frequency(), iso(a.dueOn()),
                                a.criterion(), a.status().name(), a.reason(), a.result());
                    }
                }
            }
        }
        // Validated and replaced versions get their status once their content is in: the database freezes them from then on.
        try (BatchWriter validations = new BatchWriter(dsl, dsl.update(PLAN_VERSION)
                .set(PLAN_VERSION.STATUS, (String) null).set(PLAN_VERSION.REEVALUATION_ON, (String) null)
                .set(PLAN_VERSION.PHYSICIAN_AT_VALIDATION, (String) null).set(PLAN_VERSION.VALIDATED_ON, (String) null)
                .set(PLAN_VERSION.VALIDATED_AT, (String) null).set(PLAN_VERSION.VALIDATED_BY, (String) null)
                .set(PLAN_VERSION.UPDATED_AT, (String) null).where(PLAN_VERSION.ID.eq((Integer) null)))) {
            for (PlanDraft plan : plans) {
                for (Version v : plan.versions) {
                    if (v.number == number && !v.status.equals("BROUILLON")) {
                        validations.add(v.status, iso(v.reevaluationOn), v.physician, iso(v.validatedOn), v.validatedAt, author,
                                v.updatedAt, v.id);
                    }
                }
            }
        }
    }

    private static List<Object> nulls(int n) {
        return Arrays.asList(new Object[n]);
    }

    // ---------------------------------------------------------------- helpers

    /** Problems weighted by what a coordinated pathway meets at that age; distinct, highest priority first. */
    private List<Listed> pickProblems(DemoPatient p, int n) {
        Map<String, Integer> weights = p.age >= 60 ? ELDERLY : YOUNGER;
        List<Listed> pool = new ArrayList<>(checklist.stream().filter(l -> weights.containsKey(l.code())).toList());
        List<Listed> out = new ArrayList<>();
        while (out.size() < n && !pool.isEmpty()) {
            int total = pool.stream().mapToInt(l -> weights.get(l.code())).sum();
            int r = random.nextInt(total);
            for (int i = 0; i < pool.size(); i++) {
                r -= weights.get(pool.get(i).code());
                if (r < 0) {
                    out.add(pool.remove(i));
                    break;
                }
            }
        }
        return out;
    }

    private static final Map<String, Integer> ELDERLY = Map.ofEntries(Map.entry("chutes", 10), Map.entry("medicaments", 9),
            Map.entry("denutrition", 7), Map.entry("autonomie", 8), Map.entry("isolement", 7), Map.entry("depression", 6),
            Map.entry("cognition", 6), Map.entry("douleur", 5), Map.entry("aidant_epuise", 4), Map.entry("maladies_chroniques", 6),
            Map.entry("sensoriel", 3), Map.entry("incontinence", 2), Map.entry("plaies", 2), Map.entry("sommeil", 3),
            Map.entry("logement", 3), Map.entry("mobilite", 4), Map.entry("sortie_hospitalisation", 4), Map.entry("ressources", 3),
            Map.entry("droits", 3), Map.entry("refus_aides", 2), Map.entry("anxiete", 3), Map.entry("maltraitance", 1),
            Map.entry("souffrance_psychique", 1), Map.entry("addictions", 1));
    private static final Map<String, Integer> YOUNGER = Map.ofEntries(Map.entry("maladies_chroniques", 8), Map.entry("depression", 6),
            Map.entry("anxiete", 5), Map.entry("addictions", 5), Map.entry("ressources", 6), Map.entry("droits", 5),
            Map.entry("douleur", 5), Map.entry("souffrance_psychique", 3), Map.entry("logement", 3), Map.entry("isolement", 3),
            Map.entry("medicaments", 2), Map.entry("sortie_hospitalisation", 2), Map.entry("mobilite", 2), Map.entry("refus_aides", 1));

    /** An index drawn with the given weights. */
    private int weighted(int... weights) {
        int r = random.nextInt(Arrays.stream(weights).sum());
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A day between {@code from} and {@code to}, both included ({@code from} when they are crossed). */
    private LocalDate between(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(random.nextInt((int) days + 1));
    }

    /** A time during office hours on {@code day}, stored as the application stores its timestamps. */
    private String stamp(LocalDate day) {
        return Timestamps.of(day.atTime(9 + random.nextInt(9), random.nextInt(60), random.nextInt(60)));
    }

    /** A version-4 looking UUID, drawn from the seed so that the demo is the same every time. */
    private String uid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String agree(String text, DemoPatient p) {
        return text == null ? null : DemoTexts.agree(text, p.woman);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
