package fr.coordo.app;

import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "backup",
        description = "Copie la base de données dans FICHIER (copie cohérente, vérifiée, jamais écrite à moitié).",
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        parameterListHeading = "%nParamètres :%n",
        optionListHeading = "%nOptions :%n")
final class BackupCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FICHIER", description = "Fichier de sauvegarde à créer ; il ne doit pas exister.")
    Path destination;

    @ParentCommand
    CoordoCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AppPaths paths = parent.paths();
        if (!Files.exists(paths.database())) {
            throw new CoordoCommand.Refused("La base « " + paths.database() + " » n'existe pas : il n'y a rien à sauvegarder.");
        }
        try (Database db = Database.open(paths.database())) {
            db.backupTo(destination);
        }
        Path written = destination.toAbsolutePath().normalize();
        spec.commandLine().getOut().printf("Sauvegarde écrite : %s (%d Ko).%n", written, (Files.size(written) + 1023) / 1024);
        return ExitCodes.OK;
    }
}
