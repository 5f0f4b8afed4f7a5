package fr.coordo.pathway;

import fr.coordo.document.CheckItem;
import fr.coordo.document.DocumentScript;
import fr.coordo.document.Field;
import fr.coordo.document.Fingerprint;
import fr.coordo.document.Signatory;
import fr.coordo.document.Table;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.Professional;
import fr.coordo.team.Professions;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureReference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dossier of declaration of a projet de parcours to the ARS and the CPAM (DOCUMENTS.md §1, the elements
 * article R.4012-1 CSP asks of the model) as a PDF/A-2b: nine bookmarked sections, from the presentation of the
 * projet to the annexes, with one signature block per signatory.
 *
 * <p>A pure function: the same declaration and clock give the same bytes; the footer fingerprint is computed from
 * the canonical text of everything printed. A declaration with a content gap produces no PDF: the gaps are thrown
 * instead, in French. One not signed yet is printed as « exemplaire à signer », its missing dates left blank.
 *
 * <p>No patient appears in the dossier. The structure's IBAN is printed partly masked: the ARS and the CPAM
 * recognise the account, and the full number stays out of the copies that circulate for signature.
 */
public final class DeclarationPdf {
    public static final String TITLE = "Projet de parcours coordonné renforcé";
    /** The professionals' commitment of article R.162-131 CSS, printed word for word in section 7. */
    public static final String SHARING_COMMITMENT = "partager sans délai avec les autres membres de l'équipe les informations "
            + "nécessaires à la continuité et à la qualité des soins du patient (article R.162-131 du code de la sécurité sociale)";
    /** The section headings, which are also the bookmarks, in the order of DOCUMENTS.md §1. */
    public static final List<String> SECTIONS = List.of(
            "1. Objet de la déclaration",
            "2. Structure responsable de la coordination",
            "3. Le parcours",
            "4. Composition de l'équipe",
            "5. Organisation et coordination",
            "6. Financement",
            "7. Engagements",
            "8. Signatures",
            "9. Annexes");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final int NAMES_IN_A_LINE = 5;

    private DeclarationPdf() {}

    /**
     * The dossier's bytes. Refused with an {@link InputException} listing every content gap (structure, type, team,
     * professional) when there is any: such a dossier would be opposed.
     */
    public static byte[] render(Declaration d, Clock clock) {
        requireNoContentGap(d);
        Writer w = new Writer(d, clock);
        return w.write().render(w.documentTitle(), w.footerLine(), w.author(), clock);
    }

    /** The footer fingerprint the dossier of {@code d} carries, for the audit trail. */
    public static String fingerprint(Declaration d, Clock clock) {
        return Fingerprint.of(snapshotText(d, clock));
    }

    /** The canonical text of everything printed, whose hash is the footer fingerprint. */
    static String snapshotText(Declaration d, Clock clock) {
        requireNoContentGap(d);
        Writer w = new Writer(d, clock);
        return w.write().snapshotText(w.documentTitle(), w.footerLine(), w.author());
    }

    /** Not signed by everyone yet: printed as « exemplaire à signer ». */
    public static boolean awaitsSignatures(ProjectVersion v) {
        return v.representativeSignedOn() == null || v.members().stream().anyMatch(m -> m.signedOn() == null);
    }

    static void requireNoContentGap(Declaration d) {
        List<Gap> gaps = d.blockingGaps();
        if (gaps.isEmpty()) {
            return;
        }
        List<Issue> issues = new ArrayList<>();
        issues.add(Issue.blocking("dossier", "Le dossier du projet " + d.project().displayReference() + " n'est pas produit : "
                + (gaps.size() == 1 ? "un manque bloque" : gaps.size() + " manques bloquent") + " la déclaration."));
        gaps.forEach(g -> issues.add(Issue.blocking(g.kind().name(), g.message())));
        throw new InputException(issues);
    }

    // ---------------------------------------------------------------- the document, section by section

    private static final class Writer {
        private final Declaration d;
        private final ProjectVersion v;
        private final PcrType type;
        private final StructureInput s;
        private final LocalDate today;
        private final boolean toSign;
        private final DocumentScript doc = new DocumentScript();

        Writer(Declaration d, Clock clock) {
            this.d = d;
            this.v = d.project();
            this.type = v.type().type();
            this.s = d.structure() == null ? null : d.structure().withDefaultsFromPostalCode();
            this.today = LocalDate.now(clock.withZone(Database.ZONE));
            this.toSign = awaitsSignatures(v);
        }

