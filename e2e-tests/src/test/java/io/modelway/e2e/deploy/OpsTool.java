package io.modelway.e2e.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the command-line tools that read the deployment files or drive the console, as an operator would. */
public final class OpsTool {

    public record Result(int exitCode, String output) {
    }

    private OpsTool() {
    }

    /** Skips the calling test where the tool is missing; {@code .ci/run} installs every one of them. */
    static void require(String tool) {
        Assumptions.assumeTrue(onPath(tool), tool + " is not installed (.ci/run installs it)");
    }

    public static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    static Result run(Path directory, String... command) {
        return run(directory, Duration.ofSeconds(60), command);
    }

    /** The command's exit code and output (stdout and stderr); fails the test if it runs longer than {@code limit}. */
    public static Result run(Path directory, Duration limit, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // Read on another thread: a full pipe would block the tool, and the time limit must still hold.
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
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                reader.join(5000);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + limit.toSeconds()
                        + " s:\n" + output);
            }
            reader.join(5000);
            return new Result(process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
