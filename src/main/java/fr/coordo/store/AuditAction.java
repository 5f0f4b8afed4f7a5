package fr.coordo.store;

/** What an audit entry records; the values match the CHECK constraint of {@code audit_entry.action}. */
public enum AuditAction {
    CREATE, UPDATE, DELETE, IMPORT, EXPORT, PRINT, BACKUP, RESTORE
}
