package fr.coordo.app;

import fr.coordo.demo.DemoGenerator;
import fr.coordo.store.AppPaths;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
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

    private static void report(PrintWriter out, String file, DemoGenerator.Result r) {
        out.printf(Locale.FRANCE, "Données de démonstration créées dans %s : %,d professionnels (dont %,d %s), %,d patients, "
                        + "%,d plans personnalisés, %,d rendez-vous.%n",
                file, r.professionals(), r.formerMembers(), r.formerMembers() > 1 ? "anciens membres" : "ancien membre",
                r.patients(), r.plans(), r.appointments());
    }

    @Override
    public Integer call() {
        AppPaths paths = parent.paths();
        PrintWriter out = spec.commandLine().getOut();
        Vault vault = new Vault(paths.database());
        if (vault.state() == Vault.State.PROTECTED || vault.state() == Vault.State.KEYRING_MISSING) {
            // A protected database is filled only by someone who may sign in to it.
            try (Session session = parent.signIn()) {
                DemoGenerator.Result r = new DemoGenerator(seed).fill(session.database(), size.size);
                report(out, session.database().file().toString(), r);
            }
            return ExitCodes.OK;
        }
        DemoDatabase.Created created = DemoDatabase.create(paths.database(), seed, size.size);
        try (Session session = created.setup().session()) {
            if (created.result() != null) {
                report(out, session.database().file().toString(), created.result());
            }
        }
        out.printf("Compte de démonstration : identifiant « %s », mot de passe « %s ».%n", DemoDatabase.LOGIN, DemoDatabase.PASSWORD);
        out.println("Clé de secours de cette base de démonstration : " + created.setup().recoveryKey().formatted());
        return ExitCodes.OK;
    }
}
