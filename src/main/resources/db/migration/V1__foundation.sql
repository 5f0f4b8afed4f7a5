-- Foundation: settings and the audit trail. Dates are ISO-8601 text, money INTEGER cents.

-- Marks the file as a Coordo database, so that another SQLite file is never mistaken for one.
PRAGMA application_id = 1131376498;

CREATE TABLE app_setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- Append-only: every write of the application adds its entries in the same transaction.
CREATE TABLE audit_entry (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,                  -- ISO-8601 with offset, Europe/Paris
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT,
    action    TEXT NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE', 'IMPORT', 'EXPORT', 'PRINT', 'BACKUP')),
    changes   TEXT                            -- JSON object field -> [before, after], sensitive values masked
);
CREATE INDEX audit_entry_entity ON audit_entry (entity, entity_id);
CREATE INDEX audit_entry_at ON audit_entry (at);

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'audit_entry is append-only');
END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'audit_entry is append-only');
END;
