package fr.coordo.pathway;

import static fr.coordo.pathway.PathwayFixtures.TODAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.document.PdfAssertions;
import fr.coordo.identity.InputException;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InclusionCertificateTest {
    private static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @TempDir
    Path dir;

    /** The fixture's patient included by the dietitian in a projet réputé validé, an outside doctor validating. */
    private static int includedByTheDietitian(PathwayFixtures f, String externalRpps) {
        int project = f.transmittedProject(TODAY.minusMonths(3));
        List<String> criteria = f.obesity.type().criteria().stream().map(PcrType.Criterion::code).toList();
        return f.episodes.include(new InclusionInput(f.patientId, project, "P3", criteria, f.pros.get("dieteticien"), null,
                "Dr Paul Girard", externalRpps, TODAY.minusDays(5), TODAY.minusDays(7), TODAY.minusDays(6), ConsentForm.ECRIT, false),
                TODAY.minusDays(4));
    }

    @Test
    void theCertificateHoldsTheCriteriaTheValidatingDoctorAndTheConsent() throws IOException {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            String rpps = PathwayFixtures.luhn("1000099990");
            int episode = includedByTheDietitian(f, rpps);
            byte[] pdf = new PathwayDocuments(db, f.clock).certificate(episode);
            PdfAssertions.assertPdfA2b(pdf);
            String text = DeclarationPdfTest.text(pdf);
            Patient patient = new PatientService(db, f.clock).find(f.patientId).orElseThrow();

            assertTrue(text.contains("Attestation d'inclusion — parcours coordonné renforcé"), "title");
            assertTrue(text.contains("MSP des Tilleuls") && text.contains("PP-2026-001"), "structure and projet");
            assertTrue(text.contains(patient.displayName()) && text.contains("14/03/1941"), "the patient and her birth date");
            assertTrue(text.contains(patient.maskedNir()), "the NIR, masked");
            assertFalse(text.contains(patient.data().nir()), "never the full NIR");
            for (PcrType.Criterion c : f.obesity.type().criteria()) {
                assertTrue(text.contains("☒ " + c.label()), "criterion ticked: " + c.label());
            }
            assertTrue(text.contains("P3 — Obésité complexe avec troubles du comportement alimentaire"), "profile");
            String dietitian = DeclarationPdfTest.pro(f, "dieteticien").displayName();
            assertTrue(text.contains("Décision prise par " + dietitian + " — Diététicien"), "deciding professional");
            assertTrue(text.contains("Médecin validant Dr Paul Girard (RPPS " + rpps + "), médecin extérieur à la structure"), text);
            assertTrue(text.contains("Date de la décision " + TODAY.minusDays(5).format(FR)));
            assertTrue(text.contains("Information délivrée le " + TODAY.minusDays(7).format(FR)));
            assertTrue(text.contains("Consentement recueilli le " + TODAY.minusDays(6).format(FR)));
            assertTrue(text.contains("Écrit, signé par le patient"), "consent form");
            assertTrue(text.contains("S1 — Phase 1 — prise en charge intensive " + TODAY.minusDays(4).format(FR)), "séquences planned from the start");
            assertTrue(text.contains(dietitian + " Qualité : Professionnel ayant décidé l'inclusion"), "the decider signs");
            assertTrue(text.contains("Dr Paul Girard Qualité : Médecin validant extérieur à la structure — RPPS " + rpps), "the doctor signs");
        }
    }

    @Test
    void aDoctorWhoDecidesSignsOnceAsDeciderAndValidator() throws IOException {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            int project = f.transmittedProject(TODAY.minusMonths(3));
            List<String> criteria = f.obesity.type().criteria().stream().map(PcrType.Criterion::code).toList();
            int episode = f.episodes.include(new InclusionInput(f.patientId, project, "P1", criteria, f.pros.get("medecin"), null, null, null,
                    TODAY.minusDays(2), TODAY.minusDays(2), TODAY.minusDays(2), ConsentForm.ORAL, true), null);
            String text = DeclarationPdfTest.text(new PathwayDocuments(db, f.clock).certificate(episode));
            String doctor = DeclarationPdfTest.pro(f, "medecin").displayName();
            assertTrue(text.contains("Médecin validant le médecin qui a pris la décision"), text);
            assertTrue(text.contains(doctor + " Qualité : Médecin ayant décidé et validé l'inclusion"));
            assertFalse(text.contains("Qualité : Médecin validant"), "one signature block, not two");
            assertTrue(text.contains("1 351,20 € (majoration outre-mer comprise)"), "the overseas forfait of P1");
            assertTrue(text.contains("L'épisode n'a pas encore commencé"), "not started: no planned dates yet");
            assertTrue(text.contains("Oral, tracé dans le dossier"));
        }
    }

    @Test
    void savingNamesTheFileByReferenceAndAuditsWithoutThePatient() throws IOException {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            int episode = includedByTheDietitian(f, PathwayFixtures.luhn("1000099990"));
            PathwayDocuments documents = new PathwayDocuments(db, f.clock);
            Episode e = f.episodes.find(episode).orElseThrow();
            assertEquals("attestation-inclusion-EP-2026-0001.pdf", PathwayDocuments.defaultCertificateName(e));
            Path written = documents.saveCertificate(episode, dir.resolve(PathwayDocuments.defaultCertificateName(e)));
            PdfAssertions.assertPdfA2b(Files.readAllBytes(written));
            String audit = db.read(dsl -> String.valueOf(dsl.fetchValue("select changes from audit_entry where action = 'EXPORT' "
                    + "and entity = 'pcr_episode'")));
            assertTrue(audit.contains("EP-2026-0001") && audit.contains(written.getFileName().toString()), audit);
            assertFalse(audit.toUpperCase().contains("MOREAU") || audit.toUpperCase().contains("LEFÈVRE"), "no patient name in the audit");
            assertThrows(StoreException.class, () -> documents.saveCertificate(episode, written), "never overwritten");
            InputException unknown = assertThrows(InputException.class, () -> documents.certificate(9999));
            assertEquals("Épisode introuvable (n° 9999).", unknown.getMessage());
        }
    }
}
