package fr.coordo.document;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A document as a list of toolkit calls, recorded with a canonical text of everything they print: the
 * fingerprint printed on every page needs that text before the document is created, so the calls are
 * replayed afterwards. The same content always gives the same text, hence the same fingerprint.
 */
public final class DocumentScript {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final StringBuilder canon = new StringBuilder();
    private final List<Consumer<PdfDocument>> calls = new ArrayList<>();

    private void record(String kind, List<String> values, Consumer<PdfDocument> call) {
        canon.append(kind);
        for (String v : values) {
            canon.append('\t').append(escape(v));
        }
        canon.append('\n');
        calls.add(call);
    }

    private static String escape(String v) {
        return v == null ? "" : v.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }

    public void title(String title, String subtitle) {
        record("title", Arrays.asList(title, subtitle), d -> d.title(title, subtitle));
    }

    public void notice(String text) {
        record("notice", List.of(text), d -> d.notice(text));
    }

    public void section(String title) {
        record("section", List.of(title), d -> d.section(title));
    }

    public void subsection(String title) {
        record("subsection", List.of(title), d -> d.subsection(title));
    }

    public void paragraph(String text) {
        record("paragraph", List.of(text), d -> d.paragraph(text));
    }

    public void fields(List<Field> fields) {
        record("fields", fields.stream().flatMap(f -> Stream.of(f.label(), f.value())).toList(), d -> d.fields(fields));
    }

    public void table(Table table) {
        List<String> values = new ArrayList<>();
        table.columns().forEach(c -> values.add(c.header()));
        table.rows().forEach(r -> {
            values.add("|");
            values.addAll(r);
        });
        record("table", values, d -> d.table(table));
    }

    public void checklist(List<CheckItem> items) {
        record("checklist", items.stream().map(i -> (i.checked() ? "x " : "o ") + i.text()).toList(), d -> d.checklist(items));
    }

    public void signatures(List<Signatory> signatories) {
        record("signatures", signatories.stream().map(p -> p.name() + " / " + p.capacity() + " / "
                + (p.date() == null ? "" : p.date().format(DATE))).toList(), d -> d.signatureBlocks(signatories));
    }

    /** What the fingerprint is computed from: the document's identity and everything it prints. */
    public String snapshotText(String title, String footerLine, String author) {
        return "title\t" + escape(title) + "\nfooter\t" + escape(footerLine) + "\nauthor\t" + escape(author) + "\n" + canon;
    }

    public byte[] render(String title, String footerLine, String author, Clock clock) {
        DocumentInfo info = DocumentInfo.of(title, footerLine, clock, snapshotText(title, footerLine, author)).withAuthor(author);
        PdfDocument pdf = PdfDocument.create(info);
        calls.forEach(c -> c.accept(pdf));
        return pdf.toBytes();
    }
}
