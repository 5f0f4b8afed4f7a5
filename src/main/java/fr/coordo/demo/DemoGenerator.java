package fr.coordo.demo;

import static fr.coordo.store.schema.Tables.APP_SETTING;
import static fr.coordo.store.schema.Tables.OPENING_HOURS;
import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PATIENT_CONTACT;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static fr.coordo.store.schema.Tables.STRUCTURE;
import static fr.coordo.store.schema.Tables.TEAM_MEMBERSHIP;

import fr.coordo.identity.CheckDigits;
import fr.coordo.identity.SearchKey;
import fr.coordo.patient.Contact;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Settings;
import fr.coordo.store.StoreException;
import fr.coordo.store.Timestamps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Fills an empty database with a fictional maison de santé: French names, checksum-valid but invented
 * identifiers, nobody real; patient records in full and personalised plans in every state, dated around
 * today. The same seed always gives the same data.
 */
public final class DemoGenerator {

    /** How big a structure to invent. */
    public enum Size {
        SMALL(1, 200, 70, 3, 2, 0), LARGE(12, 50_000, 15_000, 36, 12, 1_000_000);

        /** The small team (25 people) is multiplied by this factor. */
        final int teamFactor;
        final int patients;
        /** People with a personalised plan, about a third of the patients as in a coordinated pathway. */
        final int plans;
        /** Months of agenda before today, and months ahead in which appointments are already booked. */
        final int agendaMonthsBack;
        final int agendaMonthsAhead;
        /** Appointments in all; 0 for as many as the team books in a day. */
        final int appointments;

        Size(int teamFactor, int patients, int plans, int agendaMonthsBack, int agendaMonthsAhead, int appointments) {
            this.teamFactor = teamFactor;
            this.patients = patients;
            this.plans = plans;
            this.agendaMonthsBack = agendaMonthsBack;
            this.agendaMonthsAhead = agendaMonthsAhead;
            this.appointments = appointments;
        }
    }

    /** What was written; the appointments include those the PCR episodes' patients had booked through the agenda. */
    public record Result(int professionals, int formerMembers, int patients, int plans, int appointments, int projects, int episodes,
            int paymentOrders) {}

    public static final long DEFAULT_SEED = 2026L;

    /** The small team's composition: 25 professionals of the professions an MSP usually has. */
    private static final Map<String, Integer> TEAM = teamComposition();
    /** Professions usually outside the convention: some of them have no numéro AM yet. */
    private static final Set<String> OFTEN_NOT_CONVENTIONED =
            Set.of("psychologue", "dieteticien", "enseignant_apa", "assistant_service_social", "ergotherapeute", "psychomotricien");
    private static final String[] ABROAD = {"99350", "99352", "99139", "99109", "99134", "99351"};
    private static final String[] ELSEWHERE = {"75056", "49007", "41018", "86194", "72181", "45234"};

    private final long seed;
    /** Identities (team, patients) come from this one; the record's details and plans from their own, seeded alike. */
    private final Random random;
    private final List<String> women = lines("/demo/prenoms-femmes.txt");
    private final List<String> men = lines("/demo/prenoms-hommes.txt");
    private final List<String> surnames = lines("/demo/noms.txt");
    private final List<String> streets = lines("/demo/voies.txt");
    private final List<String[]> communes = communes();
    private final List<String[]> problems = lines("/reference/problemes.csv").stream().skip(1).map(l -> l.split(";")).toList();

