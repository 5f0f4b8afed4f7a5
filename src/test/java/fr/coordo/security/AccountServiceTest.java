package fr.coordo.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.AccessDenied;
import fr.coordo.store.Permission;
import fr.coordo.store.Role;
import fr.coordo.store.StoreException;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountServiceTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.systemDefaultZone();

    private AccountService accounts(Session s) {
        return new AccountService(s, SecurityFixtures.vault(s.database().file(), clock), clock);
    }

    @Test
    void anAdministratorCreatesAccountsThatSignInWithTheirRole() {
        Path db = dir.resolve("coordo.db");
        int nurse;
        try (Session admin = SecurityFixtures.admin(db, clock)) {
            nurse = PlanFixtures.professional(new TeamService(admin.database()), "Petit", "Lucie", "infirmier");
            char[] pw = "lucie-soins-2026".toCharArray();
            accounts(admin).create(new AccountService.AccountInput("  LPetit ", "Lucie Petit", Role.PROFESSIONNEL, nurse), pw, pw);
            StoreException taken = assertThrows(StoreException.class, () -> accounts(admin).create(
                    new AccountService.AccountInput("lpetit", "Autre", Role.COORDINATEUR, null), pw, pw));
            assertTrue(taken.getMessage().contains("déjà pris"), taken.getMessage());
            StoreException noRecord = assertThrows(StoreException.class, () -> accounts(admin).create(
                    new AccountService.AccountInput("sans", "Sans Fiche", Role.PROFESSIONNEL, null), pw, pw));
            assertTrue(noRecord.getMessage().startsWith("Professionnel :"), noRecord.getMessage());
            List<Account> all = accounts(admin).all();
            assertEquals(List.of("admin", "lpetit"), all.stream().map(Account::login).sorted().toList());
        }
        try (Session lucie = SecurityFixtures.signIn(db, clock, "lpetit", "lucie-soins-2026".toCharArray())) {
            assertEquals(Role.PROFESSIONNEL, lucie.database().access().role());
            assertEquals(nurse, lucie.database().access().professionalId());
            assertEquals("Lucie Petit", lucie.account().displayName());
            // The service itself refuses, whatever the window shows.
            AccessDenied denied = assertThrows(AccessDenied.class, () -> accounts(lucie).all());
            assertEquals(Permission.ACCOUNTS, denied.permission());
            assertTrue(denied.getMessage().startsWith("Votre rôle (professionnel·le) ne permet pas de gérer les comptes"),
                    denied.getMessage());
        }
    }

    @Test
    void aDeactivatedAccountCannotSignInAndTheLastAdministratorStays() {
        Path db = dir.resolve("coordo.db");
        char[] pw;
        try (Session admin = SecurityFixtures.admin(db, clock)) {
            pw = SecurityFixtures.account(admin, clock, "coord", "Claire Coord", Role.COORDINATEUR, null);
            Account coord = accounts(admin).all().stream().filter(a -> a.login().equals("coord")).findFirst().orElseThrow();
            StoreException self = assertThrows(StoreException.class, () -> accounts(admin).deactivate(admin.account().id()));
            assertTrue(self.getMessage().contains("propre compte"), self.getMessage());
            StoreException last = assertThrows(StoreException.class, () -> accounts(admin).update(admin.account().id(),
                    new AccountService.AccountInput("admin", "Anne Admin", Role.COORDINATEUR, null)));
            assertTrue(last.getMessage().contains("seul administrateur actif"), last.getMessage());
            accounts(admin).deactivate(coord.id());
            assertFalse(Keyring.load(db).orElseThrow().has("coord"), "its way into the key is removed");
        }
        assertThrows(SignInRefused.class, () -> SecurityFixtures.signIn(db, clock, "coord", pw));
        char[] fresh = "nouveau-depart-2026".toCharArray();
        try (Session admin = SecurityFixtures.signIn(db, clock, "admin", SecurityFixtures.ADMIN_PASSWORD)) {
            int id = accounts(admin).all().stream().filter(a -> a.login().equals("coord")).findFirst().orElseThrow().id();
            accounts(admin).reactivate(id, fresh, fresh);
        }
        try (Session coord = SecurityFixtures.signIn(db, clock, "coord", fresh)) {
            assertEquals(Role.COORDINATEUR, coord.database().access().role());
            assertTrue(coord.database().access().can(Permission.PAYMENTS));
            assertFalse(coord.database().access().can(Permission.RESTORE));
        }
    }

    @Test
    void anAdministratorResetsAForgottenPassword() {
        Path db = dir.resolve("coordo.db");
        try (Session admin = SecurityFixtures.admin(db, clock)) {
            SecurityFixtures.account(admin, clock, "coord", "Claire Coord", Role.COORDINATEUR, null);
            int id = accounts(admin).all().stream().filter(a -> a.login().equals("coord")).findFirst().orElseThrow().id();
            char[] temporary = "provisoire-a-changer".toCharArray();
            accounts(admin).resetPassword(id, temporary, temporary);
        }
        assertThrows(SignInRefused.class, () -> SecurityFixtures.signIn(db, clock, "coord", SecurityFixtures.ACCOUNT_PASSWORD));
        SecurityFixtures.signIn(db, clock, "coord", "provisoire-a-changer".toCharArray()).close();
    }
}
