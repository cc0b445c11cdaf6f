package io.modelway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.e2e.deploy.DeploymentFilesTests;
import io.modelway.e2e.deploy.OpsTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's shell examples, as written, against the local stack: the launcher starts it as {@code ./modelway up}
 * does (in a folder of its own that links to this checkout, so its state and secrets are the test's), and every
 * {@code bash} block marked {@code <!-- run by ReadmeExamplesTests -->} runs in that folder with {@code bash -euo
 * pipefail}. A block must succeed, and every {@code "key":value} its comments show must be in what it printed.
 */
class ReadmeExamplesTests {

    static final Path ROOT = DeploymentFilesTests.ROOT;
    static final List<Integer> PORTS = List.of(5432, 9000, 9092, 9093, 8080, 8081, 8082, 8083, 8084, 8090);
    private static final Pattern MARKED = Pattern.compile("<!-- run by ReadmeExamplesTests -->\\s*```bash\\n(.*?)```",
            Pattern.DOTALL);
    private static final Pattern SHOWN = Pattern.compile("\"(\\w+)\":(\"[^\"…]*\"|-?\\d+(?:\\.\\d+)?|true|false|null)");

    static Path home;
    static Process stack;

    @BeforeAll
    static void startTheLocalStack() throws Exception {
        List<Integer> busy = PORTS.stream().filter(ReadmeExamplesTests::listening).toList();
        if (System.getenv("MODELWAY_REQUIRE_LOCAL_STACK") != null) {
            assertThat(busy).as("ports the local stack needs").isEmpty();
        }
        Assumptions.assumeTrue(busy.isEmpty(), "ports " + busy + " are taken (is a stack running? ./modelway down)");
        Path lib = ROOT.resolve("launcher/target/lib");
        Assumptions.assumeTrue(Files.isDirectory(lib), "the launcher is not packaged yet (./mvnw package)");
        home = Files.createTempDirectory("modelway-readme-");
        try (Stream<Path> entries = Files.list(ROOT)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(".modelway")).toList()) {
                Files.createSymbolicLink(home.resolve(entry.getFileName()), entry);
            }
        }
        Path log = ROOT.resolve("e2e-tests/target/readme-stack.log");
        stack = new ProcessBuilder(java(), "-Dmodelway.root=" + home, "-cp",
                ROOT.resolve("launcher/target/classes") + ":" + lib + "/*", "io.modelway.launcher.Launcher", "up")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        for (int port : List.of(8084, 8083, 8081, 8082, 8080, 8090)) {
            while (!ready(port)) {
                assertThat(stack.isAlive()).as("the local stack stopped; see " + log).isTrue();
                assertThat(Instant.now()).as("the local stack did not come up; see " + log).isBefore(deadline);
                Thread.sleep(1000);
            }
        }
    }

    @AfterAll
    static void stopTheLocalStack() throws InterruptedException {
        if (stack != null) {
            stack.destroy();
            if (!stack.waitFor(90, TimeUnit.SECONDS)) {
                stack.destroyForcibly();
            }
        }
    }

    @Test
    void everyMarkedShellExampleRunsAsWrittenAndPrintsWhatItsCommentsShow() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher blocks = MARKED.matcher(readme);
        List<String> ran = new ArrayList<>();
        while (blocks.find()) {
            String block = blocks.group(1);
            OpsTool.Result result = OpsTool.run(home, Duration.ofMinutes(4), "bash", "-euo", "pipefail", "-c", block);
            assertThat(result.exitCode()).as("README example exits 0:\n" + block + "\n--- printed:\n" + result.output())
                    .isZero();
            for (String shown : shown(block)) {
                assertThat(result.output()).as("README example prints " + shown + ":\n" + block).contains(shown);
            }
            ran.add(block.lines().findFirst().orElse(""));
        }
        assertThat(ran).as("the README's marked examples").hasSizeGreaterThanOrEqualTo(5);
    }

    /** The {@code "key":value} pairs the block's comments show in full (values elided with … or ... are left out). */
    static List<String> shown(String block) {
        List<String> shown = new ArrayList<>();
        for (String line : block.lines().toList()) {
            int comment = line.indexOf('#');
            if (comment < 0) {
                continue;
            }
            Matcher pair = SHOWN.matcher(line.substring(comment));
            while (pair.find()) {
                if (!pair.group(2).contains("...")) {
                    shown.add("\"" + pair.group(1) + "\":" + pair.group(2));
                }
            }
        }
        return shown;
    }

    private static boolean ready(int port) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/readyz")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
