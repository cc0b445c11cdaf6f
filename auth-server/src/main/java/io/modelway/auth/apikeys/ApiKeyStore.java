package io.modelway.auth.apikeys;

import io.modelway.core.security.ApiKeyVerifier;
import io.modelway.core.storage.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys in PostgreSQL. A key is 32 random bytes after {@code mw_}; only its SHA-256 is stored (a key is as
 * strong as a random secret gets, so a fast hash is enough to make a stolen table useless), and it is shown once,
 * when it is created.
 */
@Repository
class ApiKeyStore {

    record Created(ApiKey key, String secret) {
    }

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Created create(String name, List<String> roles, List<String> models, Instant expiresAt, String actor) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = ApiKeyVerifier.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into api_keys (id, name, key_hash, key_prefix, roles, models, created_by, expires_at)
                values (:id, :name, :hash, :prefix, :roles, :models, :who, :expires)""")
                .param("id", id).param("name", name).param("hash", hash(secret))
                .param("prefix", secret.substring(0, ApiKeyVerifier.PREFIX.length() + 6))
                .param("roles", roles.toArray(String[]::new)).param("models", models.toArray(String[]::new))
                .param("who", actor).param("expires", expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        return new Created(find(id).orElseThrow(), secret);
    }

    List<ApiKey> list(int limit, int offset) {
        return jdbc.sql("select * from api_keys order by created_at desc, id limit :l offset :o")
                .param("l", limit).param("o", offset).query(ApiKeyStore::map).list();
    }

    long count() {
        return jdbc.sql("select count(*) from api_keys").query(Long.class).single();
    }

    Optional<ApiKey> find(UUID id) {
        return jdbc.sql("select * from api_keys where id = :id").param("id", id).query(ApiKeyStore::map).optional();
    }

    Optional<ApiKey> findBySecret(String secret) {
        return jdbc.sql("select * from api_keys where key_hash = :h").param("h", hash(secret))
                .query(ApiKeyStore::map).optional();
    }

    /** Revokes the key; false when there is no such key. Revoking twice keeps the first revocation. */
    boolean revoke(UUID id, String actor) {
        if (find(id).isEmpty()) {
            return false;
        }
        jdbc.sql("update api_keys set revoked_at = now(), revoked_by = :who where id = :id and revoked_at is null")
                .param("id", id).param("who", actor).update();
        return true;
    }

    private static String hash(String secret) {
        return Sha256.of(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("key_prefix"),
                strings(rs.getArray("roles")), strings(rs.getArray("models")), instant(rs.getTimestamp("created_at")),
                rs.getString("created_by"), instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("revoked_at")), rs.getString("revoked_by"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
