package io.framewise.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code --storage} values: what is taken, and the sentence for what is refused. */
class StorageLocationTest {

    private static final Path DATA = Path.of("/srv/framewise").toAbsolutePath();

    @Test
    void theDataFolderItselfIsTheDefaultAndCopiesNothing() {
        assertTrue(StorageLocation.dataFolder(DATA).isDataFolder());
        assertTrue(StorageLocation.parse("file:" + DATA, DATA).isDataFolder());
        assertEquals(DATA.resolve("tus"), StorageSettings.dataFolder(DATA).tusDir(DATA));
        assertFalse(MediaStore.dataFolder(DATA).shared());
    }

    @Test
    void aFolderElsewhereIsASharedStoreThatAlsoHoldsResumableUploads() {
        StorageLocation shared = StorageLocation.parse("file:/mnt/store", DATA);
        assertFalse(shared.isDataFolder());
        assertEquals(Path.of("/mnt/store/tus"), new StorageSettings(shared, 1).tusDir(DATA));
    }

    @Test
    void aFolderInsideOrAroundTheDataFolderIsRefused() {
        assertTrue(message("file:" + DATA.resolve("store")).contains("outside"));
        assertTrue(message("file:/srv").contains("outside"));
        assertTrue(message("file:").contains("needs a folder"));
    }

    @Test
    void anS3AddressTakesBucketPrefixEndpointRegionAndServe() {
        StorageLocation.S3 s3 = (StorageLocation.S3) StorageLocation.parse(
                "s3://media-bucket/studio/a?endpoint=http://127.0.0.1:9000&region=eu-west-1&serve=redirect", DATA);
        assertEquals("media-bucket", s3.bucket());
        assertEquals("studio/a", s3.prefix());
        assertEquals(URI.create("http://127.0.0.1:9000"), s3.endpoint());
        assertEquals("eu-west-1", s3.region());
        assertEquals(StorageLocation.Serve.REDIRECT, s3.serve());
        assertFalse(s3.sse());
        assertTrue(((StorageLocation.S3) StorageLocation.parse("s3://media-bucket?sse=s3", DATA)).sse());
        assertTrue(message("s3://media-bucket?sse=c").contains("--encrypt-at-rest"));
        assertEquals("studio/a/media/x/proxy.mp4", s3.key("media/x/proxy.mp4"));
        StorageLocation.S3 plain = (StorageLocation.S3) StorageLocation.parse("s3://media-bucket", DATA);
        assertEquals("", plain.prefix());
        assertEquals(StorageLocation.Serve.STREAM, plain.serve());
        assertEquals("media/x/a.mp4", plain.key("media/x/a.mp4"));
    }

    @Test
    void credentialsInTheAddressAreRefusedWithWhereToPutThem() {
        assertTrue(message("s3://AKIA:secret@media-bucket/p").contains("AWS_ACCESS_KEY_ID"));
        assertTrue(message("s3://media-bucket/p?secretKey=abc").contains("AWS_SECRET_ACCESS_KEY"));
        assertTrue(message("s3://media-bucket/p?endpoint=http://u:p@127.0.0.1:9000")
                .contains("credentials"));
    }

    @Test
    void garbageIsRefusedWithASentence() {
        assertTrue(message("").contains("must not be blank"));
        assertTrue(message("ftp://x").contains("neither file:DIR nor s3://"));
        assertTrue(message("s3://UPPER_case/p").contains("bucket name"));
        assertTrue(message("s3://media-bucket/../etc").contains("prefix"));
        assertTrue(message("s3://media-bucket/p?serve=teleport").contains("stream or redirect"));
        assertTrue(message("s3://media-bucket/p?endpoint=file:/etc/passwd").contains("http://"));
        assertTrue(message("s3://media-bucket/p?region=Mars%20One").contains("region"));
        assertTrue(message("s3://media-bucket/p?colour=blue").contains("not 'colour'"));
        assertTrue(message("s3://media-bucket/p?region=a&region=b").contains("twice"));
        assertTrue(message("s3://media-bucket/p?flag").contains("name=value"));
    }

    private static String message(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> StorageLocation.parse(spec, DATA))
                .getMessage();
    }
}
