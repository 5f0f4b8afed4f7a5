-- The structure, its professionals and their membership periods, and the patients.
-- Later features extend these tables with their own migrations.

CREATE TABLE structure (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    legal_form     TEXT NOT NULL,
    siret          TEXT,
    address        TEXT,
    postal_code    TEXT,
    city           TEXT,
    phone          TEXT,
    email          TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE professional (
    id              INTEGER PRIMARY KEY,
    civility        TEXT,
    last_name       TEXT NOT NULL,
    first_name      TEXT NOT NULL,
    profession_code TEXT NOT NULL,
    rpps            TEXT,
    am_number       TEXT,
    conventioned    INTEGER NOT NULL DEFAULT 1 CHECK (conventioned IN (0, 1)),
    phone           TEXT,
    email           TEXT,
    iban            TEXT,
    bic             TEXT,
    search_key      TEXT NOT NULL,          -- names in lower case without accents
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX professional_rpps ON professional (rpps) WHERE rpps IS NOT NULL;
CREATE INDEX professional_search ON professional (search_key);

CREATE TABLE team_membership (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professional (id) ON DELETE CASCADE,
    start_date      TEXT NOT NULL,
    end_date        TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX team_membership_professional ON team_membership (professional_id);

CREATE TABLE patient (
    id                      INTEGER PRIMARY KEY,
    birth_name              TEXT NOT NULL,
    usage_name              TEXT,
    first_names             TEXT NOT NULL,
    birth_date              TEXT NOT NULL,
    sex                     TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    nir                     TEXT,
    address                 TEXT,
    postal_code             TEXT,
    city                    TEXT,
    phone                   TEXT,
    referring_physician_id  INTEGER REFERENCES professional (id),
    search_key              TEXT NOT NULL,  -- names in lower case without accents
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);
CREATE INDEX patient_search ON patient (search_key);
CREATE INDEX patient_birth_date ON patient (birth_date);
CREATE UNIQUE INDEX patient_nir ON patient (nir) WHERE nir IS NOT NULL;
