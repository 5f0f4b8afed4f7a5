package fr.coordo.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {
    @TempDir
    Path dir;

    static final char[] PASSWORD = "cheval-agrafe-pile".toCharArray();

    /** A clock the test moves by hand, to see the slowing down without waiting for it. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-24T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return Database.ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    private Vault vault(Path db) {
        return new Vault(db, clock, Kdf.Params.LIGHT);
    }

    @Test
    void aPlainSqliteClientFindsNeitherTheNameNorTheNirOfAPatient() throws Exception {
        Path db = dir.resolve("coordo.db");
        PatientInput eloise = PlanFixtures.eloise(null, LocalDate.of(2026, 1, 5));
        Vault.Setup setup = vault(db).setup("claire", "Claire Martin", PASSWORD);
        try (Session s = setup.session()) {
            new PatientService(s.database()).add(eloise, Set.of());
        }
        byte[] raw = Files.readAllBytes(db);
        String bytes = new String(raw, StandardCharsets.ISO_8859_1);
        String utf8 = new String(raw, StandardCharsets.UTF_8);
        for (String secret : new String[] {"Lefèvre", "Lefevre", "LEFEVRE", "Moreau", "MOREAU", "Éloïse", eloise.nir(), "Tanneurs", "SQLite format 3"}) {
            assertFalse(bytes.contains(secret) || utf8.contains(secret), secret + " readable in the file");
        }
        // A plain client without the key cannot even read the schema.
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                c.createStatement().executeQuery("SELECT * FROM patient");
            }
        });
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
        // With the password, everything is there.
        try (Session s = vault(db).unlock("claire", PASSWORD)) {
            assertTrue(new PatientService(s.database()).search("lefevre", null, 10).getFirst().name().startsWith("MOREAU"));
            assertEquals("Claire Martin", s.account().displayName());
        }
    }

    @Test
    void setupEncryptsAnExistingPlainDatabaseWithoutLosingIt() throws Exception {
        Path db = dir.resolve("ancienne.db");
        try (Database plain = Database.open(db)) {
            new PatientService(plain).add(PlanFixtures.eloise(null, LocalDate.of(2026, 1, 5)), Set.of());
        }
        assertEquals(Vault.State.UNPROTECTED, vault(db).state());
        Vault.Setup setup = vault(db).setup("admin", "Anne Admin", PASSWORD);
        setup.session().close();
        assertEquals(Vault.State.PROTECTED, vault(db).state());
        assertFalse(new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1).contains("Tanneurs"));
        assertFalse(Files.exists(dir.resolve("ancienne.db-wal")) && Files.size(dir.resolve("ancienne.db-wal")) > 0
                && new String(Files.readAllBytes(dir.resolve("ancienne.db-wal")), StandardCharsets.ISO_8859_1).contains("Tanneurs"));
        try (Session s = vault(db).unlock("ADMIN ", PASSWORD)) {
            assertEquals(1, new PatientService(s.database()).count());
        }
    }

    @Test
    void wrongPasswordsAreRefusedAndSlowDownTheNextAttempts() {
        Path db = dir.resolve("coordo.db");
        vault(db).setup("claire", "Claire Martin", PASSWORD).session().close();
        for (int i = 1; i <= Keyring.FREE_ATTEMPTS; i++) {
            SignInRefused e = assertThrows(SignInRefused.class, () -> vault(db).unlock("claire", "mauvais-mot-de-passe".toCharArray()));
            assertTrue(e.getMessage().startsWith("Identifiant ou mot de passe incorrect."), e.getMessage());
        }
        // From now on, even the right password must wait: 1 s, then 2 s, 4 s…
        SignInRefused slowed = assertThrows(SignInRefused.class, () -> vault(db).unlock("claire", PASSWORD));
        assertEquals(Duration.ofSeconds(1), slowed.retryIn());
        assertTrue(slowed.getMessage().contains("réessayez dans 1 seconde"), slowed.getMessage());
        clock.now = clock.now.plusSeconds(1);
        assertThrows(SignInRefused.class, () -> vault(db).unlock("claire", "encore-faux-mot".toCharArray()));
        assertEquals(Duration.ofSeconds(2), assertThrows(SignInRefused.class, () -> vault(db).unlock("claire", PASSWORD)).retryIn());
        clock.now = clock.now.plusSeconds(2);
        try (Session s = vault(db).unlock("claire", PASSWORD)) {
            assertEquals("claire", s.account().login());
        }
        // A success clears the count.
        assertEquals(0, Keyring.load(db).orElseThrow().failures("claire"));
        // An unknown login gets the same answer as a wrong password.
        SignInRefused unknown = assertThrows(SignInRefused.class, () -> vault(db).unlock("personne", PASSWORD));
        assertTrue(unknown.getMessage().startsWith("Identifiant ou mot de passe incorrect."));
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndReplacesIt() {
        Path db = dir.resolve("coordo.db");
        char[] next = "nouvelle phrase de passe".toCharArray();
        try (Session s = vault(db).setup("claire", "Claire Martin", PASSWORD).session()) {
            assertThrows(SignInRefused.class, () -> vault(db).changePassword(s, "pas-le-bon-mdp".toCharArray(), next, next));
            StoreException mismatch = assertThrows(StoreException.class,
                    () -> vault(db).changePassword(s, PASSWORD, next, "autre chose encore".toCharArray()));
            assertTrue(mismatch.getMessage().contains("diffèrent"), mismatch.getMessage());
            StoreException tooShort = assertThrows(StoreException.class,
                    () -> vault(db).changePassword(s, PASSWORD, "court".toCharArray(), "court".toCharArray()));
            assertTrue(tooShort.getMessage().contains("au moins 10 caractères"), tooShort.getMessage());
            vault(db).changePassword(s, PASSWORD, next, next);
        }
        assertThrows(SignInRefused.class, () -> vault(db).unlock("claire", PASSWORD));
        vault(db).unlock("claire", next).close();
    }

    @Test
    void theRecoveryKeyOpensTheDatabaseAfterAForgottenPasswordOrALostKeyring() throws Exception {
        Path db = dir.resolve("coordo.db");
        Vault.Setup setup = vault(db).setup("claire", "Claire Martin", PASSWORD);
        setup.session().close();
        String shown = setup.recoveryKey().formatted();
        assertTrue(shown.matches("([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}"), shown);
        // Typed in lower case, without dashes: the same key.
        assertArrayEquals(setup.recoveryKey().databaseKey().bytes(),
                RecoveryKey.parse(shown.toLowerCase().replace("-", " ")).databaseKey().bytes());
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class, () -> RecoveryKey.parse("ABCD-EFGH"));
        assertTrue(shortKey.getMessage().contains("32 caractères"));

        Files.delete(Keyring.fileFor(db));
        assertEquals(Vault.State.KEYRING_MISSING, vault(db).state());
        char[] next = "mot de passe retrouvé".toCharArray();
        String wrongKey = RecoveryKey.generate().formatted();
        StoreException refused = assertThrows(StoreException.class, () -> vault(db).recover(RecoveryKey.parse(wrongKey), "claire", next));
        assertTrue(refused.getMessage().contains("n'ouvre pas la base"), refused.getMessage());
        vault(db).recover(RecoveryKey.parse(shown), "claire", next).close();
        assertEquals(Vault.State.PROTECTED, vault(db).state());
        vault(db).unlock("claire", next).close();
    }

    @Test
    void aSlotCopiedUnderAnotherLoginInTheKeyringFileOpensNothing() throws Exception {
        Path db = dir.resolve("coordo.db");
        try (Session admin = vault(db).setup("admin", "Anne Admin", PASSWORD).session()) {
            SecurityFixtures.account(admin, clock, "coord", "Claire Coord", fr.coordo.store.Role.COORDINATEUR, null);
        }
        // Someone edits the file: their own slot, unchanged, under the administrator's login.
        Path file = Keyring.fileFor(db);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode slots = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("slots");
        slots.set("admin", slots.get("coord").deepCopy());
        json.writeValue(file.toFile(), root);
        assertThrows(SignInRefused.class, () -> vault(db).unlock("admin", SecurityFixtures.ACCOUNT_PASSWORD));
        // The slot's own login inside does not help either.
        ((com.fasterxml.jackson.databind.node.ObjectNode) slots.get("admin")).put("login", "admin");
        json.writeValue(file.toFile(), root);
        assertThrows(SignInRefused.class, () -> vault(db).unlock("admin", SecurityFixtures.ACCOUNT_PASSWORD));
    }

    @Test
    void theWindowAndACommandChangingTheKeyringAtOnceLoseNothing() throws Exception {
        Path db = dir.resolve("coordo.db");
        vault(db).setup("admin", "Anne Admin", PASSWORD).session().close();
        Thread guesser = new Thread(() -> {
            for (int i = 0; i < 12; i++) {
                clock.now = clock.now.plusSeconds(3600);
                try {
                    vault(db).key("admin", "mauvais-mot-de-passe".toCharArray());
                } catch (SignInRefused expected) {
                    // counted under the keyring's lock
                }
            }
        });
        List<String> created = new java.util.ArrayList<>();
        try (Session admin = vault(db).unlock("admin", PASSWORD)) {
            guesser.start();
            for (int i = 0; i < 6; i++) {
                String login = "compte" + i;
                SecurityFixtures.account(admin, clock, login, "Personne " + i, fr.coordo.store.Role.COORDINATEUR, null);
                created.add(login);
            }
            guesser.join();
        }
        Keyring after = Keyring.load(db).orElseThrow();
        for (String login : created) {
            assertTrue(after.has(login), login + " kept its slot");
        }
        assertEquals(12, after.failures("admin"), "every failed attempt counted");
    }

    @Test
    void anUnreadableKeyringIsSetAsideByTheRecoveryKey() throws Exception {
        Path db = dir.resolve("coordo.db");
        Vault.Setup setup = vault(db).setup("claire", "Claire Martin", PASSWORD);
        setup.session().close();
        Files.writeString(Keyring.fileFor(db), "{ abîmé");
        StoreException unreadable = assertThrows(StoreException.class, () -> vault(db).unlock("claire", PASSWORD));
        assertTrue(unreadable.getMessage().contains("clé de secours"), unreadable.getMessage());
        char[] next = "apres-la-panne-2026".toCharArray();
        vault(db).recover(RecoveryKey.parse(setup.recoveryKey().formatted()), "claire", next).close();
        vault(db).unlock("claire", next).close();
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("coordo.db.cles.illisible-")), "the damaged file is kept");
        }
    }

    @Test
    void aKeyringWhoseDatabaseWasMovedIsNotOverwrittenByANewSetup() throws Exception {
        Path db = dir.resolve("coordo.db");
        vault(db).setup("claire", "Claire Martin", PASSWORD).session().close();
        Path moved = Files.move(db, dir.resolve("sur-la-cle.db"));
        String keyring = Files.readString(Keyring.fileFor(db));
        vault(db).setup("nouvelle", "Autre Personne", "une-phrase-differente".toCharArray()).session().close();
        try (var files = Files.list(dir)) {
            Path aside = files.filter(f -> f.getFileName().toString().startsWith("coordo.db.cles.sans-base-")).findFirst().orElseThrow();
            assertEquals(keyring, Files.readString(aside), "the real database's keyring is kept aside");
        }
        assertTrue(Files.exists(moved));
    }

    @Test
    void aRecoveryKeyCopiedFromAWordProcessorIsRead() {
        RecoveryKey key = RecoveryKey.generate();
        String typographic = key.formatted().replace("-", "\u2011").replaceFirst("\u2011", "\u00A0").replaceFirst("\u2011", "\u202F \u2013 ");
        assertArrayEquals(key.databaseKey().bytes(), RecoveryKey.parse(typographic).databaseKey().bytes());
    }
}
