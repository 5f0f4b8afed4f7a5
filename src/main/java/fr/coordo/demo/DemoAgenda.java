package fr.coordo.demo;

import static fr.coordo.store.schema.Tables.APPOINTMENT;
import static fr.coordo.store.schema.Tables.APPOINTMENT_PROFESSIONAL;
import static fr.coordo.store.schema.Tables.APPOINTMENT_SERIES;

import fr.coordo.agenda.AppointmentKind;
import fr.coordo.agenda.AppointmentStatus;
import fr.coordo.agenda.Place;
import fr.coordo.agenda.Recurrence;
import fr.coordo.plan.Action;
import fr.coordo.store.Database;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.jooq.DSLContext;

/**
 * The demo agenda: months (or, for the large structure, years) of appointments around today for the whole team.
 * Consultations, home visits, téléconsultations, weekly séances of kiné, APA, psychologue or orthophonie, a
 * RCP every four weeks, ETP workshops; series with moved and cancelled occurrences (public holidays
 * included); the past réalisé with a few absences and cancellations, the future prévu; some appointments
 * booked for plan actions, whose past sessions are recorded on the plan as the agenda records them.
 *
 * <p>Appointments are placed on a quarter-hour grid within the opening hours; a professional or a patient is
 * never booked twice at once, but for three deliberate clashes kept with their reason. Every professional is
 * a member of the team on the day. The rows are written as the agenda stores them: one row per occurrence,
 * each series complete (every slot of its rule has its row, moved or cancelled).
 */
final class DemoAgenda {
    /** Days a series may run past the last day new appointments are booked on. */
    private static final int SPILL = 400;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** Times are quarters of an hour from midnight: the RCP at lunchtime, 12:30 – 14:00 (or 12:00), workshops 14:00 – 16:00. */
    private static final int RCP_AT = 12 * 4 + 2;
    private static final int RCP_EARLIER = 12 * 4;
    private static final int RCP_QUARTERS = 6;
    private static final int WORKSHOP_AT = 14 * 4;
    private static final int WORKSHOP_QUARTERS = 8;
    private static final String[] TIMES = new String[97];
    static {
        for (int q = 0; q < TIMES.length; q++) {
            TIMES[q] = String.format("%02d:%02d", q / 4, q % 4 * 15);
        }
    }

    // ---------------------------------------------------------------- what the team books

    /** How an appointment repeats: every {@code interval} weeks or months, {@code min} to {@code max} times. */
    private record Repeat(Recurrence.Frequency frequency, int interval, int min, int max, boolean twiceAWeek) {
        static Repeat weekly(int interval, int min, int max) {
            return new Repeat(Recurrence.Frequency.WEEKLY, interval, min, max, false);
        }

        static Repeat monthly(int interval, int min, int max) {
            return new Repeat(Recurrence.Frequency.MONTHLY, interval, min, max, false);
        }
    }

    /** Whom a kind of appointment is for. */
    private enum For { ANYONE, ELDER, WOMAN }

    /** A kind of appointment a profession books, and how often compared with its others. */
    private record Template(int weight, AppointmentKind kind, Place place, int quarters, String title, List<String> details,
            Repeat repeat, For who, String with) {}

    private static Template t(int weight, AppointmentKind kind, Place place, int quarters, String title, List<String> details, Repeat repeat) {
        return new Template(weight, kind, place, quarters, title, details, repeat, For.ANYONE, null);
    }

    private static final List<String> CABINETS = List.of("Cabinet 1", "Cabinet 2", "Cabinet 3", "Cabinet 4", "Cabinet 5", "Cabinet 6");
    private static final List<String> NONE = List.of();

    /** Per profession: appointments a day for one professional, compared with the others, and what they book. */
    private static final Map<String, Integer> ACTIVITY = Map.ofEntries(Map.entry("medecin", 18), Map.entry("infirmier", 15),
            Map.entry("masseur_kinesitherapeute", 18), Map.entry("pharmacien", 4), Map.entry("sage_femme", 10),
            Map.entry("pedicure_podologue", 10), Map.entry("orthophoniste", 14), Map.entry("dieteticien", 8),
            Map.entry("psychologue", 12), Map.entry("enseignant_apa", 10), Map.entry("assistant_service_social", 8),
            Map.entry("ergotherapeute", 6));

