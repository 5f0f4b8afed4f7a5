package fr.coordo.document;

import fr.coordo.document.Table.Align;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/**
 * A printable A4 document, PDF/A-2b, laid out top to bottom: each call appends a block and pages break by
 * themselves. Every page gets a header (the title) and a footer (document line, page X / Y, generation date,
 * fingerprint), drawn by {@link #toBytes()} once the page count is known.
 *
 * <p>Generation is a pure function of the calls and of {@link DocumentInfo}: same input and same clock, same bytes.
 * Characters the font cannot draw (emoji, control characters) print as « ? ».
 */
public final class PdfDocument {
    /** Check-box glyphs, present in the embedded font; usable in any text, e.g. a table cell. */
    public static final String CHECKED = "☒";
    public static final String UNCHECKED = "☐";

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    // Geometry, in points (1 mm = 72 / 25.4 pt).
    private static final float MM = 72f / 25.4f;
    private static final PDRectangle A4 = PDRectangle.A4;
    private static final float LEFT = 20 * MM;
    private static final float RIGHT = A4.getWidth() - 20 * MM;
    private static final float WIDTH = RIGHT - LEFT;
    private static final float TOP = A4.getHeight() - 22 * MM;
    private static final float BOTTOM = 24 * MM;
    private static final float HEADER_BASELINE = A4.getHeight() - 13 * MM;
    private static final float FOOTER_RULE = 18 * MM;
    private static final float FOOTER_LINE_1 = 14 * MM;
    private static final float FOOTER_LINE_2 = 10.5f * MM;

    // Grey levels (0 black, 1 white): light enough fills for black and white printers.
    private static final float INK = 0f;
    private static final float MARGIN_INK = 0.3f;
    private static final float RULE = 0.55f;
    private static final float HEADER_FILL = 0.85f;
    private static final float ZEBRA_FILL = 0.93f;
    private static final float GROUP_FILL = 0.78f;

