package io.modelway.core.api.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model tags serving-api acts on, as the registry checks them when they are set and serving reads them:
 * {@code serving.canary = <alias>:<percent 0-100>}, {@code serving.shadow = <alias>},
 * {@code serving.extra-fields} and {@code serving.unknown-categories} ({@code reject} or {@code ignore}). No other
 * tag starts with {@code serving.}, and these are set on a model, not on a version.
 */
public final class ServingTags {

    public static final String PREFIX = "serving.";
    public static final String CANARY = "serving.canary";
    public static final String SHADOW = "serving.shadow";
    public static final String EXTRA_FIELDS = "serving.extra-fields";
    public static final String UNKNOWN_CATEGORIES = "serving.unknown-categories";
    public static final List<String> ALL = List.of(CANARY, SHADOW, EXTRA_FIELDS, UNKNOWN_CATEGORIES);

    private static final Pattern CANARY_VALUE = Pattern.compile("\\s*([^:\\s][^:]*?)\\s*:\\s*(\\d{1,3})\\s*");
    private static final List<String> POLICIES = List.of("reject", "ignore");

    /** A canary: the alias whose version answers {@code percent} of requests. */
    public record Canary(String alias, int percent) {
    }

    private ServingTags() {
    }

    public static boolean isServingTag(String tag) {
        return tag.startsWith(PREFIX);
    }

    /**
     * Why {@code value} is not a value serving can use for {@code tag} on a model with these aliases, or empty
     * when it is one.
     */
    public static Optional<String> problem(String tag, String value, Map<String, Integer> aliases) {
        if (!ALL.contains(tag)) {
            return Optional.of("'" + tag + "' is not a serving tag; they are " + String.join(", ", ALL));
        }
        switch (tag) {
            case CANARY -> {
                Matcher m = CANARY_VALUE.matcher(value);
                if (!m.matches() || Integer.parseInt(m.group(2)) > 100) {
                    return Optional.of("'" + value + "' is not '<alias>:<percent 0-100>'");
                }
                return missingAlias(m.group(1), aliases);
            }
            case SHADOW -> {
                return missingAlias(value.strip(), aliases);
            }
            default -> {
                return POLICIES.contains(value) ? Optional.empty()
                        : Optional.of("'" + value + "' is not one of " + String.join(", ", POLICIES));
            }
        }
    }

    /** The canary a tag value names, if it is one. */
    public static Optional<Canary> canary(String value) {
        Matcher m = value == null ? null : CANARY_VALUE.matcher(value);
        if (m == null || !m.matches() || Integer.parseInt(m.group(2)) > 100) {
            return Optional.empty();
        }
        return Optional.of(new Canary(m.group(1), Integer.parseInt(m.group(2))));
    }

    /** Whether a policy tag says {@code ignore}. */
    public static boolean ignores(Map<String, String> tags, String tag) {
        return "ignore".equals(tags.get(tag));
    }

    private static Optional<String> missingAlias(String alias, Map<String, Integer> aliases) {
        return aliases.containsKey(alias) ? Optional.empty()
                : Optional.of("the model has no alias '" + alias + "'" + (aliases.isEmpty() ? ""
                        : " (it has " + String.join(", ", aliases.keySet().stream().sorted().toList()) + ")"));
    }
}
