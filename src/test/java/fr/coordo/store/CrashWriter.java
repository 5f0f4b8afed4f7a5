package fr.coordo.store;

import fr.coordo.security.Kdf;
import fr.coordo.security.Session;
import fr.coordo.security.Vault;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.Professional;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.TeamService;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * The child process of {@link CrashSafetyTest}: signs in to an encrypted database through the real door (the
 * vault and its keyring), then adds professionals one transaction each, through the team service, until it is
 * killed. « COMMITTED n » is printed only once the write has returned: what the process tells is committed.
 *
 * <p>Arguments: database file, login, password. It resumes after the highest number already in the file, so
 * that a write committed but killed before it was reported is not attempted twice.
 */
public final class CrashWriter {
    static final String LAST_NAME = "Crash";
    static final String FIRST_NAME_PREFIX = "N";
    /** A safety net: a child that is never killed stops by itself. */
    private static final int MAX_WRITES = 100_000;

    private CrashWriter() {}

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        Clock clock = Clock.system(Database.ZONE);
        try (Session session = new Vault(db, clock, Kdf.Params.LIGHT).unlock(args[1], args[2].toCharArray())) {
            TeamService team = new TeamService(session.database(), clock);
            int next = team.all().stream().mapToInt(CrashWriter::number).max().orElse(0) + 1;
            out.println("READY " + next);
            for (int i = 0; i < MAX_WRITES; i++, next++) {
                team.add(input(next), Set.of(), null);
                out.println("COMMITTED " + next);
            }
        }
    }

    static ProfessionalInput input(int n) {
        return new ProfessionalInput(null, LAST_NAME, FIRST_NAME_PREFIX + n, "infirmier", null, null, null, null, null, true, null,
                PracticeMode.LIBERAL, null, null, "01 23 45 67 89", "n" + n + "@exemple.fr", null, null, null,
                "écrit par le processus tué au hasard, n° " + n);
    }

    /** The number a professional written by this class carries, or 0 for anyone else. */
    static int number(Professional p) {
        if (!LAST_NAME.equals(p.lastName()) || !p.firstName().startsWith(FIRST_NAME_PREFIX)) {
            return 0;
        }
        try {
            return Integer.parseInt(p.firstName().substring(FIRST_NAME_PREFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
