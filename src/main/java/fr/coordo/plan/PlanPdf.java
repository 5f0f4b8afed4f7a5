package fr.coordo.plan;

import fr.coordo.document.CheckItem;
import fr.coordo.document.DocumentScript;
import fr.coordo.document.Field;
import fr.coordo.document.PdfDocument;
import fr.coordo.document.Signatory;
import fr.coordo.document.Table;
import fr.coordo.patient.Contact;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientStatus;
import fr.coordo.team.Professional;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The personalised plan as a printable PDF/A-2b, in the HAS layout (PPS.md § Printable document): the person and
 * her useful contacts, the action plan (plan de soins, plan d'aides), the evaluation and its problem check-list,
 * the shared objectives, the follow-up and the person's agreement with the signature blocks.
 *
 * <p>A pure function: the same snapshot and clock give the same bytes. The footer fingerprint is computed from the
 * canonical text of everything printed, so two printouts of the same data show the same fingerprint whenever they
 * were printed.
 *
 * <p>The social copy ({@code social}) is for social actors when the person does not want her health data shared
 * with them: no care action, no medical or psychological synthesis or problem, no point d'étape (free notes may
 * hold health data), and only the professionals who appear in what is printed.
 *
 * <p>The NIR is printed masked (« 2 41 03 ** *** *** 57 »), as in every other printout: the plan goes around
 * the whole team, social actors and the family, none of whom need the full number to recognise the person (name
 * and birth date do that), and IDENTIFIERS.md asks never to print a full NIR where it is not needed.
 */
public final class PlanPdf {
    public static final String TITLE = "Plan personnalisé de santé";
    public static final String SOCIAL_NOTICE = "Copie pour les intervenants sociaux : la partie soins n'y figure pas";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Set<Dimension> HEALTH = Set.of(Dimension.MEDICALE, Dimension.PSYCHOLOGIQUE);
    private static final List<CatalogueItem> CATALOGUE = loadCatalogue();

    /** A line of the problem check-list {@code resources/reference/problemes.csv}. */
    private record CatalogueItem(String code, String label, Dimension dimension) {}

    private PlanPdf() {}

    /** The file name to suggest for a printout: reference and version, never the person's name or NIR. */
    public static String fileName(PlanSnapshot s, boolean social) {
        return s.plan().reference() + "-v" + s.version().version() + (s.version().isDraft() ? "-brouillon" : "")
                + (social ? "-copie-sociale" : "") + ".pdf";
    }

    /** « Plan personnalisé PPS-2026-0007 — version 2 du 12/05/2026 », printed at the foot of every page. */
    public static String footerLine(PlanSnapshot s, boolean social) {
        PlanVersion v = s.version();
        String version = switch (v.status()) {
            case BROUILLON -> "version " + v.version() + " (brouillon)";
            case VALIDE -> "version " + v.version() + " du " + date(v.validatedOn());
            case REMPLACE -> "version " + v.version() + " du " + date(v.validatedOn()) + " (remplacée)";
        };
        return "Plan personnalisé " + s.plan().reference() + " — " + version + (social ? " — copie sociale" : "");
    }

    public static byte[] render(PlanSnapshot s, boolean social, Clock clock) {
        return new Writer(s, social).write().render(documentTitle(s), footerLine(s, social), s.structureName(), clock);
    }

    /** The title of the file and of every page header: the person is named on each page, in case pages come apart. */
    private static String documentTitle(PlanSnapshot s) {
        return TITLE + " — " + s.patient().displayName();
    }

    /** The canonical text of everything printed, whose hash is the footer fingerprint (for tests). */
    static String snapshotText(PlanSnapshot s, boolean social) {
        return new Writer(s, social).write().snapshotText(documentTitle(s), footerLine(s, social), s.structureName());
    }

