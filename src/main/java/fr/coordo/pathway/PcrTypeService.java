package fr.coordo.pathway;

import static fr.coordo.store.schema.Tables.PCR_TYPE_VERSION;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Timestamps;
import fr.coordo.store.schema.tables.records.PcrTypeVersionRecord;
import fr.coordo.team.Professions;
import fr.coordo.team.StructureReference;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The PCR types of this database, each with its versions. The shipped catalogue is copied in on first use (and
 * again as a new version when a release ships a newer revision); an edit in Paramètres is a new version too, so
 * a projet or an episode always keeps the type it was made with.
 */
public final class PcrTypeService {
    private final Database db;
    private final Clock clock;

    public PcrTypeService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public PcrTypeService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    /** The latest version of every type, in catalogue order then by label. */
    public List<PcrTypeVersion> current() {
        ensureShipped();
        return db.read(dsl -> {
            Map<String, PcrTypeVersion> latest = new LinkedHashMap<>();
            for (var r : dsl.selectFrom(PCR_TYPE_VERSION).orderBy(PCR_TYPE_VERSION.CODE, PCR_TYPE_VERSION.VERSION).fetch()) {
                latest.put(r.getCode(), toVersion(r));
            }
            List<String> order = PcrCatalogue.shipped().stream().map(PcrType::code).toList();
            return latest.values().stream().sorted((a, b) -> {
                int ia = order.indexOf(a.code());
                int ib = order.indexOf(b.code());
                ia = ia < 0 ? Integer.MAX_VALUE : ia;
                ib = ib < 0 ? Integer.MAX_VALUE : ib;
                return ia != ib ? Integer.compare(ia, ib) : a.label().compareTo(b.label());
            }).toList();
        });
    }

    /** Every version of one type, oldest first. */
    public List<PcrTypeVersion> versions(String code) {
        ensureShipped();
        return db.read(dsl -> dsl.selectFrom(PCR_TYPE_VERSION).where(PCR_TYPE_VERSION.CODE.eq(code))
                .orderBy(PCR_TYPE_VERSION.VERSION).fetch(PcrTypeService::toVersion));
    }

    public Optional<PcrTypeVersion> find(int versionId) {
        return db.read(dsl -> find(dsl, versionId));
    }

    static Optional<PcrTypeVersion> find(DSLContext dsl, int versionId) {
        return dsl.selectFrom(PCR_TYPE_VERSION).where(PCR_TYPE_VERSION.ID.eq(versionId)).fetchOptional(PcrTypeService::toVersion);
    }

    /** The latest version of a type, read inside another feature's transaction. */
    static Optional<PcrTypeVersion> latest(DSLContext dsl, String code) {
        return dsl.selectFrom(PCR_TYPE_VERSION).where(PCR_TYPE_VERSION.CODE.eq(code))
                .orderBy(PCR_TYPE_VERSION.VERSION.desc()).limit(1).fetchOptional(PcrTypeService::toVersion);
    }

    /**
     * Stores an edited type as its next version. Refused, with the fields named in French, when the definition
     * does not hold together; an unchanged definition stores nothing and returns the current version.
     */
    public PcrTypeVersion saveNewVersion(PcrType type, String note) {
        // the PCR types are settings of the structure
        db.access().require(Permission.SETTINGS);
        List<Issue> issues = check(type);
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
        ensureShipped();
        Optional<PcrTypeVersion> before = db.read(dsl -> latest(dsl, type.code()));
        if (before.isPresent() && PcrCatalogue.sameDefinition(before.get().type(), type)) {
            return before.get();
        }
        return db.write((dsl, audit) -> {
            Optional<PcrTypeVersion> latest = latest(dsl, type.code());
            if (latest.isPresent() && PcrCatalogue.sameDefinition(latest.get().type(), type)) {
                // saved meanwhile by another window with the same content: nothing new, the attempt is traced
                audit.record("pcr_type_version", latest.get().id(), AuditAction.UPDATE, Map.of());
                return latest.get();
            }
            int id = insert(dsl, audit, type, PcrTypeVersion.Origin.SAISIE, note);
            return find(dsl, id).orElseThrow();
        });
    }

