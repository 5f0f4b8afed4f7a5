package fr.coordo.app;

import fr.coordo.backup.Restoration;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.DatabaseKey;
import fr.coordo.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "restore",
        description = {"Remplace la base de données par la sauvegarde FICHIER (réservé à l'administrateur).",
                "Refuse un fichier qui n'est pas une sauvegarde de cette base, endommagé ou venant d'une version plus récente",
                "de Coordo. Une copie vérifiée des données remplacées est d'abord gardée dans le dossier de sauvegarde.",
                "La base doit être fermée partout (fenêtre comprise)."},
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        parameterListHeading = "%nParamètres :%n",
        optionListHeading = "%nOptions :%n")
final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FICHIER", description = "Sauvegarde à restaurer.")
    Path file;

    @Option(names = "--yes", description = "Ne pas demander de confirmation (pour les scripts).")
    boolean yes;

    @ParentCommand
    CoordoCommand parent;

    @Spec
    CommandSpec spec;

    /** Where the confirmation is read; the terminal by default. */
    static java.util.function.Supplier<BufferedReader> answers =
            () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.system(Database.ZONE);
        Restoration restoration;
        Path db;
        CoordoCommand.Credentials who = parent.credentials();
        Vault vault = new Vault(parent.paths().database());
        DatabaseKey key = vault.key(who.login(), who.password());
        if (Database.isSound(vault.database(), key)) {
            try (Session session = vault.unlock(who.login(), who.password())) {
                db = session.database().file();
                restoration = Restoration.prepare(session, file, clock);
            }
        } else {
            db = vault.database();
            out.printf("La base « %s » est endommagée : elle sera gardée telle quelle dans « %s » avant d'être remplacée.%n", db,
                    Database.backupDirFor(db));
            restoration = Restoration.prepareDamaged(db, key, who.login(), file, clock);
        }
        if (!yes) {
            out.printf("La base « %s » va être remplacée par la sauvegarde « %s ».%n", db, restoration.file());
            out.printf("Une copie des données actuelles sera gardée dans le dossier « %s ».%n", restoration.previousCopyFolder());
            out.print("Confirmer la restauration ? (oui/non) ");
            out.flush();
            String answer = answers.get().readLine();
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("o|oui")) {
                throw new CoordoCommand.Refused("Restauration annulée : rien n'a été modifié.");
            }
        }
        out.println(restoration.run().message());
        return ExitCodes.OK;
    }
}