        String documentTitle() {
            return TITLE + " — " + structureName() + " — " + v.displayReference();
        }

        /** « Projet de parcours PP-2026-001 v1 — Obésité complexe de l'adulte — transmis le 12/03/2026 ». */
        String footerLine() {
            String state = v.transmittedOn() != null ? "transmis le " + date(v.transmittedOn())
                    : toSign ? "exemplaire à signer" : "signé, à transmettre";
            return "Projet de parcours " + v.displayReference() + " — " + type.label() + " — " + state;
        }

        String author() {
            return s == null ? null : s.name();
        }

        DocumentScript write() {
            doc.title(TITLE, "« " + type.label() + " » — " + structureName() + "\nProjet " + v.reference() + ", version " + v.version());
            if (toSign) {
                doc.notice("EXEMPLAIRE À SIGNER — toutes les signatures ne sont pas encore recueillies (section 8). Ce dossier sera "
                        + "transmis à l'ARS et à la CPAM une fois signé par chaque professionnel, ou son employeur, et par le "
                        + "représentant légal de la structure.");
            }
            presentation();
            structure();
            pathway();
            team();
            organisation();
            financing();
            commitments();
            signatures();
            annexes();
            return doc;
        }

        // ---- 1. cover

        private void presentation() {
            doc.section(SECTIONS.get(0));
            List<Field> f = new ArrayList<>();
            f.add(new Field("Type de parcours", type.label()));
            f.add(new Field("Arrêté", orDash(type.arreteReference())
                    + type.arreteDay().map(a -> " — arrêté du " + date(a)).orElse("")));
            f.add(new Field("Structure responsable", structureName()));
            f.add(new Field("Projet", v.reference() + ", version " + v.version()
                    + (notBlank(v.changeReason()) ? "\nMotif de cette version : " + v.changeReason().strip() : "")));
            f.add(new Field("Date", v.transmittedOn() != null ? "Transmis le " + date(v.transmittedOn()) : "Établi le " + date(today)));
            f.add(new Field("Destinataires", recipients()));
            f.add(new Field("Statut", status()));
            doc.fields(f);
            doc.paragraph("Projet déclaré en application de l'article L.162-62 du code de la sécurité sociale et des articles R.162-131 "
                    + "à R.162-140 du même code ; son contenu suit l'article R.4012-1 du code de la santé publique. Sans opposition "
                    + "de l'ARS dans les deux mois de sa transmission, il est réputé validé.");
        }

        private String recipients() {
            String ars = s == null || blank(s.arsRegion()) ? "Agence régionale de santé de la région du siège (non renseignée)"
                    : "Agence régionale de santé " + s.arsRegion().strip();
            String cpam = s == null || blank(s.cpam()) ? "Caisse primaire d'assurance maladie du siège (non renseignée)"
                    : s.cpam().strip() + " (caisse primaire d'assurance maladie du siège de la structure)";
            return ars + "\n" + cpam;
        }

        private String status() {
            ProjectStatus st = v.status(today);
            String deadline = v.deadline().map(DeclarationPdf::date).orElse("");
            return switch (st) {
                case BROUILLON -> "Brouillon — à déclarer prêt à signer avant de recueillir les signatures";
                case PRET -> "Prêt à signer — signatures en cours de recueil";
                case SIGNE -> "Signé — à transmettre à l'ARS et à la CPAM";
                case TRANSMIS -> "Transmis le " + date(v.transmittedOn()) + " — délai d'opposition de l'ARS jusqu'au " + deadline;
                case VALIDE -> "Validé par l'ARS le " + date(v.decisionOn()) + " (transmis le " + date(v.transmittedOn()) + ")";
                case OPPOSE -> "Opposition de l'ARS le " + date(v.decisionOn())
                        + (notBlank(v.decisionNote()) ? " : " + v.decisionNote().strip() : "");
                case REPUTE_VALIDE -> "Réputé validé : transmis le " + date(v.transmittedOn())
                        + ", sans opposition de l'ARS au terme du délai de deux mois (" + deadline + ")";
            };
        }

        // ---- 2. structure