    /**
     * Prints a small made-up plan, both copies, and throws the bytes away: PDFBox's classes, the fonts and this
     * layout code are then loaded, so the user's first print of the session takes the time of a later one. Meant
     * for a background thread once the window is up; safe to call any number of times.
     */
    public static void warmUp() {
        LocalDate day = LocalDate.of(2026, 1, 15);
        OffsetDateTime at = day.atTime(10, 0).atOffset(java.time.ZoneOffset.ofHours(1));
        PatientInput person = new PatientInput("Exemple", "Essai", "Élise", LocalDate.of(1940, 2, 3), "F", null, "1 rue de l'Église",
                "37000", "Tours", "02 47 00 00 00", null, "Retraitée", null, "Dr Œuvray", null, true, "Exemple", true, "CARSAT", false,
                day, "Formulaire remis", day, "Note remise", PatientStatus.SUIVI, null, null,
                List.of(new Contact(Contact.Kind.AIDANT, "Paul Essai", "fils", "06 00 00 00 00", null)));
        Problem problem = new Problem("p", "chutes", "Chutes, troubles de l'équilibre", Dimension.ENVIRONNEMENTALE, 1, true, "Notes");
        Objective objective = new Objective("o", "p", "Marcher sans chuter", "Aucune chute", day, Objective.Status.NON_ATTEINT, "Raison");
        List<Action> actions = List.of(
                new Action("a", Action.Part.SOINS, Action.Kind.PREVENTION, "o", "Rééducation", Action.Actor.PROFESSIONNEL, 1, null, day,
                        "2 fois par semaine", day, "Test", Action.Status.EN_COURS, null, null),
                new Action("b", Action.Part.AIDES, Action.Kind.ACCOMPAGNEMENT, "o", "Téléassistance", Action.Actor.EXTERIEUR, null, "CCAS",
                        null, null, day, null, Action.Status.REALISEE, null, "Installée"));
        PlanContent content = new PlanContent(null, "Synthèse", "Synthèse", "Synthèse", "Synthèse", "Rester chez elle", "Projets",
                "Alerte", day.plusMonths(6), List.of(problem), List.of(objective), actions);
        PlanVersion version = new PlanVersion(0, 1, PlanVersion.Status.VALIDE, content, null, "Dr Œuvray", day, at, "essai", at, "essai");
        Plan plan = new Plan(0, "PPS-2026-0000", 0, "ESSAI Élise", at, "essai", null, null, null, List.of(version),
                List.of(new Step(0, day, "essai", "Point d'étape « essai » : 12,50 €", true)), List.of());
        PlanSnapshot snapshot = new PlanSnapshot(plan, version, new Patient(0, person, null), List.of(), "Essai");
        Clock clock = Clock.fixed(at.toInstant(), java.time.ZoneOffset.UTC);
        render(snapshot, false, clock);
        render(snapshot, true, clock);
    }

    // ---------------------------------------------------------------- the document, part by part

    private static final class Writer {
        private final PlanSnapshot s;
        private final boolean social;
        private final Patient patient;
        private final PatientInput person;
        private final PlanContent content;
        private final List<Action> actions;
        private final Map<String, Problem> problems = new LinkedHashMap<>();
        private final Map<String, Objective> objectives = new LinkedHashMap<>();
        private final DocumentScript doc = new DocumentScript();

        Writer(PlanSnapshot s, boolean social) {
            this.s = s;
            this.social = social;
            this.patient = s.patient();
            this.person = s.patient().data();
            this.content = s.version().content();
            this.actions = s.actions().stream().filter(a -> !social || a.part() == Action.Part.AIDES).toList();
            content.problems().forEach(p -> problems.put(p.uid(), p));
            content.objectives().forEach(o -> objectives.put(o.uid(), o));
        }

        DocumentScript write() {
            doc.title(TITLE, patient.displayName() + " — date de naissance : " + date(person.birthDate()) + "\n"
                    + "Plan " + s.plan().reference() + " — " + versionText());
            notices();
            person();
            actionPlan();
            evaluation();
            objectives();
            followUp();
            agreement();
            return doc;
        }

