package io.modelway.core.security;

import java.util.Collection;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A caller identified by an API key: named {@code api-key:<name>} wherever it acts, with the key's roles and, when
 * the key is limited to models, only those models.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken implements ModelLimited {

    private final String keyId;
    private final String name;
    private final Set<String> models;

    public ApiKeyAuthentication(String keyId, String keyName, Collection<? extends GrantedAuthority> authorities,
            Set<String> models) {
        super(authorities);
        this.keyId = keyId;
        this.name = "api-key:" + keyName;
        this.models = Set.copyOf(models);
        setAuthenticated(true);
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    @Override
    public Set<String> models() {
        return models;
    }
}
