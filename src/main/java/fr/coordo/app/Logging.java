package fr.coordo.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends the application's log (SLF4J over java.util.logging) to a file in the data folder, never to
 * the terminal: the command line prints only its own French messages. Personal data is never logged.
 */
final class Logging {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final long MAX_BYTES = 10L * 1024 * 1024;
    private static boolean initialised;

    private Logging() {}

    static synchronized void init(Path logFile) {
        if (initialised) {
            return;
        }
        initialised = true;
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.setLevel(Level.INFO);
        Logger.getLogger("org.jooq").setLevel(Level.WARNING);
        Logger.getLogger("org.flywaydb").setLevel(Level.INFO);
        try {
            Files.createDirectories(logFile.getParent());
            FileHandler file = new FileHandler(logFile.toString(), MAX_BYTES, 1, true);
            file.setEncoding("UTF-8");
            file.setFormatter(new LineFormatter());
            root.addHandler(file);
        } catch (IOException | SecurityException e) {
            // No writable data folder: the application still runs, without a log.
            root.setLevel(Level.OFF);
        }
    }

    /** One line per entry: time, level, logger, message, then the stack trace if any. */
    private static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder()
                    .append(OffsetDateTime.ofInstant(r.getInstant(), ZoneId.of("Europe/Paris")).format(TIME)).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(r.getLoggerName()).append(" - ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                var w = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                sb.append(w);
            }
            return sb.toString();
        }
    }
}
