package fr.coordo.pathway;

import static fr.coordo.pathway.PathwayFixtures.TODAY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.document.PdfAssertions;
import fr.coordo.identity.InputException;
import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.Professional;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.StructureService;
import java.io.IOException;
import java.nio.file.Files;
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

class DeclarationPdfTest {
    @TempDir
    Path dir;

    private static final java.time.format.DateTimeFormatter FR = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String EMPLOYER = "Centre hospitalier régional universitaire de Tours";

    /**
     * The fixture's team with two changes a real team has: the dietitian is salaried (his employer signs for him) and
     * the psychologist, not conventionné, waits for his numéro AM.
     */
    private static void salariedDietitianAndPendingPsychologist(PathwayFixtures f) {
        Professional dietitian = pro(f, "dieteticien");
        ProfessionalInput d = dietitian.toInput();
        f.team.update(dietitian.id(), new ProfessionalInput(d.civility(), d.lastName(), d.firstName(), d.professionCode(), "Nutrition clinique",
                d.rpps(), d.adeli(), d.amNumber(), null, true, null, PracticeMode.SALARIE, EMPLOYER, null, d.phone(), d.email(),
                d.mssante(), d.iban(), d.bic(), null), Set.of());
        Professional psychologist = pro(f, "psychologue");
        ProfessionalInput p = psychologist.toInput();
        f.team.update(psychologist.id(), new ProfessionalInput(p.civility(), p.lastName(), p.firstName(), p.professionCode(), null,
                p.rpps(), p.adeli(), null, TODAY.minusDays(20), false, null, PracticeMode.LIBERAL, null, null, p.phone(), p.email(),
                p.mssante(), p.iban(), p.bic(), null), Set.of());
    }

