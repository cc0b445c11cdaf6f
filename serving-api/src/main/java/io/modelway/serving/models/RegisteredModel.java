package io.modelway.serving.models;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A model as the registry lists it: where its aliases point and its tags. */
record RegisteredModel(String name, Map<String, Integer> aliases, Map<String, String> tags) {

    static RegisteredModel from(JsonNode json) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        json.path("aliases").properties().forEach(e -> aliases.put(e.getKey(), e.getValue().asInt()));
        Map<String, String> tags = new LinkedHashMap<>();
        json.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
        return new RegisteredModel(json.path("name").asString(), aliases, tags);
    }
}
