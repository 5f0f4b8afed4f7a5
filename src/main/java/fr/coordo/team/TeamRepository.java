package fr.coordo.team;

import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static fr.coordo.store.schema.Tables.STRUCTURE;
import static fr.coordo.store.schema.Tables.TEAM_MEMBERSHIP;

import fr.coordo.store.Database;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Reads the structure and its team. */
public final class TeamRepository {
    private final Database db;

    public TeamRepository(Database db) {
        this.db = db;
    }

    public Optional<String> structureName() {
        return db.read(dsl -> dsl.select(STRUCTURE.NAME).from(STRUCTURE).orderBy(STRUCTURE.ID).limit(1).fetchOptional(STRUCTURE.NAME));
    }

    /** Professionals with a membership running on {@code day}. */
    public int countActive(LocalDate day) {
        return db.read(dsl -> dsl.fetchCount(PROFESSIONAL, DSL.exists(activeMembership(day))));
    }

    /** Professionals whose every membership ended before {@code day}: they keep their history. Members yet to join are not former. */
    public int countFormer(LocalDate day) {
        String d = day.toString();
        return db.read(dsl -> dsl.fetchCount(PROFESSIONAL,
                DSL.exists(DSL.selectOne().from(TEAM_MEMBERSHIP).where(TEAM_MEMBERSHIP.PROFESSIONAL_ID.eq(PROFESSIONAL.ID)))
                        .and(DSL.notExists(DSL.selectOne().from(TEAM_MEMBERSHIP)
                                .where(TEAM_MEMBERSHIP.PROFESSIONAL_ID.eq(PROFESSIONAL.ID))
                                .and(TEAM_MEMBERSHIP.END_DATE.isNull().or(TEAM_MEMBERSHIP.END_DATE.ge(d)))))));
    }

    /** Active professionals per profession code, most numerous first. */
    public Map<String, Integer> activeByProfession(LocalDate day) {
        var counts = db.read(dsl -> dsl.select(PROFESSIONAL.PROFESSION_CODE, DSL.count())
                .from(PROFESSIONAL)
                .where(DSL.exists(activeMembership(day)))
                .groupBy(PROFESSIONAL.PROFESSION_CODE)
                .orderBy(DSL.count().desc(), PROFESSIONAL.PROFESSION_CODE)
                .fetch());
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    private static org.jooq.Select<?> activeMembership(LocalDate day) {
        String d = day.toString();
        Condition running = TEAM_MEMBERSHIP.START_DATE.le(d).and(TEAM_MEMBERSHIP.END_DATE.isNull().or(TEAM_MEMBERSHIP.END_DATE.ge(d)));
        return DSL.selectOne().from(TEAM_MEMBERSHIP).where(TEAM_MEMBERSHIP.PROFESSIONAL_ID.eq(PROFESSIONAL.ID)).and(running);
    }
}
