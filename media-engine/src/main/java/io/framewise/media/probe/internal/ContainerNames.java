package io.framewise.media.probe.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Turns FFmpeg's demuxer names ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "png_pipe") into the
 * short container names people use ("mp4", "mov", "m4a", "webm", "png"). One demuxer reads several
 * containers, so the file's own brand (MP4 family) or EBML doctype (Matroska family) decides.
 */
final class ContainerNames {

    /** Codecs whose single frame is a still picture when an image demuxer or a lone frame holds them. */
    private static final Set<String> IMAGE_CODECS = Set.of(
            "png",
            "mjpeg",
            "jpeg2000",
            "jpegls",
            "jpegxl",
            "bmp",
            "tiff",
            "webp",
            "gif",
            "qoi",
            "pam",
            "pbm",
            "pgm",
            "ppm",
            "exr",
            "dpx",
            "sgi",
            "targa",
            "hdr",
            "psd",
            "dds",
            "pcx",
            "xbm",
            "xpm",
            "xwd");

    private static final int EBML_MAGIC = 0x1A45DFA3;
    private static final int EBML_DOCTYPE = 0x4282;
    private static final int EBML_HEADER_BYTES = 512;

    private ContainerNames() {}

    /** Whether FFmpeg read the file with one of its image demuxers. */
    static boolean isImageDemuxer(String formatName) {
        return formatName.endsWith("_pipe") || formatName.equals("image2") || formatName.equals("image2pipe");
    }

    /** Whether a video stream of this codec holding a single frame is a still picture. */
    static boolean isImageCodec(String codec) {
        return IMAGE_CODECS.contains(codec);
    }

    /**
     * The short container name of a file FFmpeg opened with demuxer {@code formatName}.
     *
     * @param videoCodec the primary video stream's codec, empty when the file has no video
     */
    static String friendlyName(Path file, String formatName, AVDictionary metadata, Optional<String> videoCodec) {
        if (formatName.startsWith("mov,")) {
            return isoFamilyName(NativeText.tag(metadata, "major_brand"), videoCodec.isPresent());
        }
        if (formatName.startsWith("matroska")) {
            return matroskaDocType(file).filter(type -> type.equals("webm")).orElse("matroska");
        }
        if (formatName.endsWith("_pipe")) {
            return formatName.substring(0, formatName.length() - "_pipe".length());
        }
        if (formatName.equals("image2") || formatName.equals("image2pipe")) {
            return videoCodec
                    .map(codec -> codec.equals("mjpeg") ? "jpeg" : codec)
                    .orElse(formatName);
        }
        int comma = formatName.indexOf(',');
        return comma > 0 ? formatName.substring(0, comma) : formatName;
    }

    /** The MP4/QuickTime family: the ftyp major brand names the flavour; no ftyp at all is classic QuickTime. */
    private static String isoFamilyName(Optional<String> majorBrand, boolean hasVideo) {
        String brand = majorBrand.map(b -> b.toLowerCase(Locale.ROOT).trim()).orElse("qt");
        if (brand.equals("qt")) {
            return "mov";
        }
        if (brand.startsWith("3g2")) {
            return "3g2";
        }
        if (brand.startsWith("3g")) {
            return "3gp";
        }
        if (brand.equals("avif") || brand.equals("avis")) {
            return "avif";
        }
        if (brand.equals("heic") || brand.equals("heix") || brand.equals("mif1") || brand.equals("msf1")) {
            return "heif";
        }
        if (!hasVideo || brand.equals("m4a") || brand.equals("m4b")) {
            return "m4a";
        }
        return "mp4";
    }

    /**
     * The DocType of a Matroska file's EBML header ("matroska" or "webm"). FFmpeg's demuxer checks it
     * but does not export it, so the few header bytes are read here.
     */
    static Optional<String> matroskaDocType(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(EBML_HEADER_BYTES);
        } catch (IOException e) {
            return Optional.empty();
        }
        EbmlReader reader = new EbmlReader(head);
        if (reader.id() != EBML_MAGIC) {
            return Optional.empty();
        }
        long headerSize = reader.size();
        long end = Math.min(head.length, reader.position + Math.max(0, headerSize));
        while (reader.position < end) {
            long id = reader.id();
            long size = reader.size();
            if (id < 0 || size < 0 || reader.position + size > end) {
                return Optional.empty();
            }
            if (id == EBML_DOCTYPE) {
                String text = new String(head, reader.position, (int) size, StandardCharsets.US_ASCII);
                int nul = text.indexOf('\0');
                return Optional.of((nul >= 0 ? text.substring(0, nul) : text).trim());
            }
            reader.position += (int) size;
        }
        return Optional.empty();
    }

    /** Reads EBML variable-length integers: element IDs keep their length marker, sizes drop it. */
    private static final class EbmlReader {
        private final byte[] data;
        private int position;

        EbmlReader(byte[] data) {
            this.data = data;
        }

        long id() {
            return read(true);
        }

        long size() {
            return read(false);
        }

        private long read(boolean keepMarker) {
            if (position >= data.length) {
                return -1;
            }
            int first = data[position] & 0xFF;
            int length = Integer.numberOfLeadingZeros(first) - 24 + 1;
            if (first == 0 || length > 8 || position + length > data.length) {
                return -1;
            }
            long value = keepMarker ? first : first & (0xFF >> length);
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (data[position + i] & 0xFF);
            }
            position += length;
            return value;
        }
    }
}
