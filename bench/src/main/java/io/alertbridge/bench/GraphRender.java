package io.alertbridge.bench;

import io.alertbridge.connectors.graphs.ChartModel;
import io.alertbridge.connectors.graphs.ChartModels;
import io.alertbridge.connectors.graphs.ChartRenderer;
import io.alertbridge.connectors.graphs.FetchResult;
import io.alertbridge.connectors.graphs.MetricQueryPlan;
import io.alertbridge.connectors.graphs.TimePoint;
import io.alertbridge.schemas.model.AlarmMetric;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Render time (p50/p99) and PNG size of the two graphs the incident message carries: a CloudWatch alarm's metric
 * (threshold, breaching points, ALARM shaded) and an anomaly series (score with fire and clear lines, observed value
 * on a second axis), both from real data (NAB's realAWSCloudwatch {@code ec2_cpu_utilization_825cc2}, numenta's
 * scores). Baseline in the same run: the bare cost of the medium, the same points drawn as one Java2D polyline on an
 * image of the same size and encoded as PNG the same way.
 *
 * <p>{@code bench/run GraphRender [rounds] [docs-dir]}: rounds per graph (default 200, after 30 warm-up renders);
 * with a directory, also writes {@code graph-cloudwatch.png} and {@code graph-anomaly.png} there (what
 * {@code docs/} holds).
 */
public final class GraphRender {

    private static final String NAB = "/io/alertbridge/launcher/demo/nab_numenta_ec2_cpu_utilization_825cc2.csv";
    private static final ZoneId READER = ZoneId.of("Europe/Berlin");

