package fr.coordo.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.Rule;

/** Checks that a generated file is archivable PDF/A-2b, as DOCUMENTS.md requires, with veraPDF. */
public final class PdfAssertions {
    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfAssertions() {}

    /**
     * Fails unless the file declares PDF/A-2b in its XMP metadata and veraPDF finds it compliant; the message
     * lists each failed rule with its description, count and first location.
     */
    public static ValidationResult assertPdfA2b(byte[] pdf) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf));
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            assertEquals(PDFAFlavour.PDFA_2_B, parser.getFlavour(), "PDF/A flavour declared in the XMP metadata");
            ValidationResult result = validator.validate(parser);
            if (!result.isCompliant()) {
                fail("Not PDF/A-2b according to veraPDF:\n" + failedRules(result));
            }
            return result;
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError("veraPDF could not validate the file: " + e, e);
        }
    }

    private static String failedRules(ValidationResult result) {
        Map<String, String> firstFailure = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (TestAssertion a : result.getTestAssertions()) {
            if (a.getStatus() != TestAssertion.Status.FAILED) {
                continue;
            }
            String id = a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber();
            counts.merge(id, 1, Integer::sum);
            Rule rule = result.getValidationProfile().getRuleByRuleId(a.getRuleId());
            firstFailure.putIfAbsent(id, (rule == null ? a.getMessage() : rule.getDescription())
                    + (a.getErrorMessage() == null ? "" : " — " + a.getErrorMessage())
                    + " (at " + a.getLocation().getContext() + ")");
        }
        StringBuilder sb = new StringBuilder();
        firstFailure.forEach((id, text) -> sb.append("  rule ").append(id).append(" ×").append(counts.get(id)).append(": ")
                .append(text).append('\n'));
        return sb.toString();
    }
}
