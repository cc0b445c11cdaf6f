package io.modelway.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.security.Role;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
            "MODELWAY_DRIFT_WINDOW_ROWS", "MODELWAY_MONITOR_CHECKPOINT_TOPIC", "MODELWAY_MONITOR_CHECKPOINT_INTERVAL",
            "MODELWAY_MONITOR_JOIN_HORIZON", "MODELWAY_OIDC_ROLES_CLAIM",
            "MODELWAY_OIDC_AUDIENCE", "MODELWAY_OIDC_CLIENT_ID", "MODELWAY_OIDC_CLIENT_SCOPES", "MODELWAY_API_KEYS_URL",
            "MODELWAY_PROTECTED_ALIASES", "MODELWAY_SECURE_COOKIES", "MODELWAY_AUTH_ACCESS_TOKEN_TTL",
            "MODELWAY_AUTH_REFRESH_TOKEN_TTL", "MODELWAY_AUTH_ADMIN_USER", "MODELWAY_AUTH_ADMIN_PASSWORD",
            "MODELWAY_MODEL_SIGNING_KEYS", "MODELWAY_MODEL_MAX_NETWORK_SIZE", "MODELWAY_PREDICTION_LOG_BUFFER",
            "MODELWAY_INGEST_MAX_UPLOAD_SIZE", "MODELWAY_INGEST_MAX_DECOMPRESSED_SIZE", "MODELWAY_INGEST_MAX_COMPRESSION_RATIO",
            "MODELWAY_INGEST_MAX_COLUMNS",
            "MODELWAY_REGISTRY_MAX_ARTIFACT_SIZE", "MODELWAY_REGISTRY_MAX_VERSION_SIZE", "MODELWAY_DB_POOL_TIMEOUT",
            "MODELWAY_DB_CONNECT_TIMEOUT", "MODELWAY_DB_READ_TIMEOUT", "MODELWAY_SERVING_REGISTRY_TIMEOUT",
            "MODELWAY_SERVING_DOWNLOAD_TIMEOUT", "MODELWAY_SERVING_RESYNC_INTERVAL", "MODELWAY_TRAINING_LEASE",
            "MODELWAY_TRAINING_MAX_ATTEMPTS", "MODELWAY_KAFKA_SEND_TIMEOUT_MS", "MODELWAY_CONSUMER_MAX_ATTEMPTS");

    /** The issuer as browsers reach it (the {@code iss} of its tokens) and as containers do, in compose and local. */
    private static final String ISSUER = "http://localhost:8084";
    private static final String INTERNAL_ISSUER = "http://auth-server:8084";

    /** The variable under which auth-server reads each service's client secret; the service reads it as its own. */
    private static final Map<String, String> CLIENT_SECRET_KEYS = Map.of(
            "serving-api", "MODELWAY_SERVING_CLIENT_SECRET", "ingest-service", "MODELWAY_INGEST_CLIENT_SECRET",
            "training-service", "MODELWAY_TRAINING_CLIENT_SECRET", "model-registry", "MODELWAY_REGISTRY_CLIENT_SECRET",
            "dashboard", "MODELWAY_DASHBOARD_CLIENT_SECRET");

    /** Whose database user and object-store key each service has: the suffix of its keys in the Secret. */
    private static final Map<String, String> SERVICE_CREDENTIALS = Map.of("ingest-service", "INGEST",
            "training-service", "TRAINING", "model-registry", "REGISTRY", "auth-server", "AUTH");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(MODELWAY_[A-Z0-9_]+|PORT):([^}]*)}");
    private static final Pattern DEFAULT_ADDRESS = Pattern.compile("\\$\\{MODELWAY_[A-Z_]+_URL:([^}]+)}(.*)");

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
            // One Dockerfile for every service, told which one by its build arguments.
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(build.get("dockerfile")).isEqualTo("Dockerfile");
            Map<String, Object> args = (Map<String, Object>) build.get("args");
            assertThat(String.valueOf(args.get("MODULE"))).isEqualTo(module.name());
            assertThat(String.valueOf(args.get("PORT"))).isEqualTo(Integer.toString(module.port()));
            assertThat(String.valueOf(args.get("MANAGEMENT_PORT"))).isEqualTo(Integer.toString(module.managementPort()));
            assertThat(ROOT.resolve(module.name()).resolve("Dockerfile")).doesNotExist();

            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(String.valueOf(environment.get("PORT"))).isEqualTo(Integer.toString(module.port()));
            assertThat(environment.keySet()).as("variables of " + module.name())
                    .containsAll(requiredVariables(module));
            assertThat(String.valueOf(environment.get("MODELWAY_OIDC_ISSUER"))).as(module.name()).isEqualTo(ISSUER);
            // docker-compose normalises each published port to {published, target, ...}.
            List<Map<String, Object>> ports = (List<Map<String, Object>>) service.get("ports");
            assertThat(ports).as("ports of " + module.name())
                    .anyMatch(p -> String.valueOf(p.get("target")).equals(Integer.toString(module.port()))
                            && String.valueOf(p.get("published")).equals(Integer.toString(module.port())))
                    .noneMatch(p -> String.valueOf(p.get("target")).equals(Integer.toString(module.managementPort())));
        }
    }

    @Test
    void theOneDockerfileBuildsTheModuleItIsGivenAndProbesItsPort() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG MODULE", "-pl \"${MODULE}\" -am package", "EXPOSE ${PORT}",
                "EXPOSE ${MANAGEMENT_PORT}", "http://127.0.0.1:${PORT}/readyz", "USER 10001",
                "-XX:MaxRAMPercentage=${HEAP_PERCENT}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composePublishesInfrastructureOnLoopbackOnlyAndGivesEachServiceItsOwnCredentials() {
        Map<String, Object> services = composeServices();
        for (String infrastructure : List.of("kafka", "minio", "postgres", "prometheus")) {
            Object ports = ((Map<String, Object>) services.get(infrastructure)).get("ports");
            if (ports != null) {
                assertThat((List<Object>) ports).as("ports of " + infrastructure).isNotEmpty()
                        .allSatisfy(p -> assertThat(String.valueOf(p)).startsWith("127.0.0.1:"));
            }
        }
        Map<String, String> postgres = environment(services, "postgres");
        Map<String, String> minio = environment(services, "minio");
        Map<String, String> minioUsers = environment(services, "minio-users");
        Set<String> dbUsers = new HashSet<>();
        Set<String> s3Keys = new HashSet<>();
        for (ServiceModule module : ServiceModule.ALL) {
            Map<String, String> environment = environment(services, module.name());
            // Neither the database superuser nor the object store's root key reaches a service.
            assertThat(environment.values()).as(module.name())
                    .doesNotContain(postgres.get("POSTGRES_PASSWORD"), minio.get("MINIO_ROOT_PASSWORD"));
            String dbUser = environment.get("MODELWAY_DB_USER");
            if (dbUser != null) {
                assertThat(dbUser).as(module.name()).isNotEqualTo(postgres.get("POSTGRES_USER"));
                assertThat(environment.get("MODELWAY_DB_PASSWORD")).as(module.name())
                        .isEqualTo(postgres.get("MODELWAY_DB_PASSWORD_" + dbUser.toUpperCase(java.util.Locale.ROOT)));
                dbUsers.add(dbUser);
            }
            String s3Key = environment.get("MODELWAY_S3_ACCESS_KEY");
            if (s3Key != null) {
                String suffix = minioUsers.entrySet().stream().filter(e -> e.getValue().equals(s3Key)).findFirst()
                        .orElseThrow(() -> new AssertionError(module.name() + "'s key is made by no one")).getKey()
                        .replace("MODELWAY_S3_ACCESS_KEY_", "");
                assertThat(environment.get("MODELWAY_S3_SECRET_KEY")).as(module.name())
                        .isEqualTo(minioUsers.get("MODELWAY_S3_SECRET_KEY_" + suffix));
                s3Keys.add(s3Key);
            }
        }
        assertThat(dbUsers).containsExactlyInAnyOrder("ingest", "training", "registry", "auth");
        assertThat(s3Keys).hasSize(3);
        assertThat(environment(services, "serving-api")).doesNotContainKeys("MODELWAY_DB_USER", "MODELWAY_S3_ACCESS_KEY");
        assertThat((List<Object>) ((Map<String, Object>) services.get("postgres")).get("volumes"))
                .anyMatch(v -> String.valueOf(v).contains("/docker-entrypoint-initdb.d/service-users.sh"));
        assertThat(dependsOn(services, "model-registry")).containsKey("minio-users");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeGivesEachServiceTheClientSecretTheIssuerRegistersAndStartsItFirst() {
        Map<String, Object> services = composeServices();
        Map<String, String> issuer = environment(services, ServiceModule.ISSUER);
        assertThat(issuer).containsEntry("MODELWAY_AUTH_DEMO", "true");
        assertThat(issuer.get("MODELWAY_AUTH_DEMO_PASSWORD")).isNotBlank();
        assertThat(dependsOn(services, ServiceModule.ISSUER)).containsOnlyKeys("postgres");

        Set<String> secrets = new HashSet<>();
        for (ServiceModule module : ServiceModule.ALL) {
            if (module.isIssuer()) {
                continue;
            }
            Map<String, String> environment = environment(services, module.name());
            String secret = environment.get("MODELWAY_OIDC_CLIENT_SECRET");
            assertThat(secret).as("client secret of " + module.name()).isNotBlank()
                    .isEqualTo(issuer.get(CLIENT_SECRET_KEYS.get(module.name())));
            secrets.add(secret);
            assertThat(environment).as(module.name()).containsEntry("MODELWAY_OIDC_INTERNAL_URL", INTERNAL_ISSUER);
            // A service that waits for anything waits for the issuer too.
            Map<String, Object> dependsOn = dependsOn(services, module.name());
            if (!dependsOn.isEmpty()) {
                assertThat(dependsOn).as("depends_on of " + module.name()).containsKey(ServiceModule.ISSUER);
                assertThat(((Map<String, Object>) dependsOn.get(ServiceModule.ISSUER)).get("condition"))
                        .isEqualTo("service_healthy");
            }
        }
        assertThat(secrets).as("one secret per client").hasSize(CLIENT_SECRET_KEYS.size());
    }

    @Test
    void composeGrafanaLogsInThroughTheIssuerOnly() {
        Map<String, Object> services = composeServices();
        Map<String, String> issuer = environment(services, ServiceModule.ISSUER);
        Map<String, String> grafana = environment(services, "grafana");

        assertGrafanaLogsInThroughTheIssuerOnly(grafana, ISSUER, INTERNAL_ISSUER, issuer.get("MODELWAY_GRAFANA_URL"));
        assertThat(grafana.get("GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET")).isNotBlank()
                .isEqualTo(issuer.get("MODELWAY_GRAFANA_CLIENT_SECRET"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void kustomizeOverlayRendersEveryServiceWithProbesPortsAndConfiguration(String overlay) throws IOException {
        List<Map<String, Object>> documents = Kustomize.render(ROOT.resolve("k8s/overlays").resolve(overlay));
        Map<String, String> config = Kustomize.configMap(documents, "modelway-config");

        assertThat(Kustomize.names(documents, "StatefulSet")).containsExactlyInAnyOrder("kafka", "minio", "postgres");
        assertThat(Kustomize.names(documents, "Deployment")).contains("prometheus", "grafana");
        assertThat(config).containsEntry("MODELWAY_OIDC_INTERNAL_URL", INTERNAL_ISSUER);
        for (ServiceModule module : ServiceModule.ALL) {
            Kustomize.Container container = Kustomize.container(documents, module.name());
            assertThat(container.image()).contains("modelway/" + module.name() + ":");
            assertThat(container.port("http")).as(module.name()).isEqualTo(module.port());
            assertThat(container.port("management")).as(module.name()).isEqualTo(module.managementPort());
            assertThat(container.probePath("livenessProbe")).isEqualTo("/livez");
            assertThat(container.probePath("startupProbe")).isEqualTo("/livez");
            assertThat(container.probePath("readinessProbe")).isEqualTo("/readyz");
            assertThat(container.env().get("PORT")).isEqualTo(Integer.toString(module.port()));
            assertThat(container.envFromConfigMaps()).singleElement().asString().startsWith("modelway-config");

            Set<String> provided = new HashSet<>(config.keySet());
            provided.addAll(container.env().keySet());
            provided.addAll(container.secretKeyRefs().keySet());
            // Its own database user and object-store key, never the superuser's or the root key.
            Map<String, Kustomize.SecretKey> expected = new HashMap<>();
            String owner = SERVICE_CREDENTIALS.get(module.name());
            if (owner != null) {
                assertThat(container.env()).as(module.name()).containsEntry("MODELWAY_DB_USER", owner.toLowerCase(java.util.Locale.ROOT));
                expected.put("MODELWAY_DB_PASSWORD", new Kustomize.SecretKey(Kustomize.SERVICE_CREDENTIALS,
                        "MODELWAY_DB_PASSWORD_" + owner));
                if (!module.isIssuer()) {
                    expected.put("MODELWAY_S3_ACCESS_KEY", new Kustomize.SecretKey(Kustomize.SERVICE_CREDENTIALS,
                            "MODELWAY_S3_ACCESS_KEY_" + owner));
                    expected.put("MODELWAY_S3_SECRET_KEY", new Kustomize.SecretKey(Kustomize.SERVICE_CREDENTIALS,
                            "MODELWAY_S3_SECRET_KEY_" + owner));
                }
            }
            if (module.isIssuer()) {
                // Only the issuer reads every client's secret.
                assertThat(container.envFromSecrets()).containsExactly(Kustomize.OIDC_CLIENTS);
                provided.addAll(Kustomize.OIDC_CLIENT_KEYS);
            } else {
                assertThat(container.envFromSecrets()).as(module.name()).isEmpty();
                expected.put("MODELWAY_OIDC_CLIENT_SECRET", new Kustomize.SecretKey(Kustomize.OIDC_CLIENTS,
                        CLIENT_SECRET_KEYS.get(module.name())));
            }
            assertThat(container.secretKeyRefs()).as("Secret keys of " + module.name())
                    .containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(provided).as("variables of " + module.name()).containsAll(requiredVariables(module));

            // Metrics are on the management port: Prometheus finds it on the headless Service, the public one has none.
            assertThat(Kustomize.servicePorts(documents, module.name())).as("Service of " + module.name())
                    .containsOnly(Map.entry("http", module.port() + "/http"));
            assertThat(Kustomize.servicePorts(documents, module.name() + "-pods")).as("headless Service")
                    .containsOnly(Map.entry("http", module.port() + "/http"),
                            Map.entry("management", module.managementPort() + "/management"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void kubernetesGrafanaLogsInThroughTheIssuerOnly(String overlay) {
        List<Map<String, Object>> documents = Kustomize.render(ROOT.resolve("k8s/overlays").resolve(overlay));
        Map<String, String> config = Kustomize.configMap(documents, "modelway-config");
        Kustomize.Container grafana = Kustomize.container(documents, "grafana");

        assertGrafanaLogsInThroughTheIssuerOnly(grafana.resolvedEnv(config), config.get("MODELWAY_OIDC_ISSUER"),
                config.get("MODELWAY_OIDC_INTERNAL_URL"), config.get("MODELWAY_GRAFANA_URL"));
        assertThat(grafana.secretKeyRefs()).containsOnly(Map.entry("GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET",
                new Kustomize.SecretKey(Kustomize.OIDC_CLIENTS, "MODELWAY_GRAFANA_CLIENT_SECRET")));
    }

    @Test
    void onlyTheLocalIssuerSeedsDemoUsersAndProductionNamesPublicHttpsAddresses() {
        Map<String, String> local = Kustomize.configMap(Kustomize.render(ROOT.resolve("k8s/overlays/local")),
                "modelway-config");
        assertThat(local).containsEntry("MODELWAY_AUTH_DEMO", "true").containsEntry("MODELWAY_OIDC_ISSUER", ISSUER)
                .containsEntry("MODELWAY_CONSOLE_URL", "http://localhost:8090")
                .containsEntry("MODELWAY_GRAFANA_URL", "http://localhost:3000");

        Map<String, String> production = Kustomize.configMap(
                Kustomize.render(ROOT.resolve("k8s/overlays/production")), "modelway-config");
        assertThat(production).containsEntry("MODELWAY_AUTH_DEMO", "false")
                .containsEntry("MODELWAY_SECURE_COOKIES", "true")
                .containsEntry("MODELWAY_OIDC_INTERNAL_URL", INTERNAL_ISSUER);
        for (String address : List.of("MODELWAY_OIDC_ISSUER", "MODELWAY_CONSOLE_URL", "MODELWAY_GRAFANA_URL")) {
            assertThat(production.get(address)).as(address).startsWith("https://");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKubernetesWorkloadRunsNonRootUnderRuntimeDefaultSeccompBehindDefaultDenyNetworkPolicies() {
        List<Map<String, Object>> documents = Kustomize.render(ROOT.resolve("k8s/overlays/local"));
        int workloads = 0;
        for (Map<String, Object> document : documents) {
            if (!List.of("Deployment", "StatefulSet", "Job").contains(document.get("kind"))) {
                continue;
            }
            workloads++;
            String name = (String) ((Map<String, Object>) document.get("metadata")).get("name");
            Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) document
                    .get("spec")).get("template")).get("spec");
            Map<String, Object> security = (Map<String, Object>) pod.get("securityContext");
            assertThat(security).as(name).containsEntry("runAsNonRoot", true)
                    .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
            for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
                Map<String, Object> own = (Map<String, Object>) container.get("securityContext");
                assertThat(own).as(name + " container").containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
            }
        }
        assertThat(workloads).isGreaterThanOrEqualTo(12);

        Map<String, Map<String, Object>> policies = new HashMap<>();
        documents.stream().filter(d -> "NetworkPolicy".equals(d.get("kind"))).forEach(d -> policies.put(
                (String) ((Map<String, Object>) d.get("metadata")).get("name"), (Map<String, Object>) d.get("spec")));
        Map<String, Object> deny = policies.get("default-deny");
        assertThat(deny).as("default-deny").isNotNull().containsEntry("podSelector", Map.of())
                .doesNotContainKeys("ingress", "egress");
        assertThat((List<String>) deny.get("policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
        for (String workload : List.of("kafka", "postgres", "minio", "auth-server", "ingest-service",
                "training-service", "model-registry", "serving-api", "dashboard", "prometheus", "grafana")) {
            assertThat(policies).as("who may reach " + workload).containsKey(workload + "-ingress");
        }
        // serving-api and the console hold no database credentials, and may not reach the database either.
        String toPostgres = String.valueOf(policies.get("postgres-ingress"));
        assertThat(toPostgres).contains("ingest-service", "training-service", "model-registry", "auth-server")
                .doesNotContain("serving-api", "dashboard");
    }

    @Test
    void productionTakesCredentialsFromTheClusterAndScalesServing() throws IOException {
        List<Map<String, Object>> documents = Kustomize.render(ROOT.resolve("k8s/overlays/production"));
        assertThat(Kustomize.names(documents, "Secret")).isEmpty();
        assertThat(Kustomize.names(documents, "HorizontalPodAutoscaler")).containsExactly("serving-api");
        assertThat(Kustomize.replicas(documents, "serving-api")).isEqualTo(3);

        List<Map<String, Object>> local = Kustomize.render(ROOT.resolve("k8s/overlays/local"));
        assertThat(Kustomize.names(local, "Secret")).containsExactlyInAnyOrder("modelway-credentials",
                Kustomize.OIDC_CLIENTS, Kustomize.SERVICE_CREDENTIALS);
        assertThat(Kustomize.secretKeys(local, "modelway-credentials")).containsExactlyInAnyOrderElementsOf(
                Kustomize.CREDENTIAL_KEYS);
        assertThat(Kustomize.secretKeys(local, Kustomize.OIDC_CLIENTS)).containsExactlyInAnyOrderElementsOf(
                Kustomize.OIDC_CLIENT_KEYS);
    }

    @Test
    void productionSaysHowToMakeEverySecretItExpects() throws IOException {
        String kustomization = Files.readString(ROOT.resolve("k8s/overlays/production/kustomization.yaml"));
        assertThat(kustomization).contains("create secret generic modelway-credentials",
                "create secret generic " + Kustomize.OIDC_CLIENTS, "create secret generic " + Kustomize.SERVICE_CREDENTIALS);
        Set<String> keys = new TreeSet<>(Kustomize.CREDENTIAL_KEYS);
        keys.addAll(Kustomize.secretKeys(Kustomize.render(ROOT.resolve("k8s/overlays/local")), Kustomize.SERVICE_CREDENTIALS));
        keys.addAll(Kustomize.OIDC_CLIENT_KEYS);
        // No demo users in production: a first administrator instead.
        keys.remove("MODELWAY_AUTH_DEMO_PASSWORD");
        keys.addAll(List.of("MODELWAY_AUTH_ADMIN_USER", "MODELWAY_AUTH_ADMIN_PASSWORD"));
        for (String key : keys) {
            assertThat(kustomization).contains("--from-literal=" + key + "=");
        }
        // The issuer reads each client's secret under the name the Secret gives it.
        assertThat(requiredVariables(ServiceModule.byName(ServiceModule.ISSUER)))
                .containsAll(CLIENT_SECRET_KEYS.values()).contains("MODELWAY_GRAFANA_CLIENT_SECRET");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceOnItsManagementPort() throws IOException {
        Map<String, String> expected = new HashMap<>();
        for (ServiceModule module : ServiceModule.ALL) {
            expected.put(module.name(), module.name() + ":" + module.managementPort());
        }

        Map<String, String> compose = new HashMap<>();
        for (Map<String, Object> target : (List<Map<String, Object>>) modelwayJob("prometheus.yml")
                .get("static_configs")) {
            List<String> targets = (List<String>) target.get("targets");
            assertThat(targets).hasSize(1);
            compose.put(String.valueOf(((Map<String, Object>) target.get("labels")).get("service")), targets.get(0));
        }
        assertThat(compose).as("prometheus.yml").isEqualTo(expected);

        Map<String, String> kubernetes = new HashMap<>();
        for (Map<String, Object> discovery : (List<Map<String, Object>>) modelwayJob("prometheus-k8s.yml")
                .get("dns_sd_configs")) {
            String headless = ((List<String>) discovery.get("names")).get(0);
            assertThat(headless).endsWith("-pods");
            String service = headless.substring(0, headless.length() - "-pods".length());
            kubernetes.put(service, service + ":" + discovery.get("port"));
        }
        assertThat(kubernetes).as("prometheus-k8s.yml").isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloakRealmHoldsModelwaysRolesAndTheIssuersClients() throws IOException {
        Map<String, Object> realm = ModelwayJson.read(
                Files.readString(ROOT.resolve("deploy/keycloak/modelway-realm.json")), Map.class);
        assertThat(realm).containsEntry("realm", "modelway");

        // The realm's composite roles carry exactly what Modelway's roles imply.
        Map<String, List<String>> composites = new HashMap<>();
        for (Map<String, Object> role : (List<Map<String, Object>>) child(realm, "roles").get("realm")) {
            composites.put(String.valueOf(role.get("name")),
                    (List<String>) child(role, "composites").getOrDefault("realm", List.of()));
        }
        assertThat(composites.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Role.values()).map(Role::wire).toList());
        for (Role role : Role.values()) {
            assertThat(effectiveRoles(role.wire(), composites)).as(role.wire()).isEqualTo(
                    Role.withImplied(List.of(role)).stream().map(Role::wire).collect(Collectors.toSet()));
        }

        Map<String, Map<String, Object>> scopes = byName((List<Map<String, Object>>) realm.get("clientScopes"),
                "name");
        String rolesScope = scopeWithClaim(scopes, "oidc-usermodel-realm-role-mapper", "realm_access.roles");
        String usernameScope = scopeWithClaim(scopes, "oidc-usermodel-attribute-mapper", "preferred_username");
        Map<String, Map<String, Object>> clients = byName((List<Map<String, Object>>) realm.get("clients"),
                "clientId");
        Map<String, List<String>> serviceAccountRoles = new HashMap<>();
        for (Map<String, Object> user : (List<Map<String, Object>>) realm.getOrDefault("users", List.of())) {
            if (user.containsKey("serviceAccountClientId")) {
                serviceAccountRoles.put(String.valueOf(user.get("serviceAccountClientId")),
                        (List<String>) user.getOrDefault("realmRoles", List.of()));
            }
        }

        // Every client auth-server registers, with the same roles, scopes and login redirects.
        Map<String, Map<String, Object>> registered = (Map<String, Map<String, Object>>) child(child(
                (Map<String, Object>) new Yaml().load(Files.readString(ROOT.resolve(
                        "auth-server/src/main/resources/application.yml"))), "modelway"), "auth").get("clients");
        assertThat(clients.keySet()).containsExactlyInAnyOrderElementsOf(registered.keySet());
        for (Map.Entry<String, Map<String, Object>> entry : registered.entrySet()) {
            String clientId = entry.getKey();
            Map<String, Object> client = clients.get(clientId);
            List<String> roles = (List<String>) entry.getValue().getOrDefault("roles", List.of());
            List<String> wanted = (List<String>) entry.getValue().getOrDefault("scopes", List.of());
            List<String> redirects = (List<String>) entry.getValue().getOrDefault("redirect-uris", List.of());
            List<String> logoutRedirects = (List<String>) entry.getValue()
                    .getOrDefault("post-logout-redirect-uris", List.of());

            assertThat(client).as(clientId).containsEntry("publicClient", false);
            assertThat(String.valueOf(client.get("secret"))).as(clientId).startsWith("change-me-");
            List<String> defaults = (List<String>) client.getOrDefault("defaultClientScopes", List.of());
            Set<String> allowed = new HashSet<>(defaults);
            allowed.addAll((List<String>) client.getOrDefault("optionalClientScopes", List.of()));
            assertThat(defaults).as(clientId).contains(rolesScope, usernameScope);
            assertThat(scopes.keySet()).containsAll(allowed);
            assertThat(allowed).as("scopes of " + clientId).containsAll(wanted);
            assertThat(client).as(clientId)
                    .containsEntry("serviceAccountsEnabled", !roles.isEmpty() || !wanted.isEmpty());
            assertThat(serviceAccountRoles.getOrDefault(clientId, List.of())).as("service account of " + clientId)
                    .containsExactlyInAnyOrderElementsOf(roles);
            assertThat(client).as(clientId).containsEntry("standardFlowEnabled", !redirects.isEmpty());
            if (!redirects.isEmpty()) {
                Map<String, Object> attributes = child(client, "attributes");
                assertThat(attributes).as(clientId).containsEntry("pkce.code.challenge.method", "S256");
                assertThat((List<String>) client.get("redirectUris")).as(clientId)
                        .containsExactlyInAnyOrderElementsOf(onLocalhost(redirects));
                assertThat(String.valueOf(attributes.get("post.logout.redirect.uris")).split("##")).as(clientId)
                        .containsExactlyInAnyOrderElementsOf(onLocalhost(logoutRedirects));
            }
        }
        assertThat((List<String>) clients.get("training-service").get("optionalClientScopes"))
                .containsExactlyInAnyOrder("models.register", "aliases.promote", "datasets.feedback");
    }

    /** auth-server's default redirect URIs ({@code ${MODELWAY_CONSOLE_URL:http://127.0.0.1:8090}/...}) on localhost. */
    private static List<String> onLocalhost(List<String> uris) {
        return uris.stream().map(uri -> {
            Matcher placeholder = DEFAULT_ADDRESS.matcher(uri);
            assertThat(placeholder.matches()).as(uri).isTrue();
            return "http://localhost:" + URI.create(placeholder.group(1)).getPort() + placeholder.group(2);
        }).toList();
    }

    /** The role and every role its composites carry, transitively. */
    private static Set<String> effectiveRoles(String role, Map<String, List<String>> composites) {
        Set<String> roles = new HashSet<>();
        List<String> pending = new ArrayList<>(List.of(role));
        while (!pending.isEmpty()) {
            String next = pending.remove(pending.size() - 1);
            if (roles.add(next)) {
                pending.addAll(composites.getOrDefault(next, List.of()));
            }
        }
        return roles;
    }

    /** The client scope whose mapper of type {@code mapper} puts {@code claim} in access tokens. */
    @SuppressWarnings("unchecked")
    private static String scopeWithClaim(Map<String, Map<String, Object>> scopes, String mapper, String claim) {
        List<String> found = scopes.entrySet().stream()
                .filter(scope -> ((List<Map<String, Object>>) scope.getValue()
                        .getOrDefault("protocolMappers", List.of())).stream()
                        .anyMatch(m -> mapper.equals(m.get("protocolMapper"))
                                && claim.equals(child(m, "config").get("claim.name"))
                                && "true".equals(child(m, "config").get("access.token.claim"))))
                .map(Map.Entry::getKey).toList();
        assertThat(found).as("client scope putting " + claim + " in access tokens").hasSize(1);
        return found.get(0);
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> items, String key) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        items.forEach(item -> byName.put(String.valueOf(item.get(key)), item));
        assertThat(byName).as("distinct " + key).hasSameSizeAs(items);
        return byName;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        return child == null ? Map.of() : (Map<String, Object>) child;
    }

    /** Grafana logs people in with authorization code and PKCE at the issuer, and lets nobody in otherwise. */
    private static void assertGrafanaLogsInThroughTheIssuerOnly(Map<String, String> grafana, String issuer,
            String internalIssuer, String grafanaUrl) {
        assertThat(grafana).containsEntry("GF_AUTH_GENERIC_OAUTH_ENABLED", "true")
                .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
                .containsEntry("GF_SECURITY_DISABLE_INITIAL_ADMIN_CREATION", "true")
                .containsEntry("GF_AUTH_BASIC_ENABLED", "false")
                .containsEntry("GF_AUTH_DISABLE_LOGIN_FORM", "true")
                .containsEntry("GF_AUTH_GENERIC_OAUTH_CLIENT_ID", "grafana")
                .containsEntry("GF_AUTH_GENERIC_OAUTH_USE_PKCE", "true")
                .containsEntry("GF_AUTH_GENERIC_OAUTH_ALLOW_ASSIGN_GRAFANA_ADMIN", "false")
                .doesNotContainKey("GF_AUTH_ANONYMOUS_ORG_ROLE")
                // The browser goes to the issuer's own address; Grafana calls it where containers reach it.
                .containsEntry("GF_AUTH_GENERIC_OAUTH_AUTH_URL", issuer + "/oauth2/authorize")
                .containsEntry("GF_AUTH_GENERIC_OAUTH_TOKEN_URL", internalIssuer + "/oauth2/token")
                .containsEntry("GF_AUTH_GENERIC_OAUTH_API_URL", internalIssuer + "/userinfo")
                // The issuer only sends people back to the addresses it registered for the grafana client.
                .containsEntry("GF_SERVER_ROOT_URL", grafanaUrl)
                .containsEntry("GF_AUTH_GENERIC_OAUTH_SIGNOUT_REDIRECT_URL",
                        issuer + "/connect/logout?post_logout_redirect_uri=" + grafanaUrl + "/login");
        assertThat(grafana.get("GF_AUTH_GENERIC_OAUTH_ROLE_ATTRIBUTE_PATH")).contains("'admin'", "'Admin'", "'ops'",
                "'Editor'", "'Viewer'");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeServices() {
        OpsTool.require("docker-compose");
        OpsTool.Result result = OpsTool.run(ROOT, "docker-compose", "-f", "docker-compose.yml", "config");
        assertThat(result.exitCode()).as(result.output()).isZero();
        return (Map<String, Object>) ((Map<String, Object>) new Yaml().load(result.output())).get("services");
    }

    /** A compose service's environment as the container gets it, every value a string. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> services, String service) {
        Map<String, Object> definition = (Map<String, Object>) services.get(service);
        assertThat(definition).as(service).isNotNull();
        Map<String, String> environment = new HashMap<>();
        ((Map<String, Object>) definition.getOrDefault("environment", Map.of()))
                .forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    /** What a compose service waits for; docker-compose config writes it as {service: {condition: ...}}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOn(Map<String, Object> services, String service) {
        return (Map<String, Object>) ((Map<String, Object>) services.get(service)).getOrDefault("depends_on", Map.of());
    }

    /** The scrape job of the Modelway services in one of the Prometheus configurations. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> modelwayJob(String file) throws IOException {
        Map<String, Object> config = new Yaml().load(
                Files.readString(ROOT.resolve("observability/prometheus").resolve(file)));
        List<Map<String, Object>> jobs = ((List<Map<String, Object>>) config.get("scrape_configs")).stream()
                .filter(job -> "modelway".equals(job.get("job_name"))).toList();
        assertThat(jobs).as(file).hasSize(1);
        return jobs.get(0);
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

    /** A service module and the port it listens on by default; its management port is 100 above. */
    record ServiceModule(String name, int port) {
        /** The OpenID Connect issuer, which every other service trusts. */
        static final String ISSUER = "auth-server";

        static final List<ServiceModule> ALL = List.of(new ServiceModule("serving-api", 8080),
                new ServiceModule("ingest-service", 8081), new ServiceModule("training-service", 8082),
                new ServiceModule("model-registry", 8083), new ServiceModule(ISSUER, 8084),
                new ServiceModule("dashboard", 8090));

        static ServiceModule byName(String name) {
            return ALL.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
        }

        /** Metrics and the actuator ({@code MANAGEMENT_PORT}), which no public Service or host port exposes. */
        int managementPort() {
            return port + 100;
        }

        boolean isIssuer() {
            return ISSUER.equals(name);
        }
    }
}