        private void notices() {
            PlanVersion v = s.version();
            if (v.isDraft()) {
                doc.notice("BROUILLON — non validé. Ce plan est en cours d'écriture : il n'a pas encore été validé avec la personne "
                        + "et son médecin traitant, et ne s'applique pas encore.");
            }
            s.successor().ifPresent(next -> doc.notice("VERSION REMPLACÉE — la version " + next.version() + " validée le "
                    + date(next.validatedOn()) + " la remplace : ne plus appliquer celle-ci."));
            if (s.plan().closedOn() != null) {
                doc.notice("PLAN CLÔTURÉ le " + date(s.plan().closedOn()) + " : " + s.plan().closedReason());
            }
            if (social) {
                doc.notice(SOCIAL_NOTICE + " (plan de soins, affections ALD, synthèses et problèmes médicaux et psychologiques, notes de suivi). "
                        + "Ces informations restent réservées à l'équipe de soins.");
            }
        }

        private String versionText() {
            PlanVersion v = s.version();
            return switch (v.status()) {
                case BROUILLON -> "version " + v.version() + " : brouillon, non validée";
                case VALIDE -> "version " + v.version() + " en vigueur, validée le " + date(v.validatedOn());
                case REMPLACE -> "version " + v.version() + " validée le " + date(v.validatedOn()) + ", remplacée"
                        + s.successor().map(n -> " le " + date(n.validatedOn())).orElse("");
            };
        }

        // ---- 1. the person and her useful contacts

        private void person() {
            PlanVersion v = s.version();
            doc.section("1. La personne et ses contacts utiles");
            doc.subsection("Le plan");
            List<Field> plan = new ArrayList<>();
            plan.add(new Field("Numéro et version", s.plan().reference() + ", " + versionText()));
            // A free note like the points d'étape: it may speak of care, so the social copy leaves it out.
            if (notBlank(v.revisionReason()) && !social) {
                plan.add(new Field("Motif de la révision", v.revisionReason()));
            }
            plan.add(new Field("Coordonnateur / référent", s.coordinator().map(p -> p.firstName() + " " + p.lastName() + " ("
                    + p.professionLabel().toLowerCase(java.util.Locale.FRENCH) + ")").orElse("non désigné")));
            if (notBlank(s.structureName())) {
                plan.add(new Field("Structure", s.structureName()));
            }
            plan.add(new Field("Prochaine réévaluation", reevaluation()));
            doc.fields(plan);

            doc.subsection("Identité");
            List<Field> id = new ArrayList<>();
            id.add(new Field("Nom de naissance", upper(person.birthName())));
            if (notBlank(person.usageName()) && !person.usageName().equalsIgnoreCase(person.birthName())) {
                id.add(new Field("Nom d'usage", upper(person.usageName())));
            }
            id.add(new Field("Prénoms", person.firstNames()));
            id.add(new Field("Date de naissance", date(person.birthDate())));
            id.add(new Field("Sexe", "F".equals(person.sex()) ? "Féminin" : "M".equals(person.sex()) ? "Masculin" : "Non précisé"));
            id.add(new Field("N° de sécurité sociale", patient.maskedNir().isEmpty() ? "non renseigné" : patient.maskedNir()));
            id.add(new Field("Adresse", address()));
            id.add(new Field("Téléphone", orDash(person.phone())));
            id.add(new Field("Email", orDash(person.email())));
            id.add(new Field("Profession", orDash(person.occupation())));
            doc.fields(id);

            doc.subsection("Droits et situation");
            doc.fields(List.of(
                    new Field("ALD", !person.ald() ? "Non" : social ? "Oui (les affections relèvent de la partie soins)"
                            : "Oui" + (notBlank(person.aldList()) ? " — " + person.aldList() : "")),
                    new Field("APA", person.apa() ? "Oui" : "Non"),
                    new Field("Caisse de retraite", orDash(person.pensionFund())),
                    new Field("Recherche de logement", person.housingSearch() ? "Oui" : "Non")));

            doc.subsection("Entourage");
            if (person.contacts().isEmpty()) {
                doc.paragraph("Aucun aidant, personne de confiance ni référent familial n'est enregistré.");
            } else {
                Table.Builder t = Table.builder().column("Rôle", 2.2f).column("Nom", 2.6f).column("Lien", 1.6f).column("Contact", 3.6f);
                person.contacts().stream().sorted(Comparator.comparing(Contact::kind))
                        .forEach(c -> t.row(c.kind().label(), c.name(), orEmpty(c.link()), String.join("\n",
                                java.util.stream.Stream.of(c.phone(), c.email()).filter(PlanPdf::notBlank).toList())));
                doc.table(t.build());
            }

            doc.subsection("Professionnels intervenants");
            doc.table(professionals());
        }

