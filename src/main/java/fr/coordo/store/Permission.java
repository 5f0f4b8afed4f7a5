package fr.coordo.store;

/** What a service checks before it reads or writes on behalf of the person signed in. */
public enum Permission {
    /** Write patients, plans, agenda, team, structure and pathway data. */
    EDIT("modifier les données"),
    /** Read every patient, not only those one follows. */
    ALL_PATIENTS("consulter tous les patients"),
    /** Read, prepare, issue, export and cancel payment orders; read episodes and their amounts. */
    PAYMENTS("gérer les paiements"),
    SETTINGS("modifier les réglages"),
    AUDIT("consulter le journal des modifications"),
    ACCOUNTS("gérer les comptes"),
    RESTORE("restaurer une sauvegarde"),
    /** Record a print or an export of what one may read, and take a backup. */
    TRACE("imprimer, exporter ou sauvegarder"),
    /** Change one's own password. */
    OWN_ACCOUNT("changer son mot de passe");

    private final String wording;

    Permission(String wording) {
        this.wording = wording;
    }

    /** The verb phrase used in refusals: « Votre rôle ne permet pas de … ». */
    public String wording() {
        return wording;
    }
}