    private static final Map<String, List<Template>> TEMPLATES = Map.ofEntries(
            Map.entry("medecin", List.of(
                    t(10, AppointmentKind.CONSULTATION, Place.MSP, 2, null, CABINETS, null),
                    t(3, AppointmentKind.CONSULTATION, Place.TELECONSULTATION, 1, null, NONE, null),
                    new Template(3, AppointmentKind.VISITE, Place.DOMICILE, 3, null, NONE, null, For.ELDER, null),
                    t(2, AppointmentKind.CONSULTATION, Place.MSP, 2, "Consultation de suivi", CABINETS, Repeat.monthly(3, 2, 4)),
                    new Template(1, AppointmentKind.VISITE, Place.DOMICILE, 4, "Visite conjointe médecin et infirmier", NONE, null,
                            For.ELDER, "infirmier"))),
            Map.entry("infirmier", List.of(
                    new Template(4, AppointmentKind.VISITE, Place.DOMICILE, 2, "Préparation du pilulier", NONE, Repeat.weekly(1, 6, 12),
                            For.ELDER, null),
                    new Template(2, AppointmentKind.VISITE, Place.DOMICILE, 2, "Soins de plaie", NONE, Repeat.weekly(1, 4, 8), For.ELDER, null),
                    t(3, AppointmentKind.VISITE, Place.DOMICILE, 1, "Prise de sang à domicile", NONE, null),
                    t(2, AppointmentKind.SEANCE, Place.MSP, 1, "Soins infirmiers", List.of("Salle de soins"), null),
                    new Template(1, AppointmentKind.BILAN, Place.DOMICILE, 4, "Bilan de soins infirmiers", NONE, null, For.ELDER, null),
                    t(1, AppointmentKind.ETP, Place.MSP, 3, "Entretien d'éducation thérapeutique", List.of("Salle de soins"), null))),
            Map.entry("masseur_kinesitherapeute", List.of(
                    t(6, AppointmentKind.SEANCE, Place.MSP, 2, null, List.of("Salle de kinésithérapie"), Repeat.weekly(1, 10, 20)),
                    new Template(2, AppointmentKind.SEANCE, Place.DOMICILE, 2, null, NONE, Repeat.weekly(1, 8, 15), For.ELDER, null),
                    t(1, AppointmentKind.BILAN, Place.MSP, 3, "Bilan kinésithérapique", List.of("Salle de kinésithérapie"), null))),
            Map.entry("pharmacien", List.of(
                    t(2, AppointmentKind.BILAN, Place.MSP, 3, "Bilan partagé de médication", List.of("Bureau de l'officine"), null),
                    t(2, AppointmentKind.AUTRE, Place.MSP, 2, "Entretien pharmaceutique", List.of("Bureau de l'officine"), null),
                    t(1, AppointmentKind.AUTRE, Place.TELESOIN, 2, "Entretien pharmaceutique", NONE, null))),
            Map.entry("sage_femme", List.of(
                    new Template(3, AppointmentKind.CONSULTATION, Place.MSP, 2, "Suivi gynécologique", List.of("Cabinet de la sage-femme"),
                            null, For.WOMAN, null),
                    new Template(1, AppointmentKind.SEANCE, Place.MSP, 2, "Rééducation périnéale", List.of("Cabinet de la sage-femme"),
                            Repeat.weekly(1, 6, 10), For.WOMAN, null))),
            Map.entry("pedicure_podologue", List.of(
                    t(3, AppointmentKind.SEANCE, Place.MSP, 2, "Soins de pédicurie", List.of("Cabinet de podologie"), null),
                    t(1, AppointmentKind.BILAN, Place.MSP, 3, "Bilan podologique", List.of("Cabinet de podologie"), null))),
            Map.entry("orthophoniste", List.of(
                    t(5, AppointmentKind.SEANCE, Place.MSP, 2, null, List.of("Bureau d'orthophonie"), Repeat.weekly(1, 10, 20)),
                    t(1, AppointmentKind.SEANCE, Place.TELESOIN, 2, null, NONE, Repeat.weekly(1, 6, 10)),
                    t(1, AppointmentKind.BILAN, Place.MSP, 4, "Bilan orthophonique", List.of("Bureau d'orthophonie"), null))),
            Map.entry("dieteticien", List.of(
                    t(2, AppointmentKind.CONSULTATION, Place.MSP, 3, "Bilan diététique", List.of("Bureau 2"), null),
                    t(2, AppointmentKind.CONSULTATION, Place.MSP, 2, "Suivi diététique", List.of("Bureau 2"), Repeat.monthly(1, 3, 5)),
                    t(1, AppointmentKind.CONSULTATION, Place.TELESOIN, 2, "Suivi diététique", NONE, null))),
            Map.entry("psychologue", List.of(
                    t(3, AppointmentKind.SEANCE, Place.MSP, 3, "Entretien psychologique", List.of("Bureau 1"), Repeat.weekly(1, 6, 12)),
                    t(2, AppointmentKind.SEANCE, Place.MSP, 3, "Entretien psychologique", List.of("Bureau 1"), Repeat.weekly(2, 4, 8)),
                    t(1, AppointmentKind.SEANCE, Place.TELESOIN, 3, "Entretien psychologique", NONE, null))),
            Map.entry("enseignant_apa", List.of(
                    t(4, AppointmentKind.SEANCE, Place.EXTERIEUR, 4, "Activité physique adaptée", List.of("Gymnase municipal, 3 rue des Écoles"),
                            Repeat.weekly(1, 10, 12)),
                    t(2, AppointmentKind.SEANCE, Place.MSP, 4, "Activité physique adaptée", List.of("Salle d'activité"), Repeat.weekly(1, 8, 12)),
                    t(1, AppointmentKind.BILAN, Place.MSP, 3, "Bilan de la condition physique", List.of("Salle d'activité"), null))),
            Map.entry("assistant_service_social", List.of(
                    t(3, AppointmentKind.AUTRE, Place.MSP, 3, "Entretien social", List.of("Bureau 3"), null),
                    new Template(2, AppointmentKind.VISITE, Place.DOMICILE, 4, "Évaluation des besoins à domicile", NONE, null, For.ELDER, null))),
            Map.entry("ergotherapeute", List.of(
                    new Template(3, AppointmentKind.BILAN, Place.DOMICILE, 6, "Évaluation du domicile", NONE, null, For.ELDER, null),
                    t(1, AppointmentKind.SEANCE, Place.MSP, 3, "Séance d'ergothérapie", List.of("Salle d'activité"), Repeat.weekly(1, 4, 8)))));

    private static final List<String> WORKSHOPS = List.of("Atelier ETP « Vivre avec son diabète »", "Atelier ETP « Mon cœur, mon traitement »",
            "Atelier ETP « Bien manger avec une maladie chronique »", "Atelier ETP « Respirer mieux avec une BPCO »",
            "Atelier ETP « Mes anticoagulants au quotidien »");
    private static final List<String> WORKSHOP_PARTNERS = List.of("dieteticien", "pharmacien", "enseignant_apa");
    private static final List<String> RCP_PARTNERS = List.of("masseur_kinesitherapeute", "pharmacien", "assistant_service_social",
            "psychologue", "dieteticien");
    private static final List<String> NOTES_BEFORE = List.of("Apporter les derniers résultats de biologie.",
            "Apporter toutes les boîtes de médicaments et les ordonnances en cours.", "Venir à jeun.",
            "Code de la porte d'entrée : demander à la fille de la patiente.", "Prévenir l'aidant la veille.",
            "Prévoir le lien de connexion par SMS.", "Présence de l'aidant souhaitée.");
    private static final List<String> NOTES_DONE = List.of("Séance bien tolérée.", "Compte rendu envoyé au médecin traitant.",
            "Progrès nets depuis la dernière fois.", "Pansement refait, la plaie se referme.", "RAS.", "À revoir dans un mois.",
            "Fatigue importante, à signaler en RCP.");
    private static final List<String> NOTES_MISSED = List.of("Absent, pas de réponse au téléphone.", "Oubli, un nouveau rendez-vous a été proposé.",
            "Hospitalisé la veille, prévenu par la famille.");

    // ---------------------------------------------------------------- the calendar and who is busy

    private static final class Pro {
        final int index;
        final DemoTeam.Member member;
        final int from;
        final int until;
        /** The patients whose médecin traitant he is (médecins only). */
        final List<Pat> own = new ArrayList<>();

        Pro(int index, DemoTeam.Member member, int from, int until) {
            this.index = index;
            this.member = member;
            this.from = from;
            this.until = until;
        }

        boolean memberOn(int day) {
            return day >= from && day <= until;
        }

        String name() {
            return member.lastName() + " " + member.firstName();
        }
    }

    private static final class Pat {
        final int index;
        final DemoPatient patient;
        /** Appointments only before this day: the person left or died. */
        final int until;

        Pat(int index, DemoPatient patient, int until) {
            this.index = index;
            this.patient = patient;
            this.until = until;
        }
    }

    /** One occurrence (or the single appointment) as placed: {@code day}/{@code q} now, {@code slotDay}/{@code slotQ} its slot in the series. */
    private static final class Occ {
        final Booking booking;
        int day;
        int q;
        final int slotDay;
        final int slotQ;
        AppointmentStatus status = AppointmentStatus.PREVU;
        String notesAfter;
        int updatedDay;
        int updatedMinute;
        int id;

