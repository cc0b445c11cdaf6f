package io.modelway.dashboard.console;

import io.modelway.core.json.ModelwayJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * Logging out of the console ends the dashboard session and, through the issuer's end-session endpoint
 * (RP-initiated logout), the login at the issuer too. The console asks with a script call, so the answer names
 * where the browser goes next instead of redirecting the call.
 */
final class ConsoleLogout extends OidcClientInitiatedLogoutSuccessHandler {

    ConsoleLogout(ClientRegistrationRepository registrations) {
        super(registrations);
        setPostLogoutRedirectUri("{baseUrl}/");
        setDefaultTargetUrl("/");
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication caller)
            throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(ModelwayJson.toBytes(Map.of("redirect",
                determineTargetUrl(request, response, caller))));
    }
}
