-- Identifiers of the structure whose check key is doubtful but that the user confirmed, e.g. 'FINESS'.
ALTER TABLE structure ADD COLUMN confirmed_keys TEXT;
