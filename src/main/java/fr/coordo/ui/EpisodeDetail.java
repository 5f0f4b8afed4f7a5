package fr.coordo.ui;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentStatus;
import fr.coordo.agenda.French;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.Episode;
import fr.coordo.pathway.EpisodeService;
import fr.coordo.pathway.Money;
import fr.coordo.pathway.PcrType;
import fr.coordo.plan.Action;
import fr.coordo.plan.Plan;
import fr.coordo.plan.PlanService;
import fr.coordo.plan.PlanVersion;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * One episode: the inclusion decision, the séquences with their planned and actual dates, the actions of its
 * life (start, close, attestation) and, beside them, the patient's plan and appointments — the evidence of the
 * care really given.
 */
final class EpisodeDetail extends ScrollPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE dd/MM/yyyy 'à' HH:mm", Locale.FRENCH);
    /** Two columns from this width of the detail; one below it, so that nothing is squeezed. */
    private static final double TWO_COLUMNS = 980;

    private final Window owner;
    private final EpisodeService episodes;
    private final PlanService plans;
    private final AgendaService agenda;
    private final fr.coordo.pathway.PathwayDocuments documents;
    private final IntConsumer openPatient;
    private final BiConsumer<Integer, String> showPatientAgenda;
    /** Called after a change: the list is read again and the episode shown again with the message. */
    private final BiConsumer<Integer, String> changed;

    private final VBox body = new VBox(12);
    private final Label messages = new Label();
    private final TableView<Episode.EpisodeSequence> sequences = new TableView<>();
    private final Button start = button("episode-start", "Commencer…");
    private final Button close = button("episode-close", "Clore l'épisode…");
    private final Button editSequence = button("episode-sequence-edit", "Dates réelles…");
    private final Button pdf = button("episode-certificate-pdf", "Attestation d'inclusion PDF…");
    private final Button print = button("episode-certificate-print", "Imprimer l'attestation…");
    private final GridPane columns = new GridPane();
    private final VBox left = new VBox(14);
    private final VBox right = new VBox(10);
    private Episode shown;

    EpisodeDetail(Window owner, EpisodeService episodes, PlanService plans, AgendaService agenda,
                  fr.coordo.pathway.PathwayDocuments documents, IntConsumer openPatient,
                  BiConsumer<Integer, String> showPatientAgenda, BiConsumer<Integer, String> changed) {
        this.owner = owner;
        this.documents = documents;
        this.episodes = episodes;
        this.plans = plans;
        this.agenda = agenda;
        this.openPatient = openPatient;
        this.showPatientAgenda = showPatientAgenda;
        this.changed = changed;
        setId("episode-detail");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        body.setPadding(new Insets(14, 20, 20, 20));
        setContent(body);
        messages.setId("episode-messages");
        messages.setWrapText(true);
        messages.setMinHeight(Region.USE_PREF_SIZE);
        messages.getStyleClass().add("form-messages");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> startEpisode());
        close.setOnAction(e -> closeEpisode());
        editSequence.setOnAction(e -> editSequence());
        pdf.setOnAction(e -> savePdf());
        print.setOnAction(e -> printCertificate());
        setUpSequences();
        columns.setHgap(28);
        columns.setVgap(18);
        viewportBoundsProperty().addListener((o, was, is) -> layoutColumns(is.getWidth()));
        show(null, null);
    }

    Optional<Episode> shown() {
        return Optional.ofNullable(shown);
    }

    /** Shows {@code e} (null: the hint), with {@code message} as the outcome of what was just done. */
    void show(Episode e, String message) {
        shown = e;
        if (e == null) {
            Label none = EpisodeDialogs.muted("Choisissez un épisode dans la liste, ou incluez un patient (Ctrl+N).");
            none.setId("episode-none");
            body.getChildren().setAll(none);
            return;
        }
        Label title = new Label(e.reference() + " — " + e.patientName());
        title.setId("episode-title");
        title.getStyleClass().add("title-3");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Label state = new Label(e.state().label());
        state.setId("episode-state");
        state.getStyleClass().add("plan-state");
        state.setMinWidth(Region.USE_PREF_SIZE);
        state.pseudoClassStateChanged(PseudoClass.getPseudoClass("draft"), e.state() == Episode.State.INCLUS);
        if (e.state() == Episode.State.CLOS) {
            state.setStyle("-fx-background-color: #eaeef2; -fx-text-fill: #424a53;");
        }
        HBox heading = new HBox(12, title, state);
        heading.setAlignment(Pos.CENTER_LEFT);
        Label what = EpisodeDialogs.muted("Projet " + e.projectReference() + " · " + e.type().displayName() + " · profil "
                + e.profileCode() + " — " + e.profileLabel());
        what.setId("episode-subtitle");
        Forms.show(start, e.state() == Episode.State.INCLUS);
        Forms.show(close, e.state() != Episode.State.CLOS);
        FlowPane actions = new FlowPane(8, 8, start, close, pdf, print);
        showMessage(message, true);

        sequences.getItems().setAll(e.sequences());
        if (e.state() == Episode.State.EN_COURS) {
            // the séquence under way is the one whose dates are recorded next
            e.currentSequence().flatMap(c -> sequences.getItems().stream().filter(s -> s.id() == c.id()).findFirst())
                    .ifPresent(s -> sequences.getSelectionModel().select(s));
        }
        sequences.setPlaceholder(new Label(e.state() == Episode.State.INCLUS
                ? "Les séquences sont planifiées quand l'épisode commence." : "Aucune séquence."));
        Forms.show(editSequence, e.state() == Episode.State.EN_COURS);
        left.getChildren().setAll(section("Décision d'inclusion", inclusion(e)),
                section("Séquences", EpisodeDialogs.muted(EpisodeTexts.stateLine(e) + "."), editSequence, sequences));
        right.getChildren().setAll(section("Patient : " + e.patientName(), EpisodeDialogs.muted("Lecture du plan et des rendez-vous…")));
        right.setId("episode-patient");
        body.getChildren().setAll(heading, what, actions, messages, columns);
        layoutColumns(getViewportBounds().getWidth());
        loadPatient(e);
    }

    /** Enter on the list: the main action of the episode takes the focus. */
    void focusMain() {
        if (shown == null) {
            return;
        }
        if (shown.state() == Episode.State.INCLUS) {
            start.requestFocus();
        } else if (shown.state() == Episode.State.EN_COURS) {
            sequences.requestFocus();
            if (sequences.getSelectionModel().isEmpty() && !sequences.getItems().isEmpty()) {
                sequences.getSelectionModel().select(shown.currentSequence().orElse(sequences.getItems().getFirst()));
            }
        } else {
            pdf.requestFocus();
        }
    }

    void showMessage(String text, boolean success) {
        Forms.say(messages, text, success);
    }

    private void layoutColumns(double width) {
        columns.getChildren().clear();
        columns.getColumnConstraints().clear();
        if (width >= TWO_COLUMNS) {
            ColumnConstraints a = new ColumnConstraints();
            a.setPercentWidth(58);
            ColumnConstraints b = new ColumnConstraints();
            b.setPercentWidth(42);
            columns.getColumnConstraints().setAll(a, b);
            columns.add(left, 0, 0);
            columns.add(right, 1, 0);
        } else {
            ColumnConstraints a = new ColumnConstraints();
            a.setPercentWidth(100);
            columns.getColumnConstraints().setAll(a);
            columns.add(left, 0, 0);
            columns.add(right, 0, 1);
        }
        GridPane.setValignment(left, javafx.geometry.VPos.TOP);
        GridPane.setValignment(right, javafx.geometry.VPos.TOP);
    }

    // ---------------------------------------------------------------- inclusion and séquences

    private Node inclusion(Episode e) {
        GridPane g = EpisodeDialogs.grid();
        int row = 0;
        row = fact(g, row, "Décision", "le " + Forms.date(e.decidedOn()) + " par " + (e.decidedBy() == null ? "?"
                : e.decidedBy().displayName() + " (" + e.decidedBy().professionLabel().toLowerCase() + ")"));
        row = fact(g, row, "Médecin validant", e.validatingDoctorText());
        VBox ticked = new VBox(2);
        ticked.setId("episode-criteria");
        for (String c : EpisodeTexts.criteria(e)) {
            Label l = new Label(c);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            ticked.getChildren().add(l);
        }
        Label criteria = new Label("Critères");
        criteria.getStyleClass().add("text-muted");
        criteria.setMinWidth(Region.USE_PREF_SIZE);
        g.addRow(row++, criteria, ticked);
        GridPane.setValignment(criteria, javafx.geometry.VPos.TOP);
        row = fact(g, row, "Information", "le " + Forms.date(e.informedOn()));
        row = fact(g, row, "Consentement", EpisodeTexts.consent(e));
        PcrType type = e.type().type();
        row = fact(g, row, "Forfait", type.forfait(e.profileCode(), e.overseas()).map(Money::format).orElse(PcrType.TO_COMPLETE)
                + (e.overseas() ? ", majoration outre-mer (" + Money.percent(type.overseasSurchargePercent()) + ") comprise" : ""));
        if (e.endOn() != null) {
            row = fact(g, row, "Fin", Forms.date(e.endOn()) + " — " + e.endReason().label() + (e.endNote() == null ? "" : " : " + e.endNote()));
        }
        fact(g, row, "Enregistrée", "le " + Forms.date(e.createdAt().atZoneSameInstant(fr.coordo.store.Database.ZONE).toLocalDate())
                + " par " + e.createdBy());
        g.setId("episode-inclusion");
        return g;
    }

    private static int fact(GridPane g, int row, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add("text-muted");
        n.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        v.setMinHeight(Region.USE_PREF_SIZE);
        g.addRow(row, n, v);
        GridPane.setValignment(n, javafx.geometry.VPos.TOP);
        return row + 1;
    }

    private void setUpSequences() {
        sequences.setId("episode-sequences");
        sequences.getColumns().setAll(List.of(
                col("Séquence", 220, Episode.EpisodeSequence::label),
                col("Prévue du", 100, s -> Forms.date(s.plannedStart())),
                col("au", 100, s -> s.plannedEnd() == null ? "à compléter" : Forms.date(s.plannedEnd())),
                col("Début réel", 100, s -> Forms.date(s.actualStart())),
                col("Fin réelle", 100, s -> Forms.date(s.actualEnd()))));
        sequences.getColumns().stream().skip(1).forEach(c -> c.setMinWidth(96));
        sequences.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        sequences.setFixedCellSize(48);
        sequences.prefHeightProperty().bind(Bindings.max(1, Bindings.size(sequences.getItems())).multiply(48).add(46));
        sequences.setMinHeight(Region.USE_PREF_SIZE);
        sequences.setMaxHeight(Region.USE_PREF_SIZE);
        editSequence.disableProperty().bind(sequences.getSelectionModel().selectedItemProperty().isNull());
        sequences.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                editSequence();
            }
        });
        sequences.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                editSequence();
                e.consume();
            }
        });
    }

    /** A column whose text wraps within its width: a long label takes two lines rather than being cut. */
    private static <T> TableColumn<T, String> col(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setWrapText(true);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        return c;
    }

    // ---------------------------------------------------------------- the patient's plan and appointments

    private record PatientFacts(List<Plan> plans, List<Appointment> appointments, LocalDate today) {}

    private void loadPatient(Episode e) {
        Background.run("episode-patient", () -> new PatientFacts(plans.plansOf(e.patientId()), agenda.ofPatient(e.patientId()), agenda.today()),
                facts -> {
                    if (shown != null && shown.id() == e.id()) {
                        showPatient(e, facts);
                    }
                }, error -> right.getChildren().setAll(section("Patient : " + e.patientName(),
                        EpisodeDialogs.muted("Le plan et les rendez-vous n'ont pas pu être lus : " + TeamView.describe(error)))));
    }

    private void showPatient(Episode e, PatientFacts facts) {
        VBox plan = new VBox(4);
        plan.setId("episode-plan");
        Plan p = facts.plans().stream().filter(Plan::isOpen).findFirst().orElse(facts.plans().isEmpty() ? null : facts.plans().getFirst());
        if (p == null) {
            plan.getChildren().add(line("Aucun plan personnalisé : il se rédige depuis la fiche du patient."));
        } else {
            plan.getChildren().add(line(p.reference() + " — " + planVersion(p)));
            PlanVersion inForce = p.validated().orElse(p.current());
            LocalDate review = inForce.content().reevaluationOn();
            if (p.isOpen()) {
                plan.getChildren().add(line(review == null ? "Réévaluation : date non fixée."
                        : "Prochaine réévaluation le " + Forms.date(review) + (review.isBefore(facts.today()) ? " — dépassée" : "") + "."));
                List<Action> followed = p.validated().isPresent() ? p.followedActions() : p.current().content().actions();
                long open = followed.stream().filter(a -> a.status() == Action.Status.PREVUE || a.status() == Action.Status.EN_COURS).count();
                plan.getChildren().add(line(open + (open > 1 ? " actions ouvertes" : " action ouverte") + " (prévues ou en cours) sur "
                        + followed.size() + "."));
            }
        }
        VBox visits = new VBox(4);
        visits.setId("episode-appointments");
        List<Appointment> coming = facts.appointments().stream()
                .filter(a -> !a.day().isBefore(facts.today()) && a.status() == AppointmentStatus.PREVU).limit(3).toList();
        List<Appointment> past = facts.appointments().stream()
                .filter(a -> a.day().isBefore(facts.today()) && a.status() != AppointmentStatus.ANNULE).toList();
        List<Appointment> latest = past.subList(Math.max(0, past.size() - 2), past.size());
        if (coming.isEmpty() && latest.isEmpty()) {
            visits.getChildren().add(line("Aucun rendez-vous enregistré."));
        }
        if (!coming.isEmpty()) {
            visits.getChildren().add(EpisodeDialogs.muted("À venir"));
            coming.forEach(a -> visits.getChildren().add(line(appointment(a))));
        }
        if (!latest.isEmpty()) {
            visits.getChildren().add(EpisodeDialogs.muted("Derniers"));
            latest.reversed().forEach(a -> visits.getChildren().add(line(appointment(a))));
        }
        Button file = button("episode-open-patient", "Ouvrir la fiche du patient");
        file.setOnAction(ev -> openPatient.accept(e.patientId()));
        Button inAgenda = button("episode-patient-agenda", "Voir dans l'agenda");
        inAgenda.setOnAction(ev -> showPatientAgenda.accept(e.patientId(), e.patientName()));
        FlowPane buttons = new FlowPane(8, 8, file, inAgenda);
        right.getChildren().setAll(section("Patient : " + e.patientName(), subtitle("Plan personnalisé"), plan,
                subtitle("Rendez-vous"), visits, buttons));
    }

    private static String planVersion(Plan p) {
        Optional<PlanVersion> valid = p.validated();
        String text = switch (p.state()) {
            case BROUILLON -> "version " + p.current().version() + " en brouillon, pas encore validée";
            case VALIDE -> "version " + valid.orElseThrow().version() + ", validée le " + Forms.date(valid.orElseThrow().validatedOn());
            case EN_REVISION -> "version " + valid.orElseThrow().version() + ", validée le " + Forms.date(valid.orElseThrow().validatedOn())
                    + " ; révision en cours";
            case CLOTURE -> "clôturé le " + Forms.date(p.closedOn());
        };
        return text + ".";
    }

    private static String appointment(Appointment a) {
        String what = a.data().title() != null ? a.data().title() : a.data().kind().label();
        String with = a.professionals().isEmpty() ? "" : ", " + a.professionalNames();
        String status = a.status() == AppointmentStatus.PREVU ? "" : " (" + a.status().label().toLowerCase() + ")";
        return French.capitalised(a.start().format(WHEN)) + " — " + what + with + status;
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label subtitle(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        l.setPadding(new Insets(6, 0, 0, 0));
        return l;
    }

    private static VBox section(String title, Node... content) {
        Label l = new Label(title);
        l.getStyleClass().addAll("title-4");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(8, l);
        box.getChildren().addAll(content);
        return box;
    }

    private static Button button(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    // ---------------------------------------------------------------- actions

    private void startEpisode() {
        Episode e = shown;
        if (EpisodeDialogs.start(owner, episodes, e)) {
            changed.accept(e.id(), "Épisode commencé : ses séquences sont planifiées.");
        }
    }

    private void closeEpisode() {
        Episode e = shown;
        if (EpisodeDialogs.close(owner, episodes, e)) {
            changed.accept(e.id(), "Épisode clos.");
        }
    }

    private void editSequence() {
        Episode e = shown;
        Episode.EpisodeSequence s = sequences.getSelectionModel().getSelectedItem();
        if (e == null || s == null) {
            return;
        }
        if (e.state() != Episode.State.EN_COURS) {
            showMessage("L'épisode est « " + e.state().label() + " » : ses séquences ne se renseignent que pendant l'épisode.", false);
            return;
        }
        if (EpisodeDialogs.sequence(owner, episodes, e, s)) {
            changed.accept(e.id(), "Séquence « " + s.label() + " » enregistrée.");
        }
    }

    /** The attestation as saved or as printed. */
    private record Certificate(Path saved, byte[] pdf) {}

    /** The attestation d'inclusion: saved to {@code target} (the save dialog already asked before replacing), or rendered to print. */
    private Certificate certificate(int episodeId, Path target) {
        return target == null ? new Certificate(null, documents.certificate(episodeId))
                : new Certificate(documents.saveCertificate(episodeId, target, true), null);
    }

    private void savePdf() {
        Episode e = shown;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Enregistrer l'attestation d'inclusion");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Document PDF", "*.pdf"));
        java.io.File documents = new java.io.File(System.getProperty("user.home"), "Documents");
        chooser.setInitialDirectory(documents.isDirectory() ? documents : new java.io.File(System.getProperty("user.home")));
        chooser.setInitialFileName(fr.coordo.pathway.PathwayDocuments.defaultCertificateName(e));
        java.io.File file = chooser.showSaveDialog(owner);
        if (file != null) {
            saveCertificate(e, file.toPath());
        }
    }

    /** Writes the attestation where the user chose and says where; its content is health data. */
    void saveCertificate(Episode e, Path file) {
        Background.run("episode-certificate", () -> certificate(e.id(), file).saved(), path -> showMessage("Attestation enregistrée : "
                + path + ". Elle contient des données de santé : ne la partagez qu'avec l'équipe de soins et le patient.", true),
                error -> showMessage(TeamView.describe(error), false));
    }

    private void printCertificate() {
        Episode e = shown;
        Background.run("episode-certificate-print", () -> {
            byte[] bytes = certificate(e.id(), null).pdf();
            return switch (Printing.print(bytes, "Attestation " + e.reference())) {
                case NO_PRINTER -> "Aucune imprimante n'est installée sur ce poste : enregistrez l'attestation en PDF pour l'imprimer ailleurs.";
                case CANCELLED -> "Impression annulée.";
                case PRINTED -> {
                    documents.recordCertificatePrint(e.id(), "imprimante");
                    yield "Attestation envoyée à l'imprimante.";
                }
            };
        }, text -> showMessage(text, true), error -> showMessage(TeamView.describe(error), false));
    }
}
