package io.timesync.hil.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A measured value over samples (or time) as a PNG: points with uncertainty bars, and the band of allowed
 * values. When the band would flatten the points (a 100 ms threshold over µs deltas) the plot zooms to the
 * points and says where the band lies.
 */
public final class DeltaChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final Color BAND = new Color(46, 160, 67, 40);
    private static final Color LIMIT = new Color(207, 34, 46);

    private DeltaChart() {
    }

    /** @param x sample number (or seconds); value and uncertainty in ns */
    public record Point(double x, long valueNs, long uncertaintyNs) {
    }

    /** The allowed band ±{@code thresholdNs}. */
    public static byte[] png(String title, String seriesName, String xLabel, String valueName, List<Point> points,
                             long thresholdNs) {
        return png(title, seriesName, xLabel, valueName, points, -thresholdNs, thresholdNs);
    }

    /** The allowed band [{@code lowerNs}, {@code upperNs}]. */
    public static byte[] png(String title, String seriesName, String xLabel, String valueName, List<Point> points,
                             long lowerNs, long upperNs) {
        long reachNs = points.stream().mapToLong(p -> Math.abs(p.valueNs()) + p.uncertaintyNs()).max().orElse(1);
        long bandReachNs = Math.max(Math.abs(lowerNs), Math.abs(upperNs));
        boolean bandShown = bandReachNs <= 5 * Math.max(reachNs, 1);
        long rangeNs = Math.max(1, bandShown ? Math.max(reachNs, bandReachNs) : reachNs);
        Unit unit = Unit.fitting(rangeNs);

        YIntervalSeries series = new YIntervalSeries(seriesName);
        for (Point point : points) {
            double value = unit.in(point.valueNs());
            series.add(point.x(), value, value - unit.in(point.uncertaintyNs()), value + unit.in(point.uncertaintyNs()));
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        dataset.addSeries(series);

        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        if (points.stream().allMatch(point -> point.x() == Math.rint(point.x()))) {
            xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        NumberAxis yAxis = new NumberAxis(valueName + " (" + unit.label + ")");
        double span = unit.in(rangeNs) * 1.2;
        yAxis.setRange(-span, span);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));

        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        String threshold = lowerNs == -upperNs ? "threshold ±" + Unit.fitting(upperNs).format(upperNs)
                : "allowed " + Unit.fitting(lowerNs).format(lowerNs) + " to " + Unit.fitting(upperNs).format(upperNs);
        if (bandShown) {
            plot.addRangeMarker(new IntervalMarker(unit.in(lowerNs), unit.in(upperNs), BAND), Layer.BACKGROUND);
            BasicStroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f);
            plot.addRangeMarker(new ValueMarker(unit.in(upperNs), LIMIT, dashed));
            plot.addRangeMarker(new ValueMarker(unit.in(lowerNs), LIMIT, dashed));
            chart.addSubtitle(new TextTitle(threshold + " (green band); bars: measurement uncertainty"));
        } else {
            chart.addSubtitle(new TextTitle(threshold + " lies far outside this range; bars: measurement uncertainty"));
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the chart " + title, e);
        }
        return png.toByteArray();
    }

    private enum Unit {
        NS("ns", 1), US("µs", 1_000), MS("ms", 1_000_000), S("s", 1_000_000_000);

        private final String label;
        private final long ns;

        Unit(String label, long ns) {
            this.label = label;
            this.ns = ns;
        }

        static Unit fitting(long rangeNs) {
            long magnitude = Math.abs(rangeNs);
            return magnitude >= 1_000_000_000 ? S : magnitude >= 1_000_000 ? MS : magnitude >= 1_000 ? US : NS;
        }

        double in(long valueNs) {
            return (double) valueNs / ns;
        }

        String format(long valueNs) {
            double value = in(valueNs);
            return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + " " + label;
        }
    }
}