    /** Cap height of DejaVu Sans as a fraction of the size: centres capitals in their line box. */
    private static final float CAP_HEIGHT = 0.73f;
    /** A block split across pages keeps at least this many lines on each side. */
    private static final int MIN_LINES = 2;

    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" ([»:;!?€%])");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * The fonts, parsed once per JVM and shared by every document: parsing took a tenth of a document's time.
     * FontBox guards its table reads, and PDFBox shares parsed fonts between documents the same way.
     */
    private static final class Fonts {
        static final TrueTypeFont REGULAR = parse("/fonts/DejaVuSans.ttf");
        static final TrueTypeFont BOLD = parse("/fonts/DejaVuSans-Bold.ttf");

        private static TrueTypeFont parse(String resource) {
            try (InputStream in = PdfDocument.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("font " + resource + " is missing from the class path");
                }
                TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
                // No glyph substitution: PDFBox would rebuild its ligature machinery for every line drawn (a third of the
                // time of a document) for French text that needs none, and widths are measured without it anyway.
                ttf.setEnableGsub(false);
                return ttf;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Style(PDFont font, float size, float leading) {}

    private record Heading(String text, int level) {}

    private record Cell(List<String> lines, Style style, Align align) {}

    /** How a grid of cells looks: padding, ruled or not, and a shift so that text aligns on the margin. */
    private record Grid(float[] widths, float padX, float padY, boolean ruled, float shift) {
        float width() {
            float w = 0;
            for (float c : widths) {
                w += c;
            }
            return w;
        }
    }

    private final DocumentInfo info;
    private final ZonedDateTime generatedAt;
    private final PDDocument pdf = new PDDocument();
    private final PDFont regular;
    private final PDFont bold;
    private final Style body;
    private final Style bodyBold;
    private final Style small;
    private final Style smallBold;
    private final Style margin;
    private final Style titleStyle;
    private final Style subtitleStyle;
    private final Style sectionStyle;
    private final Style subsectionStyle;
    private final Map<PDFont, Map<Integer, Boolean>> drawable = new HashMap<>();
    private final Map<PDFont, Map<Integer, Float>> advances = new HashMap<>();
    private final PDDocumentOutline outline = new PDDocumentOutline();
    private final List<Heading> pending = new ArrayList<>();
    private PDOutlineItem lastSection;
    private PDPage page;
    private PDPageContentStream out;
    private float y;
    /** y where content starts on the current page (below a repeated table header): nothing drawn above it yet. */
    private float freshY;
    private boolean finished;

    private PdfDocument(DocumentInfo info) {
        this.info = info;
        this.generatedAt = ZonedDateTime.now(info.clock()).withZoneSameInstant(ZONE).truncatedTo(ChronoUnit.SECONDS);
        try {
            // Embedded as subsets of the glyphs this document uses; the parsed fonts stay open for the next document.
            regular = PDType0Font.load(pdf, Fonts.REGULAR, true);
            bold = PDType0Font.load(pdf, Fonts.BOLD, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body = new Style(regular, 10, 13.5f);
        bodyBold = new Style(bold, 10, 13.5f);
        small = new Style(regular, 9, 11.5f);
        smallBold = new Style(bold, 9, 11.5f);
        margin = new Style(regular, 7.5f, 9);
        titleStyle = new Style(bold, 18, 23);
        subtitleStyle = new Style(regular, 11.5f, 15);
        sectionStyle = new Style(bold, 13, 17);
        subsectionStyle = new Style(bold, 11, 14.5f);
    }

    public static PdfDocument create(DocumentInfo info) {
        return new PdfDocument(info);
    }

    /** The document title, large, at the current position (usually the top of page 1). */
    public PdfDocument title(String title) {
        return title(title, null);
    }

    /** The document title with a subtitle line below it (null: none). */
    public PdfDocument title(String title, String subtitle) {
        return run(() -> {
            List<String> t = lines(title, titleStyle, WIDTH);
            List<String> s = subtitle == null ? List.of() : lines(subtitle, subtitleStyle, WIDTH);
            startBlock(t.size() * titleStyle.leading() + s.size() * subtitleStyle.leading());
            textLines(t, titleStyle, INK);
            y -= 2;
            textLines(s, subtitleStyle, INK);
            y -= 10;
        });
    }

    /** A section heading, with a level 1 bookmark; it always shares its page with what follows it. */
    public PdfDocument section(String title) {
        pending.add(new Heading(title, 1));
        return this;
    }

    /** A subsection heading, bookmarked under the current section. */
    public PdfDocument subsection(String title) {
        pending.add(new Heading(title, 2));
        return this;
    }

    /** Body text wrapped to the text width; « \n » starts a new line. */
    public PdfDocument paragraph(String text) {
        return run(() -> {
            if (text == null || text.isBlank()) {
                return;
            }
            List<String> lines = lines(text, body, WIDTH);
            startBlock(Math.min(MIN_LINES, lines.size()) * body.leading());
            for (int i = 0; i < lines.size(); i++) {
                boolean lastLines = lines.size() - i <= MIN_LINES && lines.size() > MIN_LINES;
                float need = (lastLines ? lines.size() - i : 1) * body.leading();
                if (y - need < BOTTOM && y < freshY) {
                    newPage();
                }
                textLines(List.of(lines.get(i)), body, INK);
            }
            y -= 5;
        });
    }

    /**
     * A warning that must not be missed (« BROUILLON — non validé », « copie partielle »): bold text in a thick
     * frame on a light grey ground, so that it still stands out on a black-and-white printout. Kept whole on a page.
     */
    public PdfDocument notice(String text) {
        return run(() -> {
            if (text == null || text.isBlank()) {
                return;
            }
            float pad = 6;
            float frame = 1.5f;
            List<String> lines = lines(text, bodyBold, WIDTH - 2 * pad - 2 * frame);
            float height = lines.size() * bodyBold.leading() + 2 * pad;
            startBlock(height);
            float top = y;
            out.setNonStrokingColor(ZEBRA_FILL);
            out.addRect(LEFT, top - height, WIDTH, height);
            out.fill();
            rectangle(LEFT, top - height, WIDTH, height, INK, frame);
            y = top - pad;
            textLines(lines, bodyBold, LEFT + pad + frame, INK);
            y = top - height - 8;
        });
    }

    /** Label: value pairs, labels in bold on the left, values wrapped on the right. */
    public PdfDocument fields(List<Field> fields) {
        return run(() -> {
            if (fields.isEmpty()) {
                return;
            }
            float pad = 4;
            float labelWidth = Math.round(WIDTH * 0.32f);
            Grid grid = new Grid(new float[] {labelWidth + pad, WIDTH - labelWidth + pad}, pad, 1.5f, false, -pad);
            List<List<Cell>> rows = new ArrayList<>();
            for (Field f : fields) {
                rows.add(List.of(cell(f.label(), bodyBold, grid, 0, Align.LEFT), cell(f.value(), body, grid, 1, Align.LEFT)));
            }
            grid(grid, null, rows, false, Set.of());
            y -= 5;
        });
    }

    /** A bulleted list; items wrap under their own text. */
    public PdfDocument bullets(List<String> items) {
        return run(() -> marked(items.stream().map(i -> new String[] {"•", i}).toList()));
    }

    /** A check-list: ☒ for ticked items, ☐ for the others. */
    public PdfDocument checklist(List<CheckItem> items) {
        return run(() -> marked(items.stream().map(i -> new String[] {i.checked() ? CHECKED : UNCHECKED, i.text()}).toList()));
    }

    /** A table: header row repeated on each page, wrapped cells, rows kept whole unless taller than a page. */
    public PdfDocument table(Table table) {
        return run(() -> {
            List<Table.Column> columns = table.columns();
            float total = 0;
            for (Table.Column c : columns) {
                total += c.weight();
            }
            float[] widths = new float[columns.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = WIDTH * columns.get(i).weight() / total;
            }
            Grid grid = new Grid(widths, 4, 3, true, 0);
            List<Cell> header = new ArrayList<>();
            for (int i = 0; i < widths.length; i++) {
                header.add(cell(columns.get(i).header(), smallBold, grid, i, columns.get(i).align()));
            }
            List<List<Cell>> rows = new ArrayList<>();
            for (int r = 0; r < table.rows().size(); r++) {
                List<String> texts = table.rows().get(r);
                List<Cell> cells = new ArrayList<>();
                if (table.isGroup(r)) {
                    // One cell across the table: rowPiece spans a row that has fewer cells than columns.
                    cells.add(new Cell(lines(texts.getFirst(), smallBold, grid.width() - 2 * grid.padX()), smallBold, Align.LEFT));
                } else {
                    for (int i = 0; i < widths.length; i++) {
                        cells.add(cell(texts.get(i), small, grid, i, columns.get(i).align()));
                    }
                }
                rows.add(cells);
            }
            grid(grid, header, rows, table.zebra(), table.groupRows());
            y -= 8;
        });
    }

    /** Signature blocks, two per row: name, capacity, date (blank if null) and room for a handwritten signature. */
    public PdfDocument signatureBlocks(List<Signatory> signatories) {
        return run(() -> {
            float gutter = 8 * MM;
            float pad = 6;
            float boxWidth = (WIDTH - gutter) / 2;
            float signatureRoom = 26 * MM;
            for (int i = 0; i < signatories.size(); i += 2) {
                List<List<String>> texts = new ArrayList<>();
                List<List<String>> names = new ArrayList<>();
                float textHeight = 0;
                for (Signatory s : signatories.subList(i, Math.min(i + 2, signatories.size()))) {
                    List<String> name = lines(s.name(), bodyBold, boxWidth - 2 * pad);
                    List<String> rest = new ArrayList<>(lines("Qualité : " + s.capacity(), body, boxWidth - 2 * pad));
                    rest.addAll(lines("Date : " + (s.date() == null ? "____ / ____ / ________" : s.date().format(DATE)), body,
                            boxWidth - 2 * pad));
                    rest.add("Signature :");
                    names.add(name);
                    texts.add(rest);
                    textHeight = Math.max(textHeight, (name.size() + rest.size()) * body.leading());
                }
                float height = 2 * pad + textHeight + signatureRoom;
                if (i == 0) {
                    startBlock(height);
                } else {
                    reserve(height);
                }
                float top = y;
                for (int b = 0; b < texts.size(); b++) {
                    float x = LEFT + b * (boxWidth + gutter);
                    rectangle(x, top - height, boxWidth, height, RULE, 0.6f);
                    y = top - pad;
                    textLines(names.get(b), bodyBold, x + pad, INK);
                    textLines(texts.get(b), body, x + pad, INK);
                }
                y = top - height - 6 * MM;
            }
        });
    }

    /** Vertical space, in millimetres; none at the top of a page. */
    public PdfDocument space(float millimetres) {
        return run(() -> {
            ensurePage();
            if (y < freshY) {
                y -= millimetres * MM;
            }
        });
    }

    /** What follows starts on a new page. */
    public PdfDocument pageBreak() {
        return run(() -> {
            ensurePage();
            if (y < freshY) {
                newPage();
            }
        });
    }

    /** Finishes the document (headers, footers with the page count, PDF/A metadata) and returns the file. */
    public byte[] toBytes() {
        if (finished) {
            throw new IllegalStateException("toBytes() was already called on this document");
        }
        finished = true;
        try (pdf) {
            if (pending.isEmpty()) {
                ensurePage();
            } else {
                startBlock(0); // headings with nothing after them still print
            }
            out.close();
            drawMargins();
            if (outline.hasChildren()) {
                outline.openNode();
                pdf.getDocumentCatalog().setDocumentOutline(outline);
                pdf.getDocumentCatalog().setPageMode(PageMode.USE_OUTLINES);
            }
            PdfA.declare(pdf, info, generatedAt);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            pdf.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- blocks -------------------------------------------------------------------------------------------

    /** A list whose items hang under a marker (bullet or check box). */
    private void marked(List<String[]> items) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        float pad = 4;
        Grid grid = new Grid(new float[] {14 + pad, WIDTH - 14 + pad}, pad, 1, false, -pad);
        List<List<Cell>> rows = new ArrayList<>();
        for (String[] item : items) {
            rows.add(List.of(cell(item[0], body, grid, 0, Align.LEFT), cell(item[1], body, grid, 1, Align.LEFT)));
        }
        grid(grid, null, rows, false, Set.of());
        y -= 5;
    }

    private void grid(Grid grid, List<Cell> header, List<List<Cell>> rows, boolean zebra, Set<Integer> groups) throws IOException {
        if (rows.isEmpty() && header == null) {
            return;
        }
        float headerHeight = header == null ? 0 : height(grid, header, lineCount(header));
        float first = rows.isEmpty() ? 0 : firstPart(grid, rows, 0, groups);
        if (first > TOP - BOTTOM - headerHeight) {
            first = height(grid, rows.getFirst(), MIN_LINES);
        }
        startBlock(headerHeight + first);
        if (header != null) {
            rowPiece(grid, header, 0, lineCount(header), HEADER_FILL);
        }
        int stripe = 0;
        for (int r = 0; r < rows.size(); r++) {
            if (groups.contains(r)) {
                // A group heading never ends a page: it moves with the start of its first row.
                float need = firstPart(grid, rows, r, groups);
                if (y < freshY && y - need < BOTTOM && need <= TOP - BOTTOM - headerHeight) {
                    continuePage(grid, header);
                }
                row(grid, header, rows.get(r), GROUP_FILL);
                stripe = 0;
                continue;
            }
            if (r == rows.size() - 2 && rows.size() >= 3 && y < freshY && !groups.contains(r + 1)) {
                // the last row (often a total) never stands alone under a repeated header: it takes the one before along
                float before = height(grid, rows.get(r), lineCount(rows.get(r)));
                float pair = before + height(grid, rows.get(r + 1), lineCount(rows.get(r + 1)));
                if (y - before >= BOTTOM && y - pair < BOTTOM && pair <= TOP - BOTTOM - headerHeight) {
                    continuePage(grid, header);
                }
            }
            row(grid, header, rows.get(r), zebra && stripe++ % 2 == 1 ? ZEBRA_FILL : -1);
        }
    }

    /** Height that must fit below the cursor to start row r: a group row with the first lines of the row it heads. */
    private float firstPart(Grid grid, List<List<Cell>> rows, int r, Set<Integer> groups) {
        float h = height(grid, rows.get(r), lineCount(rows.get(r)));
        if (groups.contains(r) && r + 1 < rows.size()) {
            // row() moves a row whole when it fits on a page: the heading must then travel with all of it.
            List<Cell> next = rows.get(r + 1);
            float whole = height(grid, next, lineCount(next));
            h += whole <= TOP - BOTTOM - 40 ? whole : height(grid, next, Math.min(MIN_LINES, lineCount(next)));
        }
        return h;
    }

    /** One row: moved whole to the next page if it does not fit, split line by line only if taller than a page. */
    private void row(Grid grid, List<Cell> header, List<Cell> row, float fill) throws IOException {
        int total = lineCount(row);
        float leading = row.getFirst().style().leading();
        float room = TOP - BOTTOM - (header == null ? 0 : height(grid, header, lineCount(header)));
        int done = 0;
        while (true) {
            int left = total - done;
            int fit = (int) Math.floor((y - BOTTOM - 2 * grid.padY()) / leading);
            if (fit >= left) {
                rowPiece(grid, row, done, left, fill);
                return;
            }
            boolean fresh = y >= freshY;
            boolean wholeOnNextPage = done == 0 && height(grid, row, left) <= room;
            if (!fresh && (wholeOnNextPage || fit < Math.min(MIN_LINES, left))) {
                continuePage(grid, header);
                continue;
            }
            int n = Math.max(1, Math.min(fit, left - MIN_LINES));
            rowPiece(grid, row, done, n, fill);
            done += n;
            continuePage(grid, header);
        }
    }

    private void continuePage(Grid grid, List<Cell> header) throws IOException {
        newPage();
        if (header != null) {
            rowPiece(grid, header, 0, lineCount(header), HEADER_FILL);
            freshY = y;
        }
    }

    /** Lines [from, from + count) of every cell of a row, with its fill and rules. */
    private void rowPiece(Grid grid, List<Cell> row, int from, int count, float fill) throws IOException {
        float h = height(grid, row, count);
        float x0 = LEFT + grid.shift();
        if (fill >= 0) {
            out.setNonStrokingColor(fill);
            out.addRect(x0, y - h, grid.width(), h);
            out.fill();
        }
        float x = x0;
        boolean spans = row.size() == 1 && grid.widths().length > 1;
        for (int c = 0; c < row.size(); c++) {
            Cell cell = row.get(c);
            float w = spans ? grid.width() : grid.widths()[c];
            Style s = cell.style();
            out.setNonStrokingColor(INK);
            for (int k = from; k < Math.min(from + count, cell.lines().size()); k++) {
                String line = cell.lines().get(k);
                float lw = width(line, s);
                float tx = switch (cell.align()) {
                    case LEFT -> x + grid.padX();
                    case RIGHT -> x + w - grid.padX() - lw;
                    case CENTER -> x + (w - lw) / 2;
                };
                show(line, s, tx, baseline(y - grid.padY() - (k - from) * s.leading(), s));
            }
            if (grid.ruled()) {
                rectangle(x, y - h, w, h, RULE, 0.5f);
            }
            x += w;
        }
        y -= h;
    }

    private Cell cell(String text, Style style, Grid grid, int column, Align align) throws IOException {
        return new Cell(lines(text, style, grid.widths()[column] - 2 * grid.padX()), style, align);
    }

    private static int lineCount(List<Cell> row) {
        int n = 1;
        for (Cell c : row) {
            n = Math.max(n, c.lines().size());
        }
        return n;
    }

    private static float height(Grid grid, List<Cell> row, int lines) {
        return lines * row.getFirst().style().leading() + 2 * grid.padY();
    }

    // ---- pages, headings, margins -------------------------------------------------------------------------

    private void ensurePage() throws IOException {
        if (page == null) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        page = new PDPage(A4);
        pdf.addPage(page);
        out = new PDPageContentStream(pdf, page);
        y = TOP;
        freshY = TOP;
    }

    /** Moves to a new page unless the height fits below the cursor (or the page is still empty). */
    private void reserve(float height) throws IOException {
        if (y < freshY && y - height < BOTTOM) {
            newPage();
        }
    }

    /** Starts a block whose first unbreakable part has this height, with the pending headings above it. */
    private void startBlock(float firstPart) throws IOException {
        ensurePage();
        float headings = 0;
        for (Heading h : pending) {
            headings += headingHeight(h);
        }
        reserve(headings + firstPart);
        for (Heading h : pending) {
            heading(h);
        }
        pending.clear();
    }

    private float headingHeight(Heading h) throws IOException {
        Style s = h.level() == 1 ? sectionStyle : subsectionStyle;
        return spaceBefore(h) + lines(h.text(), s, WIDTH).size() * s.leading() + spaceAfter(h);
    }

    private static float spaceBefore(Heading h) {
        return h.level() == 1 ? 14 : 8;
    }

    private static float spaceAfter(Heading h) {
        return h.level() == 1 ? 8 : 3;
    }

    private void heading(Heading h) throws IOException {
        Style s = h.level() == 1 ? sectionStyle : subsectionStyle;
        if (y < freshY) {
            y -= spaceBefore(h);
        }
        float top = y;
        textLines(lines(h.text(), s, WIDTH), s, INK);
        if (h.level() == 1) {
            y -= 2;
            line(LEFT, y, RIGHT, y, INK, 0.8f);
        }
        y -= spaceAfter(h);

        PDPageXYZDestination destination = new PDPageXYZDestination();
        destination.setPage(page);
        destination.setLeft(0);
        destination.setTop(Math.round(top + 6));
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(oneLine(h.text()));
        item.setDestination(destination);
        if (h.level() == 1 || lastSection == null) {
            outline.addLast(item);
            if (h.level() == 1) {
                lastSection = item;
            }
        } else {
            lastSection.addLast(item);
            lastSection.openNode();
        }
    }

    /** Page headers and footers, once the number of pages is known. */
    private void drawMargins() throws IOException {
        int count = pdf.getNumberOfPages();
        String generated = "Généré le " + generatedAt.format(DATE_TIME);
        String fingerprint = "Empreinte " + info.fingerprint();
        String title = printable(oneLine(info.title()), regular);
        String footerLine = printable(oneLine(info.footerLine()), regular);
        for (int i = 0; i < count; i++) {
            String pageLabel = "Page " + (i + 1) + " / " + count;
            try (PDPageContentStream cs = new PDPageContentStream(pdf, pdf.getPage(i), AppendMode.APPEND, true, true)) {
                out = cs;
                cs.setNonStrokingColor(MARGIN_INK);
                show(fit(title, margin, WIDTH), margin, LEFT, HEADER_BASELINE);
                line(LEFT, HEADER_BASELINE - 4, RIGHT, HEADER_BASELINE - 4, RULE, 0.5f);

                line(LEFT, FOOTER_RULE, RIGHT, FOOTER_RULE, RULE, 0.5f);
                cs.setNonStrokingColor(MARGIN_INK);
                float pageWidth = width(pageLabel, margin);
                show(fit(footerLine, margin, WIDTH - pageWidth - 6 * MM), margin, LEFT, FOOTER_LINE_1);
                show(pageLabel, margin, RIGHT - pageWidth, FOOTER_LINE_1);
                show(generated, margin, LEFT, FOOTER_LINE_2);
                show(fingerprint, margin, RIGHT - width(fingerprint, margin), FOOTER_LINE_2);
            }
        }
        out = null;
    }

    // ---- drawing primitives --------------------------------------------------------------------------------

    private void textLines(List<String> lines, Style s, float gray) throws IOException {
        textLines(lines, s, LEFT, gray);
    }

    private void textLines(List<String> lines, Style s, float x, float gray) throws IOException {
        out.setNonStrokingColor(gray);
        for (String line : lines) {
            show(line, s, x, baseline(y, s));
            y -= s.leading();
        }
    }

    /** Baseline that centres capitals in a line box whose top is {@code top}. */
    private static float baseline(float top, Style s) {
        return top - (s.leading() + CAP_HEIGHT * s.size()) / 2;
    }

    private void show(String text, Style s, float x, float baseline) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        out.beginText();
        out.setFont(s.font(), s.size());
        out.newLineAtOffset(x, baseline);
        out.showText(text);
        out.endText();
    }

    private void line(float x1, float y1, float x2, float y2, float gray, float width) throws IOException {
        out.setStrokingColor(gray);
        out.setLineWidth(width);
        out.moveTo(x1, y1);
        out.lineTo(x2, y2);
        out.stroke();
    }

    private void rectangle(float x, float yBottom, float w, float h, float gray, float width) throws IOException {
        out.setStrokingColor(gray);
        out.setLineWidth(width);
        out.addRect(x, yBottom, w, h);
        out.stroke();
    }

    // ---- text -----------------------------------------------------------------------------------------------

    private float width(String text, Style s) throws IOException {
        return stringWidth(text, s.font()) / 1000 * s.size();
    }

    /**
     * The same sum as {@link PDFont#getStringWidth}, in the same order, from widths cached per character: PDFBox
     * decodes the string through its CMap on every call, and wrapping measures each line once per word.
     */
    private float stringWidth(String text, PDFont font) throws IOException {
        Map<Integer, Float> widths = advances.computeIfAbsent(font, f -> new HashMap<>());
        float total = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            Float w = widths.get(c);
            if (w == null) {
                w = font.getStringWidth(Character.toString(c));
                widths.put(c, w);
            }
            total += w;
            i += Character.charCount(c);
        }
        return total;
    }

    /** The text made drawable, wrapped at word boundaries to the width; words longer than a line are cut. */
    private List<String> lines(String text, Style s, float maxWidth) throws IOException {
        List<String> result = new ArrayList<>();
        for (String paragraph : printable(frenchSpacing(text == null ? "" : text), s.font()).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, s) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    result.add(line.toString());
                    line.setLength(0);
                }
                while (width(word, s) > maxWidth) {
                    int cut = longestFittingPrefix(word, s, maxWidth);
                    result.add(word.substring(0, cut));
                    word = word.substring(cut);
                }
                line.append(word);
            }
            result.add(line.toString());
        }
        return result;
    }

    private int longestFittingPrefix(String word, Style s, float maxWidth) throws IOException {
        int end = word.offsetByCodePoints(0, 1);
        while (end < word.length()) {
            int next = word.offsetByCodePoints(end, 1);
            if (width(word.substring(0, next), s) > maxWidth) {
                break;
            }
            end = next;
        }
        // Prefer cutting after a hyphen or slash, as in « Masseur- / kinésithérapeute ».
        int soft = Math.max(word.lastIndexOf('-', end - 1), word.lastIndexOf('/', end - 1));
        return soft > 0 && soft + 1 < end ? soft + 1 : end;
    }

    /** French typography: no line starts with « », : ; ! ? € % » nor ends with « «  ». */
    private static String frenchSpacing(String text) {
        return SPACE_BEFORE_PUNCTUATION.matcher(text).replaceAll("\u00a0$1").replace("« ", "«\u00a0");
    }

    /** Truncates a single line with « … » to fit the width. */
    private String fit(String text, Style s, float maxWidth) throws IOException {
        if (width(text, s) <= maxWidth) {
            return text;
        }
        String t = text;
        while (!t.isEmpty() && width(t + "…", s) > maxWidth) {
            t = t.substring(0, t.offsetByCodePoints(t.length(), -1));
        }
        return t.strip() + "…";
    }

    /** Only characters the font can draw: tabs become spaces, line breaks stay, anything else unknown becomes « ? ». */
    private String printable(String text, PDFont font) {
        Map<Integer, Boolean> known = drawable.computeIfAbsent(font, f -> new HashMap<>());
        StringBuilder sb = new StringBuilder(text.length());
        text.replace("\r\n", "\n").replace('\r', '\n').codePoints().forEach(c -> {
            if (c == '\n') {
                sb.append('\n');
            } else if (c == '\t') {
                sb.append(' ');
            } else if (Character.isISOControl(c) || !known.computeIfAbsent(c, k -> canDraw(font, k))) {
                sb.append('?');
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static boolean canDraw(PDFont font, int codePoint) {
        try {
            font.encode(Character.toString(codePoint));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private interface Step {
        void run() throws IOException;
    }

    private PdfDocument run(Step step) {
        if (finished) {
            throw new IllegalStateException("the document is finished: toBytes() was already called");
        }
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