        private void structure() {
            doc.section(SECTIONS.get(1));
            if (s == null) {
                doc.paragraph("La structure n'est pas renseignée.");
                return;
            }
            List<Field> f = new ArrayList<>();
            f.add(new Field("Raison sociale", s.name()));
            f.add(new Field("Forme juridique", StructureReference.legalForm(s.legalForm()).map(c -> c.label()).orElse(orDash(s.legalForm()))));
            f.add(new Field("Catégorie (article D.162-34 CSS)", blank(s.category()) ? "—" : ProjectService.categoryLabel(s.category())));
            f.add(new Field("SIREN", orDash(s.siren())));
            f.add(new Field("SIRET du siège", orDash(s.siret())));
            f.add(new Field("FINESS", blank(s.finess()) ? "sans objet" : s.finess()));
            f.add(new Field("Adresse du siège", address()));
            f.add(new Field("Représentant légal", orDash(s.legalRepresentative())));
            f.add(new Field("Coordination", orDash(s.coordinators())));
            List<String> contacts = new ArrayList<>();
            if (notBlank(s.phone())) {
                contacts.add("Téléphone : " + s.phone().strip());
            }
            if (notBlank(s.email())) {
                contacts.add("Email : " + s.email().strip());
            }
            f.add(new Field("Contacts", contacts.isEmpty() ? "—" : String.join("\n", contacts)));
            doc.fields(f);
        }

        private String address() {
            String line2 = String.join(" ", java.util.stream.Stream.of(s.postalCode(), s.city()).filter(DeclarationPdf::notBlank).toList());
            String text = String.join("\n", java.util.stream.Stream.of(s.address(), line2).filter(DeclarationPdf::notBlank).toList());
            return text.isEmpty() ? "—" : text;
        }

        // ---- 3. the pathway

        private void pathway() {
            doc.section(SECTIONS.get(2));
            doc.subsection("Objectifs");
            doc.paragraph(bulleted(type.objectives()));
            doc.subsection("Population cible et critères d'éligibilité");
            if (notBlank(type.targetPopulation())) {
                doc.paragraph(type.targetPopulation().strip());
            }
            doc.paragraph("Un patient est inclus quand il remplit chacun des critères suivants :\n" + bulleted(type.criteria().stream()
                    .map(PcrType.Criterion::label).toList()));

            doc.subsection("Profils de patients");
            Table.Builder profiles = Table.builder().column("Profil", 1.1f).column("Description", 8);
            type.profiles().forEach(p -> profiles.row(p.code(), p.label()));
            doc.table(profiles.build());

            doc.subsection("Séquences");
            List<PcrType.Sequence> sequences = type.orderedSequences();
            if (sequences.isEmpty()) {
                doc.paragraph("Le cahier des charges ne découpe pas le parcours en séquences.");
            } else {
                Table.Builder t = Table.builder().column("Séquence", 3.2f).column("Durée prévue", 1.5f, Table.Align.CENTER)
                        .column("Interventions attendues", 5);
                sequences.forEach(q -> t.row(q.code() + " — " + q.label(), months(q.durationMonths()), bulleted(q.interventions())));
                doc.table(t.build());
            }

            doc.subsection("Mise en œuvre");
            List<Field> f = new ArrayList<>();
            f.add(new Field("Territoire", orDash(v.territory())));
            f.add(new Field("Patients attendus par an", v.expectedPatients() == null ? "—" : String.valueOf(v.expectedPatients())));
            f.add(new Field("Démarrage prévu", v.plannedStart() == null ? "—" : "le " + date(v.plannedStart())));
            Integer total = totalMonths(sequences);
            if (total != null) {
                f.add(new Field("Durée d'un parcours", months(total) + " pour un patient, séquences enchaînées"));
            }
            doc.fields(f);
        }

        // ---- 4. team

