package io.modelway.auth.login;

import io.swagger.v3.oas.annotations.Hidden;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Where a person lands who logged in at the issuer directly rather than through the console: who they are and
 * where to go from here. Sign-ins from the console and Grafana go back to them instead.
 */
// A page of the login flow, not of the API: not in the OpenAPI document.
@Hidden
@RestController
class SignedIn {

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home(Principal person, CsrfToken csrf) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Modelway sign-in</title></head>
                <body style="font-family: system-ui, sans-serif; margin: 3rem">
                <h1>Modelway</h1><p>You are signed in as <b>%s</b>.</p>
                <p>Open the console, or Grafana, to use Modelway; they sign you in here.</p>
                <form method="post" action="logout"><button type="submit">Sign out</button>
                <input type="hidden" name="%s" value="%s"></form>
                </body></html>""".formatted(HtmlUtils.htmlEscape(person.getName()), csrf.getParameterName(),
                HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
