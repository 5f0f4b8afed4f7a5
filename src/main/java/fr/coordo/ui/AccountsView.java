package fr.coordo.ui;

import fr.coordo.security.Account;
import fr.coordo.security.AccountService;
import fr.coordo.store.Database;
import fr.coordo.store.Role;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The accounts of the people who use Coordo (administrators only): who may sign in, with which role, and
 * for a professionnel which record of the team tells the patients they follow. Every change goes through
 * {@link AccountService}, which checks the role again.
 */
final class AccountsView extends ScrollPane {
    private static final String CREATE = "Créer le compte";
    private static final String SAVE = "Enregistrer les modifications";

    private final Workspace ws;
    private final Stage owner;
    private final AccountService service;
    private final TableView<Account> table = new TableView<>();
    private final TextField login = new TextField();
    private final TextField name = new TextField();
    private final ComboBox<Role> role = new ComboBox<>();
    private final ComboBox<Professional> professional = new ComboBox<>();
    private final PasswordField password = new PasswordField();
    private final PasswordField confirmation = new PasswordField();
    private final Label formTitle = new Label("Nouveau compte");
    private final Label message = new Label();
    private final Button save = new Button(CREATE);
    private final Button reset = new Button("Nouveau mot de passe…");
    private final Button active = new Button("Désactiver…");
    private final GridPane form = new GridPane();
    private Map<Integer, Professional> team = Map.of();
    private HBox accountActions;

    AccountsView(Workspace ws, Stage owner) {
        this.ws = ws;
        this.owner = owner;
        this.service = ws.signedIn() ? new AccountService(ws.session(), ws.vault(), Clock.system(Database.ZONE)) : null;
        Label title = new Label("Comptes");
        title.getStyleClass().add("title-1");
        VBox page = new VBox(14, title);
        page.setPadding(new Insets(32, 40, 32, 40));
        page.getStyleClass().add("page");
        setContent(page);
        setFitToWidth(true);
        if (service == null) {
            Label none = new Label("Cette base n'est pas protégée : elle n'a pas de comptes. Ouvrez-la avec Coordo pour créer "
                    + "le compte de l'administrateur.");
            none.setId("accounts-unprotected");
            none.setWrapText(true);
            page.getChildren().add(none);
            return;
        }
        Label intro = new Label("Chaque personne a son compte et son mot de passe. Le rôle dit ce qu'elle peut faire : "
                + "coordinateur·rice (tout le travail de coordination), professionnel·le (les patients qu'il ou elle suit, "
                + "en lecture), administrateur·rice (tout, plus les comptes et la restauration des sauvegardes).");
        intro.setWrapText(true);
        intro.setMaxWidth(760);
        buildTable();
        buildForm();
        page.getChildren().addAll(intro, table, formTitle, form, message);
        reload(null);
    }

