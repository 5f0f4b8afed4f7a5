package fr.coordo.app;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        description = "Remplit une base vide avec une maison de santé fictive (données de démonstration).",
        sortOptions = false,
        synopsisHeading = "Utilisation : ",
        descriptionHeading = "%n",
        optionListHeading = "%nOptions :%n")
final class DemoCommand implements Callable<Integer> {

    /** Sizes as typed on the command line. */
    enum SizeOption {
        small(DemoGenerator.Size.SMALL), large(DemoGenerator.Size.LARGE);

        final DemoGenerator.Size size;

        SizeOption(DemoGenerator.Size size) {
            this.size = size;
        }
    }

    @Option(names = "--size", paramLabel = "TAILLE", defaultValue = "small",
            description = "small : 25 professionnels, 200 patients dont 70 avec un plan, l'agenda de trois mois passés et deux à venir ; large : 300 professionnels, "
                    + "50 000 patients dont 15 000 avec un plan, 1 000 000 de rendez-vous sur quatre ans "
                    + "(défaut : ${DEFAULT-VALUE}).")
    SizeOption size;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DemoGenerator.DEFAULT_SEED,
            description = "Graine du tirage : la même graine donne les mêmes données (défaut : ${DEFAULT-VALUE}).")
    long seed;

    @ParentCommand
    CoordoCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AppPaths paths = parent.paths();
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = Database.open(paths.database())) {
            DemoGenerator.Result r = new DemoGenerator(seed).fill(db, size.size);
            out.printf(Locale.FRANCE, "Données de démonstration créées dans %s : %,d professionnels (dont %,d %s), %,d patients, "
                            + "%,d plans personnalisés, %,d rendez-vous.%n",
                    db.file(), r.professionals(), r.formerMembers(), r.formerMembers() > 1 ? "anciens membres" : "ancien membre",
                    r.patients(), r.plans(), r.appointments());
        }
        return ExitCodes.OK;
    }
}
