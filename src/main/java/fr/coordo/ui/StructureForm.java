package fr.coordo.ui;

import fr.coordo.identity.IdentifierKind;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.team.Departments;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureReference;
import fr.coordo.team.StructureReference.Choice;
import fr.coordo.team.StructureService;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The structure's identity, as the ARS dossier and the payment orders will print it. The postal code
 * proposes the département, the ARS region and the CPAM; each stays editable.
 */
final class StructureForm extends VBox {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    /** What is read from the database when the form opens. */
    private record Loaded(java.util.Optional<StructureInput> input, Set<IdentifierKind> confirmed) {}

    private final StructureService service;
    private final Stage owner;
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private final TextField name = field("name");
    private final ComboBox<Choice> legalForm = combo("legalForm", StructureReference.legalForms());
    private final ComboBox<Choice> category = combo("category", StructureReference.categories());
    private final Label eligibility = new Label();
    private final TextField siren = field("siren");
    private final TextField siret = field("siret");
    private final TextField finess = field("finess");
    private final TextField address = field("address");
    private final TextField postalCode = field("postalCode");
    private final TextField city = field("city");
    private final TextField department = field("departmentCode");
    private final TextField arsRegion = field("arsRegion");
    private final TextField cpam = field("cpam");
    private final TextField legalRepresentative = field("legalRepresentative");
    private final TextField coordinators = field("coordinators");
    private final TextField phone = field("phone");
    private final TextField email = field("email");
    private final TextField iban = field("iban");
    private final TextField bic = field("bic");
    private final Label messages = new Label();
    private final Set<IdentifierKind> confirmed = EnumSet.noneOf(IdentifierKind.class);
    /** The FINESS the user confirmed: another value asks again. */
    private String confirmedFiness;
    /** What the postal code last proposed: replaced on the next change unless the user edited it. */
    private Departments.Department proposed;

    StructureForm(StructureService service, Stage owner) {
        this.service = service;
        this.owner = owner;
        setId("structure-form");
        setSpacing(10);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, label("Raison sociale *", name), name);
        grid.addRow(row++, label("Forme juridique *", legalForm), legalForm);
        grid.addRow(row++, label("Catégorie (art. D.162-34) *", category), category);
        grid.addRow(row++, new Label(), eligibility);
        grid.addRow(row++, label("SIREN", siren), siren);
        grid.addRow(row++, label("SIRET du siège", siret), siret);
        grid.addRow(row++, label("FINESS", finess), finess);
        grid.addRow(row++, label("Adresse du siège", address), address);
        grid.addRow(row++, label("Code postal", postalCode), postalCode);
        grid.addRow(row++, label("Ville", city), city);
        grid.addRow(row++, label("Département", department), department);
        grid.addRow(row++, label("ARS compétente (région)", arsRegion), arsRegion);
        grid.addRow(row++, label("CPAM compétente", cpam), cpam);
        grid.addRow(row++, label("Représentant légal", legalRepresentative), legalRepresentative);
        grid.addRow(row++, label("Coordinateur·rice(s)", coordinators), coordinators);
        grid.addRow(row++, label("Téléphone", phone), phone);
        grid.addRow(row++, label("Email", email), email);
        grid.addRow(row++, label("IBAN de la structure", iban), iban);
        grid.addRow(row, label("BIC", bic), bic);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(new ColumnConstraints(), grow);
        grid.setMaxWidth(760);


        eligibility.setId("structure-eligibility");
        eligibility.setWrapText(true);
        category.valueProperty().addListener((o, a, c) -> showEligibility(c));
        postalCode.textProperty().addListener((o, a, b) -> proposeFromPostalCode(b));

