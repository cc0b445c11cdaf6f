package io.modelway.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The files that run Modelway outside the local stack, checked with the tools that read them
 * (docker-compose, kubectl kustomize, promtool; {@code .ci/run} installs them) and against each
 * service's own application.yml, so a variable or port added to a service cannot be forgotten in
 * compose or Kubernetes.
 */
public class DeploymentFilesTests {

    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Placeholders with a default that is right in every environment; all others must be set. */
    private static final Set<String> TUNING_VARIABLES = Set.of("MODELWAY_SERVING_ALIAS",
            "MODELWAY_STREAM_WINDOW_ROWS", "MODELWAY_STREAM_WINDOW_TIME", "MODELWAY_SERVING_BATCH_ROWS",
            "MODELWAY_SERVING_BATCH_WAIT", "MODELWAY_SERVING_WORKERS", "MODELWAY_SERVING_ENGINE",
            "MODELWAY_DRIFT_WINDOW_ROWS", "MODELWAY_DASHBOARD_REPLAY");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(MODELWAY_[A-Z0-9_]+|PORT):([^}]*)}");

    @Test
    void composeFileIsValid() {
        OpsTool.require("docker-compose");
        OpsTool.Result result = OpsTool.run(ROOT, "docker-compose", "-f", "docker-compose.yml", "config", "-q");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeBuildsEachServiceFromItsModuleAndSetsEveryVariableItReads() throws IOException {
        OpsTool.require("docker-compose");
        OpsTool.Result result = OpsTool.run(ROOT, "docker-compose", "-f", "docker-compose.yml", "config");
        assertThat(result.exitCode()).as(result.output()).isZero();
        Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(result.output()))
                .get("services");

        assertThat(services).containsKeys("kafka", "minio", "postgres", "prometheus", "grafana");
        for (ServiceModule module : ServiceModule.ALL) {
            Map<String, Object> service = (Map<String, Object>) services.get(module.name());
            assertThat(service).as(module.name()).isNotNull();
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(build.get("dockerfile")).isEqualTo(module.name() + "/Dockerfile");
            assertThat(ROOT.resolve(module.name()).resolve("Dockerfile")).isRegularFile();
            assertThat(Files.readString(ROOT.resolve(module.name()).resolve("Dockerfile")))
                    .contains("EXPOSE " + module.port(), "/readyz");

            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(String.valueOf(environment.get("PORT"))).isEqualTo(Integer.toString(module.port()));
            assertThat(environment.keySet()).as("variables of " + module.name())
                    .containsAll(requiredVariables(module));
            // docker-compose normalises each published port to {published, target, ...}.
            assertThat((List<Map<String, Object>>) service.get("ports")).as("ports of " + module.name())
                    .anyMatch(p -> String.valueOf(p.get("target")).equals(Integer.toString(module.port()))
                            && String.valueOf(p.get("published")).equals(Integer.toString(module.port())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void kustomizeOverlayRendersEveryServiceWithProbesPortsAndConfiguration(String overlay) throws IOException {
        List<Map<String, Object>> documents = Kustomize.render(ROOT.resolve("k8s/overlays").resolve(overlay));
        Map<String, String> config = Kustomize.configMap(documents, "modelway-config");

        assertThat(Kustomize.names(documents, "StatefulSet")).containsExactlyInAnyOrder("kafka", "minio", "postgres");
        assertThat(Kustomize.names(documents, "Deployment")).contains("prometheus", "grafana");
        for (ServiceModule module : ServiceModule.ALL) {
            Kustomize.Container container = Kustomize.container(documents, module.name());
            assertThat(container.image()).contains("modelway/" + module.name() + ":");
            assertThat(container.port("http")).as(module.name()).isEqualTo(module.port());
            assertThat(container.probePath("livenessProbe")).isEqualTo("/livez");
            assertThat(container.probePath("startupProbe")).isEqualTo("/livez");
            assertThat(container.probePath("readinessProbe")).isEqualTo("/readyz");
            assertThat(container.env().get("PORT")).isEqualTo(Integer.toString(module.port()));
            assertThat(container.envFromConfigMaps()).singleElement().asString().startsWith("modelway-config");
            assertThat(container.envFromSecrets()).containsExactly("modelway-credentials");

            Set<String> provided = new HashSet<>(config.keySet());
            provided.addAll(container.env().keySet());
            provided.addAll(Kustomize.CREDENTIAL_KEYS);
            assertThat(provided).as("variables of " + module.name()).containsAll(requiredVariables(module));
            assertThat(Kustomize.service(documents, module.name())).as("Service of " + module.name()).isNotNull();
            assertThat(Kustomize.service(documents, module.name() + "-pods")).as("headless Service").isNotNull();
        }
    }

    @Test
    void productionTakesCredentialsFromTheClusterAndScalesServing() throws IOException {
        List<Map<String, Object>> documents = Kustomize.render(ROOT.resolve("k8s/overlays/production"));
        assertThat(Kustomize.names(documents, "Secret")).isEmpty();
        assertThat(Kustomize.names(documents, "HorizontalPodAutoscaler")).containsExactly("serving-api");
        assertThat(Kustomize.replicas(documents, "serving-api")).isEqualTo(3);

        List<Map<String, Object>> local = Kustomize.render(ROOT.resolve("k8s/overlays/local"));
        assertThat(Kustomize.names(local, "Secret")).containsExactly("modelway-credentials");
        assertThat(Kustomize.secretKeys(local, "modelway-credentials")).containsExactlyInAnyOrderElementsOf(
                Kustomize.CREDENTIAL_KEYS);
    }

    @Test
    void prometheusConfigurationsAndAlertRulesAreValid() {
        OpsTool.require("promtool");
        Path prometheus = ROOT.resolve("observability/prometheus");
        for (String file : List.of("prometheus.yml", "prometheus-k8s.yml")) {
            OpsTool.Result config = OpsTool.run(prometheus, "promtool", "check", "config", "--syntax-only", file);
            assertThat(config.exitCode()).as(config.output()).isZero();
        }
        OpsTool.Result rules = OpsTool.run(prometheus, "promtool", "check", "rules", "rules/modelway-alerts.yml");
        assertThat(rules.exitCode()).as(rules.output()).isZero();
    }

    @Test
    void alertRulesFireOnTheirUnitTestSeries() {
        OpsTool.require("promtool");
        OpsTool.Result result = OpsTool.run(ROOT.resolve("observability/prometheus"), "promtool", "test", "rules",
                "tests/modelway-alerts-test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyGrafanaDashboardIsValidJsonOnTheProvisionedDatasourceAndReachesKubernetes() throws IOException {
        List<Path> dashboards = dashboards();
        String kustomization = Files.readString(ROOT.resolve("observability/kustomization.yaml"));
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(2);
        for (Path dashboard : dashboards) {
            assertThatCode(() -> MetricQueries.fromDashboard(dashboard)).as(dashboard.toString()).doesNotThrowAnyException();
            assertThat(MetricQueries.fromDashboard(dashboard).datasourceUids()).as(dashboard.toString())
                    .containsExactly("modelway-prometheus");
            assertThat(kustomization).as("grafana-dashboards config map").contains("grafana/dashboards/"
                    + dashboard.getFileName());
        }
    }

    /** The dashboards Grafana provisions: every JSON file of {@code observability/grafana/dashboards}. */
    public static List<Path> dashboards() throws IOException {
        try (var files = Files.list(ROOT.resolve("observability/grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every MODELWAY_* (and PORT) placeholder the service's application.yml reads, but the tuning ones. */
    static Set<String> requiredVariables(ServiceModule module) throws IOException {
        String yaml = Files.readString(ROOT.resolve(module.name()).resolve("src/main/resources/application.yml"));
        Matcher matcher = PLACEHOLDER.matcher(yaml);
        Set<String> variables = new HashSet<>();
        while (matcher.find()) {
            if (!TUNING_VARIABLES.contains(matcher.group(1))) {
                variables.add(matcher.group(1));
            }
        }
        assertThat(yaml).as("default port of " + module.name()).contains("${PORT:" + module.port() + "}");
        return variables;
    }

    /** A service module and the port it listens on by default. */
    record ServiceModule(String name, int port) {
        static final List<ServiceModule> ALL = List.of(new ServiceModule("serving-api", 8080),
                new ServiceModule("ingest-service", 8081), new ServiceModule("training-service", 8082),
                new ServiceModule("model-registry", 8083), new ServiceModule("dashboard", 8090));
    }
}
