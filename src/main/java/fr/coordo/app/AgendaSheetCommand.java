package fr.coordo.app;

import fr.coordo.agenda.AgendaSheet;
import fr.coordo.agenda.AgendaSheets;
import fr.coordo.agenda.AppointmentStatus;
import fr.coordo.security.Session;
import fr.coordo.store.Database;
import fr.coordo.team.Professional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code coordo agenda sheet}: the printable agenda of one professional for a day or a week. Standalone: it reaches
 * the database through the root {@link CoordoCommand} (its {@code --db} option is inherited), whatever parent
 * command it is registered under.
 */
@Command(name = "sheet",
        description = {"Écrit en PDF (PDF/A, A4, imprimable en noir et blanc) l'agenda d'un professionnel pour un jour ou pour "
                + "une semaine (du lundi au dimanche), et note l'impression dans le journal des modifications.",
                "Chaque rendez-vous y figure avec son heure, le patient (nom, numéro, téléphone), le type et le lieu, les autres "
                        + "professionnels et les notes à lire avant ; les rendez-vous annulés sont listés à part. Jamais de NIR."},
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        optionListHeading = "%nOptions :%n",
        sortOptions = false)
final class AgendaSheetCommand implements Callable<Integer> {
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    @Option(names = "--professional", required = true, paramLabel = "RPPS",
            description = "Le professionnel : son RPPS (11 chiffres), son numéro ADELI, ou son nom (« Petit », « Lucie Petit »).")
    String professional;

    @Option(names = "--day", paramLabel = "DATE", converter = DateConverter.class,
            description = "Le jour à imprimer (AAAA-MM-JJ ou JJ/MM/AAAA).")
    LocalDate day;

    @Option(names = "--week", paramLabel = "DATE", converter = DateConverter.class,
            description = "Un jour de la semaine à imprimer : la feuille va du lundi au dimanche de cette semaine.")
    LocalDate week;

    @Option(names = "--out", required = true, paramLabel = "FICHIER",
            description = "Fichier PDF à écrire, ou dossier où l'écrire sous un nom proposé (agenda-RPPS-semaine-AAAA-MM-JJ.pdf).")
    Path out;

    @Option(names = "--force", description = "Remplace le fichier s'il existe déjà (sinon il n'est jamais écrasé).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((day == null) == (week == null)) {
            throw new ParameterException(spec.commandLine(), day == null
                    ? "indiquez la période : --day DATE pour un jour, ou --week DATE pour la semaine de ce jour."
                    : "--day et --week ne vont pas ensemble : choisissez un jour ou une semaine.");
        }
        CoordoCommand root = (CoordoCommand) spec.root().userObject();
        try (Session session = root.signIn()) {
            Database db = session.database();
            AgendaSheets sheets = new AgendaSheets(db);
            Professional pro = sheets.professional(professional);
            AgendaSheet.Snapshot snapshot = sheets.snapshot(pro, day != null ? AgendaSheet.Span.DAY : AgendaSheet.Span.WEEK,
                    day != null ? day : week);
            Path target = Files.isDirectory(out) ? out.resolve(AgendaSheet.fileName(snapshot)) : out;
            target = target.toAbsolutePath().normalize();
            if (!force && Files.exists(target)) {
                throw new CoordoCommand.Refused("Le fichier « " + target + " » existe déjà et n'a pas été remplacé : choisissez un "
                        + "autre nom, ou ajoutez --force pour le remplacer.");
            }
            Path written = sheets.export(snapshot, target, force);
            long held = snapshot.appointments().stream().filter(a -> a.status() != AppointmentStatus.ANNULE).count();
            spec.commandLine().getOut().printf("Agenda de %s %s (%s) écrit : %s (%d Ko).%n", pro.firstName() + " " + pro.lastName(),
                    periodText(snapshot), held == 0 ? "aucun rendez-vous" : held + " rendez-vous", written,
                    (Files.size(written) + 1023) / 1024);
            spec.commandLine().getErr().println("Attention : cette feuille contient des données de santé à caractère personnel "
                    + "(noms des patients, motifs des rendez-vous) ; ne la laissez pas sur un poste partagé.");
            return ExitCodes.OK;
        }
    }

    private static String periodText(AgendaSheet.Snapshot s) {
        String p = AgendaSheet.periodText(s.span(), s.first());
        return (s.span() == AgendaSheet.Span.DAY ? "du " : "pour la ") + p.substring(0, 1).toLowerCase(java.util.Locale.FRENCH)
                + p.substring(1);
    }

    /** A date typed the ISO way (2026-11-23) or the French way (23/11/2026). */
    static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            String v = value.strip();
            try {
                return v.contains("/") ? LocalDate.parse(v, FR_DATE) : LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA");
            }
        }
    }
}
