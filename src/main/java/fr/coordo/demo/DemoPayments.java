package fr.coordo.demo;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.AppointmentInput;
import fr.coordo.agenda.AppointmentKind;
import fr.coordo.agenda.AppointmentStatus;
import fr.coordo.agenda.ConflictsException;
import fr.coordo.agenda.Place;
import fr.coordo.identity.IdentifierKind;
import fr.coordo.pathway.PcrType;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.patient.PatientService;
import fr.coordo.payment.PayableUnit;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentService;
import fr.coordo.payment.Period;
import fr.coordo.payment.Share;
import fr.coordo.payment.Split;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The payment orders of the demo's validated projet, through the payment service: the two quarters before the current
 * one paid on the first working day after their end; the previous quarter's order cancelled a few days later — its
 * psychologue was paid for a patient she never saw — and issued again with that episode's split modulated; the current
 * quarter left to prepare, with a unit the checks block (a médecin whose new IBAN is still to type in, as the note of
 * his record says) and shares without any appointment to confirm.
 *
 * <p>The patients of those units get their appointments with the professionals paid, booked and then marked réalisés
 * through the agenda, so that most shares show their activity.
 */
final class DemoPayments {
    static final String CANCEL_REASON = "Répartition corrigée";
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String PSYCHOLOGUE = "psychologue";
    private static final String APA = "enseignant_apa";

    /** What was written: appointments booked and orders issued (cancelling ones included). */
    record Result(int appointments, int orders) {}

    /** How an appointment of the parcours looks, by profession: kind, place, room, length, title. */
    private record Visit(AppointmentKind kind, Place place, String detail, int minutes, String title) {}

    private static final Map<String, Visit> VISITS = Map.of(
            "medecin", new Visit(AppointmentKind.CONSULTATION, Place.MSP, "Cabinet 2", 30, "Consultation de suivi — parcours obésité"),
            "dieteticien", new Visit(AppointmentKind.CONSULTATION, Place.MSP, "Bureau 2", 45, "Suivi diététique — parcours obésité"),
            APA, new Visit(AppointmentKind.SEANCE, Place.MSP, "Salle d'activité", 60, "Activité physique adaptée — parcours obésité"),
            PSYCHOLOGUE, new Visit(AppointmentKind.SEANCE, Place.MSP, "Bureau 1", 45, "Entretien psychologique — parcours obésité"));
    private static final Visit OTHER = new Visit(AppointmentKind.CONSULTATION, Place.MSP, null, 30, null);

    private final Random random;
    private final LocalDate today;

    DemoPayments(Random random, LocalDate today) {
        this.random = random;
        this.today = today;
    }

    // ---------------------------------------------------------------- where the episodes end

    /**
     * The days the {@code k}-th closed episode of the demo may end on, so that every quarter the demo pays has some: the
     * first in the quarter before the previous one (which the validation, seven months ago, leaves a month at least), the
     * next two in the previous quarter, the last two in the current one, before today.
     */
    static LocalDate[] closingDays(LocalDate validated, LocalDate today, int k) {
        Period current = Period.quarterOf(today);
        Period previous = current.previous();
        return switch (k % 5) {
            case 0 -> new LocalDate[] {DemoPathway.latest(validated.plusDays(12), previous.previous().start()), previous.previous().end()};
            case 1, 2 -> new LocalDate[] {previous.start(), previous.end()};
            default -> currentDays(today);
        };
    }

    /** The days of the current quarter before today (today alone on its first day). */
    static LocalDate[] currentDays(LocalDate today) {
        LocalDate start = Period.quarterOf(today).start();
        return start.isBefore(today) ? new LocalDate[] {start, today.minusDays(1)} : new LocalDate[] {today, today};
    }

    // ---------------------------------------------------------------- the story

