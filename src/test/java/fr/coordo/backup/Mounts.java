package fr.coordo.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Small real file systems for the tests that need a full or read-only disk: a tmpfs of a given size,
 * which only root can mount. Elsewhere the caller falls back or skips, and says so.
 */
final class Mounts {
    private Mounts() {}

    /** Mounts a tmpfs on {@code dir}; false when this machine does not allow it. */
    static boolean tmpfs(Path dir, String options) {
        try {
            Files.createDirectories(dir);
            return run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
        } catch (Exception e) {
            return false;
        }
    }

    /** Remounts with other options ("ro"): the write protection of a USB key. */
    static boolean remount(Path dir, String options) {
        try {
            return run("mount", "-o", "remount," + options, dir.toString());
        } catch (Exception e) {
            return false;
        }
    }

    static void unmount(Path dir) {
        try {
            run("umount", dir.toString());
        } catch (Exception ignored) {
            // nothing was mounted
        }
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
