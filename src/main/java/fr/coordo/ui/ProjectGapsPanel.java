package fr.coordo.ui;

import fr.coordo.pathway.Gap;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;

/**
 * « Vérification »: what the projet still lacks, grouped by kind, each gap in one French sentence. A gap about a
 * professional is a link to his line of the team. The steps that come after (signatures, Ordre notifications)
 * are only counted while the projet is a draft: the coordinator first fixes the content.
 */
final class ProjectGapsPanel extends VBox {
    private static final Map<Gap.Kind, String> ICONS = new EnumMap<>(Map.of(
            Gap.Kind.STRUCTURE, "M2 15V5l6-4 6 4v10h-4v-4H6v4z",
            Gap.Kind.TYPE, "M3 1h7l3 3v11H3zm2 5v1h6V6zm0 3v1h6V9zm0 3v1h4v-1z",
            Gap.Kind.TEAM, "M5 7a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zm6 0a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM0 14c0-3 2-5 5-5s5 2 5 5zm10.5 0c0-2-.6-3.6-1.7-4.7.7-.2 1.4-.3 2.2-.3 3 0 5 2 5 5z",
            Gap.Kind.PROFESSIONAL, "M8 8a3.2 3.2 0 1 0 0-6.4A3.2 3.2 0 0 0 8 8zm-6 7c0-3.3 2.7-5.6 6-5.6s6 2.3 6 5.6z",
            Gap.Kind.SIGNATURE, "M11.5 1l3.5 3.5-8.5 8.5H3V9.5zM1 15h14v1H1z",
            Gap.Kind.NOTIFICATION, "M1 3h14v10H1zm1.4 1L8 8.6 13.6 4zM2 5.2V12h12V5.2L8 10z"));

    private final Label summary = new Label();
    private final Label unsaved = new Label("Modifications non enregistrées : la vérification porte sur ce qui est enregistré.");
    private final VBox groups = new VBox(10);
    private final Consumer<Gap> open;

