package io.modelway.auth.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The RSA keys tokens are signed with, kept in PostgreSQL so every replica signs and verifies with the same keys
 * and a restart keeps issued tokens valid. Tokens are signed with the newest key; the JWKS publishes every key not
 * retired, so tokens signed before a rotation stay verifiable. Read again each minute, to see a rotation made by
 * another replica.
 */
@Component
public class SigningKeys {

    private static final Duration RELOAD = Duration.ofMinutes(1);

    private record Loaded(List<JWK> keys, Instant at) {
    }

    private final JdbcClient jdbc;
    private volatile Loaded loaded;

    SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the first key when there is none; call under the seeding lock. */
    public void ensureOne() {
        boolean any = jdbc.sql("select count(*) from signing_keys where retired_at is null").query(Long.class)
                .single() > 0;
        if (!any) {
            add();
        }
    }

    /** Adds a new key that signs from now on; older keys stay published. Returns its key id. */
    public String add() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .generate();
            jdbc.sql("insert into signing_keys (kid, jwk) values (:kid, :jwk)").param("kid", key.getKeyID())
                    .param("jwk", key.toJSONString()).update();
            loaded = null;
            return key.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    /** Every published key, newest first (with their private parts: the JWKS endpoint publishes public parts). */
    public JWKSource<SecurityContext> published() {
        return (selector, context) -> selector.select(new JWKSet(keys()));
    }

    /** Only the newest key, which signs. */
    public JWKSource<SecurityContext> signing() {
        return (JWKSelector selector, SecurityContext context) -> selector.select(new JWKSet(keys().get(0)));
    }

    private List<JWK> keys() {
        Loaded current = loaded;
        if (current == null || current.at().plus(RELOAD).isBefore(Instant.now())) {
            List<JWK> keys = jdbc.sql("select jwk from signing_keys where retired_at is null order by created_at desc, kid")
                    .query((rs, n) -> parse(rs.getString("jwk"))).list();
            if (keys.isEmpty()) {
                throw new IllegalStateException("No signing key: the issuer has not seeded its keys");
            }
            current = new Loaded(keys, Instant.now());
            loaded = current;
        }
        return current.keys();
    }

    private static JWK parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
    }
}
