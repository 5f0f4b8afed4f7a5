package fr.coordo.payment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.document.PdfAssertions;
import fr.coordo.patient.Patient;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.Professional;
import fr.coordo.team.ProfessionalInput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentOrderPdfTest {
    private static final Period OCTOBER = Period.parse("2026-10");
    private static final String EMPLOYER = "Centre hospitalier régional universitaire de Tours";

    @TempDir
    Path dir;

    /** Two episodes ended in October, the dietitian salaried (his employer is paid), everyone seen but the psychologist once. */
    private static List<PaymentOrder> october(PaymentFixtures p) {
        salaried(p, "dieteticien");
        int first = p.episode("Durand", LocalDate.of(2026, 10, 15));
        int second = p.episode("Lefèvre", LocalDate.of(2026, 10, 28));
        p.seenByAll(p.payments.unit(first, "").orElseThrow().patient().id(), LocalDate.of(2026, 8, 3));
        p.seen(p.payments.unit(second, "").orElseThrow().patient().id(), LocalDate.of(2026, 9, 7), p.pro("medecin"), p.pro("dieteticien"),
                p.pro("enseignant_apa"));
        return p.payments.issue(p.payments.prepare(OCTOBER), true);
    }

    private static void salaried(PaymentFixtures p, String profession) {
        int id = p.pro(profession);
        Professional pro = p.f.team.all().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        ProfessionalInput in = pro.toInput();
        p.f.team.update(id, new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(), in.specialty(), in.rpps(),
                in.adeli(), in.amNumber(), in.amRequestedOn(), in.conventioned(), null, PracticeMode.SALARIE, EMPLOYER, null, in.phone(),
                in.email(), in.mssante(), in.iban(), in.bic(), null), Set.of());
    }

    @Test
    void anOrderShowsItsLinesMaskedTheSubtotalsTheTotalInWordsAndTheChecks() throws IOException {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentFixtures p = new PaymentFixtures(db);
            PaymentOrder order = october(p).getFirst();
            byte[] pdf = PaymentOrderPdf.render(order);
            PdfAssertions.assertPdfA2b(pdf);
            String text = text(pdf);

            assertTrue(text.contains("Ordre de paiement n° " + order.number()), "number in the title");
            assertTrue(text.contains("MSP des Tilleuls SIRET 53875700604300 — FINESS sans objet 3 rue des Tilleuls, 37000 Tours"), "structure");
            assertTrue(text.contains("Période octobre 2026"), "period");
            assertTrue(text.contains("Circuit de paiement Paiement par la structure (virement)"), "channel");
            assertTrue(text.contains("Projet de parcours " + order.projectReference()) && text.contains(order.pcrTypeLabel()), "projet and type");
            assertTrue(text.contains("Émis le 24/11/2026 à 10:00"), "issue date");
            assertEquals(10, order.lines().size());
            for (OrderLine l : order.lines()) {
                String masked = Patient.maskedNir(l.patientNir());
                assertFalse(masked.isEmpty());
                assertTrue(text.contains(l.episodeReference() + " — " + l.patientLastName().toUpperCase() + " " + l.patientFirstName()
                        + " — NIR " + masked), "episode, patient and masked NIR of " + l.episodeReference());
                assertFalse(text.contains(l.patientNir()), "the full NIR never printed");
                String iban = l.iban().replace(" ", "");
                assertFalse(text.contains(iban), "the full IBAN never printed");
                assertTrue(text.contains(iban.substring(0, 4) + " •••• •••• " + iban.substring(iban.length() - 4)), "masked IBAN");
                if (!l.isCoordination()) {
                    assertTrue(text.contains(l.professionalName()) && text.contains(l.rpps()) && text.contains(l.amNumber()), l.professionalName());
                }
            }
            assertTrue(text.contains("Employeur : " + EMPLOYER + " FR76"), "a salaried professional's share goes to his employer");
            assertTrue(text.contains("Structure : MSP des Tilleuls FR76 •••• •••• 3881 2 337,80 €"), "the coordination shares, subtotalled");

            // two forfaits of 1 126 €: an activity missing is a warning, the share is still paid
            assertEquals(225_200L, order.totalCents());
            assertTrue(text.contains("Total de l'ordre 2 252,00 € En lettres deux mille deux cent cinquante-deux euros"), "total");
            for (String check : order.checks()) {
                assertTrue(text.contains("☒ " + check), check);
            }
            assertEquals(1, order.warnings().size(), () -> order.warnings().toString());
            assertTrue(text.contains("Avertissements confirmés à l'émission Avertissement " + order.warnings().getFirst().replace('\u00a0', ' ')),
                    "the psychologist's missing activity, confirmed");
            assertTrue(text.contains("Signature Dr Anne Martin Qualité : Représentant légal de MSP des Tilleuls"), "signature block");
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertTrue(text.contains("Page " + doc.getNumberOfPages() + " / " + doc.getNumberOfPages()), "page X / Y");
            }
            assertTrue(text.contains("Empreinte " + PaymentOrderPdf.fingerprint(order)), "the fingerprint in the footer");
        }
    }

    @Test
    void aCancellingOrderNamesTheOrderItCancelsItsReasonAndNegativeAmounts() throws IOException {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentFixtures p = new PaymentFixtures(db);
            PaymentOrder first = october(p).getFirst();
            PaymentOrder cancelling = p.payments.cancel(first.id(), "Mauvaise répartition entre les diététiciens");
            byte[] pdf = PaymentOrderPdf.render(cancelling);
            PdfAssertions.assertPdfA2b(pdf);
            String text = text(pdf);

            assertTrue(text.contains("Ordre d'annulation n° " + cancelling.number() + " annule l'ordre de paiement n° " + first.number()),
                    "its number and the order it cancels");
            assertTrue(text.contains("Ordre annulé " + first.number() + " Motif de l'annulation Mauvaise répartition entre les diététiciens"));
            for (OrderLine l : cancelling.lines()) {
                assertTrue(l.amountCents() < 0);
                assertTrue(text.contains(l.episodeReference()), l.episodeReference());
            }
            assertTrue(text.contains("-281,50 €") && text.contains("-168,90 €"), "negative amounts");
            assertTrue(text.contains("Total de l'ordre -2 252,00 € En lettres moins deux mille deux cent cinquante-deux euros"), "total");
            assertTrue(text.contains("ordonne l'annulation de l'ordre " + first.number()));
            assertFalse(text.contains("Contrôles a priori effectués"), "a cancellation checks nothing");
            assertFalse(text.contains(first.lines().getFirst().patientNir()), "the full NIR never printed");
        }
    }

    @Test
    void theSameOrderGivesTheSameBytesWhenPrintedAgainLater() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentFixtures p = new PaymentFixtures(db);
            PaymentOrder order = october(p).getFirst();
            byte[] first = PaymentOrderPdf.render(order);
            assertArrayEquals(first, PaymentOrderPdf.render(p.payments.find(order.id()).orElseThrow()));
            p.payments.cancel(order.id(), "Erreur de période");
            assertArrayEquals(first, PaymentOrderPdf.render(p.payments.find(order.id()).orElseThrow()),
                    "an order's PDF keeps its fingerprint after it was cancelled");
        }
    }

    @Test
    void threeHundredLinesRunOnSeveralPagesNumberedXOfY() throws IOException {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            PaymentOrder order = sixtyEpisodes(october(new PaymentFixtures(db)).getFirst());
            assertEquals(300, order.lines().size());
            byte[] pdf = PaymentOrderPdf.render(order);
            String text = text(pdf);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                int pages = doc.getNumberOfPages();
                assertTrue(pages > 5, "pages: " + pages);
                for (int page = 1; page <= pages; page++) {
                    assertTrue(text.contains("Page " + page + " / " + pages), "page " + page);
                }
                PDFTextStripper lastPage = new PDFTextStripper();
                lastPage.setStartPage(pages);
                lastPage.setEndPage(pages);
                assertTrue(lastPage.getText(doc).contains("Représentant légal"), "the signature on the last page");
                PDFTextStripper second = new PDFTextStripper();
                second.setStartPage(2);
                second.setEndPage(2);
                assertTrue(second.getText(doc).replaceAll("\\s+", " ").contains("N° Épisode Professionnel RPPS N° AM Bénéficiaire IBAN Montant"),
                        "the table header repeated");
            }
            order.lines().forEach(l -> assertTrue(text.contains(l.episodeReference()), l.episodeReference()));
            assertTrue(text.contains("300 " + order.lines().getLast().episodeReference() + " Coordination"), "the last line is printed");
            assertTrue(text.contains("Total de l'ordre 67 560,00 € En lettres soixante-sept mille cinq cent soixante euros"));
        }
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // One space for any run of blanks: phrases read the same whether or not a cell wrapped them.
            return new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replaceAll("\\s+", " ");
        }
    }

    /**
     * The lines of an issued order repeated for 60 episodes, numbered 1 to 300: the PDF depends on the order alone, and
     * issuing 60 real episodes would take most of the test's time in the fixture.
     */
    private static PaymentOrder sixtyEpisodes(PaymentOrder o) {
        List<OrderLine> sample = o.lines().stream().filter(l -> l.episodeId() == o.lines().getFirst().episodeId()).toList();
        List<OrderLine> lines = new ArrayList<>();
        for (int e = 1; e <= 60; e++) {
            for (OrderLine l : sample) {
                lines.add(new OrderLine(lines.size() + 1, 1000 + e, String.format("EP-2026-%04d", e), l.sequenceCode(), l.sequenceLabel(),
                        l.serviceStart(), l.serviceEnd(), l.dueCents(), 1000 + e, l.patientLastName() + e, l.patientFirstName(),
                        l.patientBirthDate(), l.patientNir(), l.professionalId(), l.professionalName(), l.professionCode(), l.rpps(),
                        l.amNumber(), l.payeeKind(), l.payeeName(), l.iban(), l.bic(), l.activityCount(), l.amountCents()));
            }
        }
        return new PaymentOrder(o.id(), o.number(), o.kind(), o.cancelsNumber(), o.cancelledBy(), o.reason(), o.projectId(),
                o.projectReference(), o.pcrTypeCode(), o.pcrTypeLabel(), o.period(), o.channel(), o.issuedOn(), o.issuedAt(), o.issuedBy(),
                o.structure(), o.checks(), o.warnings(), lines.stream().mapToLong(OrderLine::amountCents).sum(), lines, null, null, null);
    }
}
