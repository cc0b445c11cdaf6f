package io.modelway.auth.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes of client secrets: a salted SHA-256. Client secrets are long random strings a deployment generates, not
 * passwords a person chooses, so a slow hash buys nothing against guessing and would cost every token request and
 * every API-key check ~70 ms of CPU. People's passwords keep bcrypt.
 */
public final class ClientSecrets implements PasswordEncoder {

    public static final String ID = "sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String encode(CharSequence raw) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt) + "$" + digest(salt, raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        int dollar = encoded.indexOf('$');
        if (dollar < 0) {
            return false;
        }
        byte[] salt = HexFormat.of().parseHex(encoded.substring(0, dollar));
        return MessageDigest.isEqual(digest(salt, raw).getBytes(StandardCharsets.US_ASCII),
                encoded.substring(dollar + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private static String digest(byte[] salt, CharSequence raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(raw.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
