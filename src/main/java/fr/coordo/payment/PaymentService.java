package fr.coordo.payment;

import static fr.coordo.store.schema.Tables.APPOINTMENT;
import static fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL;
import static fr.coordo.store.schema.Tables.PATIENT;
import static fr.coordo.store.schema.Tables.PAYMENT_ORDER;
import static fr.coordo.store.schema.Tables.PAYMENT_ORDER_LINE;
import static fr.coordo.store.schema.Tables.PAYMENT_SPLIT;
import static fr.coordo.store.schema.Tables.PAYMENT_SPLIT_LINE;
import static fr.coordo.store.schema.Tables.PCR_EPISODE;

import fr.coordo.identity.Check;
import fr.coordo.identity.Iban;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.Episode;
import fr.coordo.pathway.EpisodeService;
import fr.coordo.pathway.Money;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.pathway.PcrType;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Timestamps;
import fr.coordo.store.schema.tables.records.PaymentOrderRecord;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.Professional;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Payment orders of the PCR forfaits (PCR.md §6): what each period owes, split to the cent between the
 * professionals and the coordination, checked a priori, then issued as orders that never change.
 */
public final class PaymentService {
    static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Set<String> ACTIVE_APPOINTMENT = Set.of("PREVU", "REALISE");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();

    private final Database db;
    private final Clock clock;