    private GraphRender() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<String[]> rows = nab();
        ChartModel cloudWatch = cloudWatchModel(rows);
        ChartModel anomaly = anomalyModel(rows);
        ChartRenderer renderer = new ChartRenderer();
        if (args.length > 1) {
            Path dir = Files.createDirectories(Path.of(args[1]));
            Files.write(
                    dir.resolve("graph-cloudwatch.png"),
                    renderer.render(cloudWatch).png());
            Files.write(
                    dir.resolve("graph-anomaly.png"), renderer.render(anomaly).png());
            System.out.println(
                    "wrote " + dir.resolve("graph-cloudwatch.png") + " and " + dir.resolve("graph-anomaly.png"));
        }
        System.out.printf("%-30s %8s %10s %10s %10s%n", "graph (800x400)", "points", "p50 ms", "p99 ms", "PNG KB");
        double[] cw = measure("CloudWatch alarm", cloudWatch, rounds, () -> renderer.render(cloudWatch)
                .png());
        double[] cwBase = measure("  baseline: polyline + PNG", cloudWatch, rounds, () -> polyline(cloudWatch));
        double[] an = measure("anomaly score + value", anomaly, rounds, () -> renderer.render(anomaly)
                .png());
        double[] anBase = measure("  baseline: polyline + PNG", anomaly, rounds, () -> polyline(anomaly));
        System.out.printf(
                "ratio to baseline (p50): CloudWatch %.2fx, anomaly %.2fx%n", cw[0] / cwBase[0], an[0] / anBase[0]);
    }

    private interface Render {
        byte[] png() throws IOException;
    }

    private static double[] measure(String name, ChartModel model, int rounds, Render render) throws IOException {
        for (int i = 0; i < 30; i++) {
            render.png();
        }
        double[] ms = new double[rounds];
        int size = 0;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            size = render.png().length;
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double p50 = ms[(int) Math.floor(0.50 * (rounds - 1))];
        double p99 = ms[(int) Math.floor(0.99 * (rounds - 1))];
        System.out.printf(
                "%-30s %8d %10.1f %10.1f %10.1f%n",
                name, model.series().size() + model.secondary().size(), p50, p99, size / 1024.0);
        return new double[] {p50, p99};
    }

    /** The medium's bare cost: the same points as one antialiased polyline, encoded as PNG. */
    private static byte[] polyline(ChartModel model) throws IOException {
        BufferedImage image = new BufferedImage(
                ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x1A1E24));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(0x4CA8FF));
        g.setStroke(new BasicStroke(2.2f));
        List<TimePoint> points = model.series();
        double min = points.stream().mapToDouble(TimePoint::value).min().orElse(0);
        double max = points.stream().mapToDouble(TimePoint::value).max().orElse(1);
        long from = model.start().toEpochMilli();
        long span = model.end().toEpochMilli() - from;
        int[] xs = new int[points.size()];
        int[] ys = new int[points.size()];
        for (int i = 0; i < points.size(); i++) {
            xs[i] = (int) ((points.get(i).at().toEpochMilli() - from) * image.getWidth() / span);
            ys[i] = (int)
                    (image.getHeight() - (points.get(i).value() - min) / Math.max(max - min, 1e-9) * image.getHeight());
        }
        g.drawPolyline(xs, ys, xs.length);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /**
     * The CPU of NAB's instance as an alarm's metric: "worker-cpu-dropped", Average below 80 for 2 of 3 five-minute
     * periods, graphed 45 minutes after it went into ALARM (16:59 UTC), from 3 hours before, as the plan and the
     * models do for a real alarm.
     */
    private static ChartModel cloudWatchModel(List<String[]> rows) {
        List<TimePoint> series = new ArrayList<>();
        for (String[] row : rows) {
            series.add(new TimePoint(time(row[0]), Double.parseDouble(row[1])));
        }
        AlarmMetric metric = AlarmMetric.builder()
                .region("us-east-1")
                .account("123456789012")
                .alarmName("worker-cpu-dropped")
                .alarmArn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:worker-cpu-dropped")
                .namespace("AWS/EC2")
                .metricName("CPUUtilization")
                .dimensions(Map.of("InstanceId", "i-0825cc2a1b2c3d4e5"))
                .statistic("Average")
                .period(300)
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .threshold(80.0)
                .comparisonOperator("LessThanThreshold")
                .build();
        Instant changed = time("2014-04-15 16:59:00");
        MetricQueryPlan.Queries plan = (MetricQueryPlan.Queries) MetricQueryPlan.plan(
                metric, changed, changed.plus(Duration.ofMinutes(45)), MetricQueryPlan.Window.defaults());
        List<TimePoint> inWindow = series.stream()
                .filter(p -> !p.at().isBefore(plan.start()) && p.at().isBefore(plan.end()))
                .toList();
        FetchResult data = new FetchResult(
                FetchResult.Outcome.FETCHED, inWindow, List.of(), List.of(), 1, inWindow.size() + " datapoints");
        return ChartModels.forAlarm(metric, plan, data, READER);
    }

    /** The same instance as the detector scored it, with the product's default thresholds (fire 0.5, clear 0.3). */
    private static ChartModel anomalyModel(List<String[]> rows) {
        List<ChartModels.ScorePoint> points = new ArrayList<>();
        for (String[] row : rows) {
            points.add(
                    new ChartModels.ScorePoint(time(row[0]), Double.parseDouble(row[2]), Double.parseDouble(row[1])));
        }
        Instant start = time("2014-04-15 12:49:00");
        return ChartModels.forAnomaly(
                "numenta · ec2_cpu_utilization_825cc2",
                "CPUUtilization",
                points,
                0.5,
                0.3,
                start,
                start.plus(Duration.ofHours(5)),
                READER);
    }

    private static Instant time(String text) {
        return LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                .toInstant(ZoneOffset.UTC);
    }

    private static List<String[]> nab() throws IOException {
        try (InputStream in = GraphRender.class.getResourceAsStream(NAB)) {
            if (in == null) {
                throw new IllegalStateException("NAB sample not on the classpath: " + NAB);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().skip(1).map(line -> line.split(",")).toList();
        }
    }
}
