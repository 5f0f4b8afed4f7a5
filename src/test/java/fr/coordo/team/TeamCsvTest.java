package fr.coordo.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spreadsheets coordinators really have: odd headers, Excel's leftovers, notes on several lines. */
class TeamCsvTest {
    @TempDir
    Path dir;

    private Database db;
    private TeamCsv csv;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("equipe.db"));
        csv = new TeamCsv(new TeamService(db));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private TeamCsv.ImportReport read(String content) throws Exception {
        Path f = Files.writeString(dir.resolve("f" + System.nanoTime() + ".csv"), content);
        return csv.read(f, false, "indice");
    }

    private static List<String> lines(TeamCsv.ImportReport r) {
        return r.rows().stream().map(TeamCsv.RowResult::toString).toList();
    }

    @Test
    void usualHeaderSpellingsAreRecognisedAndUnknownColumnsAreNamed() throws Exception {
        var r = read("Nom;Prénom;Profession;Numéro ADELI;Conventionné(e);Numéro de téléphone;Couleur préférée\n"
                + "Durand;Élise;Psychologue;351319793;non;06 01 02 03 04;bleu\n");
        assertEquals(List.of("Couleur préférée"), r.ignoredColumns());
        assertTrue(r.complete(), lines(r).toString());
        ProfessionalInput in = r.entries().getFirst().input();
        assertEquals("351319793", in.adeli());
        assertFalse(in.conventioned(), "« Conventionné(e) : non » is not lost");
        assertEquals("06 01 02 03 04", in.phone());
    }

    @Test
    void twoColumnsForTheSameInformationRefuseTheFile() {
        StoreException e = assertThrows(StoreException.class, () -> read("nom;prénom;profession;email;courriel\nA;B;Médecin;a@b.fr;\n"));
        assertTrue(e.getMessage().contains("« email » et « courriel » désignent toutes deux"), e.getMessage());
    }

    @Test
    void aMultiLineNoteKeepsTheLineNumberWhereTheRowStartsAndBlankRowsAreSkipped() throws Exception {
        var r = read("nom;prénom;profession;notes\r\nDurand;Élise;Infirmière;\"première ligne\r\ndeuxième\r\ntroisième\"\r\n"
                + ";;;\r\n   \r\nPetit;;Médecin;\r\n");
        assertEquals(List.of("ligne 2 : importée — Durand Élise", "ligne 7 : rejetée — Petit : Prénom : obligatoire."), lines(r));
    }

    @Test
    void impossibleDatesAndAnExitWithoutEntryAreRejectedOnTheirOwnLine() throws Exception {
        var r = read("nom;prénom;profession;membre depuis;membre jusqu'au\nA;B;Médecin;31/02/2024;\nC;D;Infirmier;;01/01/2025\n"
                + "E;F;Infirmier;01/01/2020;31/12/2024\n");
        assertEquals(List.of(
                "ligne 2 : rejetée — A B : Membre depuis : « 31/02/2024 » n'est pas une date (jj/mm/aaaa attendu).",
                "ligne 3 : rejetée — C D : Membre jusqu'au : la date de sortie précède la date d'entrée (aujourd'hui, faute de « membre depuis »).",
                "ligne 4 : importée — E F"), lines(r));
        assertEquals(1, csv.write(r));
    }

    @Test
    void valuesThatDoNotApplyAreRefusedNotDropped() throws Exception {
        var r = read("nom;prénom;profession;conventionné;contrat CPAM le;employeur\nA;B;Médecin;oui;01/03/2024;\nC;D;Infirmier;oui;;Clinique\n");
        assertEquals(List.of(
                "ligne 2 : rejetée — A B : Contrat CPAM : seulement pour un professionnel non conventionné.",
                "ligne 3 : rejetée — C D : Employeur : seulement pour un professionnel salarié."), lines(r));
    }

    @Test
    void aBrokenQuoteIsAFrenchErrorWithItsLine() {
        StoreException e = assertThrows(StoreException.class, () -> read("nom;prénom;profession\nA;\"ouvert;Médecin\n"));
        assertTrue(e.getMessage().contains("guillemet"), e.getMessage());
        assertTrue(e.getMessage().contains("Rien n'a été importé"), e.getMessage());
    }

    @Test
    void utf16AndBinaryFilesAreRefusedWithAdvice() throws Exception {
        Path utf16 = dir.resolve("utf16.csv");
        Files.writeString(utf16, "\uFEFFnom;prénom;profession\nA;B;Médecin\n", StandardCharsets.UTF_16LE);
        StoreException e = assertThrows(StoreException.class, () -> csv.read(utf16, false, ""));
        assertTrue(e.getMessage().contains("« CSV UTF-8 »"), e.getMessage());
        Path zip = Files.write(dir.resolve("classeur.xlsx"), new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        assertThrows(StoreException.class, () -> csv.read(zip, false, ""));
    }
}
