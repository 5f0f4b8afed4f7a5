package fr.coordo.app;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.IcsExport;
import fr.coordo.agenda.IcsImport;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.security.Session;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import fr.coordo.team.TeamService;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "agenda",
        description = "L'agenda : échange avec les logiciels de calendrier au format iCalendar (.ics).",
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        commandListHeading = "%nCommandes :%n",
        synopsisSubcommandLabel = "COMMANDE",
        optionListHeading = "%nOptions :%n",
        subcommands = {AgendaCommand.ExportIcs.class, AgendaCommand.ImportIcs.class, AgendaSheetCommand.class})
final class AgendaCommand implements Runnable {
    private static final String HEALTH_DATA = "Attention : ce fichier contient des données personnelles de santé (noms des patients, "
            + "motifs et notes des rendez-vous). Ne le transmettez que par une messagerie sécurisée de santé et supprimez-le "
            + "quand il ne sert plus.";

    @ParentCommand
    CoordoCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "sous-commande manquante : export-ics, import-ics ou sheet.");
    }

    @Command(name = "export-ics",
            description = {"Écrit tous les rendez-vous d'un professionnel ou d'un patient, toutes dates confondues, dans un "
                    + "fichier iCalendar (RFC 5545, fuseau Europe/Paris) que les logiciels de calendrier savent lire, et note "
                    + "l'export dans le journal des modifications.",
                    "Une série est écrite entière (règle de répétition, exceptions) dès qu'un de ses rendez-vous est concerné. "
                            + "Le patient y figure par sa référence et son nom, jamais par son NIR."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            optionListHeading = "%nOptions :%n")
    static final class ExportIcs implements Callable<Integer> {
        static final class Whose {
            @Option(names = "--professional", required = true, paramLabel = "RPPS",
                    description = "Les rendez-vous de ce professionnel de l'équipe, désigné par son numéro RPPS.")
            String rpps;

            @Option(names = "--patient", required = true, paramLabel = "REF",
                    description = "Les rendez-vous de ce patient, désigné par sa référence (P000123).")
            String patient;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Whose whose;

        @Option(names = "--out", required = true, paramLabel = "FICHIER", description = "Fichier .ics à écrire.")
        Path out;

        @Option(names = "--force", description = "Remplace le fichier s'il existe déjà (sinon il n'est jamais écrasé).")
        boolean force;

        @ParentCommand
        AgendaCommand agenda;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session session = agenda.parent.signIn()) {
                Database db = session.database();
                AgendaService.Filter filter;
                String whom;
                if (whose.rpps != null) {
                    Professional p = professional(db, whose.rpps);
                    filter = AgendaService.Filter.professional(p.id());
                    whom = "de " + p.displayName();
                } else {
                    Patient p = new PatientService(db).byReference(whose.patient).orElseThrow(() -> new CoordoCommand.Refused(
                            "Aucun patient ne porte la référence « " + whose.patient + " » dans cette base (attendu : P suivi de "
                                    + "chiffres, par exemple P000123)."));
                    filter = AgendaService.Filter.patient(p.id());
                    whom = "du patient " + p.reference();
                }
                Path target = out.toAbsolutePath().normalize();
                if (!force && Files.exists(target)) {
                    throw new CoordoCommand.Refused("Le fichier « " + target + " » existe déjà et n'a pas été remplacé : choisissez un "
                            + "autre nom, ou ajoutez --force pour le remplacer.");
                }
                IcsExport.Result r = IcsExport.write(db, filter, target, force, Clock.system(Database.ZONE));
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.printf("Agenda %s : %d rendez-vous (%d événement%s iCalendar) écrit%s : %s (empreinte %s).%n", whom,
                        r.appointments(), r.events(), plural(r.events()), r.appointments() > 1 ? "s" : "", r.file(), r.fingerprint());
                stdout.flush();
                PrintWriter err = spec.commandLine().getErr();
                err.println(HEALTH_DATA);
                err.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "import-ics",
            description = {"Importe les rendez-vous d'un fichier iCalendar (.ics) dans l'agenda d'un professionnel, en une seule "
                    + "transaction : tout ou rien.",
                    "Un événement déjà importé (même UID) est mis à jour au lieu d'être recopié : importer deux fois le même "
                            + "fichier ne change rien. Les événements sur la journée entière ne sont pas importés ; un patient "
                            + "n'est rattaché que si sa référence existe ici sous le même nom."},
            synopsisHeading = "Utilisation : ",
            descriptionHeading = "%n",
            parameterListHeading = "%nParamètres :%n",
            optionListHeading = "%nOptions :%n")
    static final class ImportIcs implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FICHIER", description = "Fichier iCalendar (.ics) à importer.")
        Path file;

        @Option(names = "--professional", required = true, paramLabel = "RPPS",
                description = "Le professionnel de l'équipe (numéro RPPS) dans l'agenda duquel les rendez-vous sont importés.")
        String rpps;

        @ParentCommand
        AgendaCommand agenda;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Session session = agenda.parent.signIn()) {
                Database db = session.database();
                Professional p = professional(db, rpps);
                IcsImport.Report r = IcsImport.read(db, file, p.id(), Clock.system(Database.ZONE));
                PrintWriter out = spec.commandLine().getOut();
                r.lines().forEach(out::println);
                out.printf("Agenda de %s : %d rendez-vous créé%s, %d mis à jour, %d inchangé%s.%n", p.displayName(), r.created(),
                        plural(r.created()), r.updated(), r.unchanged(), plural(r.unchanged()));
                if (r.clashes() > 0) {
                    out.printf("%d rendez-vous importé%s chevauche%s un autre rendez-vous du même professionnel ou patient : "
                            + "vérifiez-les dans l'agenda.%n", r.clashes(), plural(r.clashes()), r.clashes() > 1 ? "nt" : "");
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** The team member with this RPPS (spaces allowed), or a French refusal. */
    static Professional professional(Database db, String rpps) {
        String wanted = rpps.replaceAll("\\s", "");
        return new TeamService(db).all().stream().filter(p -> wanted.equals(p.rpps())).findFirst()
                .orElseThrow(() -> new CoordoCommand.Refused("Aucun professionnel de l'équipe n'a le numéro RPPS « " + rpps
                        + " » (11 chiffres attendus, tel qu'il figure dans la fiche du professionnel)."));
    }

    private static String plural(long n) {
        return n > 1 ? "s" : "";
    }
}
