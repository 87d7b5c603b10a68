package io.framewise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthMode;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.storage.StorageLocation;
import io.framewise.server.storage.StorageSettings;
import io.framewise.server.testing.DataFolderStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void optionsBeatEnvironmentBeatsFileBeatsDefaults() throws Exception {
        Path file = tmp.resolve("server.properties");
        Files.writeString(file, "data=/srv/fw\nhost=127.0.0.2\nport=9000\nworkers=3\n");
        Map<String, String> env = Map.of("FRAMEWISE_PORT", "9100");

        ServerConfig fromFile = new ServerSettings(Map.of(), file).resolve(null, null, null, null);
        assertEquals(Path.of("/srv/fw"), fromFile.dataDir());
        assertEquals("127.0.0.2", fromFile.host());
        assertEquals(9000, fromFile.port());
        assertEquals(3, fromFile.workers());

        ServerConfig envWins = new ServerSettings(env, file).resolve(null, null, null, null);
        assertEquals(9100, envWins.port());

        ServerConfig optionWins = new ServerSettings(env, file).resolve(tmp, "localhost", 0, 1);
        assertEquals(tmp, optionWins.dataDir());
        assertEquals(0, optionWins.port());
        assertEquals(1, optionWins.workers());
    }

    @Test
    @Tag(DataFolderStore.TAG)
    void theMediaStoreComesFromOptionEnvironmentFileOrTheDataFolder() throws Exception {
        Path data = tmp.resolve("data");
        Path file = tmp.resolve("store.properties");
        Files.writeString(file, "storage=file:" + tmp.resolve("shared") + "\nstorage-cache=10G\n");

        StorageSettings none = new ServerSettings(Map.of(), null).storage(null, null, data);
        assertTrue(none.location().isDataFolder());
        assertEquals(MediaStore.DEFAULT_CACHE_BYTES, none.cacheBytes());

        StorageSettings fromFile = new ServerSettings(Map.of(), file).storage(null, null, data);
        assertEquals(new StorageLocation.Folder(tmp.resolve("shared"), false), fromFile.location());
        assertEquals(10L << 30, fromFile.cacheBytes());

        Map<String, String> env = Map.of("FRAMEWISE_STORAGE", "s3://media-bucket/lib?region=eu-west-1");
        StorageSettings envWins = new ServerSettings(env, file).storage(null, "1G", data);
        assertTrue(envWins.location() instanceof StorageLocation.S3, envWins.toString());
        assertEquals(1L << 30, envWins.cacheBytes());

        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> new ServerSettings(Map.of(), null)
                        .storage("s3://key:secret@media-bucket", null, data));
        assertTrue(refused.getMessage().contains("AWS_ACCESS_KEY_ID"), refused.getMessage());
    }

    @Test
    void stillsCacheSizeComesFromOptionEnvironmentFileOrDefault() throws Exception {
        Path file = tmp.resolve("cache.properties");
        Files.writeString(file, "stills-cache=256M\n");
        assertEquals(
                ServerConfig.DEFAULT_STILLS_CACHE_BYTES, new ServerSettings(Map.of(), null).stillsCacheBytes(null));
        assertEquals(256L << 20, new ServerSettings(Map.of(), file).stillsCacheBytes(null));
        Map<String, String> env = Map.of("FRAMEWISE_STILLS_CACHE", "2G");
        assertEquals(2L << 30, new ServerSettings(env, file).stillsCacheBytes(null));
        assertEquals(0, new ServerSettings(env, file).stillsCacheBytes("0"));
        assertEquals(1536, ServerSettings.bytes("size", "1536"));
        assertEquals(3L << 10, ServerSettings.bytes("size", "3KiB"));
        assertEquals(5L << 40, ServerSettings.bytes("size", "5t"));
        for (String bad : new String[] {"", "G", "-1M", "1.5G", "12X", "99999999999T"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ServerSettings.bytes("the size", bad), bad);
            assertTrue(e.getMessage().contains("the size"), e.getMessage());
        }
    }

    @Test
    void publicUrlsAndHostsComeFromOptionsThenEnvironmentThenFile() throws Exception {
        Path file = tmp.resolve("public.properties");
        Files.writeString(file, "public-url=https://file.example\nallowed-host=alias.example\n");
        ServerSettings fromFile = new ServerSettings(Map.of(), file);
        assertEquals(
                java.util.List.of("https://file.example"),
                fromFile.addresses(java.util.List.of(), java.util.List.of()).origins());
        assertEquals(
                java.util.List.of("alias.example", "file.example"),
                fromFile.addresses(java.util.List.of(), java.util.List.of()).names());

        ServerSettings env =
                new ServerSettings(Map.of("FRAMEWISE_PUBLIC_URL", "https://a.example, http://b.example:8080/"), file);
        assertEquals(
                java.util.List.of("https://a.example", "http://b.example:8080"),
                env.addresses(java.util.List.of(), java.util.List.of()).origins());
        assertEquals(
                java.util.List.of("https://c.example:8443"),
                env.addresses(java.util.List.of("https://C.example:8443"), java.util.List.of())
                        .origins());

        for (String bad : java.util.List.of("review.example", "ftp://x.example", "https://", "https://u@x.example")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> env.addresses(java.util.List.of(bad), java.util.List.of()),
                    bad);
            assertTrue(e.getMessage().contains("--public-url"), e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> env.addresses(java.util.List.of(), java.util.List.of("evil.example:80")));
    }

    @Test
    void defaultsFollowTheXdgDataHome() {
        ServerConfig c =
                new ServerSettings(Map.of("XDG_DATA_HOME", "/home/ed/.data"), null).resolve(null, null, null, null);
        assertEquals(Path.of("/home/ed/.data/framewise"), c.dataDir());
        assertEquals(ServerConfig.DEFAULT_HOST, c.host());
        assertEquals(ServerConfig.DEFAULT_PORT, c.port());
    }

    @Test
    void badSettingsAreNamed() throws Exception {
        Path file = tmp.resolve("bad.properties");
        Files.writeString(file, "prot=80\n");
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> new ServerSettings(Map.of(), file));
        assertTrue(unknown.getMessage().contains("prot"), unknown.getMessage());
        IllegalArgumentException notNumber = assertThrows(
                IllegalArgumentException.class,
                () -> new ServerSettings(Map.of("FRAMEWISE_PORT", "http"), null).resolve(null, null, null, null));
        assertTrue(notNumber.getMessage().contains("port"), notNumber.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> new ServerSettings(Map.of(), tmp.resolve("missing.properties")));
    }

    @Test
    void onlyLoopbackWithoutAccountsUnlessAllowed() {
        ServerSettings.checkExposure("127.0.0.1", AuthMode.NONE, false);
        ServerSettings.checkExposure("localhost", AuthMode.NONE, false);
        ServerSettings.checkExposure("::1", AuthMode.NONE, false);
        assertThrows(
                IllegalArgumentException.class, () -> ServerSettings.checkExposure("0.0.0.0", AuthMode.NONE, false));
        ServerSettings.checkExposure("0.0.0.0", AuthMode.NONE, true);
    }
}
