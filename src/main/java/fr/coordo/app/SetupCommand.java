package fr.coordo.app;

import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.AppPaths;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "setup",
        description = {"Protège la base : crée le compte administrateur, chiffre la base (celle d'une version antérieure de "
                + "Coordo comprise) et affiche la clé de secours, une seule fois.",
                "Le mot de passe est demandé dans le terminal, ou lu dans COORDO_PASSWORD."},
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        optionListHeading = "%nOptions :%n")
final class SetupCommand implements Callable<Integer> {

    @Option(names = "--user", paramLabel = "IDENTIFIANT", required = true,
            description = "Identifiant de l'administrateur (lettres sans accent, chiffres, . - _).")
    String user;

    @Option(names = "--name", paramLabel = "NOM", required = true, description = "Prénom et nom de l'administrateur.")
    String name;

    @ParentCommand
    CoordoCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AppPaths paths = parent.paths();
        PrintWriter out = spec.commandLine().getOut();
        Vault vault = new Vault(paths.database());
        Vault.checkLogin(user).ifPresent(m -> {
            throw new CoordoCommand.Refused("--user : " + m);
        });
        char[] password = password(parent.env(CoordoCommand.PASSWORD_ENV));
        Vault.Setup setup = vault.setup(user, name, password);
        try (Session session = setup.session()) {
            out.printf("Base protégée : %s (chiffrée).%nCompte administrateur : %s (%s).%n%n", session.database().file(),
                    session.account().login(), session.account().displayName());
        }
        out.println("CLÉ DE SECOURS — notez-la ou imprimez-la maintenant, elle ne sera plus jamais affichée :");
        out.println();
        out.println("    " + setup.recoveryKey().formatted());
        out.println();
        out.println("Elle seule rouvre la base (et ses sauvegardes) si un mot de passe est oublié ou si le fichier des clés "
                + "est perdu. Gardez-la hors de l'ordinateur.");
        return ExitCodes.OK;
    }

    /** From the environment (scripts), else typed twice in the terminal. */
    private char[] password(String fromEnv) {
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            throw new CoordoCommand.Refused("Le mot de passe de l'administrateur se tape dans un terminal, ou se donne dans "
                    + "la variable d'environnement " + CoordoCommand.PASSWORD_ENV + ".");
        }
        char[] first = console.readPassword("Mot de passe (au moins %d caractères) : ", Vault.MIN_PASSWORD_LENGTH);
        char[] again = console.readPassword("Mot de passe, à nouveau : ");
        Vault.checkPassword(user, first, again).ifPresent(m -> {
            throw new CoordoCommand.Refused(m);
        });
        return first;
    }
}
