package fr.coordo.document;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfDocumentTest {
    private static final String SNAPSHOT = "{\"patient\":\"Lefèvre\",\"version\":3}";
    private static byte[] sample;

    @BeforeAll
    static void generate() throws IOException {
        sample = SampleDocuments.plan(SampleDocuments.CLOCK, SNAPSHOT, 90);
        Path dir = Path.of("target", "documents");
        Files.createDirectories(dir);
        Files.write(dir.resolve("sample.pdf"), sample);
    }

    @Test
    void aLongDocumentIsPdfA2b() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(sample)) {
            assertTrue(pdf.getNumberOfPages() > 3, "pages: " + pdf.getNumberOfPages());
            String xmp = new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertTrue(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
            assertEquals("fr-FR", pdf.getDocumentCatalog().getLanguage());
            assertEquals("Plan personnalisé de coordination en santé — Mme Hélène Lefèvre", pdf.getDocumentInformation().getTitle());
            assertTrue(pdf.getDocumentCatalog().getViewerPreferences().displayDocTitle());
            for (PDFont font : fonts(pdf)) {
                assertTrue(font.isEmbedded(), font.getName());
            }
        }
        PdfAssertions.assertPdfA2b(sample);
    }

    @Test
    void everyPageSaysPageXOfYAndFrenchSurvives() throws IOException {
        String text = text(sample).replaceAll("[\\u00a0\\u202f]", " "); // French number spacing: non-breaking spaces
        int pages;
        try (PDDocument pdf = Loader.loadPDF(sample)) {
            pages = pdf.getNumberOfPages();
        }
        for (int i = 1; i <= pages; i++) {
            assertTrue(text.contains("Page " + i + " / " + pages), "page " + i);
        }
        assertFalse(text.contains("Page " + (pages + 1) + " / "));
        for (String s : List.of("é", "è", "ê", "à", "ç", "œ", "Œ", "«", "»", "€", "’", "…", "Hélène Lefèvre", "1 235,50 €",
                "Généré le 12/05/2026 14:30", "Empreinte " + Fingerprint.of(SNAPSHOT), "Plan personnalisé — version 3 du 12/05/2026",
                PdfDocument.CHECKED, PdfDocument.UNCHECKED, "BROUILLON — document d'essai", "Référents du parcours")) {
            assertTrue(text.contains(s), s);
        }
    }

    @Test
    void noPageIsLeftEmpty() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(sample)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= pdf.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                long bodyLines = stripper.getText(pdf).lines()
                        .filter(l -> !l.startsWith("Plan personnalisé") && !l.startsWith("Généré le")).count();
                assertTrue(bodyLines > 0, "page " + i + " has only its header and footer");
            }
        }
    }

    @Test
    void aHeadingIsNeverLeftAloneAtTheBottomOfAPage() throws IOException {
        for (int filler = 40; filler <= 56; filler++) {
            for (boolean table : List.of(false, true)) {
                PdfDocument doc = PdfDocument.create(DocumentInfo.of("Essai", "Pied", SampleDocuments.CLOCK, "x"))
                        .paragraph(String.join("\n", java.util.Collections.nCopies(filler, "Ligne de remplissage")))
                        .section("Titre de section")
                        .subsection("Titre de sous-section");
                if (table) {
                    doc.table(Table.builder().column("Colonne", 1).row("Suite du texte").build());
                } else {
                    doc.paragraph("Suite du texte");
                }
                try (PDDocument pdf = Loader.loadPDF(doc.toBytes())) {
                    PDFTextStripper stripper = new PDFTextStripper();
                    for (int i = 1; i <= pdf.getNumberOfPages(); i++) {
                        stripper.setStartPage(i);
                        stripper.setEndPage(i);
                        String page = stripper.getText(pdf);
                        if (page.contains("Titre de")) {
                            assertTrue(page.contains("Titre de section") && page.contains("Titre de sous-section")
                                    && page.contains("Suite du texte"), filler + " lines, table " + table + ", page " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aGroupRowSpansTheTableAndIsNeverLeftAloneAtTheBottomOfAPage() throws IOException {
        for (int filler = 40; filler <= 56; filler++) {
            byte[] bytes = PdfDocument.create(DocumentInfo.of("Essai", "Pied", SampleDocuments.CLOCK, "x"))
                    .paragraph(String.join("\n", java.util.Collections.nCopies(filler, "Ligne de remplissage")))
                    .table(Table.builder().column("Colonne A", 1).column("Colonne B", 1).row("Avant", "le groupe")
                            .group("Un intitulé de groupe plus large qu'une colonne").row("Première ligne", "du groupe").build())
                    .toBytes();
            try (PDDocument pdf = Loader.loadPDF(bytes)) {
                PDFTextStripper stripper = new PDFTextStripper();
                for (int i = 1; i <= pdf.getNumberOfPages(); i++) {
                    stripper.setStartPage(i);
                    stripper.setEndPage(i);
                    String page = stripper.getText(pdf);
                    if (page.contains("intitulé de groupe")) {
                        assertTrue(page.contains("Un intitulé de groupe plus large qu'une colonne"), "on one line: " + page);
                        assertTrue(page.contains("Première ligne"), filler + " lines, page " + i);
                    }
                }
            }
        }
    }

    @Test
    void sameDataAndClockGiveTheSameBytes() {
        assertArrayEquals(sample, SampleDocuments.plan(SampleDocuments.CLOCK, SNAPSHOT, 90));
        Clock later = Clock.fixed(Instant.parse("2026-05-13T08:00:00Z"), ZoneOffset.UTC);
        assertFalse(java.util.Arrays.equals(sample, SampleDocuments.plan(later, SNAPSHOT, 90)));
    }

    @Test
    void documentsMadeAtTheSameTimeShareTheParsedFontsSafely() throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<byte[]>> made = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                made.add(pool.submit(() -> SampleDocuments.plan(SampleDocuments.CLOCK, SNAPSHOT, 90)));
            }
            for (var f : made) {
                assertArrayEquals(sample, f.get());
            }
        }
    }

    @Test
    void fingerprintIsTwelveHexCharactersOfTheData() {
        assertEquals("a591a6d40bf4", Fingerprint.of("Hello World"));
        assertEquals(12, Fingerprint.of(SNAPSHOT).length());
        assertNotEquals(Fingerprint.of(SNAPSHOT), Fingerprint.of(SNAPSHOT.replace('3', '4')));
        byte[] other = SampleDocuments.plan(SampleDocuments.CLOCK, SNAPSHOT.replace('3', '4'), 90);
        assertTrue(text(other).contains("Empreinte " + Fingerprint.of(SNAPSHOT.replace('3', '4'))));
    }

    @Test
    void sectionsAreBookmarked() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(sample)) {
            List<String> titles = new ArrayList<>();
            List<String> children = new ArrayList<>();
            for (PDOutlineItem item : pdf.getDocumentCatalog().getDocumentOutline().children()) {
                titles.add(item.getTitle());
                item.children().forEach(c -> children.add(c.getTitle()));
            }
            assertEquals(List.of("1. La personne et ses contacts utiles", "2. Composition de l’équipe", "3. Observations",
                    "4. Liste de contrôle", "5. Signatures"), titles);
            assertEquals(List.of("Souhaits exprimés"), children);
        }
    }

    @Test
    void aCellLongerThanAPageContinuesOnTheNextPages() {
        // page headers, footers and repeated table headers interrupt the cell in the extracted text
        String body = text(sample).lines()
                .filter(l -> !l.startsWith("Plan personnalisé") && !l.startsWith("Généré le") && !l.equals("Date Observation"))
                .collect(java.util.stream.Collectors.joining());
        String flat = body.replaceAll("\\s+", "");
        assertTrue(flat.contains(SampleDocuments.LONG_CELL.replaceAll("\\s+", "")), "the whole long cell, in order");
    }

    @Test
    void unknownCharactersPrintAsQuestionMarks() {
        // DejaVu Sans draws 😀 but not 🫠 (U+1FAE0) nor Chinese
        DocumentInfo info = DocumentInfo.of("Essai 🫠", "Ligne\u0007 de pied", SampleDocuments.CLOCK, "x");
        byte[] pdf = PdfDocument.create(info)
                .section("Émoji 🫠 et contrôle \u0001")
                .paragraph("Fondu 🫠, cloche \u0007, nul \u0000, tab\there, 中文, ☃ et 😀.")
                .table(Table.builder().column("A", 1).row("🫠\u0000\u001b").build())
                .fields(List.of(new Field("Clé\u0002", "Valeur 🫠")))
                .bullets(List.of("\uFFFF\uD800 seul"))
                .toBytes();
        String text = text(pdf);
        assertTrue(text.contains("Fondu ?, cloche ?, nul ?, tab here, ??, ☃ et 😀."), text);
        assertTrue(text.contains("Émoji ? et contrôle ?"), text);
        assertTrue(text.contains("Ligne? de pied"), text);
        PdfAssertions.assertPdfA2b(pdf);
    }

    @Test
    void anEmptyDocumentStillHasAPageWithItsFooter() {
        byte[] pdf = PdfDocument.create(DocumentInfo.of("Vide", "Rien", SampleDocuments.CLOCK, "")).toBytes();
        assertTrue(text(pdf).contains("Page 1 / 1"));
    }

    @Test
    void issuedFilesAreNeverOverwrittenUnlessAsked(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plan.pdf");
        Documents.writeAtomically(file, new byte[] {1}, false);
        StoreException refused = assertThrows(StoreException.class, () -> Documents.writeAtomically(file, new byte[] {2}, false));
        assertTrue(refused.getMessage().contains("existe déjà"));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(file));
        Documents.writeAtomically(file, new byte[] {3}, true);
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aFileInPlaceOfTheFolderIsNotMistakenForAnExistingDocument(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("dossier"), "x");
        StoreException refused = assertThrows(StoreException.class,
                () -> Documents.writeAtomically(notAFolder.resolve("plan.pdf"), new byte[] {1}, false));
        assertTrue(refused.getMessage().contains("n'est pas un dossier"), refused.getMessage());
    }

    private static String text(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<PDFont> fonts(PDDocument pdf) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (var page : pdf.getPages()) {
            for (var name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
        }
        return fonts;
    }

    @Test
    void theLastRowOfATableNeverStandsAloneOnAPage() throws IOException {
        // wherever the page break falls (a growing text above the table moves it row by row), the total keeps company
        for (int filler = 0; filler < 250; filler++) {
            Table.Builder table = Table.builder().column("Profession", 3).column("Nombre", 1);
            for (int r = 1; r <= 8; r++) {
                table.row("Ligne " + r, String.valueOf(r));
            }
            table.row("TOTALFINAL", "36");
            PdfDocument doc = PdfDocument.create(new DocumentInfo("Essai", "Essai", "Coordo", SampleDocuments.CLOCK, Fingerprint.of("essai")));
            doc.paragraph("Un texte avant le tableau, puis un blanc d'un millimètre de plus à chaque essai.");
            doc.space(filler);
            doc.table(table.build());
            try (PDDocument pdf = Loader.loadPDF(doc.toBytes())) {
                PDFTextStripper stripper = new PDFTextStripper();
                for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                    stripper.setStartPage(page);
                    stripper.setEndPage(page);
                    String text = stripper.getText(pdf);
                    if (text.contains("TOTALFINAL")) {
                        assertTrue(text.contains("Ligne 8"), "filler " + filler + ": the total is alone on page " + page);
                    }
                }
            }
        }
    }
}
