package io.modelway.core.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The object store, over the MinIO Java SDK (any S3-compatible server). Every write records the
 * SHA-256 of the bytes as object metadata and returns it, so manifests can list it and readers can
 * check it with {@link #getVerified}.
 */
public class ObjectStore {

    static final String SHA256_METADATA = "sha256";

    private final MinioClient client;
    private final String bucket;

    public ObjectStore(StorageProperties properties) {
        this.client = MinioClient.builder()
                .endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .build();
        long read = properties.readTimeout().toMillis();
        this.client.setTimeout(properties.connectTimeout().toMillis(), read, read);
        this.bucket = properties.bucket();
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket if it does not exist yet. */
    public void ensureBucket() {
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    // Several services start at once; whichever creates the bucket first, it exists now.
                    String code = e.errorResponse().code();
                    if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    public StoredObject put(String key, byte[] bytes, String contentType) {
        String sha256 = Sha256.of(bytes);
        call("put " + key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType(contentType)
                .userMetadata(Map.of(SHA256_METADATA, sha256))
                .build()));
        return new StoredObject(key, sha256, bytes.length);
    }

    /** Uploads a file; {@code sha256} may be null, then it is computed here. */
    public StoredObject put(String key, Path file, String contentType, String sha256) {
        String digest = sha256 != null ? sha256 : Sha256.of(file);
        long size = call("upload " + key, () -> {
            client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString())
                    .contentType(contentType).userMetadata(Map.of(SHA256_METADATA, digest)).build());
            return java.nio.file.Files.size(file);
        });
        return new StoredObject(key, digest, size);
    }

    /** Opens an object for streaming; the caller closes the stream. */
    public InputStream open(String key) {
        return call("get " + key, () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    public byte[] get(String key) {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new ObjectStoreException("Could not read " + key, e);
        }
    }

    /** Reads an object and checks its bytes against the SHA-256 recorded for it elsewhere. */
    public byte[] getVerified(String key, String expectedSha256) {
        byte[] bytes = get(key);
        String actual = Sha256.of(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new IntegrityException(key, expectedSha256, actual);
        }
        return bytes;
    }

    public boolean exists(String key) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NotFound".equals(e.errorResponse().code())) {
                return false;
            }
            throw new ObjectStoreException("Could not stat " + key, e);
        } catch (Exception e) {
            throw new ObjectStoreException("Could not stat " + key, e);
        }
    }

    public List<String> list(String prefix) {
        return call("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> result : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(result.get().objectName());
            }
            return keys;
        });
    }

    private interface StoreCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(String what, StoreCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ObjectStoreException("Object store could not " + what + ": " + e.getMessage(), e);
        }
    }
}