        Occ(Booking booking, int day, int q) {
            this.booking = booking;
            this.day = day;
            this.q = q;
            this.slotDay = day;
            this.slotQ = q;
        }

        boolean moved() {
            return day != slotDay || q != slotQ;
        }
    }

    private static final class Booking {
        final int seq;
        final Pro[] pros;
        final Pat patient;
        final int quarters;
        final Recurrence rule;
        AppointmentKind kind;
        Place place;
        String detail;
        String title;
        DemoPlans.Bookable link;
        String notesBefore;
        String reason;
        int createdDay;
        int createdMinute;
        String uid;
        int seriesId;
        Occ[] occs;
        boolean removed;

        Booking(int seq, Pro[] pros, Pat patient, int quarters, Recurrence rule) {
            this.seq = seq;
            this.pros = pros;
            this.patient = patient;
            this.quarters = quarters;
            this.rule = rule;
        }
    }

    private final Random random;
    private final LocalDate first;
    private final int todayIndex;
    /** New appointments start before this day; series may run on. */
    private final int horizon;
    private final int days;
    private final int target;
    private final int[] opens = new int[8];
    private final int[] closes = new int[8];
    private final int grid;
    private final int[] dayOfWeek;
    private final boolean[] holiday;
    private final String[] dayIso;
    private final String[] offsets;
    private final List<Pro> pros = new ArrayList<>();
    private final Map<Integer, Pro> proById = new HashMap<>();
    private final Map<String, List<Pro>> proByProfession = new HashMap<>();
    private final List<Pat> patients = new ArrayList<>();
    private final Map<Integer, Pat> patientById = new HashMap<>();
    private final long[][] proBusy;
    /** Appointments by professional and day, cancelled ones included. */
    private final short[][] proCount;
    private final BusyMap patientBusy;
    private final List<Booking> bookings = new ArrayList<>();
    private final int[] pool;
    private final int[] elders;
    private final int[] women;
    private int occurrences;

