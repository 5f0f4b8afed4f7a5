import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds Coordo's installers with the JDK running this file (JDK 25, chosen by Maven's toolchain):
 * a trimmed runtime (jlink, JavaFX linked in as modules), an app-image (jpackage) with an AOT cache
 * trained on a real start, a headless smoke run that fails the build on any startup error, then the
 * native installer of the current system (.deb on Linux, .msi on Windows, .dmg on macOS).
 *
 * Usage: java installers/Packager.java PROJECT_DIR VERSION [--app-image-only]
 */
public final class Packager {
    private static final String NAME = "Coordo";
    private static final String MAIN_CLASS = "fr.coordo.app.Main";
    private static final String DESCRIPTION = "Coordination des parcours de soins pour les maisons de santé pluriprofessionnelles";
    private static final String VENDOR = "Coordo";
    /** Fixed so that a new .msi upgrades the installed one instead of sitting beside it. */
    private static final String WINDOWS_UPGRADE_UUID = "6f1d3c1e-8a4b-4f7e-9a51-2c0d5b7e4a10";
    /**
     * Every jar of the app-image gets this date before the AOT cache is trained: the JVM checks it, and
     * installers that restamp files (as jpackage's .deb staging does) are told to put it back.
     */
    private static final long AOT_EPOCH = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final List<String> MODULES = List.of(
            "java.base", "java.desktop", "java.sql", "java.logging", "java.naming", "java.management", "java.xml",
            "java.prefs", "jdk.localedata", "jdk.unsupported", "jdk.charsets", "jdk.zipfs",
            "javafx.base", "javafx.graphics", "javafx.controls");
    private static final List<String> JAVA_OPTIONS = List.of(
            "--enable-native-access=ALL-UNNAMED,javafx.graphics",
            "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED",
            "-Dorg.jooq.no-logo=true",
            "-Dorg.jooq.no-tips=true");

    private final Path project;
    private final String version;
    private final Path target;
    private final Path work;
    private final Os os = Os.current();

