package io.modelway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** The rules that decide every request: roles with the ones they carry, path-dependent rules, model-limited keys. */
class RouteTableTests {

    static final RouteTable ROUTES = RouteTable.builder()
            .get("/api/models/**", Access.role(Role.VIEWER))
            .put("/api/models/{model}/aliases/{alias}", Access.when("alias", "production"::equals,
                    Access.role(Role.OPS), Access.role(Role.ENGINEER)).orScope("aliases.promote"))
            .post("/api/models/{model}/predict", Access.role(Role.CLIENT))
            .post("/invocations", Access.role(Role.CLIENT).modelFromQuery())
            .build();

    static boolean granted(Authentication caller, String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        int query = uri.indexOf('?');
        if (query > 0) {
            request.setRequestURI(uri.substring(0, query));
            request.setQueryString(uri.substring(query + 1));
        }
        return ROUTES.authorize(() -> caller, new RequestAuthorizationContext(request)).isGranted();
    }

    static Authentication holding(Role... roles) {
        return new TestingAuthenticationToken("someone", null, Role.withImplied(List.of(roles)).stream()
                .map(Role::authority).toArray(String[]::new));
    }

    @Test
    void aRoleCarriesTheRolesBelowIt() {
        assertThat(Role.withImplied(List.of(Role.ADMIN))).containsExactlyInAnyOrder(Role.values());
        assertThat(Role.withImplied(List.of(Role.ENGINEER)))
                .containsExactlyInAnyOrder(Role.ENGINEER, Role.VIEWER, Role.CLIENT);
        assertThat(Role.withImplied(List.of(Role.VIEWER))).containsExactly(Role.VIEWER);
        assertThat(Role.withImplied(List.of(Role.CLIENT))).containsExactly(Role.CLIENT);
    }

    @Test
    void aRuleCanDependOnAPathVariableAndAcceptAScope() {
        assertThat(granted(holding(Role.ENGINEER), "PUT", "/api/models/m/aliases/staging")).isTrue();
        assertThat(granted(holding(Role.ENGINEER), "PUT", "/api/models/m/aliases/production")).isFalse();
        assertThat(granted(holding(Role.OPS), "PUT", "/api/models/m/aliases/production")).isTrue();
        Authentication gate = new TestingAuthenticationToken("training-service", null, "ROLE_viewer",
                "SCOPE_aliases.promote");
        assertThat(granted(gate, "PUT", "/api/models/m/aliases/production")).isTrue();
        assertThat(ROUTES.lookup("PUT", "/api/models/m/aliases/production").need().describe())
                .isEqualTo("ops or scope aliases.promote");
    }

    @Test
    void readsObeyTheirGetRuleEvenAsHeadAndEveryOtherRouteIsClosed() {
        assertThat(granted(holding(Role.VIEWER), "HEAD", "/api/models/m")).isTrue();
        assertThat(granted(holding(Role.CLIENT), "GET", "/api/models/m")).isFalse();
        assertThat(granted(holding(Role.ADMIN), "DELETE", "/api/models/m")).as("no rule, closed even to admin").isFalse();
        assertThat(granted(holding(Role.ADMIN), "GET", "/api/other")).isFalse();
        assertThat(granted(new AnonymousAuthenticationToken("k", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")),
                "GET", "/api/models/m")).isFalse();
        assertThat(granted(null, "GET", "/livez")).as("probes are open").isTrue();
        assertThat(granted(null, "GET", "/v3/api-docs/swagger-config")).isTrue();
    }

    @Test
    void aKeyLimitedToModelsReachesOnlyThoseModels() {
        ApiKeyAuthentication shop = new ApiKeyAuthentication("id", "shop",
                AuthorityUtils.createAuthorityList(Role.CLIENT.authority()), Set.of("penguins"));
        assertThat(granted(shop, "POST", "/api/models/penguins/predict")).isTrue();
        assertThat(granted(shop, "POST", "/api/models/fraud/predict")).isFalse();
        assertThat(granted(shop, "POST", "/invocations?model=penguins")).isTrue();
        assertThat(granted(shop, "POST", "/invocations?model=fraud")).isFalse();
        assertThat(granted(shop, "POST", "/invocations")).as("no model named").isFalse();
        assertThat(shop.getName()).isEqualTo("api-key:shop");
    }

    @Test
    void tokensNameTheCallerAndTheirRolesWhereTheIssuerPutsThem() {
        Jwt keycloak = Jwt.withTokenValue("t").header("alg", "RS256").subject("8c1e0f2a")
                .claim("preferred_username", "kim").claim("realm_access", Map.of("roles", List.of("ops", "offline_access")))
                .claim("scope", "openid profile").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        Authentication kim = new TokenIdentity("realm_access.roles").convert(keycloak);
        assertThat(kim.getName()).isEqualTo("kim");
        assertThat(AuthorityUtils.authorityListToSet(kim.getAuthorities())).contains("ROLE_ops", "ROLE_engineer",
                "ROLE_viewer", "ROLE_client", "SCOPE_openid").doesNotContain("ROLE_admin", "ROLE_offline_access");
        Authentication asRoles = new TokenIdentity("roles").convert(keycloak);
        assertThat(AuthorityUtils.authorityListToSet(asRoles.getAuthorities())).as("roles looked for elsewhere")
                .noneMatch(a -> a.startsWith("ROLE_"));
        Jwt service = Jwt.withTokenValue("t").header("alg", "RS256").subject("training-service")
                .claim("roles", List.of("viewer")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        assertThat(new TokenIdentity("roles").convert(service).getName()).isEqualTo("training-service");
    }
}
