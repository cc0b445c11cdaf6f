package io.modelway.launcher;

import io.modelway.test.KafkaServerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * The whole platform on this machine, no Docker: PostgreSQL from real binaries, an S3 server (S3Proxy)
 * on the local disk, a Kafka broker process, the issuer and the five services as separate processes, all keeping
 * their state under {@code .modelway/} and listening on this machine's loopback address only.
 */
final class LocalStack implements AutoCloseable {

    static final String S3_ACCESS_KEY = "modelway";
    static final String S3_SECRET_KEY = "modelway-secret";

    private final StackLayout layout;
    private final StackCredentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> services = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private S3Proxy s3;
    private Process kafka;
    private final ClassDataArchives archives;

    LocalStack(StackLayout layout) {
        this.layout = layout;
        this.credentials = StackCredentials.load(layout.state());
        this.archives = new ClassDataArchives(layout);
    }

    void start() throws Exception {
        checkPortsFree();
        Instant started = Instant.now();
        // The broker starts in its own JVM while PostgreSQL and the S3 store start here. The services start before
        // the broker listens: each needs tens of seconds before it first connects, and their clients retry until then.
        log("Starting Kafka (KRaft) on :" + StackLayout.KAFKA_PORT);
        kafka = KafkaServerProcess.start(layout.dir("kafka"), StackLayout.KAFKA_PORT, StackLayout.KAFKA_CONTROLLER_PORT,
                layout.libClasspath(), layout.logs().resolve("kafka.log"), "512m", brokerOptions()).process();
        log("Starting PostgreSQL on :" + StackLayout.POSTGRES_PORT);
        startPostgres();
        log("Starting S3 store on :" + StackLayout.S3_PORT + " (" + layout.dir("s3") + ")");
        startS3();
        Map<StackLayout.Service, Path> jars = new ExtractedJars(layout).prepare(StackLayout.SERVICES);
        for (StackLayout.Service service : StackLayout.PIPELINE) {
            log("Starting " + service.module() + " on :" + service.port());
            services.add(startService(service, jars.get(service)));
        }
        waitForPort("Kafka", StackLayout.KAFKA_PORT, Duration.ofSeconds(60), kafka);
        for (int i = 0; i < services.size(); i++) {
            waitForHealth(StackLayout.PIPELINE.get(i), services.get(i), Duration.ofMinutes(3));
        }
        log("Starting " + StackLayout.DASHBOARD.module() + " on :" + StackLayout.DASHBOARD.port());
        Process dashboard = startService(StackLayout.DASHBOARD, jars.get(StackLayout.DASHBOARD));
        services.add(dashboard);
        waitForHealth(StackLayout.DASHBOARD, dashboard, Duration.ofMinutes(3));
        log("All services up in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        archives.buildMissing(jars);
    }

    private void checkPortsFree() {
        List<Integer> ports = new ArrayList<>(List.of(StackLayout.POSTGRES_PORT, StackLayout.S3_PORT,
                StackLayout.KAFKA_PORT, StackLayout.KAFKA_CONTROLLER_PORT));
        StackLayout.SERVICES.forEach(s -> ports.add(s.port()));
        for (int port : ports) {
            if (listening(port)) {
                throw new IllegalStateException("Port " + port + " is already in use. Is a Modelway stack running? "
                        + "Stop it with ./modelway down");
            }
        }
    }

    private void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder()
                .setPort(StackLayout.POSTGRES_PORT)
                .setDataDirectory(layout.dir("postgres"))
                .setCleanDataDirectory(false)
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet role = s.executeQuery("select 1 from pg_roles where rolname = 'modelway'")) {
                if (!role.next()) {
                    s.execute("create role modelway login password 'modelway'");
                }
            }
            try (ResultSet db = s.executeQuery("select 1 from pg_database where datname = 'modelway'")) {
                if (!db.next()) {
                    s.execute("create database modelway owner modelway");
                }
            }
        }
    }

    private void startS3() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", layout.dir("s3").toString());
        s3 = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem-nio2", properties))
                .endpoint(URI.create("http://127.0.0.1:" + StackLayout.S3_PORT))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_ACCESS_KEY, S3_SECRET_KEY)
                .build();
        s3.start();
        while (!"STARTED".equals(s3.getState())) {
            Thread.sleep(10);
        }
    }

    /**
     * The broker starts on the quick compiler like the services; when MODELWAY_JVM_OPTS asks the services for
     * another compiler (for throughput), the broker gets it too, since every prediction passes through it.
     */
    private static List<String> brokerOptions() {
        if (System.getenv("MODELWAY_JVM_OPTS") == null) {
            return KafkaServerProcess.QUICK;
        }
        List<String> broker = new ArrayList<>(List.of("-XX:+UseSerialGC"));
        broker.addAll(jvmOptions());
        return broker;
    }

    /**
     * Five JVMs start at once on a small machine: the quick C1 compiler alone halves their start-up.
     * MODELWAY_JVM_OPTS replaces this default (for example with nothing, for full C2 throughput).
     */
    private static List<String> jvmOptions() {
        String options = System.getenv().getOrDefault("MODELWAY_JVM_OPTS", "-XX:TieredStopAtLevel=1");
        return Arrays.stream(options.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }

    private Process startService(StackLayout.Service service, Path jar) throws IOException {
        List<String> command = new ArrayList<>(List.of(KafkaServerProcess.javaBinary(), "-Xmx" + service.heap(),
                service.collector()));
        command.addAll(jvmOptions());
        command.add(ClassDataArchives.option(jar));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(layout.logs().resolve(service.module() + ".log").toFile());
        builder.environment().putAll(environment(service.module()));
        return builder.start();
    }

    /**
     * The configuration a service reads from env vars, the same names compose and k8s set: the infrastructure, the
     * issuer every service trusts and its own client secret; the issuer gets every client's secret and seeds the
     * demo users and clients.
     */
    Map<String, String> environment(String module) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        env.put("MODELWAY_OIDC_ISSUER", StackLayout.ISSUER);
        if (module.equals("auth-server")) {
            env.put("MODELWAY_AUTH_DEMO", "true");
            env.put("MODELWAY_AUTH_DEMO_PASSWORD", credentials.demoPassword());
            env.put("MODELWAY_CONSOLE_URL", StackLayout.CONSOLE);
            env.put("MODELWAY_INGEST_CLIENT_SECRET", credentials.clientSecret("ingest-service"));
            env.put("MODELWAY_TRAINING_CLIENT_SECRET", credentials.clientSecret("training-service"));
            env.put("MODELWAY_REGISTRY_CLIENT_SECRET", credentials.clientSecret("model-registry"));
            env.put("MODELWAY_SERVING_CLIENT_SECRET", credentials.clientSecret("serving-api"));
            env.put("MODELWAY_DASHBOARD_CLIENT_SECRET", credentials.clientSecret("dashboard"));
        } else {
            env.put("MODELWAY_OIDC_CLIENT_SECRET", credentials.clientSecret(module));
        }
        env.put("MODELWAY_DB_URL", "jdbc:postgresql://127.0.0.1:" + StackLayout.POSTGRES_PORT + "/modelway");
        env.put("MODELWAY_DB_USER", "modelway");
        env.put("MODELWAY_DB_PASSWORD", "modelway");
        env.put("MODELWAY_KAFKA_BROKERS", "127.0.0.1:" + StackLayout.KAFKA_PORT);
        env.put("MODELWAY_S3_ENDPOINT", "http://127.0.0.1:" + StackLayout.S3_PORT);
        env.put("MODELWAY_S3_ACCESS_KEY", S3_ACCESS_KEY);
        env.put("MODELWAY_S3_SECRET_KEY", S3_SECRET_KEY);
        env.put("OMP_NUM_THREADS", "1");
        return env;
    }

    private void waitForHealth(StackLayout.Service service, Process process, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module() + " exited with code " + process.exitValue() + "; see "
                        + layout.logs().resolve(service.module() + ".log"));
            }
            if (healthy(service.url())) {
                log(service.module() + " is up: " + service.url());
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.module() + " not healthy after " + timeout.toSeconds() + " s; see "
                + layout.logs().resolve(service.module() + ".log"));
    }

    boolean healthy(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/readyz"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void waitForPort(String what, int port, Duration timeout, Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!listening(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " did not start; see .modelway/logs/kafka.log");
            }
            Thread.sleep(200);
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the services first (they flush to Kafka, S3 and the database), then the infrastructure. */
    @Override
    public void close() {
        archives.close();
        services.forEach(Process::destroy);
        services.forEach(process -> stop(process, Duration.ofSeconds(30)));
        if (kafka != null) {
            stop(kafka, Duration.ofSeconds(30));
        }
        try {
            if (s3 != null) {
                s3.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            log("Could not stop cleanly: " + e);
        }
        log("Stopped.");
    }

    private static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    StackCredentials credentials() {
        return credentials;
    }

    static void log(String message) {
        System.out.println("[modelway] " + message);
    }
}
