package io.modelway.registry.tags;

import io.modelway.core.web.ApiException;
import java.util.List;
import java.util.Map;

/**
 * The {@code tag} query parameters of a list: {@code tag=name} keeps what has the tag, {@code tag=name:value}
 * what has it with that value; several must all hold.
 */
public record TagFilter(List<Condition> conditions) {

    record Condition(String tag, String value) {
    }

    public static TagFilter parse(List<String> params) {
        if (params == null) {
            return new TagFilter(List.of());
        }
        return new TagFilter(params.stream().map(TagFilter::condition).toList());
    }

    private static Condition condition(String param) {
        int colon = param.indexOf(':');
        String tag = colon < 0 ? param : param.substring(0, colon);
        if (!TagRules.NAME.matcher(tag).matches()) {
            throw ApiException.badRequest("tag", "'" + param + "' is not 'name' or 'name:value' with a valid tag name");
        }
        return new Condition(tag, colon < 0 ? null : param.substring(colon + 1));
    }

    public boolean matches(Map<String, String> tags) {
        return conditions.stream().allMatch(c -> tags.containsKey(c.tag())
                && (c.value() == null || c.value().equals(tags.get(c.tag()))));
    }
}
