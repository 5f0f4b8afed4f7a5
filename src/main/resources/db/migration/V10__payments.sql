-- Payment orders of the PCR forfaits: the coordinator's modulation of a split (editable until paid), and the
-- orders themselves, which are never rewritten once issued: a mistake is corrected by a cancelling order.

-- The coordinator's split of one payable unit (an episode, or one séquence of it when the forfait is split by
-- séquence: sequence_code '' for the whole episode). No row: the PCR type's default split applies.
CREATE TABLE payment_split (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    episode_id     INTEGER NOT NULL REFERENCES pcr_episode (id),
    sequence_code  TEXT NOT NULL DEFAULT '',
    note           TEXT,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    UNIQUE (episode_id, sequence_code)
);

-- professional_id NULL: the structure's coordination share.
CREATE TABLE payment_split_line (
    split_id         INTEGER NOT NULL REFERENCES payment_split (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    professional_id  INTEGER REFERENCES professional (id),
    amount_cents     BIGINT NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (split_id, position)
);

-- An order as issued. Everything printed or exported is copied here, so that its files come out the same
-- whatever later happens to the records they were made from. sealed goes 0 → 1 at the end of the issuing
-- transaction; after that only the fingerprints of its files may be written, once each.
CREATE TABLE payment_order (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    number               TEXT NOT NULL UNIQUE,          -- OP-YYYY-NNNN
    year                 INTEGER NOT NULL,
    serial               INTEGER NOT NULL CHECK (serial >= 1),
    kind                 TEXT NOT NULL CHECK (kind IN ('ORDRE', 'ANNULATION')),
    cancels_id           INTEGER UNIQUE REFERENCES payment_order (id),
    reason               TEXT,
    project_id           INTEGER NOT NULL REFERENCES pathway_project (id),
    project_reference    TEXT NOT NULL,
    pcr_type_code        TEXT NOT NULL,
    pcr_type_label       TEXT NOT NULL,
    period               TEXT NOT NULL,                 -- 2026-11 or 2026-Q4
    period_start         TEXT NOT NULL,
    period_end           TEXT NOT NULL,
    channel              TEXT NOT NULL CHECK (channel IN ('CPAM', 'STRUCTURE')),
    issued_on            TEXT NOT NULL,
    issued_at            TEXT NOT NULL,
    issued_by            TEXT NOT NULL,
    structure            TEXT NOT NULL,                 -- JSON snapshot: name, SIRET, FINESS, representative, bank
    checks               TEXT NOT NULL,                 -- the a-priori checks passed, one per line
    warnings             TEXT,                          -- the warnings the coordinator confirmed, one per line
    line_count           INTEGER NOT NULL CHECK (line_count >= 1),
    total_cents          BIGINT NOT NULL,
    sealed               INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1)),
    pdf_fingerprint      TEXT,
    csv_fingerprint      TEXT,
    sepa_fingerprint     TEXT,
    UNIQUE (year, serial),
    CHECK ((kind = 'ANNULATION') = (cancels_id IS NOT NULL)),
    CHECK (kind = 'ORDRE' OR reason IS NOT NULL)
);

CREATE INDEX payment_order_period ON payment_order (period, channel);

CREATE TRIGGER payment_order_immutable BEFORE UPDATE ON payment_order
WHEN OLD.sealed = 1 AND (
        NEW.id IS NOT OLD.id OR NEW.number IS NOT OLD.number OR NEW.year IS NOT OLD.year OR NEW.serial IS NOT OLD.serial
        OR NEW.kind IS NOT OLD.kind OR NEW.cancels_id IS NOT OLD.cancels_id OR NEW.reason IS NOT OLD.reason
        OR NEW.project_id IS NOT OLD.project_id OR NEW.project_reference IS NOT OLD.project_reference
        OR NEW.pcr_type_code IS NOT OLD.pcr_type_code OR NEW.pcr_type_label IS NOT OLD.pcr_type_label
        OR NEW.period IS NOT OLD.period OR NEW.period_start IS NOT OLD.period_start OR NEW.period_end IS NOT OLD.period_end
        OR NEW.channel IS NOT OLD.channel OR NEW.issued_on IS NOT OLD.issued_on OR NEW.issued_at IS NOT OLD.issued_at
        OR NEW.issued_by IS NOT OLD.issued_by OR NEW.structure IS NOT OLD.structure OR NEW.checks IS NOT OLD.checks
        OR NEW.warnings IS NOT OLD.warnings OR NEW.line_count IS NOT OLD.line_count OR NEW.total_cents IS NOT OLD.total_cents
        OR NEW.sealed IS NOT OLD.sealed
        OR (OLD.pdf_fingerprint IS NOT NULL AND NEW.pdf_fingerprint IS NOT OLD.pdf_fingerprint)
        OR (OLD.csv_fingerprint IS NOT NULL AND NEW.csv_fingerprint IS NOT OLD.csv_fingerprint)
        OR (OLD.sepa_fingerprint IS NOT NULL AND NEW.sepa_fingerprint IS NOT OLD.sepa_fingerprint))
