package fr.coordo.ui;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.French;
import fr.coordo.agenda.AgendaSheet;
import fr.coordo.agenda.AgendaSheets;
import fr.coordo.agenda.IcsExport;
import fr.coordo.agenda.IcsImport;
import fr.coordo.agenda.Appointment;
import fr.coordo.agenda.AppointmentInput;
import fr.coordo.agenda.AppointmentKind;
import fr.coordo.agenda.AppointmentStatus;
import fr.coordo.agenda.Place;
import fr.coordo.agenda.Scope;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanService;
import fr.coordo.store.StoreException;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The agenda: a day, a week or a month, for the whole team, one professional or one patient. New,
 * edit, move (drag, or Ctrl+arrows), cancel, mark as done; clashes are shown before saving.
 */
final class AgendaView extends BorderPane {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    enum Mode {
        DAY("Jour"), WEEK("Semaine"), MONTH("Mois");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** An entry of the « Afficher » list. */
    record FilterChoice(String label, AgendaService.Filter filter) {}

    private final Workspace ws;
    private final Stage owner;
    private final AgendaService agenda;
    private final TeamService team;
    private final PatientService patients;
    private final PlanService plans;
    private final CalendarGrid grid = new CalendarGrid();
    private final MonthGrid month = new MonthGrid();
    private final TeamWeekList teamWeek = new TeamWeekList();
    private final StackPane center = new StackPane();
    private final Label period = new Label();
    private final ComboBox<FilterChoice> filter = new ComboBox<>();
    private final ToggleGroup modes = new ToggleGroup();
    private final VBox detail = new VBox(8);
    private final Label message = new Label();
    private Mode mode = Mode.WEEK;
    private LocalDate anchor;
    private List<Appointment> shown = List.of();
    private Appointment selected;
    /** The last drag or keyboard move, undone by Ctrl+Z. */
    private Runnable undo;

