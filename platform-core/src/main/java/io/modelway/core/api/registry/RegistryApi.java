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
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
public interface RegistryApi {

    /** One page of models, by name. */
    @GetExchange("/api/models")
    List<ModelSummary> models(@RequestParam int limit, @RequestParam int offset);

    @GetExchange("/api/models/{model}")
    ModelSummary model(@PathVariable String model);

    @GetExchange("/api/models/{model}/versions/{version}")
    ModelVersion version(@PathVariable String model, @PathVariable int version);

    /** Registers a version: a {@code metadata} part ({@link VersionMetadata} as JSON) and one part per artifact file. */
    @PostExchange(url = "/api/models/{model}/versions", contentType = MediaType.MULTIPART_FORM_DATA_VALUE)
    ModelVersion register(@PathVariable String model, @RequestBody MultiValueMap<String, HttpEntity<?>> parts);

    /** An artifact's bytes; the registry checks them against the SHA-256 it recorded before answering. */
    @GetExchange(url = "/api/models/{model}/versions/{version}/artifacts/{file}", accept = MediaType.ALL_VALUE)
    byte[] artifact(@PathVariable String model, @PathVariable int version, @PathVariable String file);

    @GetExchange("/api/models/{model}/aliases/{alias}")
    Alias alias(@PathVariable String model, @PathVariable String alias);

    @PutExchange("/api/models/{model}/aliases/{alias}")
    Alias moveAlias(@PathVariable String model, @PathVariable String alias, @RequestBody AliasRequest request);

    /** The keys that verify version manifests. */
    @GetExchange("/api/signing-keys")
    List<SigningKey> signingKeys();
}
