package fr.coordo.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages, masking, confirmation and the small extras of the identifier types. */
class IdentifierTest {

    private static String messageOf(Check<?> check) {
        assertFalse(check.isValid(), "expected a refusal or a warning");
        return check.message();
    }

    private static Check.Problem problemOf(Check<?> check) {
        return assertInstanceOf(Check.Invalid.class, check).problem();
    }

    @Test
    void messagesNameTheFieldAndWhatIsExpected() {
        assertEquals("RPPS : 11 chiffres attendus, 10 reçus.", messageOf(Rpps.check("9210404266")));
        assertEquals("RPPS : un RPPS ne contient que des chiffres.", messageOf(Rpps.check("3306809190X")));
        assertEquals("Numéro AM : 9 chiffres attendus, 8 reçus.", messageOf(AmNumber.check("21382006")));
        assertEquals("ADELI : un numéro ADELI ne contient que des chiffres.", messageOf(Adeli.check("01070981X")));
        assertEquals("SIREN : 9 chiffres attendus, 1 reçu.", messageOf(Siren.check("5")));
        assertEquals("IBAN : pays « XX » inconnu.", messageOf(Iban.check("XX7656341845901619098310496")));
        assertEquals("IBAN : 27 caractères attendus pour un IBAN français, 26 reçus.",
                messageOf(Iban.check("FR765634184590161909831049")));
        assertEquals("IBAN : un chiffre est attendu en position 17 d'un IBAN allemand, « O » reçu.",
                messageOf(Iban.check("DE92668718046680O28344")));
        assertEquals("NIR : le premier chiffre (sexe) doit être 1, 2, 7 ou 8.", messageOf(Nir.check("325054411131781")));
        assertEquals("NIR : 15 caractères attendus, 14 reçus.", messageOf(Nir.check("12505441113178")));
        assertEquals("BIC : 8 ou 11 caractères attendus, 7 reçus.", messageOf(Bic.check("BNPAFRP")));
        assertEquals("FINESS : 9 caractères attendus, 8 reçus.", messageOf(Finess.check("43602393")));
    }

    @Test
    void aLetterOInsteadOfAZeroIsPointedOut() {
        Check<Nir> check = Nir.check("125054O11131781");
        assertEquals(Check.Problem.BAD_FORMAT, problemOf(check));
        assertEquals("NIR : le département de naissance (caractères 6 et 7) doit être en chiffres, ou 2A ou 2B pour la Corse."
                + " Une lettre O à la place d'un zéro ?", check.message());
        assertEquals("NIR : les caractères 8 à 15 (commune, numéro d'ordre et clé) doivent être des chiffres."
                + " Une lettre O à la place d'un zéro ?", Nir.check("1250544O1131781").message());
        assertEquals(Check.Problem.BAD_FORMAT, problemOf(Nir.check("125052C11131781")));
    }