    AgendaView(Workspace ws, Stage owner) {
        this.ws = ws;
        this.owner = owner;
        this.agenda = new AgendaService(ws.database());
        this.team = new TeamService(ws.database());
        this.patients = new PatientService(ws.database());
        this.plans = new PlanService(ws.database());
        this.anchor = agenda.today();
        getStyleClass().add("agenda-view");
        setTop(toolbar());
        center.getChildren().setAll(grid);
        setCenter(center);
        ScrollPane side = new ScrollPane(detail);
        side.setFitToWidth(true);
        side.setPrefWidth(270);
        side.setMinWidth(230);
        detail.setId("agenda-detail");
        detail.setPadding(new Insets(10));
        setRight(side);
        message.setId("agenda-message");
        message.getStyleClass().add("agenda-message");
        message.setWrapText(true);
        message.setPadding(new Insets(4, 10, 4, 10));
        setBottom(message);
        grid.onSelect(this::select);
        grid.onOpen(this::edit);
        grid.onMove((a, to) -> move(a, to));
        grid.onCreate(at -> create(AppointmentInput.of(defaultPatient(), defaultProfessionals(), at, Duration.ofMinutes(45),
                defaultPatient() == null ? AppointmentKind.REUNION : AppointmentKind.CONSULTATION, Place.MSP)));
        month.onOpenDay(d -> {
            anchor = d;
            setMode(Mode.DAY);
        });
        month.onOpen(this::edit);
        teamWeek.onSelect(this::select);
        teamWeek.onOpen(this::edit);
        teamWeek.onOpenDay(d -> {
            anchor = d;
            setMode(Mode.DAY);
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        fillFilters(null);
        showDetail(null);
        reload();
    }

    private VBox toolbar() {
        Button today = new Button("Aujourd'hui");
        today.setId("agenda-today");
        today.setTooltip(new Tooltip("Revenir à aujourd'hui (Origine)"));
        today.setOnAction(e -> {
            anchor = agenda.today();
            reload();
        });
        Button previous = new Button("◀");
        previous.setId("agenda-previous");
        previous.setTooltip(new Tooltip("Période précédente (Page précédente)"));
        previous.setOnAction(e -> step(-1));
        Button next = new Button("▶");
        next.setId("agenda-next");
        next.setTooltip(new Tooltip("Période suivante (Page suivante)"));
        next.setOnAction(e -> step(1));
        period.setId("agenda-period");
        period.getStyleClass().add("title-4");
        period.setMinWidth(Region.USE_PREF_SIZE);
        HBox modeButtons = new HBox();
        modeButtons.getStyleClass().add("segmented");
        for (Mode m : Mode.values()) {
            ToggleButton b = new ToggleButton(m.label);
            b.setId("agenda-mode-" + m.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(modes);
            b.setUserData(m);
            b.setSelected(m == mode);
            b.setTooltip(new Tooltip("Alt+" + m.label.charAt(0)));
            b.setMinWidth(Region.USE_PREF_SIZE);
            modeButtons.getChildren().add(b);
        }
        modes.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) {
                modes.selectToggle(was);
            } else if (is.getUserData() != mode) {
                mode = (Mode) is.getUserData();
                reload();
            }
        });
        filter.setId("agenda-filter");
        Forms.labelled(filter, FilterChoice::label);
        filter.setPrefWidth(260);
        filter.valueProperty().addListener((o, was, is) -> {
            if (is != null && was != null && !is.equals(was)) {
                reload();
            }
        });
        Button create = new Button("Nouveau rendez-vous");
        create.setId("agenda-new");
        create.getStyleClass().add("accent");
        create.setTooltip(new Tooltip("Ctrl+N"));
        create.setOnAction(e -> createNew());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Region spacer2 = new Region();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        for (var b : List.of(today, previous, next, create)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Button sheet = new Button("Feuille PDF…");
        sheet.setId("agenda-sheet");
        sheet.setTooltip(new Tooltip("La feuille du jour ou de la semaine du professionnel affiché, en PDF"));
        sheet.setOnAction(e -> saveSheet());
        Button print = new Button("Imprimer…");
        print.setId("agenda-print");
        print.setTooltip(new Tooltip("Imprimer la feuille du jour ou de la semaine du professionnel affiché (Ctrl+P)"));
        print.setOnAction(e -> printSheet());
        for (Button b : List.of(sheet, print)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.disableProperty().bind(filter.valueProperty().map(c -> c.filter().professionalId() == null).orElse(true));
        }
        javafx.scene.control.MenuItem export = new javafx.scene.control.MenuItem("Exporter l'agenda affiché (.ics)…");
        export.setId("agenda-export");
        export.setOnAction(e -> exportIcs());
        javafx.scene.control.MenuItem importIcs = new javafx.scene.control.MenuItem("Importer un fichier .ics dans l'agenda du professionnel…");
        importIcs.setId("agenda-import");
        importIcs.setOnAction(e -> importIcs());
        importIcs.disableProperty().bind(filter.valueProperty().map(c -> c.filter().professionalId() == null).orElse(true));
        javafx.scene.control.MenuButton calendar = new javafx.scene.control.MenuButton("iCalendar", null, export, importIcs);
        calendar.setId("agenda-ics");
        calendar.setMinWidth(Region.USE_PREF_SIZE);
        Label show = Forms.label("Afficher", filter);
        HBox first = new HBox(8, today, previous, next, period, spacer, modeButtons);
        first.setAlignment(Pos.CENTER_LEFT);
        HBox second = new HBox(8, show, filter, spacer2, calendar, sheet, print, create);
        second.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(6, first, second);
        bar.setPadding(new Insets(8, 10, 8, 10));
        bar.getStyleClass().add("agenda-toolbar");
        return bar;
    }

    /** Reads the team again for « Afficher »: a professional added in Équipe meanwhile can be chosen. */
    void refreshFilters() {
        FilterChoice current = filter.getValue();
        fillFilters(current != null && current.filter().patientId() != null ? current : null);
    }

    /** Puts the keyboard on the agenda: on the selected appointment, or on the grid. */
    void focusGrid() {
        refocus();
    }

    /** Shows the period holding {@code day}. */
    void goTo(LocalDate day) {
        anchor = day;
        reload();
    }

    /** Shows the agenda of {@code patientId} (from the patient's record). */
    void showPatient(int patientId, String name) {
        fillFilters(new FilterChoice("Patient : " + name, AgendaService.Filter.patient(patientId)));
        reload();
    }

    private void fillFilters(FilterChoice extra) {
        List<FilterChoice> choices = new ArrayList<>();
        choices.add(new FilterChoice("Toute l'équipe", AgendaService.Filter.TEAM));
        if (extra != null) {
            choices.add(extra);
        }
        LocalDate today = agenda.today();
        for (Professional p : team.all()) {
            if (!p.isFormer(today)) {
                choices.add(new FilterChoice(p.displayName() + " — " + p.professionLabel(), AgendaService.Filter.professional(p.id())));
            }
        }
        FilterChoice keep = extra != null ? extra : filter.getValue();
        filter.getItems().setAll(choices);
        filter.setValue(keep != null && choices.contains(keep) ? keep : choices.getFirst());
    }

    private void setMode(Mode m) {
        mode = m;
        modes.getToggles().stream().filter(t -> t.getUserData() == m).findFirst().ifPresent(modes::selectToggle);
        reload();
    }

    private void step(int direction) {
        anchor = switch (mode) {
            case DAY -> anchor.plusDays(direction);
            case WEEK -> anchor.plusWeeks(direction);
            case MONTH -> anchor.plusMonths(direction);
        };
        reload();
    }

    /** Reads the shown period again and keeps the selection (and the keyboard focus) when it is still there. */
    void reload() {
        boolean keyboardOnGrid = getScene() != null && isInside(getScene().getFocusOwner(), center);
        LocalDate from;
        LocalDate to;
        switch (mode) {
            case DAY -> {
                from = anchor;
                to = anchor.plusDays(1);
                period.setText(French.capitalised(anchor.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.FRENCH)) + " "
                        + anchor.getDayOfMonth() + " " + anchor.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + anchor.getYear());
            }
            case WEEK -> {
                from = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                to = from.plusDays(7);
                period.setText("Semaine du " + from.getDayOfMonth() + (from.getMonth() == to.minusDays(1).getMonth() ? ""
                        : " " + from.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH)) + " au " + to.minusDays(1).getDayOfMonth() + " "
                        + to.minusDays(1).getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + to.minusDays(1).getYear());
            }
            default -> {
                YearMonth ym = YearMonth.from(anchor);
                from = MonthGrid.firstShown(ym);
                to = MonthGrid.endShown(ym);
                period.setText(French.capitalised(ym.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH)) + " " + ym.getYear());
            }
        }
        try {
            shown = agenda.between(from, to, filter.getValue() == null ? AgendaService.Filter.TEAM : filter.getValue().filter());
        } catch (StoreException e) {
            shown = List.of();
            message.setText(e.getMessage());
        }
        LocalDate today = agenda.today();
        if (mode == Mode.MONTH) {
            month.show(YearMonth.from(anchor), shown, today);
            center.getChildren().setAll(month);
        } else {
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
                LocalDate day = d;
                boolean sundayEmpty = mode == Mode.WEEK && d.getDayOfWeek() == DayOfWeek.SUNDAY
                        && shown.stream().noneMatch(a -> a.day().equals(day));
                if (!sundayEmpty) {
                    days.add(d);
                }
            }
            if (currentFilter().equals(AgendaService.Filter.TEAM) && mode == Mode.WEEK) {
                teamWeek.show(days, shown, today);
                center.getChildren().setAll(teamWeek);
            } else if (currentFilter().equals(AgendaService.Filter.TEAM)) {
                grid.show(byProfessional(from, today), shown);
                center.getChildren().setAll(grid);
            } else {
                grid.show(days, shown, today);
                center.getChildren().setAll(grid);
            }
        }
        Integer keep = selected == null ? null : selected.id();
        selected = null;
        shown.stream().filter(a -> keep != null && a.id() == keep).findFirst().ifPresentOrElse(a -> {
            selected = a;
            showDetail(a);
        }, () -> showDetail(null));
        if (keyboardOnGrid) {
            refocus();
        }
    }

    private static boolean isInside(javafx.scene.Node node, javafx.scene.Node parent) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (n == parent) {
                return true;
            }
        }
        return false;
    }

    /** The whole team's day: a column for each professional booked that day, by name. */
    private List<CalendarGrid.Column> byProfessional(LocalDate day, LocalDate today) {
        List<CalendarGrid.Column> columns = shown.stream().flatMap(a -> a.professionals().stream())
                .collect(Collectors.toMap(Appointment.Participant::id, p -> p, (p, q) -> p)).values().stream()
                .sorted(java.util.Comparator.comparing(Appointment.Participant::name).thenComparing(Appointment.Participant::id))
                .map(p -> new CalendarGrid.Column(p.name(), day, p.id(), false)).toList();
        return !columns.isEmpty() ? columns : List.of(new CalendarGrid.Column(French.capitalised(
                day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.FRENCH)) + " " + day.format(DAY), day, null, day.equals(today)));
    }

    // ---------------------------------------------------------------- keyboard

    private void keys(KeyEvent e) {
        boolean inText = e.getTarget() instanceof javafx.scene.control.TextInputControl;
        if (e.isShortcutDown() && e.getCode() == KeyCode.N) {
            createNew();
        } else if (e.isShortcutDown() && e.getCode() == KeyCode.P) {
            printSheet();
        } else if (e.isShortcutDown() && e.getCode() == KeyCode.Z && undo != null && !inText) {
            Runnable u = undo;
            undo = null;
            u.run();
        } else if (e.isAltDown() && (e.getCode() == KeyCode.J || e.getCode() == KeyCode.S || e.getCode() == KeyCode.M)) {
            setMode(e.getCode() == KeyCode.J ? Mode.DAY : e.getCode() == KeyCode.S ? Mode.WEEK : Mode.MONTH);
        } else if (e.getCode() == KeyCode.PAGE_UP || e.getCode() == KeyCode.PAGE_DOWN) {
            step(e.getCode() == KeyCode.PAGE_UP ? -1 : 1);
        } else if (e.getCode() == KeyCode.HOME && !inText) {
            anchor = agenda.today();
            reload();
        } else if (inText || selected == null) {
            return;
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
            move(selected, selected.start().plusMinutes(e.getCode() == KeyCode.UP ? -15 : 15));
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT)) {
            move(selected, selected.start().plusDays(e.getCode() == KeyCode.LEFT ? -1 : 1));
        } else if (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN) {
            int i = shown.indexOf(selected) + (e.getCode() == KeyCode.UP ? -1 : 1);
            if (i >= 0 && i < shown.size()) {
                select(shown.get(i));
                refocus();
            }
        } else if (e.getCode() == KeyCode.ENTER) {
            edit(selected);
        } else if (e.getCode() == KeyCode.DELETE) {
            cancel(selected);
        } else {
            return;
        }
        e.consume();
    }

    // ---------------------------------------------------------------- actions

    /** After an action, the keyboard stays on the agenda: on the same appointment when it is still shown. */
    private void refocus() {
        if (mode == Mode.MONTH) {
            month.requestFocus();
        } else if (center.getChildren().contains(teamWeek)) {
            if (selected == null || !teamWeek.focus(selected.id())) {
                teamWeek.requestFocus();
            }
        } else if (selected == null || !grid.focus(selected.id())) {
            grid.requestFocus();
        }
    }

    private void select(Appointment a) {
        selected = a;
        showDetail(a);
    }

    private Integer defaultPatient() {
        return filter.getValue() != null ? filter.getValue().filter().patientId() : null;
    }

    private List<Integer> defaultProfessionals() {
        Integer pro = filter.getValue() != null ? filter.getValue().filter().professionalId() : null;
        return pro == null ? List.of() : List.of(pro);
    }

    private void createNew() {
        LocalDate day = mode == Mode.WEEK && !anchor.equals(agenda.today()) ? anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : anchor;
        LocalDateTime at = day.atTime(9, 0);
        create(AppointmentInput.of(defaultPatient(), defaultProfessionals(), at, Duration.ofMinutes(45), AppointmentKind.CONSULTATION,
                Place.MSP));
    }

    private AppointmentDialog.Context context() {
        return new AppointmentDialog.Context(team.all(), patients, plans, agenda.today());
    }

    /** Opens the form for a new appointment, pre-filled with {@code initial}. */
    void create(AppointmentInput initial) {
        editor().create(initial).ifPresent(made -> {
            anchor = made.day();
            selected = made;
            reload();
            refocus();
            message.setText(made.isOccurrence() ? "Série enregistrée : " + made.series().rule().describe() + "." : "Rendez-vous enregistré.");
        });
    }

    void edit(Appointment a) {
        if (a == null) {
            return;
        }
        editor().edit(a).ifPresent(scope -> {
            reload();
            refocus();
            message.setText(scope == Scope.THIS ? "Rendez-vous modifié." : "Série modifiée (" + scope.label().toLowerCase() + ").");
        });
    }

    private AppointmentEditor editor() {
        return new AppointmentEditor(owner, agenda, context());
    }

    /** Moves one appointment (dragged, or Ctrl+arrows); Ctrl+Z puts it back. */
    private void move(Appointment a, LocalDateTime to) {
        LocalDateTime from = a.start();
        try {
            if (AppointmentEditor.withReason(owner, reason -> {
                agenda.move(a.id(), to, reason);
                return a;
            }).isEmpty()) {
                reload();
                return;
            }
            selected = a;
            anchor = mode == Mode.DAY ? to.toLocalDate() : anchor;
            reload();
            refocus();
            message.setText("Déplacé au " + to.format(DAY) + " à " + to.format(TIME) + (a.isOccurrence() ? " (ce rendez-vous seulement)" : "")
                    + ". Ctrl+Z pour annuler le déplacement.");
            undo = () -> {
                try {
                    boolean back = AppointmentEditor.withReason(owner, reason -> {
                        agenda.move(a.id(), from, reason);
                        return a;
                    }).isPresent();
                    reload();
                    if (back) {
                        message.setText("Déplacement annulé : retour au " + from.format(DAY) + " à " + from.format(TIME) + ".");
                    }
                } catch (StoreException e) {
                    message.setText(TeamView.describe(e));
                }
            };
        } catch (StoreException e) {
            reload();
            message.setText(TeamView.describe(e));
        }
    }

    private void cancel(Appointment a) {
        Optional<Scope> scope = a.isOccurrence() ? AgendaDialogs.chooseScope(owner, "Annuler le rendez-vous")
                : Dialogs.confirm(owner, "Annuler le rendez-vous", "Annuler ce rendez-vous ?", a.headline() + ", le "
                        + a.day().format(DAY) + " à " + a.start().format(TIME) + ". Il reste visible, marqué annulé.",
                        "Annuler le rendez-vous", "Revenir") ? Optional.of(Scope.THIS) : Optional.empty();
        if (scope.isEmpty() || scope.get() == null) {
            return;
        }
        try {
            int n = agenda.cancel(a.id(), scope.get());
            reload();
            refocus();
            message.setText(n == 1 ? "Rendez-vous annulé." : n + " rendez-vous annulés.");
        } catch (StoreException e) {
            message.setText(TeamView.describe(e));
        }
    }

    private void delete(Appointment a) {
        Optional<Scope> scope = a.isOccurrence() ? AgendaDialogs.chooseScope(owner, "Supprimer")
                : Optional.of(Scope.THIS);
        if (scope.isEmpty() || scope.get() == null) {
            return;
        }
        if (!Dialogs.confirm(owner, "Supprimer", "Supprimer définitivement ?", a.headline() + " — " + scope.get().label().toLowerCase()
                + ". Les rendez-vous réalisés ou non honorés sont gardés.", "Supprimer", "Revenir")) {
            return;
        }
        try {
            int n = agenda.delete(a.id(), scope.get());
            selected = null;
            reload();
            refocus();
            message.setText(n == 1 ? "Rendez-vous supprimé." : n + " rendez-vous supprimés.");
        } catch (StoreException e) {
            message.setText(TeamView.describe(e));
        }
    }

    private void setStatus(Appointment a, AppointmentStatus status) {
        try {
            AgendaService.StatusChange change = agenda.setStatus(a.id(), status, null);
            reload();
            refocus();
            message.setText("Rendez-vous « " + status.label().toLowerCase() + " »." + (change.message() == null ? "" : " " + change.message()));
        } catch (StoreException e) {
            message.setText(TeamView.describe(e));
        }
    }

    // ---------------------------------------------------------------- iCalendar

    private void exportIcs() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Exporter l'agenda au format iCalendar");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Calendrier iCalendar", "*.ics"));
        AgendaService.Filter f = currentFilter();
        chooser.setInitialFileName("agenda-" + (f.professionalId() != null ? "professionnel-" + f.professionalId()
                : f.patientId() != null ? fr.coordo.patient.Patient.reference(f.patientId()) : "equipe") + ".ics");
        java.io.File file = chooser.showSaveDialog(owner);
        if (file != null) {
            exportIcs(f, file.toPath());
        }
    }

    /** Writes the calendar of {@code f} (the user chose the file, so an existing one is replaced). */
    void exportIcs(AgendaService.Filter f, java.nio.file.Path file) {
        Background.run("agenda-ics", () -> IcsExport.write(ws.database(), f, file, true, java.time.Clock.system(fr.coordo.store.Database.ZONE)),
                r -> message.setText(r.appointments() + " rendez-vous exportés dans " + r.file() + ". Le fichier contient des données "
                        + "de santé (noms des patients) : ne le partagez qu'avec l'équipe de soins."),
                e -> message.setText(TeamView.describe(e)));
    }

    private void importIcs() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Importer un calendrier iCalendar");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Calendrier iCalendar", "*.ics"));
        java.io.File file = chooser.showOpenDialog(owner);
        if (file != null) {
            importIcs(file.toPath());
        }
    }

    /** Imports into the agenda of the professional shown; the report says what was created, updated or left out. */
    void importIcs(java.nio.file.Path file) {
        Integer pro = currentFilter().professionalId();
        if (pro == null) {
            message.setText("Choisissez d'abord dans « Afficher » le professionnel dont l'agenda reçoit le fichier.");
            return;
        }
        Background.run("agenda-ics-import", () -> IcsImport.read(ws.database(), file, pro, java.time.Clock.system(fr.coordo.store.Database.ZONE)),
                r -> {
                    reload();
                    message.setText("Import de " + file.getFileName() + " : " + r.created() + " rendez-vous créé(s), " + r.updated()
                            + " mis à jour, " + r.unchanged() + " inchangé(s)" + (r.clashes() > 0 ? ", " + r.clashes() + " en conflit" : "")
                            + "." + (r.lines().isEmpty() ? "" : "\n" + String.join("\n", r.lines())));
                },
                e -> message.setText(TeamView.describe(e)));
    }

    private AgendaService.Filter currentFilter() {
        return filter.getValue() == null ? AgendaService.Filter.TEAM : filter.getValue().filter();
    }

    // ---------------------------------------------------------------- sheet

    /** The sheet of the professional shown: the day in day view, else the week. Empty without a professional. */
    private Optional<AgendaSheet.Snapshot> sheetSnapshot() {
        Integer pro = filter.getValue() == null ? null : filter.getValue().filter().professionalId();
        if (pro == null) {
            message.setText("Choisissez d'abord un professionnel dans « Afficher » : la feuille est celle de son agenda.");
            return Optional.empty();
        }
        return Optional.of(sheets().snapshot(pro, mode == Mode.DAY ? AgendaSheet.Span.DAY : AgendaSheet.Span.WEEK, anchor));
    }

    private AgendaSheets sheets() {
        return new AgendaSheets(ws.database());
    }

    void saveSheet() {
        sheetSnapshot().ifPresent(snapshot -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Enregistrer la feuille d'agenda en PDF");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Document PDF", "*.pdf"));
            java.io.File documents = new java.io.File(System.getProperty("user.home"), "Documents");
            chooser.setInitialDirectory(documents.isDirectory() ? documents : new java.io.File(System.getProperty("user.home")));
            chooser.setInitialFileName(AgendaSheet.fileName(snapshot));
            java.io.File file = chooser.showSaveDialog(owner);
            if (file != null) {
                saveSheet(snapshot, file.toPath());
            }
        });
    }

    /** Writes the sheet (the user chose the file, so an existing one is replaced) and says where. */
    void saveSheet(AgendaSheet.Snapshot snapshot, java.nio.file.Path file) {
        Background.run("agenda-sheet", () -> sheets().export(snapshot, file, true),
                path -> message.setText("Feuille enregistrée : " + path + ". Elle contient des données de santé : "
                        + "ne la partagez qu'avec l'équipe de soins."),
                e -> message.setText(TeamView.describe(e)));
    }

    private void printSheet() {
        sheetSnapshot().ifPresent(snapshot -> Background.run("agenda-print", () -> {
            Printing.Outcome outcome = Printing.print(AgendaSheet.render(snapshot, java.time.Clock.system(fr.coordo.store.Database.ZONE)),
                    AgendaSheet.fileName(snapshot));
            if (outcome == Printing.Outcome.PRINTED) {
                sheets().recordPrint(snapshot, "imprimante");
            }
            return switch (outcome) {
                case PRINTED -> "Feuille envoyée à l'imprimante.";
                case CANCELLED -> "Impression annulée.";
                case NO_PRINTER -> "Aucune imprimante n'est installée sur ce poste : enregistrez la feuille en PDF pour l'imprimer ailleurs.";
            };
        }, message::setText, e -> message.setText("L'impression a échoué : " + TeamView.describe(e))));
    }

    // ---------------------------------------------------------------- detail

    private void showDetail(Appointment a) {
        detail.getChildren().clear();
        if (a == null) {
            Label hint = new Label("Choisissez un rendez-vous pour le voir ici.\n\nDouble-clic sur une heure libre : nouveau rendez-vous.\n"
                    + "Glisser un rendez-vous : le déplacer.\n↑ ↓ : rendez-vous précédent / suivant ; Entrée : modifier ;\n"
                    + "Ctrl+↑ ↓ : ±15 min ; Ctrl+← → : ±1 jour ; Ctrl+Z : annuler le déplacement ;\nSuppr : annuler le rendez-vous ; "
                    + "Page préc./suiv. : période ; Alt+J / S / M : jour, semaine, mois.");
            hint.setWrapText(true);
            hint.getStyleClass().add("text-muted");
            detail.getChildren().add(hint);
            return;
        }
        Label head = new Label(a.headline());
        head.setId("agenda-detail-title");
        head.getStyleClass().add("title-4");
        head.setWrapText(true);
        detail.getChildren().add(head);
        line("Quand", French.capitalised(a.day().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.FRENCH)) + " " + a.day().format(DAY)
                + ", " + a.start().format(TIME) + "–" + a.end().format(TIME));
        line("Statut", a.status().label());
        line("Type", a.data().kind().label());
        line("Lieu", a.data().place().label() + (a.data().placeDetail() == null ? "" : " — " + a.data().placeDetail()));
        line("Professionnels", a.professionals().stream().map(p -> p.name() + " (" + p.profession() + ")").collect(Collectors.joining("\n")));
        if (a.patientName() != null) {
            line("Patient", a.patientName() + " — " + a.patientReference());
        }
        if (a.isOccurrence()) {
            line("Série", French.capitalised(a.series().rule().describe()) + (a.moved() ? "\nDéplacé (prévu le " + a.recurrenceId().format(DAY)
                    + " à " + a.recurrenceId().format(TIME) + ")" : ""));
        }
        if (a.data().actionUid() != null) {
            line("Action du plan", plans.find(a.data().planId()).flatMap(p -> p.versions().stream()
                    .flatMap(v -> v.content().actions().stream()).filter(x -> x.uid().equals(a.data().actionUid())).findFirst()
                    .map(x -> x.label() + " (" + p.reference() + ")")).orElse("—"));
        }
        if (a.data().notesBefore() != null) {
            line("Notes avant", a.data().notesBefore());
        }
        if (a.data().notesAfter() != null) {
            line("Notes après", a.data().notesAfter());
        }
        if (a.conflictReason() != null) {
            line("Gardé malgré un conflit", a.conflictReason());
        }
        Button edit = button("agenda-edit", "Modifier…", () -> edit(a));
        Button done = button("agenda-done", "Marquer réalisé", () -> setStatus(a, AppointmentStatus.REALISE));
        Button missed = button("agenda-missed", "Non honoré", () -> setStatus(a, AppointmentStatus.NON_HONORE));
        Button cancel = button("agenda-cancel", "Annuler le rendez-vous…", () -> cancel(a));
        Button delete = button("agenda-delete", "Supprimer…", () -> delete(a));
        delete.getStyleClass().add("danger");
        boolean future = a.day().isAfter(agenda.today());
        done.setDisable(a.status() == AppointmentStatus.REALISE || future);
        missed.setDisable(a.status() == AppointmentStatus.NON_HONORE || future);
        cancel.setDisable(a.status() != AppointmentStatus.PREVU);
        delete.setDisable(a.status().settled() && !a.isOccurrence());
        VBox buttons = new VBox(6, edit, done, missed, cancel, delete);
        buttons.setPadding(new Insets(8, 0, 0, 0));
        detail.getChildren().add(buttons);
    }

    private void line(String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add("text-muted");
        Label v = new Label(value);
        v.setWrapText(true);
        detail.getChildren().add(new VBox(1, l, v));
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> action.run());
        return b;
    }

    Appointment selected() {
        return selected;
    }
}
