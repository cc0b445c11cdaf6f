package io.modelway.registry.aliases;

import io.modelway.core.api.registry.Alias;
import io.modelway.core.api.registry.AliasRequest;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.Paging;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/models/{model}/aliases/{alias}")
class AliasController {

    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,49}");

    private final AliasService aliases;

    AliasController(AliasService aliases) {
        this.aliases = aliases;
    }

    @GetMapping
    Alias get(@PathVariable String model, @PathVariable String alias) {
        return aliases.find(model, alias)
                .orElseThrow(() -> ApiException.notFound("Model '" + model + "' has no alias '" + alias + "'"));
    }

    @PutMapping
    Alias move(@PathVariable String model, @PathVariable String alias, @RequestBody AliasRequest request,
            Principal actor) {
        if (!ALIAS.matcher(alias).matches()) {
            throw ApiException.badRequest("alias", "alias must be lower-case letters, digits, '_' or '-' (1-50)");
        }
        if (request.version() == null || request.version() < 1) {
            throw ApiException.badRequest("version", "is required and must be a version number (1 or more)");
        }
        return aliases.move(model, alias, request.version(), request.expectedRevision(), actor.getName(), request.reason());
    }

    /** Moves the alias back to the version it held before its last move. */
    @PostMapping("/rollback")
    Alias rollback(@PathVariable String model, @PathVariable String alias,
            Principal actor) {
        return aliases.rollback(model, alias, actor.getName());
    }

    /** Every move of the alias, newest first; paged. */
    @GetMapping("/history")
    ResponseEntity<List<AliasMove>> history(@PathVariable String model, @PathVariable String alias,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        Paging paging = Paging.of(limit, offset, 1000);
        return paging.answer(aliases.history(model, alias, paging.limit(), paging.offset()),
                aliases.historySize(model, alias));
    }

    @DeleteMapping
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable String model, @PathVariable String alias,
            Principal actor) {
        aliases.delete(model, alias, actor.getName());
        return ResponseEntity.noContent().build();
    }
}
