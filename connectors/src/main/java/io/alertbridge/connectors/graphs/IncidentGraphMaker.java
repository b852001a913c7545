package io.alertbridge.connectors.graphs;

import io.alertbridge.connectors.slack.GraphSettings;
import io.alertbridge.connectors.slack.sink.GraphMaker;
import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An incident's graph, as the Slack sink shows it: the worst two members that have graph data (a CloudWatch alarm's
 * series fetched with {@code GetMetricData}; an anomaly's recent scores and observed values as the processor attached
 * them, with the fire and clear thresholds of the rule that decided), each drawn
 * by {@link ChartRenderer} and stacked into one PNG; for a composite alarm, its children's states in one line; for
 * a window without datapoints, one line saying so.
 *
 * <p>The route's window and time zone come from {@link GraphSettings}. A fetch that CloudWatch refused, throttled or
 * timed out (or that the calls-per-minute budget skipped) gives {@link Result.Skipped}: the message goes out without
 * a graph and a later change tries again. Thread-safe as its fetcher and renderer are; used by the sink's graph
 * worker.
 */
public final class IncidentGraphMaker implements GraphMaker {

    /** The longest a CloudWatch window may span, whatever the route asks: see {@link MetricQueryPlan.Window}. */
    private static final Duration MAX_SPAN = Duration.ofHours(24);

    private static final Color GAP = new Color(0x1E, 0x29, 0x3B);

    private final GraphSettings settings;
    private final MetricFetcher fetcher;
    private final ChartRenderer renderer;
    private final Clock clock;