    private Packager(Path project, String version) {
        this.project = project;
        this.version = version;
        this.target = project.resolve("target");
        this.work = target.resolve("installer");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("Utilisation : java installers/Packager.java DOSSIER_PROJET VERSION [--app-image-only]");
            System.exit(2);
        }
        Packager p = new Packager(Path.of(args[0]).toAbsolutePath(), args[1]);
        boolean appImageOnly = List.of(args).contains("--app-image-only");
        try {
            p.build(appImageOnly);
        } catch (BuildFailure e) {
            System.err.println("ÉCHEC de la construction de l'installateur : " + e.getMessage());
            System.exit(1);
        }
    }

    private void build(boolean appImageOnly) throws Exception {
        Path jar = target.resolve("coordo.jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new BuildFailure("target/coordo.jar et target/lib sont absents : lancez d'abord « mvn package ».");
        }
        deleteTree(work);
        Files.createDirectories(work);

        List<Path> javafx;
        try (Stream<Path> s = Files.list(lib)) {
            String classifier = os.javafxClassifier();
            javafx = s.filter(f -> f.getFileName().toString().matches("javafx-(base|graphics|controls)-[0-9.]+-" + classifier + "\\.jar")).sorted().toList();
        }
        if (javafx.isEmpty()) {
            throw new BuildFailure("aucun jar JavaFX pour " + os.javafxClassifier() + " dans target/lib");
        }

        // 1. A runtime with only the modules Coordo uses, JavaFX among them.
        Path runtime = work.resolve("runtime");
        run("jlink", "--module-path", String.join(java.io.File.pathSeparator, javafx.stream().map(Path::toString).toList()),
                "--add-modules", String.join(",", MODULES),
                "--include-locales", "fr,en",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress", "zip-6",
                "--output", runtime.toString());
        // JavaFX looks for its native libraries in the runtime before unpacking them from its jars.
        Path nativeDir = runtime.resolve(os == Os.WINDOWS ? "bin" : "lib");
        for (Path fx : javafx) {
            extractNatives(fx, nativeDir);
        }

        // 2. The application's own jars; JavaFX is in the runtime, not on the class path.
        Path input = work.resolve("input");
        Files.createDirectories(input.resolve("lib"));
        Files.copy(jar, input.resolve("coordo.jar"));
        try (Stream<Path> s = Files.list(lib)) {
            for (Path f : s.filter(f -> !f.getFileName().toString().startsWith("javafx-")).toList()) {
                Files.copy(f, input.resolve("lib").resolve(f.getFileName()));
            }
        }

        // 3. The app-image.
        Path images = work.resolve("image");
        List<String> image = new ArrayList<>(List.of("--type", "app-image", "--name", NAME, "--dest", images.toString(),
                "--input", input.toString(), "--main-jar", "coordo.jar", "--main-class", MAIN_CLASS,
                "--runtime-image", runtime.toString(), "--app-version", version, "--vendor", VENDOR,
                "--description", DESCRIPTION, "--copyright", "Coordo", "--icon", icon().toString()));
        for (String opt : JAVA_OPTIONS) {
            image.add("--java-options");
            image.add(opt);
        }
        if (os == Os.MAC) {
            image.addAll(List.of("--mac-package-identifier", "fr.coordo.app", "--mac-package-name", NAME));
        }
        run("jpackage", image.toArray(String[]::new));
        Path appImage = images.resolve(os == Os.MAC ? NAME + ".app" : NAME);

        // 4. Smoke run: the command line, then the window up to its first frame, without a display.
        smoke(appImage);
        // 5. AOT cache trained on a real start (database opened, dashboard shown), then used by the launcher.
        train(appImage);
        smoke(appImage);

        if (appImageOnly) {
            System.out.println("Image de l'application : " + appImage);
            return;
        }
        // 6. The native installer of this system.
        List<String> installer = new ArrayList<>(List.of("--type", os.installerType, "--app-image", appImage.toString(),
                "--name", os == Os.LINUX ? "coordo" : NAME, "--dest", work.resolve("paquets").toString(),
                "--app-version", version, "--vendor", VENDOR, "--description", DESCRIPTION));
        switch (os) {
            case LINUX -> {
                installer.addAll(List.of("--linux-package-name", "coordo", "--linux-menu-group", "Office",
                        "--linux-app-category", "misc", "--linux-shortcut", "--linux-deb-maintainer", "contact@coordo.invalid",
                        "--resource-dir", linuxResources().toString()));
            }
            case WINDOWS -> installer.addAll(List.of("--win-menu", "--win-menu-group", NAME, "--win-shortcut",
                    "--win-dir-chooser", "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID));
            case MAC -> installer.addAll(List.of("--mac-package-identifier", "fr.coordo.app", "--mac-package-name", NAME));
        }
        run("jpackage", installer.toArray(String[]::new));
        try (Stream<Path> s = Files.list(work.resolve("paquets"))) {
            s.forEach(f -> System.out.println("Installateur : " + f));
        }
    }

    /** Starts the packaged launcher headless: the CLI must answer and the window must reach its first frame. */
    private void smoke(Path appImage) throws Exception {
        Path launcher = launcher(appImage);
        Path home = Files.createTempDirectory("coordo-smoke");
        try {
            Result version = launch(launcher, home, Map.of(), "--version");
            if (version.code != 0 || !version.out.startsWith("Coordo " + this.version)) {
                throw new BuildFailure("le lanceur ne répond pas à --version :\n" + version);
            }
            Result window = launch(launcher, home, Map.of("JAVA_TOOL_OPTIONS", headless() + " -Dcoordo.benchmark.firstFrame=true"));
            if (window.code != 0 || !window.out.contains("FIRST_FRAME") || window.err.contains("Exception")) {
                throw new BuildFailure("la fenêtre ne démarre pas proprement :\n" + window);
            }
            System.out.println("Démarrage vérifié : la fenêtre atteint sa première image.");
        } finally {
            deleteTree(home);
        }
    }

    private void train(Path appImage) throws Exception {
        Path app = appDir(appImage);
        Path cache = app.resolve("coordo.aot");
        try (Stream<Path> s = Files.walk(app)) {
            for (Path jar : s.filter(f -> f.toString().endsWith(".jar")).toList()) {
                Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.from(AOT_EPOCH, TimeUnit.SECONDS));
            }
        }
        Path home = Files.createTempDirectory("coordo-training");
        try {
            Result r = launch(launcher(appImage), home, Map.of("JAVA_TOOL_OPTIONS",
                    headless() + " -Dcoordo.benchmark.training=true -XX:AOTCacheOutput=" + cache));
            if (r.code != 0 || !Files.isRegularFile(cache)) {
                throw new BuildFailure("l'entraînement du cache AOT a échoué :\n" + r);
            }
        } finally {
            deleteTree(home);
        }
        Path cfg = app.resolve(NAME + ".cfg");
        String text = Files.readString(cfg);
        // Should the cache not match (a restamped jar), the JVM starts normally, without printing alarms.
        // jpackage writes the file with the system's line ends (CRLF on Windows).
        String updated = text.replaceFirst("\\[JavaOptions\\](\\R)",
                "[JavaOptions]$1java-options=-XX:AOTCache=\\$APPDIR/coordo.aot$1java-options=-Xlog:aot*=off$1");
        if (updated.equals(text)) {
            throw new BuildFailure("section [JavaOptions] introuvable dans " + cfg);
        }
        Files.writeString(cfg, updated);
        System.out.println("Cache AOT : " + cache + " (" + Files.size(cache) / (1024 * 1024) + " Mo)");
    }

    /** installers/linux with the jars' date written into the post-installation script. */
    private Path linuxResources() throws IOException {
        Path dir = work.resolve("resources-linux");
        Files.createDirectories(dir);
        String postinst = Files.readString(project.resolve("installers/linux/postinst"))
                .replace("AOT_EPOCH", Long.toString(AOT_EPOCH));
        Files.writeString(dir.resolve("postinst"), postinst);
        return dir;
    }

    private static String headless() {
        return "-Dglass.platform=headless -Dprism.order=sw";
    }

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "code " + code + "\n--- sortie ---\n" + out + "\n--- erreurs ---\n" + err;
        }
    }

    private static Result launch(Path launcher, Path home, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.environment().put("XDG_DATA_HOME", home.toString());
        pb.environment().put("APPDATA", home.toString());
        pb.environment().put("COORDO_DB", home.resolve("smoke.db").toString());
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new BuildFailure("le lanceur ne s'est pas arrêté en 120 s : " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path launcher(Path appImage) {
        return switch (os) {
            case LINUX -> appImage.resolve("bin").resolve(NAME);
            case WINDOWS -> appImage.resolve(NAME + ".exe");
            case MAC -> appImage.resolve("Contents/MacOS").resolve(NAME);
        };
    }

    private Path appDir(Path appImage) {
        return switch (os) {
            case LINUX -> appImage.resolve("lib/app");
            case WINDOWS -> appImage.resolve("app");
            case MAC -> appImage.resolve("Contents/app");
        };
    }

    private Path icon() {
        return project.resolve("resources/icons").resolve(switch (os) {
            case LINUX -> "coordo-256.png";
            case WINDOWS -> "coordo.ico";
            case MAC -> "coordo.icns";
        });
    }

    private static void extractNatives(Path jar, Path dir) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (var e : java.util.Collections.list(jf.entries())) {
                String n = e.getName();
                if (!n.contains("/") && (n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib"))) {
                    try (InputStream in = jf.getInputStream(e)) {
                        Files.copy(in, dir.resolve(n), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new BuildFailure(tool + " est absent de ce JDK : il faut un JDK 25 complet."));
        System.out.println("> " + tool + " " + String.join(" ", args));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = provider.run(out, err, args);
        if (code != 0) {
            throw new BuildFailure(tool + " a échoué (code " + code + ")");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private enum Os {
        LINUX("linux", "deb"), WINDOWS("win", "msi"), MAC("mac", "dmg");

        private final String javafxOs;
        final String installerType;

        Os(String javafxOs, String installerType) {
            this.javafxOs = javafxOs;
            this.installerType = installerType;
        }

        /** The classifier of JavaFX's platform jars: « linux », « mac-aarch64 »… */
        String javafxClassifier() {
            return "aarch64".equals(System.getProperty("os.arch")) ? javafxOs + "-aarch64" : javafxOs;
        }

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            return name.startsWith("mac") ? MAC : LINUX;
        }
    }

    private static final class BuildFailure extends RuntimeException {
        BuildFailure(String message) {
            super(message);
        }
    }
}
