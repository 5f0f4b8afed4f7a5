package fr.coordo.plan;

import java.time.LocalDate;
import java.util.List;

/** What a version of the plan says: everything the coordinator writes while the version is a draft. */
public record PlanContent(
        Integer coordinatorId,
        String synthesisMedical,
        String synthesisPsychological,
        String synthesisSocial,
        String synthesisEnvironmental,
        String preferences,
        String projects,
        String alertProcedure,
        LocalDate reevaluationOn,
        List<Problem> problems,
        List<Objective> objectives,
        List<Action> actions) {

    public PlanContent {
        problems = problems == null ? List.of() : List.copyOf(problems);
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public static PlanContent empty() {
        return new PlanContent(null, null, null, null, null, null, null, null, null, List.of(), List.of(), List.of());
    }

    public String synthesis(Dimension d) {
        return switch (d) {
            case MEDICALE -> synthesisMedical;
            case PSYCHOLOGIQUE -> synthesisPsychological;
            case SOCIALE -> synthesisSocial;
            case ENVIRONNEMENTALE -> synthesisEnvironmental;
        };
    }

    public List<Action> actions(Action.Part part) {
        return actions.stream().filter(a -> a.part() == part).toList();
    }

    public PlanContent withProblems(List<Problem> p) {
        return new PlanContent(coordinatorId, synthesisMedical, synthesisPsychological, synthesisSocial, synthesisEnvironmental,
                preferences, projects, alertProcedure, reevaluationOn, p, objectives, actions);
    }

    public PlanContent withObjectives(List<Objective> o) {
        return new PlanContent(coordinatorId, synthesisMedical, synthesisPsychological, synthesisSocial, synthesisEnvironmental,
                preferences, projects, alertProcedure, reevaluationOn, problems, o, actions);
    }

    public PlanContent withActions(List<Action> a) {
        return new PlanContent(coordinatorId, synthesisMedical, synthesisPsychological, synthesisSocial, synthesisEnvironmental,
                preferences, projects, alertProcedure, reevaluationOn, problems, objectives, a);
    }

    public PlanContent withReevaluationOn(LocalDate on) {
        return new PlanContent(coordinatorId, synthesisMedical, synthesisPsychological, synthesisSocial, synthesisEnvironmental,
                preferences, projects, alertProcedure, on, problems, objectives, actions);
    }

    public PlanContent withCoordinator(Integer id) {
        return new PlanContent(id, synthesisMedical, synthesisPsychological, synthesisSocial, synthesisEnvironmental,
                preferences, projects, alertProcedure, reevaluationOn, problems, objectives, actions);
    }
}
