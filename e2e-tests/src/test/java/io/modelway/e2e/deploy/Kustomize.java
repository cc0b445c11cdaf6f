package io.modelway.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

/** An overlay rendered by {@code kubectl kustomize}, read as the API server would receive it. */
@SuppressWarnings("unchecked")
final class Kustomize {

    /**
     * The keys of the modelway-credentials Secret (made by the base for local, out of band for production): the
     * database superuser and the object store's root key, which only PostgreSQL and MinIO read.
     */
    static final Set<String> CREDENTIAL_KEYS = Set.of("MODELWAY_DB_USER", "MODELWAY_DB_PASSWORD",
            "MODELWAY_S3_ACCESS_KEY", "MODELWAY_S3_SECRET_KEY");

    /** The Secret with each service's own database password and object-store key. */
    static final String SERVICE_CREDENTIALS = "modelway-service-credentials";

    /** The Secret with one secret per OpenID Connect client: auth-server reads it whole, each service its own key. */
    static final String OIDC_CLIENTS = "modelway-oidc-clients";

    /** The keys of modelway-oidc-clients as the base makes it for local: each client's secret, the demo password. */
    static final Set<String> OIDC_CLIENT_KEYS = Set.of("MODELWAY_INGEST_CLIENT_SECRET",
            "MODELWAY_TRAINING_CLIENT_SECRET", "MODELWAY_REGISTRY_CLIENT_SECRET", "MODELWAY_SERVING_CLIENT_SECRET",
            "MODELWAY_DASHBOARD_CLIENT_SECRET", "MODELWAY_GRAFANA_CLIENT_SECRET", "MODELWAY_AUTH_DEMO_PASSWORD");

    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path overlay) {
        OpsTool.require("kubectl");
        Matcher version = KUSTOMIZE_VERSION.matcher(OpsTool.run(overlay, "kubectl", "version", "--client").output());
        // The `labels` field and directory resources outside the overlay need kustomize 4 or later.
        Assumptions.assumeTrue(version.find() && Integer.parseInt(version.group(1)) >= 4,
                "kubectl's kustomize is older than v4");
        OpsTool.Result result = OpsTool.run(overlay, "kubectl", "kustomize", ".");
        assertThat(result.exitCode()).as(result.output()).isZero();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(result.output())) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    static List<String> names(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).map(Kustomize::name).toList();
    }

    static Map<String, Object> service(List<Map<String, Object>> documents, String name) {
        return find(documents, "Service", name);
    }

    /** A Service's ports by name, each with the container port it targets: {@code http -> 8080/http}. */
    static Map<String, String> servicePorts(List<Map<String, Object>> documents, String name) {
        Map<String, String> ports = new LinkedHashMap<>();
        for (Map<String, Object> port : (List<Map<String, Object>>) map(service(documents, name), "spec")
                .getOrDefault("ports", List.of())) {
            ports.put(String.valueOf(port.get("name")), port.get("port") + "/" + port.get("targetPort"));
        }
        return ports;
    }

    static int replicas(List<Map<String, Object>> documents, String deployment) {
        return (Integer) map(find(documents, "Deployment", deployment), "spec").get("replicas");
    }

    /** The generated ConfigMap whose name starts with {@code prefix} (kustomize appends a content hash). */
    static Map<String, String> configMap(List<Map<String, Object>> documents, String prefix) {
        List<Map<String, Object>> maps = documents.stream()
                .filter(d -> "ConfigMap".equals(d.get("kind")) && name(d).startsWith(prefix + "-")).toList();
        assertThat(maps).as("ConfigMap " + prefix).hasSize(1);
        Map<String, String> data = new TreeMap<>();
        map(maps.get(0), "data").forEach((key, value) -> data.put(key, String.valueOf(value)));
        return data;
    }

    static Set<String> secretKeys(List<Map<String, Object>> documents, String name) {
        Map<String, Object> data = map(find(documents, "Secret", name), "data");
        data.values().forEach(value -> Base64.getDecoder().decode(String.valueOf(value)));
        return data.keySet();
    }

    static Container container(List<Map<String, Object>> documents, String deployment) {
        Map<String, Object> spec = map(map(map(find(documents, "Deployment", deployment), "spec"), "template"), "spec");
        List<Map<String, Object>> containers = (List<Map<String, Object>>) spec.get("containers");
        assertThat(containers).as("containers of " + deployment).hasSize(1);
        return new Container(containers.get(0));
    }

    private static Map<String, Object> find(List<Map<String, Object>> documents, String kind, String name) {
        return documents.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(name(d))).findFirst()
                .orElse(null);
    }

    private static String name(Map<String, Object> document) {
        return String.valueOf(map(document, "metadata").get("name"));
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Objects.requireNonNull(parent, "missing document");
        Map<String, Object> child = (Map<String, Object>) parent.get(key);
        return child == null ? Map.of() : child;
    }

    /** The one container of a Deployment. */
    record Container(Map<String, Object> spec) {

        String image() {
            return String.valueOf(spec.get("image"));
        }

        int port(String name) {
            List<Map<String, Object>> ports = (List<Map<String, Object>>) spec.get("ports");
            return ports.stream().filter(p -> name.equals(p.get("name"))).map(p -> (Integer) p.get("containerPort"))
                    .findFirst().orElse(-1);
        }

        String probePath(String probe) {
            return String.valueOf(map(map(spec, probe), "httpGet").get("path"));
        }

        /** The variables given a value in the Deployment itself, as written (before any $(VAR) expansion). */
        Map<String, String> env() {
            Map<String, String> env = new HashMap<>();
            for (Map<String, Object> variable : variables()) {
                if (variable.containsKey("value")) {
                    env.put(String.valueOf(variable.get("name")), String.valueOf(variable.get("value")));
                }
            }
            return env;
        }

        /** The variables taken from one key of a Secret ({@code valueFrom.secretKeyRef}). */
        Map<String, SecretKey> secretKeyRefs() {
            Map<String, SecretKey> refs = new HashMap<>();
            for (Map<String, Object> variable : variables()) {
                Map<String, Object> ref = map(map(variable, "valueFrom"), "secretKeyRef");
                if (!ref.isEmpty()) {
                    refs.put(String.valueOf(variable.get("name")),
                            new SecretKey(String.valueOf(ref.get("name")), String.valueOf(ref.get("key"))));
                }
            }
            return refs;
        }

        /**
         * The variables as the container sees them, where they come from a value or from modelway-config
         * ({@code config}, its data): in order, each {@code $(NAME)} replaced by a variable defined before it, as
         * the kubelet does. Variables from Secrets are left out.
         */
        Map<String, String> resolvedEnv(Map<String, String> config) {
            Map<String, String> resolved = new LinkedHashMap<>();
            for (Map<String, Object> variable : variables()) {
                String name = String.valueOf(variable.get("name"));
                Map<String, Object> ref = map(map(variable, "valueFrom"), "configMapKeyRef");
                if (variable.containsKey("value")) {
                    Matcher reference = VARIABLE_REFERENCE.matcher(String.valueOf(variable.get("value")));
                    resolved.put(name, reference.replaceAll(r -> Matcher.quoteReplacement(
                            resolved.getOrDefault(r.group(1), r.group()))));
                } else if (!ref.isEmpty()) {
                    assertThat(String.valueOf(ref.get("name"))).as("ConfigMap of " + name)
                            .startsWith("modelway-config-");
                    assertThat(config).as("modelway-config").containsKey(String.valueOf(ref.get("key")));
                    resolved.put(name, config.get(String.valueOf(ref.get("key"))));
                }
            }
            return resolved;
        }

        private List<Map<String, Object>> variables() {
            return (List<Map<String, Object>>) spec.getOrDefault("env", List.of());
        }

        List<String> envFromConfigMaps() {
            return envFrom("configMapRef");
        }

        List<String> envFromSecrets() {
            return envFrom("secretRef");
        }

        private List<String> envFrom(String kind) {
            List<String> names = new ArrayList<>();
            for (Map<String, Object> source : (List<Map<String, Object>>) spec.getOrDefault("envFrom", List.of())) {
                if (source.containsKey(kind)) {
                    names.add(String.valueOf(map(source, kind).get("name")));
                }
            }
            return names;
        }
    }

    /** One key of one Secret. */
    record SecretKey(String secret, String key) {
    }
}
