package fr.coordo.app;

import fr.coordo.backup.BackupFile;
import fr.coordo.backup.Backups;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.store.Access;
import fr.coordo.store.DatabaseKey;
import fr.coordo.store.Role;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "backup",
        description = {"Copie la base de données (copie cohérente, chiffrée comme la base, vérifiée, jamais écrite à moitié).",
                "Sans FICHIER, la copie va dans le dossier de sauvegarde choisi dans les Réglages (à défaut, le dossier",
                "« sauvegardes » à côté de la base), sous un nom qui ne dit que sa date et son heure.",
                "Avec FICHIER, fonctionne aussi pendant que la fenêtre de Coordo est ouverte sur cette base."},
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        parameterListHeading = "%nParamètres :%n",
        optionListHeading = "%nOptions :%n")
final class BackupCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FICHIER", description = "Fichier de sauvegarde à créer ; il ne doit pas exister.")
    Path destination;

    @ParentCommand
    CoordoCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AppPaths paths = parent.paths();
        if (!Files.isRegularFile(paths.database())) {
            throw new CoordoCommand.Refused("La base « " + paths.database() + " » n'existe pas : il n'y a rien à sauvegarder.");
        }
        BackupFile written;
        if (destination != null) {
            // Read-only: the database is neither migrated nor locked, so this works beside an open window.
            Database.Options options = Database.Options.defaults();
            if (!Database.isPlainSqlite(paths.database())) {
                CoordoCommand.Credentials c = parent.credentials();
                DatabaseKey key = new Vault(paths.database()).key(c.login(), c.password());
                // Taking a backup is open to every role: the copy is as protected as the file.
                options = options.withKey(key).withAccess(new Access(c.login(), c.login(), Role.PROFESSIONNEL, null));
            }
            Path file = Database.backup(paths.database(), destination, options);
            written = new BackupFile(file, BackupFile.Kind.MANUAL, null, Files.size(file));
        } else {
            try (Session session = parent.signIn()) {
                written = new Backups(session.database(), Clock.system(Database.ZONE)).backupNow();
            }
        }
        spec.commandLine().getOut().printf("Sauvegarde écrite : %s (%s).%n", written.path(), BackupFile.readableSize(written.size()));
        return ExitCodes.OK;
    }
}
