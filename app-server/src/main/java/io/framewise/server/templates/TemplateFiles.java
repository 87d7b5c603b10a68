package io.framewise.server.templates;

import io.framewise.server.crypto.SealedMedia;
import io.framewise.server.db.Ids;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.http.ApiException;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.upload.FileNames;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Files uploaded for template steps, kept as {@code templates/<id>} under the data folder: PNG
 * watermarks and SRT/VTT subtitles. What a file claims to be is sniffed: a .png must decode as a
 * PNG, a subtitle file must be UTF-8 text with cue timings. With a shared media store (ADR 0060) a
 * stored file is published there, and a node that lacks it fetches it when a clip needs it. With
 * encryption at rest it is sealed under the library's own data key.
 */
public final class TemplateFiles {

    /** A watermark or subtitle file is at most this large. */
    public static final long MAX_BYTES = 8L << 20;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final Path dir;
    private final MediaStore store;
    private final JooqTemplateRepository repository;
    private final Clock clock;

    public TemplateFiles(Path dataDir, MediaStore store, JooqTemplateRepository repository, Clock clock) {
        this.dir = dataDir.toAbsolutePath().normalize().resolve("templates");
        this.store = store;
        this.repository = repository;
        this.clock = clock;
    }

    /** The local file of a stored template file, fetched from the shared store when this node lacks it. */
    public Path path(String id) {
        if (!Ids.isValid(id)) {
            throw new IllegalArgumentException("not a file id: " + id);
        }
        return store.localize(dir.resolve(id));
    }

    /** Reads at most {@link #MAX_BYTES} of {@code body}, checks it and stores it for {@code userId}. */
    public TemplateFile store(String fileName, InputStream body, String userId) {
        // Read as every upload's name is: its last path element, no control characters, never empty.
        String name = fileName == null ? "" : FileNames.sanitize(fileName);
        String lower = name.toLowerCase(Locale.ROOT);
        String kind;
        if (lower.endsWith(".png")) {
            kind = "image";
        } else if (lower.endsWith(".srt") || lower.endsWith(".vtt")) {
            kind = "subtitles";
        } else {
            throw new ApiException.Unsupported(
                    "a template file is a .png, .srt or .vtt (name it with ?filename=)", Map.of("name", name));
        }
        byte[] data;
        try {
            data = body.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (data.length > MAX_BYTES) {
            throw new ApiException.PayloadTooLarge("a template file is at most 8 MiB", MAX_BYTES);
        }
        if (kind.equals("image")) {
            checkPng(data);
        } else {
            checkSubtitles(data);
        }
        TemplateFile file = new TemplateFile(Ids.newId(), kind, name, data.length, userId);
        try {
            PrivateFiles.directories(dir);
            Path target = dir.resolve(file.id());
            if (SealedMedia.on(target)) {
                // The engine reads a sealed watermark or subtitle file through the resolver (ADR 0061).
                SealedMedia.write(target, data);
            } else {
                PrivateFiles.file(target);
                Files.write(target, data);
            }
            store.publish(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repository.insertFile(file, clock.instant());
        return file;
    }

    private static void checkPng(byte[] data) {
        if (data.length < PNG.length || !Arrays.equals(Arrays.copyOf(data, PNG.length), PNG)) {
            throw new ApiException.BadRequest("the file is not a PNG");
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
            if (image == null || image.getWidth() > 8192 || image.getHeight() > 8192) {
                throw new ApiException.BadRequest("the PNG cannot be read or is larger than 8192 x 8192");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw new ApiException.BadRequest("the PNG cannot be read: " + e.getMessage());
        }
    }

    private static void checkSubtitles(byte[] data) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException.BadRequest("subtitles must be UTF-8 text");
        }
        if (!text.contains("-->")) {
            throw new ApiException.BadRequest("the file has no subtitle cues (expected SRT or WebVTT)");
        }
    }
}
