package fr.coordo.ui;

import static fr.coordo.ui.Forms.blankToNull;
import static fr.coordo.ui.Forms.label;
import static fr.coordo.ui.Forms.nz;

import fr.coordo.identity.Issue;
import fr.coordo.patient.Contact;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The patient's record: identity, contacts, médecin traitant, situation, entourage, consents and status. */
final class PatientForm extends BorderPane {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final PatientService patients;
    private final BiConsumer<Integer, String> onSaved;
    private final Map<String, Control> controls = new LinkedHashMap<>();

    private final Label heading = new Label();
    private final TextField birthName = field("birthName");
    private final TextField usageName = field("usageName");
    private final TextField firstNames = field("firstNames");
    private final DatePicker birthDate = picker("birthDate");
    private final ComboBox<String> sex = new ComboBox<>();
    private final TextField nir = field("nir");
    private final TextField address = field("address");
    private final TextField postalCode = field("postalCode");
    private final TextField city = field("city");
    private final TextField phone = field("phone");
    private final TextField email = field("email");
    private final TextField occupation = field("occupation");
    private final ComboBox<Professional> physician = new ComboBox<>();
    private final TextField outsidePhysician = field("outsidePhysician");
    private final TextField outsidePhysicianContact = field("outsidePhysicianContact");
    private final CheckBox ald = new CheckBox("En affection de longue durée (ALD)");
    private final TextField aldList = field("aldList");
    private final CheckBox apa = new CheckBox("Bénéficie de l'APA");
    private final TextField pensionFund = field("pensionFund");
    private final CheckBox housingSearch = new CheckBox("Recherche de logement ou d'hébergement");
    private final DatePicker consentPlanOn = picker("consentPlanOn");
    private final TextField consentPlanForm = field("consentPlanForm");
    private final DatePicker consentSharingOn = picker("consentSharingOn");
    private final TextField consentSharingForm = field("consentSharingForm");
    private final ComboBox<PatientStatus> status = new ComboBox<>();
    private final DatePicker statusOn = picker("statusOn");
    private final TextArea notes = Forms.area("patient-notes", 3);
    private final VBox contacts = new VBox(6);
    private final Label messages = new Label();
    private final Button save = new Button("Enregistrer");
    private final Button cancel = new Button("Annuler les modifications");

    private Patient editing;
    private PatientInput loaded;

