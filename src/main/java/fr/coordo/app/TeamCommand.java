package fr.coordo.app;

import fr.coordo.security.Session;
import fr.coordo.store.Database;
import fr.coordo.team.TeamCsv;
import fr.coordo.team.TeamService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "team",
        description = "L'équipe de la structure : import et export au format tableur (docs/FORMAT-EQUIPE.md).",
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        commandListHeading = "%nCommandes :%n",
        synopsisSubcommandLabel = "COMMANDE",
        optionListHeading = "%nOptions :%n",
        subcommands = {TeamCommand.Import.class, TeamCommand.Export.class})
final class TeamCommand implements Runnable {

    @ParentCommand
    CoordoCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "sous-commande manquante : import ou export.");
    }

    @Command(name = "import",
            description = {"Importe les professionnels d'un fichier CSV : chaque ligne est importée entière ou rejetée avec son "
                    + "numéro et sa raison, en une seule transaction.",
                    "Code de sortie 0 seulement si toutes les lignes ont été importées."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            parameterListHeading = "%nParamètres :%n",
            optionListHeading = "%nOptions :%n")
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FICHIER", description = "Fichier CSV (séparateur ; ou , — UTF-8 ou Windows-1252).")
        Path file;

        @Option(names = "--accept-warnings",
                description = "Importe aussi les lignes dont seule une clé de contrôle (RPPS, ADELI, numéro AM, FINESS) est douteuse ; "
                        + "la confirmation est enregistrée.")
        boolean acceptWarnings;

        @ParentCommand
        TeamCommand team;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Session session = team.parent.signIn()) {
                Database db = session.database();
                TeamCsv.ImportReport report = new TeamCsv(new TeamService(db)).importFile(file, acceptWarnings);
                if (!report.ignoredColumns().isEmpty()) {
                    out.println("Colonnes ignorées (inconnues) : " + String.join(", ", report.ignoredColumns()) + ".");
                }
                report.rows().forEach(r -> out.println(r));
                out.printf("%d ligne%s importée%s, %d rejetée%s.%n", report.importedCount(), plural(report.importedCount()),
                        plural(report.importedCount()), report.rejectedCount(), plural(report.rejectedCount()));
                return report.complete() ? ExitCodes.OK : ExitCodes.REFUSED;
            }
        }
    }

    @Command(name = "export",
            description = "Écrit toute l'équipe, anciens membres compris, au format CSV (UTF-8, séparateur ;).",
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            optionListHeading = "%nOptions :%n")
    static final class Export implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "FICHIER", description = "Fichier à écrire, ou - pour la sortie standard (par défaut).")
        String out = "-";

        @ParentCommand
        TeamCommand team;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session session = team.parent.signIn()) {
                Database db = session.database();
                TeamCsv csv = new TeamCsv(new TeamService(db));
                if (out.equals("-")) {
                    spec.commandLine().getOut().print(csv.exportText());
                    spec.commandLine().getOut().flush();
                    return ExitCodes.OK;
                }
                Path dest = Path.of(out);
                int count = csv.exportFile(dest);
                spec.commandLine().getErr().printf("Équipe exportée : %s (%d professionnel%s).%n", dest.toAbsolutePath().normalize(), count,
                        plural(count));
                return ExitCodes.OK;
            }
        }
    }

    private static String plural(long n) {
        return n > 1 ? "s" : "";
    }
}
