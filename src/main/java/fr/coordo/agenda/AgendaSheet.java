package fr.coordo.agenda;

import fr.coordo.document.DocumentScript;
import fr.coordo.document.Table;
import fr.coordo.team.Professional;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The agenda of one professional over a day or a week (Monday to Sunday) as a printable PDF/A-2b sheet: who and
 * when at the top with a count of appointments and of time, then one table per day — time, patient with her
 * reference and phone (or the meeting's object), type and place, the other professionals, the notes to read
 * before. Cancelled appointments are listed apart under the day's table (« Annulé : 17:30 – 18:00, … »): in the
 * table, they would read as visits to make. Occurrences of a series say how they repeat (« ↻ chaque semaine »).
 * A week shows every day the structure opens, « Aucun rendez-vous » when there is none, and the closed days only
 * when something is booked on them.
 *
 * <p>A pure function of the {@link Snapshot} and the clock, as every document: same data and clock, same bytes; the
 * footer fingerprint is the hash of everything printed. No NIR is ever read for it.
 */
public final class AgendaSheet {
    private static final Locale FR = Locale.FRENCH;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("dd/MM");

    /** One day, or the week (Monday to Sunday) of a day. */
    public enum Span {
        DAY, WEEK;

        /** The first day printed for {@code date}: the day itself, or the Monday of its week. */
        public LocalDate first(LocalDate date) {
            return this == DAY ? date : date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        /** The number of days printed. */
        public int days() {
            return this == DAY ? 1 : 7;
        }
    }

    /** What the sheet needs of a patient besides her name: how to reach her, where she lives. */
    public record PatientContact(String phone, String address) {}

    /**
     * What a sheet is printed from.
     *
     * @param first        the day printed, or the Monday of the week printed
     * @param appointments the professional's appointments of the period, in time order, cancelled ones included
     * @param patients     phone and address of the patients of those appointments, by patient id
     * @param openDays     the days the structure opens: in a week, an open day without appointment still shows
     */
    public record Snapshot(Professional professional, String structureName, Span span, LocalDate first,
            List<Appointment> appointments, Map<Integer, PatientContact> patients, Set<DayOfWeek> openDays) {
        public Snapshot {
            Objects.requireNonNull(professional, "professional");
            Objects.requireNonNull(span, "span");
            first = span.first(Objects.requireNonNull(first, "first"));
            appointments = List.copyOf(appointments);
            patients = Map.copyOf(patients);
            openDays = Set.copyOf(openDays);
        }

        /** The day after the last day printed. */
        public LocalDate end() {
            return first.plusDays(span.days());
        }
    }

    private AgendaSheet() {}

    public static byte[] render(Snapshot s, Clock clock) {
        return new Writer(s).write().render(title(s), footerLine(s), s.structureName(), clock);
    }

    /** The footer fingerprint of the sheet: the same whenever the same data is printed. */
    public static String fingerprint(Snapshot s) {
        return fr.coordo.document.Fingerprint.of(new Writer(s).write().snapshotText(title(s), footerLine(s), s.structureName()));
    }

    /** The file name to suggest: the professional's RPPS (or number) and the period, never a patient's name. */
    public static String fileName(Snapshot s) {
        String who = s.professional().rpps() != null ? s.professional().rpps() : "pro" + s.professional().id();
        return "agenda-" + who + (s.span() == Span.WEEK ? "-semaine-" : "-jour-") + s.first() + ".pdf";
    }

    /** « Semaine du lundi 23 au dimanche 29 novembre 2026 », « Mardi 24 novembre 2026 ». */
    public static String periodText(Span span, LocalDate date) {
        LocalDate first = span.first(date);
        if (span == Span.DAY) {
            return French.capitalised(dayName(first) + " " + dayAndMonth(first) + " " + first.getYear());
        }
        LocalDate last = first.plusDays(6);
        String from = first.getYear() != last.getYear() ? dayAndMonth(first) + " " + first.getYear()
                : first.getMonth() != last.getMonth() ? dayAndMonth(first) : dayOfMonth(first);
        return "Semaine du lundi " + from + " au dimanche " + dayAndMonth(last) + " " + last.getYear();
    }

    /** « Lundi 23 novembre », « Mardi 1er décembre ». */
    public static String dayHeading(LocalDate day) {
        return French.capitalised(dayName(day) + " " + dayAndMonth(day));
    }

    /** The page header: the professional and the period, in case the pages come apart. */
    private static String title(Snapshot s) {
        return "Agenda de " + name(s.professional()) + " — " + lowerFirst(periodText(s.span(), s.first()));
    }

    private static String footerLine(Snapshot s) {
        return (s.span() == Span.WEEK ? "Agenda de la semaine du " : "Agenda du ") + s.first().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                + " — " + name(s.professional());
    }

    // ---------------------------------------------------------------- the sheet

    private static final class Writer {
        private final Snapshot s;
        private final DocumentScript doc = new DocumentScript();

        Writer(Snapshot s) {
            this.s = s;
        }

        DocumentScript write() {
            Professional p = s.professional();
            String who = Stream.of(p.professionLabel() + (notBlank(p.specialty()) ? " (" + p.specialty().strip() + ")" : ""),
                            p.rpps() != null ? "RPPS " + p.rpps() : p.adeli() != null ? "ADELI " + p.adeli() : null, s.structureName())
                    .filter(AgendaSheet::notBlank).reduce((a, b) -> a + " — " + b).orElse("");
            doc.title("Agenda de " + name(p), periodText(s.span(), s.first()) + "\n" + who);
            doc.paragraph(summary());
            if (s.appointments().isEmpty()) {
                return doc;
            }
            for (LocalDate day = s.first(); day.isBefore(s.end()); day = day.plusDays(1)) {
                LocalDate d = day;
                List<Appointment> ofDay = s.appointments().stream().filter(a -> a.day().equals(d)).toList();
                if (ofDay.isEmpty() && (s.span() == Span.WEEK && !s.openDays().contains(day.getDayOfWeek()))) {
                    continue; // a closed day without appointment: nothing to say
                }
                if (s.span() == Span.WEEK) {
                    doc.subsection(dayHeading(day));
                }
                List<Appointment> held = ofDay.stream().filter(a -> a.status() != AppointmentStatus.ANNULE).toList();
                List<Appointment> cancelled = ofDay.stream().filter(a -> a.status() == AppointmentStatus.ANNULE).toList();
                if (ofDay.isEmpty()) {
                    doc.paragraph("Aucun rendez-vous.");
                }
                if (!held.isEmpty()) {
                    doc.table(table(day, held));
                }
                if (!cancelled.isEmpty()) {
                    // Apart, after the day's table: a cancelled visit in the list would read as one to make.
                    doc.paragraph((cancelled.size() == 1 ? "Annulé : " : "Annulés :\n") + String.join("\n",
                            cancelled.stream().map(this::cancelledLine).toList()));
                }
            }
            return doc;
        }

        /** « 9 rendez-vous, 7 h 45 au total ; 1 annulé, non compté. », or the week or day without any. */
        private String summary() {
            List<Appointment> held = s.appointments().stream().filter(a -> a.status() != AppointmentStatus.ANNULE).toList();
            long cancelled = s.appointments().size() - held.size();
            String period = s.span() == Span.WEEK ? "cette semaine" : "ce jour";
            if (s.appointments().isEmpty()) {
                return "Aucun rendez-vous " + period + ".";
            }
            Duration total = held.stream().map(a -> a.data().length()).reduce(Duration.ZERO, Duration::plus);
            String count = held.isEmpty() ? "Aucun rendez-vous maintenu " + period
                    : held.size() + " rendez-vous " + period + ", " + duration(total) + " au total";
            return count + (cancelled == 0 ? "." : " ; " + cancelled + (cancelled == 1 ? " annulé" : " annulés") + ", non compté"
                    + (cancelled == 1 ? "" : "s") + ".");
        }

        private Table table(LocalDate day, List<Appointment> ofDay) {
            // In a week, the first header names the day: it is repeated at the top of a page when a busy day goes on there.
            String first = s.span() == Span.WEEK ? French.capitalised(day.getDayOfWeek().getDisplayName(TextStyle.SHORT, FR)) + " "
                    + dayOfMonth(day) : "Heure";
            Table.Builder t = Table.builder().column(first, 1.45f).column("Patient ou objet", 3.3f).column("Type et lieu", 3.1f)
                    .column("Avec", 2.7f).column("À savoir avant", 3.7f);
            for (Appointment a : ofDay) {
                t.row(when(a), who(a), what(a), with(a), orEmpty(a.data().notesBefore()));
            }
            return t.build();
        }

        /** « 10:00 / – 10:45 / 45 min », and the status when it is not « prévu ». */
        private static String when(Appointment a) {
            String status = a.status() == AppointmentStatus.PREVU ? "" : "\n" + a.status().label();
            return a.start().format(TIME) + "\n– " + end(a) + "\n" + duration(a.data().length()) + status;
        }

        /** The patient, her reference and phone; or, without a patient, the meeting's title. */
        private String who(Appointment a) {
            AppointmentInput d = a.data();
            if (d.patientId() == null) {
                return notBlank(d.title()) ? d.title().strip() : "Sans patient";
            }
            PatientContact c = s.patients().get(d.patientId());
            // A phone number never breaks across lines.
            String phone = c == null || !notBlank(c.phone()) ? "" : "\ntél. " + c.phone().strip().replace(' ', '\u00a0');
            return a.patientName() + "\n" + a.patientReference() + phone;
        }

        /** The kind, the title of a patient's appointment, the place and how a series repeats. */
        private String what(Appointment a) {
            AppointmentInput d = a.data();
            List<String> lines = new ArrayList<>();
            lines.add(kind(d.kind()));
            if (d.patientId() != null && notBlank(d.title())) {
                lines.add(d.title().strip());
            }
            lines.add(place(a));
            if (a.isOccurrence()) {
                lines.add("↻ " + every(a.series().rule()) + (a.moved() ? " (déplacé, prévu le " + a.recurrenceId().format(SHORT_DATE)
                        + " à " + a.recurrenceId().format(TIME) + ")" : ""));
            }
            return String.join("\n", lines);
        }

        /** « Maison de santé — salle 2 »; for a visit, the address only (the patient's when none was typed). */
        private String place(Appointment a) {
            AppointmentInput d = a.data();
            String detail = notBlank(d.placeDetail()) ? d.placeDetail().strip() : null;
            if (detail == null && d.place() == Place.DOMICILE && d.patientId() != null) {
                PatientContact c = s.patients().get(d.patientId());
                detail = c == null || !notBlank(c.address()) ? null : c.address();
            }
            if (d.kind() == AppointmentKind.VISITE && d.place() == Place.DOMICILE && detail != null) {
                return detail;
            }
            return d.place().label() + (detail == null ? "" : " — " + detail);
        }

        /** « 17:30 – 18:00, GARNIER Henri (P000002), visite à domicile — Prise de sang à jeun ». */
        private String cancelledLine(Appointment a) {
            AppointmentInput d = a.data();
            String who = d.patientId() == null ? null : a.patientName() + " (" + a.patientReference() + ")";
            String what = kind(d.kind()).toLowerCase(FR) + (notBlank(d.title()) ? " — " + d.title().strip() : "");
            return a.start().format(TIME) + " – " + end(a) + ", " + (who == null ? what : who + ", " + what) + ".";
        }

        private static String end(Appointment a) {
            return a.end().format(TIME) + (a.end().toLocalDate().equals(a.start().toLocalDate()) ? "" : " le " + a.end().format(SHORT_DATE));
        }

        /** The other professionals of the appointment, one per line. */
        private String with(Appointment a) {
            return String.join("\n", a.professionals().stream().filter(p -> p.id() != s.professional().id())
                    .map(p -> p.name() + " (" + p.profession().toLowerCase(FR) + ")").toList());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The kind as the sheet names it: the RCP's full name does not fit its column. */
    private static String kind(AppointmentKind k) {
        return k == AppointmentKind.RCP ? "Concertation (RCP)" : k.label();
    }

    private static String every(Recurrence r) {
        return switch (r.frequency()) {
            case WEEKLY -> r.interval() == 1 ? "chaque semaine" : "toutes les " + r.interval() + " semaines";
            case MONTHLY -> r.interval() == 1 ? "chaque mois" : "tous les " + r.interval() + " mois";
        };
    }

    /** « 45 min », « 1 h », « 7 h 45 ». */
    static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        long m = minutes % 60;
        return minutes / 60 + " h" + (m == 0 ? "" : String.format(Locale.ROOT, " %02d", m));
    }

    private static String name(Professional p) {
        return p.firstName() + " " + p.lastName();
    }

    private static String dayName(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.FULL, FR);
    }

    private static String dayOfMonth(LocalDate d) {
        return d.getDayOfMonth() == 1 ? "1er" : String.valueOf(d.getDayOfMonth());
    }

    private static String dayAndMonth(LocalDate d) {
        return dayOfMonth(d) + " " + d.getMonth().getDisplayName(TextStyle.FULL, FR);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(FR) + s.substring(1);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