        private void team() {
            doc.section(SECTIONS.get(3));
            Table.Builder t = Table.builder()
                    .column("Professionnel", 3.2f)
                    .column("RPPS", 2.45f)
                    .column("N° AM", 2.1f)
                    .column("Conv.", 1.25f, Table.Align.CENTER)
                    .column("Exercice", 2.3f)
                    .column("Ordre notifié le", 2.05f)
                    .column("Rôle et séquences", 3.15f);
            for (ProjectVersion.Member m : v.members()) {
                Professional p = m.professional();
                t.row(p.displayName() + "\n" + profession(p), orDash(p.rpps()), amNumber(p), p.conventioned() ? "Oui" : "Non",
                        practice(p), ordre(m), role(m));
            }
            doc.table(t.build());
            doc.paragraph(v.members().size() + (v.members().size() > 1 ? " professionnels forment" : " professionnel forme")
                    + " l'équipe du projet. Conv. : conventionné avec l'assurance maladie. Le numéro AM identifie le professionnel "
                    + "auprès de l'assurance maladie ; un professionnel non conventionné le demande à la CPAM du siège de la structure "
                    + "(article R.162-133 du code de la sécurité sociale). Un professionnel salarié est engagé par son employeur.");

            doc.subsection("Effectifs par profession et équipe minimale");
            Map<String, Integer> required = new LinkedHashMap<>();
            type.minimumTeam().forEach(r -> required.merge(r.professionCode(), r.count(), Integer::sum));
            Map<String, Integer> present = new LinkedHashMap<>();
            v.members().forEach(m -> present.merge(m.professional().professionCode(), 1, Integer::sum));
            List<String> professions = new ArrayList<>(required.keySet());
            Professions.all().stream().map(p -> p.code()).filter(present::containsKey).filter(c -> !professions.contains(c))
                    .forEach(professions::add);
            present.keySet().stream().filter(c -> !professions.contains(c)).forEach(professions::add);
            Table.Builder totals = Table.builder().column("Profession", 5).column("Dans l'équipe", 1.6f, Table.Align.CENTER)
                    .column("Minimum requis", 1.6f, Table.Align.CENTER).column("Équipe minimale", 1.8f, Table.Align.CENTER);
            boolean met = true;
            for (String code : professions) {
                int have = present.getOrDefault(code, 0);
                Integer need = required.get(code);
                met &= need == null || have >= need;
                totals.row(Professions.label(code, Math.max(have, 1)), String.valueOf(have), need == null ? "—" : String.valueOf(need),
                        need == null ? "" : have >= need ? "atteinte" : "NON ATTEINTE");
            }
            totals.row("Total", String.valueOf(v.members().size()), String.valueOf(required.values().stream().mapToInt(i -> i).sum()), "");
            doc.table(totals.build());
            doc.paragraph(type.minimumTeam().isEmpty() ? "Le cahier des charges ne fixe pas d'équipe minimale."
                    : met ? "L'équipe minimale que le cahier des charges exige au démarrage est réunie."
                    : "L'équipe minimale que le cahier des charges exige au démarrage n'est pas réunie.");
        }

        private static String amNumber(Professional p) {
            if (notBlank(p.amNumber())) {
                return p.amNumber();
            }
            if (p.amRequestedOn() != null) {
                return "demande en cours\ndepuis le " + date(p.amRequestedOn());
            }
            return "—";
        }

        private static String practice(Professional p) {
            if (p.practiceMode() == PracticeMode.SALARIE) {
                return "Salarié\nEmployeur : " + orDash(p.employerName())
                        + (notBlank(p.employerSiret()) ? "\nSIRET " + p.employerSiret().strip() : "");
            }
            return p.practiceMode() == null ? "—" : p.practiceMode().label();
        }

        private static String ordre(ProjectVersion.Member m) {
            if (!m.needsOrdreNotification()) {
                return "sans objet";
            }
            return m.ordreNotifiedOn() == null ? "à notifier" : date(m.ordreNotifiedOn());
        }

        private String role(ProjectVersion.Member m) {
            String sequences = m.sequences().isEmpty() ? "toutes" : String.join(", ", m.sequences());
            return (notBlank(m.role()) ? m.role().strip() + "\n" : "") + "Séquences : " + sequences;
        }

        // ---- 5. organisation

