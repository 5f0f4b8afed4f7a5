package fr.coordo.store;

/** A service refused an operation that the signed-in person's role does not allow. */
public final class AccessDenied extends StoreException {
    private final Permission permission;

    public AccessDenied(Access access, Permission permission) {
        super("Votre rôle (" + access.role().label() + ") ne permet pas de " + permission.wording()
                + " : demandez-le à la coordination ou à l'administrateur de Coordo. Rien n'a été modifié.");
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }
}