    ProjectGapsPanel(Consumer<Gap> open) {
        this.open = open;
        setId("project-verification");
        getStyleClass().add("gaps-panel");
        Label title = new Label("Vérification");
        title.getStyleClass().add("title-4");
        summary.setId("project-gaps-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("gaps-summary");
        unsaved.setId("project-gaps-unsaved");
        unsaved.setWrapText(true);
        unsaved.getStyleClass().add("text-muted");
        Forms.show(unsaved, false);
        groups.setId("project-gaps");
        setSpacing(8);
        getChildren().addAll(title, summary, unsaved, groups);
        none();
    }

    void none() {
        setSummary("Choisissez un projet pour voir ce qui lui manque.", null);
        groups.getChildren().clear();
    }

    void setDirty(boolean dirty) {
        Forms.show(unsaved, dirty);
    }

    /** The gaps of the current version (from {@code ProjectService.readiness}), worded for its status. */
    void show(ProjectVersion v, List<Gap> gaps, LocalDate today) {
        ProjectStatus status = v.status(today);
        List<Gap> content = gaps.stream().filter(g -> g.kind().isContent()).toList();
        long signatures = gaps.stream().filter(g -> g.kind() == Gap.Kind.SIGNATURE).count();
        long notifications = gaps.stream().filter(g -> g.kind() == Gap.Kind.NOTIFICATION).count();
        groups.getChildren().clear();
        List<Gap> listed = new ArrayList<>(content);
        switch (status) {
            case BROUILLON -> {
                if (content.isEmpty()) {
                    setSummary("Aucun manque : le projet peut être déclaré prêt à signer.", true);
                } else {
                    setSummary(capitalise(ProjectWording.manques(content.size())) + " à corriger avant de déclarer le projet prêt à signer.", false);
                }
            }
            case PRET, SIGNE -> {
                listed = gaps;
                if (!content.isEmpty()) {
                    setSummary("Les données ont changé depuis « Prêt à signer » : " + ProjectWording.manques(content.size())
                            + " à corriger (revenez au brouillon).", false);
                } else if (signatures > 0) {
                    setSummary("Prêt à signer : " + (signatures == 1 ? "1 signature à recueillir" : signatures + " signatures à recueillir")
                            + (notifications == 0 ? "." : ", " + notifications(notifications) + "."), null);
                } else if (notifications > 0) {
                    setSummary("Signé par tous : " + notifications(notifications) + " avant la transmission.", null);
                } else {
                    setSummary("Aucun manque : le projet peut être transmis à l'ARS et à la CPAM.", true);
                }
            }
            default -> setSummary(content.isEmpty()
                    ? "Version " + v.version() + " transmise le " + Forms.date(v.transmittedOn()) + " : elle ne change plus."
                    : "Depuis la transmission du " + Forms.date(v.transmittedOn()) + ", des données ont changé : une nouvelle "
                    + "version du projet en tiendra compte.", content.isEmpty() ? null : false);
        }
        Map<Gap.Kind, List<Gap>> byKind = new EnumMap<>(Gap.Kind.class);
        for (Gap g : listed) {
            byKind.computeIfAbsent(g.kind(), k -> new ArrayList<>()).add(g);
        }
        int n = 0;
        for (var e : byKind.entrySet()) {
            VBox group = new VBox(2, groupTitle(e.getKey(), e.getValue().size()));
            group.setId("gap-group-" + e.getKey().name());
            for (Gap g : e.getValue()) {
                group.getChildren().add(line(g, n++));
            }
            groups.getChildren().add(group);
        }
        if (status == ProjectStatus.BROUILLON && (signatures > 0 || notifications > 0)) {
            Label next = new Label("Ensuite : " + (signatures == 1 ? "1 signature" : signatures + " signatures")
                    + (notifications == 0 ? "" : " et " + (notifications == 1 ? "1 notification" : notifications + " notifications")
                    + " à l'Ordre") + ", une fois le projet prêt à signer.");
            next.setId("project-gaps-next");
            next.setWrapText(true);
            next.getStyleClass().add("text-muted");
            groups.getChildren().add(next);
        }
    }

    private static String notifications(long n) {
        return n == 1 ? "1 notification à l'Ordre à faire" : n + " notifications à l'Ordre à faire";
    }

    private void setSummary(String text, Boolean ok) {
        summary.setText(text);
        summary.getStyleClass().removeAll("ok", "todo", "steps");
        // Green when nothing is missing, red for what must be corrected, blue for the steps that simply come next.
        summary.getStyleClass().add(ok == null ? "steps" : ok ? "ok" : "todo");
    }

    private static Node groupTitle(Gap.Kind kind, int count) {
        SVGPath icon = new SVGPath();
        icon.setContent(ICONS.get(kind));
        icon.getStyleClass().addAll("gap-icon", "gap-icon-" + (kind.isContent() ? "content" : kind.name().toLowerCase()));
        Label title = new Label(kind.label() + " (" + count + ")");
        title.getStyleClass().add("gap-group-title");
        HBox box = new HBox(8, icon, title);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node line(Gap g, int index) {
        Label text = new Label(g.message());
        text.setId("gap-" + index);
        text.setWrapText(true);
        text.setMinHeight(Label.USE_PREF_SIZE);
        HBox box = new HBox(text);
        HBox.setHgrow(text, Priority.ALWAYS);
        box.getStyleClass().add("gap-line");
        box.setPadding(new Insets(2, 4, 2, 24));
        if (linked(g)) {
            box.getStyleClass().add("clickable");
            box.setFocusTraversable(true);
            box.setAccessibleRole(AccessibleRole.HYPERLINK);
            box.setAccessibleText(g.message());
            Tooltip.install(box, new Tooltip(g.professionalId() != null ? "Voir sa ligne dans l'équipe du projet" : "Voir où le corriger"));
            box.setOnMouseClicked(e -> open.accept(g));
            box.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                    open.accept(g);
                    e.consume();
                }
            });
        }
        return box;
    }

    /** The gaps the pane can lead to: a member's line, the representative's signature, the form's fields. */
    private static boolean linked(Gap g) {
        return g.professionalId() != null || g.kind() == Gap.Kind.SIGNATURE || g.kind() == Gap.Kind.TEAM;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