    /** What is wrong with a definition, field by field, in French; empty when it can be saved. */
    public static List<Issue> check(PcrType type) {
        List<Issue> issues = new ArrayList<>();
        if (type.code() == null || !type.code().matches("[a-z0-9_]+")) {
            issues.add(Issue.blocking("code", "Le code du type de PCR est obligatoire (lettres minuscules, chiffres et _)."));
        }
        if (blank(type.label())) {
            issues.add(Issue.blocking("label", "Le libellé du type de PCR est obligatoire."));
        }
        if (!blank(type.arreteDate()) && type.arreteDay().isEmpty()) {
            issues.add(Issue.blocking("arreteDate", "La date de l'arrêté « " + type.arreteDate() + " » n'est pas une date."));
        }
        checkCriteria(issues, type);
        checkProfiles(issues, type);
        checkSequences(issues, type);
        checkPercent(issues, "overseasSurchargePercent", "La majoration outre-mer", type.overseasSurchargePercent());
        checkPercent(issues, "patientParticipationPercent", "Le taux de participation du patient", type.patientParticipationPercent());
        checkSplit(issues, type);
        checkTeam(issues, type);
        if (type.eligibleCategories().isEmpty()) {
            issues.add(Issue.blocking("eligibleCategories", "Cochez au moins une catégorie de structures éligible."));
        }
        for (String category : type.eligibleCategories()) {
            if (StructureReference.category(category).filter(StructureReference.Choice::eligible).isEmpty()) {
                issues.add(Issue.blocking("eligibleCategories", "La catégorie de structures « " + category
                        + " » n'existe pas ou ne peut pas coordonner un parcours."));
            }
        }
        return issues;
    }

    private static void checkCriteria(List<Issue> issues, PcrType type) {
        if (type.criteria().isEmpty()) {
            issues.add(Issue.blocking("criteria", "Au moins un critère d'éligibilité est attendu."));
        }
        Set<String> codes = new HashSet<>();
        for (PcrType.Criterion c : type.criteria()) {
            if (blank(c.code())) {
                issues.add(Issue.blocking("criteria", "Le critère d'éligibilité « " + nz(c.label()) + " » n'a pas de code."));
            } else if (!codes.add(c.code())) {
                issues.add(Issue.blocking("criteria", "Le code de critère « " + c.code() + " » est utilisé deux fois : chaque critère a son propre code."));
            }
            if (blank(c.label())) {
                issues.add(Issue.blocking("criteria", "Le critère d'éligibilité « " + nz(c.code()) + " » n'a pas de libellé."));
            }
        }
    }

    private static void checkProfiles(List<Issue> issues, PcrType type) {
        if (type.profiles().isEmpty()) {
            issues.add(Issue.blocking("profiles", "Au moins un profil de patient est attendu."));
        }
        Set<String> codes = new HashSet<>();
        for (PcrType.Profile p : type.profiles()) {
            String name = blank(p.label()) ? nz(p.code()) : p.label();
            if (blank(p.code())) {
                issues.add(Issue.blocking("profiles", "Le profil « " + name + " » n'a pas de code."));
            } else if (!codes.add(p.code())) {
                issues.add(Issue.blocking("profiles", "Le code de profil « " + p.code() + " » est utilisé deux fois : chaque profil a son propre code."));
            }
            if (blank(p.label())) {
                issues.add(Issue.blocking("profiles", "Le profil « " + nz(p.code()) + " » n'a pas de libellé."));
            }
            if (p.forfait() != null && p.forfait().signum() < 0) {
                issues.add(Issue.blocking("profiles", "Le forfait du profil « " + name + " » ne peut pas être négatif ("
                        + plain(p.forfait()) + " €)."));
            } else if (p.forfait() != null && p.forfait().stripTrailingZeros().scale() > 2) {
                issues.add(Issue.blocking("profiles", "Le forfait du profil « " + name + " » doit être arrondi au centime ("
                        + plain(p.forfait()) + " €)."));
            }
            for (var e : p.bySequence().entrySet()) {
                if (type.sequence(e.getKey()).isEmpty()) {
                    issues.add(Issue.blocking("profiles", "Le profil « " + name + " » répartit son forfait sur la séquence « "
                            + e.getKey() + " », qui n'existe pas."));
                }
                if (e.getValue() != null && (e.getValue().signum() < 0 || e.getValue().stripTrailingZeros().scale() > 2)) {
                    issues.add(Issue.blocking("profiles", "La part de la séquence « " + e.getKey() + " » du profil « " + name
                            + " » doit être un montant positif, au centime près."));
                }
            }
            if (p.forfait() != null && !p.bySequence().isEmpty() && p.bySequence().values().stream().allMatch(Objects::nonNull)) {
                BigDecimal sum = p.bySequence().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                if (sum.compareTo(p.forfait()) != 0) {
                    issues.add(Issue.blocking("profiles", "Les parts par séquence du profil « " + name + " » font "
                            + Money.format(sum) + " au lieu du forfait de " + Money.format(p.forfait()) + "."));
                }
            }
        }
    }

