package io.modelway.auth.issuer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every token the issuer hands out is an authorization row (a service's client-credentials token every few
 * minutes, each login, each refresh). Rows whose every token expired more than an hour ago can never be used
 * again and are deleted, so the table holds what is live. Safe on every replica at once.
 */
@Component
public class ExpiredAuthorizations {

    private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizations.class);

    private final JdbcClient jdbc;

    ExpiredAuthorizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${modelway.auth.prune-interval:10m}", initialDelayString = "1m")
    public int prune() {
        int deleted = jdbc.sql("""
                delete from oauth2_authorization
                where greatest(authorization_code_expires_at, access_token_expires_at, refresh_token_expires_at,
                               oidc_id_token_expires_at) < now() - interval '1 hour'""").update();
        if (deleted > 0) {
            log.info("Deleted {} expired authorizations", deleted);
        }
        return deleted;
    }
}
