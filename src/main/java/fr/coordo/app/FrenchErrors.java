package fr.coordo.app;

import fr.coordo.store.StoreException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Command-line errors as French sentences on stderr, with the documented exit codes. */
final class FrenchErrors {
    private FrenchErrors() {}

    static final class Parameters implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cli = ex.getCommandLine();
            PrintWriter err = cli.getErr();
            err.println("Erreur : " + describe(ex));
            err.println("Voir « " + cli.getCommandSpec().qualifiedName() + " --help ».");
            err.flush();
            return ExitCodes.USAGE;
        }

        private static String describe(ParameterException ex) {
            if (ex instanceof UnmatchedArgumentException u) {
                return "argument non reconnu : " + String.join(" ", u.getUnmatched()) + ".";
            }
            if (ex instanceof MissingParameterException m) {
                var names = m.getMissing().stream().map(a -> a.isOption()
                        ? ((CommandLine.Model.OptionSpec) a).longestName()
                        : a.paramLabel()).toList();
                return "paramètre obligatoire manquant : " + String.join(", ", names) + ".";
            }
            if (ex instanceof OverwrittenOptionException o) {
                var arg = o.getOverwritten();
                String name = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
                return "l'option " + name + " est donnée plusieurs fois.";
            }
            if (ex.getArgSpec() != null && ex.getValue() != null) {
                String name = ex.getArgSpec().isOption()
                        ? ((CommandLine.Model.OptionSpec) ex.getArgSpec()).longestName()
                        : ex.getArgSpec().paramLabel();
                var candidates = ex.getArgSpec().completionCandidates();
                String expected = candidates == null ? "" : " (valeurs possibles : " + String.join(", ", candidates) + ")";
                return "valeur « " + ex.getValue() + " » invalide pour " + name + expected + ".";
            }
            return ex.getMessage();
        }
    }

    static final class Execution implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
            PrintWriter err = cli.getErr();
            if (ex instanceof StoreException) {
                // the user reads the reason; the log only says that there was one, since a reason may name a patient
                LoggerFactory.getLogger(FrenchErrors.class).warn("Refused ({})", ex.getClass().getSimpleName());
                err.println("Erreur : " + ex.getMessage());
                err.flush();
                return ExitCodes.REFUSED;
            }
            LoggerFactory.getLogger(FrenchErrors.class).error("Unexpected failure", ex);
            err.println("Erreur inattendue : l'opération n'a pas abouti. Les détails sont dans le journal coordo.log "
                    + "du dossier des données.");
            err.flush();
            return ExitCodes.INTERNAL;
        }
    }
}