        messages.setId("structure-messages");
        messages.setWrapText(true);
        messages.getStyleClass().add("form-messages");
        Button save = new Button("Enregistrer la structure");
        save.setId("structure-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> save());
        getChildren().addAll(grid, messages, save);
        Background.run("structure-load", () -> new Loaded(service.load(), service.confirmedKeys()), loaded -> {
            loaded.input().ifPresent(this::fill);
            if (loaded.confirmed().contains(IdentifierKind.FINESS)) {
                confirmedFiness = finess.getText();
            }
        }, e -> messages.setText(TeamView.describe(e)));
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.S,
                    javafx.scene.input.KeyCombination.SHORTCUT_DOWN).match(e)) {
                save();
                e.consume();
            }
        });
    }

    private void fill(StructureInput in) {
        name.setText(nz(in.name()));
        legalForm.setValue(StructureReference.legalForm(in.legalForm()).orElse(null));
        category.setValue(StructureReference.category(in.category()).orElse(null));
        siren.setText(nz(in.siren()));
        siret.setText(nz(in.siret()));
        finess.setText(nz(in.finess()));
        address.setText(nz(in.address()));
        proposed = Departments.ofPostalCode(in.postalCode()).orElse(null);
        postalCode.setText(nz(in.postalCode()));
        city.setText(nz(in.city()));
        department.setText(Departments.byCode(in.departmentCode()).map(d -> d.code() + " – " + d.name()).orElse(nz(in.departmentCode())));
        arsRegion.setText(nz(in.arsRegion()));
        cpam.setText(nz(in.cpam()));
        legalRepresentative.setText(nz(in.legalRepresentative()));
        coordinators.setText(nz(in.coordinators()));
        phone.setText(nz(in.phone()));
        email.setText(nz(in.email()));
        iban.setText(nz(in.iban()));
        bic.setText(nz(in.bic()));
    }

    StructureInput input() {
        return new StructureInput(name.getText(), code(legalForm), code(category), siren.getText(), siret.getText(), finess.getText(),
                address.getText(), postalCode.getText(), city.getText(), department.getText(), arsRegion.getText(), cpam.getText(),
                legalRepresentative.getText(), coordinators.getText(), phone.getText(), email.getText(), iban.getText(), bic.getText());
    }

    /** The postal code proposes département, ARS and CPAM, unless the user typed something else there. */
    private void proposeFromPostalCode(String code) {
        Departments.ofPostalCode(code).ifPresent(d -> {
            if (untouched(department, proposed == null ? null : proposed.code())) {
                department.setText(d.code() + " – " + d.name());
            }
            if (untouched(arsRegion, proposed == null ? null : proposed.region())) {
                arsRegion.setText(d.region());
            }
            if (untouched(cpam, proposed == null ? null : proposed.cpam())) {
                cpam.setText(d.cpam());
            }
            proposed = d;
        });
    }

    private static boolean untouched(TextField f, String proposedValue) {
        String text = f.getText() == null ? "" : f.getText().strip();
        return text.isEmpty() || proposedValue != null && (text.equals(proposedValue) || text.startsWith(proposedValue + " – "));
    }

    private void showEligibility(Choice c) {
        eligibility.getStyleClass().removeAll("success", "danger");
        if (c == null) {
            eligibility.setText("");
            return;
        }
        eligibility.setText(c.eligible()
                ? "Cette catégorie peut coordonner un parcours coordonné renforcé."
                : "Cette catégorie ne peut pas coordonner un parcours coordonné renforcé (article D.162-34 : une MSP doit être constituée en SISA).");
        eligibility.getStyleClass().add(c.eligible() ? "success" : "danger");
    }

    void save() {
        controls.values().forEach(c -> c.pseudoClassStateChanged(DANGER, false));
        StructureInput in = input();
        // « 37 – Indre-et-Loire » is shown; the code is stored.
        String dept = in.departmentCode() == null ? null : in.departmentCode().split(" ")[0];
        StructureInput toSave = new StructureInput(in.name(), in.legalForm(), in.category(), in.siren(), in.siret(), in.finess(),
                in.address(), in.postalCode(), in.city(), dept, in.arsRegion(), in.cpam(), in.legalRepresentative(), in.coordinators(),
                in.phone(), in.email(), in.iban(), in.bic());
        confirmed.clear();
        if (confirmedFiness != null && confirmedFiness.strip().equals(finess.getText().strip())) {
            confirmed.add(IdentifierKind.FINESS);
        }
        List<Issue> issues = service.check(toSave, confirmed);
        for (Issue w : issues.stream().filter(Issue::isWarning).toList()) {
            if (!Dialogs.confirmDoubtfulKey(owner, w)) {
                messages.setText(w.message());
                return;
            }
            confirmed.add(w.confirmable());
            if (w.confirmable() == IdentifierKind.FINESS) {
                confirmedFiness = finess.getText();
            }
        }
        Background.run("structure-save", () -> {
            service.save(toSave, confirmed);
            return true;
        }, ok -> messages.setText("Structure enregistrée."), error -> {
            if (error instanceof InputException tie) {
                tie.issues().forEach(i -> {
                    Control c = controls.get(i.field());
                    if (c != null) {
                        c.pseudoClassStateChanged(DANGER, true);
                    }
                });
                messages.setText(tie.issues().stream().map(Issue::message).collect(Collectors.joining("\n")));
                tie.issues().stream().map(i -> controls.get(i.field())).filter(Objects::nonNull).findFirst()
                        .ifPresent(Control::requestFocus);
            } else {
                messages.setText(TeamView.describe(error));
            }
        });
    }


    private static Label label(String text, Control field) {
        Label l = new Label(text);
        l.setMinWidth(Label.USE_PREF_SIZE);
        l.setLabelFor(field);
        return l;
    }

    boolean isMarked(String field) {
        Control c = controls.get(field);
        return c != null && c.getPseudoClassStates().contains(DANGER);
    }

    private TextField field(String fieldName) {
        TextField f = new TextField();
        f.setId("structure-" + fieldName);
        controls.put(fieldName, f);
        return f;
    }

    private ComboBox<Choice> combo(String fieldName, List<Choice> choices) {
        ComboBox<Choice> c = new ComboBox<>();
        c.getItems().setAll(choices);
        c.setId("structure-" + fieldName);
        c.setMaxWidth(Double.MAX_VALUE);
        controls.put(fieldName, c);
        return c;
    }

    private static String code(ComboBox<Choice> c) {
        return c.getValue() == null ? null : c.getValue().code();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
