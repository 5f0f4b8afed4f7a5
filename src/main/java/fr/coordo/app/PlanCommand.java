package fr.coordo.app;

import fr.coordo.plan.PlanDocuments;
import fr.coordo.plan.PlanService;
import fr.coordo.plan.PlanSnapshot;
import fr.coordo.security.Session;
import fr.coordo.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "plan",
        description = "Les plans personnalisés de santé (PPS) : liste et impression en PDF.",
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        commandListHeading = "%nCommandes :%n",
        synopsisSubcommandLabel = "COMMANDE",
        optionListHeading = "%nOptions :%n",
        subcommands = {PlanCommand.ListPlans.class, PlanCommand.Pdf.class})
final class PlanCommand implements Runnable {
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
            description = {"Un plan par ligne, la référence d'abord : personne, état, version affichée (celle en vigueur, sinon "
                    + "le brouillon), date de validation et de réévaluation. Jamais de NIR."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            optionListHeading = "%nOptions :%n")
    static final class ListPlans implements Callable<Integer> {
        @ParentCommand
        PlanCommand plan;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session session = plan.parent.signIn()) {
                Database db = session.database();
                List<PlanService.Listing> plans = new PlanService(db).list();
                if (plans.isEmpty()) {
                    spec.commandLine().getErr().println("Aucun plan dans cette base.");
                    return ExitCodes.OK;
                }
                List<List<String>> rows = new ArrayList<>();
                for (PlanService.Listing l : plans) {
                    rows.add(List.of(l.reference(), l.patientName(), l.state().label().toLowerCase(Locale.FRENCH), "v" + l.version(),
                            l.validatedOn() == null ? "non validé" : "validé le " + l.validatedOn().format(FR_DATE),
                            l.reevaluationOn() == null ? "" : "réévaluation " + l.reevaluationOn().format(FR_DATE)));
                }
                PrintWriter out = spec.commandLine().getOut();
                aligned(rows).forEach(out::println);
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "pdf",
            description = {"Écrit le plan en PDF (PDF/A, A4, imprimable en noir et blanc) et note l'impression dans le journal "
                    + "des modifications.",
                    "Sans version, c'est la version en vigueur qui est imprimée, ou le brouillon si le plan n'a encore jamais été "
                            + "validé ; une révision en cours d'écriture s'imprime en la nommant (PPS-2026-0007/v3)."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            parameterListHeading = "%nParamètres :%n",
            optionListHeading = "%nOptions :%n")
    static final class Pdf implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REF", description = "Référence du plan (PPS-2026-0007) ou d'une de ses versions (PPS-2026-0007/v1).")
        String reference;

        @Option(names = "--out", required = true, paramLabel = "FICHIER", description = "Fichier PDF à écrire.")
        Path out;

        @Option(names = "--social", description = "Copie pour les intervenants sociaux : sans le plan de soins ni les informations "
                + "de santé (synthèses et problèmes médicaux et psychologiques, affections ALD, notes de suivi).")
        boolean social;

        @Option(names = "--force", description = "Remplace le fichier s'il existe déjà (sinon il n'est jamais écrasé).")
        boolean force;

        @ParentCommand
        PlanCommand plan;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Session session = plan.parent.signIn()) {
                Database db = session.database();
                PlanDocuments documents = new PlanDocuments(db);
                PlanSnapshot snapshot = documents.snapshot(reference);
                Path target = out.toAbsolutePath().normalize();
                if (!force && Files.exists(target)) {
                    throw new CoordoCommand.Refused("Le fichier « " + target + " » existe déjà et n'a pas été remplacé : choisissez un "
                            + "autre nom, ou ajoutez --force pour le remplacer.");
                }
                Path written = documents.export(snapshot, social, target, force);
                spec.commandLine().getOut().printf("%s écrit : %s (%d Ko).%n", description(snapshot), written,
                        (Files.size(written) + 1023) / 1024);
                spec.commandLine().getErr().println("Attention : ce plan contient des données de santé à caractère personnel ; "
                        + "transmettez-le comme un document médical (messagerie sécurisée de santé) et ne le laissez pas sur un "
                        + "poste partagé.");
                return ExitCodes.OK;
            }
        }

        private String description(PlanSnapshot s) {
            String version = s.version().isDraft() ? "version " + s.version().version() + " (brouillon)"
                    : "version " + s.version().version() + " du " + date(s.version().validatedOn());
            return (social ? "Copie sociale du plan " : "Plan ") + s.plan().reference() + ", " + version + ",";
        }
    }

    /** Columns padded to their widest cell, two spaces apart; nothing trails at the end of a line. */
    static List<String> aligned(List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> r : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], r.get(c).codePointCount(0, r.get(c).length()));
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = r.get(c);
                sb.append(cell);
                if (c < columns - 1) {
                    sb.append(" ".repeat(widths[c] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.format(FR_DATE);
    }
}
