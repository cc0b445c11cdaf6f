package io.modelway.dashboard.console;

import io.modelway.core.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The access token the console forwards to a service for the person or script behind a request, so the services
 * decide what the caller may do: a logged-in person's own token (kept in their session, refreshed when it has
 * expired), or the bearer token a script sent. The dashboard never forwards its own identity for a caller.
 */
@Component
public class CallerTokens {

    private final OAuth2AuthorizedClientManager clients;

    CallerTokens(OAuth2AuthorizedClientManager clients) {
        this.clients = clients;
    }

    /** The caller's token; a 401 when the session's tokens can no longer be renewed (the person logs in again). */
    public String of(HttpServletRequest request, HttpServletResponse response) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof JwtAuthenticationToken jwt) {
            return jwt.getToken().getTokenValue();
        }
        if (caller instanceof OAuth2AuthenticationToken person) {
            try {
                OAuth2AuthorizedClient authorized = clients.authorize(OAuth2AuthorizeRequest
                        .withClientRegistrationId(person.getAuthorizedClientRegistrationId()).principal(person)
                        .attribute(HttpServletRequest.class.getName(), request)
                        .attribute(HttpServletResponse.class.getName(), response).build());
                if (authorized != null) {
                    return authorized.getAccessToken().getTokenValue();
                }
            } catch (ClientAuthorizationException e) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, null, "Your session has ended: log in again");
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, null, "Your session has ended: log in again");
        }
        throw new ApiException(HttpStatus.FORBIDDEN, "Authorization", "The console forwards a person's or a script's "
                + "token; an API key is for calling a service directly");
    }
}
