package fr.coordo.team;

import static fr.coordo.identity.FieldChecks.blank;
import static fr.coordo.identity.FieldChecks.identifier;
import static fr.coordo.identity.FieldChecks.normalised;
import static fr.coordo.identity.FieldChecks.text;

import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static fr.coordo.store.schema.Tables.TEAM_MEMBERSHIP;

import fr.coordo.identity.Check;
import fr.coordo.identity.FieldChecks;
import fr.coordo.identity.IdentifierKind;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.identity.SearchKey;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Timestamps;
import fr.coordo.store.schema.tables.records.ProfessionalRecord;
import fr.coordo.store.schema.tables.records.TeamMembershipRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** The care team: checks, adds and edits professionals and their memberships, each write audited. */
public final class TeamService {
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Database db;
    private final Clock clock;

    public TeamService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public TeamService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    /** An input with the identifier keys the user confirmed despite a doubtful check key. */
    public record Entry(ProfessionalInput input, Set<IdentifierKind> confirmed, LocalDate memberSince, LocalDate memberUntil) {
        public Entry(ProfessionalInput input, Set<IdentifierKind> confirmed, LocalDate memberSince) {
            this(input, confirmed, memberSince, null);
        }
    }

    /** Every professional, current and former, sorted by name. */
    public List<Professional> all() {
        return db.read(TeamService::all);
    }

    /** Every professional, read inside another feature's transaction. */
    public static List<Professional> all(DSLContext dsl) {
        Map<Integer, TeamMembershipRecord> latest = new HashMap<>();
        for (TeamMembershipRecord m : dsl.selectFrom(TEAM_MEMBERSHIP).orderBy(TEAM_MEMBERSHIP.START_DATE).fetch()) {
            latest.put(m.getProfessionalId(), m);
        }
        List<Professional> out = new ArrayList<>();
        for (ProfessionalRecord r : dsl.selectFrom(PROFESSIONAL).fetch()) {
            out.add(toProfessional(r, latest.get(r.getId())));
        }
        out.sort(Comparator.comparing((Professional p) -> SearchKey.of(p.lastName(), p.firstName())).thenComparing(Professional::id));
        return out;
    }

    /** The issues of an input, without writing anything; {@code selfId} is the professional being edited, or null. */
    public List<Issue> check(ProfessionalInput in, Set<IdentifierKind> confirmed, Integer selfId) {
        return db.read(dsl -> check(dsl, in, confirmed, selfId));
    }

    /** Adds a professional, member of the team from {@code memberSince}. Refused whole if any issue remains. */
    public int add(ProfessionalInput in, Set<IdentifierKind> confirmed, LocalDate memberSince) {
        return addAll(List.of(new Entry(in, confirmed, memberSince))).getFirst();
    }

    /** Adds several professionals in one transaction: all of them, or none if one is refused. */
    public List<Integer> addAll(List<Entry> entries) {
        return db.write((dsl, audit) -> {
            List<Integer> ids = new ArrayList<>();
            for (Entry e : entries) {
                List<Issue> issues = check(dsl, e.input(), e.confirmed(), null);
                if (!issues.isEmpty()) {
                    throw new InputException(issues);
                }
                ProfessionalRecord r = dsl.newRecord(PROFESSIONAL);
                fill(r, e.input(), e.confirmed());
                String now = Timestamps.now(clock);
                r.setCreatedAt(now);
                r.setUpdatedAt(now);
                // SQLite's rowid is not seen as an identity by jOOQ: ask for it explicitly.
                r.setId(dsl.insertInto(PROFESSIONAL).set(r).returning(PROFESSIONAL.ID).fetchOne(PROFESSIONAL.ID));
                LocalDate since = e.memberSince() == null ? LocalDate.now(clock) : e.memberSince();
                if (e.memberUntil() != null && e.memberUntil().isBefore(since)) {
                    throw new InputException(List.of(Issue.blocking("memberUntil",
                            "Date de sortie : elle doit suivre la date d'entrée (" + since.format(FR_DATE) + ").")));
                }
                dsl.insertInto(TEAM_MEMBERSHIP)
                        .set(TEAM_MEMBERSHIP.PROFESSIONAL_ID, r.getId())
                        .set(TEAM_MEMBERSHIP.START_DATE, since.toString())
                        .set(TEAM_MEMBERSHIP.END_DATE, e.memberUntil() == null ? null : e.memberUntil().toString())
                        .execute();
                Map<String, Object> fields = new LinkedHashMap<>();
                r.intoMap().forEach((k, v) -> {
                    if (v != null && !k.equals("id") && !k.endsWith("_at") && !k.equals("search_key")) {
                        fields.put(k, v);
                    }
                });
                fields.put("member_since", since.toString());
                audit.created("professional", r.getId(), fields);
                ids.add(r.getId());
            }
            return ids;
        });
    }

