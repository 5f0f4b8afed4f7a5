package fr.coordo.bench;

import static fr.coordo.store.schema.Tables.APPOINTMENT;
import static fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL;
import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PCR_EPISODE;
import static fr.coordo.store.schema.Tables.PCR_EPISODE_SEQUENCE;

import fr.coordo.identity.CheckDigits;
import fr.coordo.identity.SearchKey;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.pathway.ProjectInput;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.store.Database;
import fr.coordo.store.Timestamps;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * A structure with a quarter to pay: the fixture's structure (with its IBAN) and completed obesity type, a team of
 * twelve professionals with RPPS, numéro AM and IBAN (two salaried, paid to their employer), one projet of that team
 * paid by the structure, signed and transmitted on 02/03/2026 (réputé validé from 03/05/2026), and
 * {@value #EPISODES} patients each with an obesity episode started in May or June 2026 and ended in the third
 * quarter, with the appointments of his care in the agenda. The team and the projet go through the services; the
 * patients, episodes and appointments are written directly, as the services would write them.
 */
final class PaymentQuarter {
    static final int EPISODES = 10_000;
    static final LocalDate TRANSMITTED = LocalDate.of(2026, 3, 2);
    /** Réputé validé two months after transmission. */
    static final LocalDate IN_FORCE = LocalDate.of(2026, 5, 3);

    private static final String[] LAST = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
        "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
        "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
        "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont"};
    private static final String[] WOMEN = {"Camille", "Léa", "Chloé", "Manon", "Inès", "Zoé", "Jeanne", "Éloïse", "Marie", "Anne",
        "Françoise", "Monique", "Nathalie", "Sylvie", "Céline", "Hélène", "Agnès", "Brigitte"};
    private static final String[] MEN = {"Hugo", "Louis", "Jules", "Arthur", "Gabriel", "Raphaël", "Noé", "Jean", "Pierre", "Michel",
        "André", "Philippe", "Alain", "Bernard", "Jacques", "François", "Gérard", "Loïc"};

    private PaymentQuarter() {}

    /** Builds the database in a child process, so that the benchmark's JVM has run none of the services. */
    static Path create(Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("trimestre.db");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
                "-cp", System.getProperty("java.class.path"), PaymentQuarter.class.getName(), file.toString())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("building the quarter to pay failed");
        }
        return file;
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        try (Database db = Database.open(Path.of(args[0]))) {
            build(db);
        }
        System.out.printf("quarter to pay built in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    static void build(Database db) {
        PathwayFixtures f = new PathwayFixtures(db);
        LocalDate since = PathwayFixtures.TODAY.minusYears(2);
        List<TeamService.Entry> more = new ArrayList<>();
        String[][] added = {{"Roux", "Claire", "medecin"}, {"Faure", "Étienne", "medecin"}, {"Blanc", "Sophie", "dieteticien"},
            {"Perrin", "Lucas", "enseignant_apa"}, {"Morin", "Agathe", "psychologue"}, {"Mathieu", "Paul", "infirmier"},
            {"Gauthier", "Inès", "masseur_kinesitherapeute"}};
        for (int i = 0; i < added.length; i++) {
            ProfessionalInput c = PathwayFixtures.complete(added[i][0], added[i][1], added[i][2], 20 + i);
            boolean salaried = i == 3 || i == 4;
            more.add(new TeamService.Entry(new ProfessionalInput("Mme", c.lastName(), c.firstName(), c.professionCode(), null, c.rpps(),
                    null, c.amNumber(), null, true, null, salaried ? PracticeMode.SALARIE : PracticeMode.LIBERAL,
                    salaried ? "Association Sport Santé Touraine" : null, null, c.phone(), null, null,
                    salaried ? PathwayFixtures.iban(900 + i) : c.iban(), c.bic(), null), Set.of(), since));
        }
        List<Integer> ids = f.team.addAll(more);
        Map<String, List<Integer>> byProfession = new LinkedHashMap<>();
        f.pros.forEach((profession, id) -> byProfession.computeIfAbsent(profession, k -> new ArrayList<>()).add(id));
        for (int i = 0; i < added.length; i++) {
            byProfession.computeIfAbsent(added[i][2], k -> new ArrayList<>()).add(ids.get(i));
        }
        List<ProjectInput.MemberInput> members = new ArrayList<>(f.members());
        ids.forEach(id -> members.add(new ProjectInput.MemberInput(id, null, List.of())));
        ProjectInput in = f.input();
        int project = f.projects.create(new ProjectInput(in.pcrTypeVersionId(), in.plannedStart(), EPISODES, in.territory(),
                PaymentChannel.STRUCTURE, members));
        f.projects.markReady(project);
        LocalDate signed = TRANSMITTED.minusDays(3);
        for (ProjectVersion.Member m : f.projects.find(project).orElseThrow().current().members()) {
            f.projects.recordSignature(project, m.professional().id(), signed);
            if (m.needsOrdreNotification()) {
                f.projects.recordOrdreNotification(project, m.professional().id(), signed);
            }
        }
        f.projects.recordRepresentativeSignature(project, signed);
        f.projects.transmit(project, TRANSMITTED);
        db.write((dsl, audit) -> {
            insert(dsl, project, f.obesity.id(), byProfession, audit.actor());
            audit.created("pcr_episode", "EP-2026-0001…" + EPISODES, Map.of("project_id", project, "episodes", EPISODES));
            return null;
        });
    }

    /** One patient's episode and care, drawn from his rank. */
    private record Case(int patient, boolean woman, String last, String first, LocalDate birth, int physician, LocalDate start,
            LocalDate end, List<Integer> seenBy) {}

    /** Patients, episodes (with their two séquences) and appointments, in id order as the services would number them. */
    private static void insert(DSLContext dsl, int project, int typeVersion, Map<String, List<Integer>> pros, String actor)
            throws SQLException {
        int patientId = dsl.select(DSL.max(PATIENT.ID)).from(PATIENT).fetchOne().value1();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < EPISODES; i++) {
            boolean woman = i % 2 == 0;
            String[] firsts = woman ? WOMEN : MEN;
            int physician = pick(pros, "medecin", i);
            // the physician twice, the dietitian, the APA teacher and (seven times in eight) the psychologist
            List<Integer> seenBy = new ArrayList<>(List.of(physician, pick(pros, "dieteticien", i), pick(pros, "enseignant_apa", i), physician));
            if (i % 8 != 7) {
                seenBy.add(pick(pros, "psychologue", i));
            }
            cases.add(new Case(++patientId, woman, LAST[i % LAST.length], firsts[(i / LAST.length) % firsts.length],
                    LocalDate.of(1950 + i % 40, 1 + i % 12, 1 + i % 28), physician, IN_FORCE.plusDays(1 + i % 58),
                    LocalDate.of(2026, 7, 1).plusDays(i % 92), seenBy));
        }
        String created = Timestamps.of(LocalDateTime.of(2026, 5, 4, 9, 0));
        try (Rows patients = new Rows(dsl, dsl.insertInto(PATIENT, PATIENT.ID, PATIENT.BIRTH_NAME, PATIENT.USAGE_NAME, PATIENT.FIRST_NAMES,
                PATIENT.BIRTH_DATE, PATIENT.SEX, PATIENT.NIR, PATIENT.ADDRESS, PATIENT.POSTAL_CODE, PATIENT.CITY, PATIENT.REFERRING_PHYSICIAN_ID,
                PATIENT.CONSENT_PLAN_ON, PATIENT.CONSENT_PLAN_FORM, PATIENT.CONSENT_SHARING_ON, PATIENT.CONSENT_SHARING_FORM, PATIENT.STATUS,
                PATIENT.SEARCH_KEY, PATIENT.CREATED_AT, PATIENT.UPDATED_AT).values(nulls(19)))) {
            for (int i = 0; i < EPISODES; i++) {
                Case c = cases.get(i);
                String informed = c.start().minusDays(2).toString();
                patients.add(c.patient(), c.last(), null, c.first(), c.birth().toString(), c.woman() ? "F" : "M", nir(c.woman(), c.birth(), i),
                        (1 + i % 120) + " rue Nationale", "37000", "Tours", c.physician(), informed, "Formulaire remis", informed,
                        "Note remise", "SUIVI", SearchKey.of(c.last(), c.first()), created, created);
            }
        }
        try (Rows episodes = new Rows(dsl, dsl.insertInto(PCR_EPISODE, PCR_EPISODE.REFERENCE, PCR_EPISODE.PATIENT_ID, PCR_EPISODE.PROJECT_ID,
                PCR_EPISODE.PCR_TYPE_VERSION_ID, PCR_EPISODE.PROFILE_CODE, PCR_EPISODE.CRITERIA, PCR_EPISODE.DECIDED_BY_ID,
                PCR_EPISODE.VALIDATING_DOCTOR_ID, PCR_EPISODE.DECIDED_ON, PCR_EPISODE.INFORMED_ON, PCR_EPISODE.CONSENT_ON,
                PCR_EPISODE.CONSENT_FORM, PCR_EPISODE.OVERSEAS, PCR_EPISODE.START_ON, PCR_EPISODE.END_ON, PCR_EPISODE.END_REASON,
                PCR_EPISODE.CREATED_AT, PCR_EPISODE.CREATED_BY, PCR_EPISODE.UPDATED_AT).values(nulls(19)))) {
            for (int i = 0; i < EPISODES; i++) {
                Case c = cases.get(i);
                episodes.add(String.format("EP-2026-%04d", i + 1), c.patient(), project, typeVersion, i % 5 == 4 ? "P4" : "P1",
                        "adulte,obesite_complexe,evaluation,prescription", c.physician(), c.physician(), c.start().toString(),
                        c.start().minusDays(2).toString(), c.start().toString(), "ECRIT", 0, c.start().toString(), c.end().toString(),
                        "TERMINE", created, actor, created);
            }
        }
        int appointmentId = 0;
        try (Rows appointments = new Rows(dsl, dsl.insertInto(APPOINTMENT, APPOINTMENT.ID, APPOINTMENT.UID, APPOINTMENT.PATIENT_ID,
                APPOINTMENT.KIND, APPOINTMENT.PLACE, APPOINTMENT.STARTS_AT, APPOINTMENT.ENDS_AT, APPOINTMENT.STATUS, APPOINTMENT.CREATED_AT,
                APPOINTMENT.UPDATED_AT).values(nulls(10)))) {
            for (int i = 0; i < EPISODES; i++) {
                Case c = cases.get(i);
                long days = c.end().toEpochDay() - c.start().toEpochDay();
                for (int k = 0; k < c.seenBy().size(); k++) {
                    LocalDateTime at = c.start().plusDays(days * k / c.seenBy().size()).atTime(8 + (i + k) % 10, 15 * (k % 4));
                    // one APA session in ten cancelled: no activity of the APA teacher with that patient
                    String status = k == 2 && i % 10 == 3 ? "ANNULE" : "REALISE";
                    appointmentId++;
                    appointments.add(appointmentId, UUID.nameUUIDFromBytes(("rdv-" + appointmentId).getBytes(StandardCharsets.UTF_8)) + "@coordo",
                            c.patient(), "CONSULTATION", "MSP", slot(at), slot(at.plusMinutes(30)), status, created, created);
                }
            }
        }
        appointmentId = 0;
        try (Rows attendees = new Rows(dsl, dsl.insertInto(APPOINTMENT_PROFESSIONAL, APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID,
                APPOINTMENT_PROFESSIONAL.PROFESSIONAL_ID).values(nulls(2)))) {
            for (Case c : cases) {
                for (int professional : c.seenBy()) {
                    attendees.add(++appointmentId, professional);
                }
            }
        }
        // the séquences, as starting an episode plans them
        dsl.execute("INSERT INTO pcr_episode_sequence (episode_id, position, code, label, planned_start, planned_end, actual_start) "
                + "SELECT id, 0, 'S1', 'Phase 1 — prise en charge intensive', start_on, date(start_on, '+12 months', '-1 day'), start_on "
                + "FROM pcr_episode WHERE project_id = ? ORDER BY id", project);
        dsl.execute("INSERT INTO pcr_episode_sequence (episode_id, position, code, label, planned_start, planned_end) "
                + "SELECT id, 1, 'S2', 'Phase 2 — consolidation et autonomie', date(start_on, '+12 months'), date(start_on, '+24 months', '-1 day') "
                + "FROM pcr_episode WHERE project_id = ? ORDER BY id", project);
        int count = dsl.fetchCount(PCR_EPISODE_SEQUENCE);
        if (count != 2 * EPISODES) {
            throw new IllegalStateException(count + " séquences");
        }
    }

    private static int pick(Map<String, List<Integer>> pros, String profession, int i) {
        List<Integer> ids = pros.get(profession);
        return ids.get(i % ids.size());
    }

    /** Unique by construction: the commune and the order number come from the patient's rank. */
    private static String nir(boolean woman, LocalDate birth, int i) {
        String first13 = (woman ? "2" : "1") + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue()) + "37"
                + String.format("%03d", 100 + i / 999) + String.format("%03d", 1 + i % 999);
        return first13 + String.format("%02d", CheckDigits.nirKey(first13));
    }

    private static String slot(LocalDateTime t) {
        return fr.coordo.agenda.AgendaService.slot(t);
    }

    private static List<Object> nulls(int n) {
        return Arrays.asList(new Object[n]);
    }

    /** Rows through one JDBC prepared statement, sent a thousand at a time; jOOQ only renders the statement. */
    private static final class Rows implements AutoCloseable {
        private final PreparedStatement statement;
        private int pending;

        Rows(DSLContext dsl, Query query) throws SQLException {
            Connection c = dsl.configuration().connectionProvider().acquire();
            statement = c.prepareStatement(query.getSQL(ParamType.INDEXED));
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            if (++pending == 1_000) {
                statement.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            if (pending > 0) {
                statement.executeBatch();
            }
            statement.close();
        }
    }
}