    @Test
    void aWrongKeyRefusesOrWarnsDependingOnTheKind() {
        Check<Siret> siret = Siret.check("76353285311019");
        assertEquals(Check.Problem.BAD_KEY, problemOf(siret));
        assertEquals("SIRET : la clé de contrôle est fausse ; vérifiez le numéro.", siret.message());

        Check<Rpps> rpps = Rpps.check("06594487017");
        Check.Doubtful<?> doubtful = assertInstanceOf(Check.Doubtful.class, rpps);
        assertEquals("RPPS : la clé de contrôle ne correspond pas. Vérifiez le numéro ; s'il est juste, confirmez-le.",
                doubtful.warning());
        assertEquals(doubtful.warning(), rpps.message());
        assertFalse(rpps.isValid());
        assertEquals("06594487017", rpps.usableValue().orElseThrow().value());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, rpps::orElseThrow);
        assertEquals(doubtful.warning(), e.getMessage());
    }

    @Test
    void blankOrNullInputIsAnEmptyValue() {
        for (IdentifierKind kind : IdentifierKind.values()) {
            for (String blank : new String[] {null, "", "   ", " - . \t"}) {
                Check<? extends Identifier> check = kind.check(blank);
                assertEquals(Check.Problem.BAD_FORMAT, problemOf(check), kind::name);
                assertTrue(check.usableValue().isEmpty());
            }
        }
        assertEquals("NIR : valeur vide.", Nir.check(null).message());
        assertEquals("Numéro AM : valeur vide.", AmNumber.check(" ").message());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Siren.check("").orElseThrow());
        assertEquals("SIREN : valeur vide.", e.getMessage());
    }

    @Test
    void aNirPrintsMaskedEverywhereButValue() {
        Check<Nir> check = Nir.check("1 65 12 69 642 050 34");
        Nir nir = check.orElseThrow();
        assertEquals("165126964205034", nir.value());
        assertEquals("1 65 12 ** *** *** 34", nir.masked());
        assertEquals(nir.masked(), nir.toString());
        assertEquals(nir.masked(), String.valueOf(nir));
        for (String printed : List.of(nir.toString(), check.toString(), "" + nir, List.of(nir).toString())) {
            assertFalse(printed.replace(" ", "").contains("69642050"), printed);
        }
        assertNull(check.message());
        assertEquals("1 89 04 ** *** *** 20", Nir.check("189042b36927620").orElseThrow().masked());
    }

    @Test
    void nirMessagesNeverQuoteTheNumber() {
        for (String input : List.of("125054411131788", "125054O11131781", "125052C11131781", "325054411131781")) {
            String message = Nir.check(input).message();
            assertFalse(message.matches(".*\\d{5}.*"), message);
        }
    }

    @Test
    void nirSexAndProvisionalNumbers() {
        Nir man = Nir.check("165126964205034").orElseThrow();
        assertEquals(Nir.Sex.MALE, man.sex());
        assertFalse(man.provisional());
        Nir woman = Nir.check("213033368309350").orElseThrow();
        assertEquals(Nir.Sex.FEMALE, woman.sex());
        String provisional13 = "8130333683093";
        Nir provisional = Nir.check(provisional13 + String.format("%02d", CheckDigits.nirKey(provisional13))).orElseThrow();
        assertEquals(Nir.Sex.FEMALE, provisional.sex());
        assertTrue(provisional.provisional());
    }

    @Test
    void confirmedAcceptsAWrongKeyButNeverAWrongFormat() {
        Rpps rpps = Rpps.confirmed("065 944 870 17");
        assertEquals("06594487017", rpps.value());
        assertEquals(Rpps.check("06594487017").usableValue().orElseThrow(), rpps);
        assertEquals("917664115", Adeli.confirmed("917664115").value());
        assertEquals("978900456", AmNumber.confirmed("978900456").value());
        assertEquals("349978851", Finess.confirmed("349978851").value());
        assertEquals(Rpps.check("15808466203").orElseThrow(), Rpps.confirmed("15808466203"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rpps.confirmed("9210404266"));
        assertEquals("RPPS : 11 chiffres attendus, 10 reçus.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Adeli.confirmed("28914597"));
        assertThrows(IllegalArgumentException.class, () -> AmNumber.confirmed(null));
        assertThrows(IllegalArgumentException.class, () -> Finess.confirmed("39483002X"));
    }

    @Test
    void extrasOfEachKind() {
        assertEquals("538757006", Siret.check("538 757 006 04300").orElseThrow().siren());
        Iban iban = Iban.check("fr76-5634-1845-9016-1909-8310-496").orElseThrow();
        assertEquals("FR", iban.country());
        assertEquals("FR76 5634 1845 9016 1909 8310 496", iban.formatted());
        assertEquals("DE92 6687 1804 6680 0283 44", Iban.check("DE92668718046680028344").orElseThrow().formatted());
        assertEquals("815808466203", Rpps.check("15808466203").orElseThrow().nationalId());
        assertEquals("BNPAFRPPXXX", Bic.check("bnpa fr pp xxx").orElseThrow().value());
    }

    @Test
    void laPosteEstablishmentsFollowTheDigitSumRule() {
        assertTrue(Siret.check("35600000036809").isValid());
        assertEquals(Check.Problem.BAD_KEY, problemOf(Siret.check("35600000036808")));
        assertTrue(Siret.check("35600000000048").isValid(), "head office, Luhn");
    }

    /** Corsican FINESS: Luhn on the digits, the letter of 2A / 2B left out (see Finess). */
    @Test
    void corsicanFinessNumbers() {
        assertTrue(Finess.check("2A0000014").isValid());
        assertTrue(Finess.check("2b0000014").isValid());
        assertInstanceOf(Check.Doubtful.class, Finess.check("2A0000015"));
        assertEquals(Check.Problem.BAD_FORMAT, problemOf(Finess.check("2C0000014")));
    }

    @Test
    void identifiersAreEqualOnKindAndNormalisedValue() {
        Siren siren = Siren.check("538757006").orElseThrow();
        assertEquals(siren, Siren.check("538 757 006").orElseThrow());
        assertEquals(siren.hashCode(), Siren.check("538.757.006").orElseThrow().hashCode());
        assertEquals("538757006", siren.toString());
        Adeli adeli = Adeli.check("538757006").orElseThrow();
        assertEquals(siren.value(), adeli.value());
        assertNotEquals(siren, adeli);
    }

    @Test
    void kindsHaveFrenchLabelsAndDispatchToTheirType() {
        assertEquals(List.of("NIR", "SIREN", "SIRET", "IBAN", "BIC", "RPPS", "ADELI", "numéro AM", "FINESS"),
                java.util.Arrays.stream(IdentifierKind.values()).map(IdentifierKind::label).toList());
        assertInstanceOf(AmNumber.class, IdentifierKind.AM.check("934750449").orElseThrow());
        assertInstanceOf(Finess.class, IdentifierKind.FINESS.check("227388055").orElseThrow());
        assertEquals(IdentifierKind.IBAN, IdentifierKind.IBAN.check("DE92668718046680028344").orElseThrow().kind());
    }

    @Test
    void everySepaCountryIsKnown() {
        for (String code : List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
                "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "GB",
                "MC", "SM", "VA", "AD", "GI", "AL", "MD", "ME", "MK", "RS")) {
            assertTrue(IbanRegistry.country(code).isPresent(), code);
        }
        assertEquals(27, IbanRegistry.country("FR").orElseThrow().length());
        assertEquals(22, IbanRegistry.country("DE").orElseThrow().length());
        assertEquals(15, IbanRegistry.country("NO").orElseThrow().length());
        assertEquals(31, IbanRegistry.country("MT").orElseThrow().length());
    }
}
