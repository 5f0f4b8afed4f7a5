-- Trust: the accounts of the people who use Coordo, and an audit trail whose entries are chained.

-- Passwords are not here: each account's password unwraps the database key in the keyring file beside
-- the database (see docs/SECURITE.md). This table says who the person is and what their role allows.
CREATE TABLE account (
    id                  INTEGER PRIMARY KEY,
    login               TEXT NOT NULL UNIQUE CHECK (length(trim(login)) > 0 AND login = lower(login)),
    display_name        TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    role                TEXT NOT NULL CHECK (role IN ('COORDINATEUR', 'PROFESSIONNEL', 'ADMINISTRATEUR')),
    -- A professionnel reads the patients they follow: their record in the team says which.
    professional_id     INTEGER REFERENCES professional (id),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at          TEXT NOT NULL,
    password_changed_at TEXT,
    CHECK (role <> 'PROFESSIONNEL' OR professional_id IS NOT NULL)
);
CREATE UNIQUE INDEX account_professional ON account (professional_id) WHERE professional_id IS NOT NULL;

-- The audit table is rebuilt to take the chain (each entry carries the hash of the one before it), the
-- patient an entry concerns (for the viewer's filter) and the restoring of a backup.
CREATE TABLE audit_entry_v11 (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,                  -- ISO-8601 with offset, Europe/Paris
    actor      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT,
    action     TEXT NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE', 'IMPORT', 'EXPORT', 'PRINT', 'BACKUP', 'RESTORE')),
    changes    TEXT,                           -- JSON object field -> [before, after], sensitive values masked
    patient_id INTEGER,                        -- no foreign key: the trail outlives what it tells about
    prev_hash  TEXT,                           -- hash of the entry before (NULL for the first)
    hash       TEXT                            -- SHA-256 of prev_hash and this entry's fields
);
INSERT INTO audit_entry_v11 (id, at, actor, entity, entity_id, action, changes)
    SELECT id, at, actor, entity, entity_id, action, changes FROM audit_entry ORDER BY id;
DROP TABLE audit_entry;
ALTER TABLE audit_entry_v11 RENAME TO audit_entry;
CREATE INDEX audit_entry_entity ON audit_entry (entity, entity_id);
CREATE INDEX audit_entry_at ON audit_entry (at);
CREATE INDEX audit_entry_patient ON audit_entry (patient_id);
CREATE INDEX audit_entry_actor ON audit_entry (actor);

-- Append-only. The only update allowed gives an entry written before the chain existed its two hashes, once.
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
WHEN OLD.hash IS NOT NULL
    OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor OR NEW.entity IS NOT OLD.entity
    OR NEW.entity_id IS NOT OLD.entity_id OR NEW.action IS NOT OLD.action OR NEW.changes IS NOT OLD.changes
    OR NEW.patient_id IS NOT OLD.patient_id
BEGIN
    SELECT RAISE(ABORT, 'audit_entry is append-only');
END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'audit_entry is append-only');
END;
