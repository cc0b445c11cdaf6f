package io.modelway.dashboard.console;

import io.modelway.core.security.Role;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is using the console and which roles they hold, so the pages offer only what those roles may do. */
@RestController
class WhoAmI {

    /** The caller's name and roles (with the roles they carry), and whether a console session can be ended. */
    record Caller(String name, List<String> roles, boolean session) {
    }

    @GetMapping("/api/console/me")
    Caller me(Authentication caller) {
        List<String> roles = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_")).map(a -> a.substring(5))
                .filter(r -> Role.fromWire(r).isPresent()).sorted().toList();
        return new Caller(caller.getName(), roles,
                caller instanceof OAuth2AuthenticationToken);
    }
}