    PatientForm(PatientService patients, List<Professional> physicians, BiConsumer<Integer, String> onSaved) {
        this.patients = patients;
        this.onSaved = onSaved;
        setId("patient-form");

        sex.getItems().setAll("F", "M");
        Forms.labelled(sex, s -> s.equals("F") ? "Femme" : "Homme");
        sex.setId("patient-sex");
        controls.put("sex", sex);
        physician.getItems().add(null);
        physician.getItems().addAll(physicians);
        Forms.labelled(physician, p -> p == null ? "" : "Dr " + p.firstName() + " " + p.lastName());
        physician.setPromptText("Médecin de l'équipe");
        physician.setId("patient-physician");
        physician.setMaxWidth(Double.MAX_VALUE);
        controls.put("physician", physician);
        outsidePhysician.setPromptText("ou médecin extérieur : nom");
        outsidePhysicianContact.setPromptText("téléphone, adresse, MSSanté");
        outsidePhysician.disableProperty().bind(physician.valueProperty().isNotNull());
        outsidePhysicianContact.disableProperty().bind(physician.valueProperty().isNotNull());
        aldList.disableProperty().bind(ald.selectedProperty().not());
        aldList.setPromptText("ex. diabète, insuffisance cardiaque");
        ald.setId("patient-ald");
        apa.setId("patient-apa");
        housingSearch.setId("patient-housingSearch");
        status.getItems().setAll(PatientStatus.values());
        Forms.labelled(status, PatientStatus::label);
        status.setId("patient-status");
        controls.put("status", status);
        statusOn.disableProperty().bind(status.valueProperty().isEqualTo(PatientStatus.SUIVI));
        consentPlanForm.setPromptText("document remis à la personne");
        consentSharingForm.setPromptText("document remis à la personne");
        controls.put("contacts", new TextField());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        row = section(grid, row, "Identité");
        grid.addRow(row++, label("Nom de naissance *", birthName), birthName, label("Nom d'usage", usageName), usageName);
        grid.addRow(row++, label("Prénom(s) *", firstNames), firstNames, label("Sexe *", sex), sex);
        grid.addRow(row++, label("Date de naissance *", birthDate), birthDate, label("NIR", nir), nir);
        row = section(grid, row, "Coordonnées");
        grid.add(label("Adresse", address), 0, row);
        grid.add(address, 1, row++, 3, 1);
        grid.addRow(row++, label("Code postal", postalCode), postalCode, label("Ville", city), city);
        grid.addRow(row++, label("Téléphone", phone), phone, label("Email", email), email);
        grid.addRow(row++, label("Profession", occupation), occupation);
        row = section(grid, row, "Médecin traitant");
        grid.add(label("De l'équipe", physician), 0, row);
        grid.add(physician, 1, row++, 3, 1);
        grid.addRow(row++, label("Extérieur", outsidePhysician), outsidePhysician, label("Contact", outsidePhysicianContact),
                outsidePhysicianContact);
        row = section(grid, row, "Situation");
        grid.add(ald, 1, row);
        grid.add(aldList, 2, row++, 2, 1);
        grid.add(apa, 1, row);
        grid.add(housingSearch, 2, row++, 2, 1);
        grid.addRow(row++, label("Caisse de retraite", pensionFund), pensionFund);
        row = section(grid, row, "Entourage : aidants, personne de confiance, référents familiaux");
        Button addContact = new Button("Ajouter une personne");
        addContact.setId("patient-add-contact");
        addContact.setOnAction(e -> addContactRow(new Contact(Contact.Kind.AIDANT, "", "", "", "")).requestFocus());
        grid.add(contacts, 0, row++, 4, 1);
        grid.add(addContact, 0, row++, 4, 1);
        row = section(grid, row, "Consentements");
        grid.addRow(row++, label("Au plan, le", consentPlanOn), consentPlanOn, label("Document remis", consentPlanForm), consentPlanForm);
        grid.addRow(row++, label("Au partage, le", consentSharingOn), consentSharingOn, label("Document remis", consentSharingForm),
                consentSharingForm);
        row = section(grid, row, "Statut");
        grid.addRow(row++, label("Statut", status), status, label("Depuis le", statusOn), statusOn);
        grid.add(label("Notes", notes), 0, row);
        grid.add(notes, 1, row, 3, 1);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grow.setMinWidth(140);
        grid.getColumnConstraints().setAll(new ColumnConstraints(), grow, new ColumnConstraints(), grow);
        grid.setPadding(new Insets(4, 16, 16, 16));

        heading.getStyleClass().add("title-3");
        heading.setId("patient-heading");
        messages.setId("patient-messages");
        messages.setWrapText(true);
        messages.getStyleClass().add("form-messages");
        save.setId("patient-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> save());
        cancel.setId("patient-cancel");
        cancel.setOnAction(e -> reset());
        FlowPane buttons = new FlowPane(8, 8, save, cancel);
        VBox top = new VBox(8, heading, buttons, messages);
        top.setPadding(new Insets(12, 16, 8, 16));
        setTop(top);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.S) {
                save();
                e.consume();
            }
        });
        startNew();
    }

    private static int section(GridPane grid, int row, String title) {
        Label l = new Label(title);
        l.getStyleClass().addAll("title-4", "form-section");
        grid.add(l, 0, row, 4, 1);
        return row + 1;
    }

    void startNew() {
        editing = null;
        heading.setText("Nouveau patient");
        fill(PatientInput.blank());
        loaded = input();
        birthName.requestFocus();
    }

    void edit(Patient p) {
        editing = p;
        heading.setText(p.displayName() + " — " + p.reference());
        fill(p.data());
        loaded = input();
    }

    boolean isDirty() {
        return loaded != null && !input().equals(loaded);
    }

    private void fill(PatientInput in) {
        clearMarks();
        messages.setText("");
        birthName.setText(nz(in.birthName()));
        usageName.setText(nz(in.usageName()));
        firstNames.setText(nz(in.firstNames()));
        birthDate.setValue(in.birthDate());
        sex.setValue(in.sex());
        nir.setText(nz(in.nir()));
        address.setText(nz(in.address()));
        postalCode.setText(nz(in.postalCode()));
        city.setText(nz(in.city()));
        phone.setText(nz(in.phone()));
        email.setText(nz(in.email()));
        occupation.setText(nz(in.occupation()));
        physician.setValue(physician.getItems().stream().filter(p -> p != null && in.physicianId() != null && p.id() == in.physicianId())
                .findFirst().orElse(null));
        outsidePhysician.setText(nz(in.outsidePhysician()));
        outsidePhysicianContact.setText(nz(in.outsidePhysicianContact()));
        ald.setSelected(in.ald());
        aldList.setText(nz(in.aldList()));
        apa.setSelected(in.apa());
        pensionFund.setText(nz(in.pensionFund()));
        housingSearch.setSelected(in.housingSearch());
        consentPlanOn.setValue(in.consentPlanOn());
        consentPlanForm.setText(nz(in.consentPlanForm()));
        consentSharingOn.setValue(in.consentSharingOn());
        consentSharingForm.setText(nz(in.consentSharingForm()));
        status.setValue(in.status());
        statusOn.setValue(in.statusOn());
        notes.setText(nz(in.notes()));
        contacts.getChildren().clear();
        in.contacts().forEach(this::addContactRow);
    }

    /** What the form holds; a field that does not apply (greyed out) gives nothing. */
    PatientInput input() {
        Professional doctor = physician.getValue();
        List<Contact> people = new ArrayList<>();
        for (Node n : contacts.getChildren()) {
            if (n.getUserData() instanceof ContactRow r && !r.isEmpty()) {
                people.add(r.contact());
            }
        }
        return new PatientInput(blankToNull(birthName.getText()), blankToNull(usageName.getText()), blankToNull(firstNames.getText()),
                birthDate.getValue(), sex.getValue(), blankToNull(nir.getText()), blankToNull(address.getText()),
                blankToNull(postalCode.getText()), blankToNull(city.getText()), blankToNull(phone.getText()), blankToNull(email.getText()),
                blankToNull(occupation.getText()), doctor == null ? null : doctor.id(),
                doctor == null ? blankToNull(outsidePhysician.getText()) : null,
                doctor == null ? blankToNull(outsidePhysicianContact.getText()) : null, ald.isSelected(),
                ald.isSelected() ? blankToNull(aldList.getText()) : null, apa.isSelected(), blankToNull(pensionFund.getText()),
                housingSearch.isSelected(), consentPlanOn.getValue(), blankToNull(consentPlanForm.getText()), consentSharingOn.getValue(),
                blankToNull(consentSharingForm.getText()), status.getValue(),
                status.getValue() == PatientStatus.SUIVI ? null : statusOn.getValue(), blankToNull(notes.getText()), people);
    }

    void save() {
        clearMarks();
        List<Issue> problems = new ArrayList<>();
        Forms.commitDate(birthDate, "birthDate", "Date de naissance", problems);
        Forms.commitDate(consentPlanOn, "consentPlanOn", "Consentement au plan", problems);
        Forms.commitDate(consentSharingOn, "consentSharingOn", "Consentement au partage", problems);
        Forms.commitDate(statusOn, "statusOn", "Date du statut", problems);
        if (!problems.isEmpty()) {
            show(problems);
            return;
        }
        PatientInput in = input();
        Integer selfId = editing == null ? null : editing.id();
        save.setDisable(true);
        Background.run("save-patient", () -> {
            if (selfId == null) {
                return patients.add(in, Set.of());
            }
            patients.update(selfId, in, Set.of());
            return selfId;
        }, id -> {
            save.setDisable(false);
            loaded = input();
            onSaved.accept(id, (selfId == null ? "Patient ajouté : " : "Fiche enregistrée : ")
                    + Patient.displayName(in.birthName(), in.usageName(), in.firstNames(), in.sex()) + ".");
        }, error -> {
            save.setDisable(false);
            Forms.showFailure(error, this::show, messages);
        });
    }

    private void reset() {
        if (editing != null) {
            edit(editing);
        } else {
            startNew();
        }
    }

    private void show(List<Issue> issues) {
        for (Issue i : issues) {
            Control c = controls.get(i.field());
            if (c != null) {
                c.pseudoClassStateChanged(DANGER, true);
            }
        }
        messages.setText(issues.stream().map(Issue::message).collect(Collectors.joining("\n")));
        issues.stream().map(i -> controls.get(i.field())).filter(c -> c != null && c.getScene() != null).findFirst()
                .ifPresent(Node::requestFocus);
    }

    private void clearMarks() {
        controls.values().forEach(c -> c.pseudoClassStateChanged(DANGER, false));
    }

    /** Whether a field is shown as refused, for tests. */
    boolean isMarked(String field) {
        Control c = controls.get(field);
        return c != null && c.getPseudoClassStates().contains(DANGER);
    }

    private TextField field(String name) {
        TextField f = new TextField();
        f.setId("patient-" + name);
        controls.put(name, f);
        return f;
    }

    private DatePicker picker(String name) {
        DatePicker p = Forms.datePicker("patient-" + name);
        controls.put(name, p);
        return p;
    }

    /** One person of the entourage, editable in place. */
    private record ContactRow(ComboBox<Contact.Kind> kind, TextField name, TextField link, TextField phone, TextField email) {
        Contact contact() {
            return new Contact(kind.getValue(), blankToNull(name.getText()), blankToNull(link.getText()), blankToNull(phone.getText()),
                    blankToNull(email.getText()));
        }

        boolean isEmpty() {
            return Forms.blankToNull(name.getText()) == null && Forms.blankToNull(phone.getText()) == null
                    && Forms.blankToNull(email.getText()) == null;
        }
    }

    private Node addContactRow(Contact c) {
        ComboBox<Contact.Kind> kind = new ComboBox<>();
        kind.getItems().setAll(Contact.Kind.values());
        Forms.labelled(kind, Contact.Kind::label);
        kind.setValue(c.kind());
        kind.setPrefWidth(190);
        TextField name = new TextField(nz(c.name()));
        name.setPromptText("Nom et prénom");
        TextField link = new TextField(nz(c.link()));
        link.setPromptText("Lien (fille, voisin…)");
        link.setPrefWidth(130);
        TextField tel = new TextField(nz(c.phone()));
        tel.setPromptText("Téléphone");
        tel.setPrefWidth(130);
        TextField mail = new TextField(nz(c.email()));
        mail.setPromptText("Email");
        Button remove = new Button("Retirer");
        HBox box = new HBox(6, kind, name, link, tel, mail, remove);
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(name, Priority.ALWAYS);
        HBox.setHgrow(mail, Priority.ALWAYS);
        box.setUserData(new ContactRow(kind, name, link, tel, mail));
        box.getStyleClass().add("contact-row");
        remove.setOnAction(e -> contacts.getChildren().remove(box));
        contacts.getChildren().add(box);
        return name;
    }

    static LocalDate today() {
        return LocalDate.now(Database.ZONE);
    }
}
