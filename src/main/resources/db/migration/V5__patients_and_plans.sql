-- The patient record in full, and the personalised plan (PPS/PPCS) with its versions.

ALTER TABLE patient ADD COLUMN email TEXT;
ALTER TABLE patient ADD COLUMN occupation TEXT;
-- médecin traitant outside the team (referring_physician_id names one of the team)
ALTER TABLE patient ADD COLUMN outside_physician TEXT;
ALTER TABLE patient ADD COLUMN outside_physician_contact TEXT;
ALTER TABLE patient ADD COLUMN ald INTEGER NOT NULL DEFAULT 0 CHECK (ald IN (0, 1));
ALTER TABLE patient ADD COLUMN ald_list TEXT;
ALTER TABLE patient ADD COLUMN apa INTEGER NOT NULL DEFAULT 0 CHECK (apa IN (0, 1));
ALTER TABLE patient ADD COLUMN pension_fund TEXT;
ALTER TABLE patient ADD COLUMN housing_search INTEGER NOT NULL DEFAULT 0 CHECK (housing_search IN (0, 1));
-- consents: the date given and the form handed over to the person
ALTER TABLE patient ADD COLUMN consent_plan_on TEXT;
ALTER TABLE patient ADD COLUMN consent_plan_form TEXT;
ALTER TABLE patient ADD COLUMN consent_sharing_on TEXT;
ALTER TABLE patient ADD COLUMN consent_sharing_form TEXT;
ALTER TABLE patient ADD COLUMN status TEXT NOT NULL DEFAULT 'SUIVI' CHECK (status IN ('SUIVI', 'SORTI', 'DECEDE'));
ALTER TABLE patient ADD COLUMN status_on TEXT;
ALTER TABLE patient ADD COLUMN notes TEXT;
CREATE INDEX patient_status ON patient (status);

-- Caregivers (aidants), the personne de confiance and family referents.
CREATE TABLE patient_contact (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('AIDANT', 'CONFIANCE', 'REFERENT')),
    name        TEXT NOT NULL,
    link        TEXT,                   -- lien avec la personne
    phone       TEXT,
    email       TEXT,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX patient_contact_patient ON patient_contact (patient_id);

-- A plan: its reference and its life; the content lives in its versions.
CREATE TABLE care_plan (
    id             INTEGER PRIMARY KEY,
    reference      TEXT NOT NULL UNIQUE,          -- PPS-YYYY-NNNN
    patient_id     INTEGER NOT NULL REFERENCES patient (id),
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    closed_on      TEXT,
    closed_reason  TEXT,
    closed_by      TEXT,
    CHECK ((closed_on IS NULL) = (closed_reason IS NULL))
);
-- One active plan per person.
CREATE UNIQUE INDEX care_plan_one_open ON care_plan (patient_id) WHERE closed_on IS NULL;

-- BROUILLON while written; VALIDE once validated (then frozen); REMPLACE when a revision is validated.
CREATE TABLE plan_version (
    id                       INTEGER PRIMARY KEY,
    plan_id                  INTEGER NOT NULL REFERENCES care_plan (id),
    version                  INTEGER NOT NULL CHECK (version >= 1),
    status                   TEXT NOT NULL CHECK (status IN ('BROUILLON', 'VALIDE', 'REMPLACE')),
    coordinator_id           INTEGER REFERENCES professional (id),
    synthesis_medical        TEXT,
    synthesis_psychological  TEXT,
    synthesis_social         TEXT,
    synthesis_environmental  TEXT,
    preferences              TEXT,                 -- the person's preferences and expectations
    projects                 TEXT,                 -- the person's own projects
    alert_procedure          TEXT,
    reevaluation_on          TEXT,
    revision_reason          TEXT,
    physician_at_validation  TEXT,                 -- médecin traitant as validated, kept with the version
    validated_on             TEXT,
    validated_at             TEXT,
    validated_by             TEXT,
    created_at               TEXT NOT NULL,
    created_by               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    UNIQUE (plan_id, version),
    CHECK ((status = 'BROUILLON') = (validated_at IS NULL))
);
CREATE INDEX plan_version_status ON plan_version (status);
CREATE UNIQUE INDEX plan_version_one_draft ON plan_version (plan_id) WHERE status = 'BROUILLON';

