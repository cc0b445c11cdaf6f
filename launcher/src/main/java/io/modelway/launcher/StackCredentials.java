package io.modelway.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The local stack's secrets, made once per checkout and kept in {@code .modelway/credentials.properties} (readable
 * by its owner only): each service's client secret, and the password of the demo users and of the demo client per
 * role. Random, so a stack reachable from elsewhere is not open with a password printed in a README.
 */
record StackCredentials(Properties values) {

    /** The services that call others or check API keys, each a client of the issuer. */
    static final List<String> CLIENTS = List.of("ingest-service", "training-service", "model-registry", "serving-api",
            "dashboard");

    static StackCredentials load(Path state) {
        Path file = state.resolve("credentials.properties");
        Properties values = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    values.load(in);
                }
            }
            boolean changed = false;
            for (String key : keys()) {
                if (!values.containsKey(key)) {
                    values.setProperty(key, random());
                    changed = true;
                }
            }
            if (changed) {
                Files.createDirectories(state);
                try (Writer out = Files.newBufferedWriter(file)) {
                    values.store(out, "Secrets of the local Modelway stack; delete the file to make new ones");
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // A file system without POSIX permissions: the file stays as the user's umask made it.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
        return new StackCredentials(values);
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(CLIENTS.stream().map(c -> "client." + c).toList());
        keys.add("demo.password");
        return keys;
    }

    String clientSecret(String client) {
        return values.getProperty("client." + client);
    }

    String demoPassword() {
        return values.getProperty("demo.password");
    }

    private static String random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
