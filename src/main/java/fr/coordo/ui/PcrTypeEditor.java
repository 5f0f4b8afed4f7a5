package fr.coordo.ui;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.PcrCatalogue;
import fr.coordo.pathway.PcrType;
import fr.coordo.pathway.PcrTypeService;
import fr.coordo.pathway.PcrTypeVersion;
import fr.coordo.store.Database;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * Paramètres › Types de PCR: the types of this database with what is still « à compléter », the form of the
 * selected one, and its versions. Saving never rewrites a version: it adds the next one, with its reason; an
 * old version can be read as it was.
 */
final class PcrTypeEditor extends VBox {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final PcrTypeService service;
    private final Stage owner;
    private final TableView<PcrTypeVersion> types = new TableView<>();
    private final TableView<PcrTypeVersion> versions = new TableView<>();
    private final PcrTypeEditorForm form = new PcrTypeEditorForm();
    private final Label heading = new Label();
    private final Label toComplete = new Label();
    private final Label readOnlyText = new Label();
    private final Button backToCurrent = new Button("Revenir à la version en vigueur");
    private final HBox readOnlyBanner = new HBox(12, readOnlyText, backToCurrent);
    private final TextField note = new TextField();
    private final Button save = new Button("Enregistrer une nouvelle version");
    private final Button consult = new Button("Consulter cette version");
    private final Label messages = new Label();
    private final VBox details;
    /** Every version of the selected type, oldest first. */
    private List<PcrTypeVersion> history = List.of();
    /** The version the form shows. */
    private PcrTypeVersion shown;
    /** True while the selection is put back after the user chose to keep his edits. */
    private boolean reverting;

