package io.framewise.server.interchange.markers;

import io.framewise.model.time.FrameRate;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Time values and references as FCPXML (and xmeml) write them. */
final class Fcpxml {

    private Fcpxml() {}

    /**
     * {@code frames} frames at {@code rate} as an FCPXML time: exact rational seconds, reduced,
     * "{@code n/ds}" or "{@code ns}" when whole (so frame 1 at 29.97 is {@code 1001/30000s}).
     */
    static String time(long frames, FrameRate rate) {
        BigInteger num = BigInteger.valueOf(frames).multiply(BigInteger.valueOf(rate.denominator()));
        BigInteger den = BigInteger.valueOf(rate.numerator());
        BigInteger gcd = num.gcd(den);
        if (gcd.signum() != 0) {
            num = num.divide(gcd);
            den = den.divide(gcd);
        }
        return den.equals(BigInteger.ONE) ? num + "s" : num + "/" + den + "s";
    }

    /** The media's file name as a relative URL: the editing application asks to relink it. */
    static String relativeUrl(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
