package fr.coordo.ui;

import fr.coordo.identity.SearchKey;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.payment.OrderLine;
import fr.coordo.payment.PaymentDocuments;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentOrderPdf;
import fr.coordo.payment.PaymentService;
import fr.coordo.pathway.PcrType;
import fr.coordo.store.AuditAction;
import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * « Ordres émis »: every order issued, the latest first, filtered and sorted; the lines of the one chosen; its PDF,
 * its printing, the CSV for the Assurance Maladie and the SEPA transfer file (several transfer orders at once), and
 * its cancellation by a cancelling order. An order never changes: the buttons only write files or new orders.
 */
final class PaymentsOrdersPane extends BorderPane {
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final Window owner;
    private final PaymentService payments;
    private final PaymentDocuments documents;

    private final ObservableList<PaymentOrder> all = FXCollections.observableArrayList();
    private final FilteredList<PaymentOrder> filtered = new FilteredList<>(all);
    private final TableView<PaymentOrder> table = new TableView<>();
    private final TextField filter = new TextField();
    private final Label count = new Label();
    private final Label message = new Label();
    private final Button pdf = button("payments-pdf", "PDF…", "Enregistrer l'ordre en PDF/A");
    private final Button print = button("payments-print", "Imprimer…", "Imprimer l'ordre");
    private final Button csv = button("payments-csv", "CSV Assurance Maladie…",
            "Le fichier à déposer sur le téléservice de l'Assurance Maladie (ordres payés par la CPAM)");
    private final Button sepa = button("payments-sepa", "Virement SEPA…",
            "Le fichier de virement pour la banque de la structure ; plusieurs ordres par virement peuvent être choisis ensemble");
    private final Button cancel = button("payments-cancel", "Annuler l'ordre…", "Émettre un ordre d'annulation de cet ordre");

    private final Label detailTitle = new Label();
    private final Label detailInfo = new Label();
    private final TableView<OrderLine> lines = new TableView<>();

    /** The save dialog; replaced in tests, where no native dialog can be answered. */
    private BiFunction<FileChooser, Window, File> chooser = (c, w) -> c.showSaveDialog(w);
    /** The personal-data warning is given before the first file of the session, not at each one. */
    private boolean warned;
    private final java.util.concurrent.atomic.AtomicLong loads = new java.util.concurrent.atomic.AtomicLong();

    PaymentsOrdersPane(Window owner, PaymentService payments, PaymentDocuments documents) {
        this.owner = owner;
        this.payments = payments;
        this.documents = documents;
        setId("payments-orders-pane");

        filter.setId("payments-order-filter");
        filter.setPromptText("Numéro, projet, période, patient ou professionnel (Ctrl+F)");
        filter.textProperty().addListener((o, a, b) -> applyFilter());
        count.setId("payments-order-count");
        count.getStyleClass().add("text-muted");
        count.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, filter, count);
        HBox.setHgrow(filter, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        cancel.getStyleClass().add("danger");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        FlowPane actions = new FlowPane(8, 8, holder(pdf), holder(print), holder(csv), holder(sepa), holder(cancel));
        actions.setAlignment(Pos.CENTER_LEFT);
        pdf.setOnAction(e -> savePdf());
        print.setOnAction(e -> printOrder());
        csv.setOnAction(e -> saveCsv());
        sepa.setOnAction(e -> saveSepa());
        cancel.setOnAction(e -> cancelOrder());
        message.setId("payments-orders-message");
        message.getStyleClass().add("form-messages");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        Forms.show(message, false);

        setUpTable();
        VBox list = new VBox(8, bar, actions, message, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        list.setPadding(new Insets(14, 20, 8, 20));
        list.setMinHeight(200);
        SplitPane split = new SplitPane(list, detail());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);
        installShortcuts();
        selectionChanged();
    }

    /** For tests: the file the save dialog would give. */
    void useChooser(BiFunction<FileChooser, Window, File> chooser) {
        this.chooser = chooser;
    }

    // ---------------------------------------------------------------- layout

