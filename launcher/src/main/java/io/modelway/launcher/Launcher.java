package io.modelway.launcher;

import io.modelway.client.ModelwayException;
import io.modelway.test.KafkaServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./modelway up | demo | down | status}. {@code up} runs the stack in the foreground until Ctrl-C or
 * {@code down}; {@code demo} starts it in the background if it is not running, runs the penguins pipeline
 * and leaves the stack up.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        StackLayout layout = new StackLayout(Path.of(System.getProperty("modelway.root", ".")).toAbsolutePath().normalize());
        String command = args.length == 0 ? "help" : args[0];
        int exit = switch (command) {
            case "up" -> up(layout);
            case "demo" -> demo(layout);
            case "down" -> down(layout);
            case "status" -> status(layout);
            case "token" -> token(layout, args);
            default -> help();
        };
        System.exit(exit);
    }

    private static int up(StackLayout layout) throws Exception {
        Optional<ProcessHandle> running = running(layout);
        if (running.isPresent()) {
            LocalStack.log("A stack is already running (pid " + running.get().pid() + "); ./modelway down stops it");
            return 1;
        }
        Files.createDirectories(layout.state());
        Files.writeString(layout.pidFile(), Long.toString(ProcessHandle.current().pid()));
        LocalStack stack = new LocalStack(layout);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalStack.log("Stopping...");
            stack.close();
            layout.pidFile().toFile().delete();
            stopped.countDown();
        }, "modelway-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            LocalStack.log("Start failed: " + e.getMessage());
            return 1;
        }
        printUrls(stack.credentials());
        LocalStack.log("Ctrl-C or ./modelway down stops everything; state stays in " + layout.state());
        stopped.await();
        return 0;
    }

    private static void printUrls(StackCredentials credentials) {
        System.out.println();
        System.out.printf("  %-18s %s%n", "auth-server", "http://127.0.0.1:8084  (OpenID Connect issuer, API keys)");
        System.out.printf("  %-18s %s%n", "serving-api", "http://127.0.0.1:8080  (POST /api/models/{model}/predict)");
        System.out.printf("  %-18s %s%n", "ingest-service", "http://127.0.0.1:8081  (POST /api/datasets/{name}/uploads)");
        System.out.printf("  %-18s %s%n", "training-service", "http://127.0.0.1:8082  (PUT /api/training-specs/{model})");
        System.out.printf("  %-18s %s%n", "model-registry", "http://127.0.0.1:8083  (GET /api/models)");
        System.out.printf("  %-18s %s%n", "dashboard", "http://127.0.0.1:8090");
        System.out.printf("  %-18s %s%n", "Kafka", "127.0.0.1:9092");
        System.out.printf("  %-18s %s%n", "S3", "http://127.0.0.1:9000  (key modelway / modelway-secret, bucket modelway)");
        System.out.printf("  %-18s %s%n", "PostgreSQL", "127.0.0.1:5432/modelway  (modelway / modelway)");
        System.out.println("  OpenAPI of each service: <url>/v3/api-docs, metrics: :81xx/actuator/prometheus (port + 100)");
        System.out.println();
        System.out.println("  Console logins (user / password): viewer, client, engineer, ops, admin / "
                + credentials.demoPassword());
        System.out.println("  Tokens for scripts: curl -H \"Authorization: Bearer $(./modelway token engineer)\" ...");
        System.out.println();
    }

    private static int demo(StackLayout layout) throws Exception {
        Instant started = Instant.ofEpochMilli(Long.getLong("modelway.started", System.currentTimeMillis()));
        LocalStack stack = new LocalStack(layout);
        boolean allUp = StackLayout.SERVICES.stream().allMatch(s -> stack.healthy(s.url()));
        if (!allUp) {
            if (running(layout).isPresent()) {
                LocalStack.log("A stack is starting or unhealthy; waiting for it");
            } else {
                startInBackground(layout);
            }
            waitForPipeline(layout, stack, Duration.ofMinutes(5));
            printUrls(stack.credentials());
        }
        int exit = new Demo(layout.root(), new DemoTokens(stack.credentials())).run(started);
        LocalStack.log("The stack keeps running: dashboard http://127.0.0.1:8090; ./modelway down stops it");
        return exit;
    }

    private static void startInBackground(StackLayout layout) throws Exception {
        Path log = layout.logs().resolve("launcher.log");
        LocalStack.log("Starting the stack in the background (log: " + log + ")");
        List<String> command = new ArrayList<>();
        // Its own session, so closing this terminal does not stop the stack; ./modelway down does.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(KafkaServerProcess.javaBinary(), "-cp", System.getProperty("java.class.path"),
                "-Dmodelway.root=" + layout.root(), Launcher.class.getName(), "up"));
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private static void waitForPipeline(StackLayout layout, LocalStack stack, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        // The stack in the background writes its pid file within its first seconds; until then it is not missing.
        Instant pidFileDue = Instant.now().plusSeconds(3);
        // The pipeline's services are enough to run it; the console comes up beside it.
        while (!StackLayout.PIPELINE.stream().allMatch(s -> stack.healthy(s.url()))) {
            if (Instant.now().isAfter(pidFileDue) && running(layout).isEmpty()) {
                throw new IllegalStateException("The stack stopped while starting; see " + layout.logs().resolve("launcher.log"));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The stack did not come up; see " + layout.logs());
            }
            Thread.sleep(250);
        }
    }

    private static int down(StackLayout layout) throws InterruptedException {
        Optional<ProcessHandle> running = running(layout);
        if (running.isEmpty()) {
            LocalStack.log("No stack is running");
            return 0;
        }
        LocalStack.log("Stopping the stack (pid " + running.get().pid() + ")");
        running.get().destroy();
        for (int i = 0; i < 120 && running.get().isAlive(); i++) {
            Thread.sleep(500);
        }
        if (running.get().isAlive()) {
            LocalStack.log("Still running after 60 s; see .modelway/logs/launcher.log");
            return 1;
        }
        LocalStack.log("Stopped");
        return 0;
    }

    private static int status(StackLayout layout) {
        LocalStack stack = new LocalStack(layout);
        boolean allUp = true;
        for (StackLayout.Service service : StackLayout.SERVICES) {
            boolean up = stack.healthy(service.url());
            allUp &= up;
            System.out.printf("  %-18s %-5s %s%n", service.module(), up ? "UP" : "DOWN", service.url());
        }
        return allUp ? 0 : 1;
    }

    /** Prints an access token of the demo client with the role, for scripts: {@code ./modelway token engineer}. */
    private static int token(StackLayout layout, String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: ./modelway token <role>   (one of " + String.join(", ", DemoTokens.ROLES) + ")");
            return 2;
        }
        LocalStack stack = new LocalStack(layout);
        if (!stack.healthy(StackLayout.ISSUER)) {
            System.err.println("The issuer at " + StackLayout.ISSUER + " does not answer: start the stack with "
                    + "./modelway up");
            return 1;
        }
        try {
            System.out.println(new DemoTokens(stack.credentials()).token(args[1]));
            return 0;
        } catch (IllegalArgumentException | ModelwayException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private static Optional<ProcessHandle> running(StackLayout layout) {
        try {
            long pid = Long.parseLong(Files.readString(layout.pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (java.io.IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int help() {
        System.out.println("""
                Usage: ./modelway <command>
                  up      start Kafka, S3, PostgreSQL, the issuer and the five services here; Ctrl-C stops them
                  demo    start the stack if needed, run the penguins pipeline, print a prediction
                  down    stop a running stack (state stays in .modelway/)
                  status  health of each service
                  token   <role>: an access token of the demo client with that role (viewer, client, engineer,
                          ops, admin), for curl -H "Authorization: Bearer $(./modelway token engineer)\"""");
        return 2;
    }
}
