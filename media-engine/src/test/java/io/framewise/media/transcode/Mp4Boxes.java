package io.framewise.media.transcode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The top-level box types of an MP4 file in file order ("ftyp", "moov", "mdat", ...). */
final class Mp4Boxes {

    private Mp4Boxes() {}

    static List<String> topLevel(Path file) {
        List<String> types = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = 0;
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(16);
            while (pos + 8 <= size) {
                header.clear();
                ch.read(header, pos);
                header.flip();
                long boxSize = header.getInt() & 0xffffffffL;
                byte[] type = new byte[4];
                header.get(type);
                if (boxSize == 1) {
                    boxSize = header.getLong();
                } else if (boxSize == 0) {
                    boxSize = size - pos;
                }
                if (boxSize < 8) {
                    throw new IllegalStateException("bad box size " + boxSize + " at " + pos + " in " + file);
                }
                types.add(new String(type, StandardCharsets.ISO_8859_1));
                pos += boxSize;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }
}
