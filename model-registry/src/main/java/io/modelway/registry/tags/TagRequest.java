package io.modelway.registry.tags;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
/** Body of a tag PUT. */
record TagRequest(@Schema(requiredMode = REQUIRED, maxLength = TagRules.MAX_VALUE) String value) {
}
