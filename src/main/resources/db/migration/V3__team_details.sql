-- The structure's identity for the ARS dossier, and each professional's details for a PCR.

ALTER TABLE structure ADD COLUMN category TEXT;            -- D.162-34 category code, resources/reference/categories-structures.csv
ALTER TABLE structure ADD COLUMN siren TEXT;
ALTER TABLE structure ADD COLUMN finess TEXT;
ALTER TABLE structure ADD COLUMN department_code TEXT;     -- from the postal code, editable
ALTER TABLE structure ADD COLUMN ars_region TEXT;          -- competent ARS (region), editable
ALTER TABLE structure ADD COLUMN cpam TEXT;                -- competent CPAM, editable
ALTER TABLE structure ADD COLUMN legal_representative TEXT;
ALTER TABLE structure ADD COLUMN coordinators TEXT;
ALTER TABLE structure ADD COLUMN iban TEXT;
ALTER TABLE structure ADD COLUMN bic TEXT;

ALTER TABLE professional ADD COLUMN specialty TEXT;        -- physicians
ALTER TABLE professional ADD COLUMN adeli TEXT;
-- numéro AM: ASSIGNED (am_number set), REQUESTED (request pending since am_requested_on) or NULL (none)
ALTER TABLE professional ADD COLUMN am_status TEXT CHECK (am_status IN ('ASSIGNED', 'REQUESTED'));
ALTER TABLE professional ADD COLUMN am_requested_on TEXT;
ALTER TABLE professional ADD COLUMN cpam_contract_signed_on TEXT;   -- non-conventionné: contract with the CPAM
ALTER TABLE professional ADD COLUMN practice_mode TEXT NOT NULL DEFAULT 'LIBERAL' CHECK (practice_mode IN ('LIBERAL', 'SALARIE'));
ALTER TABLE professional ADD COLUMN employer_name TEXT;
ALTER TABLE professional ADD COLUMN employer_siret TEXT;
ALTER TABLE professional ADD COLUMN mssante TEXT;
ALTER TABLE professional ADD COLUMN notes TEXT;
-- identifiers whose check key is wrong but that the user confirmed, e.g. 'RPPS,AM'
ALTER TABLE professional ADD COLUMN confirmed_keys TEXT;

UPDATE professional SET am_status = 'ASSIGNED' WHERE am_number IS NOT NULL;
UPDATE structure SET legal_form = 'sisa', category = 'msp_sisa' WHERE legal_form = 'SISA';