    /** Saves an edited professional; only the fields that changed reach the audit trail. */
    public void update(int id, ProfessionalInput in, Set<IdentifierKind> confirmed) {
        db.write((dsl, audit) -> {
            ProfessionalRecord r = dsl.selectFrom(PROFESSIONAL).where(PROFESSIONAL.ID.eq(id)).fetchOptional()
                    .orElseThrow(() -> new InputException(List.of(Issue.blocking("id", "Ce professionnel n'existe plus."))));
            List<Issue> issues = check(dsl, in, confirmed, id);
            if (!issues.isEmpty()) {
                throw new InputException(issues);
            }
            Map<String, Object> before = r.intoMap();
            fill(r, in, confirmed);
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            r.intoMap().forEach((k, v) -> {
                if (!k.endsWith("_at") && !k.equals("search_key") && !Objects.equals(before.get(k), v)) {
                    changes.put(k, new Audit.Change(before.get(k), v));
                }
            });
            if (changes.isEmpty()) {
                // Nothing changed: still one entry, so that the save is traceable.
                audit.record("professional", id, AuditAction.UPDATE, Map.of());
                return null;
            }
            r.setUpdatedAt(Timestamps.now(clock));
            r.store();
            audit.record("professional", id, AuditAction.UPDATE, changes);
            return null;
        });
    }

    /** Ends the running membership on {@code end}: the professional becomes a former member and keeps his history. */
    public void endMembership(int professionalId, LocalDate end) {
        db.write((dsl, audit) -> {
            TeamMembershipRecord m = dsl.selectFrom(TEAM_MEMBERSHIP)
                    .where(TEAM_MEMBERSHIP.PROFESSIONAL_ID.eq(professionalId)).and(TEAM_MEMBERSHIP.END_DATE.isNull())
                    .orderBy(TEAM_MEMBERSHIP.START_DATE.desc()).limit(1).fetchOptional()
                    .orElseThrow(() -> new InputException(List.of(Issue.blocking("memberUntil",
                            "Ce professionnel n'a pas d'appartenance en cours à terminer."))));
            LocalDate start = LocalDate.parse(m.getStartDate());
            if (end.isBefore(start)) {
                throw new InputException(List.of(Issue.blocking("memberUntil",
                        "Date de sortie : elle doit suivre la date d'entrée (" + start.format(FR_DATE) + ").")));
            }
            m.setEndDate(end.toString());
            m.store();
            audit.record("team_membership", m.getId(), AuditAction.UPDATE,
                    Map.of("end_date", new Audit.Change(null, end.toString()), "professional_id", Audit.Change.created(professionalId)));
            return null;
        });
    }

    /** A former member joins the team again from {@code start}: a new membership period. */
    public void rejoin(int professionalId, LocalDate start) {
        db.write((dsl, audit) -> {
            boolean running = dsl.fetchExists(TEAM_MEMBERSHIP, TEAM_MEMBERSHIP.PROFESSIONAL_ID.eq(professionalId)
                    .and(TEAM_MEMBERSHIP.END_DATE.isNull()));
            if (running) {
                throw new InputException(List.of(Issue.blocking("memberSince", "Ce professionnel est déjà membre de l'équipe.")));
            }
            String lastEnd = dsl.select(org.jooq.impl.DSL.max(TEAM_MEMBERSHIP.END_DATE)).from(TEAM_MEMBERSHIP)
                    .where(TEAM_MEMBERSHIP.PROFESSIONAL_ID.eq(professionalId)).fetchOne().value1();
            if (lastEnd != null && !start.isAfter(LocalDate.parse(lastEnd))) {
                throw new InputException(List.of(Issue.blocking("memberSince",
                        "Date d'entrée : elle doit suivre la dernière sortie (" + LocalDate.parse(lastEnd).format(FR_DATE) + ").")));
            }
            int id = dsl.insertInto(TEAM_MEMBERSHIP).set(TEAM_MEMBERSHIP.PROFESSIONAL_ID, professionalId)
                    .set(TEAM_MEMBERSHIP.START_DATE, start.toString()).returning(TEAM_MEMBERSHIP.ID).fetchOne(TEAM_MEMBERSHIP.ID);
            audit.created("team_membership", id, Map.of("professional_id", professionalId, "start_date", start.toString()));
            return null;
        });
    }

