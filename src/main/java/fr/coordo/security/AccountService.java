package fr.coordo.security;

import static fr.coordo.store.schema.Tables.ACCOUNT;
import static fr.coordo.store.schema.Tables.PROFESSIONAL;

import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.store.Role;
import fr.coordo.store.StoreException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The administrator's management of accounts: each change is checked against their role here, not only in the window. */
public final class AccountService {
    /** What the administrator types for an account. */
    public record AccountInput(String login, String displayName, Role role, Integer professionalId) {}

    private final Session session;
    private final Vault vault;
    private final Database db;
    private final Clock clock;

    public AccountService(Session session, Vault vault, Clock clock) {
        this.session = session;
        this.vault = vault;
        this.db = session.database();
        this.clock = clock;
    }

    public List<Account> all() {
        db.access().require(Permission.ACCOUNTS);
        return db.read(dsl -> dsl.selectFrom(ACCOUNT).orderBy(ACCOUNT.DISPLAY_NAME, ACCOUNT.LOGIN).fetch(Vault::account));
    }

    /** Creates an account with the password the administrator gives to the person. */
    public Account create(AccountInput in, char[] password, char[] confirmation) {
        db.access().require(Permission.ACCOUNTS);
        String login = Keyring.normalise(in.login());
        Vault.checkLogin(login).ifPresent(m -> {
            throw new StoreException(m);
        });
        check(in);
        Vault.checkPassword(login, password, confirmation).ifPresent(m -> {
            throw new StoreException(m);
        });
        if (Vault.find(db, login).isPresent()) {
            throw new StoreException("L'identifiant « " + login + " » est déjà pris : choisissez-en un autre.");
        }
        db.write(Permission.ACCOUNTS, (dsl, audit) -> Vault.insertAccount(dsl, audit, clock, login, in.displayName().strip(),
                in.role(), in.role() == Role.PROFESSIONNEL ? in.professionalId() : null));
        Account created = Vault.find(db, login).orElseThrow();
        try {
            vault.setPassword(session, created, password);
        } catch (StoreException e) {
            throw new StoreException("Le compte « " + login + " » est créé, mais son mot de passe n'a pas pu être enregistré : "
                    + "redonnez-lui un mot de passe. " + e.getMessage(), e);
        }
        return created;
    }

    /** Changes a person's name, role or linked professional. */
    public void update(int id, AccountInput in) {
        db.access().require(Permission.ACCOUNTS);
        check(in);
        Account before = get(id);
        if (before.role() == Role.ADMINISTRATEUR && in.role() != Role.ADMINISTRATEUR) {
            keepOneAdministrator(before);
        }
        Integer professional = in.role() == Role.PROFESSIONNEL ? in.professionalId() : null;
        db.write(Permission.ACCOUNTS, (dsl, audit) -> {
            dsl.update(ACCOUNT).set(ACCOUNT.DISPLAY_NAME, in.displayName().strip()).set(ACCOUNT.ROLE, in.role().name())
                    .set(ACCOUNT.PROFESSIONAL_ID, professional).where(ACCOUNT.ID.eq(id)).execute();
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            if (!before.displayName().equals(in.displayName().strip())) {
                changes.put("display_name", new Audit.Change(before.displayName(), in.displayName().strip()));
            }
            if (before.role() != in.role()) {
                changes.put("role", new Audit.Change(before.role().name(), in.role().name()));
            }
            if (!Objects.equals(before.professionalId(), professional)) {
                changes.put("professional_id", new Audit.Change(before.professionalId(), professional));
            }
            audit.record("account", id, AuditAction.UPDATE, changes);
            return null;
        });
    }

    /** Closes an account: its way into the keyring is removed, its entries in the journal stay. */
    public void deactivate(int id) {
        db.access().require(Permission.ACCOUNTS);
        Account account = get(id);
        if (account.id() == session.account().id()) {
            throw new StoreException("Vous ne pouvez pas désactiver votre propre compte.");
        }
        if (account.role() == Role.ADMINISTRATEUR) {
            keepOneAdministrator(account);
        }
        setActive(account, false);
        vault.revoke(account);
    }

    /** Opens a closed account again, with a new password. */
    public void reactivate(int id, char[] password, char[] confirmation) {
        db.access().require(Permission.ACCOUNTS);
        Account account = get(id);
        Vault.checkPassword(account.login(), password, confirmation).ifPresent(m -> {
            throw new StoreException(m);
        });
        setActive(account, true);
        vault.setPassword(session, account, password);
    }

    /** Gives a person a new password (they forgot theirs); they should change it at once. */
    public void resetPassword(int id, char[] password, char[] confirmation) {
        db.access().require(Permission.ACCOUNTS);
        Account account = get(id);
        if (!account.active()) {
            throw new StoreException("Le compte « " + account.login() + " » est désactivé : réactivez-le d'abord.");
        }
        Vault.checkPassword(account.login(), password, confirmation).ifPresent(m -> {
            throw new StoreException(m);
        });
        vault.setPassword(session, account, password);
        db.write(Permission.ACCOUNTS, (dsl, audit) -> {
            dsl.update(ACCOUNT).set(ACCOUNT.PASSWORD_CHANGED_AT, fr.coordo.store.Timestamps.now(clock)).where(ACCOUNT.ID.eq(id)).execute();
            audit.record("account", id, AuditAction.UPDATE, Map.of("password_changed", new Audit.Change(null, "par l'administrateur")));
            return null;
        });
    }

    private Account get(int id) {
        return db.read(dsl -> dsl.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional().map(Vault::account))
                .orElseThrow(() -> new StoreException("Ce compte n'existe plus."));
    }

    private void check(AccountInput in) {
        if (in.displayName() == null || in.displayName().isBlank()) {
            throw new StoreException("Nom : indiquez le prénom et le nom de la personne.");
        }
        if (in.role() == null) {
            throw new StoreException("Rôle : choisissez coordinateur·rice, professionnel·le ou administrateur·rice.");
        }
        if (in.role() == Role.PROFESSIONNEL) {
            if (in.professionalId() == null) {
                throw new StoreException("Professionnel : un compte professionnel est relié à sa fiche de l'équipe, "
                        + "qui dit quels patients il suit. Choisissez-la.");
            }
            boolean exists = db.read(dsl -> dsl.fetchExists(PROFESSIONAL, PROFESSIONAL.ID.eq(in.professionalId())));
            if (!exists) {
                throw new StoreException("Professionnel : cette fiche n'existe plus dans l'équipe.");
            }
        }
    }

    private void keepOneAdministrator(Account leaving) {
        int others = db.read(dsl -> dsl.fetchCount(ACCOUNT, ACCOUNT.ROLE.eq(Role.ADMINISTRATEUR.name())
                .and(ACCOUNT.ACTIVE.eq(1)).and(ACCOUNT.ID.ne(leaving.id()))));
        if (others == 0) {
            throw new StoreException("« " + leaving.displayName() + " » est le seul administrateur actif : nommez-en un autre "
                    + "avant de changer son rôle ou de désactiver son compte.");
        }
    }

    private void setActive(Account account, boolean active) {
        db.write(Permission.ACCOUNTS, (dsl, audit) -> {
            dsl.update(ACCOUNT).set(ACCOUNT.ACTIVE, active ? 1 : 0).where(ACCOUNT.ID.eq(account.id())).execute();
            audit.record("account", account.id(), AuditAction.UPDATE, Map.of("active", new Audit.Change(!active, active)));
            return null;
        });
    }
}
