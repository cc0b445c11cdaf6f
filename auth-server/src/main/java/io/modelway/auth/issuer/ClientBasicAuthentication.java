package io.modelway.auth.issuer;

import io.modelway.auth.clients.ClientRegistrations;
import io.modelway.core.security.Role;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * A registered client calling the API with its id and secret (HTTP Basic), as RFC 7662 has resource servers call
 * introspection: it holds its registered roles and every scope it is registered for.
 */
@Component
class ClientBasicAuthentication implements AuthenticationManager {

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;

    ClientBasicAuthentication(RegisteredClientRepository clients, PasswordEncoder passwords) {
        this.clients = clients;
        this.passwords = passwords;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String clientId = authentication.getName();
        RegisteredClient client = clients.findByClientId(clientId);
        Object secret = authentication.getCredentials();
        if (client == null || secret == null || client.getClientSecret() == null
                || !passwords.matches(secret.toString(), client.getClientSecret())) {
            throw new BadCredentialsException("Unknown client or wrong secret");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        client.getScopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        Role.withImplied(ClientRegistrations.roles(client).stream().flatMap(r -> Role.fromWire(r).stream()).toList())
                .forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        return UsernamePasswordAuthenticationToken.authenticated(clientId, null, authorities);
    }
}
