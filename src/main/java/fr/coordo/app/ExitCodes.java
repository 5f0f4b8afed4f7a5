package fr.coordo.app;

/** Exit codes of the command line, listed in {@code coordo --help}. */
final class ExitCodes {
    static final int OK = 0;
    /** The operation was refused or impossible; a French sentence on stderr says why. */
    static final int REFUSED = 1;
    /** The command line itself was wrong (unknown option, bad value). */
    static final int USAGE = 2;
    /** Something unexpected failed; details are in the log file. */
    static final int INTERNAL = 3;

    private ExitCodes() {}
}
