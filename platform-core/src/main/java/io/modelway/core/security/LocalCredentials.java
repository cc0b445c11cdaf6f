package io.modelway.core.security;

import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * How the issuer itself checks credentials: tokens against its own signing keys and API keys against its own table,
 * instead of calling itself over HTTP. Every other service declares none and checks with the issuer.
 */
public record LocalCredentials(JwtDecoder tokens, ApiKeyVerifier keys) {
}