        private void organisation() {
            doc.section(SECTIONS.get(4));
            String name = structureName();
            doc.subsection("Missions de la structure");
            doc.paragraph(name + ", structure responsable de la coordination, porte le projet auprès de l'ARS et de la CPAM. Elle :\n"
                    + bulleted(List.of(
                            "organise l'inclusion des patients sur les critères d'éligibilité du cahier des charges, par une décision "
                                    + "d'un professionnel de la structure validée par un médecin (article R.162-138) ;",
                            "planifie les séquences de chaque patient, en suit la réalisation et désigne pour lui un professionnel référent ;",
                            "réunit l'équipe et tient à jour sa composition, dont toute modification fait l'objet d'une nouvelle version "
                                    + "du projet ;",
                            "ordonnance les paiements : elle fixe la part du forfait de chaque professionnel et reçoit la part de coordination ;",
                            "conserve les justificatifs des soins réalisés pour les contrôles de l'assurance maladie.")));
            List<Field> contacts = new ArrayList<>();
            contacts.add(new Field("Coordination assurée par", s == null ? "—" : orDash(s.coordinators())));
            if (s != null && (notBlank(s.phone()) || notBlank(s.email()))) {
                contacts.add(new Field("Joignable", String.join("\n", java.util.stream.Stream.of(s.phone(), s.email())
                        .filter(DeclarationPdf::notBlank).map(String::strip).toList())));
            }
            doc.fields(contacts);

            doc.subsection("Réunions de coordination");
            doc.paragraph("L'équipe se réunit en concertation pluriprofessionnelle pour chaque patient à son inclusion, au passage "
                    + "d'une séquence à la suivante et en fin de parcours, et chaque fois que sa situation le demande. Chaque réunion "
                    + "est tracée dans le dossier du patient : date, participants, décisions et ajustements du plan personnalisé.");

            doc.subsection("Partage d'informations au sein de l'équipe de soins");
            doc.paragraph("Les professionnels du projet forment une équipe de soins au sens de l'article L.1110-12 du code de la "
                    + "santé publique. Ils partagent les informations strictement nécessaires à la coordination et à la continuité des "
                    + "soins du patient, dans les conditions de l'article L.1110-4 du même code, par une messagerie sécurisée de santé "
                    + "et par le dossier de coordination tenu par la structure.");

            doc.subsection("Information et consentement des patients");
            doc.paragraph("Avant son inclusion, le patient est informé oralement et par écrit de l'organisation du parcours, des "
                    + "professionnels qui y interviennent, du partage de ses données de santé au sein de l'équipe de soins et de son "
                    + "droit de s'y opposer ou de quitter le parcours à tout moment. Son consentement est recueilli et daté avant le "
                    + "début des soins (modèle en annexe A).");

            doc.subsection("Sécurité des données");
            doc.paragraph("Les données des patients sont tenues par " + name + " dans un dossier dont l'accès est réservé aux "
                    + "membres de l'équipe ; les échanges nominatifs passent par une messagerie sécurisée de santé ; le numéro de "
                    + "sécurité sociale n'apparaît jamais en clair sur les documents imprimés. Les données sont conservées pour la "
                    + "durée du parcours et des contrôles de l'assurance maladie, puis archivées selon les règles du dossier médical.");
        }

        // ---- 6. financing

        private void financing() {
            doc.section(SECTIONS.get(5));
            doc.subsection("Forfait par patient");
            String overseasHeader = "Outre-mer (+" + Money.percent(type.overseasSurchargePercent()) + ")";
            Table.Builder t = Table.builder().column("Profil", 6).column("Forfait", 1.9f, Table.Align.RIGHT)
                    .column(overseasHeader, 2.2f, Table.Align.RIGHT);
            for (PcrType.Profile p : type.profiles()) {
                t.row(p.code() + " — " + p.label(), Money.format(type.forfait(p.code(), false).orElse(null)),
                        Money.format(type.forfait(p.code(), true).orElse(null)));
            }
            doc.table(t.build());
            doc.fields(List.of(
                    new Field("Participation du patient", Money.percent(type.patientParticipationPercent()) + " du forfait"),
                    new Field("Cofinancement", type.coFinanced() ? "Oui : les organismes complémentaires d'assurance maladie participent au forfait"
                            : "Non")));

            doc.subsection("Répartition entre les séquences");
            List<PcrType.Sequence> sequences = type.orderedSequences();
            boolean bySequence = type.profiles().stream().anyMatch(p -> !p.bySequence().isEmpty());
            if (!bySequence || sequences.isEmpty()) {
                doc.paragraph("Le forfait n'est pas réparti entre les séquences : il couvre le parcours entier du patient.");
            } else {
                Table.Builder split = Table.builder().column("Profil", 2.2f);
                sequences.forEach(q -> split.column(q.code(), 1.6f, Table.Align.RIGHT));
                for (PcrType.Profile p : type.profiles()) {
                    List<String> row = new ArrayList<>();
                    row.add(p.code());
                    sequences.forEach(q -> row.add(Money.format(p.bySequence().get(q.code()))));
                    split.row(row);
                }
                doc.table(split.build());
            }

            doc.subsection("Répartition par défaut entre les professions et la coordination");
            if (type.defaultSplit().isEmpty()) {
                doc.paragraph("Répartition par défaut : " + PcrType.TO_COMPLETE + ".");
            } else {
                Table.Builder split = Table.builder().column("Part", 4).column("%", 1.1f, Table.Align.RIGHT);
                type.profiles().forEach(p -> split.column(p.code(), 1.6f, Table.Align.RIGHT));
                List<List<String>> amounts = shares();
                amounts.forEach(split::row);
                doc.table(split.build());
                doc.paragraph("Répartition indicative, par profil, du forfait hors majoration : la structure module la part de chaque "
                        + "professionnel selon les soins réalisés pour chaque patient (enveloppe globale et modulable). L'arrondi au "
                        + "centime est porté sur la part de coordination.");
            }

            doc.subsection("Circuit de paiement et coordonnées bancaires");
            List<Field> f = new ArrayList<>();
            f.add(new Field("Circuit de paiement", v.channel() == null ? "—" : v.channel().label() + "\n" + channelText(v.channel())));
            f.add(new Field("Titulaire du compte", structureName()));
            f.add(new Field("IBAN", s == null || blank(s.iban()) ? "non renseigné" : maskedIban(s.iban())));
            f.add(new Field("BIC", s == null || blank(s.bic()) ? "non renseigné" : s.bic().strip()));
            doc.fields(f);
        }

