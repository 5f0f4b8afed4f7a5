-- The agenda. Every occurrence of a series is a row of its own, so that a week is one indexed range read,
-- and moving, cancelling or completing one occurrence touches that row only. Times are wall-clock times in
-- Europe/Paris ('YYYY-MM-DDTHH:MM'): a weekly session stays at 10:00 across a daylight-saving change.

CREATE TABLE appointment_series (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,           -- iCalendar UID of the whole series
    frequency    TEXT NOT NULL CHECK (frequency IN ('WEEKLY', 'MONTHLY')),
    interval     INTEGER NOT NULL DEFAULT 1 CHECK (interval BETWEEN 1 AND 52),
    first_start  TEXT NOT NULL,                  -- the first occurrence's slot
    until_date   TEXT,                           -- last day an occurrence may fall on …
    occurrences  INTEGER CHECK (occurrences BETWEEN 1 AND 500),   -- … or how many occurrences
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((until_date IS NULL) <> (occurrences IS NULL))
);

CREATE TABLE appointment (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL,              -- own UID, or the series' UID for an occurrence
    series_id        INTEGER REFERENCES appointment_series (id),
    recurrence_id    TEXT,                       -- the occurrence's slot in its series, wherever it was moved to
    patient_id       INTEGER REFERENCES patient (id),   -- none for a team meeting
    kind             TEXT NOT NULL,
    place            TEXT NOT NULL,
    place_detail     TEXT,
    title            TEXT,
    starts_at        TEXT NOT NULL,
    ends_at          TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'PREVU' CHECK (status IN ('PREVU', 'REALISE', 'ANNULE', 'NON_HONORE')),
    plan_id          INTEGER REFERENCES care_plan (id),
    action_uid       TEXT,
    notes_before     TEXT,
    notes_after      TEXT,
    conflict_reason  TEXT,                       -- why it was kept despite the warnings
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK ((series_id IS NULL) = (recurrence_id IS NULL)),
    CHECK ((plan_id IS NULL) = (action_uid IS NULL))
);
CREATE UNIQUE INDEX appointment_single_uid ON appointment (uid) WHERE series_id IS NULL;
CREATE UNIQUE INDEX appointment_occurrence ON appointment (series_id, recurrence_id) WHERE series_id IS NOT NULL;
CREATE INDEX appointment_starts ON appointment (starts_at);
CREATE INDEX appointment_patient ON appointment (patient_id, starts_at) WHERE patient_id IS NOT NULL;
CREATE INDEX appointment_action ON appointment (plan_id, action_uid) WHERE plan_id IS NOT NULL;

CREATE TABLE appointment_professional (
    appointment_id   INTEGER NOT NULL REFERENCES appointment (id) ON DELETE CASCADE,
    professional_id  INTEGER NOT NULL REFERENCES professional (id),
    PRIMARY KEY (appointment_id, professional_id)
) WITHOUT ROWID;
CREATE INDEX appointment_professional_by_professional ON appointment_professional (professional_id, appointment_id);

-- The structure's opening hours, one line per open day (1 = Monday … 7 = Sunday): outside them an
-- appointment is warned about, not refused.
CREATE TABLE opening_hours (
    day_of_week  INTEGER PRIMARY KEY CHECK (day_of_week BETWEEN 1 AND 7),
    opens        TEXT NOT NULL,
    closes       TEXT NOT NULL,
    CHECK (closes > opens)
);
INSERT INTO opening_hours (day_of_week, opens, closes) VALUES
    (1, '08:00', '20:00'), (2, '08:00', '20:00'), (3, '08:00', '20:00'), (4, '08:00', '20:00'), (5, '08:00', '20:00'),
    (6, '08:00', '12:00');
