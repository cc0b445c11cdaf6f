package io.modelway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelway.auth.issuer.ExpiredAuthorizations;
import io.modelway.test.BrowserLogin;
import io.modelway.test.Http;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestInfrastructure;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import tools.jackson.databind.JsonNode;

/**
 * The issuer as a relying party and a service see it: OpenID discovery and JWKS, client credentials with the
 * client's roles and scopes, a person's authorization-code login with PKCE, refresh, userinfo and logout, and
 * tokens that a second replica over the same database accepts and refreshes.
 */
class IssuerFlowTests {

    static int port;
    static ConfigurableApplicationContext issuer;
    static String url;

    @BeforeAll
    static void start() {
        port = ServiceStarter.freePort();
        issuer = IssuerStarter.start(port, "auth_issuer_flow");
        url = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void publishesItsConfigurationAndKeys() {
        JsonNode discovery = Http.local(port).get("/.well-known/openid-configuration").json();
        assertThat(discovery.get("issuer").asString()).isEqualTo(url);
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
                "end_session_endpoint")) {
            assertThat(discovery.get(endpoint).asString()).as(endpoint).startsWith(url + "/");
        }
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
        JsonNode keys = Http.local(port).get("/oauth2/jwks").json().get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).has("d")).as("no private part published").isFalse();
    }

    @Test
    void givesAServiceATokenWithItsRolesAndTheScopesItAsksFor() {
        JsonNode answer = clientCredentials("training-service", IssuerStarter.TRAINING_SECRET,
                "models.register aliases.promote");
        Jwt token = decoder().decode(answer.get("access_token").asString());
        assertThat(token.getClaimAsStringList("roles")).containsExactly("viewer");
        assertThat(token.getClaimAsString("preferred_username")).isEqualTo("training-service");
        assertThat(token.getClaimAsString("scope")).contains("models.register", "aliases.promote");

        HttpResponse<String> unknownScope = new BrowserLogin(url).post(url + "/oauth2/token",
                BrowserLogin.form(Map.of("grant_type", "client_credentials", "scope", "users.delete")),
                BrowserLogin.basic("training-service", IssuerStarter.TRAINING_SECRET));
        assertThat(unknownScope.statusCode()).isEqualTo(400);
        assertThat(unknownScope.body()).contains("invalid_scope");
        HttpResponse<String> wrongSecret = new BrowserLogin(url).post(url + "/oauth2/token",
                BrowserLogin.form(Map.of("grant_type", "client_credentials")),
                BrowserLogin.basic("training-service", "guess"));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void logsAPersonInWithPkceAndRefreshesLogsOut() {
        BrowserLogin browser = new BrowserLogin(url);
        JsonNode tokens = browser.login("dashboard", IssuerStarter.DASHBOARD_SECRET,
                IssuerStarter.CONSOLE + "/login/oauth2/code/modelway", "ops", IssuerStarter.DEMO_PASSWORD);
        Jwt access = decoder().decode(tokens.get("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("ops");
        assertThat(access.getClaimAsString("preferred_username")).isEqualTo("ops");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("ops");
        Jwt id = decoder().decode(tokens.get("id_token").asString());
        assertThat(id.getClaimAsStringList("roles")).containsExactly("ops");

        Http.Response userInfoAnswer = Http.local(port).as(tokens.get("access_token").asString()).get("/userinfo");
        assertThat(userInfoAnswer.status()).as(userInfoAnswer.body() + userInfoAnswer.headers()).isEqualTo(200);
        JsonNode userInfo = userInfoAnswer.json();
        assertThat(userInfo.get("preferred_username").asString()).isEqualTo("ops");
        assertThat(userInfo.get("roles").toString()).isEqualTo("[\"ops\"]");

        HttpResponse<String> refreshed = browser.post(url + "/oauth2/token", BrowserLogin.form(Map.of(
                "grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString())),
                BrowserLogin.basic("dashboard", IssuerStarter.DASHBOARD_SECRET));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode renewed = new Http.Response(200, "", refreshed.body()).json();
        assertThat(decoder().decode(renewed.get("access_token").asString()).getSubject()).isEqualTo("ops");
        assertThat(renewed.get("refresh_token").asString()).as("refresh tokens are not reused")
                .isNotEqualTo(tokens.get("refresh_token").asString());

        HttpResponse<String> home = browser.get(url + "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("signed in as <b>ops</b>");

        HttpResponse<String> logout = browser.get(url + "/connect/logout?" + BrowserLogin.form(Map.of(
                "id_token_hint", renewed.get("id_token").asString(),
                "post_logout_redirect_uri", IssuerStarter.CONSOLE + "/")));
        assertThat(BrowserLogin.location(logout)).isEqualTo(IssuerStarter.CONSOLE + "/");
        HttpResponse<String> afterLogout = browser.get(url + "/oauth2/authorize?" + BrowserLogin.form(Map.of(
                "response_type", "code", "client_id", "dashboard", "scope", "openid",
                "redirect_uri", IssuerStarter.CONSOLE + "/login/oauth2/code/modelway",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256")));
        assertThat(BrowserLogin.location(afterLogout)).as("logged out, so asked to log in again").endsWith("/login");
    }

    @Test
    void refusesAWrongPassword() {
        BrowserLogin browser = new BrowserLogin(url);
        assertThatThrownBy(() -> browser.login("dashboard",
                        IssuerStarter.DASHBOARD_SECRET, IssuerStarter.CONSOLE + "/login/oauth2/code/modelway", "ops",
                        "not-the-password"))
                .hasMessageContaining("failed");
    }

    @Test
    void aSecondReplicaAcceptsAndRefreshesTheFirstOnesTokens() {
        JsonNode tokens = new BrowserLogin(url).login("dashboard", IssuerStarter.DASHBOARD_SECRET,
                IssuerStarter.CONSOLE + "/login/oauth2/code/modelway", "engineer", IssuerStarter.DEMO_PASSWORD);
        int secondPort = ServiceStarter.freePort();
        // The same issuer URL, as behind one address: the second replica shares the first one's database.
        try (ConfigurableApplicationContext second = ServiceStarter.start(AuthServerApplication.class, "auth-server",
                Map.of("PORT", Integer.toString(secondPort), "MODELWAY_OIDC_ISSUER", url,
                        "MODELWAY_DB_URL", TestInfrastructure.get().isolatedDatabase("auth_issuer_flow"),
                        "MODELWAY_AUTH_DEMO", "true", "MODELWAY_AUTH_DEMO_PASSWORD", IssuerStarter.DEMO_PASSWORD,
                        "MODELWAY_DASHBOARD_CLIENT_SECRET", IssuerStarter.DASHBOARD_SECRET,
                        "MODELWAY_CONSOLE_URL", IssuerStarter.CONSOLE))) {
            assertThat(Http.local(secondPort).get("/oauth2/jwks").body())
                    .isEqualTo(Http.local(port).get("/oauth2/jwks").body());
            HttpResponse<String> refreshed = new BrowserLogin("http://127.0.0.1:" + secondPort).post(
                    "http://127.0.0.1:" + secondPort + "/oauth2/token", BrowserLogin.form(Map.of(
                            "grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString())),
                    BrowserLogin.basic("dashboard", IssuerStarter.DASHBOARD_SECRET));
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            Http.Response users = Http.local(secondPort).as(tokens.get("access_token").asString()).get("/api/users");
            assertThat(users.status()).as("engineer is not admin, but the token is valid there").isEqualTo(403);
        }
    }

    @Test
    void forgetsAuthorizationsOnceEveryTokenInThemHasExpired() {
        String token = clientCredentials("training-service", IssuerStarter.TRAINING_SECRET, null)
                .get("access_token").asString();
        JdbcClient jdbc = issuer.getBean(JdbcClient.class);
        String id = jdbc.sql("select id from oauth2_authorization where access_token_value = :t").param("t", token)
                .query(String.class).single();
        assertThat(issuer.getBean(ExpiredAuthorizations.class).prune()).as("nothing has expired yet").isZero();
        jdbc.sql("update oauth2_authorization set access_token_expires_at = now() - interval '2 hours' where id = :id")
                .param("id", id).update();
        assertThat(issuer.getBean(ExpiredAuthorizations.class).prune()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from oauth2_authorization where id = :id").param("id", id)
                .query(Long.class).single()).isZero();
    }

    static JsonNode clientCredentials(String client, String secret, String scope) {
        HttpResponse<String> answer = new BrowserLogin(url).post(url + "/oauth2/token", BrowserLogin.form(
                scope == null ? Map.of("grant_type", "client_credentials")
                        : Map.of("grant_type", "client_credentials", "scope", scope)),
                BrowserLogin.basic(client, secret));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new Http.Response(200, "application/json", answer.body()).json();
    }

    static JwtDecoder decoder() {
        return JwtDecoders.fromIssuerLocation(url);
    }
}
