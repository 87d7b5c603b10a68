package io.framewise.server.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address block such as {@code 10.0.0.0/8}, {@code 127.0.0.1} or {@code ::1/128}. Parsed
 * without DNS: only numeric addresses are accepted, so a setting can never make the server resolve
 * (or trust) a name.
 */
public final class Cidr {

    private static final Pattern NUMERIC = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

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
        byte[] bytes = numeric(address)
                .orElseThrow(() -> new IllegalArgumentException("not a numeric address block: " + text))
                .getAddress();
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
        return numeric(address).map(this::contains).orElse(false);
    }

    /**
     * A numeric IPv4 ({@code a.b.c.d}) or IPv6 address (brackets allowed), never looked up by name:
     * the text may come from a request header, and a name would make the server ask DNS on an
     * attacker's behalf. Anything else is empty.
     */
    public static Optional<InetAddress> numeric(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.strip();
        if (a.length() > 2 && a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        // An IPv6 literal always has a colon, and InetAddress never resolves text with one; IPv4 is
        // accepted only as a dotted quad, because shorter forms ("10", "cafe") would go to DNS.
        try {
            if (DOTTED_QUAD.matcher(a).matches()) {
                String[] parts = a.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (a.indexOf(':') >= 0 && NUMERIC.matcher(a).matches()) {
                return Optional.of(InetAddress.getByName(a));
            }
        } catch (UnknownHostException e) {
            // Not a valid IPv6 literal.
        }
        return Optional.empty();
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
