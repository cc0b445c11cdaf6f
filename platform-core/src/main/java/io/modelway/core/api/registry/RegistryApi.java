package io.modelway.core.api.registry;

import java.util.List;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/** model-registry's API as the other services call it, with the records its controllers answer. */
@HttpExchange(url = "/api/models", accept = MediaType.APPLICATION_JSON_VALUE)
public interface RegistryApi {

    /** One page of models, by name. */
    @GetExchange
    List<ModelSummary> models(@RequestParam int limit, @RequestParam int offset);

    @GetExchange("/{model}")
    ModelSummary model(@PathVariable String model);

    @GetExchange("/{model}/versions/{version}")
    ModelVersion version(@PathVariable String model, @PathVariable int version);

    /** Registers a version: a {@code metadata} part ({@link VersionMetadata} as JSON) and one part per artifact file. */
    @PostExchange(url = "/{model}/versions", contentType = MediaType.MULTIPART_FORM_DATA_VALUE)
    ModelVersion register(@PathVariable String model, @RequestBody MultiValueMap<String, HttpEntity<?>> parts);

    /** An artifact's bytes; the registry checks them against the SHA-256 it recorded before answering. */
    @GetExchange(url = "/{model}/versions/{version}/artifacts/{file}", accept = MediaType.ALL_VALUE)
    byte[] artifact(@PathVariable String model, @PathVariable int version, @PathVariable String file);

    @GetExchange("/{model}/aliases/{alias}")
    Alias alias(@PathVariable String model, @PathVariable String alias);

    @PutExchange("/{model}/aliases/{alias}")
    Alias moveAlias(@PathVariable String model, @PathVariable String alias, @RequestBody AliasRequest request);
}