    /**
     * @param hours  opening hours by day of week (1 = Monday): {opens, closes} in minutes from midnight; a missing day is closed
     * @param target how many appointments in all, or 0 for as many as a team of that size books in a day
     */
    DemoAgenda(Random random, LocalDate today, int monthsBack, int monthsAhead, int target, Map<Integer, int[]> hours, DemoTeam team,
            List<DemoPatient> people) {
        this.random = random;
        this.first = today.minusMonths(monthsBack);
        this.todayIndex = index(today);
        this.horizon = index(today.plusMonths(monthsAhead));
        this.days = horizon + SPILL;
        this.target = target;
        int earliest = 24 * 4;
        for (var e : hours.entrySet()) {
            // Whole quarters within the hours.
            opens[e.getKey()] = (e.getValue()[0] + 14) / 15;
            closes[e.getKey()] = e.getValue()[1] / 15;
            earliest = Math.min(earliest, opens[e.getKey()]);
        }
        grid = earliest;
        for (int d = 1; d <= 7; d++) {
            if (closes[d] - grid > 64) {
                throw new IllegalStateException("opening hours spread over more than 16 hours: the demo agenda's grid cannot hold them");
            }
        }
        dayOfWeek = new int[days];
        holiday = new boolean[days];
        dayIso = new String[days];
        offsets = new String[days];
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            dayOfWeek[d] = date.getDayOfWeek().getValue();
            holiday[d] = isPublicHoliday(date);
            dayIso[d] = date.toString();
            offsets[d] = offset(date);
        }
        for (DemoTeam.Member m : team.members) {
            Pro p = new Pro(pros.size(), m, Math.max(0, index(m.start())), m.end() == null ? Integer.MAX_VALUE : index(m.end()));
            pros.add(p);
            proById.put(m.id(), p);
            proByProfession.computeIfAbsent(m.profession(), k -> new ArrayList<>()).add(p);
        }
        proBusy = new long[pros.size()][days];
        proCount = new short[pros.size()][days];
        List<Integer> all = new ArrayList<>();
        List<Integer> old = new ArrayList<>();
        List<Integer> female = new ArrayList<>();
        for (DemoPatient person : people) {
            int until = person.statusOn != null && !"SUIVI".equals(person.status) ? index(person.statusOn) : Integer.MAX_VALUE;
            Pat p = new Pat(patients.size(), person, until);
            patients.add(p);
            patientById.put(person.id, p);
            // People followed in a coordinated pathway, and the oldest, come more often.
            int weight = (person.hasPlan ? 3 : 1) * (person.age >= 75 ? 2 : 1);
            for (int w = 0; w < weight; w++) {
                all.add(p.index);
            }
            if (person.age >= 70) {
                old.add(p.index);
            }
            if (person.woman && person.age >= 16 && person.age <= 75) {
                female.add(p.index);
            }
            if (person.physicianId != null && proById.containsKey(person.physicianId)) {
                proById.get(person.physicianId).own.add(p);
            }
        }
        pool = all.stream().mapToInt(Integer::intValue).toArray();
        elders = old.stream().mapToInt(Integer::intValue).toArray();
        women = female.stream().mapToInt(Integer::intValue).toArray();
        patientBusy = new BusyMap(target > 0 ? target : 1 << 12);
    }

    /** How many appointments (rows) the agenda holds. */
    int count() {
        return occurrences;
    }

    /**
     * Invents the agenda. Run after the plans are built and before they are written: the progress that the
     * appointments réalisés record goes to the plans' follow-up.
     */
    void plan(List<DemoPlans.Bookable> actions) {
        meetings();
        forActions(actions);
        fill();
        clashes();
        if (target > 0) {
            adjust();
        }
        progress();
    }

    // ---------------------------------------------------------------- team meetings

    /** A RCP every four weeks and cycles of ETP workshops, one of each per team of about 25: booked first, the team keeps these slots. */
    private void meetings() {
        long active = pros.stream().filter(p -> p.member.end() == null).count();
        int groups = (int) Math.max(1, Math.round(active / 24.0));
        for (int g = 0; g < groups; g++) {
            DayOfWeek weekday = g % 2 == 0 ? DayOfWeek.TUESDAY : DayOfWeek.THURSDAY;
            // One series per calendar year, as a team sets its RCP calendar in January.
            for (LocalDate from = first; index(from) < horizon; from = from.withDayOfYear(1).plusYears(1)) {
                LocalDate start = from.with(TemporalAdjusters.nextOrSame(weekday)).plusWeeks(g / 2 % 4);
                LocalDate until = from.withMonth(12).withDayOfMonth(31);
                rcp(start, until);
            }
            int day = random.nextInt(21);
            while (day < horizon) {
                int d = index(date(day).with(TemporalAdjusters.nextOrSame(weekday == DayOfWeek.TUESDAY ? DayOfWeek.THURSDAY : DayOfWeek.TUESDAY)));
                workshop(d);
                day = d + 35 + random.nextInt(15);
            }
        }
    }

    private void rcp(LocalDate start, LocalDate until) {
        int day = index(start);
        while (day < days && (holiday[day] || !open(day, RCP_AT, RCP_QUARTERS))) {
            day += 7;
        }
        if (day >= horizon) {
            return;
        }
        Recurrence rule = Recurrence.weekly(4, until);
        int lastDay = index(until);
        for (int attempt = 0; attempt < 30; attempt++) {
            List<Pro> who = new ArrayList<>();
            addMember(who, "medecin", day, lastDay);
            addMember(who, "medecin", day, lastDay);
            addMember(who, "infirmier", day, lastDay);
            List<String> partners = new ArrayList<>(RCP_PARTNERS);
            Collections.shuffle(partners, random);
            for (String profession : partners.subList(0, 1 + random.nextInt(3))) {
                addMember(who, profession, day, lastDay);
            }
            if (who.size() < 4) {
                continue;
            }
            int q = attempt < 15 ? RCP_AT : RCP_EARLIER;
            Booking b = new Booking(bookings.size(), who.toArray(Pro[]::new), null, RCP_QUARTERS, rule);
            Occ[] occs = place(b, day, q);
            if (occs != null) {
                b.kind = AppointmentKind.RCP;
                b.place = Place.MSP;
                b.detail = "Salle de réunion";
                b.title = "RCP — situations complexes";
                commit(b, occs);
                return;
            }
        }
    }

    private void workshop(int day) {
        if (day >= horizon || holiday[day] || !open(day, WORKSHOP_AT, WORKSHOP_QUARTERS)) {
            return;
        }
        String title = pick(WORKSHOPS);
        for (int attempt = 0; attempt < 10; attempt++) {
            List<Pro> who = new ArrayList<>();
            addMember(who, "infirmier", day, day + 21);
            addMember(who, pick(WORKSHOP_PARTNERS), day, day + 21);
            if (who.size() < 2) {
                continue;
            }
            Booking b = new Booking(bookings.size(), who.toArray(Pro[]::new), null, WORKSHOP_QUARTERS, Recurrence.weekly(1, 4));
            Occ[] occs = place(b, day, WORKSHOP_AT);
            if (occs != null) {
                b.kind = AppointmentKind.ETP;
                b.place = Place.MSP;
                b.detail = "Salle d'activité";
                b.title = title;
                commit(b, occs);
                return;
            }
        }
    }

    /** Adds a member of that profession who belongs to the team from {@code from} to {@code to}, if there is one not chosen yet. */
    private void addMember(List<Pro> who, String profession, int from, int to) {
        List<Pro> candidates = proByProfession.getOrDefault(profession, List.of()).stream()
                .filter(p -> p.memberOn(from) && p.memberOn(to) && !who.contains(p)).toList();
        if (!candidates.isEmpty()) {
            who.add(candidates.get(random.nextInt(candidates.size())));
        }
    }

    // ---------------------------------------------------------------- appointments for plan actions

    /** About two thirds of the open plan actions get their appointments, from the day the action may start. */
    private void forActions(List<DemoPlans.Bookable> actions) {
        for (DemoPlans.Bookable action : actions) {
            if (random.nextInt(100) >= 65) {
                continue;
            }
            Pro pro = proById.get(action.action.professionalId());
            Pat patient = patientById.get(action.patient().id);
            List<Template> templates = pro == null ? null : TEMPLATES.get(pro.member.profession());
            if (templates == null) {
                continue;
            }
            Repeat repeat = repeatOf(action.action.frequency());
            List<Template> fitting = templates.stream().filter(t -> (t.repeat() != null) == (repeat != null)).toList();
            Template t = pick(fitting.isEmpty() ? templates : fitting);
            LocalDate from = latest(action.validated.plusDays(1), action.action.startOn(),
                    action.lastUpdate == null ? null : action.lastUpdate.plusDays(1));
            int start = Math.max(0, index(from)) + random.nextInt(7);
            for (int attempt = 0; attempt < 12; attempt++) {
                int day = start + attempt * 2 + random.nextInt(2);
                if (day >= horizon) {
                    break;
                }
                if (holiday[day] || closes[dayOfWeek[day]] == 0) {
                    continue;
                }
                Recurrence rule = repeat == null ? null : rule(repeat, date(day), action.action.dueOn());
                Booking b = book(new Pro[] {pro}, patient, t, day, rule, action);
                if (b != null) {
                    if (repeat != null && repeat.twiceAWeek()) {
                        // The second weekly session, three days later at the same time.
                        int second = day + 3;
                        if (second < horizon && !holiday[second]) {
                            bookAt(new Pro[] {pro}, patient, t, second, b.occs[0].q,
                                    rule(repeat, date(second), action.action.dueOn()), action);
                        }
                    }
                    break;
                }
            }
        }
    }

    /** The series an action's frequency, as the plan words it, asks for; null for a single appointment. */
    private static Repeat repeatOf(String frequency) {
        if (frequency == null) {
            return null;
        }
        String f = frequency.toLowerCase(Locale.ROOT);
        if (f.contains("deux fois par semaine") || f.contains("tous les deux jours")) {
            return new Repeat(Recurrence.Frequency.WEEKLY, 1, 8, 12, true);
        }
        if (f.contains("toutes les deux semaines")) {
            return Repeat.weekly(2, 4, 8);
        }
        if (f.contains("chaque semaine") || f.contains("une fois par semaine")) {
            return f.startsWith("une fois, puis") ? Repeat.weekly(1, 4, 6) : Repeat.weekly(1, 8, 16);
        }
        if (f.contains("trois séances")) {
            return Repeat.weekly(1, 3, 3);
        }
        if (f.contains("tous les trois mois")) {
            return Repeat.monthly(3, 2, 4);
        }
        if (f.contains("une fois par mois") || f.contains("tous les mois")) {
            return Repeat.monthly(1, 3, 6);
        }
        if (f.contains("puis à un mois")) {
            return Repeat.monthly(1, 2, 2);
        }
        if (f.contains("puis à 15 jours")) {
            return Repeat.weekly(2, 2, 2);
        }
        return null;
    }

    private Recurrence rule(Repeat r, LocalDate start, LocalDate due) {
        int count = r.min() + random.nextInt(r.max() - r.min() + 1);
        boolean weekly = r.frequency() == Recurrence.Frequency.WEEKLY;
        LocalDate last = weekly ? start.plusWeeks((long) (count - 1) * r.interval()) : start.plusMonths((long) (count - 1) * r.interval());
        if (due != null && count > 2 && due.isAfter(start.plusWeeks(2)) && due.isBefore(last) && random.nextBoolean()) {
            // Until the action's due date, as the coordinator books it from the plan.
            return new Recurrence(r.frequency(), r.interval(), due, null);
        }
        return random.nextInt(100) < 25 ? new Recurrence(r.frequency(), r.interval(), last, null)
                : new Recurrence(r.frequency(), r.interval(), null, count);
    }

    // ---------------------------------------------------------------- the daily round

    /**
     * Books, day after day, what the team books: up to a number of appointments a day that follows the size of the
     * team on that day, full for the coming fortnight and thinning out towards the horizon. Series booked on a day
     * fill the weeks after it.
     */
    private void fill() {
        double perMember = 1.15;
        if (target > 0) {
            double capacity = 0;
            for (int d = 0; d < horizon; d++) {
                capacity += share(d) * membersOn(d);
            }
            // Series running past the horizon add about a twentieth.
            perMember = target / (capacity * 1.05);
        }
        double meanActivity = pros.stream().filter(p -> p.member.end() == null)
                .mapToInt(p -> ACTIVITY.getOrDefault(p.member.profession(), 5)).average().orElse(10);
        List<Pro> members = new ArrayList<>();
        int[] wanted = new int[pros.size()];
        int[] failures = new int[pros.size()];
        for (int d = 0; d < horizon; d++) {
            double share = share(d);
            if (share == 0) {
                continue;
            }
            members.clear();
            for (Pro p : pros) {
                if (p.memberOn(d)) {
                    members.add(p);
                    // Each professional's own day: a médecin sees more people than the pharmacien takes for a bilan.
                    wanted[p.index] = (int) Math.round(perMember * ACTIVITY.getOrDefault(p.member.profession(), 5) / meanActivity
                            * share * (0.6 + 0.8 * random.nextDouble()));
                    failures[p.index] = 0;
                }
            }
            boolean more = true;
            while (more) {
                more = false;
                for (Pro p : members) {
                    if (proCount[p.index][d] < wanted[p.index] && failures[p.index] < 6) {
                        if (bookOne(p, d, false) == null) {
                            failures[p.index]++;
                        }
                        more = true;
                    }
                }
            }
        }
    }

    /** How full day {@code d} is, compared with a full weekday: Saturday mornings are light, the far future thin. */
    private double share(int d) {
        if (holiday[d] || closes[dayOfWeek[d]] == 0) {
            return 0;
        }
        double day = closes[dayOfWeek[d]] - opens[dayOfWeek[d]] < 24 ? 0.2 : 1;
        int full = todayIndex + 14;
        if (d <= full) {
            return day;
        }
        return day * (1 - 0.75 * (d - full) / (double) Math.max(1, horizon - full));
    }

    private int membersOn(int d) {
        int n = 0;
        for (Pro p : pros) {
            if (p.memberOn(d)) {
                n++;
            }
        }
        return n;
    }

    /** One appointment (or series) of {@code pro}'s usual kinds starting on {@code day}; null when none fits. */
    private Booking bookOne(Pro pro, int day, boolean singleOnly) {
        List<Template> templates = TEMPLATES.get(pro.member.profession());
        if (templates == null) {
            return null;
        }
        Template t = weighted(templates);
        if (singleOnly && t.repeat() != null) {
            return null;
        }
        Pat patient = patientFor(pro, t, day);
        if (patient == null) {
            return null;
        }
        Pro[] who = {pro};
        if (t.with() != null) {
            List<Pro> pair = new ArrayList<>(List.of(pro));
            addMember(pair, t.with(), day, day);
            if (pair.size() < 2) {
                return null;
            }
            who = pair.toArray(Pro[]::new);
        }
        Recurrence rule = t.repeat() == null ? null : rule(t.repeat(), date(day), null);
        return book(who, patient, t, day, rule, null);
    }

    private Pat patientFor(Pro pro, Template t, int day) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Pat p;
            if (t.who() == For.WOMAN) {
                p = women.length == 0 ? null : patients.get(women[random.nextInt(women.length)]);
            } else if (t.who() == For.ELDER) {
                p = elders.length == 0 ? null : patients.get(elders[random.nextInt(elders.length)]);
            } else if (!pro.own.isEmpty() && random.nextInt(100) < 70) {
                // A médecin mostly sees the people whose médecin traitant he is.
                p = pro.own.get(random.nextInt(pro.own.size()));
            } else {
                p = pool.length == 0 ? null : patients.get(pool[random.nextInt(pool.length)]);
            }
            if (p != null && day < p.until) {
                return p;
            }
        }
        return null;
    }

    /** Books at a few random times of {@code day}; null when none is free for everyone on every occurrence. */
    private Booking book(Pro[] who, Pat patient, Template t, int day, Recurrence rule, DemoPlans.Bookable link) {
        int span = closes[dayOfWeek[day]] - opens[dayOfWeek[day]] - t.quarters();
        if (span < 0) {
            return null;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Booking b = bookAt(who, patient, t, day, opens[dayOfWeek[day]] + random.nextInt(span + 1), rule, link);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private Booking bookAt(Pro[] who, Pat patient, Template t, int day, int q, Recurrence rule, DemoPlans.Bookable link) {
        Booking b = new Booking(bookings.size(), who, patient, t.quarters(), rule);
        Occ[] occs = place(b, day, q);
        if (occs == null) {
            return null;
        }
        b.kind = t.kind();
        b.place = t.place();
        b.detail = t.details().isEmpty() ? null : pick(t.details());
        b.title = link != null ? link.action.label() : t.title();
        b.link = link;
        if (random.nextInt(100) < 6) {
            b.notesBefore = pick(NOTES_BEFORE);
        }
        commit(b, occs);
        return b;
    }

    // ---------------------------------------------------------------- placing, with the exceptions of a series

    /**
     * The occurrences of {@code b} from {@code day} at quarter {@code q}: every slot of the rule must fall within the
     * opening hours, its professionals members of the team and its patient still followed. The first must be free;
     * a later one falling on a public holiday is moved or cancelled, a few others too, and one that is not free is
     * moved elsewhere or cancelled. Null when the booking cannot be made.
     */
    private Occ[] place(Booking b, int day, int q) {
        List<LocalDateTime> slots = b.rule == null ? null : b.rule.expand(date(day).atTime(q / 4, q % 4 * 15));
        int n = slots == null ? 1 : slots.size();
        Occ[] occs = new Occ[n];
        for (int i = 0; i < n; i++) {
            int d = slots == null ? day : index(slots.get(i).toLocalDate());
            int s = slots == null ? q : slots.get(i).getHour() * 4 + slots.get(i).getMinute() / 15;
            if (d >= days || !open(d, s, b.quarters) || !available(b, d)) {
                return null;
            }
            Occ o = new Occ(b, d, s);
            if (i == 0) {
                if (holiday[d] || !free(b, d, s)) {
                    return null;
                }
            } else {
                // Holidays are seen to when booking; other changes happen in the past and the coming weeks only.
                int r = holiday[d] || d < todayIndex + 28 ? random.nextInt(100) : 99;
                boolean move = holiday[d] ? r < 50 : r < 4;
                boolean cancel = holiday[d] ? r >= 50 : r >= 4 && r < 7;
                if (!move && !cancel && !free(b, d, s)) {
                    move = true;
                }
                if (move && !moveElsewhere(o)) {
                    cancel = true;
                }
                if (cancel) {
                    o.day = o.slotDay;
                    o.q = o.slotQ;
                    o.status = AppointmentStatus.ANNULE;
                }
            }
            occs[i] = o;
        }
        return occs;
    }

    /** Moves an occurrence to another time that day or to a day around it; false when nothing is free. */
    private boolean moveElsewhere(Occ o) {
        Booking b = o.booking;
        for (int attempt = 0; attempt < 6; attempt++) {
            int shift = random.nextInt(5) - 2;
            int d = o.slotDay + shift;
            if (d < 0 || d >= days || holiday[d] || closes[dayOfWeek[d]] == 0) {
                continue;
            }
            int span = closes[dayOfWeek[d]] - opens[dayOfWeek[d]] - b.quarters;
            if (span < 0) {
                continue;
            }
            int q = shift != 0 && random.nextBoolean() ? o.slotQ : opens[dayOfWeek[d]] + random.nextInt(span + 1);
            if ((d == o.slotDay && q == o.slotQ) || !open(d, q, b.quarters) || !available(b, d) || !free(b, d, q)) {
                continue;
            }
            o.day = d;
            o.q = q;
            return true;
        }
        return false;
    }

    /** Records the booking: its slots taken, each occurrence's status as of today, when it was booked and changed. */
    private void commit(Booking b, Occ[] occs) {
        b.occs = occs;
        int lead = b.rule == null ? 1 + random.nextInt(21) : random.nextInt(15);
        b.createdDay = Math.min(occs[0].day - lead, todayIndex - 1);
        b.createdMinute = 8 * 60 + 30 + random.nextInt(10 * 60);
        if (b.reason != null && occs[0].day < todayIndex) {
            // Squeezed in on the day itself, and seen.
            b.createdDay = occs[0].day;
            b.createdMinute = occs[0].q * 15 - 10;
        }
        for (Occ o : occs) {
            if (o.status != AppointmentStatus.ANNULE && o.day < todayIndex) {
                int r = b.reason != null ? 0 : random.nextInt(100);
                o.status = r < 90 || (r < 95 && b.patient == null) ? AppointmentStatus.REALISE
                        : r < 95 ? AppointmentStatus.NON_HONORE : AppointmentStatus.ANNULE;
            }
            if (o.status == AppointmentStatus.REALISE || o.status == AppointmentStatus.NON_HONORE) {
                // Marked on the day, once it was over.
                o.updatedDay = o.day;
                o.updatedMinute = Math.min(21 * 60 + 30, (o.q + b.quarters) * 15 + 5 + random.nextInt(90));
                if (b.patient != null && random.nextInt(100) < (o.status == AppointmentStatus.REALISE ? 12 : 60)) {
                    o.notesAfter = pick(o.status == AppointmentStatus.REALISE ? NOTES_DONE : NOTES_MISSED);
                }
            } else if (o.status == AppointmentStatus.ANNULE || o.moved()) {
                int latest = Math.min(o.day - 1, todayIndex - 1);
                o.updatedDay = latest <= b.createdDay ? b.createdDay : b.createdDay + 1 + random.nextInt(latest - b.createdDay);
                o.updatedMinute = 8 * 60 + 30 + random.nextInt(10 * 60);
            } else {
                o.updatedDay = b.createdDay;
                o.updatedMinute = b.createdMinute;
            }
            if (o.updatedDay == b.createdDay && o.updatedMinute < b.createdMinute) {
                o.updatedMinute = b.createdMinute;
            }
            if (o.status != AppointmentStatus.ANNULE) {
                take(b, o.day, o.q, true);
            }
            count(b, o.day, 1);
        }
        occurrences += occs.length;
        bookings.add(b);
    }

    private void count(Booking b, int d, int n) {
        for (Pro p : b.pros) {
            proCount[p.index][d] += (short) n;
        }
    }

    private boolean open(int d, int q, int quarters) {
        int dow = dayOfWeek[d];
        return closes[dow] > 0 && q >= opens[dow] && q + quarters <= closes[dow];
    }

    /** Everyone in the booking is there that day: professionals in the team, the patient still followed. */
    private boolean available(Booking b, int d) {
        for (Pro p : b.pros) {
            if (!p.memberOn(d)) {
                return false;
            }
        }
        return b.patient == null || d < b.patient.until;
    }

    private long mask(int q, int quarters) {
        return ((1L << quarters) - 1) << (q - grid);
    }

    private boolean free(Booking b, int d, int q) {
        long m = mask(q, b.quarters);
        for (Pro p : b.pros) {
            if ((proBusy[p.index][d] & m) != 0) {
                return false;
            }
        }
        return b.patient == null || (patientBusy.get(patientKey(b.patient, d)) & m) == 0;
    }

    private void take(Booking b, int d, int q, boolean taken) {
        long m = mask(q, b.quarters);
        for (Pro p : b.pros) {
            proBusy[p.index][d] = taken ? proBusy[p.index][d] | m : proBusy[p.index][d] & ~m;
        }
        if (b.patient != null) {
            long key = patientKey(b.patient, d);
            long was = patientBusy.get(key);
            patientBusy.put(key, taken ? was | m : was & ~m);
        }
    }

    private long patientKey(Pat p, int d) {
        return (long) p.index * days + d;
    }

    // ---------------------------------------------------------------- three clashes kept on purpose

    /**
     * The only double bookings of the demo, each with the reason the coordinator gave: a patient squeezed in
     * between two consultations last week, a nurse coming during a home kiné session, a téléconsultation at the
     * end of the next RCP.
     */
    private void clashes() {
        Occ consultation = nearest(o -> o.booking.kind == AppointmentKind.CONSULTATION && o.booking.place == Place.MSP
                && o.booking.pros.length == 1 && "medecin".equals(o.booking.pros[0].member.profession())
                && o.status == AppointmentStatus.REALISE, todayIndex - 7, todayIndex);
        if (consultation != null) {
            added(consultation.booking.pros, null, consultation.booking.patient, consultation.day, consultation.q, 1,
                    AppointmentKind.CONSULTATION, Place.MSP, consultation.booking.detail, "Consultation non programmée",
                    "Patient reçu en urgence entre deux rendez-vous (douleur thoracique) ; la consultation suivante a pris un quart "
                            + "d'heure de retard.");
        }
        Occ session = nearest(o -> o.booking.place == Place.DOMICILE && o.booking.pros.length == 1
                && "masseur_kinesitherapeute".equals(o.booking.pros[0].member.profession()) && o.status == AppointmentStatus.PREVU,
                todayIndex, todayIndex + 14);
        if (session != null) {
            long m = mask(session.q, session.booking.quarters);
            proByProfession.getOrDefault("infirmier", List.of()).stream()
                    .filter(p -> p.memberOn(session.day) && (proBusy[p.index][session.day] & m) == 0).findFirst()
                    .ifPresent(nurse -> added(new Pro[] {nurse}, session.booking.patient, null, session.day, session.q,
                            session.booking.quarters, AppointmentKind.VISITE, Place.DOMICILE, null, "Soins de plaie",
                            "L'infirmière passe pendant la séance de kinésithérapie, convenu avec le kinésithérapeute et la famille."));
        }
        Occ meeting = nearest(o -> o.booking.kind == AppointmentKind.RCP && o.status == AppointmentStatus.PREVU, todayIndex, todayIndex + 35);
        if (meeting != null) {
            Pro doctor = Arrays.stream(meeting.booking.pros).filter(p -> "medecin".equals(p.member.profession())).findFirst().orElseThrow();
            added(new Pro[] {doctor}, null, null, meeting.day, meeting.q + meeting.booking.quarters - 1, 1, AppointmentKind.CONSULTATION,
                    Place.TELECONSULTATION, null, null, "Téléconsultation calée sur la fin de la RCP : le Dr " + doctor.member.lastName()
                            + " quitte la réunion un quart d'heure avant la fin.");
        }
    }

    /** The occurrence matching {@code test} from day {@code from} (included) to {@code to} (excluded), nearest to today. */
    private Occ nearest(Predicate<Occ> test, int from, int to) {
        Occ best = null;
        for (Booking b : bookings) {
            for (Occ o : b.occs) {
                if (o.day >= from && o.day < to && test.test(o)
                        && (best == null || Math.abs(o.day - todayIndex) < Math.abs(best.day - todayIndex))) {
                    best = o;
                }
            }
        }
        return best;
    }

    /**
     * A single appointment booked over another one on purpose, kept with its reason. {@code patient} null: someone
     * free then, other than {@code other}.
     */
    private void added(Pro[] who, Pat patient, Pat other, int day, int q, int quarters, AppointmentKind kind, Place place, String detail,
            String title, String reason) {
        Booking b = new Booking(bookings.size(), who, patient, quarters, null);
        if (patient == null) {
            long m = mask(q, quarters);
            for (int attempt = 0; attempt < 100 && patient == null; attempt++) {
                Pat p = patients.get(pool[random.nextInt(pool.length)]);
                if (p != other && day < p.until && (patientBusy.get(patientKey(p, day)) & m) == 0) {
                    patient = p;
                }
            }
            if (patient == null) {
                return;
            }
            b = new Booking(bookings.size(), who, patient, quarters, null);
        }
        b.kind = kind;
        b.place = place;
        b.detail = detail;
        b.title = title;
        b.reason = reason;
        commit(b, new Occ[] {new Occ(b, day, q)});
    }

    // ---------------------------------------------------------------- the large structure's exact count

    /** Brings the large agenda to its round number: single appointments dropped here and there, or added. */
    private void adjust() {
        for (int attempt = 0; occurrences > target && attempt < 100 * target; attempt++) {
            Booking b = bookings.get(random.nextInt(bookings.size()));
            if (!b.removed && b.rule == null && b.link == null && b.reason == null && b.patient != null) {
                b.removed = true;
                Occ o = b.occs[0];
                if (o.status != AppointmentStatus.ANNULE) {
                    take(b, o.day, o.q, false);
                }
                count(b, o.day, -1);
                occurrences--;
            }
        }
        for (int attempt = 0, missing = target - occurrences; occurrences < target && attempt < 50 * missing; attempt++) {
            int d = random.nextInt(horizon);
            if (share(d) > 0) {
                Pro pro = pros.get(random.nextInt(pros.size()));
                if (pro.memberOn(d)) {
                    bookOne(pro, d, true);
                }
            }
        }
    }

    // ---------------------------------------------------------------- what the plans record

    /**
     * Each past appointment réalisé for a plan action records its progress, as the agenda does when it is marked:
     * « en cours » while another appointment of that action is planned after it, « réalisée » for the last one.
     */
    private void progress() {
        Map<DemoPlans.Bookable, List<Occ>> byAction = new LinkedHashMap<>();
        for (Booking b : bookings) {
            if (b.link != null && !b.removed) {
                byAction.computeIfAbsent(b.link, k -> new ArrayList<>()).addAll(Arrays.asList(b.occs));
            }
        }
        for (var e : byAction.entrySet()) {
            List<Occ> occs = e.getValue();
            occs.sort(Comparator.comparingInt((Occ o) -> o.day).thenComparingInt(o -> o.q));
            for (int i = 0; i < occs.size(); i++) {
                Occ o = occs.get(i);
                if (o.status != AppointmentStatus.REALISE) {
                    continue;
                }
                boolean more = false;
                for (int j = i + 1; j < occs.size() && !more; j++) {
                    more = occs.get(j).status != AppointmentStatus.ANNULE;
                }
                List<String> names = Arrays.stream(o.booking.pros)
                        .sorted(Comparator.comparing((Pro p) -> p.member.lastName()).thenComparing(p -> p.member.firstName()))
                        .map(Pro::name).toList();
                LocalDate day = date(o.day);
                e.getKey().progress(day, more ? Action.Status.EN_COURS : Action.Status.REALISEE, o.booking.kind.label() + " du "
                        + day.format(DAY) + " réalisé(e) avec " + String.join(", ", names) + ".");
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes series, appointments and participants, once the patients and plans are in. Returns the number of appointments. */
    int write(DSLContext dsl) {
        List<Occ> all = new ArrayList<>(occurrences);
        for (Booking b : bookings) {
            if (!b.removed) {
                all.addAll(Arrays.asList(b.occs));
            }
        }
        // In time order, as a week is read; a series is numbered when its first occurrence comes.
        all.sort(Comparator.comparingInt((Occ o) -> o.day).thenComparingInt(o -> o.q).thenComparingInt(o -> o.booking.seq));
        List<Booking> series = new ArrayList<>();
        int id = 0;
        for (Occ o : all) {
            o.id = ++id;
            Booking b = o.booking;
            if (b.uid == null) {
                b.uid = uid();
                if (b.rule != null) {
                    series.add(b);
                    b.seriesId = series.size();
                }
            }
        }
        try (BatchWriter rows = new BatchWriter(dsl, dsl.insertInto(APPOINTMENT_SERIES, APPOINTMENT_SERIES.ID, APPOINTMENT_SERIES.UID,
                APPOINTMENT_SERIES.FREQUENCY, APPOINTMENT_SERIES.INTERVAL, APPOINTMENT_SERIES.FIRST_START, APPOINTMENT_SERIES.UNTIL_DATE,
                APPOINTMENT_SERIES.OCCURRENCES, APPOINTMENT_SERIES.CREATED_AT, APPOINTMENT_SERIES.UPDATED_AT).values(nulls(9)))) {
            for (Booking b : series) {
                String created = stamp(b.createdDay, b.createdMinute);
                rows.add(b.seriesId, b.uid, b.rule.frequency().name(), b.rule.interval(), slot(b.occs[0].slotDay, b.occs[0].slotQ),
                        b.rule.until() == null ? null : b.rule.until().toString(), b.rule.count(), created, created);
            }
        }
        try (BatchWriter rows = new BatchWriter(dsl, dsl.insertInto(APPOINTMENT, APPOINTMENT.ID, APPOINTMENT.UID, APPOINTMENT.SERIES_ID,
                APPOINTMENT.RECURRENCE_ID, APPOINTMENT.PATIENT_ID, APPOINTMENT.KIND, APPOINTMENT.PLACE, APPOINTMENT.PLACE_DETAIL,
                APPOINTMENT.TITLE, APPOINTMENT.STARTS_AT, APPOINTMENT.ENDS_AT, APPOINTMENT.STATUS, APPOINTMENT.PLAN_ID, APPOINTMENT.ACTION_UID,
                APPOINTMENT.NOTES_BEFORE, APPOINTMENT.NOTES_AFTER, APPOINTMENT.CONFLICT_REASON, APPOINTMENT.CREATED_AT,
                APPOINTMENT.UPDATED_AT).values(nulls(19)))) {
            for (Occ o : all) {
                Booking b = o.booking;
                rows.add(o.id, b.uid, b.rule == null ? null : b.seriesId, b.rule == null ? null : slot(o.slotDay, o.slotQ),
                        b.patient == null ? null : b.patient.patient.id, b.kind.name(), b.place.name(), b.detail, b.title,
                        slot(o.day, o.q), slot(o.day, o.q + b.quarters), o.status.name(), b.link == null ? null : b.link.planId(),
                        b.link == null ? null : b.link.action.uid(), b.notesBefore, o.notesAfter, b.reason,
                        stamp(b.createdDay, b.createdMinute), stamp(o.updatedDay, o.updatedMinute));
            }
        }
        try (BatchWriter rows = new BatchWriter(dsl, dsl.insertInto(APPOINTMENT_PROFESSIONAL, APPOINTMENT_PROFESSIONAL.APPOINTMENT_ID,
                APPOINTMENT_PROFESSIONAL.PROFESSIONAL_ID).values(nulls(2)))) {
            for (Occ o : all) {
                Pro[] who = o.booking.pros;
                if (who.length == 1) {
                    rows.add(o.id, who[0].member.id());
                } else {
                    int[] ids = Arrays.stream(who).mapToInt(p -> p.member.id()).sorted().toArray();
                    for (int pro : ids) {
                        rows.add(o.id, pro);
                    }
                }
            }
        }
        return all.size();
    }

    private String slot(int d, int q) {
        return dayIso[d] + "T" + TIMES[q];
    }

    /** A timestamp as the application stores them, for day {@code d} at {@code minute} past midnight. */
    private String stamp(int d, int minute) {
        String iso = d >= 0 && d < days ? dayIso[d] : date(d).toString();
        String offset = d >= 0 && d < days ? offsets[d] : offset(date(d));
        return iso + "T" + TIMES[minute / 60 * 4].substring(0, 3) + (minute % 60 < 10 ? "0" : "") + minute % 60 + ":00.000" + offset;
    }

    private static String offset(LocalDate day) {
        return Database.ZONE.getRules().getOffset(day.atTime(LocalTime.NOON)).getId();
    }

    private static List<Object> nulls(int n) {
        return Arrays.asList(new Object[n]);
    }

    // ---------------------------------------------------------------- helpers

    private int index(LocalDate day) {
        return (int) ChronoUnit.DAYS.between(first, day);
    }

    private LocalDate date(int d) {
        return first.plusDays(d);
    }

    private static LocalDate latest(LocalDate... days) {
        LocalDate max = null;
        for (LocalDate d : days) {
            if (d != null && (max == null || d.isAfter(max))) {
                max = d;
            }
        }
        return max;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private Template weighted(List<Template> templates) {
        int total = 0;
        for (Template t : templates) {
            total += t.weight();
        }
        int r = random.nextInt(total);
        for (Template t : templates) {
            r -= t.weight();
            if (r < 0) {
                return t;
            }
        }
        return templates.getLast();
    }

    /** A version-4 looking UUID drawn from the seed, as the agenda's own (random) ones look. */
    private String uid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low) + "@coordo";
    }

    private static final List<MonthDay> FIXED_HOLIDAYS = List.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 8),
            MonthDay.of(7, 14), MonthDay.of(8, 15), MonthDay.of(11, 1), MonthDay.of(11, 11), MonthDay.of(12, 25));

    /** French public holidays: the MSP stays open per its hours, but nobody books on them and series skip them. */
    static boolean isPublicHoliday(LocalDate d) {
        if (FIXED_HOLIDAYS.contains(MonthDay.from(d))) {
            return true;
        }
        LocalDate easter = easter(d.getYear());
        return d.equals(easter.plusDays(1)) || d.equals(easter.plusDays(39)) || d.equals(easter.plusDays(50));
    }

    /** Easter Sunday (Gregorian computus). */
    static LocalDate easter(int y) {
        int a = y % 19;
        int b = y / 100;
        int c = y % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int n = h + l - 7 * m + 114;
        return LocalDate.of(y, n / 31, n % 31 + 1);
    }

    /** Busy quarters by (patient, day): an open-addressing map of longs, since the large agenda holds a million of them. */
    private static final class BusyMap {
        private long[] keys;
        private long[] values;
        private int size;

        BusyMap(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
            keys = new long[capacity];
            values = new long[capacity];
            Arrays.fill(keys, -1);
        }

        long get(long key) {
            int mask = keys.length - 1;
            for (int i = hash(key) & mask; keys[i] != -1; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return 0;
        }

        void put(long key, long value) {
            int mask = keys.length - 1;
            int i = hash(key) & mask;
            while (keys[i] != -1 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (keys[i] == -1) {
                keys[i] = key;
                if (++size * 3 > keys.length * 2) {
                    values[i] = value;
                    grow();
                    return;
                }
            }
            values[i] = value;
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new long[oldKeys.length * 2];
            Arrays.fill(keys, -1);
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != -1) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
