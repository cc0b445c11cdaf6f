package io.modelway.core.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the object store is: {@code modelway.s3.*}, from env vars such as {@code MODELWAY_S3_ENDPOINT}. */
@ConfigurationProperties("modelway.s3")
public record StorageProperties(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    public StorageProperties {
        endpoint = endpoint == null ? "http://127.0.0.1:9000" : endpoint;
        accessKey = accessKey == null ? "modelway" : accessKey;
        secretKey = secretKey == null ? "modelway-secret" : secretKey;
        bucket = bucket == null ? "modelway" : bucket;
        region = region == null ? "us-east-1" : region;
    }
}
