package fr.coordo.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is working on the database: recorded as the author of every audit entry, and checked by the
 * services before they read or write. {@code professionalId} links a professionnel's account to their
 * record in the team, which tells the patients they follow.
 */
public record Access(String login, String displayName, Role role, Integer professionalId) {
    private static final Set<Permission> PROFESSIONNEL = EnumSet.of(Permission.TRACE, Permission.OWN_ACCOUNT);
    private static final Set<Permission> COORDINATEUR = EnumSet.complementOf(EnumSet.of(Permission.ACCOUNTS, Permission.RESTORE));

    public Access {
        if (login == null || login.isBlank() || role == null) {
            throw new IllegalArgumentException("an access needs a login and a role");
        }
    }

    public boolean can(Permission p) {
        return switch (role) {
            case ADMINISTRATEUR -> true;
            case COORDINATEUR -> COORDINATEUR.contains(p);
            case PROFESSIONNEL -> PROFESSIONNEL.contains(p);
        };
    }

    public void require(Permission p) {
        if (!can(p)) {
            throw new AccessDenied(this, p);
        }
    }
}