    Result write(Database db, int projectId) {
        Period current = Period.quarterOf(today);
        Period previous = current.previous();
        Period older = previous.previous();
        PaymentService now = new PaymentService(db, at(today));
        List<PayableUnit> olderUnits = now.prepare(older).units();
        List<PayableUnit> previousUnits = now.prepare(previous).units();
        List<PayableUnit> currentUnits = now.prepare(current).units();

        Map<Integer, Professional> team = new TeamService(db).all().stream().collect(Collectors.toMap(Professional::id, p -> p));
        List<Project> projects = new ProjectService(db, at(today)).all();
        ProjectVersion version = projects.stream().filter(p -> p.id() == projectId).findFirst().orElseThrow().current();
        Map<String, List<Professional>> members = new LinkedHashMap<>();
        for (ProjectVersion.Member m : version.members()) {
            members.computeIfAbsent(m.professional().professionCode(), k -> new ArrayList<>()).add(team.get(m.professional().id()));
        }
        List<String> parties = version.type().type().defaultSplit().stream()
                .filter(s -> !PcrType.COORDINATION.equals(s.party()) && s.percent() != null && s.percent().signum() > 0)
                .map(PcrType.Share::party).filter(members::containsKey).toList();

        // The médecin whose IBAN goes: one who signs no other projet, whose dossier would show the gap too.
        Set<Integer> elsewhere = projects.stream().filter(p -> p.id() != projectId).flatMap(p -> p.current().members().stream())
                .map(m -> m.professional().id()).collect(Collectors.toSet());
        List<Professional> doctors = members.getOrDefault("medecin", List.of());
        List<Professional> free = doctors.stream().filter(d -> !elsewhere.contains(d.id())).toList();
        Professional withoutIban = doctors.isEmpty() ? null : pick(free.isEmpty() ? doctors : free);

        PayableUnit blocked = currentUnits.isEmpty() ? null : currentUnits.getFirst();
        PayableUnit unconfirmed = lastWithout(currentUnits, APA, blocked);
        PayableUnit unfollowed = previousUnits.stream().filter(u -> unseen(u, PSYCHOLOGUE)).findFirst()
                .orElse(previousUnits.isEmpty() ? null : previousUnits.getFirst());

        List<PayableUnit> all = new ArrayList<>(olderUnits);
        all.addAll(previousUnits);
        all.addAll(currentUnits);
        Map<Integer, Map<String, Professional>> seenBy = whoSees(all, parties, members, withoutIban, blocked,
                currentUnits.stream().map(u -> u.episode().id()).collect(Collectors.toSet()));
        int booked = 0;
        Map<DayOfWeek, LocalTime[]> hours = new AgendaService(db, at(today)).openingHours();
        for (PayableUnit u : all) {
            for (Map.Entry<String, Professional> e : seenBy.get(u.episode().id()).entrySet()) {
                if (u == unfollowed && e.getKey().equals(PSYCHOLOGUE) || u == unconfirmed && e.getKey().equals(APA)) {
                    continue;
                }
                booked += book(db, hours, u, e.getKey(), e.getValue(), 1 + random.nextInt(2));
            }
        }

        int orders = 0;
        if (!olderUnits.isEmpty()) {
            orders += issue(db, older, workingDayAfter(older.end()));
        }
        LocalDate issued = workingDayAfter(previous.end());
        LocalDate corrected = workingDayAfter(issued.plusDays(7 + random.nextInt(7)));
        if (!previousUnits.isEmpty()) {
            PaymentService first = new PaymentService(db, at(issued));
            PaymentOrder order = first.issue(first.prepare(previous), true).getFirst();
            orders += 1 + correct(db, order, unfollowed, corrected);
        }
        if (withoutIban != null) {
            dropIban(db, team.get(withoutIban.id()), DemoPathway.earliest(DemoPathway.latest(corrected, today.minusDays(1 + random.nextInt(6))), today));
        }
        return new Result(booked, orders);
    }

    /**
     * Who sees each patient: of each profession paid, the one who decided the inclusion when he is a signatory, else one
     * drawn; in the current quarter, only the blocked unit's patient sees the médecin without IBAN.
     */
    private Map<Integer, Map<String, Professional>> whoSees(List<PayableUnit> units, List<String> parties,
            Map<String, List<Professional>> members, Professional withoutIban, PayableUnit blocked, Set<Integer> current) {
        Map<Integer, Map<String, Professional>> seenBy = new HashMap<>();
        for (PayableUnit u : units) {
            seenBy.computeIfAbsent(u.episode().id(), id -> {
                Map<String, Professional> who = new LinkedHashMap<>();
                for (String profession : parties) {
                    List<Professional> pool = members.get(profession);
                    Professional p = pool.stream().filter(x -> x.id() == u.episode().decidedBy().id()).findFirst().orElseGet(() -> pick(pool));
                    if (profession.equals("medecin") && withoutIban != null && current.contains(id)) {
                        List<Professional> others = pool.stream().filter(x -> x.id() != withoutIban.id()).toList();
                        p = blocked.episode().id() == id ? withoutIban : others.isEmpty() ? p : pick(others);
                    }
                    who.put(profession, p);
                }
                return who;
            });
        }
        return seenBy;
    }

