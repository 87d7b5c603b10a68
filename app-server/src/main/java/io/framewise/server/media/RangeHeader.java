package io.framewise.server.media;

import java.util.Optional;

/**
 * Parses a {@code Range} request header (RFC 9110 section 14) against a known size.
 *
 * <p>The outcome is one of three: {@link Outcome#IGNORE} (no header, another unit, or a syntax error
 * such as {@code bytes=9-3}: RFC 9110 says an invalid header is ignored, so the full representation
 * is sent with 200), {@link Outcome#UNSATISFIABLE} (valid, but no range overlaps the content: 416),
 * or {@link Outcome#PARTIAL} with the first satisfiable range.
 *
 * <p>Multiple ranges are answered with the <em>first satisfiable one</em> as a plain single-part 206
 * (RFC 9110 lets a server send fewer ranges than asked). Players and browsers only ever ask for one
 * range; a multipart/byteranges body would add a code path no client of ours uses.
 */
public final class RangeHeader {

    /** What to do with the request. */
    public enum Outcome {
        IGNORE,
        UNSATISFIABLE,
        PARTIAL
    }

    /** The parse result: the outcome and, for {@link Outcome#PARTIAL}, the range to send. */
    public record Result(Outcome outcome, Optional<ByteRange> range) {
        static final Result IGNORED = new Result(Outcome.IGNORE, Optional.empty());
        static final Result UNSATISFIABLE = new Result(Outcome.UNSATISFIABLE, Optional.empty());
    }

    /** Headers longer than this (thousands of ranges) are ignored rather than parsed. */
    static final int MAX_HEADER_LENGTH = 4096;

    private RangeHeader() {}

    public static Result parse(String header, long size) {
        if (header == null || header.length() > MAX_HEADER_LENGTH) {
            return Result.IGNORED;
        }
        String h = header.strip();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).strip().equalsIgnoreCase("bytes")) {
            return Result.IGNORED;
        }
        ByteRange firstSatisfiable = null;
        boolean any = false;
        for (String part : h.substring(eq + 1).split(",", -1)) {
            String spec = part.strip();
            if (spec.isEmpty()) {
                // RFC 9110 allows empty list elements ("bytes=0-1, ,5-6"); skip them.
                continue;
            }
            long[] bounds = parseSpec(spec);
            if (bounds == null) {
                return Result.IGNORED;
            }
            any = true;
            ByteRange satisfiable = satisfiable(bounds, size);
            if (firstSatisfiable == null && satisfiable != null) {
                firstSatisfiable = satisfiable;
            }
        }
        if (!any) {
            return Result.IGNORED;
        }
        return firstSatisfiable == null
                ? Result.UNSATISFIABLE
                : new Result(Outcome.PARTIAL, Optional.of(firstSatisfiable));
    }

    /** {first, last} with last = -1 for "to the end", or {-1, suffixLength}; null when malformed. */
    private static long[] parseSpec(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0 || dash != spec.lastIndexOf('-')) {
            return null;
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (a.isEmpty()) {
            Long suffix = digits(b);
            return suffix == null ? null : new long[] {-1, suffix};
        }
        Long first = digits(a);
        if (first == null) {
            return null;
        }
        if (b.isEmpty()) {
            return new long[] {first, -1};
        }
        Long last = digits(b);
        if (last == null || last < first) {
            return null;
        }
        return new long[] {first, last};
    }

    private static ByteRange satisfiable(long[] bounds, long size) {
        if (bounds[0] == -1) {
            long suffix = bounds[1];
            if (suffix == 0 || size == 0) {
                return null;
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long first = bounds[0];
        if (first >= size) {
            return null;
        }
        long last = bounds[1] == -1 ? size - 1 : Math.min(bounds[1], size - 1);
        return new ByteRange(first, last);
    }

    /** A non-negative decimal that fits a long; null for anything else (signs, spaces, overflow). */
    private static Long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }
}
