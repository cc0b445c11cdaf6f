package io.modelway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.e2e.deploy.DeploymentFilesTests;
import io.modelway.e2e.deploy.OpsTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    static String check(int dashboardPort, String demoPassword) throws IOException {
        Path chromium = Path.of(System.getenv().getOrDefault("MODELWAY_CHROMIUM", "/usr/bin/chromium"));
        require(Files.isExecutable(chromium), chromium + " is missing: install Debian's chromium (.ci/run does)");
        require(OpsTool.onPath("node") && OpsTool.onPath("npm"), "node and npm are needed to drive Chromium");
        String version = run(Duration.ofSeconds(30), "node", "--version").strip();
        require(version.matches("v(2\\d|[3-9]\\d)\\..*"), "playwright-core needs Node.js 20 or later, found " + version);
        if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core"))) {
            run(Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
        }
        if (Files.isDirectory(SCREENSHOTS)) {
            try (var files = Files.list(SCREENSHOTS)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        return run(Duration.ofMinutes(4), "node", "console.test.mjs", "http://127.0.0.1:" + dashboardPort + "/",
                SCREENSHOTS.toString(), demoPassword);
    }

    private static String run(Duration limit, String... command) {
        OpsTool.Result result = OpsTool.run(BROWSER_TESTS, limit, command);
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
        return result.output();
    }

    private static void require(boolean present, String missing) {
        if (System.getenv("MODELWAY_REQUIRE_BROWSER") != null) {
            assertThat(present).as(missing).isTrue();
        }
        Assumptions.assumeTrue(present, missing);
    }
}
