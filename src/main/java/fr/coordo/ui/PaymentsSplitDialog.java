package fr.coordo.ui;

import fr.coordo.payment.PayableUnit;
import fr.coordo.payment.PaymentService;
import fr.coordo.payment.Share;
import fr.coordo.payment.Split;
import fr.coordo.team.Professional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.geometry.Insets;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The split editor of one unit: one row per share (a professional of the team or the coordination, an amount in
 * euros, its percentage), the amount left to split shown as it is typed, and a note. Saved through
 * {@link PaymentService#saveSplit}; a refusal stays in the dialog with what was typed.
 */
final class PaymentsSplitDialog {
    /** A party of the split: a professional, or the coordination when {@code professional} is null. */
    record Party(Professional professional) {
        static final Party COORDINATION = new Party(null);

        Integer id() {
            return professional == null ? null : professional.id();
        }

        String label() {
            return professional == null ? "Coordination (structure)" : professional.displayName() + " — " + professional.professionLabel();
        }
    }

    private final class Row {
        final ComboBox<Party> party = new ComboBox<>();
        final TextField amount = new TextField();
        final Label percent = new Label();
        final Label activity = new Label();
        final Button remove = new Button("Retirer");

        Row(Party p, Long cents, Integer activityCount) {
            party.getItems().setAll(parties);
            Forms.labelled(party, Party::label);
            party.setValue(p);
            party.setPrefWidth(320);
            party.setMaxWidth(Double.MAX_VALUE);
            party.setAccessibleText("Bénéficiaire de la part");
            amount.setText(cents == null ? "" : Split.euros(cents).toPlainString().replace('.', ','));
            amount.setPrefColumnCount(8);
            amount.setPrefWidth(110);
            amount.setMinWidth(110);
            amount.setAlignment(Pos.CENTER_RIGHT);
            amount.setPromptText("0,00");
            amount.setAccessibleText("Montant en euros");
            amount.textProperty().addListener((o, a, b) -> update());
            percent.setMinWidth(64);
            percent.setAlignment(Pos.CENTER_RIGHT);
            activity.setMinWidth(140);
            activity.getStyleClass().add("text-muted");
            showActivity(activityCount);
            party.valueProperty().addListener((o, a, b) -> showActivity(activityOf(b)));
            remove.setMinWidth(Region.USE_PREF_SIZE);
            remove.setTooltip(new Tooltip("Retirer cette part"));
            remove.setOnAction(e -> {
                rows.remove(this);
                layoutRows();
                update();
            });
        }

        void showActivity(Integer count) {
            activity.getStyleClass().remove("payment-no-activity");
            if (count == null) {
                activity.setText("");
                return;
            }
            activity.setText(PaymentsTexts.activity(count));
            if (count == 0) {
                activity.getStyleClass().add("payment-no-activity");
            }
        }
    }

    private final PaymentService payments;
    private final List<Party> parties = new ArrayList<>();
    private final Map<Integer, Integer> activities = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final GridPane rowBox = new GridPane();
    private final Label remaining = new Label();
    private final TextArea note = Forms.area("split-note", 2);
    private final Label resetNote = new Label();
    private PayableUnit unit;
    /** Something was written (a save or a return to the default split): the preparation must be read again. */
    private boolean written;

    private PaymentsSplitDialog(PaymentService payments, PayableUnit unit, List<Professional> team) {
        this.payments = payments;
        this.unit = unit;
        parties.add(Party.COORDINATION);
        Map<Integer, Professional> byId = new LinkedHashMap<>();
        team.forEach(p -> byId.put(p.id(), p));
        // a share already given to someone no longer in the team stays choosable, so that it can be seen and moved
        unit.shares().stream().filter(s -> !s.isCoordination()).forEach(s -> byId.putIfAbsent(s.professionalId(), s.professional()));
        byId.values().forEach(p -> parties.add(new Party(p)));
        unit.shares().stream().filter(s -> !s.isCoordination()).forEach(s -> activities.put(s.professionalId(), s.activityCount()));
    }

    /**
     * Edits the split of {@code unit} among {@code team} (the projet's team at the service dates); true when something was
     * written, so that the preparation is made again.
     */
    static boolean edit(Window owner, PaymentService payments, PayableUnit unit, List<Professional> team) {
        return new PaymentsSplitDialog(payments, unit, team).show(owner);
    }

    private boolean show(Window owner) {
        Label due = new Label("Montant dû : " + PaymentsTexts.money(unit.dueCents()) + dueDetail());
        due.setId("split-due");
        due.setWrapText(true);
        due.setMinHeight(Region.USE_PREF_SIZE);
        rowBox.setHgap(10);
        rowBox.setVgap(6);
        ColumnConstraints partyColumn = new ColumnConstraints();
        partyColumn.setHgrow(Priority.ALWAYS);
        ColumnConstraints amountColumn = new ColumnConstraints(110);
        ColumnConstraints percentColumn = new ColumnConstraints(64);
        percentColumn.setHalignment(javafx.geometry.HPos.RIGHT);
        ColumnConstraints activityColumn = new ColumnConstraints(140);
        ColumnConstraints removeColumn = new ColumnConstraints();
        removeColumn.setMinWidth(Region.USE_PREF_SIZE);
        rowBox.getColumnConstraints().setAll(partyColumn, amountColumn, percentColumn, activityColumn, removeColumn);
        fill(unit.shares());
        ScrollPane scroll = new ScrollPane(rowBox);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(6 * 38);
        scroll.getStyleClass().add("edge-to-edge");
        Button add = new Button("Ajouter une part");
        add.setId("split-add");
        add.setOnAction(e -> {
            Row r = new Row(null, null, null);
            rows.add(r);
            layoutRows();
            update();
            Platform.runLater(r.party::requestFocus);
        });
        Button reset = new Button("Répartition par défaut");
        reset.setId("split-default");
        reset.setTooltip(new Tooltip("Revenir à la répartition du type de PCR, calculée au centime"));
        reset.setOnAction(e -> resetToDefault());
        remaining.setId("split-remaining");
        remaining.getStyleClass().add("payment-remaining");
        resetNote.setId("split-reset-note");
        resetNote.getStyleClass().add("text-muted");
        resetNote.setWrapText(true);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox actions = new HBox(8, add, reset, grow, remaining);
        actions.setAlignment(Pos.CENTER_LEFT);
        note.setText(Forms.nz(unit.splitNote()));
        note.setPromptText("Facultatif : pourquoi cette répartition, pour mémoire (elle n'est pas imprimée sur l'ordre)");
        VBox content = new VBox(10, due, scroll, actions, resetNote, Forms.label("Note", note), note);
        content.setPadding(new Insets(4, 8, 0, 8));
        Forms.show(resetNote, false);
        update();
        Dialog<Boolean> d = Dialogs.checked(owner, "Répartition du forfait", "Répartition de " + unit.subject(), content,
                "Enregistrer la répartition", "split", this::save, 820);
        d.getDialogPane().getStylesheets().add(PaymentsSplitDialog.class.getResource("payments.css").toExternalForm());
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE);
        Platform.runLater(() -> rows.stream().findFirst().ifPresent(r -> r.amount.requestFocus()));
        boolean saved = d.showAndWait().orElse(false);
        return saved || written;
    }

    private String dueDetail() {
        if (unit.surchargeCents() == null || unit.participationCents() == null || unit.forfaitCents() == null) {
            return "";
        }
        if (unit.surchargeCents() == 0 && unit.participationCents() == 0) {
            return " (forfait du profil)";
        }
        return " (forfait " + PaymentsTexts.money(unit.forfaitCents()) + (unit.surchargeCents() == 0 ? ""
                : " + majoration " + PaymentsTexts.money(unit.surchargeCents())) + (unit.participationCents() == 0 ? ""
                : " − participation du patient " + PaymentsTexts.money(unit.participationCents())) + ")";
    }

    private void fill(List<Share> shares) {
        rows.clear();
        for (Share s : shares) {
            Party p = parties.stream().filter(x -> Objects.equals(x.id(), s.professionalId())).findFirst().orElse(Party.COORDINATION);
            rows.add(new Row(p, s.amountCents(), s.isCoordination() ? null : s.activityCount()));
        }
        layoutRows();
    }

    private void layoutRows() {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            r.party.setId("split-party-" + i);
            r.amount.setId("split-amount-" + i);
            r.percent.setId("split-percent-" + i);
            r.remove.setId("split-remove-" + i);
            r.party.setAccessibleText("Part " + (i + 1) + " : bénéficiaire");
            r.amount.setAccessibleText("Part " + (i + 1) + " : montant en euros");
        }
        rowBox.getChildren().clear();
        rowBox.addRow(0, header("Bénéficiaire", false), header("Montant (€)", false), header("Part", true), header("Activité", false));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            rowBox.addRow(i + 1, r.party, r.amount, r.percent, r.activity, r.remove);
        }
    }

    private static Label header(String text, boolean right) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        if (right) {
            GridPane.setHalignment(l, javafx.geometry.HPos.RIGHT);
        }
        return l;
    }

    private Integer activityOf(Party p) {
        return p == null || p.professional() == null ? null : activities.getOrDefault(p.id(), null);
    }

    /** Shows each row's percentage and what is left to split, as typed; a row that cannot count is named instead. */
    private void update() {
        long due = unit.dueCents() == null ? 0 : unit.dueCents();
        long total = 0;
        String problem = null;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            r.percent.setText("");
            String text = r.amount.getText() == null ? "" : r.amount.getText().strip();
            if (text.isEmpty()) {
                continue;
            }
            BigDecimal euros = parse(text);
            String wrong = euros == null ? "montant illisible" : euros.signum() < 0 ? "montant négatif"
                    : euros.stripTrailingZeros().scale() > 2 ? "plus de deux décimales" : null;
            if (wrong != null) {
                problem = problem == null ? "Part " + (i + 1) + " : " + wrong : problem;
                continue;
            }
            long cents = Split.cents(euros.setScale(2));
            total += cents;
            r.percent.setText(PaymentsTexts.percent(Split.percentOf(cents, due)));
        }
        remaining.getStyleClass().removeAll("exact", "under", "over");
        if (problem != null) {
            remaining.setText(problem);
            remaining.getStyleClass().add("over");
        } else if (total == due) {
            remaining.setText("Réparti au centime : " + PaymentsTexts.money(total));
            remaining.getStyleClass().add("exact");
        } else if (total < due) {
            remaining.setText("Reste à répartir : " + PaymentsTexts.money(due - total));
            remaining.getStyleClass().add("under");
        } else {
            remaining.setText(PaymentsTexts.money(total - due) + " de trop");
            remaining.getStyleClass().add("over");
        }
    }

    /** The rows as the service takes them; the first unreadable row as a French sentence otherwise. */
    private String save() {
        List<PaymentService.SplitLine> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String where = "Part " + (i + 1) + " : ";
            if (r.party.getValue() == null) {
                return where + "choisissez le professionnel ou la coordination.";
            }
            String text = r.amount.getText() == null ? "" : r.amount.getText().strip();
            BigDecimal euros = text.isEmpty() ? null : parse(text);
            if (!text.isEmpty() && euros == null) {
                r.amount.requestFocus();
                return where + "« " + text + " » n'est pas un montant en euros (par exemple 225,20).";
            }
            lines.add(new PaymentService.SplitLine(r.party.getValue().id(), euros));
        }
        String refusal = ProjectDialogs.attempt(() -> payments.saveSplit(unit.episode().id(), unit.sequenceCode(), lines,
                Forms.blankToNull(note.getText())));
        written |= refusal == null;
        return refusal;
    }

    private void resetToDefault() {
        String refusal = ProjectDialogs.attempt(() -> {
            if (unit.modulated()) {
                payments.resetSplit(unit.episode().id(), unit.sequenceCode());
                written = true;
            }
            unit = payments.unit(unit.episode().id(), unit.sequenceCode()).orElse(unit);
        });
        if (refusal != null) {
            ((Label) rowBox.getScene().lookup("#split-error")).setText(refusal);
            return;
        }
        unit.shares().stream().filter(s -> !s.isCoordination()).forEach(s -> activities.put(s.professionalId(), s.activityCount()));
        fill(unit.shares());
        note.clear();
        resetNote.setText("Répartition par défaut du type rétablie : " + PaymentsTexts.plural(unit.shares().size(), "part", "parts")
                + ". Enregistrez pour la moduler de nouveau, ou fermez.");
        Forms.show(resetNote, true);
        update();
    }

    /** « 225,20 », « 1 126 », « 1 126,00 € », « 225.2 »; null when it is not an amount. */
    static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.replace("€", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(',', '.').strip();
        if (t.isEmpty() || !t.matches("[+-]?\\d+(\\.\\d*)?|[+-]?\\.\\d+")) {
            return null;
        }
        return new BigDecimal(t);
    }
}
