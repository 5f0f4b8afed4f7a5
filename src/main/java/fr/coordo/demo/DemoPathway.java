package fr.coordo.demo;

import static fr.coordo.store.schema.Tables.PROFESSIONAL;
import static fr.coordo.store.schema.Tables.TEAM_MEMBERSHIP;

import fr.coordo.identity.CheckDigits;
import fr.coordo.pathway.ConsentForm;
import fr.coordo.pathway.EndReason;
import fr.coordo.pathway.EpisodeService;
import fr.coordo.pathway.InclusionInput;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.pathway.PcrType;
import fr.coordo.pathway.PcrTypeService;
import fr.coordo.pathway.PcrTypeVersion;
import fr.coordo.pathway.ProjectInput;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The parcours coordonnés renforcés of the demo: a projet of the obesity PCR validated by the ARS, with its whole team
 * and about forty episodes in every state; a second projet transmitted three weeks ago, whose two-month window is
 * still open; and a draft with the gaps a coordinator meets. Everything goes through the pathway services, each step
 * with a clock set on its own day: every date is one the application itself accepted on that day.
 *
 * <p>The validated projet's past quarters are then paid, and the current one left to prepare ({@link DemoPayments}).
 *
 * <p>The services write in transactions of their own, so this runs once the rest of the demo is committed. Who gets
 * an episode is chosen before, inside the demo's transaction: the one patient who dies during his episode is recorded
 * as deceased with the rest of the patients, and the agenda books nothing for him after that day.
 */
final class DemoPathway {
    /** The note of every PCR type version the demo completes: its figures are invented. */
    static final String DEMO_FIGURES = "Montants fictifs de démonstration — à vérifier dans l'arrêté";
    static final String OBESITY = "obesite_complexe_adulte";
    static final String ADDICTIONS = "addictions";
    static final String RESPIRATORY = "readaptation_respiratoire";
    /**
     * Episodes of the validated projet, in the large demo too: through the services each one costs some 20 ms once the
     * team is 300 strong (every inclusion reloads the team and the projet), and 2 000 would add forty seconds.
     */
    static final int EPISODES = 40;
    /** The professions a PCR team cannot do without: the first of each in the demo team has a complete record. */
    private static final List<String> CORE = List.of("dieteticien", "enseignant_apa", "psychologue");
    /** Obesity specialists outside the structure who validate some inclusions (fictitious). */
    private static final List<String> SPECIALISTS = List.of(
            "Dr Hélène Marchais, endocrinologue au CHRU de Tours",
            "Dr Bruno Lefébure, nutritionniste, centre spécialisé de l'obésité de Tours",
            "Dr Sophie Garnaud, endocrinologue à Saint-Cyr-sur-Loire");
    private static final List<String> INTERRUPTED = List.of(
            "Hospitalisation prolongée : le parcours reprendra par une nouvelle inclusion si besoin.",
            "Déménagement hors du territoire de la maison de santé ; relais pris par l'équipe de son nouveau médecin traitant.");
    private static final List<String> WITHDREW = List.of(
            "Ne souhaite pas poursuivre : horaires de travail incompatibles avec les séances.",
            "A souhaité arrêter le parcours après le bilan initial, sans vouloir en dire plus.",
            "Ne venait plus aux rendez-vous ; retrait confirmé par téléphone, revu{e} par son médecin traitant.");

    /** What was written; the appointments are those booked for the payments' story. */
    record Result(int projects, int episodes, int appointments, int orders) {}

    /** How an episode's story goes: included and waiting, in one séquence or the other, or ended one of four ways. */
    enum Course { INCLUS, S1, S2, TERMINE, INTERROMPU, RETRAIT, DECES }

    /** One episode as planned inside the demo's transaction, written through the service after it. */
    private static final class Planned {
        final DemoPatient patient;
        final Course course;
        int profileDraw;
        ConsentForm form;
        LocalDate informed;
        LocalDate consent;
        LocalDate decided;
        LocalDate start;
        LocalDate firstEnd;
        LocalDate endOn;
        String endNote;

