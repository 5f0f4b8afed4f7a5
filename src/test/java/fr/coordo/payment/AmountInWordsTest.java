package fr.coordo.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountInWordsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1126.40    | mille cent vingt-six euros et quarante centimes
            1.00       | un euro
            0.01       | un centime
            0.80       | quatre-vingts centimes
            0.00       | zéro euro
            2          | deux euros
            200        | deux cents euros
            201        | deux cent un euros
            80         | quatre-vingts euros
            81.01      | quatre-vingt-un euros et un centime
            1000       | mille euros
            80000      | quatre-vingt mille euros
            1000000    | un million d'euros
            3000000    | trois millions d'euros
            1000200    | un million deux cents euros
            2000000000 | deux milliards d'euros
            -1126.40   | moins mille cent vingt-six euros et quarante centimes
            -0.05      | moins cinq centimes
            """)
    void writesEurosAndCentimesAsAFrenchCheque(BigDecimal euros, String words) {
        assertEquals(words, AmountInWords.of(euros));
    }

    @Test
    void centsAndEurosGiveTheSameWords() {
        assertEquals("mille cent vingt-six euros", AmountInWords.of(112_600L));
        assertEquals(AmountInWords.of(new BigDecimal("168.90")), AmountInWords.of(16_890L));
    }

    @Test
    void aFractionOfACentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AmountInWords.of(new BigDecimal("1.005")));
    }
}
