package io.modelway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.e2e.deploy.DeploymentFilesTests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/test/browser/console.test.mjs}: the console driven in headless Chromium through
 * playwright-core, leaving a screenshot of each page in {@code target/console-screenshots}.
 */
final class ConsoleInChromium {

    static final Path BROWSER_TESTS = DeploymentFilesTests.ROOT.resolve("e2e-tests/src/test/browser");
    static final Path SCREENSHOTS = DeploymentFilesTests.ROOT.resolve("e2e-tests/target/console-screenshots");

    private ConsoleInChromium() {
    }

    /**
     * The script's output; fails with it when a check in the browser failed. Without Chromium or Node.js 20+
     * the test is skipped, unless {@code MODELWAY_REQUIRE_BROWSER} is set (as {@code .ci/run} does): then it fails.
     */
    static String check(int dashboardPort) throws IOException, InterruptedException {
        Path chromium = Path.of(System.getenv().getOrDefault("MODELWAY_CHROMIUM", "/usr/bin/chromium"));
        require(Files.isExecutable(chromium), chromium + " is missing: install Debian's chromium (.ci/run does)");
        require(onPath("node") && onPath("npm"), "node and npm are needed to drive Chromium");
        String version = run(List.of("node", "--version"), 30).strip();
        require(version.matches("v(2\\d|[3-9]\\d)\\..*"), "playwright-core needs Node.js 20 or later, found " + version);
        if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        if (Files.isDirectory(SCREENSHOTS)) {
            try (var files = Files.list(SCREENSHOTS)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        return run(List.of("node", "console.test.mjs", "http://127.0.0.1:" + dashboardPort + "/",
                SCREENSHOTS.toString()), 240);
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(BROWSER_TESTS.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // Read on another thread so that a full pipe cannot block the process while the timeout runs.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output lost: ").append(e.getMessage()).append(')');
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5000);
            throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s:\n" + output);
        }
        reader.join(5000);
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output.toString();
    }

    private static void require(boolean present, String missing) {
        if (System.getenv("MODELWAY_REQUIRE_BROWSER") != null) {
            assertThat(present).as(missing).isTrue();
        }
        Assumptions.assumeTrue(present, missing);
    }

    private static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }
}
