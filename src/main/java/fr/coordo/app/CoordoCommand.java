package fr.coordo.app;

import fr.coordo.store.AppPaths;
import fr.coordo.store.StoreException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "coordo",
        description = {"Coordination des parcours de soins d'une maison de santé pluriprofessionnelle.",
                "Sans commande, ouvre la fenêtre de Coordo."},
        versionProvider = CoordoCommand.VersionProvider.class,
        subcommands = {DemoCommand.class, BackupCommand.class, RestoreCommand.class, TeamCommand.class, PlanCommand.class, AgendaCommand.class,
                DeclarationCommand.class, PaymentsCommand.class},
        sortOptions = false,
        usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "[COMMANDE]",
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        optionListHeading = "%nOptions :%n",
        commandListHeading = "%nCommandes :%n",
        exitCodeListHeading = "%nCodes de sortie :%n",
        exitCodeList = {
            "0:succès",
            "1:opération refusée ou impossible (le message dit pourquoi)",
            "2:commande ou option invalide",
            "3:erreur inattendue (détails dans le journal coordo.log)"},
        footerHeading = "%n",
        footer = "La base de données par défaut se trouve dans le dossier des données de l'utilisateur ; "
                + "--db ou la variable d'environnement COORDO_DB en désignent une autre.")
final class CoordoCommand implements Callable<Integer> {

    /** Where the window should open. */
    record Target(AppPaths paths, boolean defaultDatabase) {}

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Affiche cette aide et quitte.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Affiche la version et quitte.")
    boolean version;

    @Option(names = "--db", paramLabel = "FICHIER", scope = ScopeType.INHERIT,
            description = "Base de données à utiliser (sinon COORDO_DB, sinon la base par défaut).")
    Path db;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Consumer<Target> window;

    CoordoCommand(Map<String, String> env, Consumer<Target> window) {
        this.env = env;
        this.window = window;
    }

    static CommandLine commandLine(Map<String, String> env, Consumer<Target> window) {
        CommandLine cli = new CommandLine(new CoordoCommand(env, window));
        cli.setParameterExceptionHandler(new FrenchErrors.Parameters());
        cli.setExecutionExceptionHandler(new FrenchErrors.Execution());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /** The paths this invocation works on; the log file is set up on first use. */
    AppPaths paths() {
        AppPaths paths = AppPaths.resolve(db, env);
        Main.initLogging(paths);
        return paths;
    }

    @Override
    public Integer call() {
        AppPaths paths = paths();
        boolean defaultDb = db == null && (env.get(AppPaths.DB_ENV) == null || env.get(AppPaths.DB_ENV).isBlank());
        if (!displayAvailable(env)) {
            throw new Refused("Aucun écran n'est disponible : la fenêtre de Coordo ne peut pas s'ouvrir ici. "
                    + "Les commandes (coordo --help) fonctionnent sans écran.");
        }
        LoggerFactory.getLogger(CoordoCommand.class).info("Opening the window, version {}", Version.current());
        window.accept(new Target(paths, defaultDb));
        return ExitCodes.OK;
    }

    /** On Linux and BSD, a window needs an X11 or Wayland display (JavaFX's headless platform aside). */
    static boolean displayAvailable(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || "headless".equals(System.getProperty("glass.platform"))) {
            return true;
        }
        return notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Coordo " + Version.current(), "Java " + Runtime.version()};
        }
    }

    /** Thrown by subcommands for a refusal the user can fix: its message is printed as is. */
    static final class Refused extends StoreException {
        Refused(String message) {
            super(message);
        }
    }
}
