package io.framewise.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A store in an S3-compatible bucket through the AWS SDK v2 (path-style addresses, so MinIO, Ceph,
 * s3proxy and the like work by endpoint alone; the JDK's URL connection as HTTP client). Credentials
 * come from the AWS default provider chain. Large files go up as multipart uploads read part by
 * part from the file, so memory stays flat.
 */
final class S3Blobs implements Blobs {

    /** Files larger than this go up in parts of this size (S3's parts are at least 5 MiB). */
    static final long PART_BYTES = 16L << 20;

    private final StorageLocation.S3 where;
    private final S3Client s3;
    private final S3Presigner presigner;

    private S3Blobs(StorageLocation.S3 where, S3Client s3, S3Presigner presigner) {
        this.where = where;
        this.s3 = s3;
        this.presigner = presigner;
    }

    static S3Blobs open(StorageLocation.S3 where) {
        AwsCredentialsProvider credentials =
                DefaultCredentialsProvider.builder().build();
        S3Configuration pathStyle =
                S3Configuration.builder().pathStyleAccessEnabled(true).build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(where.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .serviceConfiguration(pathStyle)
                // Checksums only where S3 demands them: S3-compatible servers differ on the newer trailers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        S3Presigner.Builder presign = S3Presigner.builder()
                .region(Region.of(where.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(pathStyle);
        if (where.endpoint() != null) {
            builder.endpointOverride(where.endpoint());
            presign.endpointOverride(where.endpoint());
        }
        return new S3Blobs(where, builder.build(), presign.build());
    }

    @Override
    public StoredObject stat(String key) throws IOException {
        try {
            HeadObjectResponse head =
                    s3.headObject(b -> b.bucket(where.bucket()).key(where.key(key)));
            return new StoredObject(key, head.contentLength(), head.lastModified());
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public void put(String key, Path file) throws IOException {
        long size = Files.size(file);
        String k = where.key(key);
        if (size <= PART_BYTES) {
            s3.putObject(
                    b -> b.bucket(where.bucket())
                            .key(k)
                            .contentLength(size)
                            .serverSideEncryption(where.sse() ? ServerSideEncryption.AES256 : null),
                    RequestBody.fromFile(file));
            return;
        }
        String upload = s3.createMultipartUpload(b -> b.bucket(where.bucket())
                        .key(k)
                        .serverSideEncryption(where.sse() ? ServerSideEncryption.AES256 : null))
                .uploadId();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long at = 0; at < size; at += PART_BYTES, number++) {
                long length = Math.min(PART_BYTES, size - at);
                ch.position(at);
                InputStream in = new BoundedInput(Channels.newInputStream(ch), length);
                int n = number;
                String etag = s3.uploadPart(
                                b -> b.bucket(where.bucket())
                                        .key(k)
                                        .uploadId(upload)
                                        .partNumber(n)
                                        .contentLength(length),
                                RequestBody.fromInputStream(in, length))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(where.bucket())
                    .key(k)
                    .uploadId(upload)
                    .multipartUpload(
                            CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            abort(k, upload);
            throw e;
        }
    }

    private void abort(String key, String upload) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                    .bucket(where.bucket())
                    .key(key)
                    .uploadId(upload)
                    .build());
        } catch (RuntimeException ignored) {
            // The store is failing already; an unfinished upload is cleaned by the bucket's lifecycle.
        }
    }

    @Override
    public boolean get(String key, Path target) throws IOException {
        Files.deleteIfExists(target);
        try {
            s3.getObject(
                    GetObjectRequest.builder()
                            .bucket(where.bucket())
                            .key(where.key(key))
                            .build(),
                    ResponseTransformer.toFile(target));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public InputStream range(String key, long from, long to) throws IOException {
        try {
            return s3.getObject(GetObjectRequest.builder()
                    .bucket(where.bucket())
                    .key(where.key(key))
                    .range("bytes=" + from + "-" + to)
                    .build());
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    /** A short-lived address a client can GET the object's bytes at without our credentials. */
    URI presigned(String key, Duration valid) {
        return URI.create(presigner
                .presignGetObject(b -> b.signatureDuration(valid)
                        .getObjectRequest(g -> g.bucket(where.bucket()).key(where.key(key))))
                .url()
                .toString());
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        String full = where.key(prefix);
        int cut = full.length() - prefix.length();
        List<String> keys = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(
                        b -> b.bucket(where.bucket()).prefix(full))
                .contents()) {
            keys.add(o.key().substring(cut));
        }
        return keys;
    }

    /**
     * One DELETE per object: the batch call needs a Content-MD5 or checksum header that S3-compatible
     * servers do not all take, and an item has a few dozen objects at most besides its HLS segments.
     */
    @Override
    public void deleteAll(String prefix) throws IOException {
        for (String key : list(prefix)) {
            s3.deleteObject(b -> b.bucket(where.bucket()).key(where.key(key)));
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(where.bucket()).key(where.key(key)));
    }

    @Override
    public void close() {
        s3.close();
        presigner.close();
    }
}