    PcrTypeEditor(PcrTypeService service, Stage owner) {
        this.service = service;
        this.owner = owner;
        setId("pcr-type-editor");
        setSpacing(12);

        types.setId("pcr-types");
        types.getColumns().setAll(List.of(
                column("Type de PCR", 380, PcrTypeVersion::label),
                column("Version en vigueur", 230, v -> "v" + v.version() + " · " + v.origin().label()),
                toCompleteColumn()));
        fixedHeight(types, 5, TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        types.setPlaceholder(new Label("Chargement des types de PCR…"));
        types.getSelectionModel().selectedItemProperty().addListener((o, before, selected) -> selected(before, selected));

        heading.getStyleClass().add("title-4");
        heading.setId("pcr-heading");
        heading.setWrapText(true);
        toComplete.setId("pcr-to-complete");
        toComplete.setWrapText(true);
        readOnlyText.setId("pcr-read-only");
        readOnlyText.setWrapText(true);
        readOnlyText.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(readOnlyText, Priority.ALWAYS);
        backToCurrent.setId("pcr-back-to-current");
        backToCurrent.setOnAction(e -> show(latest()));
        readOnlyBanner.setAlignment(Pos.CENTER_LEFT);
        readOnlyBanner.setPadding(new Insets(8, 12, 8, 12));
        readOnlyBanner.setStyle("-fx-background-color: #fff8c5; -fx-background-radius: 6;");
        readOnlyBanner.setMinHeight(Region.USE_PREF_SIZE);

        note.setId("pcr-note");
        note.setPromptText("Par exemple : montants de l'arrêté du 2 mars 2026");
        HBox.setHgrow(note, Priority.ALWAYS);
        save.setId("pcr-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> save());
        Label noteLabel = Forms.label("Motif de la modification * (il reste dans l'historique des versions)", note);
        HBox saveBar = new HBox(12, note, save);
        saveBar.setAlignment(Pos.CENTER_LEFT);
        messages.setId("pcr-messages");
        messages.setWrapText(true);
        messages.getStyleClass().add("form-messages");
        VBox saveArea = new VBox(6, noteLabel, saveBar, messages);
        saveArea.setPadding(new Insets(8, 0, 0, 0));
        saveArea.visibleProperty().bind(form.readOnly.not());
        saveArea.managedProperty().bind(form.readOnly.not());

        versions.setId("pcr-versions");
        versions.getColumns().setAll(List.of(
                column("Version", 120, v -> "v" + v.version() + (v == latest() ? " en vigueur" : "")),
                column("Origine", 170, v -> v.origin().label()),
                column("Enregistrée", 210, v -> v.createdAt().atZoneSameInstant(Database.ZONE).format(WHEN) + " par " + v.createdBy()),
                column("Motif", 200, v -> Forms.nz(v.note()))));
        fixedHeight(versions, 3, TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        versions.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(2, Math.min(6, versions.getItems().size())) * 32 + 46.0, versions.getItems()));
        versions.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                consultSelected();
            }
        });
        consult.setId("pcr-consult");
        consult.disableProperty().bind(versions.getSelectionModel().selectedItemProperty().isNull());
        consult.setOnAction(e -> consultSelected());
        Label versionsTitle = new Label("Versions de ce type");
        versionsTitle.getStyleClass().addAll("text-bold", "form-section");

        details = new VBox(10, heading, readOnlyBanner, toComplete, form, saveArea, versionsTitle, versions, consult);
        details.setVisible(false);
        getChildren().addAll(types, details);
        setMaxWidth(1000);
        reload(null, () -> { });
        // Ctrl+S saves, as in the other forms
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.S,
                    javafx.scene.input.KeyCombination.SHORTCUT_DOWN).match(e) && !form.readOnly.get()) {
                save();
                e.consume();
            }
        });
    }

    /** Reads the types again, then shows {@code code} (or the first type) at its version in force. */
    private void reload(String code, Runnable then) {
        Background.run("pcr-types", service::current, list -> {
            reverting = true;
            types.getItems().setAll(list);
            reverting = false;
            PcrTypeVersion pick = list.stream().filter(v -> v.code().equals(code)).findFirst().orElse(list.isEmpty() ? null : list.getFirst());
            if (pick != null) {
                reverting = true;
                types.getSelectionModel().select(pick);
                reverting = false;
                loadHistory(pick.code(), then);
            }
        }, error -> messages.setText(TeamView.describe(error)));
    }

    private void selected(PcrTypeVersion before, PcrTypeVersion selected) {
        if (reverting || selected == null) {
            return;
        }
        if (before != null && hasEdits() && !Dialogs.confirmDiscard(owner)) {
            reverting = true;
            javafx.application.Platform.runLater(() -> {
                types.getSelectionModel().select(before);
                reverting = false;
            });
            return;
        }
        loadHistory(selected.code(), () -> { });
    }

    private void loadHistory(String code, Runnable then) {
        Background.run("pcr-type-versions", () -> service.versions(code), list -> {
            history = list;
            versions.getItems().setAll(list);
            show(latest());
            then.run();
        }, error -> messages.setText(TeamView.describe(error)));
    }

    private PcrTypeVersion latest() {
        return history.isEmpty() ? null : history.getLast();
    }

    private void consultSelected() {
        PcrTypeVersion v = versions.getSelectionModel().getSelectedItem();
        if (v != null && v != shown && (!hasEdits() || Dialogs.confirmDiscard(owner))) {
            show(v);
        }
    }

    /** Shows a version: the one in force can be edited, an older one is only read. */
    private void show(PcrTypeVersion v) {
        if (v == null) {
            return;
        }
        shown = v;
        boolean old = v != latest();
        form.readOnly.set(old);
        form.fill(v.type());
        details.setVisible(true);
        heading.setText(v.label() + " — version " + v.version() + (old ? "" : " en vigueur"));
        readOnlyText.setText("Version " + v.version() + " du " + v.createdAt().atZoneSameInstant(Database.ZONE).format(WHEN) + " ("
                + v.origin().label() + ") : consultation seule, une version enregistrée ne se modifie plus.");
        Forms.show(readOnlyBanner, old);
        List<String> missing = v.type().toComplete();
        toComplete.setText(missing.isEmpty() ? "Toutes les valeurs sont renseignées."
                : "À compléter (" + missing.size() + ") : " + String.join(" ; ", missing) + ".");
        toComplete.setStyle(missing.isEmpty() ? "-fx-text-fill: #1a7f37;" : PcrTypeEditorForm.TO_COMPLETE_STYLE);
        messages.setText("");
        messages.getStyleClass().remove("success");
        if (!old) {
            note.clear();
        }
        versions.refresh();
        versions.getSelectionModel().select(v);
    }

    /** Something typed in the version in force that is not saved. */
    private boolean hasEdits() {
        if (shown == null || form.readOnly.get()) {
            return false;
        }
        List<Issue> problems = new ArrayList<>();
        PcrType typed = form.read(problems);
        return !problems.isEmpty() || !PcrCatalogue.sameDefinition(typed, shown.type());
    }

    /** Checks everything typed, then stores it as the next version; nothing is stored while an issue remains. */
    void save() {
        if (shown == null || form.readOnly.get()) {
            return;
        }
        messages.getStyleClass().remove("success");
        List<Issue> problems = new ArrayList<>();
        PcrType typed = form.read(problems);
        if (problems.isEmpty()) {
            problems.addAll(PcrTypeService.check(typed));
        }
        boolean changed = !PcrCatalogue.sameDefinition(typed, shown.type());
        if (problems.isEmpty() && changed && note.getText().isBlank()) {
            problems.add(Issue.blocking("note", "Motif de la modification : dites pourquoi le type change (par exemple « montants de l'arrêté »)."));
        }
        if (!problems.isEmpty()) {
            showIssues(problems);
            return;
        }
        if (!changed) {
            form.mark(List.of());
            messages.setText("Aucune modification : aucune nouvelle version n'est créée.");
            return;
        }
        int before = shown.version();
        String code = shown.code();
        save.setDisable(true);
        Background.run("pcr-type-save", () -> service.saveNewVersion(typed, note.getText()), saved -> {
            save.setDisable(false);
            reloadAfterSave(code, saved, before);
        }, error -> {
            save.setDisable(false);
            Forms.showFailure(error, this::showIssues, messages);
        });
    }

    private void reloadAfterSave(String code, PcrTypeVersion saved, int before) {
        reload(code, () -> {
            messages.getStyleClass().add("success");
            messages.setText(saved.version() == before ? "Aucune modification : aucune nouvelle version n'est créée."
                    : "Version " + saved.version() + " enregistrée. La version " + before + " reste consultable ; "
                    + "les projets et les épisodes déjà créés gardent la version qu'ils utilisaient.");
        });
    }

    private void showIssues(List<Issue> issues) {
        Control first = form.mark(issues);
        note.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"),
                issues.stream().anyMatch(i -> i.field().equals("note")));
        messages.setText(issues.stream().map(Issue::message).distinct().collect(Collectors.joining("\n")));
        if (first != null) {
            first.requestFocus();
        } else if (issues.stream().anyMatch(i -> i.field().equals("note"))) {
            note.requestFocus();
        }
    }

    private static TableColumn<PcrTypeVersion, String> column(String title, double width, Function<PcrTypeVersion, String> value) {
        TableColumn<PcrTypeVersion, String> c = new TableColumn<>(title);
        if (width > 0) {
            c.setPrefWidth(width);
            c.setMinWidth(width * 0.7);
        } else {
            c.setMinWidth(220);
        }
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        // a cut text (a long motif) can be read whole
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.length() < 20 ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        return c;
    }

    /** « 3 valeurs » in orange italics, « complet » in green. */
    private static TableColumn<PcrTypeVersion, String> toCompleteColumn() {
        TableColumn<PcrTypeVersion, String> c = column("À compléter", 150, v -> {
            int n = v.type().toComplete().size();
            return n == 0 ? "complet" : n + (n == 1 ? " valeur" : " valeurs");
        });
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setStyle(empty || text == null ? "" : "complet".equals(text) ? "-fx-text-fill: #1a7f37;" : PcrTypeEditorForm.TO_COMPLETE_STYLE);
            }
        });
        return c;
    }

    private static void fixedHeight(TableView<?> table, int rows, javafx.util.Callback<TableView.ResizeFeatures, Boolean> policy) {
        table.setFixedCellSize(32);
        table.setPrefHeight(rows * 32 + 46);
        table.setMinHeight(Region.USE_PREF_SIZE);
        table.setMaxHeight(Region.USE_PREF_SIZE);
        table.setColumnResizePolicy(policy);
    }

    /** The type and version shown, for tests and for the features that open the editor on a type. */
    PcrTypeVersion shown() {
        return shown;
    }

    PcrTypeEditorForm form() {
        return form;
    }
}