        Planned(DemoPatient patient, Course course) {
            this.patient = patient;
            this.course = course;
        }
    }

    private final Random random;
    private final LocalDate today;
    /** The large demo's obesity projet has every complete member of its team: the dossier of some 250 signatories. */
    private final boolean large;
    /** The obesity projet was transmitted about eight months ago and validated by the ARS a month later. */
    private final LocalDate transmitted;
    private final LocalDate validated;
    private final List<Planned> planned = new ArrayList<>();
    /** Closed episodes dated so far: each ends in the quarter {@link DemoPayments#closingDays} gives it. */
    private int closed;

    DemoPathway(Random random, LocalDate today, DemoGenerator.Size size) {
        this.random = random;
        this.today = today;
        this.large = size == DemoGenerator.Size.LARGE;
        this.transmitted = transmittedOn(today);
        this.validated = transmitted.plusMonths(1);
    }

    static LocalDate transmittedOn(LocalDate today) {
        return today.minusMonths(8);
    }

    // ---------------------------------------------------------------- inside the demo's transaction

    /**
     * Brings the records of the team in line with its projets, through a draw of its own so that nothing else the seed
     * gives changes: the first diététicien, enseignant APA and psychologue have the numéro AM (or a request made before
     * the projet), the IBAN and the CPAM contract a signatory needs; the first assistant de service social, on the draft
     * projet, has no RPPS (RPPS+) and no IBAN yet: two gaps the readiness check names. (A salaried professional without
     * employer is a record the team form refuses: the demo does not invent one.)
     */
    static void shapeTeam(DSLContext dsl, DemoTeam team, LocalDate today, Random r) {
        LocalDate transmitted = transmittedOn(today);
        for (String profession : CORE) {
            List<Integer> ids = team.active(profession);
            if (ids.isEmpty()) {
                continue;
            }
            var p = dsl.selectFrom(PROFESSIONAL).where(PROFESSIONAL.ID.eq(ids.getFirst())).fetchSingle();
            LocalDate since = LocalDate.parse(dsl.select(TEAM_MEMBERSHIP.START_DATE).from(TEAM_MEMBERSHIP)
                    .where(TEAM_MEMBERSHIP.PROFESSIONAL_ID.eq(p.getId())).fetchSingle().value1());
            LocalDate before = transmitted.minusDays(30 + r.nextInt(60));
            if (p.getAmNumber() == null && p.getAmRequestedOn() == null) {
                p.setAmNumber(luhn("37" + digits(r, 6)));
                p.setAmStatus("ASSIGNED");
            } else if (p.getAmNumber() == null) {
                // Still waiting for the CPAM's answer, asked while the projet was prepared: the dossier says « demande en cours ».
                p.setAmRequestedOn(latest(since, before).toString());
            }
            if (p.getIban() == null) {
                p.setIban(iban(r));
                p.setBic("AGRIFRPP847");
            }
            if (p.getConventioned() == 0 && (p.getCpamContractSignedOn() == null || LocalDate.parse(p.getCpamContractSignedOn()).isAfter(before))) {
                p.setCpamContractSignedOn(latest(since.plusDays(15), before).toString());
            }
            p.store();
        }
        List<Integer> social = team.active("assistant_service_social");
        if (!social.isEmpty()) {
            dsl.update(PROFESSIONAL).setNull(PROFESSIONAL.RPPS).setNull(PROFESSIONAL.CONFIRMED_KEYS).setNull(PROFESSIONAL.IBAN)
                    .setNull(PROFESSIONAL.BIC).where(PROFESSIONAL.ID.eq(social.getFirst())).execute();
        }
    }

