package io.alertbridge.processor.replay;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar for long replays: done/total, rate and time left, redrawn in place at most five times a
 * second. Not thread-safe.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDrawn;

    /**
     * @param out where to draw (the terminal's standard error, so standard output stays clean)
     * @param total how many records the range holds (an estimate is fine)
     */
    public ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = Math.max(total, 1);
    }

    /** Redraws when due. */
    public void update(long done) {
        long now = System.nanoTime();
        if (now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            out.print("\r" + line(done, now - started));
            out.flush();
        }
    }

    /** Draws the final state and ends the line. */
    public void finish(long done) {
        out.println("\r" + line(done, System.nanoTime() - started));
    }

    String line(long done, long elapsedNanos) {
        double fraction = Math.min(1.0, done / (double) total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        double rate = done / seconds;
        long left = rate > 0 ? (long) ((total - Math.min(done, total)) / rate) : 0;
        return String.format(
                "[%s%s] %3d%%  %,d/%,d records  %,.0f rec/s  %s left ",
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                Math.round(fraction * 100),
                done,
                total,
                rate,
                format(Duration.ofSeconds(left)));
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
