package fr.coordo.agenda;

import static fr.coordo.agenda.AgendaSheetFixtures.MONDAY;
import static fr.coordo.agenda.AgendaSheetFixtures.PRINT_CLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.agenda.AgendaSheet.Span;
import fr.coordo.document.PdfAssertions;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgendaSheetTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static AgendaSheetFixtures.Built built;
    private static AgendaSheets sheets;
    private static AgendaSheet.Snapshot week;
    private static byte[] weekPdf;
    private static String weekText;

    @BeforeAll
    static void printTheWeek() {
        built = AgendaSheetFixtures.create(shared.resolve("agenda.db"));
        sheets = new AgendaSheets(built.db(), PRINT_CLOCK);
        week = sheets.snapshot(built.petit(), Span.WEEK, MONDAY.plusDays(3));
        weekPdf = AgendaSheet.render(week, PRINT_CLOCK);
        weekText = text(weekPdf);
    }

    @AfterAll
    static void close() {
        built.close();
    }

    @Test
    void theWeekSheetNamesTheProfessionalThePeriodAndEachDay() {
        assertTrue(weekText.contains("Agenda de Lucie Petit"), weekText);
        assertTrue(weekText.contains("Semaine du lundi 23 au dimanche 29 novembre 2026"), weekText);
        assertTrue(weekText.contains("Infirmier — RPPS " + AgendaSheetFixtures.PETIT_RPPS + " — MSP des Tanneurs"), weekText);
        for (String day : List.of("Lundi 23 novembre", "Mardi 24 novembre", "Mercredi 25 novembre", "Jeudi 26 novembre",
                "Vendredi 27 novembre", "Samedi 28 novembre")) {
            assertTrue(weekText.contains(day), day);
        }
        assertFalse(weekText.contains("Dimanche 29 novembre"), "a closed day without appointment is left out");
        assertTrue(between(weekText, "Mercredi 25 novembre", "Jeudi 26 novembre").contains("Aucun rendez-vous."),
                "an open day without appointment says so");
        assertTrue(weekText.contains("Agenda de Lucie Petit — semaine du lundi 23 au dimanche 29 novembre 2026"), "page header");
        assertTrue(weekText.contains("Jeu. 26 Patient ou objet"), "the table header, repeated on a new page, names the day");
    }

    @Test
    void eachAppointmentShowsItsTimePatientAndWhatToKnow() {
        String monday = between(weekText, "Lundi 23 novembre", "Mardi 24 novembre");
        assertTrue(monday.indexOf("10:00") < monday.indexOf("12:00") && monday.indexOf("12:00") < monday.indexOf("14:00"),
                "in time order: " + monday);
        assertTrue(monday.contains("MOREAU (née LEFÈVRE) Éloïse Marie"), monday);
        assertTrue(monday.contains("GARNIER Henri"), monday);
        assertTrue(monday.contains("P000002 tél. 06 12 34 56 78"), "the patient's reference and phone: " + monday);
        assertTrue(monday.contains("Visite à domicile 12 rue des Tanneurs, 37000 Tours"), "a home visit shows the address: " + monday);
        assertTrue(monday.contains("↻ chaque semaine (déplacé, prévu le 23/11 à 08:30)"), "the series occurrence, moved: " + monday);
        assertTrue(monday.contains("Réalisé"), "a status other than planned is shown");
        assertTrue(monday.contains("Caron Julie (diététicien)"), "the other professional: " + monday);
        assertTrue(between(weekText, "Mardi 24 novembre", "Mercredi").contains("Non honoré"));

        String thursday = between(weekText, "Jeudi 26 novembre", "Vendredi 27 novembre");
        assertTrue(thursday.contains("Réunion d'équipe mensuelle"), thursday);
        for (String other : List.of("Bernard Camille (médecin)", "Martin Claire (infirmier)", "Girard Marc", "Caron Julie")) {
            assertTrue(thursday.contains(other), other + " in " + thursday);
        }
        assertFalse(thursday.contains("Petit Lucie ("), "the professional is not listed among the others");
        assertTrue(thursday.contains("Annulé : 17:30 – 18:00, GARNIER Henri (P000002), visite à domicile — Prise de sang à jeun."),
                "the cancelled visit is listed apart: " + thursday);
    }

    @Test
    void theSummaryCountsOnlyHerAppointmentsOfTheWeekAndSetsTheCancelledOneAside() {
        // 12 of hers in the week, one cancelled; a colleague's and those of the weeks around are not hers to print.
        assertTrue(weekText.contains("11 rendez-vous cette semaine, 7 h 45 au total ; 1 annulé, non compté."), weekText);
        assertEquals(12, week.appointments().size());
    }

    @Test
    void noNirIsPrinted() {
        for (int id : List.of(built.moreau(), built.garnier())) {
            Patient p = new PatientService(built.db()).find(id).orElseThrow();
            assertFalse(weekText.replace(" ", "").contains(p.data().nir().substring(0, 7)), "NIR of " + p.displayName());
        }
    }

    @Test
    void aWeekWithoutAppointmentsSaysSo() {
        // After the weekly dressings end.
        AgendaSheet.Snapshot empty = sheets.snapshot(built.petit(), Span.WEEK, LocalDate.of(2027, 2, 3));
        String text = text(AgendaSheet.render(empty, PRINT_CLOCK));
        assertTrue(text.contains("Semaine du lundi 1er au dimanche 7 février 2027"), text);
        assertTrue(text.contains("Aucun rendez-vous cette semaine."), text);
        assertFalse(text.contains("Lundi 1er février"), "no day-by-day list of nothing");
    }

    @Test
    void aDaySheetShowsThatDayOnly() {
        AgendaSheet.Snapshot day = sheets.snapshot(built.roux(), Span.DAY, MONDAY.plusDays(3));
        String text = text(AgendaSheet.render(day, PRINT_CLOCK));
        assertTrue(text.contains("Jeudi 26 novembre 2026"), text);
        assertTrue(text.contains("1 rendez-vous ce jour, 1 h au total."), text);
        assertTrue(text.contains("Concertation (RCP)") && text.contains("Petit Lucie (infirmier)"), text);
        assertFalse(text.contains("Réunion d'équipe mensuelle"), "a meeting he is not part of");
        assertTrue(text.contains("Psychologue — MSP des Tanneurs"), "no RPPS to show: " + text);
    }

    @Test
    void theSheetIsPdfA2b() {
        PdfAssertions.assertPdfA2b(weekPdf);
    }

    @Test
    void sameDataAndClockGiveTheSameBytesAndTheFingerprintFollowsTheData() {
        AgendaSheet.Snapshot again = sheets.snapshot(built.petit(), Span.WEEK, MONDAY);
        assertArrayEquals(weekPdf, AgendaSheet.render(again, PRINT_CLOCK));
        assertEquals(AgendaSheet.fingerprint(week), AgendaSheet.fingerprint(again));

        byte[] later = AgendaSheet.render(again, Clock.offset(PRINT_CLOCK, Duration.ofHours(2)));
        assertFalse(java.util.Arrays.equals(weekPdf, later), "the generation date is printed");
        assertTrue(text(later).contains("Empreinte " + AgendaSheet.fingerprint(week)), "same data, same fingerprint");

        AgendaSheet.Snapshot otherDay = sheets.snapshot(built.petit(), Span.DAY, MONDAY);
        assertNotEquals(AgendaSheet.fingerprint(week), AgendaSheet.fingerprint(otherDay));
    }

    @Test
    void exportWritesTheFileAuditsThePrintAndNeverReplacesUnlessAsked() throws IOException {
        Path out = dir.resolve(AgendaSheet.fileName(week));
        assertEquals("agenda-" + AgendaSheetFixtures.PETIT_RPPS + "-semaine-2026-11-23.pdf", out.getFileName().toString());
        assertEquals(out, sheets.export(week, out, false));
        assertArrayEquals(weekPdf, Files.readAllBytes(out));
        assertEquals(1, prints(out), "the print is audited");
        String changes = built.db().read(dsl -> dsl.fetchValue("select changes from audit_entry where action = 'PRINT' "
                + "and entity = 'professional' and entity_id = ?", String.valueOf(built.petit()))).toString();
        assertTrue(changes.contains(AgendaSheet.fingerprint(week)), changes);
        assertFalse(changes.contains("GARNIER") || changes.contains("MOREAU"), "no patient name in the audit trail");

        Files.writeString(out, "déjà là");
        StoreException refused = assertThrows(StoreException.class, () -> sheets.export(week, out, false));
        assertTrue(refused.getMessage().contains("existe déjà"), refused.getMessage());
        assertEquals("déjà là", Files.readString(out), "the existing file is untouched");
        assertEquals(1, prints(out), "a refused print is not recorded");

        sheets.export(week, out, true);
        assertArrayEquals(weekPdf, Files.readAllBytes(out));
        assertEquals(2, prints(out));
    }

    @Test
    void aFileNameWithoutRppsUsesTheProfessionalsNumber() {
        AgendaSheet.Snapshot day = sheets.snapshot(built.roux(), Span.DAY, MONDAY.plusDays(3));
        assertEquals("agenda-pro" + built.roux() + "-jour-2026-11-26.pdf", AgendaSheet.fileName(day));
    }

    @Test
    void theProfessionalIsFoundByRppsOrName() {
        assertEquals(built.petit(), sheets.professional(AgendaSheetFixtures.PETIT_RPPS).id());
        assertEquals(built.petit(), sheets.professional("petit").id());
        assertEquals(built.petit(), sheets.professional("Lucie PETIT").id());
        assertEquals(built.roux(), sheets.professional("Thomas Roux").id());
        StoreException unknown = assertThrows(StoreException.class, () -> sheets.professional("10000000999"));
        assertTrue(unknown.getMessage().contains("Aucun professionnel de l'équipe n'a le RPPS"), unknown.getMessage());
        StoreException nobody = assertThrows(StoreException.class, () -> sheets.professional("Dupuis"));
        assertTrue(nobody.getMessage().contains("ne s'appelle « Dupuis »"), nobody.getMessage());
    }

    @Test
    void periodsAreWrittenInFrench() {
        assertEquals("Mardi 24 novembre 2026", AgendaSheet.periodText(Span.DAY, LocalDate.of(2026, 11, 24)));
        assertEquals("Semaine du lundi 23 au dimanche 29 novembre 2026", AgendaSheet.periodText(Span.WEEK, LocalDate.of(2026, 11, 29)));
        assertEquals("Semaine du lundi 30 novembre au dimanche 6 décembre 2026", AgendaSheet.periodText(Span.WEEK, LocalDate.of(2026, 12, 1)));
        assertEquals("Semaine du lundi 28 décembre 2026 au dimanche 3 janvier 2027",
                AgendaSheet.periodText(Span.WEEK, LocalDate.of(2027, 1, 2)));
        assertEquals("Mardi 1er décembre", AgendaSheet.dayHeading(LocalDate.of(2026, 12, 1)));
    }

    /** Leaves the realistic week and day in target/documents, to look at them as a professional would. */
    @Test
    void theSheetsAreLeftInTheBuildFolderToBeLookedAt() throws IOException {
        Path target = Path.of(System.getProperty("coordo.samples", "target/documents"));
        Files.createDirectories(target);
        Files.write(target.resolve("agenda-semaine.pdf"), weekPdf);
        Files.write(target.resolve("agenda-jour.pdf"), AgendaSheet.render(sheets.snapshot(built.petit(), Span.DAY, MONDAY), PRINT_CLOCK));
        for (String name : java.util.List.of("agenda-semaine.pdf", "agenda-jour.pdf")) {
            try (var pdf = org.apache.pdfbox.Loader.loadPDF(target.resolve(name).toFile())) {
                org.junit.jupiter.api.Assertions.assertTrue(pdf.getNumberOfPages() >= 1, name);
            }
        }
    }

    private int prints(Path out) {
        return built.db().read(dsl -> dsl.fetchCount(dsl.selectFrom("audit_entry").where("action = 'PRINT' and changes like ?",
                "%" + out.getFileName() + "%")));
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start + from.length());
        assertTrue(start >= 0 && end > start, from + " … " + to + " in " + text);
        return text.substring(start, end);
    }

    /** The text of every page, lines of wrapped cells joined by spaces so that a phrase reads whole. */
    static String text(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("[\\s\u00a0]+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