    /**
     * Cancels {@code order}, whose psychologue share of {@code unfollowed} paid no one who saw the patient, moves that share
     * to the diététique and the activité physique adaptée and pays the quarter again. Returns the orders issued.
     */
    private int correct(Database db, PaymentOrder order, PayableUnit unfollowed, LocalDate on) {
        PaymentService payments = new PaymentService(db, at(on));
        List<Professional> psychologues = unfollowed.shares().stream().filter(x -> isOf(x, PSYCHOLOGUE)).map(Share::professional).toList();
        boolean several = psychologues.size() > 1;
        String psy = several ? "les psychologues de l'équipe" : psychologues.isEmpty() || "Mme".equals(psychologues.getFirst().civility())
                ? "la psychologue" : "le psychologue";
        String notFollowed = psy + (several ? " n'ont pas suivi " : " n'a pas suivi ");
        boolean woman = "F".equals(new PatientService(db).find(unfollowed.patient().id()).orElseThrow().data().sex());
        payments.cancel(order.id(), CANCEL_REASON + " : " + notFollowed + (woman ? "la patiente" : "le patient") + " de l'épisode "
                + unfollowed.episodeReference() + ".");
        modulate(payments, unfollowed, Character.toUpperCase(notFollowed.charAt(0)) + notFollowed.substring(1)
                + (woman ? "cette patiente : " : "ce patient : ") + (several ? "leur" : "sa") + " part revient à la diététique et à "
                + "l'activité physique adaptée, qui l'ont " + (woman ? "accompagnée." : "accompagné."));
        return 1 + issue(db, order.period(), on);
    }

    private int issue(Database db, Period period, LocalDate on) {
        PaymentService payments = new PaymentService(db, at(on));
        return payments.issue(payments.prepare(period), true).size();
    }