    /**
     * Chooses who has an episode and invents its dates, before the patients are written. People with a plan in force
     * come first, so that an episode opens onto a plan and appointments; the one who dies during his episode is someone
     * without a plan, recorded as deceased on that day.
     */
    void choose(List<DemoPatient> people, List<DemoPlans.Bookable> bookable) {
        Set<DemoPatient> followed = new LinkedHashSet<>();
        for (DemoPlans.Bookable b : bookable) {
            if (suitable(b.patient(), 18, 79)) {
                followed.add(b.patient());
            }
        }
        List<DemoPatient> withPlan = new ArrayList<>(followed);
        withPlan.sort(Comparator.comparingInt(p -> p.id));
        Collections.shuffle(withPlan, random);
        // The plans of the demo are mostly for older people: the other plans of people under 80 come next.
        List<DemoPatient> otherPlans = new ArrayList<>(people.stream().filter(p -> p.hasPlan && !followed.contains(p) && suitable(p, 18, 79)).toList());
        Collections.shuffle(otherPlans, random);
        withPlan.addAll(otherPlans);
        List<DemoPatient> others = new ArrayList<>(people.stream().filter(p -> !p.hasPlan && suitable(p, 25, 75)).toList());
        Collections.shuffle(others, random);

        List<Course> courses = courses(EPISODES);
        int fromPlans = 0;
        int fromOthers = 0;
        for (Course c : courses) {
            DemoPatient p;
            if (c != Course.DECES && fromPlans < withPlan.size()) {
                p = withPlan.get(fromPlans++);
            } else if (fromOthers < others.size()) {
                p = others.get(fromOthers++);
            } else {
                continue;
            }
            Planned e = new Planned(p, c);
            date(e);
            planned.add(e);
        }
        planned.sort(Comparator.comparing((Planned e) -> e.decided).thenComparingInt(e -> e.patient.id));
    }

    /** The courses of {@code n} episodes: most in their first séquence, a fifth in the second, a few ended or waiting. */
    static List<Course> courses(int n) {
        Map<Course, Integer> counts = new LinkedHashMap<>();
        counts.put(Course.INCLUS, Math.max(2, Math.round(n * 0.075f)));
        counts.put(Course.S2, Math.round(n * 0.2f));
        counts.put(Course.TERMINE, Math.max(1, Math.round(n * 0.025f)));
        counts.put(Course.INTERROMPU, Math.max(1, Math.round(n * 0.05f)));
        counts.put(Course.RETRAIT, Math.max(1, Math.round(n * 0.05f)));
        counts.put(Course.DECES, Math.max(1, Math.round(n * 0.005f)));
        int others = counts.values().stream().mapToInt(Integer::intValue).sum();
        counts.put(Course.S1, Math.max(0, n - others));
        List<Course> out = new ArrayList<>();
        counts.forEach((c, k) -> out.addAll(Collections.nCopies(k, c)));
        return out;
    }

