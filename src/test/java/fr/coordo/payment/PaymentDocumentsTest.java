package fr.coordo.payment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.identity.InputException;
import fr.coordo.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentDocumentsTest {
    @TempDir
    Path dir;

    @Test
    void anOrderAlreadyExportedForTheBankIsNeverGivenASecondDifferentTransferFile() throws Exception {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            PaymentFixtures p = new PaymentFixtures(db);
            p.episode("Durand", LocalDate.of(2026, 10, 15));
            PaymentOrder order = p.payments.issue(p.payments.prepare(Period.parse("2026-10")), true).getFirst();
            PaymentDocuments documents = new PaymentDocuments(db, p.payments);
            LocalDate tomorrow = PaymentFixtures.TODAY.plusDays(1);
            Path first = documents.saveSepa(List.of(order), dir.resolve("virement.xml"), false, tomorrow);
            byte[] sent = Files.readAllBytes(first);

            // the same file again (same order, same day) is harmless: the bank sees the same message
            Path again = documents.saveSepa(List.of(order), dir.resolve("virement-copie.xml"), false, tomorrow);
            assertArrayEquals(sent, Files.readAllBytes(again));

            InputException e = assertThrows(InputException.class,
                    () -> documents.saveSepa(List.of(order), dir.resolve("virement-2.xml"), false, tomorrow.plusDays(1)));
            assertTrue(e.getMessage().contains(order.number() + " a déjà son fichier de virement"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("virement-2.xml")), "nothing written");
            assertEquals(p.payments.find(order.id()).orElseThrow().sepaFingerprint(), fr.coordo.document.Fingerprint.of(sent));
        }
    }
}