    /** The psychologue's part goes to the diététique and the activité physique adaptée, who did follow the patient. */
    private void modulate(PaymentService payments, PayableUnit paid, String note) {
        PayableUnit u = payments.unit(paid.episode().id(), paid.sequenceCode()).orElseThrow();
        long freed = u.shares().stream().filter(s -> isOf(s, PSYCHOLOGUE)).mapToLong(Share::amountCents).sum();
        List<Share> kept = u.shares().stream().filter(s -> !isOf(s, PSYCHOLOGUE)).toList();
        List<Integer> takers = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            if (isOf(kept.get(i), "dieteticien") || isOf(kept.get(i), APA)) {
                takers.add(i);
            }
        }
        if (takers.isEmpty()) {
            takers.add(0);
        }
        long[] extra = new long[kept.size()];
        for (int k = 0; k < takers.size(); k++) {
            extra[takers.get(k)] = freed / takers.size() + (k < freed % takers.size() ? 1 : 0);
        }
        List<PaymentService.SplitLine> lines = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            lines.add(new PaymentService.SplitLine(kept.get(i).professionalId(), Split.euros(kept.get(i).amountCents() + extra[i])));
        }
        payments.saveSplit(u.episode().id(), u.sequenceCode(), lines, note);
    }

    /** The médecin changed banks: his old IBAN is gone, the new one waits in his record's note for someone to type it in. */
    private void dropIban(Database db, Professional p, LocalDate on) {
        String iban = DemoPathway.iban(random);
        String spaced = iban.replaceAll("(.{4})(?!$)", "$1 ");
        String note = "Nouveau RIB à saisir : IBAN " + spaced + ", BIC CCBPFRPPTRS (remis le " + FR_DATE.format(on)
                + ", changement de banque, l'ancien compte est clos).";
        ProfessionalInput in = p.toInput();
        ProfessionalInput without = new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(), in.specialty(),
                in.rpps(), in.adeli(), in.amNumber(), in.amRequestedOn(), in.conventioned(), in.cpamContractSignedOn(), in.practiceMode(),
                in.employerName(), in.employerSiret(), in.phone(), in.email(), in.mssante(), null, null,
                in.notes() == null || in.notes().isBlank() ? note : note + " " + in.notes().strip());
        Set<IdentifierKind> confirmed = p.confirmedKeys() == null ? Set.of()
                : Arrays.stream(p.confirmedKeys().split(",")).map(IdentifierKind::valueOf).collect(Collectors.toSet());
        new TeamService(db, at(on)).update(p.id(), without, confirmed);
    }

    // ---------------------------------------------------------------- the agenda

    /**
     * Books {@code n} appointments of the patient with {@code p} during the unit's service, each a few days ahead and
     * marked réalisé on its evening; a slot the agenda refuses for a clash is drawn again. Returns how many were booked.
     */
    private int book(Database db, Map<DayOfWeek, LocalTime[]> hours, PayableUnit u, String profession, Professional p, int n) {
        LocalDate from = u.serviceStart();
        // The last day of a séquence ended by a death has no appointment: the agenda books nothing from that day.
        LocalDate to = u.serviceEnd().isAfter(from) ? u.serviceEnd().minusDays(1) : from;
        Visit visit = VISITS.getOrDefault(profession, OTHER);
        long span = ChronoUnit.DAYS.between(from, to) + 1;
        int done = 0;
        Set<LocalDate> taken = new HashSet<>();
        for (int attempt = 0; attempt < 30 * n && done < n; attempt++) {
            LocalDate day = from.plusDays(random.nextInt((int) span));
            LocalTime[] open = hours.get(day.getDayOfWeek());
            if (open == null || DemoAgenda.isPublicHoliday(day) || taken.contains(day) || day.isAfter(today)) {
                continue;
            }
            long quarters = (ChronoUnit.MINUTES.between(open[0], open[1]) - visit.minutes()) / 15;
            if (quarters < 0) {
                continue;
            }
            LocalTime time = open[0].plusMinutes(15 * random.nextLong(quarters + 1));
            String title = profession.equals("dieteticien") && done == 0 && u.sequenceCode().equals(firstSequence(u)) ? "Bilan diététique — parcours obésité"
                    : visit.title();
            AppointmentInput in = new AppointmentInput(u.patient().id(), List.of(p.id()), day.atTime(time),
                    day.atTime(time).plus(Duration.ofMinutes(visit.minutes())), visit.kind(), visit.place(), visit.detail(), title,
                    null, null, null, null, null);
            LocalDate bookedOn = DemoPathway.earliest(day.minusDays(3 + random.nextInt(18)), today.minusDays(1));
            int id;
            try {
                id = new AgendaService(db, at(bookedOn)).create(in, null, uid()).id();
            } catch (ConflictsException clash) {
                continue;
            }
            long evening = 18 * 60 + 30 + random.nextInt(60);
            Clock seen = Clock.fixed(day.atStartOfDay(Database.ZONE).plusMinutes(evening).toInstant(), Database.ZONE);
            new AgendaService(db, seen).setStatus(id, AppointmentStatus.REALISE, null);
            taken.add(day);
            done++;
        }
        return done;
    }

    private static String firstSequence(PayableUnit u) {
        return u.episode().sequences().isEmpty() ? "" : u.episode().sequences().getFirst().code();
    }

    // ---------------------------------------------------------------- helpers

    /** True when no professional of {@code profession} paid by the unit has an appointment with the patient yet. */
    private static boolean unseen(PayableUnit u, String profession) {
        return u.shares().stream().filter(s -> isOf(s, profession)).allMatch(s -> s.activityCount() == 0);
    }

    /** The last unit other than {@code besides} whose {@code profession} has seen the patient yet, else the last one. */
    private static PayableUnit lastWithout(List<PayableUnit> units, String profession, PayableUnit besides) {
        for (int i = units.size() - 1; i >= 0; i--) {
            if (units.get(i) != besides && unseen(units.get(i), profession)) {
                return units.get(i);
            }
        }
        return units.isEmpty() ? null : units.getLast();
    }

    private static boolean isOf(Share s, String profession) {
        return s.professional() != null && s.professional().professionCode().equals(profession);
    }

    /** The first weekday after {@code day} that is no public holiday, today at the latest. */
    private LocalDate workingDayAfter(LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (d.getDayOfWeek().getValue() > 5 || DemoAgenda.isPublicHoliday(d)) {
            d = d.plusDays(1);
        }
        return DemoPathway.earliest(d, today);
    }

    /** A clock on {@code day}, in office hours. */
    private Clock at(LocalDate day) {
        return Clock.fixed(day.atTime(9 + random.nextInt(9), random.nextInt(60)).atZone(Database.ZONE).toInstant(), Database.ZONE);
    }

    /** A version-4 looking UUID drawn from the seed, as the agenda's own ones look. */
    private String uid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low) + "@coordo";
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

}
