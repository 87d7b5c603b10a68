package io.framewise.media.clip.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Just enough H.264 bitstream handling for smart cuts: splitting packets into NAL units (Annex B
 * start codes or length prefixes), spotting IDR pictures, rewriting Annex B as length-prefixed, and
 * reading the ids of the parameter sets in a stream's extradata.
 */
final class H264Bitstream {

    static final int NAL_IDR = 5;
    static final int NAL_SPS = 7;
    static final int NAL_PPS = 8;

    private H264Bitstream() {}

    /** The NAL length size (1..4) of avcC extradata, or 0 when packets use Annex B start codes. */
    static int nalLengthSize(byte[] extradata) {
        if (extradata.length >= 7 && extradata[0] == 1) {
            return (extradata[4] & 3) + 1;
        }
        return 0;
    }

    /** The NAL units of a packet, without start codes or length prefixes. */
    static List<byte[]> units(byte[] data, int nalLengthSize) {
        return nalLengthSize == 0 ? annexBUnits(data) : lengthPrefixedUnits(data, nalLengthSize);
    }

    static int type(byte[] nal) {
        return nal.length == 0 ? -1 : nal[0] & 0x1f;
    }

    /** Whether the packet holds an IDR picture (decoding can start there without earlier pictures). */
    static boolean containsIdr(byte[] data, int nalLengthSize) {
        for (byte[] nal : units(data, nalLengthSize)) {
            if (type(nal) == NAL_IDR) {
                return true;
            }
        }
        return false;
    }

    /** Rewrites Annex B data with big-endian length prefixes of {@code nalLengthSize} bytes. */
    static byte[] toLengthPrefixed(byte[] annexB, int nalLengthSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(annexB.length + 16);
        for (byte[] nal : annexBUnits(annexB)) {
            if (nalLengthSize < 4 && nal.length >= 1 << (8 * nalLengthSize)) {
                throw new IllegalArgumentException(
                        "NAL unit of " + nal.length + " bytes does not fit a " + nalLengthSize + "-byte length");
            }
            for (int shift = 8 * (nalLengthSize - 1); shift >= 0; shift -= 8) {
                out.write((nal.length >>> shift) & 0xff);
            }
            out.write(nal, 0, nal.length);
        }
        return out.toByteArray();
    }

    static List<byte[]> annexBUnits(byte[] data) {
        List<byte[]> units = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < data.length) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                if (start >= 0) {
                    units.add(trimmed(data, start, i));
                }
                start = i + 3;
                i += 3;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < data.length) {
            units.add(trimmed(data, start, data.length));
        }
        return units;
    }

    private static byte[] trimmed(byte[] data, int from, int to) {
        // Zero bytes before a start code belong to it (four-byte start codes, trailing zeros).
        while (to > from && data[to - 1] == 0) {
            to--;
        }
        byte[] nal = new byte[to - from];
        System.arraycopy(data, from, nal, 0, nal.length);
        return nal;
    }

    static List<byte[]> lengthPrefixedUnits(byte[] data, int size) {
        List<byte[]> units = new ArrayList<>();
        int pos = 0;
        while (pos + size <= data.length) {
            int len = 0;
            for (int k = 0; k < size; k++) {
                len = (len << 8) | (data[pos + k] & 0xff);
            }
            pos += size;
            if (len < 0 || pos + len > data.length) {
                break;
            }
            byte[] nal = new byte[len];
            System.arraycopy(data, pos, nal, 0, len);
            units.add(nal);
            pos += len;
        }
        return units;
    }

    /** The SPS and PPS ids found in extradata (avcC or Annex B). */
    static Set<Integer> parameterSetIds(byte[] extradata) {
        Set<Integer> ids = new TreeSet<>();
        for (byte[] nal : parameterSets(extradata)) {
            byte[] rbsp = unescape(nal);
            BitReader bits = new BitReader(rbsp, 8);
            if (type(nal) == NAL_SPS) {
                bits.skip(24); // profile_idc, constraint flags, level_idc
                ids.add(bits.ue());
            } else if (type(nal) == NAL_PPS) {
                ids.add(bits.ue()); // pic_parameter_set_id
                ids.add(bits.ue()); // seq_parameter_set_id
            }
        }
        return ids;
    }

    /** {@code data} (length-prefixed) with the parameter sets of {@code extradata} in front. */
    static byte[] withParameterSets(byte[] data, byte[] extradata, int nalLengthSize) {
        ByteArrayOutputStream annexB = new ByteArrayOutputStream();
        for (byte[] nal : parameterSets(extradata)) {
            annexB.writeBytes(new byte[] {0, 0, 0, 1});
            annexB.writeBytes(nal);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(toLengthPrefixed(annexB.toByteArray(), nalLengthSize));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static List<byte[]> parameterSets(byte[] extradata) {
        if (nalLengthSize(extradata) == 0) {
            return annexBUnits(extradata);
        }
        List<byte[]> sets = new ArrayList<>();
        int pos = 5;
        for (int group = 0; group < 2 && pos < extradata.length; group++) {
            int count = group == 0 ? extradata[pos++] & 0x1f : extradata[pos++] & 0xff;
            for (int k = 0; k < count && pos + 2 <= extradata.length; k++) {
                int len = ((extradata[pos] & 0xff) << 8) | (extradata[pos + 1] & 0xff);
                pos += 2;
                if (pos + len > extradata.length) {
                    return sets;
                }
                byte[] nal = new byte[len];
                System.arraycopy(extradata, pos, nal, 0, len);
                sets.add(nal);
                pos += len;
            }
        }
        return sets;
    }

    /** The raw payload of a NAL unit: emulation prevention bytes (00 00 03) removed. */
    private static byte[] unescape(byte[] nal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
        int zeros = 0;
        for (byte b : nal) {
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    private static final class BitReader {
        private final byte[] data;
        private int bit;

        BitReader(byte[] data, int bit) {
            this.data = data;
            this.bit = bit;
        }

        void skip(int n) {
            bit += n;
        }

        int read() {
            if (bit >= data.length * 8) {
                throw new IllegalArgumentException("parameter set is truncated");
            }
            int v = (data[bit >> 3] >> (7 - (bit & 7))) & 1;
            bit++;
            return v;
        }

        int ue() {
            int zeros = 0;
            while (read() == 0) {
                if (++zeros > 31) {
                    throw new IllegalArgumentException("bad exp-Golomb code in parameter set");
                }
            }
            int value = 0;
            for (int k = 0; k < zeros; k++) {
                value = (value << 1) | read();
            }
            return (1 << zeros) - 1 + value;
        }
    }
}