        private static String channelText(PaymentChannel c) {
            return switch (c) {
                case CPAM -> "La structure ordonnance les paiements : la CPAM verse directement à chaque professionnel la part du "
                        + "forfait qui lui revient, et à la structure la part de coordination.";
                case STRUCTURE -> "Le forfait est versé à la structure, qui reverse à chaque professionnel sa part par virement.";
            };
        }

        /** One row per party: label, %, then the amount of each profile's forfait; the coordination line takes the rounding. */
        private List<List<String>> shares() {
            List<PcrType.Share> split = type.defaultSplit();
            int residueLine = split.size() - 1;
            for (int i = 0; i < split.size(); i++) {
                if (PcrType.COORDINATION.equals(split.get(i).party())) {
                    residueLine = i;
                }
            }
            BigDecimal totalPercent = split.stream().map(PcrType.Share::percent).reduce(BigDecimal.ZERO,
                    (a, b) -> a == null || b == null ? null : a.add(b));
            boolean whole = totalPercent != null && totalPercent.compareTo(new BigDecimal(100)) == 0;
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < split.size(); i++) {
                PcrType.Share share = split.get(i);
                List<String> row = new ArrayList<>();
                row.add(PcrType.COORDINATION.equals(share.party()) ? "Coordination (structure)" : Professions.label(share.party()));
                row.add(Money.percent(share.percent()));
                for (PcrType.Profile p : type.profiles()) {
                    BigDecimal forfait = type.forfait(p.code(), false).orElse(null);
                    row.add(Money.format(amount(split, i, forfait, whole && i == residueLine)));
                }
                rows.add(row);
            }
            List<String> total = new ArrayList<>();
            total.add("Total");
            total.add(Money.percent(totalPercent));
            for (PcrType.Profile p : type.profiles()) {
                BigDecimal forfait = type.forfait(p.code(), false).orElse(null);
                BigDecimal sum = BigDecimal.ZERO;
                for (int i = 0; i < split.size() && sum != null; i++) {
                    BigDecimal a = amount(split, i, forfait, whole && i == residueLine);
                    sum = a == null ? null : sum.add(a);
                }
                total.add(Money.format(sum));
            }
            rows.add(total);
            return rows;
        }

        /** The share {@code i} of {@code forfait} to the cent; the residue line gets what the others leave. */
        private static BigDecimal amount(List<PcrType.Share> split, int i, BigDecimal forfait, boolean residue) {
            if (forfait == null) {
                return null;
            }
            if (!residue) {
                BigDecimal percent = split.get(i).percent();
                return percent == null ? null : forfait.multiply(percent).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
            }
            BigDecimal rest = forfait;
            for (int j = 0; j < split.size(); j++) {
                if (j != i) {
                    BigDecimal other = amount(split, j, forfait, false);
                    if (other == null) {
                        return null;
                    }
                    rest = rest.subtract(other);
                }
            }
            return rest;
        }

        // ---- 7. commitments

