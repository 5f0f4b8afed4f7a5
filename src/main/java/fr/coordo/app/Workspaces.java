package fr.coordo.app;

import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static fr.coordo.store.schema.Tables.STRUCTURE;

import fr.coordo.store.Database;

final class Workspaces {
    private Workspaces() {}

    /** True when the database holds no structure, professional or patient. */
    static boolean isEmpty(Database db) {
        return db.read(dsl -> dsl.fetchCount(STRUCTURE) + dsl.fetchCount(PROFESSIONAL) + dsl.fetchCount(PATIENT) == 0);
    }
}