BEGIN
    SELECT RAISE(ABORT, 'an issued payment order is never changed');
END;

-- INSERT OR REPLACE deletes the row it replaces without firing the delete trigger: refuse any insert that would.
CREATE TRIGGER payment_order_never_replaced BEFORE INSERT ON payment_order
WHEN EXISTS (SELECT 1 FROM payment_order WHERE id = NEW.id OR number = NEW.number OR (year = NEW.year AND serial = NEW.serial)
             OR (NEW.cancels_id IS NOT NULL AND cancels_id = NEW.cancels_id))
BEGIN
    SELECT RAISE(ABORT, 'an issued payment order is never changed');
END;

CREATE TRIGGER payment_order_kept BEFORE DELETE ON payment_order
BEGIN
    SELECT RAISE(ABORT, 'a payment order is kept');
END;

-- One line per (episode, séquence, payee). Amounts are negative in a cancelling order.
CREATE TABLE payment_order_line (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id             INTEGER NOT NULL REFERENCES payment_order (id),
    position             INTEGER NOT NULL,
    episode_id           INTEGER NOT NULL REFERENCES pcr_episode (id),
    episode_reference    TEXT NOT NULL,
    sequence_code        TEXT NOT NULL DEFAULT '',
    sequence_label       TEXT,
    service_start        TEXT NOT NULL,
    service_end          TEXT NOT NULL,
    due_cents            BIGINT NOT NULL,              -- amount due for the unit, repeated on each of its lines
    patient_id           INTEGER NOT NULL REFERENCES patient (id),
    patient_last_name    TEXT NOT NULL,
    patient_first_name   TEXT NOT NULL,
    patient_birth_date   TEXT NOT NULL,
    patient_nir          TEXT,
    professional_id      INTEGER REFERENCES professional (id),   -- NULL: coordination share
    professional_name    TEXT,
    profession_code      TEXT,
    rpps                 TEXT,
    am_number            TEXT,
    payee_kind           TEXT NOT NULL CHECK (payee_kind IN ('PROFESSIONNEL', 'EMPLOYEUR', 'STRUCTURE')),
    payee_name           TEXT NOT NULL,
    iban                 TEXT,
    bic                  TEXT,
    activity_count       INTEGER NOT NULL DEFAULT 0,
    amount_cents         BIGINT NOT NULL,
    UNIQUE (order_id, position)
);

CREATE INDEX payment_order_line_order ON payment_order_line (order_id, position);
CREATE INDEX payment_order_line_unit ON payment_order_line (episode_id, sequence_code);

CREATE TRIGGER payment_order_line_sealed BEFORE INSERT ON payment_order_line
WHEN (SELECT sealed FROM payment_order WHERE id = NEW.order_id) IS NOT 0
     OR EXISTS (SELECT 1 FROM payment_order_line WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'an issued payment order is never changed');
END;

CREATE TRIGGER payment_order_line_immutable BEFORE UPDATE ON payment_order_line
BEGIN
    SELECT RAISE(ABORT, 'an issued payment order is never changed');
END;

CREATE TRIGGER payment_order_line_kept BEFORE DELETE ON payment_order_line
BEGIN
    SELECT RAISE(ABORT, 'a payment order is kept');
END;
