package fr.coordo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start of the packaged application to its first frame: the time from spawning the launcher to the
 * line it prints once the first frame is rendered. Needs the app-image built by the installer profile;
 * {@code -Dcoordo.launcher=PATH} points elsewhere, the environment variable
 * {@code COORDO_BENCH_DISPLAY=x11} uses the real display (under Xvfb, say) instead of JavaFX's headless
 * platform.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 20)
public class StartupBenchmark {
    private Path launcher;
    private Path home;

    @Setup
    public void findLauncher() throws IOException {
        launcher = Path.of(System.getProperty("coordo.launcher", "target/installer/image/Coordo/bin/Coordo")).toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("Launcher " + launcher + " missing: build it first with "
                    + "mvn -Pinstaller -DskipTests -Dinstaller.args=--app-image-only package");
        }
        home = Files.createTempDirectory("coordo-startup");
    }

    @Benchmark
    public long startToFirstFrame() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString());
        String display = "x11".equals(System.getenv("COORDO_BENCH_DISPLAY")) ? "" : "-Dglass.platform=headless -Dprism.order=sw ";
        pb.environment().put("JAVA_TOOL_OPTIONS", display + "-Dcoordo.benchmark.firstFrame=true");
        pb.environment().put("XDG_DATA_HOME", home.toString());
        pb.environment().put("COORDO_DB", home.resolve("demarrage.db").toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("FIRST_FRAME")) {
                    long elapsed = System.nanoTime() - start;
                    p.waitFor(30, TimeUnit.SECONDS);
                    return elapsed;
                }
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException("The launcher ended without reaching its first frame (exit " + p.exitValue() + ")");
    }
}
