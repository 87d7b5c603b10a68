package io.framewise.server.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An address block such as {@code 10.0.0.0/8}, {@code 127.0.0.1} or {@code ::1/128}. Parsed
 * without DNS: only numeric addresses are accepted, so a setting can never make the server resolve
 * (or trust) a name.
 */
public final class Cidr {

    private static final Pattern NUMERIC = Pattern.compile("[0-9a-fA-F:.]+");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses {@code ADDRESS[/PREFIX]}; a bare address is a block of one. */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (address.isEmpty() || !NUMERIC.matcher(address).matches()) {
            throw new IllegalArgumentException("not a numeric address block: " + text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric address block: " + text, e);
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text, e);
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("prefix length must be 0.." + max + " in " + text);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, trimmed);
    }

    /** Whether the numeric address (as a client's remote address) lies in this block. */
    public boolean contains(String address) {
        if (address == null || !NUMERIC.matcher(address).matches()) {
            return false;
        }
        try {
            return contains(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            byte[] mapped = ipv4Mapped(bytes);
            if (mapped == null || mapped.length != network.length) {
                return false;
            }
            bytes = mapped;
        }
        return Arrays.equals(mask(bytes, prefix), network);
    }

    private static byte[] ipv4Mapped(byte[] v6) {
        if (v6.length != 16) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return null;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return null;
        }
        return Arrays.copyOfRange(v6, 12, 16);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && other.prefix == prefix && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
