package io.modelway.registry.signing;

import io.modelway.core.api.registry.SigningKey;
import io.modelway.core.web.ApiException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The keys that sign version manifests: published for serving and training to verify with, rotated and retired by
 * admins. A rotation signs every manifest again with the new key; retire the old key once it has.
 */
@RestController
@RequestMapping("/api/signing-keys")
class SigningKeyController {

    private final SigningKeys keys;
    private final ManifestSigning signing;

    SigningKeyController(SigningKeys keys, ManifestSigning signing) {
        this.keys = keys;
        this.signing = signing;
    }

    /** Every key, newest first, with its public half (X.509, base64); retired ones say since when. */
    @GetMapping
    List<SigningKey> list() {
        return keys.all();
    }

    /** A new key signs from now on, and signs every version's manifest again. */
    @PostMapping
    @ApiResponse(responseCode = "201", description = "Rotated: the new key and how many manifests it signed")
    ResponseEntity<ManifestSigning.Rotation> rotate(Principal actor) {
        ManifestSigning.Rotation rotation = signing.rotate(actor.getName());
        return ResponseEntity.created(URI.create("/api/signing-keys/" + rotation.keyId())).body(rotation);
    }

    /** Retires a key: no longer published, so what only it signed no longer loads. The signing key cannot be retired. */
    @DeleteMapping("/{keyId}")
    @ApiResponse(responseCode = "204", description = "Retired")
    ResponseEntity<Void> retire(@PathVariable String keyId, Principal actor) {
        if (keys.signer().map(SigningKeys.Signer::keyId).filter(keyId::equals).isPresent()) {
            throw ApiException.conflict("Key " + keyId + " signs now: rotate first (POST /api/signing-keys)");
        }
        if (!keys.retire(keyId, actor.getName())) {
            throw ApiException.notFound("No signing key " + keyId + " that is not retired");
        }
        return ResponseEntity.noContent().build();
    }
}
