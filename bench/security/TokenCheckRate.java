import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.security.ApiKeyIntrospection;
import io.modelway.core.security.CallerAuthentication;
import io.modelway.core.security.IdentityProvider;
import io.modelway.core.security.SecurityProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * What checking a caller's credentials costs a service, in process, one thread: a new access token (RS256 signature,
 * issuer and expiry, roles), the same token again (remembered until it expires), and an API key already checked
 * with the issuer's introspection (remembered for the cache period). Prints one line per figure in microseconds per
 * check.
 */
public class TokenCheckRate {

    public static void main(String[] args) throws Exception {
        String issuer = "http://127.0.0.1:8084";
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        // The issuer's introspection, answering every key as a client app's, in this process.
        HttpServer introspection = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] active = ModelwayJson.toBytes(new ApiKeyIntrospection(true, "id", "shop", List.of("client"),
                List.of("penguins"), null));
        introspection.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, active.length);
            exchange.getResponseBody().write(active);
            exchange.close();
        });
        introspection.start();
        SecurityProperties properties = new SecurityProperties(issuer, null, "roles", null, "bench", "secret", List.of(),
                "http://127.0.0.1:" + introspection.getAddress().getPort() + "/api/api-keys/introspect", null, null);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        decoder.setJwtValidator(CallerAuthentication.validator(properties));
        AuthenticationManager callers = new CallerAuthentication(properties, new IdentityProvider(properties), decoder,
                null).manager();

        Supplier<String> newToken = () -> sign(key, issuer);
        double fresh = perCheck(() -> callers.authenticate(new BearerTokenAuthenticationToken(newToken.get())), 2_000);
        double signing = perCheck(newToken::get, 2_000);
        String token = newToken.get();
        double again = perCheck(() -> callers.authenticate(new BearerTokenAuthenticationToken(token)), 200_000);
        double apiKey = perCheck(() -> callers.authenticate(new BearerTokenAuthenticationToken("mw_bench-key")), 200_000);
        System.out.printf("new token (signature, claims, roles)  %8.2f us per check%n", fresh - signing);
        System.out.printf("same token again (remembered)         %8.2f us per check%n", again);
        System.out.printf("API key checked in the last 5 s        %8.2f us per check (its SHA-256, then memory)%n", apiKey);
        System.out.printf("ratio new token / remembered token    %8.0f%n", (fresh - signing) / again);
        introspection.stop(0);
    }

    private static String sign(RSAKey key, String issuer) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer).subject("shop-app").jwtID(UUID.randomUUID().toString())
                            .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                            .claim("roles", List.of("client")).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mean microseconds of one call, best of five rounds of {@code calls}, after as many calls to warm up. */
    private static double perCheck(Runnable check, int calls) {
        for (int i = 0; i < calls; i++) {
            check.run();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                check.run();
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e3 / calls);
        }
        return best;
    }
}