CREATE TABLE plan_problem (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES plan_version (id) ON DELETE CASCADE,
    uid         TEXT NOT NULL,          -- the same problem keeps its uid across versions
    position    INTEGER NOT NULL,
    code        TEXT,                   -- resources/reference/problemes.csv, or NULL for free text
    label       TEXT NOT NULL,
    dimension   TEXT NOT NULL CHECK (dimension IN ('MEDICALE', 'PSYCHOLOGIQUE', 'SOCIALE', 'ENVIRONNEMENTALE')),
    priority    INTEGER NOT NULL CHECK (priority IN (1, 2, 3)),
    to_explore  INTEGER NOT NULL DEFAULT 0 CHECK (to_explore IN (0, 1)),
    notes       TEXT,
    UNIQUE (version_id, uid)
);

CREATE TABLE plan_objective (
    id           INTEGER PRIMARY KEY,
    version_id   INTEGER NOT NULL REFERENCES plan_version (id) ON DELETE CASCADE,
    uid          TEXT NOT NULL,
    position     INTEGER NOT NULL,
    problem_uid  TEXT,
    label        TEXT NOT NULL,
    criterion    TEXT,
    target_on    TEXT,
    status       TEXT NOT NULL CHECK (status IN ('EN_COURS', 'ATTEINT', 'NON_ATTEINT')),
    reason       TEXT,                   -- why it was not achieved
    UNIQUE (version_id, uid),
    CHECK (status <> 'NON_ATTEINT' OR reason IS NOT NULL)
);

CREATE TABLE plan_action (
    id               INTEGER PRIMARY KEY,
    version_id       INTEGER NOT NULL REFERENCES plan_version (id) ON DELETE CASCADE,
    uid              TEXT NOT NULL,
    position         INTEGER NOT NULL,
    part             TEXT NOT NULL CHECK (part IN ('SOINS', 'AIDES')),
    kind             TEXT NOT NULL CHECK (kind IN ('PREVENTION', 'SOINS', 'ACCOMPAGNEMENT')),
    objective_uid    TEXT,
    label            TEXT NOT NULL,
    actor_kind       TEXT NOT NULL CHECK (actor_kind IN ('PROFESSIONNEL', 'EXTERIEUR', 'PERSONNE', 'AIDANT')),
    professional_id  INTEGER REFERENCES professional (id),
    actor_name       TEXT,               -- outside actor or caregiver
    start_on         TEXT,
    frequency        TEXT,
    due_on           TEXT,
    criterion        TEXT,
    status           TEXT NOT NULL CHECK (status IN ('PREVUE', 'EN_COURS', 'REALISEE', 'ABANDONNEE')),
    reason           TEXT,
    result           TEXT,
    UNIQUE (version_id, uid),
    CHECK (actor_kind <> 'PROFESSIONNEL' OR professional_id IS NOT NULL)
);
CREATE INDEX plan_action_due ON plan_action (due_on);

-- Follow-up, kept with the plan rather than a version: validated versions never change.
CREATE TABLE plan_step (
    id                     INTEGER PRIMARY KEY,
    plan_id                INTEGER NOT NULL REFERENCES care_plan (id),
    step_on                TEXT NOT NULL,
    author                 TEXT NOT NULL,
    note                   TEXT NOT NULL,
    feedback_to_physician  INTEGER NOT NULL DEFAULT 0 CHECK (feedback_to_physician IN (0, 1)),
    created_at             TEXT NOT NULL
);
CREATE INDEX plan_step_plan ON plan_step (plan_id);

-- Progress of an action of the validated version (status, result), newest last.
CREATE TABLE plan_action_update (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES care_plan (id),
    action_uid  TEXT NOT NULL,
    update_on   TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('PREVUE', 'EN_COURS', 'REALISEE', 'ABANDONNEE')),
    result      TEXT,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX plan_action_update_plan ON plan_action_update (plan_id, action_uid);

