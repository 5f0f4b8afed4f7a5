package fr.coordo.app;

import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.pathway.Money;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.payment.Finding;
import fr.coordo.payment.PayableUnit;
import fr.coordo.payment.PaymentDocuments;
import fr.coordo.payment.PaymentOrder;
import fr.coordo.payment.PaymentService;
import fr.coordo.payment.Period;
import fr.coordo.payment.Preparation;
import fr.coordo.payment.Split;
import fr.coordo.security.Session;
import fr.coordo.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "payments",
        description = "Les ordres de paiement des forfaits de parcours : émission d'une période, liste, fichiers (PDF, CSV pour "
                + "la CPAM, virement SEPA) et annulation.",
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        commandListHeading = "%nCommandes :%n",
        synopsisSubcommandLabel = "COMMANDE",
        optionListHeading = "%nOptions :%n",
        subcommands = {PaymentsCommand.IssueOrders.class, PaymentsCommand.ListOrders.class, PaymentsCommand.Export.class,
                PaymentsCommand.Cancel.class})
final class PaymentsCommand implements Runnable {
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @ParentCommand
    CoordoCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "sous-commande manquante : issue, list, export ou cancel.");
    }

    @Command(name = "issue",
            description = {"Prépare la période (les prestations terminées dans le mois ou le trimestre et pas encore payées), "
                    + "affiche chaque prestation et le résultat des contrôles, puis émet un ordre par projet et par mode de paiement.",
                    "Rien n'est émis tant qu'un contrôle ne passe pas, ni tant qu'un point à confirmer n'est pas confirmé par "
                            + "--confirm-warnings : les problèmes sont listés et la commande échoue."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            optionListHeading = "%nOptions :%n")
    static final class IssueOrders implements Callable<Integer> {
        @Option(names = "--period", required = true, paramLabel = "PÉRIODE",
                description = "Mois AAAA-MM (2026-10) ou trimestre AAAA-Qn (2026-Q4).")
        String period;

        @Option(names = "--confirm-warnings", description = "Confirme les points à vérifier (part sans activité notée à l'agenda, "
                + "forfait incomplètement réparti) après les avoir vérifiés ; ils sont imprimés sur l'ordre.")
        boolean confirmWarnings;

        @ParentCommand
        PaymentsCommand payments;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Period p = Period.parse(period);
            try (Session session = payments.parent.signIn()) {
                Database db = session.database();
                PaymentService service = new PaymentService(db);
                Preparation prep = service.prepare(p);
                PrintWriter out = spec.commandLine().getOut();
                PrintWriter err = spec.commandLine().getErr();
                out.println("Période : " + p.label() + " (" + p.code() + ").");
                if (!prep.alreadyPaid().isEmpty()) {
                    out.println(count(prep.alreadyPaid().size(), "prestation déjà payée", "prestations déjà payées") + ", non reprise"
                            + (prep.alreadyPaid().size() > 1 ? "s" : "") + " : " + String.join(", ", prep.alreadyPaid().stream()
                            .map(u -> u.episodeReference() + sequence(u) + " par " + u.paidBy()).toList()) + ".");
                }
                if (prep.units().isEmpty()) {
                    err.println("Erreur : aucune prestation à payer pour " + p.label() + " : rien n'est émis.");
                    err.flush();
                    return ExitCodes.REFUSED;
                }
                out.println(count(prep.units().size(), "prestation à payer", "prestations à payer") + ", " + money(prep.totalCents()) + " :");
                for (Preparation.Group g : prep.groups()) {
                    out.println("  Projet " + g.projectReference() + ", " + channel(g.channel()) + " : "
                            + count(g.units().size(), "prestation", "prestations") + ", " + money(g.totalCents()));
                    List<List<String>> rows = new ArrayList<>();
                    for (PayableUnit u : g.units()) {
                        rows.add(List.of("    " + u.subject(), "du " + FR_DATE.format(u.serviceStart()) + " au " + FR_DATE.format(u.serviceEnd()),
                                money(u.sharesTotal()), prep.findingsOf(u).isEmpty() ? "" : count(prep.findingsOf(u).size(), "point", "points")));
                    }
                    PlanCommand.aligned(rows).forEach(out::println);
                }
                List<Finding> blocking = byEpisode(prep.blocking());
                List<Finding> warnings = byEpisode(prep.warnings());
                out.println("Contrôles : " + (prep.findings().isEmpty() ? "tous passés."
                        : count(blocking.size(), "problème bloquant", "problèmes bloquants") + ", "
                                + count(warnings.size(), "point à confirmer", "points à confirmer") + "."));
                out.flush();
                if (!blocking.isEmpty() || (!warnings.isEmpty() && !confirmWarnings)) {
                    err.println("Erreur : rien n'est émis.");
                    if (!blocking.isEmpty()) {
                        err.println("À corriger :");
                        blocking.forEach(f -> err.println("  - " + f.message()));
                    }
                    if (!warnings.isEmpty()) {
                        err.println(confirmWarnings ? "À confirmer (confirmé) :" : "À confirmer, après vérification, par --confirm-warnings :");
                        warnings.forEach(f -> err.println("  - " + f.message()));
                    }
                    err.flush();
                    return ExitCodes.REFUSED;
                }
                warnings.forEach(f -> out.println("Confirmé : " + f.message()));
                List<PaymentOrder> issued;
                try {
                    issued = service.issue(prep, confirmWarnings);
                } catch (InputException refused) {
                    printIssues(err, refused);
                    return ExitCodes.REFUSED;
                }
                for (PaymentOrder o : issued) {
                    out.println("Ordre " + o.number() + " émis : projet " + o.projectReference() + ", " + channel(o.channel()) + ", "
                            + count((int) o.episodeCount(), "épisode", "épisodes") + ", " + count(o.lines().size(), "ligne", "lignes")
                            + ", " + money(o.totalCents()) + ".");
                }
                out.flush();
                return ExitCodes.OK;
            }
        }

        /** The whole period's findings first, then episode by episode, as the units are listed. */
        private static List<Finding> byEpisode(List<Finding> findings) {
            return findings.stream().sorted(Comparator.comparing(Finding::episodeReference,
                    Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
        }

        private static String sequence(PayableUnit u) {
            return u.sequenceCode().isEmpty() ? "" : " (" + u.sequenceLabel() + ")";
        }
    }

    @Command(name = "list",
            description = "Un ordre par ligne, le dernier émis d'abord : numéro, nature, période, mode de paiement, projet, nombre "
                    + "de lignes, total, date d'émission et ordre qui l'annule. Jamais de nom de patient.",
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            optionListHeading = "%nOptions :%n")
    static final class ListOrders implements Callable<Integer> {
        @ParentCommand
        PaymentsCommand payments;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session session = payments.parent.signIn()) {
                Database db = session.database();
                List<PaymentOrder> orders = new PaymentService(db).orders();
                if (orders.isEmpty()) {
                    spec.commandLine().getErr().println("Aucun ordre de paiement dans cette base.");
                    return ExitCodes.OK;
                }
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("Numéro", "Nature", "Période", "Paiement", "Projet", "Lignes", "Total", "Émis le", "Annulé par"));
                for (PaymentOrder o : orders) {
                    rows.add(List.of(o.number(), o.kind() == PaymentOrder.Kind.ORDRE ? "ordre" : "annulation de " + o.cancelsNumber(),
                            o.period().label(), o.channel() == PaymentChannel.CPAM ? "CPAM" : "virement", o.projectReference(),
                            String.valueOf(o.lines().size()), money(o.totalCents()), FR_DATE.format(o.issuedOn()),
                            o.cancelledBy() == null ? "" : o.cancelledBy()));
                }
                alignRight(rows, 5);
                alignRight(rows, 6);
                PrintWriter out = spec.commandLine().getOut();
                PlanCommand.aligned(rows).forEach(out::println);
                out.flush();
                return ExitCodes.OK;
            }
        }

        /** Pads the cells of a column on the left, so that figures line up on their last digit. */
        private static void alignRight(List<List<String>> rows, int column) {
            int width = rows.stream().mapToInt(r -> r.get(column).length()).max().orElse(0);
            for (int i = 0; i < rows.size(); i++) {
                List<String> r = new ArrayList<>(rows.get(i));
                r.set(column, " ".repeat(width - r.get(column).length()) + r.get(column));
                rows.set(i, r);
            }
        }
    }

    @Command(name = "export",
            description = {"Écrit le fichier d'un ordre : pdf (l'ordre imprimable, PDF/A), csv (pour le téléservice de "
                    + "l'Assurance Maladie, ordres payés directement par la CPAM ; docs/FORMAT-PAIEMENTS-CSV.md) ou sepa "
                    + "(virement pain.001.001.09 à remettre à la banque, ordres payés par la structure). Le csv et le sepa "
                    + "acceptent plusieurs ordres dans un même fichier.",
                    "L'ordre garde l'empreinte du fichier et l'export est noté dans le journal des modifications. Un fichier "
                            + "existant n'est jamais remplacé sans --force."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            parameterListHeading = "%nParamètres :%n",
            optionListHeading = "%nOptions :%n")
    static final class Export implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "ORDRE", description = "Numéro de l'ordre (OP-2026-0004) ; plusieurs pour csv et sepa.")
        List<String> numbers;

        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "pdf, csv ou sepa.")
        PaymentService.Format format;

        @Option(names = "--out", required = true, paramLabel = "FICHIER", description = "Fichier à écrire.")
        Path out;

        @Option(names = "--force", description = "Remplace le fichier s'il existe déjà (sinon il n'est jamais écrasé).")
        boolean force;

        @Option(names = "--execution-date", paramLabel = "AAAA-MM-JJ",
                description = "Pour sepa : jour d'exécution demandé à la banque (par défaut aujourd'hui).")
        LocalDate executionDate;

        @ParentCommand
        PaymentsCommand payments;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (executionDate != null && format != PaymentService.Format.SEPA) {
                throw new CoordoCommand.Refused("--execution-date ne vaut que pour le virement (--format sepa).");
            }
            if (format == PaymentService.Format.PDF && numbers.size() > 1) {
                throw new CoordoCommand.Refused("Un PDF par ordre : donnez un seul numéro d'ordre avec --format pdf.");
            }
            try (Session session = payments.parent.signIn()) {
                Database db = session.database();
                PaymentService service = new PaymentService(db);
                List<PaymentOrder> orders = new ArrayList<>();
                for (String n : numbers) {
                    orders.add(service.findByNumber(n).orElseThrow(() -> new CoordoCommand.Refused("Aucun ordre de paiement ne porte le "
                            + "numéro « " + n.strip() + " » dans cette base (« coordo payments list » les énumère).")));
                }
                Path target = out.toAbsolutePath().normalize();
                if (!force && Files.exists(target)) {
                    throw new CoordoCommand.Refused("Le fichier « " + target + " » existe déjà et n'a pas été remplacé : choisissez un "
                            + "autre nom, ou ajoutez --force pour le remplacer.");
                }
                PaymentDocuments documents = new PaymentDocuments(db, service);
                Path written;
                LocalDate execution = executionDate != null ? executionDate : PaymentDocuments.defaultExecution(orders, service.today());
                try {
                    written = switch (format) {
                        case PDF -> documents.savePdf(orders.getFirst(), target, force);
                        case CSV -> documents.saveCsv(orders, target, force);
                        case SEPA -> documents.saveSepa(orders, target, force, execution);
                    };
                } catch (InputException refused) {
                    printIssues(spec.commandLine().getErr(), refused);
                    return ExitCodes.REFUSED;
                }
                PrintWriter o = spec.commandLine().getOut();
                String which = orders.size() == 1 ? "de l'ordre " + orders.getFirst().number()
                        : "des ordres " + String.join(", ", orders.stream().map(PaymentOrder::number).toList());
                String what = switch (format) {
                    case PDF -> "Ordre de paiement";
                    case CSV -> "Fichier pour la CPAM";
                    case SEPA -> "Virement SEPA";
                };
                o.printf("%s %s écrit : %s (%d Ko).%n", what, which, written, (Files.size(written) + 1023) / 1024);
                if (format == PaymentService.Format.SEPA) {
                    o.println("Exécution demandée le " + FR_DATE.format(execution) + " ; remettez le fichier à la banque de la structure.");
                } else {
                    o.println("Attention : ce fichier contient des données de santé à caractère personnel (patients"
                            + (format == PaymentService.Format.CSV ? ", NIR" : "") + ") ; "
                            + (format == PaymentService.Format.CSV ? "ne le transmettez que par le téléservice de l'Assurance Maladie."
                                    : "conservez-le et transmettez-le comme un document médical."));
                }
                o.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "cancel",
            description = {"Annule un ordre par un ordre d'annulation qui le cite et reprend ses lignes en négatif ; ses prestations "
                    + "peuvent ensuite être payées par un nouvel ordre. L'ordre annulé n'est jamais modifié."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            parameterListHeading = "%nParamètres :%n",
            optionListHeading = "%nOptions :%n")
    static final class Cancel implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ORDRE", description = "Numéro de l'ordre à annuler (OP-2026-0004).")
        String number;

        @Option(names = "--reason", required = true, paramLabel = "MOTIF", description = "Pourquoi l'ordre est annulé (imprimé sur "
                + "l'ordre d'annulation).")
        String reason;

        @ParentCommand
        PaymentsCommand payments;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session session = payments.parent.signIn()) {
                Database db = session.database();
                PaymentService service = new PaymentService(db);
                PaymentOrder order = service.findByNumber(number).orElseThrow(() -> new CoordoCommand.Refused("Aucun ordre de paiement "
                        + "ne porte le numéro « " + number.strip() + " » dans cette base (« coordo payments list » les énumère)."));
                PaymentOrder cancelling = service.cancel(order.id(), reason);
                spec.commandLine().getOut().println("Ordre d'annulation " + cancelling.number() + " émis : il annule " + order.number()
                        + " (" + money(cancelling.totalCents()) + ") ; ses prestations peuvent être payées à nouveau.");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }

    /** One problem per line: the coordinator fixes them one by one. */
    private static void printIssues(PrintWriter err, InputException e) {
        List<Issue> issues = e.issues();
        err.println("Erreur : " + issues.getFirst().message());
        issues.stream().skip(1).forEach(i -> err.println("  - " + i.message()));
        err.flush();
    }

    private static String channel(PaymentChannel c) {
        return c == PaymentChannel.CPAM ? "payé par la CPAM" : "payé par virement de la structure";
    }

    private static String money(long cents) {
        return Money.format(Split.euros(cents));
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n > 1 ? many : one);
    }
}
