package io.modelway.registry.signing;

import io.modelway.core.api.registry.SigningKey;
import io.modelway.core.models.ManifestSignature;
import io.modelway.core.models.TrustedKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registry's manifest signing keys in PostgreSQL: the newest one not retired signs. */
@Repository
class SigningKeys {

    /** The key that signs now, with its private half. */
    record Signer(String keyId, String privateKey) {
    }

    private final JdbcClient jdbc;

    SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes a new Ed25519 key that signs from now on; older keys stay published until retired. */
    String add(String actor) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ManifestSignature.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No Ed25519 key generator in this JDK", e);
        }
        String keyId = TrustedKeys.keyId(pair.getPublic());
        jdbc.sql("""
                insert into manifest_signing_keys (key_id, private_key, public_key, created_by)
                values (:id, :private, :public, :who)""")
                .param("id", keyId).param("private", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()))
                .param("public", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
                .param("who", actor).update();
        return keyId;
    }

    Optional<Signer> signer() {
        return jdbc.sql("""
                select key_id, private_key from manifest_signing_keys where retired_at is null
                order by created_at desc, key_id limit 1""")
                .query((rs, n) -> new Signer(rs.getString("key_id"), rs.getString("private_key"))).optional();
    }

    List<SigningKey> all() {
        return jdbc.sql("select * from manifest_signing_keys order by created_at desc, key_id")
                .query(SigningKeys::map).list();
    }

    /** Retires a key; false when there is no such key not retired yet. */
    boolean retire(String keyId, String actor) {
        return jdbc.sql("""
                update manifest_signing_keys set retired_at = now(), retired_by = :who
                where key_id = :id and retired_at is null""").param("id", keyId).param("who", actor).update() > 0;
    }

    private static SigningKey map(ResultSet rs, int row) throws SQLException {
        Timestamp retired = rs.getTimestamp("retired_at");
        return new SigningKey(rs.getString("key_id"), ManifestSignature.ALGORITHM, rs.getString("public_key"),
                rs.getTimestamp("created_at").toInstant(), retired == null ? null : retired.toInstant());
    }
}