    private static void checkSequences(List<Issue> issues, PcrType type) {
        if (type.sequences().isEmpty()) {
            issues.add(Issue.blocking("sequences", "Au moins une séquence de prise en charge est attendue."));
        }
        Set<String> codes = new HashSet<>();
        Set<Integer> orders = new HashSet<>();
        for (PcrType.Sequence s : type.sequences()) {
            String name = blank(s.label()) ? nz(s.code()) : s.label();
            if (blank(s.code())) {
                issues.add(Issue.blocking("sequences", "La séquence « " + name + " » n'a pas de code."));
            } else if (!codes.add(s.code())) {
                issues.add(Issue.blocking("sequences", "Le code de séquence « " + s.code() + " » est utilisé deux fois : chaque séquence a son propre code."));
            }
            if (blank(s.label())) {
                issues.add(Issue.blocking("sequences", "La séquence « " + nz(s.code()) + " » n'a pas de libellé."));
            }
            if (s.order() < 1) {
                issues.add(Issue.blocking("sequences", "L'ordre de la séquence « " + name + " » doit être un nombre entier d'au moins 1."));
            } else if (!orders.add(s.order())) {
                issues.add(Issue.blocking("sequences", "Deux séquences ont le même ordre (" + s.order() + ")."));
            }
            if (s.durationMonths() != null && s.durationMonths() <= 0) {
                issues.add(Issue.blocking("sequences", "La durée de la séquence « " + name + " » doit être d'au moins un mois."));
            }
        }
    }