    /**
     * The dates of an episode: inclusion after the validation, séquences and end before today. The closed ones end in the
     * quarters the demo's payments need them in ({@link DemoPayments#closingDays}), the completed one in the current quarter.
     */
    private void date(Planned e) {
        long span = ChronoUnit.DAYS.between(validated, today);
        e.profileDraw = random.nextInt(100);
        e.form = random.nextInt(100) < 80 ? ConsentForm.ECRIT : ConsentForm.ORAL;
        boolean ends = e.course == Course.INTERROMPU || e.course == Course.RETRAIT || e.course == Course.DECES;
        if (ends) {
            LocalDate[] window = DemoPayments.closingDays(validated, today, closed++);
            e.endOn = window[0].plusDays(random.nextInt((int) ChronoUnit.DAYS.between(window[0], window[1]) + 1));
        }
        e.decided = switch (e.course) {
            case INCLUS -> today.minusDays(1 + random.nextInt(14));
            // The second séquence comes after months of the first: those episodes started in the first weeks.
            case S2, TERMINE -> validated.plusDays(1 + random.nextInt(25));
            // At least ten days of care before the end.
            case INTERROMPU, RETRAIT, DECES -> validated.plusDays(1 + random.nextInt((int) Math.max(1, ChronoUnit.DAYS.between(validated, e.endOn) - 11)));
            default -> validated.plusDays(1 + random.nextInt((int) Math.max(1, span - 40)));
        };
        e.informed = latest(validated, e.decided.minusDays(random.nextInt(10)));
        e.consent = e.informed.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(e.informed, e.decided) + 1));
        if (e.course == Course.INCLUS) {
            return;
        }
        // Often the episode starts on the day of the decision, at the consultation that opens it.
        e.start = earliest(e.decided.plusDays(random.nextInt(100) < 40 ? 0 : 1 + random.nextInt(14)), today.minusDays(10));
        if (ends) {
            e.start = earliest(e.start, e.endOn.minusDays(10));
        }
        long running = ChronoUnit.DAYS.between(e.start, today);
        switch (e.course) {
            case S2, TERMINE -> {
                e.firstEnd = e.start.plusDays(150 + random.nextInt((int) Math.max(1, running - 175)));
                if (e.course == Course.TERMINE) {
                    // Completed in the current quarter, at least a week into the second séquence.
                    LocalDate[] window = DemoPayments.currentDays(today);
                    LocalDate from = latest(window[0], e.firstEnd.plusDays(8));
                    e.endOn = from.isAfter(window[1]) ? window[1] : from.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(from, window[1]) + 1));
                    e.endNote = "Objectifs atteints ; suivi repris par le médecin traitant.";
                }
            }
            case INTERROMPU, RETRAIT, DECES -> {
                e.endNote = switch (e.course) {
                    case INTERROMPU -> pick(INTERRUPTED);
                    case RETRAIT -> DemoTexts.agree(pick(WITHDREW), e.patient.woman);
                    default -> null;
                };
                if (e.course == Course.DECES) {
                    e.patient.status = "DECEDE";
                    e.patient.statusOn = e.endOn;
                }
            }
            default -> { }
        }
    }

    private static boolean suitable(DemoPatient p, int minAge, int maxAge) {
        return "SUIVI".equals(p.status) && p.age >= minAge && p.age <= maxAge;
    }

    // ---------------------------------------------------------------- after it, through the services

    /** Writes the PCR types completed, the three projets and the episodes. */
    Result write(Database db) {
        List<Professional> staff = new TeamService(db).all();
        LocalDate prepared = transmitted.minusDays(20);
        PcrTypeService types = new PcrTypeService(db, at(prepared));
        List<PcrTypeVersion> catalogue = types.current();
        PcrTypeVersion obesity = types.saveNewVersion(completed(find(catalogue, OBESITY).orElseThrow().type()), DEMO_FIGURES);
        int validatedId = obesityProject(db, obesity, staff, prepared);

        // The second projet: réadaptation respiratoire when the catalogue has it, else the obesity PCR on another territory.
        LocalDate sent = today.minusDays(21);
        Optional<PcrTypeVersion> respiratory = find(catalogue, RESPIRATORY);
        PcrTypeVersion second = respiratory.isPresent()
                ? new PcrTypeService(db, at(sent.minusDays(45))).saveNewVersion(completed(respiratory.get().type()), DEMO_FIGURES)
                : obesity;
        List<Professional> breathing = new ArrayList<>();
        LocalDate secondCreated = sent.minusDays(40);
        breathing.addAll(pick(staff, "medecin", 2, secondCreated));
        breathing.addAll(pick(staff, "masseur_kinesitherapeute", 2, secondCreated));
        breathing.addAll(pick(staff, "enseignant_apa", 1, secondCreated));
        if (respiratory.isEmpty()) {
            breathing.addAll(pick(staff, "dieteticien", 1, secondCreated));
            breathing.addAll(pick(staff, "psychologue", 1, secondCreated));
        }
        declare(db, new ProjectInput(second.id(), sent.plusMonths(2).plusDays(7), 30,
                respiratory.isPresent() ? "Tours et les communes de la vallée du Cher" : "Joué-lès-Tours et le sud de l'agglomération",
                PaymentChannel.STRUCTURE, members(breathing)), secondCreated, sent);

        // The draft: the addictions PCR when the catalogue has it (its amounts are à compléter), else the obesity one as shipped.
        LocalDate drafted = today.minusDays(12);
        PcrTypeVersion third = find(catalogue, ADDICTIONS).orElseGet(() -> find(catalogue, OBESITY).orElseThrow());
        List<Professional> draftTeam = new ArrayList<>();
        staff.stream().filter(p -> p.professionCode().equals("medecin") && p.isActive(drafted) && p.iban() == null).findFirst()
                .ifPresentOrElse(draftTeam::add, () -> draftTeam.addAll(pick(staff, "medecin", 1, drafted)));
        active(staff, "psychologue", drafted).stream().findFirst().ifPresent(draftTeam::add);
        // The assistant de service social whose record still lacks the RPPS and the IBAN (see shapeTeam).
        active(staff, "assistant_service_social", drafted).stream().min(Comparator.comparing((Professional p) -> p.rpps() != null)
                .thenComparingInt(Professional::id)).ifPresent(draftTeam::add);
        new ProjectService(db, at(drafted)).create(new ProjectInput(third.id(), today.plusMonths(4).withDayOfMonth(1), 25,
                "Tours nord et Saint-Cyr-sur-Loire", PaymentChannel.STRUCTURE, members(draftTeam)));
        int written = writeEpisodes(db, validatedId);
        DemoPayments.Result paid = new DemoPayments(new Random(random.nextLong()), today).write(db, validatedId);
        return new Result(3, written, paid.appointments(), paid.orders());
    }

    /** The obesity projet: prepared in the three weeks before its transmission, validated by the ARS a month later. */
    private int obesityProject(Database db, PcrTypeVersion obesity, List<Professional> staff, LocalDate prepared) {
        LocalDate created = prepared.plusDays(2);
        List<Professional> team = new ArrayList<>();
        team.addAll(pick(staff, "medecin", large ? 999 : 2, created));
        team.addAll(pick(staff, "dieteticien", large ? 999 : 1, created));
        team.addAll(pick(staff, "enseignant_apa", large ? 999 : 1, created));
        team.addAll(pick(staff, "psychologue", large ? 999 : 1, created));
        team.addAll(pick(staff, "infirmier", large ? 999 : 2, created));
        team.addAll(pick(staff, "masseur_kinesitherapeute", large ? 999 : 1, created));
        if (large) {
            // The benchmark case: everyone in the structure whose record is complete signs the projet.
            Set<String> taken = Set.of("medecin", "dieteticien", "enseignant_apa", "psychologue", "infirmier", "masseur_kinesitherapeute");
            staff.stream().filter(p -> !taken.contains(p.professionCode()) && complete(p, created)).forEach(team::add);
        }
        ProjectInput input = new ProjectInput(obesity.id(), transmitted.plusMonths(2).plusDays(1), large ? 3_000 : 60,
                "Tours et les communes de la métropole", PaymentChannel.STRUCTURE, members(team));
        int id = declare(db, input, created, transmitted);
        new ProjectService(db, at(validated)).recordDecision(id, ProjectStatus.VALIDE, validated,
                "Validation notifiée par l'ARS Centre-Val de Loire, copie à la CPAM d'Indre-et-Loire.");
        return id;
    }

    /**
     * Creates a projet on {@code created}, has it ready a few days later, every member and the representative signed
     * and the Ordres notified in the days that follow, and transmits it on {@code sent}. Returns its id.
     */
    private int declare(Database db, ProjectInput input, LocalDate created, LocalDate sent) {
        int id = new ProjectService(db, at(created)).create(input);
        long days = ChronoUnit.DAYS.between(created, sent);
        LocalDate ready = created.plusDays(days / 4);
        new ProjectService(db, at(ready)).markReady(id);
        // Signatures come in over the following days; the representative signs last, the Ordres are notified after.
        long window = Math.max(1, days / 2);
        Map<LocalDate, ProjectService> byDay = new LinkedHashMap<>();
        Map<Integer, LocalDate> signed = new LinkedHashMap<>();
        for (ProjectInput.MemberInput m : input.members()) {
            LocalDate on = ready.plusDays(1 + random.nextInt((int) window));
            signed.put(m.professionalId(), on);
            byDay.computeIfAbsent(on, d -> new ProjectService(db, at(d))).recordSignature(id, m.professionalId(), on);
        }
        LocalDate last = signed.values().stream().max(LocalDate::compareTo).orElse(ready);
        LocalDate representative = earliest(last.plusDays(1), sent.minusDays(2));
        new ProjectService(db, at(representative)).recordRepresentativeSignature(id, representative);
        ProjectService notifying = new ProjectService(db, at(sent.minusDays(1)));
        for (ProjectVersion.Member m : notifying.find(id).orElseThrow().current().members()) {
            if (m.needsOrdreNotification()) {
                notifying.recordOrdreNotification(id, m.professional().id(), earliest(representative.plusDays(random.nextInt(2)), sent.minusDays(1)));
            }
        }
        new ProjectService(db, at(sent)).transmit(id, sent);
        return id;
    }

    private int writeEpisodes(Database db, int projectId) {
        ProjectVersion version = new ProjectService(db, at(today)).find(projectId).orElseThrow().current();
        PcrType type = version.type().type();
        List<String> criteria = type.criteria().stream().map(PcrType.Criterion::code).toList();
        List<PcrType.Sequence> sequences = type.orderedSequences();
        List<Professional> doctors = new ArrayList<>();
        List<Professional> dietitians = new ArrayList<>();
        List<Professional> nurses = new ArrayList<>();
        for (ProjectVersion.Member m : version.members()) {
            switch (m.professional().professionCode()) {
                case "medecin" -> doctors.add(m.professional());
                case "dieteticien" -> dietitians.add(m.professional());
                case "infirmier" -> nurses.add(m.professional());
                default -> { }
            }
        }
        List<String> specialists = new ArrayList<>();
        for (String name : SPECIALISTS) {
            specialists.add(name + "|" + luhn("10" + digits(random, 8)));
        }
        int written = 0;
        for (Planned e : planned) {
            int kind = random.nextInt(100);
            Professional decider;
            Integer validator = null;
            String external = null;
            if (kind < 70 || dietitians.isEmpty()) {
                decider = pick(doctors);
            } else if (kind < 88) {
                decider = pick(dietitians);
                validator = pick(doctors).id();
            } else {
                // Decided in the structure, validated by the obesity specialist who prescribed it.
                decider = nurses.isEmpty() || random.nextBoolean() ? pick(dietitians) : pick(nurses);
                external = pick(specialists);
            }
            InclusionInput in = new InclusionInput(e.patient.id, projectId, profile(type, e.profileDraw), criteria, decider.id(), validator,
                    external == null ? null : external.substring(0, external.indexOf('|')),
                    external == null ? null : external.substring(external.indexOf('|') + 1),
                    e.decided, e.informed, e.consent, e.form, false);
            boolean sameDay = e.decided.equals(e.start);
            int id = new EpisodeService(db, at(e.decided)).include(in, sameDay ? e.start : null);
            written++;
            if (e.start == null) {
                continue;
            }
            if (!sameDay) {
                new EpisodeService(db, at(e.start)).start(id, e.start);
            }
            String first = sequences.getFirst().code();
            if (e.firstEnd != null && sequences.size() > 1) {
                EpisodeService then = new EpisodeService(db, at(e.firstEnd.plusDays(1)));
                then.recordSequence(id, first, e.start, e.firstEnd);
                then.recordSequence(id, sequences.get(1).code(), e.firstEnd.plusDays(1), null);
            }
            if (e.endOn != null) {
                EpisodeService closing = new EpisodeService(db, at(e.endOn));
                // The séquence under way ends with the episode.
                if (e.firstEnd != null && sequences.size() > 1) {
                    closing.recordSequence(id, sequences.get(1).code(), e.firstEnd.plusDays(1), e.endOn);
                } else {
                    closing.recordSequence(id, first, e.start, e.endOn);
                }
                closing.end(id, e.endOn, reason(e.course), e.endNote);
            }
        }
        return written;
    }

    private static EndReason reason(Course c) {
        return switch (c) {
            case TERMINE -> EndReason.TERMINE;
            case INTERROMPU -> EndReason.INTERROMPU;
            case RETRAIT -> EndReason.RETRAIT;
            case DECES -> EndReason.DECES;
            default -> throw new IllegalArgumentException(c.name());
        };
    }

    /** The profile for a draw out of 100: for the four obesity profiles, 40, 20, 25 and 15 %; evenly otherwise. */
    private static String profile(PcrType type, int draw) {
        List<PcrType.Profile> profiles = type.profiles();
        if (profiles.size() == 4) {
            return profiles.get(draw < 40 ? 0 : draw < 60 ? 1 : draw < 85 ? 2 : 3).code();
        }
        return profiles.get(draw * profiles.size() / 100).code();
    }

    // ---------------------------------------------------------------- the PCR types

    /**
     * The type with every « à compléter » typed in, as a coordinator would from the arrêté — here invented, and
     * said so in the note of the version.
     */
    static PcrType completed(PcrType t) {
        List<PcrType.Profile> profiles = new ArrayList<>();
        for (PcrType.Profile p : t.profiles()) {
            BigDecimal forfait = p.forfait() != null ? p.forfait() : demoForfait(t.code(), p.code());
            profiles.add(new PcrType.Profile(p.code(), p.label(), forfait,
                    p.bySequence().isEmpty() && t.code().equals(OBESITY) ? bySequence(t, forfait) : p.bySequence()));
        }
        List<PcrType.Sequence> sequences = new ArrayList<>();
        for (PcrType.Sequence s : t.sequences()) {
            sequences.add(s.durationMonths() != null ? s : new PcrType.Sequence(s.code(), s.order(), s.label(),
                    demoMonths(t.code(), s.order()), s.interventions()));
        }
        List<PcrType.Share> split = t.defaultSplit();
        if (split.isEmpty() || split.stream().anyMatch(s -> s.percent() == null)) {
            split = demoSplit(t);
        }
        String arrete = t.arreteDay().isPresent() ? t.arreteDate() : switch (t.code()) {
            case OBESITY -> "2026-03-02";
            case RESPIRATORY -> "2026-06-15";
            default -> "2026-09-01";
        };
        // the shipped reference says what is still unknown; the demo says its own is invented
        String reference = t.arreteReference().replaceAll("\\s*\\([^()]*" + PcrType.TO_COMPLETE + "[^()]*\\)", "")
                + " (référence fictive de démonstration)";
        return new PcrType(t.code(), t.label(), t.revision(), reference, arrete, t.objectives(), t.targetPopulation(),
                t.criteria(), profiles, sequences, t.overseasSurchargePercent() == null ? BigDecimal.valueOf(20) : t.overseasSurchargePercent(),
                t.coFinanced(), t.patientParticipationPercent() == null ? BigDecimal.ZERO : t.patientParticipationPercent(),
                t.directCpamPayment(), split, t.minimumTeam(), t.eligibleCategories(), t.amendmentRule(), t.notes());
    }

    private static BigDecimal demoForfait(String type, String profile) {
        return switch (type + "/" + profile) {
            case OBESITY + "/P2" -> new BigDecimal("1350.00");
            case OBESITY + "/P3" -> new BigDecimal("1480.00");
            case RESPIRATORY + "/P1" -> new BigDecimal("960.00");
            default -> new BigDecimal("600.00");
        };
    }

    /**
     * The obesity forfait paid in two parts, one per séquence, so that a séquence ended is payable without waiting for
     * the end of a parcours of two years: the intensive first séquence five eighths, to the ten euros, the second the rest.
     */
    private static Map<String, BigDecimal> bySequence(PcrType t, BigDecimal forfait) {
        List<PcrType.Sequence> sequences = t.orderedSequences();
        if (sequences.size() != 2) {
            return Map.of();
        }
        BigDecimal first = forfait.multiply(BigDecimal.valueOf(5)).divide(BigDecimal.valueOf(80), 0, java.math.RoundingMode.HALF_UP)
                .multiply(BigDecimal.TEN).setScale(2);
        return Map.of(sequences.get(0).code(), first, sequences.get(1).code(), forfait.subtract(first).setScale(2));
    }

    private static int demoMonths(String type, int order) {
        if (type.equals(RESPIRATORY)) {
            return order == 1 ? 1 : order == 2 ? 2 : 9;
        }
        return 6;
    }

    /** A split of 100 %: the coordination 15 %, the rest evenly between the professions, the odd percents to the first. */
    private static List<PcrType.Share> demoSplit(PcrType t) {
        List<String> parties = t.defaultSplit().isEmpty()
                ? t.minimumTeam().stream().map(PcrType.Requirement::professionCode).toList()
                : t.defaultSplit().stream().map(PcrType.Share::party).filter(p -> !p.equals(PcrType.COORDINATION)).toList();
        List<PcrType.Share> split = new ArrayList<>();
        int each = 85 / Math.max(1, parties.size());
        for (int i = 0; i < parties.size(); i++) {
            split.add(new PcrType.Share(parties.get(i), BigDecimal.valueOf(i == 0 ? 85 - each * (parties.size() - 1) : each)));
        }
        split.add(new PcrType.Share(PcrType.COORDINATION, BigDecimal.valueOf(parties.isEmpty() ? 100 : 15)));
        return split;
    }

    private static Optional<PcrTypeVersion> find(List<PcrTypeVersion> catalogue, String code) {
        return catalogue.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    // ---------------------------------------------------------------- the team

    /** Up to {@code n} members of a profession with a complete record on {@code day}, drawn at random. */
    private List<Professional> pick(List<Professional> staff, String profession, int n, LocalDate day) {
        List<Professional> ready = new ArrayList<>(staff.stream().filter(p -> p.professionCode().equals(profession) && complete(p, day)).toList());
        Collections.shuffle(ready, random);
        List<Professional> out = new ArrayList<>(ready.subList(0, Math.min(n, ready.size())));
        out.sort(Comparator.comparingInt(Professional::id));
        return out;
    }

    private static List<Professional> active(List<Professional> staff, String profession, LocalDate day) {
        return staff.stream().filter(p -> p.professionCode().equals(profession) && p.isActive(day) && p.memberUntil() == null).toList();
    }

    /** Everything a signatory needs on {@code day}, and still in the team today: no gap in the readiness check. */
    private static boolean complete(Professional p, LocalDate day) {
        return p.isActive(day) && p.memberUntil() == null && p.rpps() != null
                && (p.amNumber() != null || p.amRequestedOn() != null && !p.amRequestedOn().isAfter(day))
                && (p.conventioned() || p.cpamContractSignedOn() != null && !p.cpamContractSignedOn().isAfter(day))
                && (p.practiceMode() != PracticeMode.SALARIE || p.employerName() != null) && p.iban() != null;
    }

    private static List<ProjectInput.MemberInput> members(List<Professional> team) {
        List<ProjectInput.MemberInput> members = new ArrayList<>();
        boolean referent = true;
        for (Professional p : team) {
            String role = switch (p.professionCode()) {
                case "medecin" -> referent ? "Médecin référent du parcours" : "Suivi médical";
                case "dieteticien" -> "Bilan et suivi diététiques";
                case "enseignant_apa" -> "Activité physique adaptée";
                case "psychologue" -> "Accompagnement psychologique";
                case "infirmier" -> "Éducation thérapeutique";
                case "masseur_kinesitherapeute" -> "Réentraînement à l'effort";
                case "assistant_service_social" -> "Accompagnement social";
                default -> null;
            };
            referent &= !p.professionCode().equals("medecin");
            members.add(new ProjectInput.MemberInput(p.id(), role, List.of()));
        }
        return members;
    }

    // ---------------------------------------------------------------- helpers

    /** A clock on {@code day}, in office hours: what the services take for « today » at that step. */
    private Clock at(LocalDate day) {
        return Clock.fixed(day.atTime(9 + random.nextInt(9), random.nextInt(60)).atZone(Database.ZONE).toInstant(), Database.ZONE);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static LocalDate earliest(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static String luhn(String partial) {
        return partial + CheckDigits.luhnCheckDigit(partial);
    }

    private static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    static String iban(Random r) {
        String bank = digits(r, 5);
        String branch = digits(r, 5);
        String account = digits(r, 11);
        String bban = bank + branch + account + CheckDigits.ribKey(bank, branch, account);
        return "FR" + CheckDigits.ibanCheckDigits("FR", bban) + bban;
    }
}