    public DemoGenerator(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /**
     * Fills {@code db}, which must hold no structure, professional or patient yet: nothing is replaced. The parcours
     * coordonnés renforcés go through their own services, each step in its own transaction, once the rest is committed.
     */
    public Result fill(Database db, Size size) {
        // One clock for the whole demo: the agenda's « today » is the one its window and services use.
        return fill(db, size, Clock.system(Database.ZONE));
    }

    /** As {@link #fill(Database, Size)} with the demo's « today » on {@code clock}'s day: where a quarter begins, say. */
    Result fill(Database db, Size size, Clock clock) {
        String now = Timestamps.now(clock);
        LocalDate today = LocalDate.now(clock);
        DemoPathway pathway = new DemoPathway(new Random(seed ^ 0x27D4EB2F165667C5L), today, size);
        Result written = db.write((dsl, audit) -> {
            if (!isEmpty(dsl)) {
                throw new StoreException("La base « " + db.file() + " » contient déjà des données : les données de démonstration "
                        + "ne s'installent que dans une base vide. Indiquez un autre fichier avec --db.");
            }
            if (size != Size.LARGE) {
                return write(dsl, audit, size, now, today, pathway);
            }
            // A million appointments and their indexes overflow SQLite's default page cache (2 MB): pages would go to
            // the WAL and back while the transaction runs, three times slower. 256 MB while the demo is written.
            int cache = dsl.fetchOne("PRAGMA cache_size").get(0, Integer.class);
            dsl.execute("PRAGMA cache_size = -262144");
            try {
                return write(dsl, audit, size, now, today, pathway);
            } finally {
                dsl.execute("PRAGMA cache_size = " + cache);
            }
        });
        // A few hundred small transactions: in WAL mode, NORMAL still commits each one whole, without waiting for the
        // disk at every commit (a demo cut short by a power failure is simply filled again in another file).
        String synchronous = db.read(dsl -> dsl.fetchOne("PRAGMA synchronous").get(0, String.class));
        db.read(dsl -> dsl.execute("PRAGMA synchronous = NORMAL"));
        DemoPathway.Result pcr;
        try {
            pcr = pathway.write(db);
        } finally {
            db.read(dsl -> dsl.execute("PRAGMA synchronous = " + synchronous));
        }
        return new Result(written.professionals(), written.formerMembers(), written.patients(), written.plans(),
                written.appointments() + pcr.appointments(), pcr.projects(), pcr.episodes(), pcr.orders());
    }

    private Result write(DSLContext dsl, Audit audit, Size size, String now, LocalDate today, DemoPathway pathway) {
        String coordinator = insertStructure(dsl, now);
        DemoTeam team = new DemoTeam();
        int former = insertTeam(dsl, size, now, today, team);
        DemoPathway.shapeTeam(dsl, team, today, new Random(seed ^ 0x85EBCA77C2B2AE63L));
        int professionals = dsl.fetchCount(PROFESSIONAL);
        // Streams of their own, so that adding to the plans never changes the team or the patients' names.
        Random details = new Random(seed ^ 0x9E3779B97F4A7C15L);
        List<DemoPatient> people = invent(dsl, size.patients, today, team.physicians(), details);
        DemoPlans plans = new DemoPlans(new Random(seed ^ 0xC2B2AE3D27D4EB4FL), today, team, coordinator, problems);
        plans.choose(people, size.plans);
        for (DemoPatient p : people) {
            contacts(p, details);
        }
        plans.build();
        for (DemoPatient p : people) {
            leftOrDied(p, details, today);
        }
        // Before the agenda: it books nothing for the patient who dies during his episode after that day.
        pathway.choose(people, plans.bookable());
        DemoAgenda agenda = new DemoAgenda(new Random(seed ^ 0x165667B19E3779F9L), today, size.agendaMonthsBack, size.agendaMonthsAhead,
                size.appointments, openingHours(dsl), team, people);
        // Before the plans are written: the appointments réalisés for plan actions add to the plans' follow-up.
        agenda.plan(plans.bookable());
        insertPatients(dsl, people, now);
        int planCount = plans.write(dsl);
        int appointments = agenda.write(dsl);
        dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, Settings.DEMO).set(APP_SETTING.VALUE, "true").execute();
        Map<String, Audit.Change> summary = new LinkedHashMap<>();
        summary.put("professionals", Audit.Change.created(professionals));
        summary.put("patients", Audit.Change.created(size.patients));
        summary.put("plans", Audit.Change.created(planCount));
        summary.put("appointments", Audit.Change.created(appointments));
        audit.record("demo", size.name().toLowerCase(), AuditAction.IMPORT, summary);
        return new Result(professionals, former, size.patients, planCount, appointments, 0, 0, 0);
    }

