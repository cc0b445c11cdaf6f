package io.modelway.auth.apikeys;

import io.modelway.core.security.ApiKeyIntrospection;
import io.modelway.core.security.Role;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.Paging;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys for client apps: created by an admin with roles and, optionally, the only models they may touch and an
 * expiry; the key is answered once and never again; revoking one makes every service refuse it within 10 s.
 */
@RestController
@RequestMapping("/api/api-keys")
class ApiKeyController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Body of {@code POST /api/api-keys}. */
    record CreateApiKey(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "shop") String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[\"client\"]") List<String> roles,
            @Schema(description = "Only these models; none means every model", example = "[\"penguins\"]") List<String> models,
            @Schema(description = "No expiry when absent") Instant expiresAt) {
    }

    /** The answer to a creation: the only time the key itself is shown. */
    record CreatedApiKey(UUID id, String name, String key, String prefix, List<String> roles, List<String> models,
            Instant createdAt, String createdBy, Instant expiresAt) {

        static CreatedApiKey from(ApiKeyStore.Created created) {
            ApiKey k = created.key();
            return new CreatedApiKey(k.id(), k.name(), created.secret(), k.prefix(), k.roles(), k.models(),
                    k.createdAt(), k.createdBy(), k.expiresAt());
        }
    }

    private final ApiKeyStore keys;
    private final LocalApiKeys verifier;

    ApiKeyController(ApiKeyStore keys, LocalApiKeys verifier) {
        this.keys = keys;
        this.verifier = verifier;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created; the key is in this answer only")
    ResponseEntity<CreatedApiKey> create(@RequestBody CreateApiKey request, Principal actor) {
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw ApiException.badRequest("name", "is required: 1-100 letters, digits, '.', '_' or '-'");
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            throw ApiException.badRequest("roles", "is required: one or more of viewer, client, engineer, ops, admin");
        }
        for (int i = 0; i < request.roles().size(); i++) {
            if (Role.fromWire(request.roles().get(i)).isEmpty()) {
                throw ApiException.badRequest("roles[" + i + "]", "'" + request.roles().get(i)
                        + "' is not one of viewer, client, engineer, ops, admin");
            }
        }
        List<String> models = request.models() == null ? List.of() : request.models();
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i) == null || !NAME.matcher(models.get(i)).matches()) {
                throw ApiException.badRequest("models[" + i + "]", "is not a model name");
            }
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw ApiException.badRequest("expiresAt", "must be in the future");
        }
        ApiKeyStore.Created created = keys.create(request.name(), request.roles().stream().distinct().toList(),
                models.stream().distinct().toList(), request.expiresAt(), actor.getName());
        return ResponseEntity.created(URI.create("/api/api-keys/" + created.key().id()))
                .body(CreatedApiKey.from(created));
    }

    /** Every key, newest first, revoked ones included; paged. */
    @GetMapping
    ResponseEntity<List<ApiKey>> list(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        Paging paging = Paging.of(limit, offset, 1000);
        return paging.answer(keys.list(paging.limit(), paging.offset()), keys.count());
    }

    @GetMapping("/{id}")
    ApiKey get(@PathVariable UUID id) {
        return keys.find(id).orElseThrow(() -> ApiException.notFound("No API key " + id));
    }

    @DeleteMapping("/{id}")
    @ApiResponse(responseCode = "204", description = "Revoked")
    ResponseEntity<Void> revoke(@PathVariable UUID id, Principal actor) {
        if (!keys.revoke(id, actor.getName())) {
            throw ApiException.notFound("No API key " + id);
        }
        return ResponseEntity.noContent().build();
    }

    /** What the services ask about a key a request carries, as their own client (scope api-keys.introspect). */
    @PostMapping(path = "/introspect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ApiKeyIntrospection introspect(@RequestParam("token") String token) {
        return verifier.verify(token);
    }
}
