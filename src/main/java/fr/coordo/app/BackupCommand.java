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
        description = {"Copie la base de données dans FICHIER (copie cohérente, vérifiée, jamais écrite à moitié).",
                "Fonctionne aussi pendant que la fenêtre de Coordo est ouverte sur cette base."},
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
        // Read-only: the database is neither migrated nor locked, so this works beside an open window.
        Path written = Database.backup(paths.database(), destination, Database.Options.defaults());
        spec.commandLine().getOut().printf("Sauvegarde écrite : %s (%d Ko).%n", written, (Files.size(written) + 1023) / 1024);
        return ExitCodes.OK;
    }
}