    /** Records that the team was exported to {@code file}. */
    public void recordExport(java.nio.file.Path file, int count) {
        db.write(Permission.TRACE, (dsl, audit) -> {
            audit.record("team", null, AuditAction.EXPORT, Map.of("file", Audit.Change.created(file.toString()),
                    "professionals", Audit.Change.created(count)));
            return null;
        });
    }

    // ---------------------------------------------------------------- checks

    private List<Issue> check(DSLContext dsl, ProfessionalInput in, Set<IdentifierKind> confirmed, Integer selfId) {
        List<Issue> issues = new ArrayList<>();
        if (blank(in.lastName())) {
            issues.add(Issue.blocking("lastName", "Nom : obligatoire."));
        }
        if (blank(in.firstName())) {
            issues.add(Issue.blocking("firstName", "Prénom : obligatoire."));
        }
        if (blank(in.professionCode())) {
            issues.add(Issue.blocking("professionCode", "Profession : obligatoire."));
        } else if (Professions.byCode(in.professionCode()).isEmpty()) {
            issues.add(Issue.blocking("professionCode", "Profession : choisissez une profession de la liste."));
        }
        // Nothing typed is dropped silently: a value that does not apply is refused with its reason.
        if (in.conventioned() && in.cpamContractSignedOn() != null) {
            issues.add(Issue.blocking("cpamContractSignedOn", "Contrat CPAM : seulement pour un professionnel non conventionné."));
        }
        if (!blank(in.amNumber()) && in.amRequestedOn() != null) {
            issues.add(Issue.blocking("amRequestedOn", "Demande de numéro AM : inutile quand le numéro AM est connu."));
        }
        if (in.practiceMode() != PracticeMode.SALARIE && (!blank(in.employerName()) || !blank(in.employerSiret()))) {
            issues.add(Issue.blocking("employerName", "Employeur : seulement pour un professionnel salarié."));
        }
        identifier(issues, "rpps", IdentifierKind.RPPS, in.rpps(), confirmed);
        identifier(issues, "adeli", IdentifierKind.ADELI, in.adeli(), confirmed);
        identifier(issues, "amNumber", IdentifierKind.AM, in.amNumber(), confirmed);
        identifier(issues, "employerSiret", IdentifierKind.SIRET, in.employerSiret(), confirmed);
        identifier(issues, "iban", IdentifierKind.IBAN, in.iban(), confirmed);
        identifier(issues, "bic", IdentifierKind.BIC, in.bic(), confirmed);
        if (!blank(in.iban()) && blank(in.bic())) {
            issues.add(Issue.blocking("bic", "BIC : obligatoire avec un IBAN, pour le virement."));
        }
        if (in.practiceMode() == PracticeMode.SALARIE && blank(in.employerName())) {
            issues.add(Issue.blocking("employerName", "Employeur : obligatoire pour un professionnel salarié (il signe à sa place)."));
        }
        if (!blank(in.email()) && !FieldChecks.EMAIL.matcher(in.email().strip()).matches()) {
            issues.add(Issue.blocking("email", "Email : adresse invalide (exemple : prenom.nom@exemple.fr)."));
        }
        if (!blank(in.mssante()) && !FieldChecks.EMAIL.matcher(in.mssante().strip()).matches()) {
            issues.add(Issue.blocking("mssante", "MSSanté : adresse invalide (exemple : prenom.nom@medecin.mssante.fr)."));
        }
        if (in.amRequestedOn() != null && in.amRequestedOn().isAfter(LocalDate.now(clock))) {
            issues.add(Issue.blocking("amRequestedOn", "Demande de numéro AM : la date ne peut pas être dans le futur."));
        }
        if (issues.stream().noneMatch(i -> i.field().equals("rpps")) && !blank(in.rpps())) {
            String rpps = normalised(IdentifierKind.RPPS, in.rpps());
            ProfessionalRecord same = dsl.selectFrom(PROFESSIONAL).where(PROFESSIONAL.RPPS.eq(rpps))
                    .and(selfId == null ? PROFESSIONAL.ID.isNotNull() : PROFESSIONAL.ID.ne(selfId)).fetchAny();
            if (same != null) {
                issues.add(Issue.blocking("rpps", "RPPS : ce numéro est déjà celui de " + same.getLastName() + " "
                        + same.getFirstName() + " dans l'équipe."));
            }
        }
        boolean sameRpps = issues.stream().anyMatch(i -> i.field().equals("rpps") && i.message().contains("déjà celui"));
        if (!sameRpps && !blank(in.lastName()) && !blank(in.firstName()) && !blank(in.professionCode())) {
            ProfessionalRecord same = dsl.selectFrom(PROFESSIONAL)
                    .where(PROFESSIONAL.SEARCH_KEY.eq(SearchKey.of(in.lastName(), in.firstName())))
                    .and(PROFESSIONAL.PROFESSION_CODE.eq(in.professionCode()))
                    .and(selfId == null ? PROFESSIONAL.ID.isNotNull() : PROFESSIONAL.ID.ne(selfId)).fetchAny();
            if (same != null) {
                issues.add(Issue.blocking("lastName", "Ce professionnel existe déjà : " + same.getLastName() + " "
                        + same.getFirstName() + ", " + Professions.label(same.getProfessionCode()).toLowerCase(Locale.FRENCH) + "."));
            }
        }
        return issues;
    }



