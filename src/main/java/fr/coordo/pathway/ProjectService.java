package fr.coordo.pathway;

import static fr.coordo.store.schema.Tables.PATHWAY_MEMBER;
import static fr.coordo.store.schema.Tables.PATHWAY_PROJECT;
import static fr.coordo.store.schema.Tables.PATHWAY_PROJECT_VERSION;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.coordo.document.Fingerprint;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Timestamps;
import fr.coordo.store.schema.tables.records.PathwayMemberRecord;
import fr.coordo.store.schema.tables.records.PathwayProjectVersionRecord;
import fr.coordo.team.Professional;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The projet de parcours's life (R.162-131 to R.162-137): a draft, its readiness check, « prêt à signer », the
 * signatures (each professional or his employer, and the structure's representative), the Ordre notifications,
 * the transmission to the ARS and the CPAM, then the ARS's opposition or validation — or its silence, which makes
 * the projet réputé validé after two months. A transmitted version is frozen (the database refuses to rewrite it):
 * any change makes a new version, and every version stays in the history.
 */
public final class ProjectService {
    static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Database db;
    private final Clock clock;

    public ProjectService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public ProjectService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Database.ZONE));
    }

    // ---------------------------------------------------------------- reading

    /** Every projet with all its versions, by reference. */
    public List<Project> all() {
        return db.read(dsl -> {
            List<Project> out = new ArrayList<>();
            Map<Integer, Professional> team = byId(TeamService.all(dsl));
            for (var p : dsl.selectFrom(PATHWAY_PROJECT).orderBy(PATHWAY_PROJECT.REFERENCE).fetch()) {
                out.add(load(dsl, p.getId(), team).orElseThrow());
            }
            return out;
        });
    }

    public Optional<Project> find(int projectId) {
        return db.read(dsl -> load(dsl, projectId, byId(TeamService.all(dsl))));
    }

    /** By reference, « PP-2026-001 » (case and surrounding spaces ignored). */
    public Optional<Project> findByReference(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        return db.read(dsl -> dsl.select(PATHWAY_PROJECT.ID).from(PATHWAY_PROJECT)
                .where(PATHWAY_PROJECT.REFERENCE.eq(reference.strip().toUpperCase())).fetchOptional(PATHWAY_PROJECT.ID)
                .flatMap(id -> load(dsl, id, byId(TeamService.all(dsl)))));
    }

    /** The projet, read inside another feature's transaction. */
    public static Optional<Project> find(DSLContext dsl, int projectId) {
        return load(dsl, projectId, byId(TeamService.all(dsl)));
    }

    /** The gaps of the latest version, on today's data. */
    public List<Gap> readiness(int projectId) {
        return db.read(dsl -> {
            Project p = load(dsl, projectId, byId(TeamService.all(dsl))).orElseThrow(() -> unknown(projectId));
            return gaps(p.current(), StructureService.load(dsl).orElse(null), today());
        });
    }

    /**
     * What the dossier of a version is made of: for a transmitted version, the declaration as it was sent; for
     * another one, today's data and its gaps.
     */
    public Declaration declaration(int projectId, int version) {
        return db.read(dsl -> {
            Project p = load(dsl, projectId, byId(TeamService.all(dsl))).orElseThrow(() -> unknown(projectId));
            ProjectVersion v = p.versions().stream().filter(x -> x.version() == version).findFirst()
                    .orElseThrow(() -> new InputException(List.of(Issue.blocking("version",
                            "Le projet " + p.reference() + " n'a pas de version " + version + "."))));
            String declared = dsl.select(PATHWAY_PROJECT_VERSION.DECLARED_DATA).from(PATHWAY_PROJECT_VERSION)
                    .where(PATHWAY_PROJECT_VERSION.ID.eq(v.id())).fetchOne(PATHWAY_PROJECT_VERSION.DECLARED_DATA);
            if (declared != null) {
                Declaration sent = readDeclaration(declared);
                // the decision comes after the transmission: the snapshot keeps what was sent, the status is today's
                return new Declaration(v.withMembers(sent.project().members()), sent.structure(), sent.gaps());
            }
            return new Declaration(v, StructureService.load(dsl).orElse(null),
                    gaps(v, StructureService.load(dsl).orElse(null), today()));
        });
    }

    // ---------------------------------------------------------------- writing

    /** Starts a projet: version 1, brouillon. Returns its id. */
    public int create(ProjectInput input) {
        return db.write((dsl, audit) -> {
            checkInput(dsl, input);
            String reference = nextReference(dsl);
            String now = Timestamps.now(clock);
            int projectId = dsl.insertInto(PATHWAY_PROJECT).set(PATHWAY_PROJECT.REFERENCE, reference)
                    .set(PATHWAY_PROJECT.CREATED_AT, now).set(PATHWAY_PROJECT.CREATED_BY, audit.actor())
                    .returning(PATHWAY_PROJECT.ID).fetchOne().getId();
            int versionId = insertVersion(dsl, projectId, 1, input, null, now, audit.actor());
            audit.created("pathway_project", projectId, Map.of("reference", reference));
            audit.created("pathway_project_version", versionId, Map.of("version", 1, "pcr_type_version_id", input.pcrTypeVersionId()));
            return projectId;
        });
    }

    /**
     * Changes the projet. A draft is changed in place; a version ready or signed must first go back to draft
     * (its signatures were given on another text); a transmitted one is never touched: the change makes a new
     * version, in draft, which needs {@code reason}. Returns the version number written.
     */
    public int update(int projectId, ProjectInput input, String reason) {
        return db.write((dsl, audit) -> {
            Project p = load(dsl, projectId, byId(TeamService.all(dsl))).orElseThrow(() -> unknown(projectId));
            ProjectVersion current = p.current();
            checkInput(dsl, input);
            switch (current.status(today())) {
                case BROUILLON -> {
                    replaceContent(dsl, current, input);
                    audit.record("pathway_project_version", current.id(), AuditAction.UPDATE, Map.of());
                    return current.version();
                }
                case PRET, SIGNE -> throw refused("Le projet " + p.reference() + " est « " + current.storedStatus().label()
                        + " » : revenez au brouillon pour le modifier (les signatures seront à recueillir de nouveau).");
                case TRANSMIS -> throw refused("Le projet " + current.displayReference() + " attend la réponse de l'ARS jusqu'au "
                        + FR_DATE.format(current.deadline().orElseThrow()) + " : enregistrez sa décision, ou attendez l'échéance,"
                        + " avant d'en préparer une nouvelle version.");
                default -> {
                    if (reason == null || reason.isBlank()) {
                        throw new InputException(List.of(Issue.blocking("reason", "Le projet " + p.reference()
                                + " a été transmis : indiquez le motif de la modification, qui fera une nouvelle version.")));
                    }
                    int number = current.version() + 1;
                    int id = insertVersion(dsl, projectId, number, input, reason.strip(), Timestamps.now(clock), audit.actor());
                    audit.created("pathway_project_version", id, Map.of("version", number, "reason", reason.strip()));
                    return number;
                }
            }
        });
    }

    /** Brouillon → prêt à signer, refused while a content gap remains (the message lists them). */
    public void markReady(int projectId) {
        db.write((dsl, audit) -> {
            ProjectVersion v = current(dsl, projectId);
            requireStatus(v, ProjectStatus.BROUILLON, "être déclaré prêt à signer");
            List<Gap> content = gaps(v, StructureService.load(dsl).orElse(null), today()).stream()
                    .filter(g -> g.kind().isContent()).toList();
            if (!content.isEmpty()) {
                throw refusedGaps("Le projet " + v.reference() + " n'est pas prêt à signer :", content);
            }
            setStatus(dsl, audit, v, ProjectStatus.PRET);
            return null;
        });
    }

    /** Prêt or signé → brouillon, to change it; the signatures given are cleared (they were on another text). */
    public void backToDraft(int projectId) {
        db.write((dsl, audit) -> {
            ProjectVersion v = current(dsl, projectId);
            if (v.storedStatus() != ProjectStatus.PRET && v.storedStatus() != ProjectStatus.SIGNE) {
                throw refused("Le projet " + v.reference() + " est « " + v.status(today()).label() + " » : il ne peut pas revenir au brouillon.");
            }
            dsl.update(PATHWAY_MEMBER).setNull(PATHWAY_MEMBER.SIGNED_ON).where(PATHWAY_MEMBER.VERSION_ID.eq(v.id())).execute();
            dsl.update(PATHWAY_PROJECT_VERSION).setNull(PATHWAY_PROJECT_VERSION.REPRESENTATIVE_SIGNED_ON)
                    .where(PATHWAY_PROJECT_VERSION.ID.eq(v.id())).execute();
            setStatus(dsl, audit, v, ProjectStatus.BROUILLON);
            return null;
        });
    }

    /**
     * Records (or clears, with null) the date a member — or his employer — signed. When every signature is in,
     * the projet is signé.
     */
    public void recordSignature(int projectId, int professionalId, LocalDate signedOn) {
        db.write((dsl, audit) -> {
            ProjectVersion v = current(dsl, projectId);
            requireSigning(v);
            ProjectVersion.Member m = v.member(professionalId).orElseThrow(() -> notMember(v, professionalId));
            checkPastDate(signedOn, "Date de signature de " + m.signatoryName());
            dsl.update(PATHWAY_MEMBER).set(PATHWAY_MEMBER.SIGNED_ON, iso(signedOn)).where(PATHWAY_MEMBER.ID.eq(m.id())).execute();
            audit.record("pathway_member", m.id(), AuditAction.UPDATE, Map.of("signed_on", new Audit.Change(iso(m.signedOn()), iso(signedOn))));
            followSignatures(dsl, audit, v);
            return null;
        });
    }

    /** Records (or clears) the date the structure's legal representative signed. */
    public void recordRepresentativeSignature(int projectId, LocalDate signedOn) {
        db.write((dsl, audit) -> {
            ProjectVersion v = current(dsl, projectId);
            requireSigning(v);
            checkPastDate(signedOn, "Date de signature du représentant légal");
            dsl.update(PATHWAY_PROJECT_VERSION).set(PATHWAY_PROJECT_VERSION.REPRESENTATIVE_SIGNED_ON, iso(signedOn))
                    .where(PATHWAY_PROJECT_VERSION.ID.eq(v.id())).execute();
            audit.record("pathway_project_version", v.id(), AuditAction.UPDATE,
                    Map.of("representative_signed_on", new Audit.Change(iso(v.representativeSignedOn()), iso(signedOn))));
            followSignatures(dsl, audit, v);
            return null;
        });
    }

    /** Records (or clears) the date the structure notified the Ordre of a member of an ordered profession. */
    public void recordOrdreNotification(int projectId, int professionalId, LocalDate notifiedOn) {
        db.write((dsl, audit) -> {
            ProjectVersion v = current(dsl, projectId);
            if (v.storedStatus().isTransmitted()) {
                throw refused("Le projet " + v.displayReference() + " a été transmis : ses notifications ne changent plus.");
            }
            ProjectVersion.Member m = v.member(professionalId).orElseThrow(() -> notMember(v, professionalId));
            if (!m.needsOrdreNotification()) {
                throw refused(m.professional().displayName() + " (" + m.professional().professionLabel()
                        + ") ne relève d'aucun Ordre : pas de notification à faire.");
            }
            checkPastDate(notifiedOn, "Date de notification à l'Ordre pour " + m.professional().displayName());
            dsl.update(PATHWAY_MEMBER).set(PATHWAY_MEMBER.ORDRE_NOTIFIED_ON, iso(notifiedOn)).where(PATHWAY_MEMBER.ID.eq(m.id())).execute();
            audit.record("pathway_member", m.id(), AuditAction.UPDATE,
                    Map.of("ordre_notified_on", new Audit.Change(iso(m.ordreNotifiedOn()), iso(notifiedOn))));
            return null;
        });
    }

    /**
     * Signé → transmis, on the day sent to the ARS and the CPAM (not in the future, not before a signature or a
     * notification). Refused while any gap remains. The declaration is kept as sent.
     */
    public void transmit(int projectId, LocalDate transmittedOn) {
        db.write((dsl, audit) -> {
            ProjectVersion v = current(dsl, projectId);
            requireStatus(v, ProjectStatus.SIGNE, "être transmis");
            StructureInput structure = StructureService.load(dsl).orElse(null);
            List<Gap> gaps = gaps(v, structure, today());
            if (!gaps.isEmpty()) {
                throw refusedGaps("Le projet " + v.reference() + " ne peut pas être transmis :", gaps);
            }
            checkPastDate(transmittedOn, "Date de transmission");
            if (transmittedOn == null) {
                throw new InputException(List.of(Issue.blocking("transmittedOn", "Date de transmission : obligatoire.")));
            }
            LocalDate lastStep = latestStep(v);
            if (lastStep != null && transmittedOn.isBefore(lastStep)) {
                throw new InputException(List.of(Issue.blocking("transmittedOn", "Date de transmission : le "
                        + FR_DATE.format(transmittedOn) + " précède la dernière signature ou notification, du "
                        + FR_DATE.format(lastStep) + ".")));
            }
            ProjectVersion sent = v.withTransmission(ProjectStatus.TRANSMIS, transmittedOn);
            String snapshot = writeDeclaration(new Declaration(sent, structure, List.of()));
            dsl.update(PATHWAY_PROJECT_VERSION)
                    .set(PATHWAY_PROJECT_VERSION.STATUS, ProjectStatus.TRANSMIS.name())
                    .set(PATHWAY_PROJECT_VERSION.TRANSMITTED_ON, iso(transmittedOn))
                    .set(PATHWAY_PROJECT_VERSION.DECLARED_DATA, snapshot)
                    .set(PATHWAY_PROJECT_VERSION.DECLARED_FINGERPRINT, Fingerprint.of(snapshot))
                    .set(PATHWAY_PROJECT_VERSION.UPDATED_AT, Timestamps.now(clock))
                    .where(PATHWAY_PROJECT_VERSION.ID.eq(v.id())).execute();
            audit.record("pathway_project_version", v.id(), AuditAction.UPDATE, Map.of(
                    "status", new Audit.Change(v.storedStatus().name(), ProjectStatus.TRANSMIS.name()),
                    "transmitted_on", new Audit.Change(null, iso(transmittedOn))));
            return null;
        });
    }

    /** The ARS's answer, dated within the window: validé, or opposé with its reason. */
    public void recordDecision(int projectId, ProjectStatus decision, LocalDate decidedOn, String note) {
        if (decision != ProjectStatus.VALIDE && decision != ProjectStatus.OPPOSE) {
            throw new IllegalArgumentException("a decision is VALIDE or OPPOSE");
        }
        db.write((dsl, audit) -> {
            ProjectVersion v = current(dsl, projectId);
            if (v.storedStatus() != ProjectStatus.TRANSMIS) {
                throw refused("Le projet " + v.displayReference() + " est « " + v.status(today()).label()
                        + " » : seule une version transmise reçoit la décision de l'ARS.");
            }
            if (decidedOn == null) {
                throw new InputException(List.of(Issue.blocking("decisionOn", "Date de la décision : obligatoire.")));
            }
            checkPastDate(decidedOn, "Date de la décision");
            LocalDate deadline = v.deadline().orElseThrow();
            if (decidedOn.isBefore(v.transmittedOn()) || decidedOn.isAfter(deadline)) {
                String after = decision == ProjectStatus.OPPOSE
                        ? " Passé ce délai, le silence de l'ARS vaut non-opposition : le projet est réputé validé." : "";
                throw new InputException(List.of(Issue.blocking("decisionOn", "Date de la décision : elle doit être comprise entre la transmission ("
                        + FR_DATE.format(v.transmittedOn()) + ") et l'échéance (" + FR_DATE.format(deadline) + ")." + after)));
            }
            if (decision == ProjectStatus.OPPOSE && (note == null || note.isBlank())) {
                throw new InputException(List.of(Issue.blocking("decisionNote", "Motif de l'opposition : obligatoire.")));
            }
            dsl.update(PATHWAY_PROJECT_VERSION)
                    .set(PATHWAY_PROJECT_VERSION.STATUS, decision.name())
                    .set(PATHWAY_PROJECT_VERSION.DECISION_ON, iso(decidedOn))
                    .set(PATHWAY_PROJECT_VERSION.DECISION_NOTE, note == null || note.isBlank() ? null : note.strip())
                    .set(PATHWAY_PROJECT_VERSION.UPDATED_AT, Timestamps.now(clock))
                    .where(PATHWAY_PROJECT_VERSION.ID.eq(v.id())).execute();
            audit.record("pathway_project_version", v.id(), AuditAction.UPDATE, Map.of(
                    "status", new Audit.Change(ProjectStatus.TRANSMIS.name(), decision.name()),
                    "decision_on", new Audit.Change(null, iso(decidedOn))));
            return null;
        });
    }

    /** Deletes a projet never transmitted (drafts only), after the window asked for confirmation. */
    public void deleteDraft(int projectId) {
        db.write((dsl, audit) -> {
            Project p = load(dsl, projectId, byId(TeamService.all(dsl))).orElseThrow(() -> unknown(projectId));
            if (p.versions().size() > 1 || p.current().storedStatus() != ProjectStatus.BROUILLON) {
                throw refused("Le projet " + p.reference() + " n'est plus un simple brouillon : il est conservé.");
            }
            if (dsl.fetchExists(fr.coordo.store.schema.Tables.PCR_EPISODE, fr.coordo.store.schema.Tables.PCR_EPISODE.PROJECT_ID.eq(projectId))) {
                throw refused("Le projet " + p.reference() + " a des épisodes : il est conservé.");
            }
            dsl.deleteFrom(PATHWAY_PROJECT_VERSION).where(PATHWAY_PROJECT_VERSION.PROJECT_ID.eq(projectId)).execute();
            dsl.deleteFrom(PATHWAY_PROJECT).where(PATHWAY_PROJECT.ID.eq(projectId)).execute();
            audit.record("pathway_project", projectId, AuditAction.DELETE, Map.of("reference", new Audit.Change(p.reference(), null)));
            return null;
        });
    }

    // ---------------------------------------------------------------- the readiness check

    /**
     * Every blocking gap of a version, in French, in the order the coordinator fixes them: the structure, the
     * PCR type, the team, each professional, then signatures and Ordre notifications.
     */
    static List<Gap> gaps(ProjectVersion v, StructureInput structure, LocalDate today) {
        List<Gap> gaps = new ArrayList<>();
        PcrType type = v.type().type();
        if (structure == null) {
            gaps.add(Gap.of(Gap.Kind.STRUCTURE, "La structure n'est pas renseignée (Paramètres › Structure)."));
        } else {
            if (structure.category() == null || structure.category().isBlank()) {
                gaps.add(Gap.of(Gap.Kind.STRUCTURE, "La catégorie de la structure (article D.162-34) n'est pas renseignée."));
            } else if (!type.eligibleCategories().contains(structure.category())) {
                gaps.add(Gap.of(Gap.Kind.STRUCTURE, "La structure (« " + categoryLabel(structure.category())
                        + " ») n'est pas d'une catégorie éligible au PCR « " + type.label() + " » : "
                        + type.eligibleCategories().stream().map(ProjectService::categoryLabel).collect(Collectors.joining(", ")) + "."));
            }
            if (blank(structure.legalRepresentative())) {
                gaps.add(Gap.of(Gap.Kind.STRUCTURE, "Le représentant légal de la structure n'est pas renseigné : il signe le projet."));
            }
            if (v.channel() == PaymentChannel.STRUCTURE && (blank(structure.iban()) || blank(structure.bic()))) {
                gaps.add(Gap.of(Gap.Kind.STRUCTURE, "Les coordonnées bancaires de la structure (IBAN et BIC) manquent : elle paie les professionnels."));
            }
        }
        for (String missing : type.toComplete()) {
            gaps.add(Gap.of(Gap.Kind.TYPE, "Type de PCR « " + type.label() + " » : " + missing
                    + " " + PcrType.TO_COMPLETE + " (Paramètres › Types de PCR)."));
        }
        if (v.plannedStart() == null) {
            gaps.add(Gap.of(Gap.Kind.TEAM, "La date de démarrage prévue n'est pas renseignée."));
        }
        if (v.expectedPatients() == null) {
            gaps.add(Gap.of(Gap.Kind.TEAM, "Le nombre de patients attendus par an n'est pas renseigné."));
        }
        if (v.members().isEmpty()) {
            gaps.add(Gap.of(Gap.Kind.TEAM, "L'équipe du projet est vide."));
        }
        LocalDate day = v.plannedStart() != null && v.plannedStart().isAfter(today) ? v.plannedStart() : today;
        for (PcrType.Requirement r : type.minimumTeam()) {
            long have = v.members().stream().filter(m -> m.professional().professionCode().equals(r.professionCode())).count();
            if (have < r.count()) {
                gaps.add(Gap.of(Gap.Kind.TEAM, "Équipe minimale non atteinte : " + fr.coordo.team.Professions.label(r.professionCode(), r.count())
                        .toLowerCase() + " demandé" + (r.count() > 1 ? "s" : "") + " (" + r.count() + "), " + have + " dans l'équipe."));
            }
        }
        for (ProjectVersion.Member m : v.members()) {
            Professional p = m.professional();
            String who = p.displayName() + " (" + p.professionLabel() + ")";
            if (!p.isActive(day)) {
                gaps.add(new Gap(Gap.Kind.PROFESSIONAL, who + " n'est pas membre de l'équipe de la structure au " + FR_DATE.format(day) + ".", p.id()));
            }
            if (p.rpps() == null) {
                gaps.add(new Gap(Gap.Kind.PROFESSIONAL, who + " n'a pas de numéro RPPS.", p.id()));
            }
            if (p.amNumber() == null && p.amRequestedOn() == null) {
                gaps.add(new Gap(Gap.Kind.PROFESSIONAL, who + (p.conventioned() ? " n'a pas de numéro AM." :
                        " n'est pas conventionné et n'a ni numéro AM ni demande en cours auprès de la CPAM."), p.id()));
            }
            if (p.practiceMode() == fr.coordo.team.PracticeMode.SALARIE && blank(p.employerName())) {
                gaps.add(new Gap(Gap.Kind.PROFESSIONAL, who + " est salarié mais son employeur n'est pas renseigné : il signe pour lui.", p.id()));
            }
            if (blank(p.iban())) {
                gaps.add(new Gap(Gap.Kind.PROFESSIONAL, who + " n'a pas de coordonnées bancaires (IBAN).", p.id()));
            }
            for (String s : m.sequences()) {
                if (type.sequence(s).isEmpty()) {
                    gaps.add(new Gap(Gap.Kind.PROFESSIONAL, who + " est affecté à la séquence « " + s + " », que le type de PCR ne connaît pas.", p.id()));
                }
            }
        }
        for (ProjectVersion.Member m : v.members()) {
            if (m.signedOn() == null) {
                gaps.add(new Gap(Gap.Kind.SIGNATURE, "Signature manquante : " + m.signatoryName()
                        + (m.signatoryName().equals(m.professional().displayName()) ? "" : " (employeur de " + m.professional().displayName() + ")")
                        + ".", m.professional().id()));
            }
        }
        if (v.representativeSignedOn() == null) {
            String name = structure == null || blank(structure.legalRepresentative()) ? "" : " (" + structure.legalRepresentative() + ")";
            gaps.add(Gap.of(Gap.Kind.SIGNATURE, "Signature manquante : représentant légal de la structure" + name + "."));
        }
        for (ProjectVersion.Member m : v.members()) {
            if (m.needsOrdreNotification() && m.ordreNotifiedOn() == null) {
                gaps.add(new Gap(Gap.Kind.NOTIFICATION, "Notification à l'" + m.ordre().orElseThrow()
                        + " non faite pour " + m.professional().displayName() + ".", m.professional().id()));
            }
        }
        return gaps;
    }

    // ---------------------------------------------------------------- helpers

    /** Signé once every signature is in, prêt again when one is cleared: only the signature dates are read again. */
    private void followSignatures(DSLContext dsl, Audit audit, ProjectVersion v) {
        boolean all = dsl.fetchExists(PATHWAY_PROJECT_VERSION, PATHWAY_PROJECT_VERSION.ID.eq(v.id())
                        .and(PATHWAY_PROJECT_VERSION.REPRESENTATIVE_SIGNED_ON.isNotNull()))
                && !dsl.fetchExists(PATHWAY_MEMBER, PATHWAY_MEMBER.VERSION_ID.eq(v.id()).and(PATHWAY_MEMBER.SIGNED_ON.isNull()));
        ProjectStatus next = all ? ProjectStatus.SIGNE : ProjectStatus.PRET;
        if (next != v.storedStatus()) {
            setStatus(dsl, audit, v, next);
        }
    }

    private void setStatus(DSLContext dsl, Audit audit, ProjectVersion v, ProjectStatus status) {
        dsl.update(PATHWAY_PROJECT_VERSION).set(PATHWAY_PROJECT_VERSION.STATUS, status.name())
                .set(PATHWAY_PROJECT_VERSION.UPDATED_AT, Timestamps.now(clock))
                .where(PATHWAY_PROJECT_VERSION.ID.eq(v.id())).execute();
        audit.record("pathway_project_version", v.id(), AuditAction.UPDATE,
                Map.of("status", new Audit.Change(v.storedStatus().name(), status.name())));
    }

    private void requireStatus(ProjectVersion v, ProjectStatus expected, String what) {
        if (v.storedStatus() != expected) {
            throw refused("Le projet " + v.displayReference() + " est « " + v.status(today()).label() + " » : il doit être « "
                    + expected.label() + " » pour " + what + ".");
        }
    }

    private void requireSigning(ProjectVersion v) {
        if (v.storedStatus() != ProjectStatus.PRET && v.storedStatus() != ProjectStatus.SIGNE) {
            throw refused("Le projet " + v.displayReference() + " est « " + v.status(today()).label()
                    + " » : les signatures se recueillent quand il est prêt à signer.");
        }
    }

    private void checkPastDate(LocalDate date, String field) {
        if (date != null && date.isAfter(today())) {
            throw new InputException(List.of(Issue.blocking("date", field + " : le " + FR_DATE.format(date)
                    + " est dans le futur.")));
        }
    }

    private static LocalDate latestStep(ProjectVersion v) {
        LocalDate last = v.representativeSignedOn();
        for (ProjectVersion.Member m : v.members()) {
            for (LocalDate d : new LocalDate[] {m.signedOn(), m.ordreNotifiedOn()}) {
                if (d != null && (last == null || d.isAfter(last))) {
                    last = d;
                }
            }
        }
        return last;
    }

    private void checkInput(DSLContext dsl, ProjectInput in) {
        List<Issue> issues = new ArrayList<>();
        Optional<PcrTypeVersion> type = PcrTypeService.find(dsl, in.pcrTypeVersionId());
        if (type.isEmpty()) {
            issues.add(Issue.blocking("pcrType", "Type de PCR : choisissez un type du catalogue."));
        }
        if (in.expectedPatients() != null && in.expectedPatients() <= 0) {
            issues.add(Issue.blocking("expectedPatients", "Patients attendus par an : un nombre entier positif est attendu."));
        }
        Map<Integer, Professional> team = byId(TeamService.all(dsl));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (ProjectInput.MemberInput m : in.members()) {
            Professional p = team.get(m.professionalId());
            if (p == null) {
                issues.add(Issue.blocking("members", "Équipe : professionnel inconnu (n° " + m.professionalId() + ")."));
            } else if (!seen.add(m.professionalId())) {
                issues.add(Issue.blocking("members", "Équipe : " + p.displayName() + " figure deux fois."));
            } else if (type.isPresent()) {
                for (String s : m.sequences()) {
                    if (type.get().type().sequence(s).isEmpty()) {
                        issues.add(Issue.blocking("members", "Équipe : la séquence « " + s + " » de " + p.displayName()
                                + " n'existe pas dans le type de PCR."));
                    }
                }
            }
        }
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
    }

    private int insertVersion(DSLContext dsl, int projectId, int number, ProjectInput in, String reason, String now, String actor) {
        int id = dsl.insertInto(PATHWAY_PROJECT_VERSION)
                .set(PATHWAY_PROJECT_VERSION.PROJECT_ID, projectId)
                .set(PATHWAY_PROJECT_VERSION.VERSION, number)
                .set(PATHWAY_PROJECT_VERSION.STATUS, ProjectStatus.BROUILLON.name())
                .set(PATHWAY_PROJECT_VERSION.PCR_TYPE_VERSION_ID, in.pcrTypeVersionId())
                .set(PATHWAY_PROJECT_VERSION.CHANGE_REASON, reason)
                .set(PATHWAY_PROJECT_VERSION.PAYMENT_CHANNEL, in.channel().name())
                .set(PATHWAY_PROJECT_VERSION.CREATED_AT, now)
                .set(PATHWAY_PROJECT_VERSION.CREATED_BY, actor)
                .set(PATHWAY_PROJECT_VERSION.UPDATED_AT, now)
                .returning(PATHWAY_PROJECT_VERSION.ID).fetchOne().getId();
        writeContent(dsl, id, in);
        return id;
    }

    private void replaceContent(DSLContext dsl, ProjectVersion v, ProjectInput in) {
        // an Ordre notified stays notified for the professionals who remain in the team
        Map<Integer, String> notified = dsl.select(PATHWAY_MEMBER.PROFESSIONAL_ID, PATHWAY_MEMBER.ORDRE_NOTIFIED_ON).from(PATHWAY_MEMBER)
                .where(PATHWAY_MEMBER.VERSION_ID.eq(v.id()).and(PATHWAY_MEMBER.ORDRE_NOTIFIED_ON.isNotNull()))
                .fetchMap(PATHWAY_MEMBER.PROFESSIONAL_ID, PATHWAY_MEMBER.ORDRE_NOTIFIED_ON);
        dsl.deleteFrom(PATHWAY_MEMBER).where(PATHWAY_MEMBER.VERSION_ID.eq(v.id())).execute();
        dsl.update(PATHWAY_PROJECT_VERSION).set(PATHWAY_PROJECT_VERSION.PCR_TYPE_VERSION_ID, in.pcrTypeVersionId())
                .set(PATHWAY_PROJECT_VERSION.PAYMENT_CHANNEL, in.channel().name())
                .set(PATHWAY_PROJECT_VERSION.UPDATED_AT, Timestamps.now(clock))
                .where(PATHWAY_PROJECT_VERSION.ID.eq(v.id())).execute();
        writeContent(dsl, v.id(), in);
        notified.forEach((professionalId, on) -> dsl.update(PATHWAY_MEMBER).set(PATHWAY_MEMBER.ORDRE_NOTIFIED_ON, on)
                .where(PATHWAY_MEMBER.VERSION_ID.eq(v.id()).and(PATHWAY_MEMBER.PROFESSIONAL_ID.eq(professionalId))).execute());
    }

    /** The fields and the team of a version (a draft: nothing signed yet but the notifications already made). */
    private void writeContent(DSLContext dsl, int versionId, ProjectInput in) {
        dsl.update(PATHWAY_PROJECT_VERSION)
                .set(PATHWAY_PROJECT_VERSION.PLANNED_START, iso(in.plannedStart()))
                .set(PATHWAY_PROJECT_VERSION.EXPECTED_PATIENTS, in.expectedPatients())
                .set(PATHWAY_PROJECT_VERSION.TERRITORY, blank(in.territory()) ? null : in.territory().strip())
                .where(PATHWAY_PROJECT_VERSION.ID.eq(versionId)).execute();
        int position = 0;
        for (ProjectInput.MemberInput m : in.members()) {
            dsl.insertInto(PATHWAY_MEMBER)
                    .set(PATHWAY_MEMBER.VERSION_ID, versionId)
                    .set(PATHWAY_MEMBER.PROFESSIONAL_ID, m.professionalId())
                    .set(PATHWAY_MEMBER.POSITION, position++)
                    .set(PATHWAY_MEMBER.ROLE, blank(m.role()) ? null : m.role().strip())
                    .set(PATHWAY_MEMBER.SEQUENCES, m.sequences().isEmpty() ? null : String.join(",", m.sequences()))
                    .execute();
        }
    }

    private String nextReference(DSLContext dsl) {
        return fr.coordo.store.References.next(dsl, PATHWAY_PROJECT.REFERENCE, "PP-" + today().getYear() + "-", 3);
    }

    private ProjectVersion current(DSLContext dsl, int projectId) {
        return load(dsl, projectId, byId(TeamService.all(dsl))).orElseThrow(() -> unknown(projectId)).current();
    }

    private static Optional<Project> load(DSLContext dsl, int projectId, Map<Integer, Professional> team) {
        var project = dsl.selectFrom(PATHWAY_PROJECT).where(PATHWAY_PROJECT.ID.eq(projectId)).fetchOptional();
        if (project.isEmpty()) {
            return Optional.empty();
        }
        String reference = project.get().getReference();
        List<PathwayProjectVersionRecord> rows = dsl.selectFrom(PATHWAY_PROJECT_VERSION)
                .where(PATHWAY_PROJECT_VERSION.PROJECT_ID.eq(projectId)).orderBy(PATHWAY_PROJECT_VERSION.VERSION).fetch();
        Map<Integer, List<PathwayMemberRecord>> members = dsl.selectFrom(PATHWAY_MEMBER)
                .where(PATHWAY_MEMBER.VERSION_ID.in(rows.stream().map(PathwayProjectVersionRecord::getId).toList()))
                .orderBy(PATHWAY_MEMBER.POSITION).fetch().stream()
                .collect(Collectors.groupingBy(PathwayMemberRecord::getVersionId, LinkedHashMap::new, Collectors.toList()));
        Map<Integer, PcrTypeVersion> types = new HashMap<>();
        List<ProjectVersion> versions = new ArrayList<>();
        for (PathwayProjectVersionRecord r : rows) {
            PcrTypeVersion type = types.computeIfAbsent(r.getPcrTypeVersionId(), id -> PcrTypeService.find(dsl, id).orElseThrow());
            List<ProjectVersion.Member> team2 = members.getOrDefault(r.getId(), List.of()).stream()
                    .map(m -> new ProjectVersion.Member(m.getId(), team.get(m.getProfessionalId()), m.getRole(),
                            m.getSequences() == null ? List.of() : Arrays.asList(m.getSequences().split(",")),
                            date(m.getSignedOn()), date(m.getOrdreNotifiedOn())))
                    .toList();
            versions.add(new ProjectVersion(r.getId(), projectId, reference, r.getVersion(), type, ProjectStatus.valueOf(r.getStatus()),
                    date(r.getPlannedStart()), r.getExpectedPatients(), r.getTerritory(), PaymentChannel.valueOf(r.getPaymentChannel()),
                    date(r.getRepresentativeSignedOn()), date(r.getTransmittedOn()), date(r.getDecisionOn()), r.getDecisionNote(),
                    r.getChangeReason(), team2, OffsetDateTime.parse(r.getCreatedAt()), r.getCreatedBy()));
        }
        return Optional.of(new Project(projectId, reference, versions));
    }

    private static Map<Integer, Professional> byId(List<Professional> all) {
        return all.stream().collect(Collectors.toMap(Professional::id, Function.identity()));
    }

    static String writeDeclaration(Declaration d) {
        try {
            return PcrCatalogue.JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a declaration always serialises", e);
        }
    }

    static Declaration readDeclaration(String json) {
        try {
            return PcrCatalogue.JSON.readValue(json, Declaration.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored declaration unreadable", e);
        }
    }

    private static InputException unknown(int projectId) {
        return new InputException(List.of(Issue.blocking("project", "Projet de parcours introuvable (n° " + projectId + ").")));
    }

    private static InputException notMember(ProjectVersion v, int professionalId) {
        return new InputException(List.of(Issue.blocking("member", "Ce professionnel (n° " + professionalId
                + ") ne fait pas partie de l'équipe du projet " + v.reference() + ".")));
    }

    private static InputException refused(String message) {
        return new InputException(List.of(Issue.blocking("status", message)));
    }

    private static InputException refusedGaps(String intro, List<Gap> gaps) {
        List<Issue> issues = new ArrayList<>();
        issues.add(Issue.blocking("status", intro));
        gaps.forEach(g -> issues.add(Issue.blocking(g.kind().name(), g.message())));
        return new InputException(issues);
    }

    static String categoryLabel(String code) {
        return fr.coordo.team.StructureReference.category(code).map(c -> c.label()).orElse(code);
    }

    static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }

    static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
