package io.framewise.model.time;

/** Frame rate as an exact, reduced rational (interim form; the full class lands with the time model). */
public record FrameRate(int numerator, int denominator) {

    public FrameRate {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("frame rate must be positive: " + numerator + "/" + denominator);
        }
        int g = gcd(numerator, denominator);
        numerator /= g;
        denominator /= g;
    }

    public static FrameRate of(int numerator, int denominator) {
        return new FrameRate(numerator, denominator);
    }

    public double fps() {
        return (double) numerator / denominator;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