    /**
     * @param settings windows and zones per route
     * @param fetcher CloudWatch's series, budgeted and cached; null when AWS is not configured (alarm members then
     *     have no graph)
     * @param renderer draws one graph
     * @param clock the current time (the window's end)
     */
    public IncidentGraphMaker(GraphSettings settings, MetricFetcher fetcher, ChartRenderer renderer, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fetcher = fetcher;
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String renderKey(Incident incident) {
        List<IncidentMember> picks = picks(incident);
        if (picks.isEmpty()) {
            return composite(incident)
                    .map(m -> "composite:" + m.fingerprint() + ":" + m.status() + ":" + m.lastChangeAt() + ":"
                            + children(m.metric()))
                    .orElse(null);
        }
        // A score series changes with every point, not only with the member's status: its last point is part of
        // the key, and the refresh interval keeps that from drawing on every score.
        return picks.stream()
                .map(m -> m.fingerprint() + ":" + m.status() + ":" + m.lastChangeAt()
                        + (m.scores() == null || m.scores().points().isEmpty()
                                ? ""
                                : ":"
                                        + m.scores()
                                                .points()
                                                .get(m.scores().points().size() - 1)
                                                .at()))
                .collect(Collectors.joining("|"));
    }

    @Override
    public Result make(Incident incident) {
        List<IncidentMember> picks = picks(incident);
        if (picks.isEmpty()) {
            return composite(incident)
                    .<Result>map(
                            m -> new Result.Note("Composite alarm " + name(m) + ": children " + children(m.metric())))
                    .orElseGet(() -> new Result.Skipped("nothing to draw"));
        }
        ZoneId zone = settings.zoneFor(incident.routeId());
        Duration window = settings.windowFor(incident.routeId());
        List<byte[]> images = new ArrayList<>();
        List<String> drawn = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String skipped = null;
        for (IncidentMember member : picks) {
            Drawing drawing = draw(member, zone, window);
            if (drawing.png() != null) {
                images.add(drawing.png());
                drawn.add(drawing.words());
            } else if (drawing.skipped() != null) {
                skipped = drawing.skipped();
            } else {
                notes.add(drawing.words());
            }
        }
        if (images.isEmpty()) {
            return skipped != null && notes.isEmpty()
                    ? new Result.Skipped(skipped)
                    : new Result.Note(String.join("; ", notes));
        }
        String alt = String.join("; ", drawn);
        return new Result.Image(
                stack(images),
                "Graph of " + incident.incidentId(),
                alt,
                notes.isEmpty() ? null : String.join("; ", notes));
    }

    /** One member's graph: a PNG, or a line instead, or why it was skipped. */
    private record Drawing(byte[] png, String words, String skipped) {}

    private Drawing draw(IncidentMember member, ZoneId zone, Duration before) {
        if (member.scores() != null && !GraphPicks.hasAlarmSeries(member)) {
            return drawScores(member, zone);
        }
        AlarmMetric metric = member.metric();
        if (metric == null) {
            return new Drawing(null, "no graph data for " + name(member), null);
        }
        if (fetcher == null) {
            return new Drawing(null, null, "AWS is not configured for graphs");
        }
        Instant now = clock.instant();
        Instant changedAt = member.lastChangeAt() == null ? now : member.lastChangeAt();
        MetricQueryPlan.Plan plan =
                MetricQueryPlan.plan(metric, changedAt, now, new MetricQueryPlan.Window(before, max(before, MAX_SPAN)));
        if (!(plan instanceof MetricQueryPlan.Queries queries)) {
            return new Drawing(null, "no graph for " + name(member) + ": " + plan.reason(), null);
        }
        FetchResult data = fetcher.fetch(plan);
        switch (data.outcome()) {
            case FETCHED -> {
                ChartRenderer.Rendered rendered = renderer.render(ChartModels.forAlarm(metric, queries, data, zone));
                if (rendered.hasImage()) {
                    return new Drawing(rendered.png(), describe(metric, queries, data), null);
                }
                return new Drawing(null, noData(member, before), null);
            }
            case NO_DATA -> {
                return new Drawing(null, noData(member, before), null);
            }
            case NOTHING_TO_FETCH -> {
                return new Drawing(null, "no graph for " + name(member) + ": " + data.reason(), null);
            }
            default -> {
                return new Drawing(
                        null, null, data.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + data.reason());
            }
        }
    }

    /** An anomaly's recent scores, as the processor attached them: no AWS call, no budget. */
    private Drawing drawScores(IncidentMember member, ZoneId zone) {
        AnomalySeries series = member.scores();
        if (series.points().isEmpty()) {
            return new Drawing(null, "No scores yet for " + series.series(), null);
        }
        List<ChartModels.ScorePoint> points = series.points().stream()
                .map(p -> new ChartModels.ScorePoint(p.time(), p.score(), p.value()))
                .toList();
        Instant start = points.get(0).at();
        Instant end = points.get(points.size() - 1).at();
        ChartRenderer.Rendered rendered = renderer.render(ChartModels.forAnomaly(
                series.detector() + " · " + series.series(),
                "observed value",
                points,
                series.fireThreshold(),
                series.clearThreshold(),
                start,
                end,
                zone));
        if (!rendered.hasImage()) {
            return new Drawing(null, "No scores for " + series.series() + " in the window", null);
        }
        return new Drawing(
                rendered.png(),
                "anomaly score of " + series.series() + " by " + series.detector() + ", " + points.size()
                        + " points from " + start + " to " + end + ", fire at " + series.fireThreshold()
                        + ", clear below " + series.clearThreshold(),
                null);
    }

    private static String describe(AlarmMetric metric, MetricQueryPlan.Queries plan, FetchResult data) {
        String what = metric.metricName() != null ? metric.metricName() : "the alarm's expression";
        String threshold = plan.threshold() == null ? "" : ", threshold " + plan.threshold();
        return what + " of " + (metric.alarmName() == null ? "the alarm" : metric.alarmName()) + " from " + plan.start()
                + " to " + plan.end() + " (" + data.series().size() + " datapoints" + threshold + ")";
    }

    private static String noData(IncidentMember member, Duration before) {
        return "No datapoints for " + name(member) + " in the " + hours(before) + " before its last change";
    }

    private static String hours(Duration window) {
        long minutes = window.toMinutes();
        return minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
    }

    private static String name(IncidentMember member) {
        return member.metric() != null && member.metric().alarmName() != null
                ? member.metric().alarmName()
                : member.title() != null ? member.title() : member.fingerprint();
    }

    private static String children(AlarmMetric metric) {
        if (metric == null || metric.children() == null || metric.children().isEmpty()) {
            return "not in the message"
                    + (metric != null && metric.alarmRule() != null ? " (rule " + metric.alarmRule() + ")" : "");
        }
        return metric.children().stream()
                .map(c -> c.name() + " " + (c.state() == null ? "?" : c.state()))
                .collect(Collectors.joining(", "));
    }

    private List<IncidentMember> picks(Incident incident) {
        return GraphPicks.worst(incident.members(), m -> GraphPicks.hasAlarmSeries(m) || m.scores() != null);
    }

    private static Optional<IncidentMember> composite(Incident incident) {
        return incident.members().stream()
                .filter(m -> m.metric() != null && m.metric().kind() == AlarmMetric.Kind.COMPOSITE)
                .sorted(IncidentMember.WORST_FIRST)
                .findFirst();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** One PNG of the graphs one above the other (one graph stays as it is). */
    static byte[] stack(List<byte[]> pngs) {
        if (pngs.size() == 1) {
            return pngs.get(0);
        }
        try {
            List<BufferedImage> images = new ArrayList<>();
            for (byte[] png : pngs) {
                images.add(ImageIO.read(new ByteArrayInputStream(png)));
            }
            int width = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
            int gap = 8;
            int height = images.stream().mapToInt(BufferedImage::getHeight).sum() + gap * (images.size() - 1);
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setColor(GAP);
                g.fillRect(0, 0, width, height);
                int y = 0;
                for (BufferedImage image : images) {
                    g.drawImage(image, 0, y, null);
                    y += image.getHeight() + gap;
                }
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            return pngs.get(0);
        }
    }
}
