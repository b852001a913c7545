package io.alertbridge.connectors.graphs;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Draws a {@link ChartModel} into a PNG, in-process with JFreeChart and Java2D, headless: the series, the anomaly
 * band, the threshold lines (fire and clear), the breaching points, the time in ALARM shaded, and two time axes, UTC
 * below and the reader's zone above.
 *
 * <p>Made for Slack's preview (800×400 by default): labels at 12–15 px, and one neutral dark slate background that
 * reads on Slack's light and dark themes alike, so the image needs no theme of its own. A model with no point gives
 * no image and a one-line reason. Thread-safe: each call builds its own chart.
 */
public final class ChartRenderer {

    /** Slack shows images up to about 360 px high in a message; 2:1 keeps the time axis readable. */
    public static final int DEFAULT_WIDTH = 800;

    public static final int DEFAULT_HEIGHT = 400;

    static final Color BACKGROUND = new Color(0x22, 0x27, 0x2E);
    static final Color PLOT_BACKGROUND = new Color(0x1A, 0x1E, 0x24);
    static final Color GRID = new Color(0x3A, 0x41, 0x4A);
    static final Color TEXT = new Color(0xD6, 0xDC, 0xE3);
    static final Color MUTED = new Color(0x9A, 0xA4, 0xB0);
    static final Color SERIES = new Color(0x4C, 0xA8, 0xFF);
    static final Color SECONDARY = new Color(0xE3, 0xB3, 0x41);
    static final Color FIRE = new Color(0xFF, 0x5C, 0x57);
    static final Color CLEAR = new Color(0x3F, 0xC1, 0x6A);
    static final Color BREACH = new Color(0xFF, 0x8A, 0x80);
    static final Color ALARM_SHADE = new Color(0xFF, 0x5C, 0x57, 0x55);
    static final Color BAND = new Color(0x8F, 0x9B, 0xAB, 0x55);

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    static {
        // Java2D must not look for a display: servers and containers have none. Set before AWT initialises.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final int width;
    private final int height;

    /** A renderer of {@link #DEFAULT_WIDTH}×{@link #DEFAULT_HEIGHT} images. */
    public ChartRenderer() {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** A renderer of images of this size (at least 200×100, at most 4000×2000). */
    public ChartRenderer(int width, int height) {
        if (width < 200 || height < 100 || width > 4000 || height > 2000) {
            throw new IllegalArgumentException("graph size out of range: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    /**
     * A rendered graph, or why there is none.
     *
     * @param png the PNG's bytes, or null
     * @param reason what was drawn, or why nothing was, in one line
     */
    public record Rendered(byte[] png, String reason) {
        /** True when there is an image. */
        public boolean hasImage() {
            return png != null;
        }
    }

    /** The PNG of the model; no image when the model is null or has no point. */
    public Rendered render(ChartModel model) {
        if (model == null || model.series().isEmpty()) {
            return new Rendered(null, "no datapoints in the window");
        }
        Drawn drawn = draw(model);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            ImageIO.write(drawn.image(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding in memory failed", e);
        }
        return new Rendered(
                out.toByteArray(),
                model.series().size() + " points, " + model.breaches().size() + " breaching, "
                        + model.alarmIntervals().size() + " ALARM interval(s)");
    }

    /** The drawn image with what places values on it (tests sample pixels where things must be). */
    Drawn draw(ChartModel model) {
        JFreeChart chart = chart(model);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
            return new Drawn(image, chart, info.getPlotInfo().getDataArea());
        } finally {
            g.dispose();
        }
    }

    /** The chart for a model. */
    JFreeChart chart(ChartModel model) {
        XYPlot plot = new XYPlot();
        plot.setBackgroundPaint(PLOT_BACKGROUND);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));

        DateAxis utc = timeAxis(model, ZoneOffset.UTC, "UTC");
        DateAxis local = timeAxis(model, model.zone(), zoneLabel(model.zone(), model.start()));
        plot.setDomainAxis(0, utc);
        plot.setDomainAxisLocation(0, AxisLocation.BOTTOM_OR_LEFT);
        if (!model.zone().normalized().equals(ZoneOffset.UTC)) {
            plot.setDomainAxis(1, local);
            plot.setDomainAxisLocation(1, AxisLocation.TOP_OR_LEFT);
        }

        NumberAxis values = valueAxis(model.seriesName(), range(model));
        plot.setRangeAxis(0, values);

        int index = 0;
        if (!model.breaches().isEmpty()) {
            // The first dataset is drawn last, so the breaching points sit on the line; a graph without any (a
            // report's incidents per day) gets no empty "breaching" entry in its legend.
            plot.setDataset(index, points("breaching", model.breaches()));
            plot.setRenderer(index++, breachRenderer());
        }
        plot.setDataset(index, points(model.seriesName(), model.series()));
        plot.setRenderer(index++, lineRenderer(SERIES, 2.2f));
        if (!model.bandLower().isEmpty()) {
            plot.setDataset(index, band(model));
            plot.setRenderer(index++, bandRenderer());
        }
        if (!model.secondary().isEmpty()) {
            NumberAxis observed = valueAxis(model.secondaryName(), padded(model.secondary(), List.of()));
            plot.setRangeAxis(1, observed);
            plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
            plot.setDataset(index, points(model.secondaryName(), model.secondary()));
            plot.setRenderer(index, lineRenderer(SECONDARY, 1.5f));
            plot.mapDatasetToRangeAxis(index, 1);
        }
        for (ChartModel.Interval interval : model.alarmIntervals()) {
            IntervalMarker shade = new IntervalMarker(
                    interval.from().toEpochMilli(), interval.to().toEpochMilli(), ALARM_SHADE);
            shade.setOutlinePaint(null);
            plot.addDomainMarker(shade, Layer.BACKGROUND);
        }
        for (ChartModel.Threshold threshold : model.thresholds()) {
            plot.addRangeMarker(thresholdLine(threshold), Layer.FOREGROUND);
        }

        JFreeChart chart = new JFreeChart(null, TITLE_FONT, plot, true);
        chart.setBackgroundPaint(BACKGROUND);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 8, 4, 12));
        TextTitle title = new TextTitle(model.title(), TITLE_FONT);
        title.setPaint(TEXT);
        chart.setTitle(title);
        if (model.subtitle() != null) {
            TextTitle subtitle = new TextTitle(model.subtitle(), SUBTITLE_FONT);
            subtitle.setPaint(MUTED);
            chart.addSubtitle(subtitle);
        }
        LegendTitle legend = chart.getLegend();
        legend.setBackgroundPaint(BACKGROUND);
        legend.setItemPaint(TEXT);
        legend.setItemFont(LABEL_FONT);
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    private static DateAxis timeAxis(ChartModel model, ZoneId zone, String label) {
        TimeZone tz = TimeZone.getTimeZone(zone);
        DateAxis axis = new DateAxis(label, tz, Locale.ROOT);
        axis.setRange(model.start().toEpochMilli(), model.end().toEpochMilli());
        axis.setAutoRange(false);
        axis.setDateFormatOverride(timeFormat(Duration.between(model.start(), model.end()), zone));
        style(axis);
        return axis;
    }

    /** Hours and minutes within a day; the day too when the window spans more than one. */
    static SimpleDateFormat timeFormat(Duration span, ZoneId zone) {
        SimpleDateFormat format = new SimpleDateFormat(
                span.compareTo(Duration.ofHours(20)) > 0
                        ? "d MMM HH:mm"
                        : span.compareTo(Duration.ofMinutes(10)) < 0 ? "HH:mm:ss" : "HH:mm",
                Locale.ROOT);
        format.setTimeZone(TimeZone.getTimeZone(zone));
        return format;
    }

    /** {@code Europe/Berlin (UTC+01:00)}: the zone and its offset at the window's start. */
    static String zoneLabel(ZoneId zone, Instant at) {
        String offset = zone.getRules().getOffset(at).getId();
        return zone.getId() + " (UTC" + ("Z".equals(offset) ? "" : offset) + ")";
    }

    private static NumberAxis valueAxis(String label, Range range) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRange(false);
        axis.setRange(range);
        style(axis);
        return axis;
    }

    private static void style(ValueAxis axis) {
        axis.setLabelPaint(MUTED);
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelPaint(TEXT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setAxisLinePaint(GRID);
        axis.setTickMarkPaint(GRID);
    }

    /** The main axis' range: the series, the band and every threshold line, padded so nothing sits on the edge. */
    static Range range(ChartModel model) {
        List<Double> extra = new java.util.ArrayList<>();
        model.thresholds().forEach(t -> extra.add(t.value()));
        model.bandLower().forEach(p -> extra.add(p.value()));
        model.bandUpper().forEach(p -> extra.add(p.value()));
        return padded(model.series(), extra);
    }

    private static Range padded(List<TimePoint> points, List<Double> extra) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (TimePoint p : points) {
            min = Math.min(min, p.value());
            max = Math.max(max, p.value());
        }
        for (double v : extra) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double span = max - min;
        double pad = span > 0 ? span * 0.08 : Math.max(Math.abs(max) * 0.1, 1.0);
        return new Range(min - pad, max + pad);
    }

    private static XYSeriesCollection points(String name, List<TimePoint> points) {
        XYSeries series = new XYSeries(name == null ? "" : name, false, true);
        for (TimePoint p : points) {
            series.add(p.at().toEpochMilli(), p.value(), false);
        }
        return new XYSeriesCollection(series);
    }

    private static YIntervalSeriesCollection band(ChartModel model) {
        YIntervalSeries series = new YIntervalSeries("expected band");
        int n = Math.min(model.bandLower().size(), model.bandUpper().size());
        for (int i = 0; i < n; i++) {
            double lo = model.bandLower().get(i).value();
            double hi = model.bandUpper().get(i).value();
            series.add(model.bandLower().get(i).at().toEpochMilli(), (lo + hi) / 2, lo, hi);
        }
        YIntervalSeriesCollection collection = new YIntervalSeriesCollection();
        collection.addSeries(series);
        return collection;
    }

    private static XYLineAndShapeRenderer lineRenderer(Color color, float width) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return renderer;
    }

