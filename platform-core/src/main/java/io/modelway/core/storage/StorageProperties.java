package io.modelway.core.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Where the object store is: {@code modelway.s3.*}, from env vars such as {@code MODELWAY_S3_ENDPOINT}; and how long
 * a call may wait to connect and, once connected, for the next bytes ({@code MODELWAY_S3_CONNECT_TIMEOUT},
 * {@code MODELWAY_S3_READ_TIMEOUT}), so a store that stops answering fails the call instead of holding its thread.
 */
@ConfigurationProperties("modelway.s3")
public record StorageProperties(String endpoint, String accessKey, String secretKey, String bucket, String region,
        Duration connectTimeout, Duration readTimeout) {

    @ConstructorBinding
    public StorageProperties {
        endpoint = endpoint == null ? "http://127.0.0.1:9000" : endpoint;
        accessKey = accessKey == null ? "modelway" : accessKey;
        secretKey = secretKey == null ? "modelway-secret" : secretKey;
        bucket = bucket == null ? "modelway" : bucket;
        region = region == null ? "us-east-1" : region;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }

    /** With the default deadlines. */
    public StorageProperties(String endpoint, String accessKey, String secretKey, String bucket, String region) {
        this(endpoint, accessKey, secretKey, bucket, region, null, null);
    }
}
