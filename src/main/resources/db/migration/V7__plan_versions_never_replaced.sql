-- INSERT OR REPLACE deletes the row it replaces without firing delete triggers: a validated version, or
-- a line of one, must not be replaced that way either.

CREATE TRIGGER plan_version_never_replaced BEFORE INSERT ON plan_version
WHEN EXISTS (SELECT 1 FROM plan_version x WHERE (x.id = NEW.id OR (x.plan_id = NEW.plan_id AND x.version = NEW.version))
             AND x.status <> 'BROUILLON')
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;

CREATE TRIGGER plan_problem_never_replaced BEFORE INSERT ON plan_problem
WHEN EXISTS (SELECT 1 FROM plan_problem x JOIN plan_version v ON v.id = x.version_id
             WHERE (x.id = NEW.id OR (x.version_id = NEW.version_id AND x.uid = NEW.uid)) AND v.status <> 'BROUILLON')
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;

CREATE TRIGGER plan_objective_never_replaced BEFORE INSERT ON plan_objective
WHEN EXISTS (SELECT 1 FROM plan_objective x JOIN plan_version v ON v.id = x.version_id
             WHERE (x.id = NEW.id OR (x.version_id = NEW.version_id AND x.uid = NEW.uid)) AND v.status <> 'BROUILLON')
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;

CREATE TRIGGER plan_action_never_replaced BEFORE INSERT ON plan_action
WHEN EXISTS (SELECT 1 FROM plan_action x JOIN plan_version v ON v.id = x.version_id
             WHERE (x.id = NEW.id OR (x.version_id = NEW.version_id AND x.uid = NEW.uid)) AND v.status <> 'BROUILLON')
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;
