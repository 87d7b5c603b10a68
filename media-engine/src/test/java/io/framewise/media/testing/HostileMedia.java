package io.framewise.media.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Media files that lie in their headers, made from honest ones written by the bundled ffmpeg. */
public final class HostileMedia {

    /** Matroska's Duration element id (in the segment's Info), followed by a size byte. */
    private static final int DURATION_ID_1 = 0x44;

    private static final int DURATION_ID_2 = 0x89;

    private HostileMedia() {}

    /**
     * Two seconds of a sine tone (8 kHz mono PCM) in Matroska whose header declares {@code
     * declaredMillis} milliseconds (the default timestamp scale is a millisecond).
     */
    public static Path matroskaClaimingDuration(Path out, double declaredMillis) {
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=2"),
                "-c:a",
                "pcm_s16le",
                "-f",
                "matroska",
                out.toString());
        try {
            byte[] bytes = Files.readAllBytes(out);
            int at = durationElement(bytes);
            int size = bytes[at + 2] & 0xff;
            ByteBuffer value = ByteBuffer.wrap(bytes, at + 3, size == 0x88 ? 8 : 4);
            if (size == 0x88) {
                value.putDouble(declaredMillis);
            } else {
                value.putFloat((float) declaredMillis);
            }
            Files.write(out, bytes);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int durationElement(byte[] bytes) {
        for (int i = 0; i + 11 < bytes.length; i++) {
            int size = bytes[i + 2] & 0xff;
            if ((bytes[i] & 0xff) == DURATION_ID_1
                    && (bytes[i + 1] & 0xff) == DURATION_ID_2
                    && (size == 0x88 || size == 0x84)) {
                return i;
            }
        }
        throw new IllegalStateException("no Duration element in the Matroska header");
    }
}
