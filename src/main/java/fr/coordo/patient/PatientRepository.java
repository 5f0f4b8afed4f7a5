package fr.coordo.patient;

import static fr.coordo.store.schema.Tables.PATIENT;

import fr.coordo.store.Database;

/** Reads the patients. */
public final class PatientRepository {
    private final Database db;

    public PatientRepository(Database db) {
        this.db = db;
    }

    public int count() {
        return db.read(dsl -> dsl.fetchCount(PATIENT));
    }
}
