package fr.coordo.patient;

import static fr.coordo.identity.FieldChecks.blank;
import static fr.coordo.identity.FieldChecks.text;
import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PATIENT_CONTACT;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;

import fr.coordo.identity.FieldChecks;
import fr.coordo.identity.IdentifierKind;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.identity.Nir;
import fr.coordo.identity.SearchKey;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Timestamps;
import fr.coordo.store.schema.tables.records.PatientContactRecord;
import fr.coordo.store.schema.tables.records.PatientRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The patients: checks, adds, edits and finds them; each write is audited, the NIR masked in the trail. */
public final class PatientService {
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Pattern DATE = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NIR_START = Pattern.compile("[1278]\\d{4}(\\d|2A|2B)[0-9A-B]{0,9}", Pattern.CASE_INSENSITIVE);
    /** Fields the audit trail does not need: derived or bookkeeping. */
    private static final Set<String> NOT_AUDITED = Set.of("id", "search_key", "created_at", "updated_at");

    private final Database db;
    private final Clock clock;

    public PatientService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public PatientService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    // ---------------------------------------------------------------- reading

    /** The patients one may read: all of them, or for a professionnel those they follow ({@link Visibility}). */
    public int count() {
        return db.read(dsl -> dsl.fetchCount(PATIENT, Visibility.patients(db.access(), PATIENT.ID)));
    }

    /**
     * The patient, or empty when there is none with this id. A professionnel asking for a patient they do not follow
     * is refused ({@link fr.coordo.store.AccessDenied}), in French.
     */
    public Optional<Patient> find(int id) {
        return db.read(dsl -> {
            Optional<Patient> found = find(dsl, id);
            if (found.isPresent()) {
                Visibility.require(dsl, db.access(), id, "le dossier du patient " + Patient.reference(id));
            }
            return found;
        });
    }

