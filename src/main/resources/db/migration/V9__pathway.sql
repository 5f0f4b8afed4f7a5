-- Parcours coordonné renforcé: PCR types (versioned reference data), the projet de parcours declared to the ARS
-- and the CPAM (one row per version, never rewritten once transmitted), its team, and the patients' episodes.

-- One version of a PCR type; its definition is the JSON of resources/reference/pcr/<code>.json. Never rewritten:
-- an edit in Paramètres or a newer catalogue revision is a new version.
CREATE TABLE pcr_type_version (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    code                TEXT NOT NULL,
    version             INTEGER NOT NULL CHECK (version >= 1),
    definition          TEXT NOT NULL,
    origin              TEXT NOT NULL CHECK (origin IN ('CATALOGUE', 'SAISIE')),
    catalogue_revision  INTEGER,
    note                TEXT,
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    UNIQUE (code, version)
);

CREATE TRIGGER pcr_type_version_never_rewritten BEFORE UPDATE ON pcr_type_version
BEGIN
    SELECT RAISE(ABORT, 'a PCR type version is never rewritten');
END;

CREATE TRIGGER pcr_type_version_kept BEFORE DELETE ON pcr_type_version
BEGIN
    SELECT RAISE(ABORT, 'a PCR type version is kept');
END;

