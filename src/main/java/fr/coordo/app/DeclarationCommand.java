package fr.coordo.app;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.DeclarationPdf;
import fr.coordo.pathway.Gap;
import fr.coordo.pathway.PathwayDocuments;
import fr.coordo.pathway.Project;
import fr.coordo.pathway.ProjectService;
import fr.coordo.pathway.ProjectStatus;
import fr.coordo.pathway.ProjectVersion;
import fr.coordo.security.Session;
import fr.coordo.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "declaration",
        description = "Les projets de parcours coordonné renforcé : liste et dossier de déclaration à l'ARS et à la CPAM en PDF.",
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        commandListHeading = "%nCommandes :%n",
        synopsisSubcommandLabel = "COMMANDE",
        optionListHeading = "%nOptions :%n",
        subcommands = {DeclarationCommand.ListProjects.class, DeclarationCommand.Pdf.class})
final class DeclarationCommand implements Runnable {
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @ParentCommand
    CoordoCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "sous-commande manquante : list ou pdf.");
    }

    @Command(name = "list",
            description = {"Un projet de parcours par ligne, la référence d'abord : sa dernière version, le type de parcours, "
                    + "l'état et l'étape où il en est (manques à corriger, signatures, transmission, décision de l'ARS)."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            optionListHeading = "%nOptions :%n")
    static final class ListProjects implements Callable<Integer> {
        @ParentCommand
        DeclarationCommand declaration;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session session = declaration.parent.signIn()) {
                Database db = session.database();
                ProjectService projects = new ProjectService(db);
                List<Project> all = projects.all();
                if (all.isEmpty()) {
                    spec.commandLine().getErr().println("Aucun projet de parcours dans cette base.");
                    return ExitCodes.OK;
                }
                LocalDate today = projects.today();
                List<List<String>> rows = new ArrayList<>();
                for (Project p : all) {
                    ProjectVersion v = p.current();
                    ProjectStatus status = v.status(today);
                    String step = status.isTransmitted() ? decision(v, status, today) : preparation(status, projects.readiness(p.id()));
                    Optional<ProjectVersion> inForce = p.inForce(today).filter(f -> f.version() != v.version());
                    rows.add(List.of(p.reference(), "v" + v.version(), v.type().label(), status.label(),
                            step + inForce.map(f -> " ; v" + f.version() + " en vigueur").orElse("")));
                }
                PrintWriter out = spec.commandLine().getOut();
                PlanCommand.aligned(rows).forEach(out::println);
                out.flush();
                return ExitCodes.OK;
            }
        }

        /** Where a version not yet sent stands: what blocks it first. */
        private static String preparation(ProjectStatus status, List<Gap> gaps) {
            long content = gaps.stream().filter(g -> g.kind().isContent()).count();
            long signatures = gaps.stream().filter(g -> g.kind() == Gap.Kind.SIGNATURE).count();
            long notifications = gaps.stream().filter(g -> g.kind() == Gap.Kind.NOTIFICATION).count();
            if (content > 0) {
                return content + (content > 1 ? " manques à corriger" : " manque à corriger");
            }
            if (status == ProjectStatus.BROUILLON) {
                return "complet, à déclarer prêt à signer";
            }
            if (signatures > 0) {
                return signatures + (signatures > 1 ? " signatures à recueillir" : " signature à recueillir");
            }
            if (notifications > 0) {
                return notifications + (notifications > 1 ? " notifications à l'Ordre à faire" : " notification à l'Ordre à faire");
            }
            return "prêt à transmettre";
        }

        private static String decision(ProjectVersion v, ProjectStatus status, LocalDate today) {
            String sent = "transmis le " + date(v.transmittedOn());
            return switch (status) {
                case TRANSMIS -> sent + ", échéance le " + v.deadline().map(DeclarationCommand::date).orElse("")
                        + v.daysLeft(today).map(d -> " (" + d + (d > 1 ? " jours)" : " jour)")).orElse("");
                case VALIDE -> sent + ", validé le " + date(v.decisionOn());
                case OPPOSE -> sent + ", opposé le " + date(v.decisionOn());
                case REPUTE_VALIDE -> sent + ", réputé validé depuis le " + v.authorisedFrom().map(DeclarationCommand::date).orElse("");
                default -> sent;
            };
        }
    }

    @Command(name = "pdf",
            description = {"Écrit le dossier de déclaration du projet en PDF (PDF/A, A4) et note l'export dans le journal des "
                    + "modifications. Sans --version, c'est la dernière version du projet.",
                    "Tant qu'une signature manque, le dossier est un exemplaire à signer. Tant qu'un manque bloque la déclaration "
                            + "(structure, type de parcours, équipe, professionnel), aucun fichier n'est écrit : les manques sont "
                            + "listés et la commande échoue."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            parameterListHeading = "%nParamètres :%n",
            optionListHeading = "%nOptions :%n")
    static final class Pdf implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REF", description = "Référence du projet (PP-2026-001).")
        String reference;

        @Option(names = "--version", paramLabel = "N", description = "Numéro de la version (sinon la dernière).")
        Integer version;

        @Option(names = "--out", required = true, paramLabel = "FICHIER", description = "Fichier PDF à écrire.")
        Path out;

        @Option(names = "--force", description = "Remplace le fichier s'il existe déjà (sinon il n'est jamais écrasé).")
        boolean force;

        @ParentCommand
        DeclarationCommand declaration;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Session session = declaration.parent.signIn()) {
                Database db = session.database();
                Project project = new ProjectService(db).findByReference(reference).orElseThrow(() -> new CoordoCommand.Refused(
                        "Aucun projet de parcours ne porte la référence « " + reference.strip() + " » dans cette base "
                                + "(« coordo declaration list » les énumère)."));
                int number = version == null ? project.current().version() : version;
                Optional<ProjectVersion> v = project.versions().stream().filter(x -> x.version() == number).findFirst();
                if (v.isEmpty()) {
                    throw new CoordoCommand.Refused("Le projet " + project.reference() + " n'a pas de version " + number
                            + " (versions existantes : " + String.join(", ", project.versions().stream()
                            .map(x -> String.valueOf(x.version())).toList()) + ").");
                }
                Path target = out.toAbsolutePath().normalize();
                if (!force && Files.exists(target)) {
                    throw new CoordoCommand.Refused("Le fichier « " + target + " » existe déjà et n'a pas été remplacé : choisissez un "
                            + "autre nom, ou ajoutez --force pour le remplacer.");
                }
                Path written;
                try {
                    written = new PathwayDocuments(db).saveDossier(project.id(), number, target, force);
                } catch (InputException gaps) {
                    // one gap per line: the coordinator fixes them one by one
                    PrintWriter err = spec.commandLine().getErr();
                    List<Issue> issues = gaps.issues();
                    err.println("Erreur : " + issues.getFirst().message());
                    issues.stream().skip(1).forEach(i -> err.println("  - " + i.message()));
                    err.flush();
                    return ExitCodes.REFUSED;
                }
                spec.commandLine().getOut().printf("Dossier du projet %s%s écrit : %s (%d Ko).%n", v.get().displayReference(),
                        DeclarationPdf.awaitsSignatures(v.get()) ? " (exemplaire à signer)" : "", written, (Files.size(written) + 1023) / 1024);
                return ExitCodes.OK;
            }
        }
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.format(FR_DATE);
    }
}