    private static XYLineAndShapeRenderer breachRenderer() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, BREACH);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
        renderer.setSeriesShapesFilled(0, true);
        return renderer;
    }

    private static DeviationRenderer bandRenderer() {
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setSeriesPaint(0, BAND);
        renderer.setSeriesFillPaint(0, BAND);
        renderer.setSeriesStroke(0, new BasicStroke(0.5f));
        renderer.setAlpha(1f);
        return renderer;
    }

    private static ValueMarker thresholdLine(ChartModel.Threshold threshold) {
        Color color = threshold.kind() == ChartModel.Threshold.Kind.FIRE ? FIRE : CLEAR;
        ValueMarker marker = new ValueMarker(
                threshold.value(),
                color,
                new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
        marker.setLabel(threshold.label());
        marker.setLabelFont(LABEL_FONT);
        marker.setLabelPaint(color);
        marker.setLabelBackgroundColor(new Color(0, 0, 0, 0));
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        marker.setLabelOffset(new RectangleInsets(2, 6, 2, 2));
        return marker;
    }

    /**
     * A drawn graph.
     *
     * @param image the pixels
     * @param chart the chart drawn
     * @param dataArea where the plot's data lies in the image
     */
    record Drawn(BufferedImage image, JFreeChart chart, Rectangle2D dataArea) {
        /** The x pixel of a time. */
        int x(Instant at) {
            XYPlot plot = chart.getXYPlot();
            return (int) Math.round(
                    plot.getDomainAxis().valueToJava2D(at.toEpochMilli(), dataArea, plot.getDomainAxisEdge()));
        }

        /** The y pixel of a value on the main axis. */
        int y(double value) {
            XYPlot plot = chart.getXYPlot();
            return (int) Math.round(plot.getRangeAxis().valueToJava2D(value, dataArea, plot.getRangeAxisEdge()));
        }

        Color colorAt(int x, int y) {
            return new Color(image.getRGB(x, y));
        }
    }
}