    private void buildTable() {
        table.setId("accounts-table");
        table.setPrefHeight(240);
        table.setPlaceholder(new Label("Aucun compte."));
        table.getColumns().add(column("Identifiant", Account::login, 100));
        table.getColumns().add(column("Nom", Account::displayName, 140));
        table.getColumns().add(column("Rôle", a -> a.role().label(), 155));
        table.getColumns().add(column("Professionnel\nlié", a -> a.professionalId() == null ? ""
                : team.containsKey(a.professionalId()) ? team.get(a.professionalId()).displayName() : "fiche n° " + a.professionalId(), 130));
        table.getColumns().add(column("Actif", a -> a.active() ? "oui" : "non", 55));
        table.getColumns().add(column("Mot de passe\nchangé le", a -> date(a.passwordChangedAt()), 110));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> edit(now));
    }

    private static TableColumn<Account, String> column(String title, Function<Account, String> value, double width) {
        TableColumn<Account, String> c = new TableColumn<>();
        // a two-line title keeps the six columns readable in a narrow window
        Label header = new Label(title);
        header.setTextAlignment(javafx.scene.text.TextAlignment.LEFT);
        c.setGraphic(header);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static String date(String timestamp) {
        if (timestamp == null) {
            return "";
        }
        try {
            return Forms.date(OffsetDateTime.parse(timestamp).toLocalDate());
        } catch (RuntimeException e) {
            return timestamp;
        }
    }

    private void buildForm() {
        formTitle.getStyleClass().add("title-4");
        login.setId("account-login");
        name.setId("account-name");
        role.setId("account-role");
        role.getItems().setAll(Role.COORDINATEUR, Role.PROFESSIONNEL, Role.ADMINISTRATEUR);
        Forms.labelled(role, Role::label);
        professional.setId("account-professional");
        professional.setPromptText("Choisir dans l'équipe");
        Forms.labelled(professional, p -> p.displayName() + " — " + p.professionLabel());
        professional.setPrefWidth(320);
        password.setId("account-password");
        confirmation.setId("account-confirm");
        message.setId("accounts-message");
        message.getStyleClass().add("form-messages");
        message.setWrapText(true);
        message.setMaxWidth(760);
        Forms.show(message, false);
        form.setHgap(12);
        form.setVgap(10);
        form.setId("account-form");
        Label professionalLabel = Forms.label("Professionnel", professional);
        role.valueProperty().addListener((o, was, now) -> {
            Forms.show(professional, now == Role.PROFESSIONNEL);
            Forms.show(professionalLabel, now == Role.PROFESSIONNEL);
        });
        save.setId("account-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> save());
        Button fresh = new Button("Nouveau compte");
        fresh.setId("account-new");
        fresh.setOnAction(e -> table.getSelectionModel().clearSelection());
        reset.setId("account-reset");
        reset.setOnAction(e -> resetPassword());
        active.setId("account-active");
        active.setOnAction(e -> toggleActive());
        HBox actions = new HBox(10, save, fresh);
        actions.setAlignment(Pos.CENTER_LEFT);
        // what only an existing account has, on a line of its own
        HBox accountActions = new HBox(10, reset, active);
        accountActions.setAlignment(Pos.CENTER_LEFT);
        for (Button b : List.of(save, fresh, reset, active)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        int row = 0;
        form.addRow(row++, Forms.label("Identifiant", login), login);
        form.addRow(row++, Forms.label("Nom complet", name), name);
        form.addRow(row++, Forms.label("Rôle", role), role);
        form.addRow(row++, professionalLabel, professional);
        form.addRow(row++, Forms.label("Mot de passe", password), password);
        form.addRow(row++, Forms.label("Confirmation", confirmation), confirmation);
        form.add(actions, 0, row++, 2, 1);
        form.add(accountActions, 0, row, 2, 1);
        this.accountActions = accountActions;
        login.setPrefWidth(320);
        name.setPrefWidth(320);
        edit(null);
    }

    /** Fills the form with the selected account, or empties it for a new one. */
    private void edit(Account a) {
        boolean creating = a == null;
        formTitle.setText(creating ? "Nouveau compte" : "Compte « " + a.login() + " »");
        login.setText(creating ? "" : a.login());
        login.setDisable(!creating);
        name.setText(creating ? "" : a.displayName());
        role.setValue(creating ? Role.COORDINATEUR : a.role());
        professional.setValue(creating || a.professionalId() == null ? null : team.get(a.professionalId()));
        password.clear();
        confirmation.clear();
        for (var n : List.of(password, confirmation)) {
            Forms.show(n, creating);
        }
        form.getChildren().stream().filter(n -> n instanceof Label l && (l.getLabelFor() == password || l.getLabelFor() == confirmation))
                .forEach(n -> Forms.show(n, creating));
        save.setText(creating ? CREATE : SAVE);
        Forms.show(accountActions, !creating);
        Forms.show(reset, !creating && a.active());
        active.setText(creating || a.active() ? "Désactiver…" : "Réactiver…");
        Forms.show(message, false);
    }

    private void reload(Integer select) {
        Background.run("accounts", () -> new Loaded(service.all(), new TeamService(ws.database()).all()), loaded -> {
            team = loaded.team().stream().collect(Collectors.toMap(Professional::id, p -> p));
            professional.getItems().setAll(loaded.team().stream().filter(p -> p.memberUntil() == null || !p.isFormer(
                    java.time.LocalDate.now(Database.ZONE))).toList());
            table.getItems().setAll(loaded.accounts());
            if (select != null) {
                loaded.accounts().stream().filter(a -> a.id() == select).findFirst().ifPresent(a -> {
                    table.getSelectionModel().select(a);
                    table.scrollTo(a);
                });
            }
        }, error -> Forms.say(message, TeamView.describe(error), false));
    }

    private record Loaded(List<Account> accounts, List<Professional> team) {}

    private Account selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    private void save() {
        Account editing = selected();
        Professional p = professional.getValue();
        AccountService.AccountInput in = new AccountService.AccountInput(login.getText().strip(), name.getText().strip(),
                role.getValue(), p == null ? null : p.id());
        char[] pw = password.getText().toCharArray();
        char[] again = confirmation.getText().toCharArray();
        save.setDisable(true);
        Background.run("account-save", () -> {
            try {
                if (editing == null) {
                    return service.create(in, pw, again).id();
                }
                service.update(editing.id(), in);
                return editing.id();
            } finally {
                Arrays.fill(pw, '\0');
                Arrays.fill(again, '\0');
            }
        }, id -> {
            save.setDisable(false);
            reload(id);
            Forms.say(message, editing == null
                    ? "Compte « " + in.login() + " » créé : donnez-lui son mot de passe, qu'il pourra changer à sa première connexion."
                    : "Compte « " + editing.login() + " » enregistré.", true);
        }, error -> {
            save.setDisable(false);
            Forms.say(message, TeamView.describe(error), false);
        });
    }

    private void resetPassword() {
        Account a = selected();
        if (a == null) {
            return;
        }
        AccountsPasswordDialog.show(owner, "Nouveau mot de passe", "Nouveau mot de passe du compte « " + a.login() + " » (" + a.displayName() + ")",
                "Enregistrer le mot de passe", "reset-dialog", false,
                (current, pw, again) -> service.resetPassword(a.id(), pw, again),
                () -> {
                    reload(a.id());
                    Forms.say(message, "Mot de passe de « " + a.login() + " » changé : communiquez-le à la personne, "
                            + "qui pourra le changer depuis « Mon mot de passe… ».", true);
                });
    }

    private void toggleActive() {
        Account a = selected();
        if (a == null) {
            return;
        }
        if (!a.active()) {
            AccountsPasswordDialog.show(owner, "Réactiver le compte", "Réactiver le compte « " + a.login() + " » ("
                    + a.displayName() + ") avec un nouveau mot de passe", "Réactiver le compte", "reactivate-dialog", false,
                    (current, pw, again) -> service.reactivate(a.id(), pw, again),
                    () -> {
                        reload(a.id());
                        Forms.say(message, "Compte « " + a.login() + " » réactivé.", true);
                    });
            return;
        }
        if (!Dialogs.confirm(owner, "Désactiver le compte", "Désactiver le compte « " + a.login() + " » (" + a.displayName() + ") ?",
                "La personne ne pourra plus se connecter. Ses actions restent au journal ; le compte peut être réactivé plus tard.",
                "Désactiver le compte", "Annuler")) {
            return;
        }
        Background.run("account-deactivate", () -> {
            service.deactivate(a.id());
            return a.id();
        }, id -> {
            reload(id);
            Forms.say(message, "Compte « " + a.login() + " » désactivé.", true);
        }, error -> Forms.say(message, TeamView.describe(error), false));
    }
}