    private void setUpTable() {
        table.setId("payments-orders");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        TableColumn<PaymentOrder, PaymentOrder> number = PaymentsPreparePane.column("Numéro", 118);
        number.setComparator(Comparator.comparing(PaymentOrder::number));
        number.setCellFactory(c -> PaymentsPreparePane.textCell(PaymentOrder::number, o -> false, false));
        number.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<PaymentOrder, PaymentOrder> period = PaymentsPreparePane.column("Période", 150);
        period.setComparator(Comparator.comparing(o -> o.period().start()));
        period.setCellFactory(c -> PaymentsPreparePane.textCell(o -> o.period().label(), o -> false, false));
        TableColumn<PaymentOrder, PaymentOrder> project = PaymentsPreparePane.column("Projet", 165);
        project.setComparator(Comparator.comparing(PaymentOrder::projectReference));
        project.setCellFactory(c -> ProjectCells.twoLines(PaymentOrder::projectReference, PaymentOrder::pcrTypeLabel, null));
        TableColumn<PaymentOrder, PaymentOrder> channel = PaymentsPreparePane.column("Canal", 85);
        channel.setComparator(Comparator.comparing(o -> o.channel().name()));
        channel.setCellFactory(c -> PaymentsPreparePane.textCell(o -> PaymentsTexts.channel(o.channel()), o -> false, false));
        TableColumn<PaymentOrder, PaymentOrder> amount = PaymentsPreparePane.column("Total", 110);
        amount.setComparator(Comparator.comparing(PaymentOrder::totalCents));
        amount.setCellFactory(c -> PaymentsPreparePane.textCell(o -> PaymentsTexts.money(o.totalCents()), o -> false, true));
        TableColumn<PaymentOrder, PaymentOrder> lineCount = PaymentsPreparePane.column("Lignes", 70);
        lineCount.setComparator(Comparator.comparing(o -> o.lines().size()));
        lineCount.setCellFactory(c -> PaymentsPreparePane.textCell(o -> String.valueOf(o.lines().size()), o -> false, true));
        TableColumn<PaymentOrder, PaymentOrder> kind = PaymentsPreparePane.column("Nature", 95);
        kind.setComparator(Comparator.comparing((PaymentOrder o) -> o.kind().name()).thenComparing(PaymentOrder::number));
        kind.setCellFactory(c -> PaymentsPreparePane.textCell(o -> o.kind() == PaymentOrder.Kind.ANNULATION ? "Annulation" : "Paiement",
                o -> false, false));
        TableColumn<PaymentOrder, PaymentOrder> link = PaymentsPreparePane.column("Annulation", 200);
        link.setComparator(Comparator.comparing(PaymentsOrdersPane::link));
        // the row of a cancelled order is greyed: the link needs no alarm of its own
        link.setCellFactory(c -> PaymentsPreparePane.textCell(PaymentsOrdersPane::link, o -> false, false));
        TableColumn<PaymentOrder, PaymentOrder> issued = PaymentsPreparePane.column("Émis", 110);
        issued.setComparator(Comparator.comparing(PaymentOrder::issuedAt));
        issued.setCellFactory(c -> ProjectCells.twoLines(o -> Forms.date(o.issuedOn()), o -> "par " + o.issuedBy(), null));
        table.getColumns().setAll(List.of(number, period, project, channel, amount, lineCount, kind, link, issued));
        PaymentsPreparePane.fitColumns(table);
        table.setFixedCellSize(46);
        table.getSortOrder().setAll(List.of(number));
        SortedList<PaymentOrder> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(ProjectCells.placeholder("Aucun ordre émis : préparez une période dans l'onglet « Préparer »."));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<PaymentOrder>) c -> selectionChanged());
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(PaymentOrder o, boolean empty) {
                super.updateItem(o, empty);
                getStyleClass().removeAll("order-cancelled", "order-cancelling");
                if (!empty && o != null) {
                    if (o.isCancelled()) {
                        getStyleClass().add("order-cancelled");
                    } else if (o.kind() == PaymentOrder.Kind.ANNULATION) {
                        getStyleClass().add("order-cancelling");
                    }
                }
            }
        });
    }

    /** « annulé par OP-2026-0004 », « annule OP-2026-0001 », or nothing. */
    private static String link(PaymentOrder o) {
        return o.cancelledBy() != null ? "annulé par " + o.cancelledBy() : o.cancelsNumber() != null ? "annule " + o.cancelsNumber() : "";
    }

    private Node detail() {
        detailTitle.setId("payments-order-title");
        detailTitle.getStyleClass().add("title-4");
        detailTitle.setWrapText(true);
        detailTitle.setMinHeight(Region.USE_PREF_SIZE);
        detailInfo.setId("payments-order-info");
        detailInfo.getStyleClass().add("text-muted");
        detailInfo.setWrapText(true);
        detailInfo.setMinHeight(Region.USE_PREF_SIZE);
        lines.setId("payments-order-lines");
        TableColumn<OrderLine, OrderLine> position = PaymentsPreparePane.column("N°", 45);
        position.setComparator(Comparator.comparing(OrderLine::position));
        position.setCellFactory(c -> PaymentsPreparePane.textCell(l -> String.valueOf(l.position()), l -> false, true));
        TableColumn<OrderLine, OrderLine> episode = PaymentsPreparePane.column("Épisode", 165);
        episode.setComparator(Comparator.comparing(OrderLine::episodeReference));
        episode.setCellFactory(c -> ProjectCells.twoLines(OrderLine::episodeReference,
                l -> l.patientLastName() + " " + l.patientFirstName(), null));
        TableColumn<OrderLine, OrderLine> service = PaymentsPreparePane.column("Prestation", 185);
        service.setComparator(Comparator.comparing(OrderLine::serviceEnd));
        service.setCellFactory(c -> ProjectCells.twoLines(l -> PaymentsTexts.dates(l.serviceStart(), l.serviceEnd()),
                l -> l.sequenceCode() == null || l.sequenceCode().isEmpty() ? "Épisode entier" : l.sequenceLabel(), null));
        TableColumn<OrderLine, OrderLine> who = PaymentsPreparePane.column("Professionnel", 190);
        who.setComparator(Comparator.comparing(l -> l.isCoordination() ? "" : l.professionalName()));
        who.setCellFactory(c -> ProjectCells.twoLines(l -> l.isCoordination() ? "Coordination" : l.professionalName(),
                l -> l.isCoordination() ? "part de la structure" : PcrType.partyLabel(l.professionCode()), null));
        TableColumn<OrderLine, OrderLine> payee = PaymentsPreparePane.column("Bénéficiaire", 200);
        payee.setComparator(Comparator.comparing(OrderLine::payeeName));
        payee.setCellFactory(c -> ProjectCells.twoLines(OrderLine::payeeName,
                l -> l.payeeKind().label() + (l.iban() == null ? "" : " · " + PaymentsTexts.maskedIban(l.iban())), null));
        TableColumn<OrderLine, OrderLine> activity = PaymentsPreparePane.column("Activité", 140);
        activity.setComparator(Comparator.comparing(OrderLine::activityCount));
        activity.setCellFactory(c -> PaymentsPreparePane.textCell(l -> l.isCoordination() ? "—" : PaymentsTexts.activity(l.activityCount()),
                l -> !l.isCoordination() && l.activityCount() == 0, false));
        TableColumn<OrderLine, OrderLine> amount = PaymentsPreparePane.column("Montant", 110);
        amount.setComparator(Comparator.comparing(OrderLine::amountCents));
        amount.setCellFactory(c -> PaymentsPreparePane.textCell(l -> PaymentsTexts.money(l.amountCents()), l -> l.amountCents() < 0, true));
        lines.getColumns().setAll(List.of(position, episode, who, amount, activity, payee, service));
        PaymentsPreparePane.fitColumns(lines);
        lines.setFixedCellSize(44);
        lines.setPlaceholder(ProjectCells.placeholder("Choisissez un ordre pour voir ses lignes."));
        VBox box = new VBox(8, detailTitle, detailInfo, lines);
        VBox.setVgrow(lines, Priority.ALWAYS);
        box.setPadding(new Insets(12, 20, 16, 20));
        box.setMinHeight(180);
        return box;
    }

    // ---------------------------------------------------------------- reading

    /** Reads the orders again, keeping the ones chosen. */
    void reload() {
        List<Integer> keep = table.getSelectionModel().getSelectedItems().stream().map(PaymentOrder::id).toList();
        load(keep);
    }

    /** Shows the orders just issued (or the cancelling order just made), the first one chosen. */
    void showIssued(List<PaymentOrder> orders) {
        filter.clear();
        load(orders.stream().map(PaymentOrder::id).toList());
    }

    private void load(List<Integer> select) {
        long load = loads.incrementAndGet();
        Background.run("payments-orders", payments::orders, list -> {
            if (load != loads.get()) {
                return;
            }
            all.setAll(list);
            applyFilter();
            table.getSelectionModel().clearSelection();
            for (PaymentOrder o : table.getItems()) {
                if (select.contains(o.id())) {
                    table.getSelectionModel().select(o);
                }
            }
            if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                table.getSelectionModel().select(0);
            }
            PaymentOrder first = table.getSelectionModel().getSelectedItem();
            if (first != null) {
                table.scrollTo(first);
            }
            selectionChanged();
        }, e -> say("Les ordres n'ont pas pu être lus : " + ProjectDialogs.describe(e), false));
    }

    private void applyFilter() {
        List<String> words = List.of(SearchKey.of(filter.getText()).split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
        filtered.setPredicate(o -> words.isEmpty() || words.stream().allMatch(w -> searchText(o).contains(w)));
        int n = filtered.size();
        count.setText(all.isEmpty() ? "" : n == all.size() ? PaymentsTexts.plural(n, "ordre", "ordres") : n + " sur " + all.size());
    }

    private static String searchText(PaymentOrder o) {
        StringBuilder s = new StringBuilder(SearchKey.of(o.number(), o.projectReference(), o.pcrTypeLabel(), o.period().label(), o.period().code(),
                PaymentsTexts.channel(o.channel()), o.kind().label(), o.cancelledBy() == null ? "" : o.cancelledBy(),
                o.cancelsNumber() == null ? "" : o.cancelsNumber()));
        for (OrderLine l : o.lines()) {
            s.append(' ').append(SearchKey.of(l.episodeReference(), l.patientLastName(), l.patientFirstName(),
                    l.professionalName() == null ? "" : l.professionalName(), l.payeeName() == null ? "" : l.payeeName()));
        }
        return s.toString();
    }

    private List<PaymentOrder> chosen() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private PaymentOrder single() {
        List<PaymentOrder> c = chosen();
        return c.size() == 1 ? c.getFirst() : null;
    }

    /** The detail and the buttons follow the orders chosen; a disabled button says why in its tooltip. */
    private void selectionChanged() {
        List<PaymentOrder> c = chosen();
        PaymentOrder o = single();
        showDetail(o, c.size());
        pdf.setDisable(o == null);
        print.setDisable(o == null);
        cancel.setDisable(o == null || o.kind() == PaymentOrder.Kind.ANNULATION || o.isCancelled());
        csv.setDisable(c.isEmpty() || c.stream().anyMatch(x -> x.channel() != PaymentChannel.CPAM));
        sepa.setDisable(c.isEmpty() || c.stream().anyMatch(x -> x.channel() != PaymentChannel.STRUCTURE
                || x.kind() == PaymentOrder.Kind.ANNULATION || x.isCancelled()));
        tip(csv, c.stream().anyMatch(x -> x.channel() != PaymentChannel.CPAM)
                ? "Seuls les ordres payés directement par la CPAM vont sur le téléservice de l'Assurance Maladie."
                : "Le fichier à déposer sur le téléservice de l'Assurance Maladie (ordres payés par la CPAM)");
        tip(sepa, c.stream().anyMatch(x -> x.channel() != PaymentChannel.STRUCTURE)
                ? "Seuls les ordres payés par la structure se règlent par virement SEPA."
                : c.stream().anyMatch(x -> x.kind() == PaymentOrder.Kind.ANNULATION || x.isCancelled())
                ? "Un ordre annulé, ou un ordre d'annulation, ne se vire pas."
                : "Le fichier de virement pour la banque de la structure ; plusieurs ordres peuvent être choisis ensemble (Ctrl+clic)");
        tip(cancel, o == null ? "Choisissez un seul ordre." : o.kind() == PaymentOrder.Kind.ANNULATION
                ? "Un ordre d'annulation ne s'annule pas." : o.isCancelled() ? "Déjà annulé par " + o.cancelledBy() + "."
                : "Émettre un ordre d'annulation de cet ordre");
        tip(pdf, o == null ? "Choisissez un seul ordre." : "Enregistrer l'ordre en PDF/A");
        tip(print, o == null ? "Choisissez un seul ordre." : "Imprimer l'ordre");
    }

    private void showDetail(PaymentOrder o, int chosen) {
        if (o == null) {
            detailTitle.setText(chosen > 1 ? chosen + " ordres choisis" : "Aucun ordre choisi");
            detailInfo.setText(chosen > 1 ? "Total : " + PaymentsTexts.money(chosen().stream().mapToLong(PaymentOrder::totalCents).sum())
                    + ". Le virement SEPA peut réunir plusieurs ordres payés par la structure." : "Choisissez un ordre dans la liste.");
            lines.getItems().clear();
            return;
        }
        detailTitle.setText(o.number() + " — " + o.kind().label() + " · " + o.period().label() + " · " + PaymentsTexts.money(o.totalCents()));
        StringBuilder info = new StringBuilder();
        info.append("Projet ").append(o.projectReference()).append(" (").append(o.pcrTypeLabel()).append(") · ")
                .append(PaymentsTexts.channelLong(o.channel())).append(" · émis le ").append(Forms.date(o.issuedOn())).append(" par ")
                .append(o.issuedBy()).append(" · ").append(PaymentsTexts.plural(o.episodeCount(), "épisode", "épisodes")).append(", ")
                .append(PaymentsTexts.plural(o.lines().size(), "ligne", "lignes"));
        if (o.kind() == PaymentOrder.Kind.ANNULATION) {
            info.append("\nAnnule l'ordre ").append(o.cancelsNumber()).append(" : « ").append(o.reason()).append(" »");
        }
        if (o.isCancelled()) {
            info.append("\nAnnulé par l'ordre ").append(o.cancelledBy()).append(" : ses prestations peuvent être payées de nouveau.");
        }
        if (!o.warnings().isEmpty()) {
            info.append("\nAvertissements confirmés à l'émission : ").append(o.warnings().size());
        }
        detailInfo.setText(info.toString());
        lines.getItems().setAll(o.lines());
    }

    // ---------------------------------------------------------------- files

    private void savePdf() {
        PaymentOrder o = single();
        if (o == null) {
            return;
        }
        save(List.of(o), PaymentService.Format.PDF, "Enregistrer l'ordre en PDF", new FileChooser.ExtensionFilter("Document PDF", "*.pdf"),
                file -> documents.savePdf(o, file, true), "Ordre " + o.number() + " enregistré en PDF");
    }

    private void saveCsv() {
        List<PaymentOrder> c = chosen();
        if (c.isEmpty() || csv.isDisabled()) {
            return;
        }
        save(c, PaymentService.Format.CSV, "Enregistrer le fichier pour l'Assurance Maladie",
                new FileChooser.ExtensionFilter("Fichier CSV", "*.csv"), file -> documents.saveCsv(c, file, true),
                "Fichier pour l'Assurance Maladie (" + numbers(c) + ") enregistré");
    }

    private void saveSepa() {
        List<PaymentOrder> c = chosen();
        if (c.isEmpty() || sepa.isDisabled()) {
            return;
        }
        save(c, PaymentService.Format.SEPA, "Enregistrer le virement SEPA", new FileChooser.ExtensionFilter("Virement SEPA (XML)", "*.xml"),
                file -> documents.saveSepa(c, file, true), "Virement SEPA (" + numbers(c) + ", exécution demandée le "
                        + Forms.date(PaymentDocuments.defaultExecution(c, payments.today())) + ") enregistré");
    }

    private interface Writer {
        Path write(Path file) throws Exception;
    }

    /** Warns once about the personal data, asks where (the save dialog asks before replacing), writes off the JavaFX thread. */
    private void save(List<PaymentOrder> orders, PaymentService.Format format, String title, FileChooser.ExtensionFilter type, Writer writer,
                      String done) {
        if (!warned && !warnPersonalData()) {
            return;
        }
        warned = true;
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(type);
        File documents = new File(System.getProperty("user.home"), "Documents");
        c.setInitialDirectory(documents.isDirectory() ? documents : new File(System.getProperty("user.home")));
        c.setInitialFileName(PaymentDocuments.defaultName(orders, format));
        File file = chooser.apply(c, owner);
        if (file == null) {
            return;
        }
        Callable<Path> work = () -> writer.write(file.toPath());
        Background.run("payments-" + format.name().toLowerCase(Locale.ROOT), work,
                path -> say(done + " : " + path + ". Il contient des données personnelles de santé : transmettez-le par un canal sécurisé.", true),
                e -> say("Fichier non enregistré : " + ProjectDialogs.describe(e), false));
    }

    /** The first file of the session: the coordinator is told it holds personal health data. */
    private boolean warnPersonalData() {
        ButtonType go = new ButtonType("J'ai compris, continuer", ButtonBar.ButtonData.OK_DONE);
        ButtonType back = new ButtonType("Annuler", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, "Les ordres de paiement et leurs fichiers nomment les patients (nom, date de naissance, "
                + "NIR dans le fichier de l'Assurance Maladie) et le parcours de soins qu'ils suivent : ce sont des données personnelles de santé. "
                + "Enregistrez-les dans un dossier protégé, transmettez-les uniquement par une messagerie sécurisée de santé ou le téléservice, "
                + "et supprimez les copies devenues inutiles.", go, back);
        alert.initOwner(owner);
        alert.setTitle("Données personnelles de santé");
        alert.setHeaderText("Ce fichier contient des données personnelles de santé");
        alert.getDialogPane().setId("payments-health-warning");
        alert.getDialogPane().setMinWidth(560);
        ((Button) alert.getDialogPane().lookupButton(go)).setId("payments-health-warning-ok");
        return alert.showAndWait().filter(b -> b == go).isPresent();
    }

    private void printOrder() {
        PaymentOrder o = single();
        if (o == null) {
            return;
        }
        Background.run("payments-print", () -> {
            byte[] bytes = PaymentOrderPdf.render(o);
            return switch (Printing.print(bytes, o.number())) {
                case NO_PRINTER -> "Aucune imprimante n'est installée sur ce poste : enregistrez l'ordre en PDF pour l'imprimer ailleurs.";
                case CANCELLED -> "Impression annulée.";
                case PRINTED -> {
                    // the fingerprint the PDF prints in its footer, as PaymentDocuments records it
                    payments.recordExport(o.id(), PaymentService.Format.PDF, PaymentOrderPdf.fingerprint(o), AuditAction.PRINT);
                    yield "Ordre " + o.number() + " envoyé à l'imprimante.";
                }
            };
        }, text -> say(text, true), e -> say("L'impression a échoué : " + ProjectDialogs.describe(e), false));
    }

    // ---------------------------------------------------------------- cancelling

    private void cancelOrder() {
        PaymentOrder o = single();
        if (o == null || cancel.isDisabled()) {
            return;
        }
        TextArea reason = Forms.area("cancel-reason", 3);
        reason.setPromptText("Par exemple : mauvaise répartition entre les diététiciens, IBAN erroné…");
        Label what = EpisodeDialogs.muted("L'ordre " + o.number() + " (" + o.period().label() + ", " + PaymentsTexts.money(o.totalCents())
                + ", " + PaymentsTexts.plural(o.lines().size(), "ligne", "lignes") + ") ne sera ni modifié ni effacé : un ordre d'annulation, "
                + "numéroté à la suite, reprend ses lignes en négatif et le cite. Ses prestations pourront ensuite être payées par un nouvel ordre.");
        VBox content = new VBox(10, what, Forms.label("Motif de l'annulation (imprimé sur l'ordre d'annulation)", reason), reason);
        if (o.sepaFingerprint() != null) {
            // the transfer may already be at the bank: a new order would pay the same people again
            Label sent = new Label("Le fichier de virement de cet ordre a déjà été enregistré : s'il a été remis à la banque, les "
                    + "professionnels ont été payés. Annulez-le seulement si le virement n'a pas été exécuté, ou pour récupérer les sommes.");
            sent.setWrapText(true);
            sent.getStyleClass().addAll("payment-remaining", "under");
            content.getChildren().add(1, sent);
        }
        PaymentOrder[] made = new PaymentOrder[1];
        Dialog<Boolean> d = Dialogs.checked(owner, "Annuler un ordre de paiement", "Annuler l'ordre " + o.number() + " ?", content,
                "Émettre l'ordre d'annulation…", "cancel-dialog", () -> {
                    if (Forms.blankToNull(reason.getText()) == null) {
                        return "Motif de l'annulation : dites pourquoi l'ordre est annulé (il sera imprimé sur l'ordre d'annulation).";
                    }
                    if (!Dialogs.confirm(EpisodeDialogs.stage(owner), "Annuler l'ordre", "Émettre l'ordre d'annulation de " + o.number() + " ?",
                            "Cette annulation est définitive : l'ordre d'annulation reçoit le numéro suivant et ne s'efface pas.",
                            "Émettre l'annulation", "Revenir")) {
                        return "Annulation non confirmée : rien n'a été émis.";
                    }
                    return ProjectDialogs.attempt(() -> made[0] = payments.cancel(o.id(), reason.getText().strip()));
                }, 560);
        // « Annuler » beside « annuler l'ordre » would be ambiguous
        d.getDialogPane().getButtonTypes().set(1, new ButtonType("Garder l'ordre", ButtonBar.ButtonData.CANCEL_CLOSE));
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE);
        javafx.application.Platform.runLater(reason::requestFocus);
        if (d.showAndWait().orElse(false) && made[0] != null) {
            say("Ordre d'annulation " + made[0].number() + " émis : il annule " + o.number()
                    + ". Les prestations de cet ordre peuvent être préparées et payées de nouveau.", true);
            showIssued(List.of(made[0]));
        }
    }

    // ---------------------------------------------------------------- building blocks

    private static String numbers(List<PaymentOrder> orders) {
        return orders.stream().map(PaymentOrder::number).sorted().collect(Collectors.joining(", "));
    }

    private void say(String text, boolean success) {
        Forms.say(message, text, success);
    }

    private void installShortcuts() {
        javafx.event.EventHandler<KeyEvent> keys = e -> {
            if (PaymentsView.showing(this) && FIND.match(e)) {
                e.consume();
                filter.requestFocus();
                filter.selectAll();
            }
        };
        sceneProperty().addListener((o, was, is) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
            if (is != null) {
                is.addEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
        });
    }

    private static Button button(String id, String text, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setAccessibleHelp(tip);
        return b;
    }

    /** A disabled button gets no mouse events: its tooltip, saying why, is on a holder around it. */
    private static javafx.scene.layout.StackPane holder(Button b) {
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(b);
        Tooltip.install(holder, new Tooltip(b.getAccessibleHelp()));
        return holder;
    }

    private static void tip(Button b, String text) {
        b.setAccessibleHelp(text);
        if (b.getParent() != null) {
            Tooltip.uninstall(b.getParent(), null);
            Tooltip.install(b.getParent(), new Tooltip(text));
        }
    }
}