        private void commitments() {
            doc.section(SECTIONS.get(6));
            doc.subsection("Engagements de la structure");
            doc.paragraph(structureName() + " s'engage à :\n" + bulleted(List.of(
                    "coordonner le parcours de chaque patient inclus, dans le respect du cahier des charges fixé par l'arrêté ;",
                    "ne faire intervenir dans le parcours que les professionnels signataires du présent projet ;",
                    "recueillir l'information et le consentement de chaque patient avant son inclusion ;",
                    "ordonnancer les paiements en précisant la part du forfait versée à chaque professionnel ;",
                    "tenir à la disposition de l'ARS et de l'assurance maladie les justificatifs des soins réalisés ;",
                    "déclarer à l'ARS et à la CPAM toute modification du projet ou de l'équipe."
                            + (notBlank(type.amendmentRule()) ? " " + type.amendmentRule().strip() : ""))));
            doc.subsection("Engagements des professionnels");
            doc.paragraph("Chaque professionnel signataire, ou son employeur pour un professionnel salarié, s'engage à :\n" + bulleted(List.of(
                    SHARING_COMMITMENT + " ;",
                    "réaliser les interventions prévues dans les séquences auxquelles il participe, selon le cahier des charges ;",
                    "participer aux réunions de coordination qui concernent ses patients ;",
                    "être rémunéré des interventions couvertes par le forfait selon la part que la structure lui attribue ;",
                    "s'il n'est pas conventionné, demander à la CPAM du siège de la structure un numéro d'identification et signer "
                            + "avec elle le contrat prévu (article R.162-133 du code de la sécurité sociale).")));
            doc.subsection("Modèle de convention");
            doc.paragraph("Les engagements réciproques de la structure et des professionnels sont précisés par une convention conforme "
                    + "au modèle annexé à l'arrêté du parcours : " + orDash(type.arreteReference())
                    + type.arreteDay().map(a -> ", du " + date(a)).orElse("") + ".");
            doc.subsection("Signatures");
            doc.paragraph("Par sa signature (section 8), chaque signataire atteste l'exactitude des informations qui le concernent et "
                    + "souscrit aux engagements ci-dessus. Un professionnel salarié est engagé par la signature de son employeur "
                    + "(article R.162-131)." + (toSign ? " Les dates laissées en blanc se complètent à la signature." : ""));
        }

        // ---- 8. signatures

        private void signatures() {
            // Nothing between the heading and the blocks: the heading then moves with the first row of blocks.
            doc.section(SECTIONS.get(7));
            List<Signatory> sign = new ArrayList<>();
            sign.add(new Signatory(s == null ? "" : orEmpty(s.legalRepresentative()), "Représentant légal de " + structureName(),
                    v.representativeSignedOn()));
            for (ProjectVersion.Member m : v.members()) {
                Professional p = m.professional();
                sign.add(new Signatory(m.signatoryName(), m.signatoryCapacity() + (notBlank(p.rpps()) ? " — RPPS " + p.rpps() : ""),
                        m.signedOn()));
            }
            doc.signatures(sign);
        }

        // ---- 9. annexes

        private void annexes() {
            doc.section(SECTIONS.get(8));
            doc.subsection("A. Modèle d'information et de consentement du patient");
            doc.paragraph("Je soussigné(e) ........................................................, né(e) le ..... / ..... / ..........., "
                    + "déclare avoir été informé(e) par ........................................................ du parcours coordonné "
                    + "renforcé « " + type.label() + " » proposé par " + structureName() + " : son organisation en séquences, les "
                    + "professionnels de l'équipe qui y interviennent, sa durée, et son financement par un forfait de l'assurance "
                    + "maladie" + (isZero(type.patientParticipationPercent()) ? ", sans frais à ma charge pour les soins qu'il couvre" : "")
                    + ". Je peux quitter le parcours à tout moment, sans conséquence sur la qualité de mes soins.");
            doc.checklist(List.of(
                    new CheckItem("J'accepte d'être inclus(e) dans ce parcours.", false),
                    new CheckItem("J'accepte que les professionnels de l'équipe de soins échangent et partagent les informations de "
                            + "santé nécessaires à la coordination et à la continuité de mes soins (articles L.1110-4 et L.1110-12 du "
                            + "code de la santé publique).", false)));
            doc.paragraph("Fait à ........................................, le ..... / ..... / ...........");
            doc.signatures(List.of(new Signatory("Le patient", "patient ou son représentant légal", null),
                    new Signatory("Le professionnel", "membre de l'équipe qui a délivré l'information", null)));

            doc.subsection("B. Notifications aux Ordres professionnels (article R.162-132)");
            List<ProjectVersion.Member> ordered = v.members().stream().filter(ProjectVersion.Member::needsOrdreNotification).toList();
            if (ordered.isEmpty()) {
                doc.paragraph("Aucun membre de l'équipe n'exerce une profession dotée d'un Ordre : pas de notification à faire.");
            } else {
                Table.Builder t = Table.builder().column("Professionnel", 3.2f).column("Ordre", 3.4f).column("Notifié le", 1.6f);
                ordered.forEach(m -> t.row(m.professional().displayName() + "\n" + profession(m.professional()), m.ordre().orElse(""),
                        m.ordreNotifiedOn() == null ? "à notifier" : date(m.ordreNotifiedOn())));
                doc.table(t.build());
            }

            doc.subsection("C. Liste de contrôle");
            doc.checklist(checklist());
        }