        private Table professionals() {
            Table.Builder t = Table.builder().column("Rôle dans le plan", 2.3f).column("Nom", 3.1f).column("Profession", 2.8f)
                    .column("Téléphone", 1.8f);
            String physician = s.physician();
            Set<Integer> listed = new java.util.HashSet<>();
            if (physician == null) {
                t.row("Médecin traitant", "non renseigné", "", "");
            } else {
                Optional<Professional> member = s.team().stream()
                        .filter(p -> "medecin".equals(p.professionCode()) && ("Dr " + p.firstName() + " " + p.lastName()).equals(physician))
                        .findFirst();
                member.ifPresent(p -> listed.add(p.id()));
                String phone = member.map(Professional::phone)
                        .orElse(physician.equals(person.outsidePhysician()) ? person.outsidePhysicianContact() : null);
                t.row(s.version().validatedOn() == null ? "Médecin traitant" : "Médecin traitant (à la validation)", physician,
                        member.map(PlanPdf::profession).orElse("Médecin (hors équipe)"), orEmpty(phone));
            }
            s.coordinator().ifPresent(p -> {
                listed.add(p.id());
                t.row("Coordonnateur du plan", p.firstName() + " " + p.lastName(), profession(p), orEmpty(p.phone()));
            });
            // Who acts, in the order of the plan: team members with their phone, then outside actors.
            Map<Integer, Set<Action.Part>> parts = new LinkedHashMap<>();
            Map<String, Set<Action.Part>> outside = new LinkedHashMap<>();
            for (Action a : sorted(actions)) {
                if (a.actor() == Action.Actor.PROFESSIONNEL && a.professionalId() != null) {
                    parts.computeIfAbsent(a.professionalId(), k -> new java.util.TreeSet<>()).add(a.part());
                } else if (a.actor() == Action.Actor.EXTERIEUR && notBlank(a.actorName())) {
                    outside.computeIfAbsent(a.actorName().strip(), k -> new java.util.TreeSet<>()).add(a.part());
                }
            }
            parts.forEach((id, p) -> s.professional(id).filter(pro -> !listed.contains(pro.id()))
                    .ifPresent(pro -> t.row(role(p), pro.firstName() + " " + pro.lastName(), profession(pro), orEmpty(pro.phone()))));
            outside.forEach((name, p) -> t.row(role(p), name, "Intervenant extérieur", ""));
            return t.build();
        }

        private static String role(Set<Action.Part> parts) {
            return parts.size() == 2 ? "Plans de soins et d'aides" : parts.iterator().next().label();
        }

        private String address() {
            String city = String.join(" ", java.util.stream.Stream.of(person.postalCode(), person.city()).filter(PlanPdf::notBlank).toList());
            String all = String.join("\n", java.util.stream.Stream.of(person.address(), city).filter(PlanPdf::notBlank).toList());
            return all.isEmpty() ? "—" : all;
        }

        private String reevaluation() {
            if (content.reevaluationOn() != null) {
                return date(content.reevaluationOn());
            }
            return PlanService.DEFAULT_REVIEW_MONTHS + " mois après la validation";
        }

