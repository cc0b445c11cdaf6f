package io.modelway.registry.tags;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Tags of a model ({@code /api/models/{m}/tags}) and of a version ({@code /api/models/{m}/versions/{v}/tags}). */
@RestController
class TagController {

    private final ModelTags tags;

    TagController(ModelTags tags) {
        this.tags = tags;
    }

    @GetMapping("/api/models/{model}/tags")
    Map<String, String> modelTags(@PathVariable String model) {
        return tags.of(model, null);
    }

    /** Sets one tag, {@code {"value": "..."}}; answers with all the model's tags. */
    @PutMapping("/api/models/{model}/tags/{tag}")
    Map<String, String> setModelTag(@PathVariable String model, @PathVariable String tag,
            @RequestBody TagRequest request,
            Principal actor) {
        return tags.set(model, null, tag, request.value(), actor.getName());
    }

    @DeleteMapping("/api/models/{model}/tags/{tag}")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> removeModelTag(@PathVariable String model, @PathVariable String tag,
            Principal actor) {
        tags.remove(model, null, tag, actor.getName());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/models/{model}/versions/{version}/tags")
    Map<String, String> versionTags(@PathVariable String model, @PathVariable int version) {
        return tags.of(model, version);
    }

    /** Sets one tag of a version, {@code {"value": "..."}}; answers with all the version's tags. */
    @PutMapping("/api/models/{model}/versions/{version}/tags/{tag}")
    Map<String, String> setVersionTag(@PathVariable String model, @PathVariable int version, @PathVariable String tag,
            @RequestBody TagRequest request,
            Principal actor) {
        return tags.set(model, version, tag, request.value(), actor.getName());
    }

    @DeleteMapping("/api/models/{model}/versions/{version}/tags/{tag}")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> removeVersionTag(@PathVariable String model, @PathVariable int version,
            @PathVariable String tag,
            Principal actor) {
        tags.remove(model, version, tag, actor.getName());
        return ResponseEntity.noContent().build();
    }
}
