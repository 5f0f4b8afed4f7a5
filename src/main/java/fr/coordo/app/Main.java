package fr.coordo.app;

import fr.coordo.store.AppPaths;
import fr.coordo.ui.CoordoApp;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Entry point: {@code coordo} alone opens the window; subcommands work without a display. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        boolean[] window = {false};
        int code = execute(args, System.getenv(), out, err, target -> {
            window[0] = true;
            openWindow(target);
        });
        // After the window, the JVM ends by itself once the database is closed (see CoordoApp.stop).
        if (!window[0] || code != 0) {
            System.exit(code);
        }
    }

    /** Runs one command line; {@code window} opens the window when no subcommand is given. */
    static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err, Consumer<CoordoCommand.Target> window) {
        CommandLine cli = CoordoCommand.commandLine(env, window);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    private static void openWindow(CoordoCommand.Target target) {
        CoordoApp.launch(new AppStartup(target.paths(), target.defaultDatabase()));
    }

    /** Sets up the log file before anything logs. */
    static void initLogging(AppPaths paths) {
        Logging.init(paths.logFile());
    }
}
