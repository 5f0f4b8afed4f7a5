package fr.coordo.app;

import fr.coordo.security.Session;
import fr.coordo.security.Vault;
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
        subcommands = {DemoCommand.class, SetupCommand.class, BackupCommand.class, TeamCommand.class, PlanCommand.class, AgendaCommand.class,
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
        footer = {"La base de données par défaut se trouve dans le dossier des données de l'utilisateur ; "
                + "--db ou la variable d'environnement COORDO_DB en désignent une autre.",
                "Les commandes demandent l'identifiant et le mot de passe dans le terminal ; un script les donne par les "
                + "variables d'environnement COORDO_USER et COORDO_PASSWORD."})
final class CoordoCommand implements Callable<Integer> {

    static final String USER_ENV = "COORDO_USER";
    static final String PASSWORD_ENV = "COORDO_PASSWORD";

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

    /**
     * Signs in for a subcommand: with COORDO_USER and COORDO_PASSWORD (scripts), or by asking in the
     * terminal. A wrong password counts as a failed attempt, as in the window.
     */
    Session signIn() {
        AppPaths paths = paths();
        Vault vault = new Vault(paths.database());
        switch (vault.state()) {
            case NEW, UNPROTECTED -> throw new Refused("La base « " + paths.database() + " » n'a pas encore de compte : créez "
                    + "l'administrateur avec « coordo setup --user IDENTIFIANT --name \"Prénom Nom\" » ou en ouvrant la fenêtre "
                    + "de Coordo.");
            case KEYRING_MISSING -> throw new Refused("Le fichier des clés de la base « " + paths.database() + " » est "
                    + "introuvable : ouvrez la fenêtre de Coordo et utilisez la clé de secours.");
            case PROTECTED -> { }
        }
        String user = env.get(USER_ENV);
        String password = env.get(PASSWORD_ENV);
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        if ((!notBlank(user) || password == null) && !terminal) {
            throw new Refused("Identifiez-vous : définissez les variables d'environnement " + USER_ENV + " et " + PASSWORD_ENV
                    + ", ou lancez la commande dans un terminal pour qu'elle vous les demande.");
        }
        if (!notBlank(user)) {
            user = console.readLine("Identifiant : ");
        }
        char[] secret = password != null ? password.toCharArray() : console.readPassword("Mot de passe de %s : ", user);
        if (user == null || secret == null) {
            throw new Refused("Identification abandonnée.");
        }
        return vault.unlock(user, secret);
    }

    String env(String name) {
        return env.get(name);
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