    public PaymentService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public PaymentService(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    /**
     * Every read and write of payments goes through these two: they need {@link Permission#PAYMENTS}, which a
     * professionnel does not have (an {@link fr.coordo.store.AccessDenied} in French, nothing read or written).
     */
    private <T> T read(Function<DSLContext, T> query) {
        requireRight();
        return db.read(query);
    }

    private <T> T write(Database.Work<T> work) {
        requireRight();
        return db.write(work);
    }

    /** For {@link PaymentDocuments}: refused before anything is checked, read or written. */
    void requireRight() {
        db.access().require(Permission.PAYMENTS);
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Database.ZONE));
    }

    // ---------------------------------------------------------------- preparing

    /** What {@code period} would pay, with every check made. Nothing is written. */
    public Preparation prepare(Period period) {
        return read(dsl -> prepare(dsl, period, today()));
    }

    /** The unit of an episode (and séquence) as the split editor shows it, whatever its period. */
    public Optional<PayableUnit> unit(int episodeId, String sequenceCode) {
        return read(dsl -> unit(dsl, episodeId, sequenceCode == null ? "" : sequenceCode, today()));
    }

    private static Optional<PayableUnit> unit(DSLContext dsl, int episodeId, String code, LocalDate today) {
        Condition where = PCR_EPISODE.ID.eq(episodeId);
        return new Context(dsl, where, EpisodeService.load(dsl, where), today).units(null).stream()
                .filter(u -> u.sequenceCode().equals(code)).findFirst();
    }

    /** The unit is already in an order no cancelling order has cancelled. */
    private static Finding paidTwice(PayableUnit u) {
        boolean episode = u.sequenceCode().isEmpty();
        return Finding.blocking(PaymentCheck.DOUBLE_PAIEMENT, u, null, u.subject() + " : " + (episode ? "l'épisode" : "la séquence")
                + " est déjà payé" + (episode ? "" : "e") + " par l'ordre " + u.paidBy() + ".");
    }

    static Preparation prepare(DSLContext dsl, Period period, LocalDate today) {
        Condition where = PCR_EPISODE.START_ON.isNotNull()
                .and(PCR_EPISODE.START_ON.le(period.end().toString()))
                .and(PCR_EPISODE.END_ON.isNull().or(PCR_EPISODE.END_ON.ge(period.start().toString())));
        List<Episode> episodes = EpisodeService.load(dsl, where);
        Context c = new Context(dsl, where, episodes, today);
        List<PayableUnit> all = c.units(period);
        List<PayableUnit> open = all.stream().filter(u -> u.paidBy() == null).toList();
        List<Finding> findings = new ArrayList<>();
        for (PayableUnit u : open) {
            findings.addAll(c.check(u));
        }
        Set<PaymentChannel> channels = open.stream().map(PayableUnit::channel).collect(Collectors.toSet());
        if (channels.contains(PaymentChannel.STRUCTURE)) {
            String iban = c.structure.map(StructureInput::iban).orElse(null);
            if (!(Iban.check(iban) instanceof Check.Valid<Iban> v && v.value().isSepa())) {
                findings.add(Finding.blocking(PaymentCheck.IBAN, null, null, "Structure : l'IBAN de la structure " + SepaTransfer.Ibans.problem(iban)
                        + " ; le fichier de virement ne peut pas être fait (Paramètres › Structure)."));
            }
        }
        List<PayableUnit> sorted = new ArrayList<>(open);
        sorted.sort(UNIT_ORDER);
        List<PayableUnit> paid = new ArrayList<>(all.stream().filter(u -> u.paidBy() != null).toList());
        paid.sort(UNIT_ORDER);
        return new Preparation(period, today, sorted, paid, findings);
    }

    private static final Comparator<PayableUnit> UNIT_ORDER = Comparator.comparing((PayableUnit u) -> u.episode().projectReference())
            .thenComparing(u -> u.channel().name()).thenComparing(PayableUnit::episodeReference).thenComparing(PayableUnit::sequenceCode);

    /** Everything the units of a set of episodes are computed from, read in a fixed number of queries. */
    private static final class Context {
        final List<Episode> episodes;
        final LocalDate today;
        final Optional<StructureInput> structure;
        final Map<Integer, Professional> team;
        final Map<Integer, Project> projects = new HashMap<>();
        final Map<Integer, PayableUnit.PatientDetails> patients = new HashMap<>();
        final Map<String, List<SplitLine>> splits = new HashMap<>();
        final Map<String, String> splitNotes = new HashMap<>();
        final Map<String, String> paid = new HashMap<>();
        /** patient id → professional id → days with an appointment. */
        final Map<Integer, Map<Integer, List<LocalDate>>> activity = new HashMap<>();
        // Worked out once per context, not once per unit or share: a quarter may hold ten thousand units.
        /** IBAN → why a transfer cannot reach it (empty: it can), worked out once per IBAN. */
        private final Map<String, Optional<String>> ibanProblems = new HashMap<>();
        private final Map<ProjectVersion, Set<Integer>> memberIds = new IdentityHashMap<>();
        private final Map<ProjectVersion, Map<String, List<Professional>>> candidates = new IdentityHashMap<>();

        /** {@code episodes} are those {@code where} selects: their patients, appointments, splits and payments are read by it. */
        Context(DSLContext dsl, Condition where, List<Episode> episodes, LocalDate today) {
            this.episodes = episodes;
            this.today = today;
            this.structure = StructureService.load(dsl);
            this.team = TeamService.all(dsl).stream().collect(Collectors.toMap(Professional::id, Function.identity()));
            for (int projectId : episodes.stream().map(Episode::projectId).collect(Collectors.toSet())) {
                ProjectService.find(dsl, projectId).ifPresent(p -> projects.put(projectId, p));
            }
            var patientIds = DSL.select(PCR_EPISODE.PATIENT_ID).from(PCR_EPISODE).where(where);
            var episodeIds = DSL.select(PCR_EPISODE.ID).from(PCR_EPISODE).where(where);
            LocalDate earliest = episodes.stream().map(Episode::startOn).filter(d -> d != null).min(LocalDate::compareTo).orElse(today);
            Map<String, LocalDate> days = new HashMap<>();
            fetch(dsl, dsl.select(PATIENT.ID, PATIENT.USAGE_NAME, PATIENT.BIRTH_NAME, PATIENT.FIRST_NAMES, PATIENT.BIRTH_DATE, PATIENT.NIR)
                    .from(PATIENT).where(PATIENT.ID.in(patientIds)), rs -> {
                        String usage = rs.getString(2);
                        patients.put(rs.getInt(1), new PayableUnit.PatientDetails(rs.getInt(1), blank(usage) ? rs.getString(3) : usage,
                                rs.getString(4), days.computeIfAbsent(rs.getString(5), LocalDate::parse), rs.getString(6)));
                    });
            fetch(dsl, dsl.select(APPOINTMENT.PATIENT_ID, APPOINTMENT_PROFESSIONAL.PROFESSIONAL_ID, DSL.substring(APPOINTMENT.STARTS_AT, 1, 10))
                    .from(APPOINTMENT).join(APPOINTMENT_PROFESSIONAL).on(APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID.eq(APPOINTMENT.ID))
                    .where(APPOINTMENT.PATIENT_ID.in(patientIds)).and(APPOINTMENT.STATUS.in(ACTIVE_APPOINTMENT))
                    .and(APPOINTMENT.STARTS_AT.ge(earliest.toString())), rs -> activity.computeIfAbsent(rs.getInt(1), k -> new HashMap<>())
                            .computeIfAbsent(rs.getInt(2), k -> new ArrayList<>()).add(days.computeIfAbsent(rs.getString(3), LocalDate::parse)));
            fetch(dsl, dsl.select(PAYMENT_SPLIT.EPISODE_ID, PAYMENT_SPLIT.SEQUENCE_CODE, PAYMENT_SPLIT.NOTE, PAYMENT_SPLIT_LINE.PROFESSIONAL_ID,
                    PAYMENT_SPLIT_LINE.AMOUNT_CENTS).from(PAYMENT_SPLIT).join(PAYMENT_SPLIT_LINE).on(PAYMENT_SPLIT_LINE.SPLIT_ID.eq(PAYMENT_SPLIT.ID))
                    .where(PAYMENT_SPLIT.EPISODE_ID.in(episodeIds)).orderBy(PAYMENT_SPLIT_LINE.SPLIT_ID, PAYMENT_SPLIT_LINE.POSITION), rs -> {
                        String key = PayableUnit.key(rs.getInt(1), rs.getString(2));
                        int professionalId = rs.getInt(4);
                        Integer professional = rs.wasNull() ? null : professionalId;
                        splits.computeIfAbsent(key, k -> new ArrayList<>()).add(new SplitLine(professional, Split.euros(rs.getLong(5))));
                        String note = rs.getString(3);
                        if (note != null) {
                            splitNotes.put(key, note);
                        }
                    });
            paid.putAll(paidUnits(dsl, episodeIds));
        }

        /** The units of the episodes whose service ended in {@code period} (every ended one when null). */
        List<PayableUnit> units(Period period) {
            List<PayableUnit> out = new ArrayList<>();
            for (Episode e : episodes) {
                PcrType type = e.type().type();
                Optional<PcrType.Profile> profile = type.profile(e.profileCode());
                boolean bySequence = profile.isPresent() && !profile.get().bySequence().isEmpty();
                if (e.startOn() == null) {
                    continue;
                }
                if (bySequence) {
                    for (Episode.EpisodeSequence s : e.sequences()) {
                        LocalDate end = s.actualEnd() != null ? s.actualEnd() : e.endOn();
                        if (s.actualStart() == null || end == null || (period != null && !period.contains(end))) {
                            continue;
                        }
                        keep(out, unit(e, s.code(), s.label(), s.actualStart(), end, profile.get().bySequence().get(s.code())));
                    }
                } else if (e.endOn() != null && (period == null || period.contains(e.endOn()))) {
                    keep(out, unit(e, "", null, e.startOn(), e.endOn(), profile.map(PcrType.Profile::forfait).orElse(null)));
                }
            }
            return out;
        }

        /** Nothing is owed for a unit whose amount due is nil (a forfait of 0, a participation of 100 %): no order line. */
        private static void keep(List<PayableUnit> out, PayableUnit u) {
            if (u.dueCents() == null || u.dueCents() > 0) {
                out.add(u);
            }
        }

        private PayableUnit unit(Episode e, String code, String label, LocalDate start, LocalDate end, BigDecimal forfait) {
            PcrType type = e.type().type();
            Project project = projects.get(e.projectId());
            ProjectVersion version = project.inForce(end).orElse(project.current());
            Amounts a = amounts(forfait, e.overseas(), type.overseasSurchargePercent(), type.patientParticipationPercent());
            String key = PayableUnit.key(e.id(), code);
            List<Share> shares = a.due() == null ? List.of() : shares(e, version, type, key, start, end, a.due());
            return new PayableUnit(e, code, label, start, end, version.channel(), a.forfait(), a.surcharge(), a.participation(), a.due(), shares,
                    splits.containsKey(key), splitNotes.get(key), paid.get(key), patients.get(e.patientId()));
        }

        private List<Share> shares(Episode e, ProjectVersion version, PcrType type, String key, LocalDate start, LocalDate end, long due) {
            List<SplitLine> modulated = splits.get(key);
            if (modulated != null) {
                List<Share> out = new ArrayList<>();
                for (SplitLine l : modulated) {
                    long cents = Split.cents(l.amount());
                    out.add(share(e, l.professionalId() == null ? null : team.get(l.professionalId()), cents, Split.percentOf(cents, due), false, start, end));
                }
                return out;
            }
            List<Professional> parties = new ArrayList<>();
            List<BigDecimal> weights = new ArrayList<>();
            for (PcrType.Share s : type.defaultSplit()) {
                if (s.percent() == null || s.percent().signum() == 0) {
                    continue;
                }
                if (PcrType.COORDINATION.equals(s.party())) {
                    parties.add(null);
                    weights.add(s.percent());
                    continue;
                }
                String sequence = key.substring(key.indexOf(':') + 1);
                List<Professional> members = candidates.computeIfAbsent(version, v -> new HashMap<>()).computeIfAbsent(
                        s.party() + ':' + sequence, k -> version.members().stream()
                                .filter(m -> m.professional().professionCode().equals(s.party()))
                                .filter(m -> sequence.isEmpty() || m.sequences().isEmpty() || m.sequences().contains(sequence))
                                .map(m -> team.getOrDefault(m.professional().id(), m.professional())).toList());
                List<Professional> active = new ArrayList<>();
                for (Professional p : members) {
                    if (activity(e, p.id(), start, end) > 0) {
                        active.add(p);
                    }
                }
                List<Professional> chosen = active.isEmpty() ? members : active;
                for (Professional p : chosen) {
                    parties.add(p);
                    weights.add(s.percent().divide(BigDecimal.valueOf(chosen.size()), 10, RoundingMode.HALF_UP));
                }
            }
            if (parties.isEmpty()) {
                return List.of();
            }
            int residue = Math.max(0, parties.indexOf(null));
            long[] cents = Split.allocate(due, weights, residue);
            List<Share> out = new ArrayList<>();
            for (int i = 0; i < parties.size(); i++) {
                out.add(share(e, parties.get(i), cents[i], Split.percentOf(cents[i], due), i == residue, start, end));
            }
            return out;
        }

        private Share share(Episode e, Professional p, long cents, BigDecimal percent, boolean residue, LocalDate start, LocalDate end) {
            if (p == null) {
                StructureInput s = structure.orElse(null);
                return new Share(null, cents, percent, 0, residue, PayeeKind.STRUCTURE, s == null ? "Structure" : s.name(),
                        s == null ? null : s.iban(), s == null ? null : s.bic());
            }
            boolean employer = p.practiceMode() == PracticeMode.SALARIE && !blank(p.employerName());
            return new Share(p, cents, percent, activity(e, p.id(), start, end), residue,
                    employer ? PayeeKind.EMPLOYEUR : PayeeKind.PROFESSIONNEL, employer ? p.employerName() : p.displayName(), p.iban(), p.bic());
        }

        int activity(Episode e, int professionalId, LocalDate start, LocalDate end) {
            List<LocalDate> days = activity.getOrDefault(e.patientId(), Map.of()).getOrDefault(professionalId, List.of());
            int n = 0;
            for (LocalDate d : days) {
                if (!d.isBefore(start) && !d.isAfter(end)) {
                    n++;
                }
            }
            return n;
        }

        /** Every check of one unit (PCR.md §6), in the order the coordinator fixes them. */
        List<Finding> check(PayableUnit u) {
            List<Finding> out = new ArrayList<>();
            Episode e = u.episode();
            String who = u.subject();
            if (u.dueCents() == null) {
                out.add(Finding.blocking(PaymentCheck.FORFAIT, u, null, who + " : le montant dû ne peut pas être calculé, "
                        + String.join(", ", missingAmounts(u)) + " du type « " + e.type().type().label()
                        + " » " + (missingAmounts(u).size() > 1 ? "sont" : "est") + " à compléter (Paramètres › Types de PCR)."));
                return out;
            }
            Project project = projects.get(e.projectId());
            List<LocalDate> days = List.of(u.serviceStart(), u.serviceEnd());
            List<Optional<ProjectVersion>> inForce = List.of(project.inForce(days.get(0)), project.inForce(days.get(1)));
            for (int i = 0; i < days.size(); i++) {
                LocalDate day = days.get(i);
                if (inForce.get(i).isEmpty()) {
                    out.add(Finding.blocking(PaymentCheck.PROJET, u, null, who + " : le projet " + e.projectReference()
                            + " n'était ni validé ni réputé validé le " + FR_DATE.format(day) + ", "
                            + (day.equals(u.serviceStart()) ? "début" : "fin") + " de la prestation."));
                    break;
                }
            }
            if (e.informedOn() == null || e.consentOn() == null || e.decidedOn() == null) {
                out.add(Finding.blocking(PaymentCheck.CONSENTEMENT, u, null, who + " : l'inclusion, l'information ou le consentement du patient "
                        + e.patientName() + " n'est pas enregistré."));
            } else if (e.consentOn().isAfter(u.serviceStart()) || e.decidedOn().isAfter(u.serviceStart())) {
                LocalDate late = e.consentOn().isAfter(e.decidedOn()) ? e.consentOn() : e.decidedOn();
                out.add(Finding.blocking(PaymentCheck.CONSENTEMENT, u, null, who + " : "
                        + (e.consentOn().isAfter(u.serviceStart()) ? "le consentement de " : "l'inclusion de ") + e.patientName()
                        + " date du " + FR_DATE.format(late) + ", après le début de la prestation le " + FR_DATE.format(u.serviceStart()) + "."));
            }
            if (u.channel() == PaymentChannel.CPAM && (u.patient() == null || blank(u.patient().nir()))) {
                out.add(Finding.blocking(PaymentCheck.NIR, u, null, who + " : le NIR de " + e.patientName()
                        + " est absent ; la CPAM ne peut pas rattacher le paiement (fiche du patient)."));
            }
            if (u.paidBy() != null) {
                out.add(paidTwice(u));
            }
            if (u.shares().isEmpty()) {
                out.add(Finding.blocking(PaymentCheck.REPARTITION, u, null, who + " : aucune part à payer ; la répartition par défaut du type « "
                        + e.type().type().label() + " » ne trouve aucun membre de l'équipe (modulez la répartition)."));
            }
            if (!u.modulated() && !u.shares().isEmpty()) {
                Set<String> paidProfessions = new HashSet<>();
                for (Share s : u.shares()) {
                    if (!s.isCoordination()) {
                        paidProfessions.add(s.professional().professionCode());
                    }
                }
                for (PcrType.Share d : e.type().type().defaultSplit()) {
                    if (d.percent() != null && d.percent().signum() > 0 && !PcrType.COORDINATION.equals(d.party())
                            && !paidProfessions.contains(d.party())) {
                        out.add(Finding.warning(PaymentCheck.REPARTITION, u, null, who + " : aucun membre « " + PcrType.partyLabel(d.party())
                                + " » dans l'équipe pour cette prestation ; sa part par défaut (" + Money.percent(d.percent())
                                + ") est répartie entre les autres parts. Confirmez ou modulez la répartition."));
                    }
                }
            }
            long total = u.sharesTotal();
            if (total == 0 && !u.shares().isEmpty()) {
                out.add(Finding.blocking(PaymentCheck.REPARTITION, u, null, who + " : la répartition ne paie rien (0,00\u00a0€ pour "
                        + money(u.dueCents()) + " dus) ; modulez-la ou revenez à la répartition par défaut."));
            } else if (total > u.dueCents()) {
                out.add(Finding.blocking(PaymentCheck.TOTAL, u, null, who + " : la répartition totalise " + money(total) + " pour "
                        + money(u.dueCents()) + " dus (" + money(total - u.dueCents()) + " de trop)."));
            } else if (total < u.dueCents() && !u.shares().isEmpty()) {
                out.add(Finding.warning(PaymentCheck.REPARTITION, u, null, who + " : " + money(u.dueCents() - total)
                        + " du forfait (" + money(u.dueCents()) + ") ne sont pas répartis ; confirmez."));
            }
            for (Share s : u.shares()) {
                if (s.isCoordination()) {
                    continue;
                }
                Professional p = s.professional();
                String name = p.displayName() + " (" + p.professionLabel() + ")";
                for (int i = 0; i < days.size(); i++) {
                    LocalDate day = days.get(i);
                    Optional<ProjectVersion> v = inForce.get(i);
                    if (v.isPresent() && !memberIds.computeIfAbsent(v.get(), version -> version.members().stream()
                            .map(m -> m.professional().id()).collect(Collectors.toSet())).contains(p.id())) {
                        out.add(Finding.blocking(PaymentCheck.EQUIPE, u, p.id(), who + " : " + name + " n'était pas dans l'équipe signée du projet "
                                + e.projectReference() + " le " + FR_DATE.format(day) + "."));
                        break;
                    }
                    if (p.memberSince() == null || p.memberSince().isAfter(day) || (p.memberUntil() != null && p.memberUntil().isBefore(day))) {
                        out.add(Finding.blocking(PaymentCheck.EQUIPE, u, p.id(), who + " : " + name + " n'était pas membre de la structure le "
                                + FR_DATE.format(day) + "."));
                        break;
                    }
                }
                if (s.amountCents() == 0) {
                    continue;
                }
                if (u.channel() == PaymentChannel.CPAM && blank(p.amNumber())) {
                    out.add(Finding.blocking(PaymentCheck.NUMERO_AM, u, p.id(), who + " : " + name + " n'a pas de numéro AM"
                            + (p.amRequestedOn() != null ? " (demande en cours depuis le " + FR_DATE.format(p.amRequestedOn()) + ")" : "")
                            + " ; la CPAM ne peut pas lui verser sa part de " + money(s.amountCents()) + "."));
                }
                if (u.channel() == PaymentChannel.STRUCTURE) {
                    String payee = s.payeeKind() == PayeeKind.EMPLOYEUR ? "son employeur " + s.payeeName() : name;
                    if (blank(s.iban())) {
                        out.add(Finding.blocking(PaymentCheck.IBAN, u, p.id(), who + " : l'IBAN de " + payee
                                + " est absent ; le virement de " + money(s.amountCents()) + " est impossible (fiche du professionnel)."));
                    } else {
                        Optional<String> problem = ibanProblems.computeIfAbsent(s.iban(), iban -> Iban.check(iban) instanceof Check.Valid<Iban> v
                                && v.value().isSepa() ? Optional.empty() : Optional.of(SepaTransfer.Ibans.problem(iban)));
                        problem.ifPresent(why -> out.add(Finding.blocking(PaymentCheck.IBAN, u, p.id(), who + " : l'IBAN de " + payee
                                + " " + why + " ; le virement de " + money(s.amountCents()) + " est impossible (fiche du professionnel).")));
                    }
                }
                if (s.activityCount() == 0) {
                    out.add(Finding.warning(PaymentCheck.ACTIVITE, u, p.id(), who + " : aucune activité de " + name
                            + " n'est notée à l'agenda avec " + e.patientName() + " du " + FR_DATE.format(u.serviceStart()) + " au "
                            + FR_DATE.format(u.serviceEnd()) + " ; confirmez sa part de " + money(s.amountCents()) + "."));
                }
            }
            return out;
        }

        private List<String> missingAmounts(PayableUnit u) {
            PcrType type = u.episode().type().type();
            List<String> missing = new ArrayList<>();
            if (u.forfaitCents() == null) {
                missing.add(u.sequenceCode().isEmpty() ? "le forfait du profil « " + u.episode().profileLabel() + " »"
                        : "le forfait de la séquence « " + u.sequenceLabel() + " » du profil « " + u.episode().profileLabel() + " »");
            } else {
                if (u.surchargeCents() == null) {
                    missing.add("la majoration outre-mer");
                }
                if (type.patientParticipationPercent() == null) {
                    missing.add("le taux de participation du patient");
                }
            }
            return missing;
        }
    }

    /** A line of the coordinator's split: a professional (null: the coordination) and his amount in euros. */
    public record SplitLine(Integer professionalId, BigDecimal amount) {}

    /** The amounts of a unit in cents; each null while what it is computed from is « à compléter ». */
    record Amounts(Long forfait, Long surcharge, Long participation, Long due) {}

    /**
     * Forfait (rounded to the cent), overseas surcharge (a rate of the forfait) and patient participation (a rate of
     * forfait + surcharge), each rounded half up to the cent; due = forfait + surcharge − participation.
     */
    static Amounts amounts(BigDecimal forfait, boolean overseas, BigDecimal surchargePercent, BigDecimal participationPercent) {
        if (forfait == null) {
            return new Amounts(null, null, null, null);
        }
        long cents = Split.cents(forfait.setScale(2, RoundingMode.HALF_UP));
        Long surcharge = !overseas ? Long.valueOf(0L) : surchargePercent == null ? null : rate(cents, surchargePercent);
        if (surcharge == null || participationPercent == null) {
            return new Amounts(cents, surcharge, null, null);
        }
        long participation = rate(cents + surcharge, participationPercent);
        return new Amounts(cents, surcharge, participation, cents + surcharge - participation);
    }

    static long rate(long cents, BigDecimal percent) {
        return BigDecimal.valueOf(cents).multiply(percent).movePointLeft(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Units paid by an order that no cancelling order has cancelled: unit key → order number. */
    private static Map<String, String> paidUnits(DSLContext dsl, Select<Record1<Integer>> episodeIds) {
        var cancelling = PAYMENT_ORDER.as("cancelling");
        Map<String, String> out = new HashMap<>();
        dsl.select(PAYMENT_ORDER_LINE.EPISODE_ID, PAYMENT_ORDER_LINE.SEQUENCE_CODE, PAYMENT_ORDER.NUMBER).from(PAYMENT_ORDER_LINE)
                .join(PAYMENT_ORDER).on(PAYMENT_ORDER.ID.eq(PAYMENT_ORDER_LINE.ORDER_ID))
                .where(PAYMENT_ORDER_LINE.EPISODE_ID.in(episodeIds)).and(PAYMENT_ORDER.KIND.eq(PaymentOrder.Kind.ORDRE.name()))
                .andNotExists(DSL.selectOne().from(cancelling).where(cancelling.CANCELS_ID.eq(PAYMENT_ORDER.ID)))
                .forEach(r -> out.put(PayableUnit.key(r.value1(), r.value2()), r.value3()));
        return out;
    }

    // ---------------------------------------------------------------- modulating

    /**
     * Saves the coordinator's split of a unit not yet paid. The amounts are in euros with at most two decimals;
     * their total may differ from the amount due — the checks then say so before any issue.
     */
    public void saveSplit(int episodeId, String sequenceCode, List<SplitLine> lines, String note) {
        String code = sequenceCode == null ? "" : sequenceCode;
        List<Issue> issues = new ArrayList<>();
        if (lines.isEmpty()) {
            issues.add(Issue.blocking("shares", "Répartition : gardez au moins une part."));
        }
        Set<Integer> seen = new HashSet<>();
        boolean coordination = false;
        for (int i = 0; i < lines.size(); i++) {
            SplitLine l = lines.get(i);
            String where = "Part " + (i + 1) + " : ";
            if (l.amount() == null) {
                issues.add(Issue.blocking("shares", where + "indiquez un montant en euros (0 pour aucune part)."));
            } else if (l.amount().signum() < 0) {
                issues.add(Issue.blocking("shares", where + "le montant ne peut pas être négatif."));
            } else if (l.amount().stripTrailingZeros().scale() > 2) {
                issues.add(Issue.blocking("shares", where + "le montant a plus de deux décimales ; arrondissez au centime."));
            } else if (l.amount().compareTo(new BigDecimal("999999999.99")) > 0) {
                issues.add(Issue.blocking("shares", where + "le montant est trop grand."));
            }
            if (l.professionalId() == null ? coordination : !seen.add(l.professionalId())) {
                issues.add(Issue.blocking("shares", where + "cette partie a déjà une part ; réunissez-les en une seule."));
            }
            coordination |= l.professionalId() == null;
        }
        if (!issues.isEmpty()) {
            throw new InputException(issues);
        }
        write((dsl, audit) -> {
            PayableUnit unit = modulable(dsl, episodeId, code);
            Set<Integer> known = TeamService.all(dsl).stream().map(Professional::id).collect(Collectors.toSet());
            for (SplitLine l : lines) {
                if (l.professionalId() != null && !known.contains(l.professionalId())) {
                    throw new InputException(List.of(Issue.blocking("shares", "Répartition : un professionnel choisi n'existe plus dans l'équipe.")));
                }
            }
            dsl.deleteFrom(PAYMENT_SPLIT).where(PAYMENT_SPLIT.EPISODE_ID.eq(episodeId)).and(PAYMENT_SPLIT.SEQUENCE_CODE.eq(code)).execute();
            String now = Timestamps.now(clock);
            int splitId = dsl.insertInto(PAYMENT_SPLIT).set(PAYMENT_SPLIT.EPISODE_ID, episodeId).set(PAYMENT_SPLIT.SEQUENCE_CODE, code)
                    .set(PAYMENT_SPLIT.NOTE, blank(note) ? null : note.strip()).set(PAYMENT_SPLIT.UPDATED_AT, now)
                    .set(PAYMENT_SPLIT.UPDATED_BY, audit.actor()).returning(PAYMENT_SPLIT.ID).fetchOne().getId();
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                long cents = Split.cents(lines.get(i).amount());
                dsl.insertInto(PAYMENT_SPLIT_LINE).set(PAYMENT_SPLIT_LINE.SPLIT_ID, splitId).set(PAYMENT_SPLIT_LINE.POSITION, i)
                        .set(PAYMENT_SPLIT_LINE.PROFESSIONAL_ID, lines.get(i).professionalId()).set(PAYMENT_SPLIT_LINE.AMOUNT_CENTS, cents).execute();
                changes.put("part " + (lines.get(i).professionalId() == null ? "coordination" : "professionnel " + lines.get(i).professionalId()),
                        Audit.Change.created(Split.euros(cents).toPlainString()));
            }
            audit.record("payment_split", unit.key(), AuditAction.UPDATE, changes);
            return null;
        });
    }

    /** Back to the type's default split for a unit not yet paid. */
    public void resetSplit(int episodeId, String sequenceCode) {
        String code = sequenceCode == null ? "" : sequenceCode;
        write((dsl, audit) -> {
            PayableUnit unit = modulable(dsl, episodeId, code);
            dsl.deleteFrom(PAYMENT_SPLIT).where(PAYMENT_SPLIT.EPISODE_ID.eq(episodeId)).and(PAYMENT_SPLIT.SEQUENCE_CODE.eq(code)).execute();
            audit.record("payment_split", unit.key(), AuditAction.DELETE, Map.of());
            return null;
        });
    }

    private PayableUnit modulable(DSLContext dsl, int episodeId, String code) {
        PayableUnit unit = unit(dsl, episodeId, code, today())
                .orElseThrow(() -> new InputException(List.of(Issue.blocking("episode",
                        "Répartition : cette prestation n'est pas encore terminée ; elle ne se paie qu'à la fin de la séquence ou de l'épisode."))));
        if (unit.paidBy() != null) {
            throw new InputException(List.of(Issue.blocking("episode", unit.subject() + " : déjà payé par l'ordre " + unit.paidBy()
                    + " ; annulez cet ordre avant de changer la répartition.")));
        }
        return unit;
    }

    // ---------------------------------------------------------------- issuing

    /**
     * Issues the orders of a preparation the coordinator reviewed: everything is checked again in the same
     * transaction, and nothing is written unless every check passes, every warning is confirmed and the
     * preparation still matches the data. One order per projet and channel, numbered without gaps per year.
     */
    public List<PaymentOrder> issue(Preparation reviewed, boolean warningsConfirmed) {
        return write((dsl, audit) -> {
            LocalDate today = today();
            Preparation fresh = prepare(dsl, reviewed.period(), today);
            Map<String, PayableUnit> now = new HashMap<>();
            fresh.units().forEach(u -> now.put(u.key(), u));
            fresh.alreadyPaid().forEach(u -> now.put(u.key(), u));
            List<PayableUnit> units = new ArrayList<>();
            List<Finding> blocking = new ArrayList<>();
            List<String> stale = new ArrayList<>();
            for (PayableUnit r : reviewed.units()) {
                PayableUnit u = now.get(r.key());
                if (u != null && u.paidBy() != null) {
                    blocking.add(paidTwice(u));
                    continue;
                }
                if (u == null || !u.signature().equals(r.signature())) {
                    stale.add(r.subject());
                    continue;
                }
                units.add(u);
            }
            if (!stale.isEmpty()) {
                throw new InputException(List.of(Issue.blocking("preparation", "La préparation n'est plus à jour pour "
                        + String.join(" ; ", stale) + ". Préparez la période à nouveau.")));
            }
            Set<String> keys = units.stream().map(PayableUnit::key).collect(Collectors.toSet());
            List<Finding> findings = fresh.findings().stream().filter(f -> f.unitKey() == null || keys.contains(f.unitKey())).toList();
            findings.stream().filter(Finding::blocking).filter(f -> f.unitKey() != null || units.stream()
                    .anyMatch(u -> u.channel() == PaymentChannel.STRUCTURE)).forEach(blocking::add);
            if (!blocking.isEmpty()) {
                throw new InputException(blocking.stream().map(f -> Issue.blocking("checks", f.message())).toList());
            }
            if (units.isEmpty()) {
                throw new InputException(List.of(Issue.blocking("period", "Période " + reviewed.period().label()
                        + " : aucune prestation à payer.")));
            }
            List<Finding> warnings = findings.stream().filter(f -> !f.blocking()).toList();
            Set<String> reviewedWarnings = reviewed.warnings().stream().map(Finding::message).collect(Collectors.toSet());
            List<String> unseen = warnings.stream().map(Finding::message).filter(m -> !reviewedWarnings.contains(m)).toList();
            if (!unseen.isEmpty()) {
                // a warning confirmed is one the coordinator has read: a new one sends her back to the preparation
                throw new InputException(unseen.stream().map(m -> Issue.blocking("preparation", "Nouveau point à confirmer depuis la préparation — "
                        + m + " Préparez la période à nouveau.")).toList());
            }
            if (!warnings.isEmpty() && !warningsConfirmed) {
                throw new InputException(warnings.stream().map(f -> Issue.blocking("warnings", "À confirmer — " + f.message())).toList());
            }
            Preparation confirmed = new Preparation(reviewed.period(), today, units, List.of(), findings);
            StructureInput structure = StructureService.load(dsl).orElse(null);
            List<PaymentOrder> made = new ArrayList<>();
            for (Preparation.Group g : confirmed.groups()) {
                made.add(insertOrder(dsl, audit, g, confirmed, structure, today));
            }
            return made;
        });
    }

    private PaymentOrder insertOrder(DSLContext dsl, Audit audit, Preparation.Group g, Preparation p, StructureInput structure, LocalDate today) {
        PcrType type = g.units().getFirst().episode().type().type();
        Set<String> keys = g.units().stream().map(PayableUnit::key).collect(Collectors.toSet());
        List<Finding> confirmed = p.warnings().stream().filter(f -> keys.contains(f.unitKey())).toList();
        List<String> warnings = confirmed.stream().map(Finding::message).toList();
        // a check that only passed by a confirmed warning is not printed as passed: its warnings are
        Set<PaymentCheck> warned = confirmed.stream().map(Finding::check).collect(Collectors.toSet());
        List<String> checks = Arrays.stream(PaymentCheck.values()).filter(c -> applies(c, g.channel()) && !warned.contains(c))
                .map(PaymentCheck::label).toList();
        List<OrderLine> lines = new ArrayList<>();
        for (PayableUnit u : g.units()) {
            for (Share s : u.shares()) {
                if (s.amountCents() == 0) {
                    continue;
                }
                Professional pro = s.professional();
                PayableUnit.PatientDetails pt = u.patient();
                lines.add(new OrderLine(lines.size() + 1, u.episode().id(), u.episodeReference(), u.sequenceCode(), u.sequenceLabel(),
                        u.serviceStart(), u.serviceEnd(), u.dueCents(), pt.id(), pt.lastName(), pt.firstName(), pt.birthDate(), pt.nir(),
                        pro == null ? null : pro.id(), pro == null ? null : pro.displayName(), pro == null ? PcrType.COORDINATION : pro.professionCode(),
                        pro == null ? null : pro.rpps(), pro == null ? null : pro.amNumber(), s.payeeKind(), s.payeeName(),
                        s.iban(), s.bic(), s.activityCount(), s.amountCents()));
            }
        }
        String structureJson = snapshot(structure);
        return insert(dsl, audit, PaymentOrder.Kind.ORDRE, null, null, null, g.projectId(), g.projectReference(), type.code(), type.label(),
                p.period(), g.channel(), today, structureJson, checks, warnings, lines);
    }

    private static boolean applies(PaymentCheck c, PaymentChannel channel) {
        return switch (c) {
            case NUMERO_AM, NIR -> channel == PaymentChannel.CPAM;
            case IBAN -> channel == PaymentChannel.STRUCTURE;
            default -> true;
        };
    }

    /** Writes and seals an order; returns it as {@link #find} would read it back once committed. */
    private PaymentOrder insert(DSLContext dsl, Audit audit, PaymentOrder.Kind kind, Integer cancels, String cancelsNumber, String reason,
            int projectId, String projectReference,
            String typeCode, String typeLabel, Period period, PaymentChannel channel, LocalDate issuedOn, String structure,
            List<String> checks, List<String> warnings, List<OrderLine> lines) {
        int year = issuedOn.getYear();
        Integer last = dsl.select(DSL.max(PAYMENT_ORDER.SERIAL)).from(PAYMENT_ORDER).where(PAYMENT_ORDER.YEAR.eq(year)).fetchOne().value1();
        int serial = last == null ? 1 : last + 1;
        String number = "OP-" + year + "-" + String.format("%04d", serial);
        long total = lines.stream().mapToLong(OrderLine::amountCents).sum();
        PaymentOrderRecord r = dsl.newRecord(PAYMENT_ORDER);
        r.setNumber(number);
        r.setYear(year);
        r.setSerial(serial);
        r.setKind(kind.name());
        r.setCancelsId(cancels);
        r.setReason(reason);
        r.setProjectId(projectId);
        r.setProjectReference(projectReference);
        r.setPcrTypeCode(typeCode);
        r.setPcrTypeLabel(typeLabel);
        r.setPeriod(period.code());
        r.setPeriodStart(period.start().toString());
        r.setPeriodEnd(period.end().toString());
        r.setChannel(channel.name());
        r.setIssuedOn(issuedOn.toString());
        r.setIssuedAt(Timestamps.now(clock));
        r.setIssuedBy(audit.actor());
        r.setStructure(structure);
        r.setChecks(String.join("\n", checks));
        r.setWarnings(warnings.isEmpty() ? null : String.join("\n", warnings));
        r.setLineCount(lines.size());
        r.setTotalCents(total);
        r.setSealed(0);
        r.store();
        int id = r.getId();
        insertLines(dsl, id, lines);
        dsl.update(PAYMENT_ORDER).set(PAYMENT_ORDER.SEALED, 1).where(PAYMENT_ORDER.ID.eq(id)).execute();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("number", number);
        fields.put("kind", kind.name());
        fields.put("period", period.code());
        fields.put("channel", channel.name());
        fields.put("lines", lines.size());
        fields.put("total", Split.euros(total).toPlainString());
        audit.created("payment_order", id, fields);
        // what was just written: reading its lines back cost as much as writing them for a large quarter
        return order(r, cancelsNumber, null, lines);
    }

    /** Lines written by one INSERT statement (25 values each, far below SQLite's limit of 32 766). */
    private static final int LINES_PER_INSERT = 100;

    /**
     * The lines of an order, a hundred per INSERT through JDBC: a JDBC batch (one row per execution) cost three
     * times SQLite's own work for the 52 000 lines of a large quarter, jOOQ's batch more still. Rows go in the order
     * of the list. jOOQ renders the statements.
     */
    private static void insertLines(DSLContext dsl, int orderId, List<OrderLine> lines) {
        dsl.connection(c -> {
            int full = lines.size() / LINES_PER_INSERT * LINES_PER_INSERT;
            if (full > 0) {
                try (PreparedStatement st = c.prepareStatement(linesInsert(dsl, LINES_PER_INSERT))) {
                    for (int from = 0; from < full; from += LINES_PER_INSERT) {
                        bindLines(st, orderId, lines.subList(from, from + LINES_PER_INSERT));
                        st.executeUpdate();
                    }
                }
            }
            if (full < lines.size()) {
                try (PreparedStatement st = c.prepareStatement(linesInsert(dsl, lines.size() - full))) {
                    bindLines(st, orderId, lines.subList(full, lines.size()));
                    st.executeUpdate();
                }
            }
        });
    }

    private static String linesInsert(DSLContext dsl, int rows) {
        var insert = dsl.insertInto(PAYMENT_ORDER_LINE, PAYMENT_ORDER_LINE.ORDER_ID, PAYMENT_ORDER_LINE.POSITION,
                PAYMENT_ORDER_LINE.EPISODE_ID, PAYMENT_ORDER_LINE.EPISODE_REFERENCE, PAYMENT_ORDER_LINE.SEQUENCE_CODE,
                PAYMENT_ORDER_LINE.SEQUENCE_LABEL, PAYMENT_ORDER_LINE.SERVICE_START, PAYMENT_ORDER_LINE.SERVICE_END, PAYMENT_ORDER_LINE.DUE_CENTS,
                PAYMENT_ORDER_LINE.PATIENT_ID, PAYMENT_ORDER_LINE.PATIENT_LAST_NAME, PAYMENT_ORDER_LINE.PATIENT_FIRST_NAME,
                PAYMENT_ORDER_LINE.PATIENT_BIRTH_DATE, PAYMENT_ORDER_LINE.PATIENT_NIR, PAYMENT_ORDER_LINE.PROFESSIONAL_ID,
                PAYMENT_ORDER_LINE.PROFESSIONAL_NAME, PAYMENT_ORDER_LINE.PROFESSION_CODE, PAYMENT_ORDER_LINE.RPPS, PAYMENT_ORDER_LINE.AM_NUMBER,
                PAYMENT_ORDER_LINE.PAYEE_KIND, PAYMENT_ORDER_LINE.PAYEE_NAME, PAYMENT_ORDER_LINE.IBAN, PAYMENT_ORDER_LINE.BIC,
                PAYMENT_ORDER_LINE.ACTIVITY_COUNT, PAYMENT_ORDER_LINE.AMOUNT_CENTS)
                .values(Arrays.asList(new Object[25]));
        for (int i = 1; i < rows; i++) {
            insert = insert.values(Arrays.asList(new Object[25]));
        }
        return insert.getSQL(ParamType.INDEXED);
    }

    private static void bindLines(PreparedStatement st, int orderId, List<OrderLine> lines) throws SQLException {
        int i = 0;
        for (OrderLine l : lines) {
            st.setInt(++i, orderId);
            st.setInt(++i, l.position());
            st.setInt(++i, l.episodeId());
            st.setString(++i, l.episodeReference());
            st.setString(++i, l.sequenceCode());
            st.setString(++i, l.sequenceLabel());
            st.setString(++i, l.serviceStart().toString());
            st.setString(++i, l.serviceEnd().toString());
            st.setLong(++i, l.dueCents());
            st.setInt(++i, l.patientId());
            st.setString(++i, l.patientLastName());
            st.setString(++i, l.patientFirstName());
            st.setString(++i, l.patientBirthDate().toString());
            st.setString(++i, l.patientNir());
            setInt(st, ++i, l.professionalId());
            st.setString(++i, l.professionalName());
            st.setString(++i, l.professionCode());
            st.setString(++i, l.rpps());
            st.setString(++i, l.amNumber());
            st.setString(++i, l.payeeKind().name());
            st.setString(++i, l.payeeName());
            st.setString(++i, l.iban());
            st.setString(++i, l.bic());
            st.setInt(++i, l.activityCount());
            st.setLong(++i, l.amountCents());
        }
    }

    private static void setInt(PreparedStatement st, int index, Integer value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setInt(index, value);
        }
    }

    /**
     * Cancels an issued order by a cancelling order that refers to it and repeats its lines with negative amounts;
     * its units may then be paid again by a new order.
     */
    public PaymentOrder cancel(int orderId, String reason) {
        if (blank(reason)) {
            throw new InputException(List.of(Issue.blocking("reason", "Motif : dites pourquoi l'ordre est annulé (il sera imprimé sur l'ordre d'annulation).")));
        }
        return write((dsl, audit) -> {
            PaymentOrder o = find(dsl, orderId).orElseThrow(() -> new InputException(List.of(Issue.blocking("order", "Ordre de paiement introuvable."))));
            if (o.kind() == PaymentOrder.Kind.ANNULATION) {
                throw new InputException(List.of(Issue.blocking("order", o.number() + " est un ordre d'annulation ; il ne s'annule pas.")));
            }
            if (o.isCancelled()) {
                throw new InputException(List.of(Issue.blocking("order", o.number() + " est déjà annulé par l'ordre " + o.cancelledBy() + ".")));
            }
            List<OrderLine> negative = o.lines().stream().map(l -> new OrderLine(l.position(), l.episodeId(), l.episodeReference(),
                    l.sequenceCode(), l.sequenceLabel(), l.serviceStart(), l.serviceEnd(), l.dueCents(), l.patientId(), l.patientLastName(),
                    l.patientFirstName(), l.patientBirthDate(), l.patientNir(), l.professionalId(), l.professionalName(), l.professionCode(),
                    l.rpps(), l.amNumber(), l.payeeKind(), l.payeeName(), l.iban(), l.bic(), l.activityCount(), -l.amountCents())).toList();
            String structure = dsl.select(PAYMENT_ORDER.STRUCTURE).from(PAYMENT_ORDER).where(PAYMENT_ORDER.ID.eq(orderId)).fetchOne().value1();
            return insert(dsl, audit, PaymentOrder.Kind.ANNULATION, o.id(), o.number(), reason.strip(), o.projectId(), o.projectReference(), o.pcrTypeCode(),
                    o.pcrTypeLabel(), o.period(), o.channel(), today(), structure, List.of("Annule l'ordre " + o.number() + " du "
                            + FR_DATE.format(o.issuedOn()) + " ; ses prestations peuvent être payées à nouveau."), List.of(), negative);
        });
    }

    // ---------------------------------------------------------------- reading orders

    /** Every order, the latest first. */
    public List<PaymentOrder> orders() {
        return read(dsl -> dsl.select(PAYMENT_ORDER.ID).from(PAYMENT_ORDER).orderBy(PAYMENT_ORDER.YEAR.desc(), PAYMENT_ORDER.SERIAL.desc())
                .fetch(PAYMENT_ORDER.ID).stream().map(id -> find(dsl, id).orElseThrow()).toList());
    }

    public Optional<PaymentOrder> find(int orderId) {
        return read(dsl -> find(dsl, orderId));
    }

    public Optional<PaymentOrder> findByNumber(String number) {
        if (blank(number)) {
            return Optional.empty();
        }
        return read(dsl -> dsl.select(PAYMENT_ORDER.ID).from(PAYMENT_ORDER).where(PAYMENT_ORDER.NUMBER.eq(number.strip().toUpperCase()))
                .fetchOptional(PAYMENT_ORDER.ID).flatMap(id -> find(dsl, id)));
    }

    /**
     * The order as stored now, keeping the lines of {@code known}: the database never lets an issued order's lines
     * change, only its cancellation and its files' fingerprints — no need to read tens of thousands of lines again.
     */
    public Optional<PaymentOrder> reread(PaymentOrder known) {
        return read(dsl -> find(dsl, known.id(), known));
    }

    static Optional<PaymentOrder> find(DSLContext dsl, int orderId) {
        return find(dsl, orderId, null);
    }

    private static Optional<PaymentOrder> find(DSLContext dsl, int orderId, PaymentOrder known) {
        PaymentOrderRecord r = dsl.selectFrom(PAYMENT_ORDER).where(PAYMENT_ORDER.ID.eq(orderId)).fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        String cancels = r.getCancelsId() == null ? null
                : dsl.select(PAYMENT_ORDER.NUMBER).from(PAYMENT_ORDER).where(PAYMENT_ORDER.ID.eq(r.getCancelsId())).fetchOne().value1();
        String cancelledBy = dsl.select(PAYMENT_ORDER.NUMBER).from(PAYMENT_ORDER).where(PAYMENT_ORDER.CANCELS_ID.eq(orderId))
                .fetchOptional(PAYMENT_ORDER.NUMBER).orElse(null);
        boolean same = known != null && known.number().equals(r.getNumber()) && known.lines().size() == r.getLineCount();
        return Optional.of(order(r, cancels, cancelledBy, same ? known.lines() : lines(dsl, orderId)));
    }

    private static PaymentOrder order(PaymentOrderRecord r, String cancels, String cancelledBy, List<OrderLine> lines) {
        return new PaymentOrder(r.getId(), r.getNumber(), PaymentOrder.Kind.valueOf(r.getKind()), cancels, cancelledBy, r.getReason(),
                r.getProjectId(), r.getProjectReference(), r.getPcrTypeCode(), r.getPcrTypeLabel(),
                new Period(r.getPeriod(), LocalDate.parse(r.getPeriodStart()), LocalDate.parse(r.getPeriodEnd())),
                PaymentChannel.valueOf(r.getChannel()), LocalDate.parse(r.getIssuedOn()), OffsetDateTime.parse(r.getIssuedAt()), r.getIssuedBy(),
                readSnapshot(r.getStructure()), r.getChecks().isEmpty() ? List.of() : List.of(r.getChecks().split("\n")),
                r.getWarnings() == null ? List.of() : List.of(r.getWarnings().split("\n")), r.getTotalCents(), lines,
                r.getPdfFingerprint(), r.getCsvFingerprint(), r.getSepaFingerprint());
    }

    /**
     * The lines of an order in their order, read by column position through JDBC: an order of a large quarter holds
     * tens of thousands of lines, which jOOQ's records took several times longer to read. Dates repeat from line to
     * line and are parsed once each.
     */
    private static List<OrderLine> lines(DSLContext dsl, int orderId) {
        var query = dsl.select(PAYMENT_ORDER_LINE.POSITION, PAYMENT_ORDER_LINE.EPISODE_ID, PAYMENT_ORDER_LINE.EPISODE_REFERENCE,
                        PAYMENT_ORDER_LINE.SEQUENCE_CODE, PAYMENT_ORDER_LINE.SEQUENCE_LABEL, PAYMENT_ORDER_LINE.SERVICE_START,
                        PAYMENT_ORDER_LINE.SERVICE_END, PAYMENT_ORDER_LINE.DUE_CENTS, PAYMENT_ORDER_LINE.PATIENT_ID,
                        PAYMENT_ORDER_LINE.PATIENT_LAST_NAME, PAYMENT_ORDER_LINE.PATIENT_FIRST_NAME, PAYMENT_ORDER_LINE.PATIENT_BIRTH_DATE,
                        PAYMENT_ORDER_LINE.PATIENT_NIR, PAYMENT_ORDER_LINE.PROFESSIONAL_ID, PAYMENT_ORDER_LINE.PROFESSIONAL_NAME,
                        PAYMENT_ORDER_LINE.PROFESSION_CODE, PAYMENT_ORDER_LINE.RPPS, PAYMENT_ORDER_LINE.AM_NUMBER, PAYMENT_ORDER_LINE.PAYEE_KIND,
                        PAYMENT_ORDER_LINE.PAYEE_NAME, PAYMENT_ORDER_LINE.IBAN, PAYMENT_ORDER_LINE.BIC, PAYMENT_ORDER_LINE.ACTIVITY_COUNT,
                        PAYMENT_ORDER_LINE.AMOUNT_CENTS)
                .from(PAYMENT_ORDER_LINE).where(PAYMENT_ORDER_LINE.ORDER_ID.eq(orderId)).orderBy(PAYMENT_ORDER_LINE.POSITION);
        String sql = query.getSQL(ParamType.INDEXED);
        return dsl.connectionResult(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setInt(1, orderId);
                try (ResultSet rs = st.executeQuery()) {
                    List<OrderLine> out = new ArrayList<>();
                    Map<String, LocalDate> dates = new HashMap<>();
                    Function<String, LocalDate> date = text -> dates.computeIfAbsent(text, LocalDate::parse);
                    while (rs.next()) {
                        int professionalId = rs.getInt(14);
                        Integer professional = rs.wasNull() ? null : professionalId;
                        out.add(new OrderLine(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                date.apply(rs.getString(6)), date.apply(rs.getString(7)), rs.getLong(8), rs.getInt(9), rs.getString(10),
                                rs.getString(11), date.apply(rs.getString(12)), rs.getString(13), professional, rs.getString(15),
                                rs.getString(16), rs.getString(17), rs.getString(18), PayeeKind.valueOf(rs.getString(19)), rs.getString(20),
                                rs.getString(21), rs.getString(22), rs.getInt(23), rs.getLong(24)));
                    }
                    return out;
                }
            }
        });
    }

    /** The output formats of an order, whose fingerprint the order keeps. */
    public enum Format {
        PDF, CSV, SEPA
    }

    /**
     * Keeps the fingerprint of an order's file the first time it is written, and records the export in the audit.
     * The order's files come out the same each time, so a later export has the same fingerprint.
     */
    public void recordExport(int orderId, Format format, String fingerprint, AuditAction action) {
        write((dsl, audit) -> {
            var field = switch (format) {
                case PDF -> PAYMENT_ORDER.PDF_FINGERPRINT;
                case CSV -> PAYMENT_ORDER.CSV_FINGERPRINT;
                case SEPA -> PAYMENT_ORDER.SEPA_FINGERPRINT;
            };
            dsl.update(PAYMENT_ORDER).set(field, fingerprint).where(PAYMENT_ORDER.ID.eq(orderId)).and(field.isNull()).execute();
            audit.record("payment_order", orderId, action, Map.of(format.name().toLowerCase() + "_fingerprint", Audit.Change.created(fingerprint)));
            return null;
        });
    }

    // ---------------------------------------------------------------- helpers

    static String money(long cents) {
        return Money.format(Split.euros(cents));
    }

    private static String snapshot(StructureInput s) {
        PaymentOrder.StructureSnapshot snap = s == null ? new PaymentOrder.StructureSnapshot("Structure", null, null, null, null, null, null)
                : new PaymentOrder.StructureSnapshot(s.name(), s.siret(), s.finess(),
                        String.join(", ", nonBlank(s.address(), join(s.postalCode(), s.city()))), s.legalRepresentative(), s.iban(), s.bic());
        try {
            return JSON.writeValueAsString(snap);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PaymentOrder.StructureSnapshot readSnapshot(String json) {
        try {
            return JSON.readValue(json, PaymentOrder.StructureSnapshot.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable structure snapshot of a payment order", e);
        }
    }

    private static String join(String a, String b) {
        return String.join(" ", nonBlank(a, b));
    }

    private static List<String> nonBlank(String... parts) {
        return Arrays.stream(parts).filter(p -> !blank(p)).toList();
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Hands each row of {@code query} to {@code reader}, read through JDBC: quarters hold tens of thousands of rows. */
    private static void fetch(DSLContext dsl, ResultQuery<?> query, RowReader reader) {
        String sql = query.getSQL();
        List<Object> binds = query.getBindValues();
        dsl.connection(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < binds.size(); i++) {
                    st.setObject(i + 1, binds.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        });
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
