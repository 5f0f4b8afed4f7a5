package fr.coordo.demo;

import static fr.coordo.store.schema.Tables.APP_SETTING;
import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static fr.coordo.store.schema.Tables.STRUCTURE;
import static fr.coordo.store.schema.Tables.TEAM_MEMBERSHIP;

import fr.coordo.identity.CheckDigits;
import fr.coordo.identity.SearchKey;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/**
 * Fills an empty database with a fictional maison de santé: French names, checksum-valid but invented
 * identifiers, nobody real. The same seed always gives the same data.
 */
public final class DemoGenerator {

    /** How big a structure to invent. */
    public enum Size {
        SMALL(1, 200), LARGE(12, 50_000);

        /** The small team (25 people) is multiplied by this factor. */
        final int teamFactor;
        final int patients;

        Size(int teamFactor, int patients) {
            this.teamFactor = teamFactor;
            this.patients = patients;
        }
    }

    /** What was written. */
    public record Result(int professionals, int formerMembers, int patients) {}

    public static final long DEFAULT_SEED = 2026L;

    /** The small team's composition: 25 professionals of the professions an MSP usually has. */
    private static final Map<String, Integer> TEAM = teamComposition();
    /** Professions usually outside the convention: some of them have no numéro AM yet. */
    private static final Set<String> OFTEN_NOT_CONVENTIONED =
            Set.of("psychologue", "dieteticien", "enseignant_apa", "assistant_service_social", "ergotherapeute", "psychomotricien");
    private static final String[] ABROAD = {"99350", "99352", "99139", "99109", "99134", "99351"};
    private static final String[] ELSEWHERE = {"75056", "49007", "41018", "86194", "72181", "45234"};
    private static final int BATCH = 1_000;

    private final Random random;
    private final List<String> women = lines("/demo/prenoms-femmes.txt");
    private final List<String> men = lines("/demo/prenoms-hommes.txt");
    private final List<String> surnames = lines("/demo/noms.txt");
    private final List<String> streets = lines("/demo/voies.txt");
    private final List<String[]> communes = communes();

    public DemoGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** Fills {@code db}, which must hold no structure, professional or patient yet: nothing is replaced. */
    public Result fill(Database db, Size size) {
        return db.write((dsl, audit) -> {
            if (!isEmpty(dsl)) {
                throw new StoreException("La base « " + db.file() + " » contient déjà des données : les données de démonstration "
                        + "ne s'installent que dans une base vide. Indiquez un autre fichier avec --db.");
            }
            String now = Timestamps.now(Clock.system(Database.ZONE));
            insertStructure(dsl, now);
            List<Integer> physicians = new ArrayList<>();
            int former = insertTeam(dsl, size, now, physicians);
            int professionals = dsl.fetchCount(PROFESSIONAL);
            insertPatients(dsl, size.patients, now, physicians);
            dsl.insertInto(APP_SETTING).set(APP_SETTING.KEY, Settings.DEMO).set(APP_SETTING.VALUE, "true").execute();
            Map<String, Audit.Change> summary = new LinkedHashMap<>();
            summary.put("professionals", Audit.Change.created(professionals));
            summary.put("patients", Audit.Change.created(size.patients));
            audit.record("demo", size.name().toLowerCase(), AuditAction.IMPORT, summary);
            return new Result(professionals, former, size.patients);
        });
    }

    /** True when the database holds no structure, professional or patient: the only kind the demo fills. */
    public static boolean isEmpty(Database db) {
        return db.read(DemoGenerator::isEmpty);
    }

    private static boolean isEmpty(DSLContext dsl) {
        return dsl.fetchCount(STRUCTURE) + dsl.fetchCount(PROFESSIONAL) + dsl.fetchCount(PATIENT) == 0;
    }

    private void insertStructure(DSLContext dsl, String now) {
        String siren = luhn("83" + digits(6));
        dsl.insertInto(STRUCTURE)
                .set(STRUCTURE.NAME, "Maison de santé pluriprofessionnelle des Bords de Loire")
                .set(STRUCTURE.LEGAL_FORM, "sisa")
                .set(STRUCTURE.CATEGORY, "msp_sisa")
                .set(STRUCTURE.SIREN, siren)
                .set(STRUCTURE.SIRET, luhn(siren + "0001"))
                .set(STRUCTURE.DEPARTMENT_CODE, "37")
                .set(STRUCTURE.ARS_REGION, "Centre-Val de Loire")
                .set(STRUCTURE.CPAM, "CPAM d'Indre-et-Loire")
                .set(STRUCTURE.LEGAL_REPRESENTATIVE, "Dr " + pick(women) + " " + pick(surnames) + ", gérante de la SISA")
                .set(STRUCTURE.COORDINATORS, pick(women) + " " + pick(surnames) + " (coordinatrice de parcours)")
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
    }

    private int insertTeam(DSLContext dsl, Size size, String now, List<Integer> physicians) {
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
        LocalDate today = LocalDate.now(Database.ZONE);
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
            if (profession.equals("medecin") && !leaves) {
                physicians.add(id);
            }
        }
        return former;
    }

    private void insertPatients(DSLContext dsl, int count, String now, List<Integer> physicians) {
        Set<String> nirs = new HashSet<>();
        LocalDate today = LocalDate.now(Database.ZONE);
        BatchBindStep batch = newPatientBatch(dsl);
        for (int i = 0; i < count; i++) {
            boolean woman = random.nextBoolean();
            String birthName = pick(surnames);
            String usageName = woman && random.nextInt(100) < 35 ? pick(surnames) : null;
            String firstNames = pick(woman ? women : men) + (random.nextInt(100) < 30 ? " " + pick(woman ? women : men) : "");
            // Older people dominate a coordinated pathway: ages skewed towards 60–95.
            int age = random.nextInt(100) < 75 ? 55 + random.nextInt(43) : 2 + random.nextInt(53);
            LocalDate birth = today.minusYears(age).minusDays(random.nextInt(365));
            String[] commune = communes.get(random.nextInt(communes.size()));
            String nir = random.nextInt(100) < 92 ? uniqueNir(woman, birth, commune[2], nirs) : null;
            Integer physician = physicians.isEmpty() || random.nextInt(100) < 8 ? null : physicians.get(random.nextInt(physicians.size()));
            batch.bind(birthName, usageName, firstNames, birth.toString(), woman ? "F" : "M", nir,
                    (1 + random.nextInt(120)) + " " + pick(streets), commune[0], commune[1],
                    (random.nextBoolean() ? "06 " : "07 ") + pairs(4), physician,
                    SearchKey.of(usageName, birthName, firstNames), now, now);
            if ((i + 1) % BATCH == 0) {
                batch.execute();
                batch = newPatientBatch(dsl);
            }
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static BatchBindStep newPatientBatch(DSLContext dsl) {
        return dsl.batch(dsl.insertInto(PATIENT, PATIENT.BIRTH_NAME, PATIENT.USAGE_NAME, PATIENT.FIRST_NAMES, PATIENT.BIRTH_DATE,
                        PATIENT.SEX, PATIENT.NIR, PATIENT.ADDRESS, PATIENT.POSTAL_CODE, PATIENT.CITY, PATIENT.PHONE,
                        PATIENT.REFERRING_PHYSICIAN_ID, PATIENT.SEARCH_KEY, PATIENT.CREATED_AT, PATIENT.UPDATED_AT)
                .values(Arrays.asList(new Object[14])));
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
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String pairs(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(digits(2));
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
