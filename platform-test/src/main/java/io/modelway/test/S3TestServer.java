package io.modelway.test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/** A real S3 server (S3Proxy) in this JVM, storing objects in a temporary folder, on a free port. */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "modelway-test";
    public static final String SECRET_KEY = "modelway-test-secret";

    private final S3Proxy proxy;
    private final Path directory;

    public S3TestServer() {
        try {
            directory = Files.createTempDirectory("modelway-s3-");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", directory.toString());
            proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem-nio2", properties))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
