package fr.coordo.security;

import fr.coordo.store.Access;
import fr.coordo.store.Role;

/** A person who may sign in to Coordo, as the database knows them. */
public record Account(int id, String login, String displayName, Role role, Integer professionalId, boolean active,
        String createdAt, String passwordChangedAt) {

    public Access access() {
        return new Access(login, displayName, role, professionalId);
    }
}