        // ---- 2. the action plan

        private void actionPlan() {
            doc.section("2. Plan d'action");
            doc.paragraph("Chaque action répond à un objectif partagé avec la personne. Les actions sont présentées par type, "
                    + "dans l'ordre où elles sont envisagées : prévention, soins, puis accompagnement et aides."
                    + (s.isInForce() ? " Le statut tient compte du suivi enregistré depuis la validation." : ""));
            for (Action.Part part : Action.Part.values()) {
                if (social && part == Action.Part.SOINS) {
                    continue;
                }
                doc.subsection(part.label());
                List<Action> rows = sorted(actions.stream().filter(a -> a.part() == part).toList());
                if (rows.isEmpty()) {
                    doc.paragraph(part == Action.Part.SOINS ? "Aucune action de soins dans cette version."
                            : "Aucune action d'aide ou d'accompagnement dans cette version.");
                    continue;
                }
                // The type heads its rows instead of taking a column: a narrow column cannot hold « Accompagnement ».
                Table.Builder t = Table.builder().column("Problème → objectif", 106).column("Action et critère d'évaluation", 112)
                        .column("Qui", 80).column("Quand", 96).column("Statut", 88);
                Action.Kind kind = null;
                for (Action a : rows) {
                    if (a.kind() != kind) {
                        kind = a.kind();
                        t.group(kind.label());
                    }
                    t.row(problemAndObjective(a.objectiveUid()), a.label() + (notBlank(a.criterion()) ? "\nCritère : "
                            + a.criterion().strip() : ""), who(a), when(a), status(a));
                }
                doc.table(t.build());
            }
        }

        private String problemAndObjective(String objectiveUid) {
            Objective o = objectiveUid == null ? null : objectives.get(objectiveUid);
            if (o == null) {
                return "";
            }
            // The check-list gives the problem in full; here its gist is enough: « Problèmes liés aux médicaments ».
            String problem = problemLabel(o.problemUid()).replaceFirst("\\s*\\([^)]*\\)$", "");
            return problem.isEmpty() ? o.label() : problem + "\n→ " + o.label();
        }

        /** The label of a problem, empty when unknown or when the social copy must not show it. */
        private String problemLabel(String problemUid) {
            Problem p = problemUid == null ? null : problems.get(problemUid);
            return p == null || (social && HEALTH.contains(p.dimension())) ? "" : p.label();
        }

        private String who(Action a) {
            return a.who(s::professional);
        }

        private static String when(Action a) {
            List<String> parts = new ArrayList<>();
            if (a.startOn() != null) {
                parts.add("dès le " + date(a.startOn()));
            }
            if (notBlank(a.frequency())) {
                parts.add(a.frequency().strip());
            }
            if (a.dueOn() != null) {
                parts.add("d'ici le " + date(a.dueOn()));
            }
            String text = String.join("\n", parts);
            return text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }

        private static String status(Action a) {
            StringBuilder sb = new StringBuilder(a.status().label());
            if (a.status() == Action.Status.ABANDONNEE && notBlank(a.reason())) {
                sb.append("\nMotif : ").append(a.reason().strip());
            }
            if (notBlank(a.result())) {
                sb.append("\nRésultat : ").append(a.result().strip());
            }
            return sb.toString();
        }

        // ---- 3. evaluation and problems

