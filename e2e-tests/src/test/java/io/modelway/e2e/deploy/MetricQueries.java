package io.modelway.e2e.deploy;

import io.modelway.core.json.ModelwayJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The PromQL queries of the Grafana dashboard or the alert rules, and the metric names they read, so a
 * test can hold them against what the services really export.
 */
public record MetricQueries(List<String> expressions, Set<String> datasourceUids) {

    /** Metric families Modelway's queries use: its own, and Spring Boot's HTTP, JVM and process metrics. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:modelway|http|jvm|process)_[a-z0-9_]+)\\b");

    public static MetricQueries fromDashboard(Path dashboard) {
        JsonNode root = ModelwayJson.mapper().readTree(read(dashboard));
        Set<String> uids = new TreeSet<>();
        List<String> expressions = root.get("panels").valueStream()
                .peek(panel -> uids.add(panel.get("datasource").get("uid").asString()))
                .flatMap(panel -> panel.get("targets").valueStream())
                .peek(target -> uids.add(target.get("datasource").get("uid").asString()))
                .map(target -> target.get("expr").asString())
                .collect(Collectors.toCollection(ArrayList::new));
        // Template variables query Prometheus too: a variable over a metric nobody exports offers no choice.
        root.path("templating").path("list").valueStream()
                .map(variable -> variable.path("definition").asString(""))
                .filter(definition -> !definition.isBlank())
                .forEach(expressions::add);
        return new MetricQueries(expressions, uids);
    }

    @SuppressWarnings("unchecked")
    public static MetricQueries fromAlertRules(Path rules) {
        Map<String, Object> root = new Yaml().load(read(rules));
        List<String> expressions = ((List<Map<String, Object>>) root.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .map(rule -> String.valueOf(rule.get("expr")))
                .toList();
        return new MetricQueries(expressions, Set.of());
    }

    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
