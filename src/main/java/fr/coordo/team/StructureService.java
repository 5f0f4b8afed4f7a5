package fr.coordo.team;

import static fr.coordo.identity.FieldChecks.blank;
import static fr.coordo.identity.FieldChecks.identifier;
import static fr.coordo.identity.FieldChecks.normalised;
import static fr.coordo.identity.FieldChecks.text;

import static fr.coordo.store.schema.Tables.STRUCTURE;

import fr.coordo.identity.FieldChecks;
import fr.coordo.identity.IdentifierKind;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Timestamps;
import fr.coordo.store.schema.tables.records.StructureRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/** The structure responsible for coordination: one record, checked and audited like the team. */
public final class StructureService {

    private final Database db;
    private final Clock clock;

    public StructureService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public StructureService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    public Optional<StructureInput> load() {
        return db.read(StructureService::load);
    }

    /** The structure, read inside another feature's transaction. */
    public static Optional<StructureInput> load(DSLContext dsl) {
        return dsl.selectFrom(STRUCTURE).orderBy(STRUCTURE.ID).limit(1).fetchOptional().map(StructureService::toInput);
    }

    public List<Issue> check(StructureInput in, Set<IdentifierKind> confirmed) {
        List<Issue> issues = new ArrayList<>();
        if (blank(in.name())) {
            issues.add(Issue.blocking("name", "Raison sociale : obligatoire."));
        }
        if (StructureReference.legalForm(in.legalForm()).isEmpty()) {
            issues.add(Issue.blocking("legalForm", "Forme juridique : choisissez-en une dans la liste."));
        }
        if (StructureReference.category(in.category()).isEmpty()) {
            issues.add(Issue.blocking("category", "Catégorie : choisissez la catégorie de structure (article D.162-34)."));
        }
        identifier(issues, "siren", IdentifierKind.SIREN, in.siren(), confirmed);
        identifier(issues, "siret", IdentifierKind.SIRET, in.siret(), confirmed);
        identifier(issues, "finess", IdentifierKind.FINESS, in.finess(), confirmed);
        identifier(issues, "iban", IdentifierKind.IBAN, in.iban(), confirmed);
        identifier(issues, "bic", IdentifierKind.BIC, in.bic(), confirmed);
        if (issues.stream().noneMatch(i -> i.field().equals("siren") || i.field().equals("siret"))
                && !blank(in.siren()) && !blank(in.siret())
                && !normalised(IdentifierKind.SIRET, in.siret()).startsWith(normalised(IdentifierKind.SIREN, in.siren()))) {
            issues.add(Issue.blocking("siret", "SIRET : il doit commencer par le SIREN de la structure."));
        }
        if (!blank(in.postalCode()) && Departments.ofPostalCode(in.postalCode()).isEmpty()) {
            issues.add(Issue.blocking("postalCode", "Code postal : 5 chiffres d'un département français attendus."));
        }
        if (!blank(in.email()) && !FieldChecks.EMAIL.matcher(in.email().strip()).matches()) {
            issues.add(Issue.blocking("email", "Email : adresse invalide (exemple : coordination@msp.fr)."));
        }
        if (!blank(in.iban()) && blank(in.bic())) {
            issues.add(Issue.blocking("bic", "BIC : obligatoire avec un IBAN, pour le virement."));
        }
        return issues;
    }

    /** Saves the structure (creating it the first time); refused whole while an issue remains. */
    public void save(StructureInput input, Set<IdentifierKind> confirmed) {
        // the structure's identity is a setting: refused before any check for a role that cannot change settings
        db.access().require(Permission.SETTINGS);
        StructureInput in = input.withDefaultsFromPostalCode();
        List<Issue> issues = check(in, confirmed);
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
        db.write((dsl, audit) -> {
            StructureRecord r = dsl.selectFrom(STRUCTURE).orderBy(STRUCTURE.ID).limit(1).fetchOptional().orElse(null);
            boolean created = r == null;
            if (created) {
                r = dsl.newRecord(STRUCTURE);
                r.setCreatedAt(Timestamps.now(clock));
            }
            Map<String, Object> before = r.intoMap();
            fill(r, in, confirmed);
            r.setUpdatedAt(Timestamps.now(clock));
            if (created) {
                r.setId(dsl.insertInto(STRUCTURE).set(r).returning(STRUCTURE.ID).fetchOne(STRUCTURE.ID));
            } else {
                r.store();
            }
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            Map<String, Object> after = r.intoMap();
            after.forEach((k, v) -> {
                if (!k.endsWith("_at") && !k.equals("id") && !Objects.equals(before.get(k), v)) {
                    changes.put(k, new Audit.Change(before.get(k), v));
                }
            });
            audit.record("structure", r.getId(), created ? AuditAction.CREATE : AuditAction.UPDATE, changes);
            return null;
        });
    }

    /** The identifiers whose doubtful key was confirmed, as stored (e.g. FINESS). */
    public Set<IdentifierKind> confirmedKeys() {
        String keys = db.read(dsl -> dsl.select(STRUCTURE.CONFIRMED_KEYS).from(STRUCTURE).orderBy(STRUCTURE.ID).limit(1)
                .fetchOptional(STRUCTURE.CONFIRMED_KEYS).orElse(null));
        Set<IdentifierKind> out = java.util.EnumSet.noneOf(IdentifierKind.class);
        if (keys != null) {
            for (String k : keys.split(",")) {
                out.add(IdentifierKind.valueOf(k));
            }
        }
        return out;
    }

    private static void fill(StructureRecord r, StructureInput in, Set<IdentifierKind> confirmed) {
        r.setName(in.name().strip());
        r.setLegalForm(in.legalForm());
        r.setCategory(in.category());
        r.setSiren(normalised(IdentifierKind.SIREN, in.siren()));
        r.setSiret(normalised(IdentifierKind.SIRET, in.siret()));
        r.setFiness(normalised(IdentifierKind.FINESS, in.finess()));
        r.setAddress(text(in.address()));
        r.setPostalCode(text(in.postalCode()));
        r.setCity(text(in.city()));
        r.setDepartmentCode(text(in.departmentCode()));
        r.setArsRegion(text(in.arsRegion()));
        r.setCpam(text(in.cpam()));
        r.setLegalRepresentative(text(in.legalRepresentative()));
        r.setCoordinators(text(in.coordinators()));
        r.setPhone(text(in.phone()));
        r.setEmail(text(in.email()));
        r.setIban(normalised(IdentifierKind.IBAN, in.iban()));
        r.setBic(normalised(IdentifierKind.BIC, in.bic()));
        // Only a key that is really doubtful is recorded as confirmed.
        boolean finessConfirmed = confirmed.contains(IdentifierKind.FINESS) && !blank(in.finess())
                && IdentifierKind.FINESS.check(in.finess()) instanceof fr.coordo.identity.Check.Doubtful<?>;
        r.setConfirmedKeys(finessConfirmed ? "FINESS" : null);
    }

    private static StructureInput toInput(StructureRecord r) {
        return new StructureInput(r.getName(), r.getLegalForm(), r.getCategory(), r.getSiren(), r.getSiret(), r.getFiness(),
                r.getAddress(), r.getPostalCode(), r.getCity(), r.getDepartmentCode(), r.getArsRegion(), r.getCpam(),
                r.getLegalRepresentative(), r.getCoordinators(), r.getPhone(), r.getEmail(), r.getIban(), r.getBic());
    }





}
