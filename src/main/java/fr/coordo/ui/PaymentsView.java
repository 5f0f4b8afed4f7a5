package fr.coordo.ui;

import fr.coordo.payment.PaymentDocuments;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentService;
import fr.coordo.payment.Period;
import java.io.File;
import java.util.List;
import java.util.function.BiFunction;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Paiements section: « Préparer » what a month or a quarter pays (the split of each forfait, the checks, the
 * orders to issue) and the « Ordres émis » with their files. Read again each time the section is shown.
 */
final class PaymentsView extends BorderPane {
    private final PaymentsPreparePane prepare;
    private final PaymentsOrdersPane orders;
    private final TabPane tabs;
    private final Tab ordersTab;

    PaymentsView(Workspace ws, Window owner) {
        PaymentService payments = new PaymentService(ws.database());
        getStylesheets().add(PaymentsView.class.getResource("projects.css").toExternalForm());
        getStylesheets().add(PaymentsView.class.getResource("payments.css").toExternalForm());
        orders = new PaymentsOrdersPane(owner, payments, new PaymentDocuments(ws.database(), payments));
        prepare = new PaymentsPreparePane(ws, owner, payments, this::issued);
        Tab prepareTab = new Tab("Préparer", prepare);
        prepareTab.setId("payments-tab-prepare");
        ordersTab = new Tab("Ordres émis", orders);
        ordersTab.setId("payments-tab-orders");
        tabs = new TabPane(prepareTab, ordersTab);
        tabs.setId("payments-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        // The window puts the section back each time it is chosen: the team, the agenda and the splits may have changed.
        parentProperty().addListener((o, was, is) -> {
            if (is != null) {
                prepare.reload();
                orders.reload();
            }
        });
        // a cancellation in « Ordres émis » frees its prestations: « Préparer » is read again when it comes back
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is == prepareTab && was != null) {
                prepare.reload();
            }
        });
        prepare.prepare();
    }

    /** The orders just issued, shown in « Ordres émis ». */
    private void issued(List<PaymentOrder> made) {
        orders.showIssued(made);
        tabs.getSelectionModel().select(ordersTab);
    }

    /** The period the « Préparer » tab's chooser shows. */
    Period chosenPeriod() {
        return prepare.chosen();
    }

    /** For tests: the file the save dialog would give. */
    void useChooser(BiFunction<FileChooser, Window, File> chooser) {
        orders.useChooser(chooser);
    }

    /** In the window, its tab and section shown: every ancestor visible. */
    static boolean showing(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Parent p = node instanceof Parent parent ? parent : node.getParent(); p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