    private static void checkSplit(List<Issue> issues, PcrType type) {
        Set<String> parties = new HashSet<>();
        for (PcrType.Share s : type.defaultSplit()) {
            String name = PcrType.partyLabel(s.party());
            if (!PcrType.COORDINATION.equals(s.party()) && Professions.byCode(s.party()).isEmpty()) {
                issues.add(Issue.blocking("defaultSplit", "La répartition par défaut cite « " + nz(s.party())
                        + " », qui n'est ni une profession connue ni la coordination."));
            } else if (!parties.add(s.party())) {
                issues.add(Issue.blocking("defaultSplit", "« " + name + " » figure deux fois dans la répartition par défaut."));
            }
            if (s.percent() != null && (s.percent().signum() < 0 || s.percent().compareTo(HUNDRED) > 0)) {
                issues.add(Issue.blocking("defaultSplit", "La part de « " + name
                        + " » dans la répartition par défaut doit être un pourcentage entre 0 et 100."));
            }
        }
        if (!type.defaultSplit().isEmpty() && type.defaultSplit().stream().allMatch(s -> s.percent() != null)) {
            BigDecimal sum = type.defaultSplit().stream().map(PcrType.Share::percent).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(HUNDRED) != 0) {
                issues.add(Issue.blocking("defaultSplit", "La répartition par défaut fait " + plain(sum) + " % : elle doit faire 100 %."));
            }
        }
    }

    private static void checkTeam(List<Issue> issues, PcrType type) {
        Set<String> professions = new HashSet<>();
        for (PcrType.Requirement r : type.minimumTeam()) {
            String name = Professions.label(r.professionCode());
            if (Professions.byCode(r.professionCode()).isEmpty()) {
                issues.add(Issue.blocking("minimumTeam", "L'équipe minimale cite « " + nz(r.professionCode()) + " », qui n'est pas une profession connue."));
            } else if (!professions.add(r.professionCode())) {
                issues.add(Issue.blocking("minimumTeam", "« " + name + " » figure deux fois dans l'équipe minimale."));
            }
            if (r.count() < 1) {
                issues.add(Issue.blocking("minimumTeam", "L'équipe minimale demande au moins 1 « " + name + " »."));
            }
        }
    }

    private static void checkPercent(List<Issue> issues, String field, String what, BigDecimal value) {
        if (value != null && (value.signum() < 0 || value.compareTo(HUNDRED) > 0)) {
            issues.add(Issue.blocking(field, what + " doit être un pourcentage entre 0 et 100."));
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** « 1126,505 », « 90 »: a figure as typed, French decimal comma, no rounding. */
    private static String plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString().replace('.', ',');
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Copies in the shipped types this database does not have yet, or whose shipped revision is newer. */
    public void ensureShipped() {
        List<PcrType> shipped = PcrCatalogue.shipped();
        boolean missing = db.read(dsl -> shipped.stream().anyMatch(t -> !hasRevision(dsl, t)));
        if (!missing) {
            return;
        }
        db.write((dsl, audit) -> {
            for (PcrType t : shipped) {
                if (!hasRevision(dsl, t)) {
                    insert(dsl, audit, t, PcrTypeVersion.Origin.CATALOGUE, "Catalogue Coordo, révision " + t.revision());
                }
            }
            return null;
        });
    }

    private static boolean hasRevision(DSLContext dsl, PcrType t) {
        return dsl.fetchExists(PCR_TYPE_VERSION, PCR_TYPE_VERSION.CODE.eq(t.code())
                .and(PCR_TYPE_VERSION.ORIGIN.eq("CATALOGUE")).and(PCR_TYPE_VERSION.CATALOGUE_REVISION.ge(t.revision())));
    }

    private int insert(DSLContext dsl, Audit audit, PcrType type, PcrTypeVersion.Origin origin, String note) {
        Integer last = dsl.select(org.jooq.impl.DSL.max(PCR_TYPE_VERSION.VERSION)).from(PCR_TYPE_VERSION)
                .where(PCR_TYPE_VERSION.CODE.eq(type.code())).fetchOne(0, Integer.class);
        int version = last == null ? 1 : last + 1;
        int id = dsl.insertInto(PCR_TYPE_VERSION)
                .set(PCR_TYPE_VERSION.CODE, type.code())
                .set(PCR_TYPE_VERSION.VERSION, version)
                .set(PCR_TYPE_VERSION.DEFINITION, PcrCatalogue.toJson(type))
                .set(PCR_TYPE_VERSION.ORIGIN, origin.name())
                .set(PCR_TYPE_VERSION.CATALOGUE_REVISION, origin == PcrTypeVersion.Origin.CATALOGUE ? type.revision() : null)
                .set(PCR_TYPE_VERSION.NOTE, note == null || note.isBlank() ? null : note.strip())
                .set(PCR_TYPE_VERSION.CREATED_AT, Timestamps.now(clock))
                .set(PCR_TYPE_VERSION.CREATED_BY, audit.actor())
                .returning(PCR_TYPE_VERSION.ID).fetchOne().getId();
        audit.created("pcr_type_version", id, Map.of("code", type.code(), "version", version, "origin", origin.name()));
        return id;
    }

    static PcrTypeVersion toVersion(PcrTypeVersionRecord r) {
        return new PcrTypeVersion(r.getId(), r.getVersion(), PcrCatalogue.fromJson(r.getDefinition()),
                PcrTypeVersion.Origin.valueOf(r.getOrigin()), r.getNote(), java.time.OffsetDateTime.parse(r.getCreatedAt()), r.getCreatedBy());
    }
}
