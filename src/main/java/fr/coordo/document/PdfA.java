package fr.coordo.document;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.GregorianCalendar;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/** The PDF/A-2b declaration: XMP metadata matching the Info dictionary, sRGB output intent, fixed /ID. */
final class PdfA {
    static final String LANGUAGE = "fr-FR";
    private static final String PRODUCER = "Coordo";
    private static final String SRGB = "sRGB IEC61966-2.1";
    private static final byte[] SRGB_PROFILE = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private PdfA() {}

    static void declare(PDDocument pdf, DocumentInfo info, ZonedDateTime generatedAt) throws IOException {
        String title = clean(info.title());
        String subject = clean(info.footerLine());
        String author = info.author() == null ? null : clean(info.author());
        GregorianCalendar date = GregorianCalendar.from(generatedAt);

        // The Info dictionary and the XMP packet must say exactly the same things (PDF/A-2 § 6.6.3).
        PDDocumentInformation di = pdf.getDocumentInformation();
        di.setTitle(title);
        di.setSubject(subject);
        di.setAuthor(author);
        di.setCreator(PRODUCER);
        di.setProducer(PRODUCER);
        di.setCreationDate(date);
        di.setModificationDate(date);

        PDDocumentCatalog catalog = pdf.getDocumentCatalog();
        catalog.setLanguage(LANGUAGE);
        PDViewerPreferences prefs = new PDViewerPreferences(new COSDictionary());
        prefs.setDisplayDocTitle(true);
        catalog.setViewerPreferences(prefs);

        PDMetadata metadata = new PDMetadata(pdf);
        metadata.importXMPMetadata(xmp(title, subject, author, generatedAt).getBytes(StandardCharsets.UTF_8));
        catalog.setMetadata(metadata);

        PDOutputIntent intent = new PDOutputIntent(pdf, new ByteArrayInputStream(SRGB_PROFILE));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);

        // PDFBox would otherwise seed /ID with the current time: derive it from what the document is made of.
        byte[] id = Arrays.copyOf(Fingerprint.sha256((info.fingerprint() + '\n' + title + '\n' + subject + '\n'
                + generatedAt.toInstant()).getBytes(StandardCharsets.UTF_8)), 16);
        COSString idString = new COSString(id);
        idString.setForceHexForm(true);
        COSArray ids = new COSArray();
        ids.add(idString);
        ids.add(idString);
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static String xmp(String title, String subject, String author, ZonedDateTime at) {
        String date = at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String creator = author == null ? "" : """
                   <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>
                """.formatted(xml(author));
        return """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                   <dc:format>application/pdf</dc:format>
                   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
                   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:description>
                %s   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                   <xmp:CreatorTool>%s</xmp:CreatorTool>
                   <xmp:CreateDate>%s</xmp:CreateDate>
                   <xmp:ModifyDate>%s</xmp:ModifyDate>
                   <xmp:MetadataDate>%s</xmp:MetadataDate>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
                   <pdf:Producer>%s</pdf:Producer>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
                   <pdfaid:part>2</pdfaid:part>
                   <pdfaid:conformance>B</pdfaid:conformance>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>""".formatted(xml(title), xml(subject), creator, LANGUAGE, PRODUCER, date, date, date, PRODUCER);
    }

    // Metadata is XML: control characters are not allowed in it.
    private static String clean(String s) {
        return s.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
