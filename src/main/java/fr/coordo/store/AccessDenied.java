package fr.coordo.store;

/** A service refused an operation that the signed-in person's role does not allow. */
public final class AccessDenied extends StoreException {
    private final Permission permission;

    public AccessDenied(Access access, Permission permission) {
        super("Votre rôle (" + access.role().label() + ") ne permet pas de " + permission.wording()
                + " : demandez-le à la coordination ou à l'administrateur de Coordo. Rien n'a été modifié.");
        this.permission = permission;
    }

    /** A refusal worded by the service that knows what was asked (a patient one does not follow). */
    public AccessDenied(Permission permission, String message) {
        super(message);
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }
}
