package io.framewise.server.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A large plain upload ({@code POST /api/media?filename=} with the raw body, as {@code curl -T}
 * sends it) to a server with a tight heap, its memory read from {@code /proc} while the bytes flow;
 * against writing the same bytes to a file on the same disk with a {@code FileChannel} and an fsync
 * (what the server does at the end too), i.e. the disk's own speed.
 */
final class UploadBench {

    private static final long MIB = 1024 * 1024;
    private static final String HEAP = "256m";

    private final Path work;
    private final long size;

    UploadBench(Path work, long size) {
        this.work = work;
        this.size = size;
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        long reserve = size + 2048 * MIB;
        long usable = Files.getFileStore(work).getUsableSpace();
        String label = (size / (1024 * MIB)) + " GiB";
        if (usable < reserve) {
            System.out.printf(
                    Locale.ROOT,
                    "upload: skipped, %d MiB free in %s, %d MiB needed%n",
                    usable / MIB,
                    work,
                    reserve / MIB);
            rows.add(ServerBench.Row.skipped("upload " + label, "not enough free disk"));
            return;
        }
        double diskMbs = diskWrite();
        System.out.printf(Locale.ROOT, "upload: FileChannel write + fsync of %s: %.0f MB/s%n", label, diskMbs);

        Path dataDir = work.resolve("upload-data");
        ServerBench.deleteTree(dataDir);
        // A sparse source file: curl streams its zeros from the page cache, nothing sits in memory.
        Path source = work.resolve("upload-source.bin");
        try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
            f.setLength(size);
        }
        try (ServerProcess server = ServerProcess.start(dataDir, HEAP, work.resolve("upload-server.log"))) {
            long idleRss = server.rssBytes();
            AtomicLong maxRss = new AtomicLong(idleRss);
            AtomicBoolean uploading = new AtomicBoolean(true);
            Thread sampler = new Thread(
                    () -> {
                        while (uploading.get()) {
                            try {
                                maxRss.accumulateAndGet(server.rssBytes(), Math::max);
                            } catch (IOException e) {
                                return;
                            }
                            ServerBench.pause(50);
                        }
                    },
                    "rss-sampler");
            sampler.start();
            long t0 = System.nanoTime();
            Process curl = new ProcessBuilder(
                            "curl",
                            "-sS",
                            "--fail-with-body",
                            "-X",
                            "POST",
                            "-T",
                            source.toString(),
                            "-H",
                            "Content-Type: application/octet-stream",
                            server.uri("/api/media?filename=bench-upload.bin").toString())
                    .redirectErrorStream(true)
                    .start();
            String answer = new String(curl.getInputStream().readAllBytes());
            boolean finished = curl.waitFor(30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            uploading.set(false);
            sampler.join();
            long peak = server.peakRssBytes();
            if (!finished || curl.exitValue() != 0 || !answer.contains("\"id\"")) {
                throw new IOException("upload failed: " + answer);
            }
            double mbs = size / 1e6 / seconds;
            System.out.printf(
                    Locale.ROOT,
                    "upload: %s in %.1f s = %.0f MB/s; server RSS idle %d MiB, max sampled %d MiB, VmHWM %d MiB"
                            + " (-Xmx%s)%n",
                    label,
                    seconds,
                    mbs,
                    idleRss / MIB,
                    maxRss.get() / MIB,
                    peak / MIB,
                    HEAP);
            rows.add(new ServerBench.Row(
                    "upload " + label + " raw POST (curl -T) vs FileChannel write + fsync, throughput",
                    String.format(Locale.ROOT, "%.0f MB/s", mbs),
                    String.format(Locale.ROOT, "%.0f MB/s", diskMbs),
                    String.format(Locale.ROOT, "%.2fx", mbs / diskMbs),
                    "-"));
            rows.add(new ServerBench.Row(
                    "upload " + label + ", server peak RSS (VmHWM, -Xmx" + HEAP + ")",
                    (peak / MIB) + " MiB",
                    "idle " + (idleRss / MIB) + " MiB",
                    "-",
                    "< 300 MB"));
        } finally {
            Files.deleteIfExists(source);
            ServerBench.deleteTree(dataDir);
        }
    }

    /** Writes {@code size} bytes through a 1 MiB buffer, fsyncs, deletes; returns MB/s. */
    private double diskWrite() throws IOException {
        Path file = work.resolve("disk-write.bin");
        ByteBuffer chunk = ByteBuffer.allocateDirect((int) MIB);
        try {
            long t0 = System.nanoTime();
            try (FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                for (long left = size; left > 0; ) {
                    chunk.clear().limit((int) Math.min(MIB, left));
                    left -= ch.write(chunk);
                }
                ch.force(true);
            }
            return size / 1e6 / ((System.nanoTime() - t0) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