    /** The structure's opening hours by day of week (1 = Monday), {opens, closes} in minutes from midnight. */
    private static Map<Integer, int[]> openingHours(DSLContext dsl) {
        Map<Integer, int[]> hours = new LinkedHashMap<>();
        for (var r : dsl.selectFrom(OPENING_HOURS).fetch()) {
            hours.put(r.getDayOfWeek(), new int[] {LocalTime.parse(r.getOpens()).toSecondOfDay() / 60,
                    LocalTime.parse(r.getCloses()).toSecondOfDay() / 60});
        }
        return hours;
    }

    /** True when the database holds no structure, professional or patient: the only kind the demo fills. */
    public static boolean isEmpty(Database db) {
        return db.read(DemoGenerator::isEmpty);
    }

    public static boolean isEmpty(DSLContext dsl) {
        return dsl.fetchCount(STRUCTURE) + dsl.fetchCount(PROFESSIONAL) + dsl.fetchCount(PATIENT) == 0;
    }

    /** Writes the structure; returns the name of its coordinatrice, who writes the demo plans. */
    private String insertStructure(DSLContext dsl, String now) {
        String siren = luhn("83" + digits(6));
        String representative = "Dr " + pick(women) + " " + pick(surnames) + ", gérante de la SISA";
        String coordinator = pick(women) + " " + pick(surnames);
        dsl.insertInto(STRUCTURE)
                .set(STRUCTURE.NAME, "Maison de santé pluriprofessionnelle des Bords de Loire")
                .set(STRUCTURE.LEGAL_FORM, "sisa")
                .set(STRUCTURE.CATEGORY, "msp_sisa")
                .set(STRUCTURE.SIREN, siren)
                .set(STRUCTURE.SIRET, luhn(siren + "0001"))
                .set(STRUCTURE.DEPARTMENT_CODE, "37")
                .set(STRUCTURE.ARS_REGION, "Centre-Val de Loire")
                .set(STRUCTURE.CPAM, "CPAM d'Indre-et-Loire")
                .set(STRUCTURE.LEGAL_REPRESENTATIVE, representative)
                .set(STRUCTURE.COORDINATORS, coordinator + " (coordinatrice de parcours)")
                .set(STRUCTURE.IBAN, iban())
                .set(STRUCTURE.BIC, "CMCIFR2A")
                .set(STRUCTURE.ADDRESS, "14 quai de la Loire")
                .set(STRUCTURE.POSTAL_CODE, "37000")
                .set(STRUCTURE.CITY, "Tours")
                .set(STRUCTURE.PHONE, "02 47 " + pairs(3))
                .set(STRUCTURE.EMAIL, "coordination@msp-bords-de-loire.exemple.fr")
                .set(STRUCTURE.CREATED_AT, now)
                .set(STRUCTURE.UPDATED_AT, now)
                .execute();
        return coordinator;
    }

