package io.framewise.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverFilesTest {

    @TempDir
    Path data;

    @Test
    void removesOnlyTemporaryFilesOlderThanTheStart() throws Exception {
        Instant start = Instant.now();
        Path oldUpload = old(data.resolve("uploads/upload-1.part"), start);
        Path oldProxy = old(data.resolve("media/abc/.proxy.mp4.1f.part"), start);
        Path oldStill = old(data.resolve("media/abc/stills/.12.png.2e.part"), start);
        Path original = old(data.resolve("media/abc/original.mov"), start);
        Path tusData = old(data.resolve("tus/uploads/u1/data.part"), start);
        Path fresh = data.resolve("uploads/upload-2.part");
        Files.write(fresh, new byte[] {1});
        Files.setLastModifiedTime(fresh, FileTime.from(start.plusSeconds(1)));

        List<Path> removed = LeftoverFiles.sweep(data, start);

        assertEquals(Set.of(oldUpload, oldProxy, oldStill), Set.copyOf(removed));
        assertTrue(removed.stream().noneMatch(Files::exists));
        assertTrue(Files.exists(original), "finished files stay");
        assertTrue(Files.exists(tusData), "resumable uploads are not the sweep's");
        assertTrue(Files.exists(fresh), "this run's own temporary files stay");
        assertEquals(
                Set.of(),
                LeftoverFiles.sweep(data, start).stream().collect(Collectors.toSet()),
                "a second sweep finds nothing");
    }

    @Test
    void removesAnUnfinishedHlsLadderFolderWithItsFiles() throws Exception {
        Instant start = Instant.now();
        Path segment = old(data.resolve("media/abc/.hls.6b.part/.720p.mp4.74.part"), start);
        Path ladder = segment.getParent();
        Files.setLastModifiedTime(ladder, FileTime.from(start.minusSeconds(60)));
        Path finished = old(data.resolve("media/abc/hls/720p/seg-1.m4s"), start);

        List<Path> removed = LeftoverFiles.sweep(data, start);

        assertEquals(Set.of(segment, ladder), Set.copyOf(removed));
        assertTrue(Files.notExists(ladder), "the unfinished ladder's folder is gone");
        assertTrue(Files.exists(finished), "a finished ladder stays");
    }

    @Test
    void aDataFolderWithoutUploadsOrMediaIsFine() {
        assertEquals(List.of(), LeftoverFiles.sweep(data.resolve("new"), Instant.now()));
    }

    private static Path old(Path file, Instant start) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(file, FileTime.from(start.minusSeconds(60)));
        return file;
    }
}