        private void evaluation() {
            doc.section("3. Évaluation et problèmes");
            doc.subsection("Synthèse de l'évaluation globale");
            List<Field> syntheses = new ArrayList<>();
            for (Dimension d : Dimension.values()) {
                if (!(social && HEALTH.contains(d))) {
                    syntheses.add(new Field(d.label(), notBlank(content.synthesis(d)) ? content.synthesis(d) : "non renseignée"));
                }
            }
            doc.fields(syntheses);
            if (social) {
                doc.paragraph("Les synthèses médicale et psychologique ne figurent pas sur cette copie.");
            }

            doc.subsection("Attentes et projets de la personne");
            doc.fields(List.of(new Field("Préférences et attentes", notBlank(content.preferences()) ? content.preferences() : "non renseignées"),
                    new Field("Projets", notBlank(content.projects()) ? content.projects() : "non renseignés")));

            doc.subsection("Situations à problèmes");
            doc.paragraph(PdfDocument.CHECKED + " situation retenue dans le plan, avec sa dimension et sa priorité ; « à explorer (?) » : "
                    + "à préciser avant d'agir." + (social ? " Les problèmes de santé (dimensions médicale et "
                    + "psychologique) ne figurent pas sur cette copie." : ""));
            List<CheckItem> retained = new ArrayList<>();
            List<String> others = new ArrayList<>();
            // Problems in the order of the check-list, then those it does not know (free text, unknown code, a code twice).
            Set<String> printed = new java.util.HashSet<>();
            for (CatalogueItem c : CATALOGUE) {
                Optional<Problem> p = content.problems().stream().filter(x -> c.code().equals(x.code())).findFirst();
                if (p.isPresent()) {
                    printed.add(p.get().uid());
                    if (!(social && HEALTH.contains(p.get().dimension()))) {
                        retained.add(new CheckItem(problemLine(p.get()), true));
                    }
                } else if (!(social && HEALTH.contains(c.dimension()))) {
                    others.add(c.label());
                }
            }
            content.problems().stream().filter(p -> !printed.contains(p.uid()))
                    .filter(p -> !(social && HEALTH.contains(p.dimension())))
                    .forEach(p -> retained.add(new CheckItem("Autre : " + problemLine(p), true)));
            doc.checklist(retained);
            if (!others.isEmpty()) {
                // The items not retained flow in one paragraph: the whole check-list shows in a few lines.
                doc.paragraph("Non retenues : " + others.stream().map(o -> PdfDocument.UNCHECKED + "\u00a0" + o)
                        .collect(java.util.stream.Collectors.joining("  ")));
            }
        }

        private static String problemLine(Problem p) {
            return p.label() + " — " + p.dimension().label().toLowerCase(java.util.Locale.FRENCH) + ", priorité "
                    + Problem.priorityLabel(p.priority()).toLowerCase(java.util.Locale.FRENCH) + (p.toExplore() ? ", à explorer (?)" : "")
                    + (notBlank(p.notes()) ? ". " + p.notes().strip() : "");
        }

        // ---- 4. shared objectives and those not achieved

        private void objectives() {
            doc.section("4. Objectifs partagés");
            List<Objective> shown = content.objectives().stream().filter(this::printable).toList();
            if (shown.isEmpty()) {
                doc.paragraph("Aucun objectif n'est formulé dans cette version.");
            } else {
                Table.Builder t = Table.builder().column("Objectif", 3.4f).column("Problème", 2.6f).column("Critère d'évaluation", 2.8f)
                        .column("Échéance", 1.5f).column("Statut", 1.6f);
                shown.forEach(o -> t.row(o.label(), problemLabel(o.problemUid()), orEmpty(o.criterion()), date(o.targetOn()), o.status().label()));
                doc.table(t.build());
            }
            doc.subsection("Objectifs non atteints");
            List<Objective> missed = shown.stream().filter(o -> o.status() == Objective.Status.NON_ATTEINT).toList();
            if (missed.isEmpty()) {
                doc.paragraph("Aucun objectif n'est marqué non atteint.");
            } else {
                Table.Builder t = Table.builder().column("Objectif", 1).column("Pourquoi il n'a pas été atteint", 1.3f);
                missed.forEach(o -> t.row(o.label(), orEmpty(o.reason())));
                doc.table(t.build());
            }
        }

