package fr.coordo.store;

/** What a user of Coordo may do; the permissions of each role are in {@link Access#can(Permission)}. */
public enum Role {
    /** Everything the coordination does: patients, plans, agenda, team, pathway, payments, settings. */
    COORDINATEUR("coordinateur·rice"),
    /** Reads the patients they follow (their plan actions or appointments); writes nothing but their password. */
    PROFESSIONNEL("professionnel·le"),
    /** Everything, plus the accounts and the restoring of a backup. */
    ADMINISTRATEUR("administrateur·rice");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
