package io.modelway.core.models;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How a service that loads models trusts them. {@code signingKeys}: the only public keys (X.509, base64) whose
 * manifest signatures are accepted; empty trusts the keys the registry publishes. {@code maxNetworkSize}: the
 * largest network parameters read from a {@code model.zip}.
 */
@ConfigurationProperties("modelway.models")
public record ModelArtifactsProperties(List<String> signingKeys, DataSize maxNetworkSize) {

    public ModelArtifactsProperties {
        signingKeys = signingKeys == null ? List.of() : signingKeys.stream().filter(k -> !k.isBlank()).toList();
        maxNetworkSize = maxNetworkSize == null ? DataSize.ofMegabytes(256) : maxNetworkSize;
    }
}