    private void fill(ProfessionalRecord r, ProfessionalInput in, Set<IdentifierKind> confirmed) {
        r.setCivility(text(in.civility()));
        r.setLastName(in.lastName().strip());
        r.setFirstName(in.firstName().strip());
        r.setProfessionCode(in.professionCode());
        r.setSpecialty(text(in.specialty()));
        r.setRpps(normalised(IdentifierKind.RPPS, in.rpps()));
        r.setAdeli(normalised(IdentifierKind.ADELI, in.adeli()));
        r.setAmNumber(normalised(IdentifierKind.AM, in.amNumber()));
        r.setAmStatus(r.getAmNumber() != null ? "ASSIGNED" : in.amRequestedOn() != null ? "REQUESTED" : null);
        r.setAmRequestedOn(r.getAmNumber() == null && in.amRequestedOn() != null ? in.amRequestedOn().toString() : null);
        r.setConventioned(in.conventioned() ? 1 : 0);
        r.setCpamContractSignedOn(!in.conventioned() && in.cpamContractSignedOn() != null ? in.cpamContractSignedOn().toString() : null);
        r.setPracticeMode((in.practiceMode() == null ? PracticeMode.LIBERAL : in.practiceMode()).name());
        boolean salaried = in.practiceMode() == PracticeMode.SALARIE;
        r.setEmployerName(salaried ? text(in.employerName()) : null);
        r.setEmployerSiret(salaried ? normalised(IdentifierKind.SIRET, in.employerSiret()) : null);
        r.setPhone(text(in.phone()));
        r.setEmail(text(in.email()));
        r.setMssante(text(in.mssante()));
        r.setIban(normalised(IdentifierKind.IBAN, in.iban()));
        r.setBic(normalised(IdentifierKind.BIC, in.bic()));
        r.setNotes(text(in.notes()));
        r.setSearchKey(SearchKey.of(in.lastName(), in.firstName()));
        // Only the keys that were really doubtful are recorded as confirmed.
        Set<IdentifierKind> used = EnumSet.noneOf(IdentifierKind.class);
        Map<IdentifierKind, String> values = Map.of(IdentifierKind.RPPS, nz(in.rpps()), IdentifierKind.ADELI, nz(in.adeli()),
                IdentifierKind.AM, nz(in.amNumber()));
        values.forEach((kind, v) -> {
            if (!v.isBlank() && confirmed.contains(kind) && kind.check(v) instanceof Check.Doubtful<?>) {
                used.add(kind);
            }
        });
        r.setConfirmedKeys(used.isEmpty() ? null : used.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
    }

    static Professional toProfessional(ProfessionalRecord r, TeamMembershipRecord m) {
        return new Professional(r.getId(), r.getCivility(), r.getLastName(), r.getFirstName(), r.getProfessionCode(),
                r.getSpecialty(), r.getRpps(), r.getAdeli(), r.getAmNumber(), date(r.getAmRequestedOn()), r.getConventioned() == 1,
                date(r.getCpamContractSignedOn()), PracticeMode.valueOf(r.getPracticeMode()), r.getEmployerName(),
                r.getEmployerSiret(), r.getPhone(), r.getEmail(), r.getMssante(), r.getIban(), r.getBic(), r.getNotes(),
                r.getConfirmedKeys(), m == null ? null : date(m.getStartDate()), m == null ? null : date(m.getEndDate()));
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }


    private static String nz(String s) {
        return s == null ? "" : s;
    }

}
