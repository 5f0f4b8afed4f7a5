package fr.coordo.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.coordo.store.AuditAction;
import org.junit.jupiter.api.Test;

/** The trail in French: the participle agrees with what was changed, and the changes read as before → after. */
class AuditTextsTest {
    @Test
    void theParticipleAgreesWithTheNoun() {
        assertEquals("Plan de soins imprimé", AuditTexts.description("care_plan", AuditAction.PRINT, null));
        assertEquals("Version du plan de soins créée", AuditTexts.description("plan_version", AuditAction.CREATE, "{}"));
        assertEquals("Horaires d'ouverture modifiés", AuditTexts.description("opening_hours", AuditAction.UPDATE, null));
        assertEquals("Données de démonstration importées", AuditTexts.description("demo", AuditAction.IMPORT, null));
        assertEquals("Base de données sauvegardée", AuditTexts.description("database", AuditAction.BACKUP, null));
        assertEquals("Agenda du professionnel imprimé", AuditTexts.description("professional", AuditAction.PRINT, null));
        assertEquals("Nouvelle chose supprimé", AuditTexts.description("nouvelle_chose", AuditAction.DELETE, null));
    }

    @Test
    void anUpdateNamesItsFieldsTheFirstFourOnly() {
        assertEquals("Professionnel modifié : téléphone, courriel",
                AuditTexts.description("professional", AuditAction.UPDATE, "{\"phone\":[\"1\",\"2\"],\"email\":[null,\"a@b.fr\"]}"));
        assertEquals("Patient modifié : adresse, code postal, ville, téléphone…", AuditTexts.description("patient", AuditAction.UPDATE,
                "{\"address\":[1,2],\"postal_code\":[1,2],\"city\":[1,2],\"phone\":[1,2],\"email\":[1,2]}"));
    }

    @Test
    void theDetailReadsBeforeAndAfter() {
        assertEquals("téléphone : 02 47 00 00 00 → 06 07 08 09 10 ; ville : Tours ; ALD : oui → non ; NIR : *************29 → (vide)",
                AuditTexts.detail("{\"phone\":[\"02 47 00 00 00\",\"06 07 08 09 10\"],\"city\":[null,\"Tours\"],"
                        + "\"ald\":[true,false],\"nir\":[\"*************29\",null]}"));
        assertEquals("horaire : 01/08/2026 09:45", AuditTexts.detail("{\"starts_at\":[null,\"Change[before=null, after=2026-08-01T09:45]\"]}"));
        assertEquals("début : 16/10/2026", AuditTexts.detail("{\"start_on\":[null,\"2026-10-16\"]}"));
        // Stored codes read as the window words them.
        assertEquals("statut : Prévu → Réalisé", AuditTexts.detail("{\"status\":[\"PREVU\",\"REALISE\"]}"));
        assertEquals("rôle : professionnel·le → coordinateur·rice",
                AuditTexts.detail("{\"role\":[\"PROFESSIONNEL\",\"COORDINATEUR\"]}"));
        assertEquals("", AuditTexts.detail(null));
        assertEquals("", AuditTexts.detail("pas du JSON"));
    }
}