    private int insertTeam(DSLContext dsl, Size size, String now, LocalDate today, DemoTeam team) {
        Set<String> rppsSeen = new HashSet<>();
        Set<String> namesSeen = new HashSet<>();
        List<String> professions = new ArrayList<>();
        TEAM.forEach((code, n) -> {
            for (int i = 0; i < n * size.teamFactor; i++) {
                professions.add(code);
            }
        });
        int former = 0;
        boolean anyRequest = false;
        for (int i = 0; i < professions.size(); i++) {
            String profession = professions.get(i);
            boolean woman = random.nextInt(100) < 62;
            String first;
            String last;
            do {
                first = pick(woman ? women : men);
                last = pick(surnames);
            } while (!namesSeen.add(first + "|" + last + "|" + profession));
            boolean conventioned = !OFTEN_NOT_CONVENTIONED.contains(profession) || random.nextBoolean();
            String rpps;
            do {
                rpps = luhn("10" + digits(8));
            } while (!rppsSeen.add(rpps));
            // One RPPS in each block of 25 fails its key check and was confirmed by the coordinator, as happens.
            boolean doubtful = i % 25 == 3;
            if (doubtful) {
                char key = rpps.charAt(10);
                rpps = rpps.substring(0, 10) + (char) ('0' + (key - '0' + 1) % 10);
            }
            // Some records stay incomplete on purpose, as in any real team.
            String am = conventioned || random.nextInt(3) == 0 ? luhn("37" + digits(6)) : null;
            // At least one request for a numéro AM in progress, so that the demo shows one.
            LocalDate amRequested = am == null && (random.nextBoolean() || !anyRequest) ? today.minusDays(10 + random.nextInt(80)) : null;
            anyRequest |= amRequested != null;
            boolean salaried = profession.equals("assistant_service_social");
            boolean withIban = random.nextInt(100) >= 12;
            Integer id = dsl.insertInto(PROFESSIONAL)
                    .set(PROFESSIONAL.CIVILITY, woman ? "Mme" : "M.")
                    .set(PROFESSIONAL.LAST_NAME, last)
                    .set(PROFESSIONAL.FIRST_NAME, first)
                    .set(PROFESSIONAL.PROFESSION_CODE, profession)
                    .set(PROFESSIONAL.RPPS, rpps)
                    .set(PROFESSIONAL.AM_NUMBER, am)
                    .set(PROFESSIONAL.AM_STATUS, am != null ? "ASSIGNED" : amRequested != null ? "REQUESTED" : null)
                    .set(PROFESSIONAL.AM_REQUESTED_ON, amRequested == null ? null : amRequested.toString())
                    .set(PROFESSIONAL.CONFIRMED_KEYS, doubtful ? "RPPS" : null)
                    .set(PROFESSIONAL.PRACTICE_MODE, salaried ? "SALARIE" : "LIBERAL")
                    .set(PROFESSIONAL.EMPLOYER_NAME, salaried ? "Association d'aide à domicile du Val de Loire" : null)
                    .set(PROFESSIONAL.EMPLOYER_SIRET, salaried ? luhn(luhn("78" + digits(6)) + "0002") : null)
                    .set(PROFESSIONAL.SPECIALTY, profession.equals("medecin") ? "Médecine générale" : null)
                    .set(PROFESSIONAL.ADELI, profession.equals("psychologue") ? luhn("379" + digits(5)) : null)
                    .set(PROFESSIONAL.MSSANTE, profession.equals("medecin") ? email(first, last).replace("@sante.exemple.fr", "@medecin.mssante.fr") : null)
                    .set(PROFESSIONAL.CONVENTIONED, conventioned ? 1 : 0)
                    .set(PROFESSIONAL.PHONE, "06 " + pairs(4))
                    .set(PROFESSIONAL.EMAIL, email(first, last))
                    .set(PROFESSIONAL.IBAN, withIban ? iban() : null)
                    .set(PROFESSIONAL.BIC, withIban ? "AGRIFRPP847" : null)
                    .set(PROFESSIONAL.SEARCH_KEY, SearchKey.of(last, first))
                    .set(PROFESSIONAL.CREATED_AT, now)
                    .set(PROFESSIONAL.UPDATED_AT, now)
                    .returning(PROFESSIONAL.ID)
                    .fetchOne(PROFESSIONAL.ID);
            LocalDate start = LocalDate.of(2016, 1, 1).plusDays(random.nextInt(3_400));
            if (start.isAfter(today)) {
                start = today.minusMonths(1);
            }
            // A non-conventionné signs his contract with the CPAM after joining; some have not yet.
            LocalDate contract = !conventioned && random.nextBoolean() ? start.plusDays(15 + random.nextInt(60)) : null;
            // The last professional of each block of 25 has left the team: he keeps his history.
            boolean leaves = i % 25 == 24;
            LocalDate end = leaves ? start.plusDays(200 + random.nextInt(400)) : null;
            if (end != null && !end.isBefore(today)) {
                end = today.minusDays(1);
            }
            if (leaves) {
                former++;
            }
            if (contract != null) {
                LocalDate signed = contract.isAfter(end == null ? today : end) ? start : contract;
                dsl.update(PROFESSIONAL).set(PROFESSIONAL.CPAM_CONTRACT_SIGNED_ON, signed.toString()).where(PROFESSIONAL.ID.eq(id)).execute();
            }
            dsl.insertInto(TEAM_MEMBERSHIP)
                    .set(TEAM_MEMBERSHIP.PROFESSIONAL_ID, id)
                    .set(TEAM_MEMBERSHIP.START_DATE, start.toString())
                    .set(TEAM_MEMBERSHIP.END_DATE, end == null ? null : end.toString())
                    .execute();
            team.add(id, profession, first, last, start, end);
        }
        return former;
    }