    /** The patient of a reference such as « P000042 », or empty. */
    public Optional<Patient> byReference(String reference) {
        Matcher m = Pattern.compile("[Pp]0*(\\d{1,9})").matcher(reference == null ? "" : reference.strip());
        return m.matches() ? find(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    public static Optional<Patient> find(DSLContext dsl, int id) {
        PatientRecord r = dsl.selectFrom(PATIENT).where(PATIENT.ID.eq(id)).fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        List<Contact> contacts = dsl.selectFrom(PATIENT_CONTACT).where(PATIENT_CONTACT.PATIENT_ID.eq(id))
                .orderBy(PATIENT_CONTACT.POSITION, PATIENT_CONTACT.ID).fetch()
                .map(c -> new Contact(Contact.Kind.valueOf(c.getKind()), c.getName(), c.getLink(), c.getPhone(), c.getEmail()));
        String physician = null;
        if (r.getReferringPhysicianId() != null) {
            Record p = dsl.select(PROFESSIONAL.CIVILITY, PROFESSIONAL.FIRST_NAME, PROFESSIONAL.LAST_NAME).from(PROFESSIONAL)
                    .where(PROFESSIONAL.ID.eq(r.getReferringPhysicianId())).fetchOne();
            physician = p == null ? null : physicianName(p.get(PROFESSIONAL.FIRST_NAME), p.get(PROFESSIONAL.LAST_NAME));
        }
        return Optional.of(new Patient(r.getId(), toInput(r, contacts), physician));
    }

    static String physicianName(String first, String last) {
        return "Dr " + first + " " + last;
    }

    /**
     * Finds patients by name (any part, ignoring case and accents: « eloise » finds « Éloïse »), by birth date
     * (« 03/04/1948 ») or by NIR (the full number or its first digits). An empty query lists everyone one may read.
     */
    public List<PatientSummary> search(String query, PatientStatus status, int limit) {
        return db.read(dsl -> search(dsl, Visibility.patients(db.access(), PATIENT.ID), query, status, limit));
    }

    static List<PatientSummary> search(DSLContext dsl, Condition visible, String query, PatientStatus status, int limit) {
        Condition where = searchCondition(query).and(visible);
        if (status != null) {
            where = where.and(PATIENT.STATUS.eq(status.name()));
        }
        return dsl.select(PATIENT.ID, PATIENT.BIRTH_NAME, PATIENT.USAGE_NAME, PATIENT.FIRST_NAMES, PATIENT.BIRTH_DATE, PATIENT.SEX,
                        PATIENT.NIR, PATIENT.CITY, PATIENT.STATUS, PATIENT.OUTSIDE_PHYSICIAN, PROFESSIONAL.FIRST_NAME, PROFESSIONAL.LAST_NAME)
                .from(PATIENT).leftJoin(PROFESSIONAL).on(PROFESSIONAL.ID.eq(PATIENT.REFERRING_PHYSICIAN_ID))
                .where(where).orderBy(PATIENT.SEARCH_KEY, PATIENT.ID).limit(limit)
                .fetch(r -> new PatientSummary(r.get(PATIENT.ID),
                        Patient.displayName(r.get(PATIENT.BIRTH_NAME), r.get(PATIENT.USAGE_NAME), r.get(PATIENT.FIRST_NAMES), r.get(PATIENT.SEX)),
                        LocalDate.parse(r.get(PATIENT.BIRTH_DATE)), r.get(PATIENT.SEX), Patient.maskedNir(r.get(PATIENT.NIR)),
                        r.get(PATIENT.CITY), PatientStatus.valueOf(r.get(PATIENT.STATUS)),
                        r.get(PROFESSIONAL.LAST_NAME) != null ? physicianName(r.get(PROFESSIONAL.FIRST_NAME), r.get(PROFESSIONAL.LAST_NAME))
                                : r.get(PATIENT.OUTSIDE_PHYSICIAN)));
    }

    private static Condition searchCondition(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return DSL.trueCondition();
        }
        Optional<LocalDate> date = parseDate(q);
        if (date.isPresent()) {
            return PATIENT.BIRTH_DATE.eq(date.get().toString());
        }
        String compact = q.replaceAll("[\\s.]", "").toUpperCase(java.util.Locale.ROOT);
        if (compact.length() >= 6 && NIR_START.matcher(compact).matches()) {
            if (compact.length() == 15) {
                return PATIENT.NIR.eq(compact);
            }
            // The first digits as a range, not LIKE 'prefix%', so that SQLite reads the NIR index instead of every
            // patient (50 ms at 50 000 patients). Stored NIRs are normalised to upper case, as the query is.
            String after = compact.substring(0, compact.length() - 1) + (char) (compact.charAt(compact.length() - 1) + 1);
            return PATIENT.NIR.ge(compact).and(PATIENT.NIR.lt(after));
        }
        Condition c = DSL.trueCondition();
        for (String token : SearchKey.of(q).split("[\\s'’-]+")) {
            if (!token.isEmpty()) {
                c = c.and(PATIENT.SEARCH_KEY.contains(token));
            }
        }
        return c;
    }

    /** A date typed as 03/04/1948, 3.4.1948 or 1948-04-03. */
    static Optional<LocalDate> parseDate(String q) {
        try {
            Matcher m = DATE.matcher(q);
            if (m.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))));
            }
            if (ISO_DATE.matcher(q).matches()) {
                return Optional.of(LocalDate.parse(q));
            }
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- checks

    /**
     * The issues of an input, without writing anything; {@code selfId} is the patient being edited, or null.
     * Needs the right to edit: it only serves saving, and it tells whether a NIR is another patient's.
     */
    public List<Issue> check(PatientInput in, Set<IdentifierKind> confirmed, Integer selfId) {
        db.access().require(Permission.EDIT);
        return db.read(dsl -> check(dsl, in, confirmed, selfId));
    }

    private List<Issue> check(DSLContext dsl, PatientInput in, Set<IdentifierKind> confirmed, Integer selfId) {
        List<Issue> issues = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(Database.ZONE));
        if (blank(in.birthName())) {
            issues.add(Issue.blocking("birthName", "Nom de naissance : obligatoire."));
        }
        if (blank(in.firstNames())) {
            issues.add(Issue.blocking("firstNames", "Prénom(s) : obligatoire."));
        }
        if (in.birthDate() == null) {
            issues.add(Issue.blocking("birthDate", "Date de naissance : obligatoire (jj/mm/aaaa)."));
        } else if (in.birthDate().isAfter(today)) {
            issues.add(Issue.blocking("birthDate", "Date de naissance : elle ne peut pas être dans le futur."));
        } else if (in.birthDate().isBefore(today.minusYears(125))) {
            issues.add(Issue.blocking("birthDate", "Date de naissance : plus de 125 ans, vérifiez l'année."));
        }
        if (!"F".equals(in.sex()) && !"M".equals(in.sex())) {
            issues.add(Issue.blocking("sex", "Sexe : choisissez F ou M."));
        }
        FieldChecks.identifier(issues, "nir", IdentifierKind.NIR, in.nir(), confirmed);
        if (!blank(in.nir()) && issues.stream().noneMatch(i -> i.field().equals("nir"))) {
            Nir nir = Nir.check(in.nir()).usableValue().orElseThrow();
            boolean woman = nir.sex() == Nir.Sex.FEMALE;
            if (("F".equals(in.sex()) && !woman) || ("M".equals(in.sex()) && woman)) {
                issues.add(Issue.blocking("nir", "NIR : le premier chiffre ne correspond pas au sexe indiqué."));
            }
            if (in.birthDate() != null && !nir.value().substring(3, 5).equals(String.format("%02d", in.birthDate().getMonthValue()))
                    && Integer.parseInt(nir.value().substring(3, 5)) <= 12) {
                issues.add(Issue.blocking("nir", "NIR : le mois de naissance (caractères 4 et 5) ne correspond pas à la date de naissance."));
            }
            Integer other = dsl.select(PATIENT.ID).from(PATIENT).where(PATIENT.NIR.eq(nir.value()))
                    .and(selfId == null ? DSL.trueCondition() : PATIENT.ID.ne(selfId)).fetchAny(PATIENT.ID);
            if (other != null) {
                issues.add(Issue.blocking("nir", "NIR : ce numéro est déjà celui du patient " + Patient.reference(other) + "."));
            }
        }
        if (!blank(in.postalCode()) && !in.postalCode().strip().matches("\\d{5}")) {
            issues.add(Issue.blocking("postalCode", "Code postal : cinq chiffres."));
        }
        if (!blank(in.email()) && !FieldChecks.EMAIL.matcher(in.email().strip()).matches()) {
            issues.add(Issue.blocking("email", "Email : adresse invalide (exemple : prenom.nom@exemple.fr)."));
        }
        if (in.physicianId() != null) {
            if (!dsl.fetchExists(PROFESSIONAL, PROFESSIONAL.ID.eq(in.physicianId()))) {
                issues.add(Issue.blocking("physician", "Médecin traitant : ce professionnel n'existe plus dans l'équipe."));
            } else if (!blank(in.outsidePhysician())) {
                issues.add(Issue.blocking("physician", "Médecin traitant : choisissez un médecin de l'équipe ou un médecin extérieur, pas les deux."));
            }
        }
        if (!in.ald() && !blank(in.aldList())) {
            issues.add(Issue.blocking("aldList", "ALD : cochez « En ALD » pour en donner la liste."));
        }
        consent(issues, "consentPlan", "Consentement au plan", in.consentPlanOn(), in.consentPlanForm(), in.birthDate(), today);
        consent(issues, "consentSharing", "Consentement au partage", in.consentSharingOn(), in.consentSharingForm(), in.birthDate(), today);
        if (in.status() == null) {
            issues.add(Issue.blocking("status", "Statut : choisissez suivi, sorti ou décédé."));
        } else if (in.status() != PatientStatus.SUIVI && in.statusOn() == null) {
            issues.add(Issue.blocking("statusOn", "Date du statut : obligatoire pour un patient " + in.status().label().toLowerCase() + "."));
        } else if (in.statusOn() != null && in.statusOn().isAfter(today)) {
            issues.add(Issue.blocking("statusOn", "Date du statut : elle ne peut pas être dans le futur."));
        }
        for (int i = 0; i < in.contacts().size(); i++) {
            Contact c = in.contacts().get(i);
            if (c.kind() == null || blank(c.name())) {
                issues.add(Issue.blocking("contacts", "Entourage, ligne " + (i + 1) + " : le nom et le rôle sont obligatoires."));
            } else if (!blank(c.email()) && !FieldChecks.EMAIL.matcher(c.email().strip()).matches()) {
                issues.add(Issue.blocking("contacts", "Entourage, ligne " + (i + 1) + " : adresse email invalide."));
            }
        }
        if (in.contacts().stream().filter(c -> c.kind() == Contact.Kind.CONFIANCE).count() > 1) {
            issues.add(Issue.blocking("contacts", "Entourage : une seule personne de confiance."));
        }
        return issues;
    }

    private static void consent(List<Issue> issues, String field, String label, LocalDate on, String form, LocalDate birth, LocalDate today) {
        if (on == null) {
            if (!blank(form)) {
                issues.add(Issue.blocking(field + "On", label + " : indiquez la date à laquelle il a été donné."));
            }
            return;
        }
        if (on.isAfter(today)) {
            issues.add(Issue.blocking(field + "On", label + " : la date ne peut pas être dans le futur."));
        } else if (birth != null && on.isBefore(birth)) {
            issues.add(Issue.blocking(field + "On", label + " : la date précède la naissance."));
        }
    }

    // ---------------------------------------------------------------- writing

    /** Adds a patient; refused whole, nothing written, if any issue remains. */
    public int add(PatientInput in, Set<IdentifierKind> confirmed) {
        return db.write((dsl, audit) -> {
            refuseIfIssues(check(dsl, in, confirmed, null));
            PatientRecord r = dsl.newRecord(PATIENT);
            fill(r, in);
            String now = Timestamps.now(clock);
            r.setCreatedAt(now);
            r.setUpdatedAt(now);
            int id = dsl.insertInto(PATIENT).set(r).returning(PATIENT.ID).fetchOne(PATIENT.ID);
            writeContacts(dsl, id, in.contacts());
            Map<String, Object> fields = new LinkedHashMap<>();
            r.intoMap().forEach((k, v) -> {
                if (v != null && !NOT_AUDITED.contains(k)) {
                    fields.put(k, v);
                }
            });
            if (!in.contacts().isEmpty()) {
                fields.put("contacts", in.contacts().size());
            }
            audit.created("patient", id, fields);
            return id;
        });
    }

    /** Saves an edited patient; only the fields that changed reach the audit trail. */
    public void update(int id, PatientInput in, Set<IdentifierKind> confirmed) {
        db.write((dsl, audit) -> {
            PatientRecord r = dsl.selectFrom(PATIENT).where(PATIENT.ID.eq(id)).fetchOptional()
                    .orElseThrow(() -> new InputException(List.of(Issue.blocking("id", "Ce patient n'existe plus."))));
            refuseIfIssues(check(dsl, in, confirmed, id));
            Map<String, Object> before = r.intoMap();
            List<Contact> contactsBefore = find(dsl, id).orElseThrow().data().contacts();
            fill(r, in);
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            r.intoMap().forEach((k, v) -> {
                if (!NOT_AUDITED.contains(k) && !Objects.equals(before.get(k), v)) {
                    changes.put(k, new Audit.Change(before.get(k), v));
                }
            });
            if (!contactsBefore.equals(in.contacts())) {
                dsl.deleteFrom(PATIENT_CONTACT).where(PATIENT_CONTACT.PATIENT_ID.eq(id)).execute();
                writeContacts(dsl, id, in.contacts());
                changes.put("contacts", new Audit.Change(contactsBefore.size(), in.contacts().size()));
            }
            if (!changes.isEmpty()) {
                r.setUpdatedAt(Timestamps.now(clock));
                r.store();
            }
            audit.record("patient", id, AuditAction.UPDATE, changes);
            return null;
        });
    }

    private static void refuseIfIssues(List<Issue> issues) {
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
    }

    private static void writeContacts(DSLContext dsl, int patientId, List<Contact> contacts) {
        int position = 0;
        for (Contact c : contacts) {
            PatientContactRecord r = dsl.newRecord(PATIENT_CONTACT);
            r.setPatientId(patientId);
            r.setKind(c.kind().name());
            r.setName(c.name().strip());
            r.setLink(text(c.link()));
            r.setPhone(text(c.phone()));
            r.setEmail(text(c.email()));
            r.setPosition(position++);
            dsl.insertInto(PATIENT_CONTACT).set(r).execute();
        }
    }

    private static void fill(PatientRecord r, PatientInput in) {
        r.setBirthName(in.birthName().strip());
        r.setUsageName(text(in.usageName()));
        r.setFirstNames(in.firstNames().strip());
        r.setBirthDate(in.birthDate().toString());
        r.setSex(in.sex());
        r.setNir(FieldChecks.normalised(IdentifierKind.NIR, in.nir()));
        r.setAddress(text(in.address()));
        r.setPostalCode(text(in.postalCode()));
        r.setCity(text(in.city()));
        r.setPhone(text(in.phone()));
        r.setEmail(text(in.email()));
        r.setOccupation(text(in.occupation()));
        r.setReferringPhysicianId(in.physicianId());
        r.setOutsidePhysician(in.physicianId() == null ? text(in.outsidePhysician()) : null);
        r.setOutsidePhysicianContact(in.physicianId() == null ? text(in.outsidePhysicianContact()) : null);
        r.setAld(in.ald() ? 1 : 0);
        r.setAldList(in.ald() ? text(in.aldList()) : null);
        r.setApa(in.apa() ? 1 : 0);
        r.setPensionFund(text(in.pensionFund()));
        r.setHousingSearch(in.housingSearch() ? 1 : 0);
        r.setConsentPlanOn(iso(in.consentPlanOn()));
        r.setConsentPlanForm(text(in.consentPlanForm()));
        r.setConsentSharingOn(iso(in.consentSharingOn()));
        r.setConsentSharingForm(text(in.consentSharingForm()));
        r.setStatus(in.status().name());
        r.setStatusOn(in.status() == PatientStatus.SUIVI ? null : iso(in.statusOn()));
        r.setNotes(text(in.notes()));
        r.setSearchKey(SearchKey.of(in.usageName(), in.birthName(), in.firstNames()));
    }

    private static PatientInput toInput(PatientRecord r, List<Contact> contacts) {
        return new PatientInput(r.getBirthName(), r.getUsageName(), r.getFirstNames(), LocalDate.parse(r.getBirthDate()), r.getSex(),
                r.getNir(), r.getAddress(), r.getPostalCode(), r.getCity(), r.getPhone(), r.getEmail(), r.getOccupation(),
                r.getReferringPhysicianId(), r.getOutsidePhysician(), r.getOutsidePhysicianContact(), r.getAld() == 1, r.getAldList(),
                r.getApa() == 1, r.getPensionFund(), r.getHousingSearch() == 1, date(r.getConsentPlanOn()), r.getConsentPlanForm(),
                date(r.getConsentSharingOn()), r.getConsentSharingForm(), PatientStatus.valueOf(r.getStatus()), date(r.getStatusOn()),
                r.getNotes(), contacts);
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    static String frDate(LocalDate d) {
        return d.format(FR_DATE);
    }
}