        /** The readiness check, item by item: every content item is ticked (else no dossier), the steps as they stand. */
        private List<CheckItem> checklist() {
            List<CheckItem> items = new ArrayList<>();
            items.add(new CheckItem("Structure d'une catégorie éligible au parcours"
                    + (s == null || blank(s.category()) ? "" : " : " + ProjectService.categoryLabel(s.category())), noGap(Gap.Kind.STRUCTURE)));
            items.add(new CheckItem("Représentant légal de la structure désigné", s != null && notBlank(s.legalRepresentative())));
            if (v.channel() == PaymentChannel.STRUCTURE) {
                items.add(new CheckItem("Coordonnées bancaires de la structure (IBAN et BIC)", s != null && notBlank(s.iban()) && notBlank(s.bic())));
            }
            items.add(new CheckItem("Type de parcours complet : montants, durées et répartition renseignés", noGap(Gap.Kind.TYPE)
                    && type.toComplete().isEmpty()));
            items.add(new CheckItem("Démarrage prévu, patients attendus et équipe minimale", noGap(Gap.Kind.TEAM)));
            items.add(new CheckItem("Chaque professionnel : RPPS, numéro AM ou demande en cours, employeur s'il est salarié, coordonnées "
                    + "bancaires (" + v.members().size() + (v.members().size() > 1 ? " professionnels)" : " professionnel)"),
                    noGap(Gap.Kind.PROFESSIONAL)));
            List<String> unsigned = v.members().stream().filter(m -> m.signedOn() == null).map(ProjectVersion.Member::signatoryName).toList();
            items.add(new CheckItem("Signature de chaque professionnel ou de son employeur (" + (v.members().size() - unsigned.size()) + " / "
                    + v.members().size() + ")" + missing(unsigned), unsigned.isEmpty()));
            items.add(new CheckItem("Signature du représentant légal de la structure", v.representativeSignedOn() != null));
            List<ProjectVersion.Member> ordered = v.members().stream().filter(ProjectVersion.Member::needsOrdreNotification).toList();
            List<String> notNotified = ordered.stream().filter(m -> m.ordreNotifiedOn() == null).map(m -> m.professional().displayName()).toList();
            items.add(new CheckItem("Notification à l'Ordre des professions qui en ont un (" + (ordered.size() - notNotified.size()) + " / "
                    + ordered.size() + ")" + missing(notNotified), notNotified.isEmpty()));
            items.add(new CheckItem("Transmission à l'ARS et à la CPAM" + (v.transmittedOn() == null ? "" : " le " + date(v.transmittedOn())),
                    v.transmittedOn() != null));
            return items;
        }

        private boolean noGap(Gap.Kind kind) {
            return d.gaps().stream().noneMatch(g -> g.kind() == kind);
        }

        private static String missing(List<String> names) {
            if (names.isEmpty()) {
                return "";
            }
            String shown = String.join(", ", names.subList(0, Math.min(NAMES_IN_A_LINE, names.size())));
            int more = names.size() - NAMES_IN_A_LINE;
            return " — manque : " + shown + (more > 0 ? " et " + more + (more > 1 ? " autres" : " autre") : "");
        }

        private String structureName() {
            return s == null || blank(s.name()) ? "la structure" : s.name().strip();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** « FR76 **** **** **** **** ***3 881 »: country and key, then the last four characters. */
    static String maskedIban(String iban) {
        String compact = iban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(' ');
            }
            out.append(i < 4 || i >= compact.length() - 4 ? compact.charAt(i) : '*');
        }
        return out.toString();
    }

    static String profession(Professional p) {
        return Professions.label(p.professionCode()) + (notBlank(p.specialty()) ? ", " + p.specialty().strip() : "");
    }

    static String bulleted(List<String> items) {
        return items.stream().map(i -> "•\u00a0" + i).collect(Collectors.joining("\n"));
    }

    static String months(Integer months) {
        if (months == null) {
            return PcrType.TO_COMPLETE;
        }
        return months + " mois";
    }

    private static Integer totalMonths(List<PcrType.Sequence> sequences) {
        int total = 0;
        for (PcrType.Sequence q : sequences) {
            if (q.durationMonths() == null) {
                return null;
            }
            total += q.durationMonths();
        }
        return sequences.isEmpty() ? null : total;
    }

    private static boolean isZero(BigDecimal b) {
        return b != null && b.signum() == 0;
    }

    static String date(LocalDate d) {
        return d == null ? "" : d.format(DATE);
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static boolean blank(String s) {
        return !notBlank(s);
    }

    static String orDash(String s) {
        return notBlank(s) ? s.strip() : "—";
    }

    static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
