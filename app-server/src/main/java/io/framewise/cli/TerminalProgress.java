package io.framewise.cli;

import io.framewise.media.Progress;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * A one-line progress bar redrawn in place on a terminal, at most ten times a second. Off a terminal
 * (a pipe, a log file) it prints nothing, so scripts get clean output.
 */
final class TerminalProgress implements Progress.Listener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private long lastDrawNanos;
    private boolean drawn;

    TerminalProgress(PrintWriter err, String label) {
        this(err, label, System.console() != null);
    }

    TerminalProgress(PrintWriter err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    @Override
    public void onProgress(Progress p) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (p.fraction() < 1.0 && now - lastDrawNanos < 100_000_000L) {
            return;
        }
        lastDrawNanos = now;
        err.print('\r' + render(p));
        err.flush();
        drawn = true;
    }

    /** Ends the line the bar was drawn on. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    String render(Progress p) {
        double f = Math.max(0, Math.min(1, p.fraction()));
        int filled = (int) Math.round(f * WIDTH);
        String eta = p.remaining().map(TerminalProgress::clock).orElse("--:--");
        return String.format(
                "%s [%s%s] %3d%%  %6.1f fps  ETA %s ",
                label, "#".repeat(filled), " ".repeat(WIDTH - filled), Math.round(f * 100), p.framesPerSecond(), eta);
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600
                ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
