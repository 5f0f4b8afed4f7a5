-- The to-do is built at each visit of the dashboard: these indexes keep it fast on a large base
-- (TodoService, late actions: 15 000 plans, 37 000 past-due actions whose latest progress is looked up).

-- Past-due actions of a version, with what the late-action test reads (uid, status), from the index alone.
CREATE INDEX plan_action_version_due ON plan_action (version_id, due_on, uid, status);

-- An action's latest progress from the index alone and already in order (update_on, then id), without a sort;
-- replaces the (plan_id, action_uid) index of V5, whose leading columns it keeps.
DROP INDEX plan_action_update_plan;
CREATE INDEX plan_action_update_plan ON plan_action_update (plan_id, action_uid, update_on, id, status, created_at);
