package io.alertbridge.connectors.graphs;

import org.jfree.chart.axis.DateAxis;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartRendererTest {

    private static final Instant START = Instant.parse("2024-03-05T12:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(3));
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final ChartRenderer renderer = new ChartRenderer();

    /** 36 five-minute points around 20, one hour above 50 in the middle, with a threshold at 50 (> , 1 of 1). */
    static ChartModel cpuModel() {
        List<TimePoint> series = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            double v = i >= 12 && i < 24 ? 80 : 20 + (i % 3);
            series.add(new TimePoint(START.plusSeconds(300L * i), v));
        }
        List<TimePoint> breaches = series.stream().filter(p -> p.value() > 50).toList();
        return new ChartModel(
                "ServerCpuTooHigh",
                "AWS/EC2 · InstanceId=i-1 · 5 min · ALARM when > 50",
                "CPUUtilization (Average)",
                series,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(new ChartModel.Threshold(50, "threshold > 50", ChartModel.Threshold.Kind.FIRE)),
                breaches,
                List.of(new ChartModel.Interval(START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(2)))),
                START,
                END,
                BERLIN);
    }

    @Test
    void shouldRenderAPngOfTheRequestedSizeAndAModestWeight() throws IOException {
        ChartRenderer.Rendered rendered = renderer.render(cpuModel());

        assertThat(rendered.hasImage()).isTrue();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(rendered.png()));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(rendered.png().length).isBetween(5_000, 150_000);
        assertThat(rendered.reason()).isEqualTo("36 points, 12 breaching, 1 ALARM interval(s)");
    }

    @Test
    void shouldDrawTheThresholdLineShadeTheAlarmTimeAndMarkBreaches() {
        ChartRenderer.Drawn drawn = renderer.draw(cpuModel());
        int yThreshold = drawn.y(50);
        int quietX = drawn.x(START.plus(Duration.ofMinutes(20)));
        int alarmX = drawn.x(START.plus(Duration.ofMinutes(92)));
        int emptyY = drawn.y(35);

        assertThat(anyNear(drawn, quietX, yThreshold, ChartRenderer.FIRE))
                .as("the dashed threshold line crosses the plot at 50")
                .isTrue();
        Color shaded = dominant(drawn, alarmX, emptyY);
        Color plain = dominant(drawn, quietX, emptyY);
        assertThat(plain).isEqualTo(ChartRenderer.PLOT_BACKGROUND);
        assertThat(shaded.getRed())
                .as("ALARM time is shaded red over the plot background")
                .isGreaterThan(ChartRenderer.PLOT_BACKGROUND.getRed() + 30);
        assertThat(shaded.getBlue()).isLessThan(shaded.getRed());
        Instant breach = START.plusSeconds(300L * 15);
        assertThat(drawn.colorAt(drawn.x(breach), drawn.y(80)))
                .as("a breaching point is marked")
                .isEqualTo(ChartRenderer.BREACH);
        assertThat(anyNear(drawn, drawn.x(START.plusSeconds(300L * 3)), drawn.y(20), ChartRenderer.SERIES))
                .as("the series is drawn")
                .isTrue();
    }

    @Test
    void shouldShowUtcBelowAndTheReadersZoneAbove() {
        var plot = renderer.chart(cpuModel()).getXYPlot();
        DateAxis utc = (DateAxis) plot.getDomainAxis(0);
        DateAxis local = (DateAxis) plot.getDomainAxis(1);
        Date at = Date.from(Instant.parse("2024-03-05T13:30:00Z"));

        assertThat(utc.getLabel()).isEqualTo("UTC");
        assertThat(utc.getDateFormatOverride().format(at)).isEqualTo("13:30");
        assertThat(local.getLabel()).isEqualTo("Europe/Berlin (UTC+01:00)");
        assertThat(local.getDateFormatOverride().format(at)).isEqualTo("14:30");
        assertThat(local.getRange()).isEqualTo(utc.getRange());
        assertThat(ChartRenderer.zoneLabel(BERLIN, Instant.parse("2024-07-01T00:00:00Z")))
                .isEqualTo("Europe/Berlin (UTC+02:00)");
    }

    @Test
    void shouldShowTheDayWhenTheWindowSpansDaysAndOnlyOneAxisForUtcReaders() {
        assertThat(ChartRenderer.timeFormat(Duration.ofHours(24), ZoneOffset.UTC)
                        .format(Date.from(Instant.parse("2024-03-05T13:30:00Z"))))
                .isEqualTo("5 Mar 13:30");
        assertThat(ChartRenderer.timeFormat(Duration.ofMinutes(3), ZoneOffset.UTC)
                        .format(Date.from(Instant.parse("2024-03-05T13:30:15Z"))))
                .as("a window of minutes shows seconds, or every label reads the same minute")
                .isEqualTo("13:30:15");
        ChartModel m = cpuModel();
        ChartModel utcModel = new ChartModel(
                m.title(),
                m.subtitle(),
                m.seriesName(),
                m.series(),
                null,
                null,
                null,
                null,
                m.thresholds(),
                m.breaches(),
                m.alarmIntervals(),
                m.start(),
                m.end(),
                ZoneOffset.UTC);
        assertThat(renderer.chart(utcModel).getXYPlot().getDomainAxisCount()).isEqualTo(1);
    }

    @Test
    void shouldDrawTheAnomalyBandAndBothScoreThresholds() {
        List<ChartModels.ScorePoint> points = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double score = i >= 30 && i < 40 ? 0.95 : 0.1;
            points.add(new ChartModels.ScorePoint(START.plusSeconds(180L * i), score, 40.0 + i));
        }
        ChartModel model = ChartModels.forAnomaly("cpu 825cc2", "CPUUtilization", points, 0.8, 0.5, START, END, BERLIN);

        ChartRenderer.Drawn drawn = renderer.draw(model);
        int x = drawn.x(START.plus(Duration.ofMinutes(10)));

        assertThat(anyNear(drawn, x, drawn.y(0.8), ChartRenderer.FIRE))
                .as("fire line")
                .isTrue();
        assertThat(anyNear(drawn, x, drawn.y(0.5), ChartRenderer.CLEAR))
                .as("clear line")
                .isTrue();
        assertThat(drawn.chart().getXYPlot().getRangeAxisCount())
                .as("observed value on its own axis")
                .isEqualTo(2);
        assertThat(renderer.render(model).hasImage()).isTrue();
    }

    @Test
    void shouldGiveNoImageAndOneLineWithoutDatapoints() {
        ChartModel m = cpuModel();
        ChartModel empty = new ChartModel(
                m.title(),
                null,
                m.seriesName(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                START,
                END,
                BERLIN);

        assertThat(renderer.render(empty).hasImage()).isFalse();
        assertThat(renderer.render(empty).reason()).isEqualTo("no datapoints in the window");
        assertThat(renderer.render(null).hasImage()).isFalse();
    }

    /** The most frequent colour in the 15×15 box around (x, y): grid lines and text do not decide it. */
    private static Color dominant(ChartRenderer.Drawn drawn, int x, int y) {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int dx = -7; dx <= 7; dx++) {
            for (int dy = -7; dy <= 7; dy++) {
                counts.merge(drawn.image().getRGB(x + dx, y + dy), 1, Integer::sum);
            }
        }
        int rgb = counts.entrySet().stream()
                .max(java.util.Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        return new Color(rgb);
    }

    /** True when a pixel of about this colour lies within 3 px of (x, y): lines are antialiased and dashed. */
    private static boolean anyNear(ChartRenderer.Drawn drawn, int x, int y, Color color) {
        for (int dx = -12; dx <= 12; dx++) {
            for (int dy = -3; dy <= 3; dy++) {
                Color c = drawn.colorAt(x + dx, y + dy);
                if (Math.abs(c.getRed() - color.getRed()) < 40
                        && Math.abs(c.getGreen() - color.getGreen()) < 40
                        && Math.abs(c.getBlue() - color.getBlue()) < 40) {
                    return true;
                }
            }
        }
        return false;
    }
}