        /** The social copy keeps an objective served by a support action, or one that is neither care nor health. */
        private boolean printable(Objective o) {
            if (!social) {
                return true;
            }
            List<Action> serving = s.actions().stream().filter(a -> o.uid().equals(a.objectiveUid())).toList();
            if (serving.stream().anyMatch(a -> a.part() == Action.Part.AIDES)) {
                return true;
            }
            Problem p = o.problemUid() == null ? null : problems.get(o.problemUid());
            return serving.isEmpty() && (p == null || !HEALTH.contains(p.dimension()));
        }

        // ---- 5. follow-up

        private void followUp() {
            doc.section("5. Suivi");
            doc.fields(List.of(new Field("Prochaine réévaluation", reevaluation()),
                    new Field("Procédure d'alerte", notBlank(content.alertProcedure()) ? content.alertProcedure()
                            : "non précisée : en cas de problème, prévenir le médecin traitant et le coordonnateur du plan.")));
            doc.subsection("Points d'étape");
            List<Step> steps = s.steps();
            if (social) {
                doc.paragraph("Les points d'étape, qui peuvent contenir des informations de santé, ne figurent pas sur cette copie.");
            } else if (steps.isEmpty()) {
                doc.paragraph("Aucun point d'étape n'est encore enregistré.");
            } else {
                Table.Builder t = Table.builder().column("Date", 1.5f).column("Auteur", 1.8f).column("Note et ajustements", 6.2f)
                        .column("Retour au médecin traitant", 1.9f, Table.Align.CENTER);
                steps.forEach(st -> t.row(date(st.on()), orEmpty(st.author()), st.note(), st.feedbackToPhysician() ? "Oui" : "Non"));
                doc.table(t.build());
            }
        }

        // ---- 6. agreement

        private void agreement() {
            doc.section("6. Accord de la personne");
            doc.fields(List.of(
                    new Field("Consentement au plan", person.consentPlanOn() == null ? "Non recueilli"
                            : "Recueilli le " + date(person.consentPlanOn())
                            + (notBlank(person.consentPlanForm()) ? " — " + person.consentPlanForm().strip() : "")),
                    new Field("Partage d'informations", person.consentSharingOn() == null ? "Non recueilli"
                            : "Accepté le " + date(person.consentSharingOn())
                            + (notBlank(person.consentSharingForm()) ? " — " + person.consentSharingForm().strip() : ""))));
            doc.paragraph("La personne a participé à l'élaboration de ce plan et en a reçu un exemplaire. Elle peut en demander la "
                    + "révision à tout moment.");
            List<Signatory> sign = new ArrayList<>();
            sign.add(new Signatory(patient.displayName(), "La personne ou son représentant légal", null));
            sign.add(new Signatory(s.physician() == null ? "" : s.physician(), "Médecin traitant", null));
            sign.add(new Signatory(s.coordinator().map(p -> p.firstName() + " " + p.lastName()).orElse(""), "Coordonnateur du plan", null));
            doc.signatures(sign);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** In the HAS order (prévention, soins, accompagnement), the plan's own order within a type. */
    private static List<Action> sorted(List<Action> actions) {
        return actions.stream().sorted(Comparator.comparing(Action::kind)).toList();
    }

    private static String profession(Professional p) {
        return p.professionLabel() + (notBlank(p.specialty()) ? " (" + p.specialty().strip() + ")" : "");
    }

    static String date(LocalDate d) {
        return d == null ? "" : d.format(DATE);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static String orDash(String s) {
        return notBlank(s) ? s.strip() : "—";
    }

    private static String upper(String s) {
        return s == null ? "" : s.toUpperCase(java.util.Locale.FRENCH);
    }

    private static List<CatalogueItem> loadCatalogue() {
        try (InputStream in = PlanPdf.class.getResourceAsStream("/reference/problemes.csv")) {
            if (in == null) {
                throw new IllegalStateException("/reference/problemes.csv missing from the application");
            }
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).get();
            List<CatalogueItem> items = new ArrayList<>();
            for (CSVRecord r : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                items.add(new CatalogueItem(r.get("code"), r.get("libelle"), Dimension.valueOf(r.get("dimension"))));
            }
            return List.copyOf(items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