    static Professional pro(PathwayFixtures f, String profession) {
        int id = f.pros.get(profession);
        return f.team.all().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    /** Signs, notifies and leaves the projet signed, not transmitted. */
    private static int signedProject(PathwayFixtures f) {
        int id = f.readyProject();
        f.projects.markReady(id);
        f.signAll(id, TODAY.minusDays(2));
        return id;
    }

    @Test
    void aSignedDossierHoldsTheStructureEverySignatoryTheFinancingAndTheCommitments() throws IOException {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            salariedDietitianAndPendingPsychologist(f);
            int id = signedProject(f);
            byte[] pdf = new PathwayDocuments(db, f.clock).dossier(id, 1);
            PdfAssertions.assertPdfA2b(pdf);
            String text = text(pdf);

            assertTrue(text.contains("Projet de parcours coordonné renforcé"), "title");
            assertTrue(text.contains("MSP des Tilleuls") && text.contains("53875700604300") && text.contains("538757006"), "structure");
            assertTrue(text.contains("Maison de santé pluriprofessionnelle constituée en SISA"), "category under D.162-34");
            assertTrue(text.contains("Agence régionale de santé Centre-Val de Loire") && text.contains("CPAM d'Indre-et-Loire"), "recipients");
            for (Professional p : f.team.all()) {
                assertTrue(text.contains(p.displayName()), p.displayName());
                assertTrue(text.contains(p.rpps()), "RPPS of " + p.displayName());
                if (p.amNumber() != null) {
                    assertTrue(text.contains(p.amNumber()), "AM of " + p.displayName());
                }
            }
            assertTrue(text.contains("demande en cours depuis le " + TODAY.minusDays(20).format(FR)), "pending AM request");
            assertTrue(text.contains("Employeur : " + EMPLOYER), "the employer in the team table");
            assertTrue(text.contains(EMPLOYER + " Qualité : Employeur de " + pro(f, "dieteticien").displayName()),
                    "the employer signs for the salaried dietitian: " + text.substring(text.indexOf("8. Signatures")));
            assertTrue(text.contains("Dr Anne Martin Qualité : Représentant légal de MSP des Tilleuls"), "the structure's representative signs");
            assertTrue(text.contains("1 126,00 €") && text.contains("1 351,20 €") && text.contains("1 769,00 €"), "forfaits, with overseas");
            assertTrue(text.contains("281,50 €") && text.contains("168,90 €"), "default split of the P1 forfait");
            assertTrue(text.contains("Paiement par la structure (virement)") && text.contains("FR76 **** **** **** **** ***3 881"), "payment");
            assertFalse(text.contains("FR7661358831036766795713881"), "the structure's IBAN is masked");
            assertTrue(text.contains(DeclarationPdf.SHARING_COMMITMENT), "the commitment of R.162-131");
            assertFalse(text.substring(text.indexOf("6. Financement"), text.indexOf("7. Engagements")).contains(PcrType.TO_COMPLETE),
                    "no amount left to complete in a produced dossier");
            assertFalse(text.contains("EXEMPLAIRE À SIGNER"), "signed by everyone");
            assertTrue(text.contains("☒ Signature de chaque professionnel ou de son employeur (5 / 5)"), "checklist ticked");
            assertTrue(text.contains("☐ Transmission à l'ARS et à la CPAM"), "not transmitted yet");
            assertTrue(text.contains("Page 1 / "), "page X / Y");
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                List<String> bookmarks = new ArrayList<>();
                doc.getDocumentCatalog().getDocumentOutline().children().forEach(i -> bookmarks.add(i.getTitle()));
                assertEquals(DeclarationPdf.SECTIONS, bookmarks);
                assertTrue(text.contains("Page " + doc.getNumberOfPages() + " / " + doc.getNumberOfPages()));
            }
        }
    }

    @Test
    void anUnsignedProjetIsPrintedAsACopyToSignWithBlankDates() throws IOException {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.readyProject();
            f.projects.markReady(id);
            f.projects.recordSignature(id, f.pros.get("medecin"), TODAY.minusDays(1));
            String text = text(new PathwayDocuments(db, f.clock).dossier(id, 1));
            assertTrue(text.contains("EXEMPLAIRE À SIGNER"), "on the cover");
            assertTrue(text.contains("exemplaire à signer"), "in the footer");
            assertTrue(text.contains("Statut Prêt à signer — signatures en cours de recueil"), "status on the cover");
            String medecin = pro(f, "medecin").displayName();
            assertTrue(text.contains(medecin + " Qualité : Médecin — RPPS " + pro(f, "medecin").rpps() + " Date : "
                    + TODAY.minusDays(1).format(FR)), "a signature recorded is dated");
            assertTrue(text.contains(pro(f, "psychologue").displayName() + " Qualité : Psychologue — RPPS " + pro(f, "psychologue").rpps()
                    + " Date : ____ / ____ / ________"), "the others are left blank");
            assertTrue(text.contains("☐ Signature de chaque professionnel ou de son employeur (1 / 5)"), text);
            assertTrue(text.contains("☐ Signature du représentant légal de la structure"));
            assertTrue(text.contains("☒ Chaque professionnel : RPPS"), "content items are ticked");
        }
    }

    @Test
    void aContentGapProducesNoDossierButTheGapsInFrench() {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            ProfessionalInput noRpps = PathwayFixtures.complete("Sansrpps", "Léa", "infirmier", 40);
            int nurse = f.team.add(new ProfessionalInput(noRpps.civility(), noRpps.lastName(), noRpps.firstName(), noRpps.professionCode(),
                    null, null, null, noRpps.amNumber(), null, true, null, PracticeMode.LIBERAL, null, null, null, null, null, noRpps.iban(),
                    noRpps.bic(), null), Set.of(), TODAY.minusYears(1));
            List<ProjectInput.MemberInput> members = new ArrayList<>(f.members());
            members.add(new ProjectInput.MemberInput(nurse, null, List.of()));
            int id = f.projects.create(f.input().withMembers(members));
            PathwayDocuments documents = new PathwayDocuments(db, f.clock);
            Path out = dir.resolve("dossier.pdf");

            InputException e = assertThrows(InputException.class, () -> documents.saveDossier(id, 1, out));
            assertTrue(e.getMessage().startsWith("Le dossier du projet PP-2026-001 v1 n'est pas produit : un manque bloque la déclaration."),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Sansrpps Léa (Infirmier) n'a pas de numéro RPPS."), e.getMessage());
            assertFalse(Files.exists(out), "no file");
            assertEquals(0, exports(db), "nothing audited");

            new StructureService(db, f.clock).save(PathwayFixtures.structure("msp_autre"), Set.of());
            InputException both = assertThrows(InputException.class, () -> documents.dossier(id, 1));
            assertTrue(both.getMessage().contains("2 manques bloquent la déclaration"), both.getMessage());
            assertTrue(both.issues().stream().anyMatch(i -> i.message().contains("Maison de santé pluriprofessionnelle non constituée en SISA")
                    && i.message().contains("n'est pas d'une catégorie éligible")), both.getMessage());
        }
    }

    @Test
    void theSameDataAndClockGiveTheSameBytesAndAnotherDayAnotherDossier() {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = signedProject(f);
            Declaration d = f.projects.declaration(id, 1);
            byte[] first = DeclarationPdf.render(d, f.clock);
            assertArrayEquals(first, DeclarationPdf.render(f.projects.declaration(id, 1), f.clock));
            assertEquals(DeclarationPdf.fingerprint(d, f.clock), DeclarationPdf.fingerprint(d, f.clock));
            assertNotEquals(DeclarationPdf.fingerprint(d, f.clock), DeclarationPdf.fingerprint(d, PathwayFixtures.clockAt(TODAY.plusDays(1))),
                    "a dossier not transmitted is dated the day it is made");
        }
    }

    @Test
    void aTransmittedVersionKeepsWhatWasDeclaredAfterTheRecordsChange() throws IOException {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = f.transmittedProject(TODAY.minusDays(10));
            Professional physician = pro(f, "medecin");
            String declaredAm = physician.amNumber();
            String newAm = PathwayFixtures.luhn("37999999");
            ProfessionalInput in = physician.toInput();
            f.team.update(physician.id(), new ProfessionalInput(in.civility(), in.lastName(), in.firstName(), in.professionCode(),
                    "Endocrinologie", in.rpps(), in.adeli(), newAm, null, true, null, in.practiceMode(), null, null, "06 99 99 99 99",
                    in.email(), in.mssante(), in.iban(), in.bic(), null), Set.of());

            String text = text(new PathwayDocuments(db, f.clock).dossier(id, 1));
            assertTrue(text.contains(declaredAm), "the AM number declared");
            assertFalse(text.contains(newAm), "not the one typed after the transmission");
            assertFalse(text.contains("Endocrinologie"), "nor the new specialty");
            assertTrue(text.contains("Transmis le " + TODAY.minusDays(10).format(FR)));
            assertTrue(text.contains("☒ Transmission à l'ARS et à la CPAM"));
        }
    }

    @Test
    void savingWritesOnceAuditsTheFingerprintAndNeverOverwrites() throws IOException {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            int id = signedProject(f);
            PathwayDocuments documents = new PathwayDocuments(db, f.clock);
            Path out = dir.resolve("envoi").resolve(PathwayDocuments.defaultDossierName("PP-2026-001", 1));
            Files.createDirectories(out.getParent());
            Path written = documents.saveDossier(id, 1, out);
            assertEquals("dossier-PP-2026-001-v1.pdf", written.getFileName().toString());
            PdfAssertions.assertPdfA2b(Files.readAllBytes(written));
            String fingerprint = DeclarationPdf.fingerprint(f.projects.declaration(id, 1), f.clock);
            assertTrue(text(Files.readAllBytes(written)).contains("Empreinte " + fingerprint), "footer fingerprint");
            assertEquals(1, exports(db));
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(dsl.selectFrom("audit_entry")
                    .where("action = 'EXPORT' and entity = 'pathway_project_version' and changes like ?", "%" + fingerprint + "%"))));

            byte[] before = Files.readAllBytes(written);
            assertThrows(StoreException.class, () -> documents.saveDossier(id, 1, out));
            assertArrayEquals(before, Files.readAllBytes(written), "left as it was");
            assertEquals(1, exports(db), "the refused export is not recorded");
        }
    }

    @Test
    void aLongTeamRepeatsTheTableHeaderOnEveryPageOfTheTeam() throws IOException {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            PathwayFixtures f = new PathwayFixtures(db);
            List<ProjectInput.MemberInput> members = new ArrayList<>(f.members());
            for (int pro : addTeam(f, 80)) {
                members.add(new ProjectInput.MemberInput(pro, null, List.of("S1")));
            }
            int id = f.projects.create(f.input().withMembers(members));
            byte[] pdf = new PathwayDocuments(db, f.clock).dossier(id, 1);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                PDFTextStripper stripper = new PDFTextStripper();
                int teamPages = 0;
                for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                    stripper.setStartPage(page);
                    stripper.setEndPage(page);
                    String text = stripper.getText(doc).replace('\u00a0', ' ').replaceAll("\\s+", " ");
                    if (text.contains("Séquences : S1")) {
                        teamPages++;
                        assertTrue(text.contains("Professionnel RPPS N° AM Conv. Exercice Ordre notifié le Rôle et séquences"),
                                "header on page " + page);
                    }
                }
                assertTrue(teamPages >= 3, "the team runs over several pages: " + teamPages);
            }
        }
    }

    private static final String[] LAST = {"Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
        "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand"};
    private static final String[] FIRST = {"Camille", "Léa", "Hugo", "Chloé", "Louis", "Manon", "Jules", "Inès", "Arthur", "Zoé",
        "Gabriel", "Jeanne", "Raphaël", "Éloïse", "Noé"};
    private static final String[] PROFESSIONS = {"medecin", "infirmier", "masseur_kinesitherapeute", "dieteticien", "psychologue",
        "enseignant_apa", "pharmacien", "pedicure_podologue", "orthophoniste", "assistant_service_social"};

    /**
     * Adds {@code count} complete professionals of ten professions, some salaried, some waiting for their numéro AM;
     * identifiers from 1000 on, apart from the fixture's (and from those added before); up to 450 different names.
     */
    static List<Integer> addTeam(PathwayFixtures f, int count) {
        List<fr.coordo.team.TeamService.Entry> entries = new ArrayList<>();
        int added = f.team.all().size() - f.pros.size();
        for (int i = added; i < added + count; i++) {
            int n = 1000 + i;
            ProfessionalInput c = PathwayFixtures.complete(LAST[i % LAST.length], FIRST[(i + i / LAST.length) % FIRST.length],
                    PROFESSIONS[i % PROFESSIONS.length], n);
            boolean salaried = i % 7 == 3;
            boolean pending = i % 11 == 5;
            entries.add(new fr.coordo.team.TeamService.Entry(new ProfessionalInput(c.civility(), c.lastName(), c.firstName(),
                    c.professionCode(), i % 5 == 0 ? "Éducation thérapeutique" : null, c.rpps(), null, pending ? null : c.amNumber(),
                    pending ? TODAY.minusDays(30) : null, !pending, null, salaried ? PracticeMode.SALARIE : PracticeMode.LIBERAL,
                    salaried ? "Association Santé Touraine Prévention" : null, null, c.phone(), null, null, c.iban(), c.bic(), null),
                    Set.of(), TODAY.minusYears(1)));
        }
        return f.team.addAll(entries);
    }

    private static int exports(Database db) {
        return db.read(dsl -> dsl.fetchCount(dsl.selectFrom("audit_entry").where("action = 'EXPORT'")));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replace('\u202f', ' ').replaceAll("\\s+", " ");
        }
    }
}