    /** Invents the patients: identity from the main draw (as before plans existed), the rest of the record from {@code r}. */
    private List<DemoPatient> invent(DSLContext dsl, int count, LocalDate today, List<Integer> physicians, Random r) {
        Set<String> nirs = new HashSet<>();
        int id = dsl.select(DSL.coalesce(DSL.max(PATIENT.ID), 0)).from(PATIENT).fetchOne().value1();
        List<String[]> outside = outsidePhysicians(r, Math.max(6, count / 1_250));
        List<DemoPatient> people = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DemoPatient p = new DemoPatient();
            p.id = ++id;
            p.woman = random.nextBoolean();
            p.birthName = pick(surnames);
            p.usageName = p.woman && random.nextInt(100) < 35 ? pick(surnames) : null;
            p.firstNames = pick(p.woman ? women : men) + (random.nextInt(100) < 30 ? " " + pick(p.woman ? women : men) : "");
            // Older people dominate a coordinated pathway: ages skewed towards 60–95.
            p.age = random.nextInt(100) < 75 ? 55 + random.nextInt(43) : 2 + random.nextInt(53);
            p.birth = today.minusYears(p.age).minusDays(random.nextInt(365));
            p.age = java.time.Period.between(p.birth, today).getYears();
            p.commune = communes.get(random.nextInt(communes.size()));
            p.nir = random.nextInt(100) < 92 ? uniqueNir(p.woman, p.birth, p.commune[2], nirs) : null;
            p.physicianId = physicians.isEmpty() || random.nextInt(100) < 8 ? null : physicians.get(random.nextInt(physicians.size()));
            p.address = (1 + random.nextInt(120)) + " " + pick(streets);
            p.phone = (random.nextBoolean() ? "06 " : "07 ") + pairs(4);
            describe(p, r, outside, today);
            people.add(p);
        }
        return people;
    }

    /** The PPS record: médecin traitant, occupation, ALD, APA, pension fund, consent to sharing, notes. */
    private void describe(DemoPatient p, Random r, List<String[]> outside, LocalDate today) {
        // Some have a médecin traitant outside the team, a few none at all.
        if (p.physicianId == null ? r.nextInt(100) < 65 : r.nextInt(100) < 9) {
            String[] doctor = outside.get(r.nextInt(outside.size()));
            p.physicianId = null;
            p.outsidePhysician = doctor[0];
            p.outsidePhysicianContact = doctor[1];
        }
        p.occupation = occupation(p, r);
        if (r.nextInt(100) < (p.age < 40 ? 60 : p.age < 65 ? 45 : p.age < 80 ? 20 : 6)) {
            p.email = (SearchKey.of(p.firstName()) + "." + SearchKey.of(p.familyName())).replaceAll("[^a-z.]", "")
                    + (r.nextInt(100) < 30 ? String.valueOf(p.birth.getYear() % 100 + 100).substring(1) : "")
                    + "@" + pick(DemoTexts.MAIL_DOMAINS, r);
        }
        if (r.nextInt(100) < (p.age >= 70 ? 55 : p.age >= 55 ? 25 : 6)) {
            List<String> pool = p.age >= 55 ? DemoTexts.ALD_ELDERLY : DemoTexts.ALD_YOUNGER;
            Set<String> list = new java.util.LinkedHashSet<>();
            int n = p.age >= 70 ? 1 + r.nextInt(3) : 1;
            while (list.size() < n) {
                list.add(pick(pool, r));
            }
            p.ald = true;
            p.aldList = String.join(", ", list);
        }
        p.apa = r.nextInt(100) < (p.age >= 85 ? 45 : p.age >= 75 ? 22 : p.age >= 65 ? 5 : 0);
        if (p.age >= 62 && r.nextInt(100) < 85) {
            p.pensionFund = pensionFund(p.occupation, r);
        }
        p.housingSearch = p.age < 85 && r.nextInt(1000) < 30;
        if (r.nextInt(100) < 45) {
            LocalDate from = p.birth.isAfter(today.minusDays(1_500)) ? p.birth : today.minusDays(1_500);
            p.consentSharingOn = from.plusDays(r.nextInt((int) java.time.temporal.ChronoUnit.DAYS.between(from, today)));
            p.consentSharingForm = pick(DemoTexts.CONSENT_SHARING_FORMS, r);
        }
        if (r.nextInt(100) < 4) {
            p.notes = DemoTexts.agree(pick(DemoTexts.NOTES, r), p.woman);
        }
    }

    private List<String[]> outsidePhysicians(Random r, int n) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] commune = communes.get(r.nextInt(communes.size()));
            out.add(new String[] {"Dr " + pick(r.nextBoolean() ? women : men, r) + " " + pick(surnames, r),
                    "Cabinet médical, " + (1 + r.nextInt(60)) + " " + pick(streets, r) + ", " + commune[0] + " " + commune[1]
                            + " — 02 47 " + pairs(r, 3)});
        }
        return out;
    }

    private static String occupation(DemoPatient p, Random r) {
        if (r.nextInt(100) >= 78) {
            return null;
        }
        if (p.age < 16) {
            return "Élève";
        }
        if (p.age < 23) {
            return p.woman ? "Étudiante" : "Étudiant";
        }
        if (p.age < 62) {
            return pick(p.woman ? DemoTexts.WORKING_WOMEN : DemoTexts.WORKING_MEN, r);
        }
        return pick(p.woman ? DemoTexts.RETIRED_WOMEN : DemoTexts.RETIRED_MEN, r);
    }

    /** The pension fund that goes with the former occupation: farmers with the MSA, civil servants with theirs. */
    private static String pensionFund(String occupation, Random r) {
        String o = occupation == null ? "" : occupation;
        if (o.contains("gricult") || o.contains("iticult")) {
            return "MSA Berry-Touraine";
        }
        if (o.contains("hospitalière") || o.contains("territorial")) {
            return "CNRACL";
        }
        if (o.contains("Institut") || o.contains("gendarme") || o.contains("La Poste")) {
            return "Service des retraites de l'État";
        }
        if (o.contains("Cheminot")) {
            return "CPRP SNCF";
        }
        return occupation == null && r.nextInt(100) < 20 ? "MSA Berry-Touraine" : "CARSAT Centre-Val de Loire";
    }

    /** Caregivers, personne de confiance, referents: one or two for people with a plan, sometimes one for the oldest. */
    private void contacts(DemoPatient p, Random r) {
        int n = p.hasPlan ? (r.nextInt(100) < 55 ? 2 : 1) : p.age >= 75 && r.nextInt(100) < 15 ? 1 : 0;
        if (n == 0) {
            return;
        }
        int k = r.nextInt(100);
        Contact.Kind first = k < 65 ? Contact.Kind.AIDANT : k < 85 ? Contact.Kind.CONFIANCE : Contact.Kind.REFERENT;
        p.contacts.add(contact(p, first, r));
        if (n == 2) {
            Contact.Kind second = first != Contact.Kind.AIDANT ? Contact.Kind.AIDANT
                    : r.nextInt(100) < 60 ? Contact.Kind.CONFIANCE : Contact.Kind.REFERENT;
            p.contacts.add(contact(p, second, r));
        }
    }

    private static final List<String> CAREGIVER_LINKS = List.of("fils", "fille", "fille", "belle-fille", "fils", "petite-fille", "nièce", "voisine");
    private static final List<String> TRUSTED_LINKS = List.of("fils", "fille", "sœur", "frère", "neveu", "nièce", "amie", "ami");
    private static final List<String> REFERENT_LINKS = List.of("fils", "fille", "neveu", "petit-fils", "petite-fille");
    private static final Set<String> MALE_LINKS = Set.of("fils", "frère", "neveu", "petit-fils", "ami", "époux");

    private Contact contact(DemoPatient p, Contact.Kind kind, Random r) {
        String link;
        if (kind == Contact.Kind.AIDANT && p.age >= 40 && p.age < 88 && r.nextInt(100) < 35) {
            link = p.woman ? "époux" : "épouse";
        } else {
            link = pick(kind == Contact.Kind.AIDANT ? CAREGIVER_LINKS : kind == Contact.Kind.CONFIANCE ? TRUSTED_LINKS : REFERENT_LINKS, r);
        }
        String childName = p.woman ? p.familyName() : p.birthName;
        String surname = switch (link) {
            case "époux", "épouse" -> p.usageName != null ? p.usageName : p.woman ? pick(surnames, r) : p.birthName;
            case "fils", "petit-fils", "belle-fille" -> childName;
            case "fille", "sœur" -> r.nextBoolean() ? (link.equals("sœur") ? p.birthName : childName) : pick(surnames, r);
            case "frère" -> p.birthName;
            default -> pick(surnames, r);
        };
        String first = pick(MALE_LINKS.contains(link) ? men : women, r);
        String email = r.nextInt(100) < 30
                ? (SearchKey.of(first) + "." + SearchKey.of(surname)).replaceAll("[^a-z.]", "") + "@" + pick(DemoTexts.MAIL_DOMAINS, r) : null;
        return new Contact(kind, first + " " + surname, link, (r.nextBoolean() ? "06 " : "07 ") + pairs(r, 4), email);
    }

    /** A few people without a plan have left the structure or died. */
    private static void leftOrDied(DemoPatient p, Random r, LocalDate today) {
        if (p.hasPlan) {
            return;
        }
        int k = r.nextInt(1_000);
        if (k < 30 || (k < 45 && p.age >= 60)) {
            p.status = k < 30 ? "SORTI" : "DECEDE";
            LocalDate on = today.minusDays(10 + r.nextInt(890));
            p.statusOn = on.isBefore(p.birth) ? today.minusDays(1) : on;
        }
    }

    private void insertPatients(DSLContext dsl, List<DemoPatient> people, String now) {
        List<Field<?>> fields = List.of(PATIENT.ID, PATIENT.BIRTH_NAME, PATIENT.USAGE_NAME, PATIENT.FIRST_NAMES, PATIENT.BIRTH_DATE,
                PATIENT.SEX, PATIENT.NIR, PATIENT.ADDRESS, PATIENT.POSTAL_CODE, PATIENT.CITY, PATIENT.PHONE, PATIENT.EMAIL,
                PATIENT.OCCUPATION, PATIENT.REFERRING_PHYSICIAN_ID, PATIENT.OUTSIDE_PHYSICIAN, PATIENT.OUTSIDE_PHYSICIAN_CONTACT,
                PATIENT.ALD, PATIENT.ALD_LIST, PATIENT.APA, PATIENT.PENSION_FUND, PATIENT.HOUSING_SEARCH, PATIENT.CONSENT_PLAN_ON,
                PATIENT.CONSENT_PLAN_FORM, PATIENT.CONSENT_SHARING_ON, PATIENT.CONSENT_SHARING_FORM, PATIENT.STATUS, PATIENT.STATUS_ON,
                PATIENT.NOTES, PATIENT.SEARCH_KEY, PATIENT.CREATED_AT, PATIENT.UPDATED_AT);
        try (BatchWriter patients = new BatchWriter(dsl, dsl.insertInto(PATIENT, fields).values(Arrays.asList(new Object[fields.size()])))) {
            for (DemoPatient p : people) {
                patients.add(p.id, p.birthName, p.usageName, p.firstNames, p.birth.toString(), p.woman ? "F" : "M", p.nir, p.address,
                        p.commune[0], p.commune[1], p.phone, p.email, p.occupation, p.physicianId, p.outsidePhysician,
                        p.outsidePhysicianContact, p.ald ? 1 : 0, p.aldList, p.apa ? 1 : 0, p.pensionFund, p.housingSearch ? 1 : 0,
                        iso(p.consentPlanOn), p.consentPlanForm, iso(p.consentSharingOn), p.consentSharingForm, p.status,
                        iso(p.statusOn), p.notes, SearchKey.of(p.usageName, p.birthName, p.firstNames), now, now);
            }
        }
        try (BatchWriter contacts = new BatchWriter(dsl, dsl.insertInto(PATIENT_CONTACT, PATIENT_CONTACT.PATIENT_ID,
                PATIENT_CONTACT.KIND, PATIENT_CONTACT.NAME, PATIENT_CONTACT.LINK, PATIENT_CONTACT.PHONE, PATIENT_CONTACT.EMAIL,
                PATIENT_CONTACT.POSITION).values(Arrays.asList(new Object[7])))) {
            for (DemoPatient p : people) {
                int position = 0;
                for (Contact c : p.contacts) {
                    contacts.add(p.id, c.kind().name(), c.name(), c.link(), c.phone(), c.email(), position++);
                }
            }
        }
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }

    // ---------------------------------------------------------------- invented identifiers

    private String uniqueNir(boolean woman, LocalDate birth, String localBirthplace, Set<String> seen) {
        int where = random.nextInt(100);
        String birthplace = where < 70 ? localBirthplace
                : where < 90 ? ELSEWHERE[random.nextInt(ELSEWHERE.length)]
                : ABROAD[random.nextInt(ABROAD.length)];
        String nir;
        do {
            String first13 = (woman ? "2" : "1") + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue())
                    + birthplace + String.format("%03d", 1 + random.nextInt(999));
            nir = first13 + String.format("%02d", CheckDigits.nirKey(first13));
        } while (!seen.add(nir));
        return nir;
    }

    private String iban() {
        String bank = digits(5);
        String branch = digits(5);
        String account = digits(11);
        String bban = bank + branch + account + CheckDigits.ribKey(bank, branch, account);
        return "FR" + CheckDigits.ibanCheckDigits("FR", bban) + bban;
    }

    private static String luhn(String partial) {
        return partial + CheckDigits.luhnCheckDigit(partial);
    }

    private String digits(int n) {
        return digits(random, n);
    }

    private static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private String pairs(int n) {
        return pairs(random, n);
    }

    private static String pairs(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(digits(r, 2));
        }
        return sb.toString();
    }

    private static String email(String first, String last) {
        String local = (SearchKey.of(first) + "." + SearchKey.of(last)).replaceAll("[^a-z.]", "");
        return local + "@sante.exemple.fr";
    }

    private String pick(List<String> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    private static Map<String, Integer> teamComposition() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("medecin", 6);
        m.put("infirmier", 6);
        m.put("masseur_kinesitherapeute", 3);
        m.put("pharmacien", 2);
        m.put("sage_femme", 1);
        m.put("pedicure_podologue", 1);
        m.put("orthophoniste", 1);
        m.put("dieteticien", 1);
        m.put("psychologue", 1);
        m.put("enseignant_apa", 1);
        m.put("assistant_service_social", 1);
        m.put("ergotherapeute", 1);
        return m;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = DemoGenerator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the application");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String[]> communes() {
        return lines("/demo/communes.csv").stream().skip(1).map(l -> l.split(";")).toList();
    }
}
