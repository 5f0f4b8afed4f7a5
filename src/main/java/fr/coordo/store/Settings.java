package fr.coordo.store;

import static fr.coordo.store.schema.Tables.APP_SETTING;

import java.util.Map;
import java.util.Optional;

/** Key-value settings of the database (not of the computer): they travel with the file. */
public final class Settings {
    /** Set when the database was filled by {@code coordo demo}: the window says so. */
    public static final String DEMO = "demo";

    private final Database db;

    public Settings(Database db) {
        this.db = db;
    }

    public Optional<String> get(String key) {
        return db.read(dsl -> dsl.select(APP_SETTING.VALUE).from(APP_SETTING).where(APP_SETTING.KEY.eq(key)).fetchOptional(APP_SETTING.VALUE));
    }

    public boolean isDemo() {
        return get(DEMO).map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * Sets {@code key} to {@code value} (null removes it), audited. Needs {@link Permission#SETTINGS}: a professionnel
     * is refused in French and nothing changes.
     */
    public void set(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a setting needs a key");
        }
        db.write(Permission.SETTINGS, (dsl, audit) -> {
            String before = dsl.select(APP_SETTING.VALUE).from(APP_SETTING).where(APP_SETTING.KEY.eq(key)).fetchOptional(APP_SETTING.VALUE)
                    .orElse(null);
            if (value == null) {
                dsl.deleteFrom(APP_SETTING).where(APP_SETTING.KEY.eq(key)).execute();
            } else {
                dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, key).set(APP_SETTING.VALUE, value)
                        .onConflict(APP_SETTING.KEY).doUpdate().set(APP_SETTING.VALUE, value).execute();
            }
            audit.record("app_setting", key, value == null ? AuditAction.DELETE : before == null ? AuditAction.CREATE : AuditAction.UPDATE,
                    Map.of(key, new Audit.Change(before, value)));
            return null;
        });
    }
}
