package fr.coordo.store;

import static fr.coordo.store.schema.Tables.APP_SETTING;

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
}
