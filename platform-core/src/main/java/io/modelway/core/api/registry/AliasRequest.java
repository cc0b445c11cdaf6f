package io.modelway.core.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
/**
 * Body of {@code PUT /api/models/{model}/aliases/{alias}}. {@code expectedRevision}, when given, makes the
 * move conditional: it fails with 409 if somebody moved the alias since that revision was read.
 * {@code reason} is kept in the alias's history and the audit log (a manual override says why).
 */
public record AliasRequest(@Schema(requiredMode = REQUIRED, example = "3") Integer version, Long expectedRevision,
        String reason) {
}