CREATE TABLE pathway_project (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    reference   TEXT NOT NULL UNIQUE,          -- PP-YYYY-NNN
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

-- Réputé validé is not stored: it is a TRANSMIS version whose two-month window has passed.
CREATE TABLE pathway_project_version (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id                INTEGER NOT NULL REFERENCES pathway_project (id),
    version                   INTEGER NOT NULL CHECK (version >= 1),
    pcr_type_version_id       INTEGER NOT NULL REFERENCES pcr_type_version (id),
    status                    TEXT NOT NULL CHECK (status IN ('BROUILLON', 'PRET', 'SIGNE', 'TRANSMIS', 'OPPOSE', 'VALIDE')),
    planned_start             TEXT,
    expected_patients         INTEGER CHECK (expected_patients IS NULL OR expected_patients > 0),
    territory                 TEXT,
    payment_channel           TEXT NOT NULL DEFAULT 'STRUCTURE' CHECK (payment_channel IN ('CPAM', 'STRUCTURE')),
    representative_signed_on  TEXT,
    transmitted_on            TEXT,
    declared_data             TEXT,            -- JSON snapshot of the dossier as transmitted
    declared_fingerprint      TEXT,
    decision_on               TEXT,
    decision_note             TEXT,
    change_reason             TEXT,            -- why this version was made (versions after the first)
    created_at                TEXT NOT NULL,
    created_by                TEXT NOT NULL,
    updated_at                TEXT NOT NULL,
    UNIQUE (project_id, version),
    CHECK ((status IN ('TRANSMIS', 'OPPOSE', 'VALIDE')) = (transmitted_on IS NOT NULL)),
    CHECK ((status IN ('OPPOSE', 'VALIDE')) = (decision_on IS NOT NULL))
);

CREATE INDEX pathway_project_version_project ON pathway_project_version (project_id, version);

-- What was declared stays as declared: after transmission only the ARS decision may still be written, once.
CREATE TRIGGER pathway_version_frozen BEFORE UPDATE ON pathway_project_version
WHEN OLD.transmitted_on IS NOT NULL AND (
        NEW.pcr_type_version_id IS NOT OLD.pcr_type_version_id OR NEW.planned_start IS NOT OLD.planned_start
        OR NEW.expected_patients IS NOT OLD.expected_patients OR NEW.territory IS NOT OLD.territory
        OR NEW.payment_channel IS NOT OLD.payment_channel OR NEW.representative_signed_on IS NOT OLD.representative_signed_on
        OR NEW.transmitted_on IS NOT OLD.transmitted_on OR NEW.declared_data IS NOT OLD.declared_data
        OR NEW.declared_fingerprint IS NOT OLD.declared_fingerprint OR NEW.version IS NOT OLD.version
        OR NEW.project_id IS NOT OLD.project_id OR NEW.change_reason IS NOT OLD.change_reason
        OR OLD.status IN ('OPPOSE', 'VALIDE'))
BEGIN
    SELECT RAISE(ABORT, 'a transmitted projet version is frozen');
END;

CREATE TRIGGER pathway_version_kept BEFORE DELETE ON pathway_project_version
WHEN OLD.transmitted_on IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a transmitted projet version is kept');
END;

CREATE TABLE pathway_member (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id         INTEGER NOT NULL REFERENCES pathway_project_version (id) ON DELETE CASCADE,
    professional_id    INTEGER NOT NULL REFERENCES professional (id),
    position           INTEGER NOT NULL DEFAULT 0,
    role               TEXT,
    sequences          TEXT,                   -- séquence codes separated by ','; NULL: every séquence
    signed_on          TEXT,
    ordre_notified_on  TEXT,
    UNIQUE (version_id, professional_id)
);

CREATE TRIGGER pathway_member_frozen_update BEFORE UPDATE ON pathway_member
WHEN (SELECT transmitted_on FROM pathway_project_version WHERE id = OLD.version_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'the team of a transmitted projet version is frozen');
END;

CREATE TRIGGER pathway_member_frozen_insert BEFORE INSERT ON pathway_member
WHEN (SELECT transmitted_on FROM pathway_project_version WHERE id = NEW.version_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'the team of a transmitted projet version is frozen');
END;

CREATE TRIGGER pathway_member_frozen_delete BEFORE DELETE ON pathway_member
WHEN (SELECT transmitted_on FROM pathway_project_version WHERE id = OLD.version_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'the team of a transmitted projet version is frozen');
END;

-- The inclusion decision (R.162-138) and the episode it opens.
CREATE TABLE pcr_episode (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    reference               TEXT NOT NULL UNIQUE,   -- EP-YYYY-NNNN
    patient_id              INTEGER NOT NULL REFERENCES patient (id),
    project_id              INTEGER NOT NULL REFERENCES pathway_project (id),
    pcr_type_version_id     INTEGER NOT NULL REFERENCES pcr_type_version (id),
    profile_code            TEXT NOT NULL,
    criteria                TEXT NOT NULL,          -- criterion codes ticked, separated by ','
    decided_by_id           INTEGER NOT NULL REFERENCES professional (id),
    validating_doctor_id    INTEGER REFERENCES professional (id),
    external_doctor_name    TEXT,
    external_doctor_rpps    TEXT,
    decided_on              TEXT NOT NULL,
    informed_on             TEXT NOT NULL,
    consent_on              TEXT NOT NULL,
    consent_form            TEXT NOT NULL CHECK (consent_form IN ('ECRIT', 'ORAL')),
    overseas                INTEGER NOT NULL DEFAULT 0 CHECK (overseas IN (0, 1)),
    start_on                TEXT,
    end_on                  TEXT,
    end_reason              TEXT CHECK (end_reason IN ('TERMINE', 'INTERROMPU', 'RETRAIT', 'DECES')),
    end_note                TEXT,
    created_at              TEXT NOT NULL,
    created_by              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    CHECK ((end_on IS NULL) = (end_reason IS NULL)),
    CHECK (validating_doctor_id IS NOT NULL OR external_doctor_rpps IS NOT NULL)
);

CREATE INDEX pcr_episode_patient ON pcr_episode (patient_id);
CREATE INDEX pcr_episode_project ON pcr_episode (project_id);

CREATE TABLE pcr_episode_sequence (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    episode_id      INTEGER NOT NULL REFERENCES pcr_episode (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    code            TEXT NOT NULL,
    label           TEXT NOT NULL,
    planned_start   TEXT,
    planned_end     TEXT,
    actual_start    TEXT,
    actual_end      TEXT,
    UNIQUE (episode_id, code),
    CHECK (actual_end IS NULL OR actual_start IS NOT NULL)
);
