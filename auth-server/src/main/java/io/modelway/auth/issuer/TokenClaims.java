package io.modelway.auth.issuer;

import io.modelway.auth.clients.ClientRegistrations;
import io.modelway.auth.users.UserAccounts;
import io.modelway.core.security.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What Modelway's tokens say beyond the standard claims: {@code roles} (where every service looks for them by
 * default) and {@code preferred_username}, the name the services record as the actor. A person's roles are read
 * when the token is issued, refreshes included; a client's are those it is registered with.
 */
@Component
public class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES = "roles";

    private final UserAccounts users;

    TokenClaims(UserAccounts users) {
        this.users = users;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean id = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!access && !id) {
            return;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            String client = context.getRegisteredClient().getClientId();
            context.getClaims().claim(ROLES, new ArrayList<>(ClientRegistrations.roles(context.getRegisteredClient())))
                    .claim("preferred_username", client).claim("client_id", client);
        } else {
            String username = context.getPrincipal().getName();
            context.getClaims().claim(ROLES, personRoles(username)).claim("preferred_username", username);
        }
    }

    /**
     * A person's roles as the token and the userinfo endpoint name them. A mutable list: the claims are stored with
     * the authorization as JSON, whose reader accepts only standard collection types.
     */
    List<String> personRoles(String username) {
        return new ArrayList<>(users.roles(username).stream().map(Role::wire).toList());
    }

    /** The userinfo answer: who the user is and their roles (Grafana maps its own roles from them). */
    Map<String, Object> userInfo(String username) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", username);
        claims.put("preferred_username", username);
        claims.put("name", username);
        claims.put(ROLES, personRoles(username));
        return claims;
    }
}