-- A validated version is frozen: the only change it accepts is being replaced by a newer one.
CREATE TRIGGER plan_version_frozen BEFORE UPDATE ON plan_version
WHEN OLD.status <> 'BROUILLON' AND NOT (
    OLD.status = 'VALIDE' AND NEW.status = 'REMPLACE'
    AND NEW.plan_id IS OLD.plan_id AND NEW.version IS OLD.version AND NEW.coordinator_id IS OLD.coordinator_id
    AND NEW.synthesis_medical IS OLD.synthesis_medical AND NEW.synthesis_psychological IS OLD.synthesis_psychological
    AND NEW.synthesis_social IS OLD.synthesis_social AND NEW.synthesis_environmental IS OLD.synthesis_environmental
    AND NEW.preferences IS OLD.preferences AND NEW.projects IS OLD.projects AND NEW.alert_procedure IS OLD.alert_procedure
    AND NEW.reevaluation_on IS OLD.reevaluation_on AND NEW.revision_reason IS OLD.revision_reason
    AND NEW.physician_at_validation IS OLD.physician_at_validation AND NEW.validated_on IS OLD.validated_on
    AND NEW.validated_at IS OLD.validated_at AND NEW.validated_by IS OLD.validated_by
    AND NEW.created_at IS OLD.created_at AND NEW.created_by IS OLD.created_by AND NEW.updated_at IS OLD.updated_at)
BEGIN
    SELECT RAISE(ABORT, 'plan_version is validated: it cannot change');
END;
CREATE TRIGGER plan_version_kept BEFORE DELETE ON plan_version WHEN OLD.status <> 'BROUILLON'
BEGIN
    SELECT RAISE(ABORT, 'plan_version is validated: it cannot be deleted');
END;

CREATE TRIGGER plan_problem_frozen_insert BEFORE INSERT ON plan_problem
WHEN (SELECT status FROM plan_version WHERE id = NEW.version_id) <> 'BROUILLON'
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;
CREATE TRIGGER plan_problem_frozen_update BEFORE UPDATE ON plan_problem
WHEN (SELECT status FROM plan_version WHERE id = OLD.version_id) <> 'BROUILLON'
  OR (SELECT status FROM plan_version WHERE id = NEW.version_id) <> 'BROUILLON'
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;
CREATE TRIGGER plan_problem_frozen_delete BEFORE DELETE ON plan_problem
WHEN (SELECT status FROM plan_version WHERE id = OLD.version_id) <> 'BROUILLON'
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;

CREATE TRIGGER plan_objective_frozen_insert BEFORE INSERT ON plan_objective
WHEN (SELECT status FROM plan_version WHERE id = NEW.version_id) <> 'BROUILLON'
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;
CREATE TRIGGER plan_objective_frozen_update BEFORE UPDATE ON plan_objective
WHEN (SELECT status FROM plan_version WHERE id = OLD.version_id) <> 'BROUILLON'
  OR (SELECT status FROM plan_version WHERE id = NEW.version_id) <> 'BROUILLON'
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;
CREATE TRIGGER plan_objective_frozen_delete BEFORE DELETE ON plan_objective
WHEN (SELECT status FROM plan_version WHERE id = OLD.version_id) <> 'BROUILLON'
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;

CREATE TRIGGER plan_action_frozen_insert BEFORE INSERT ON plan_action
WHEN (SELECT status FROM plan_version WHERE id = NEW.version_id) <> 'BROUILLON'
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;
CREATE TRIGGER plan_action_frozen_update BEFORE UPDATE ON plan_action
WHEN (SELECT status FROM plan_version WHERE id = OLD.version_id) <> 'BROUILLON'
  OR (SELECT status FROM plan_version WHERE id = NEW.version_id) <> 'BROUILLON'
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;
CREATE TRIGGER plan_action_frozen_delete BEFORE DELETE ON plan_action
WHEN (SELECT status FROM plan_version WHERE id = OLD.version_id) <> 'BROUILLON'
BEGIN SELECT RAISE(ABORT, 'plan_version is validated: it cannot change'); END;
