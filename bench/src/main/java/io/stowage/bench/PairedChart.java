package io.stowage.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The paired report as a PNG, drawn with XChart from the lines themselves: a panel for each unit there are lines of
 * (ratios, allocation differences, costs), each line's median as a dot, its 95% interval as an error bar and its
 * goal as a red dash.
 */
final class PairedChart {

    /**
     * One panel's series, in the order of the report. XChart's error bars are symmetric, so each interval is drawn
     * around its midpoint with half its width; goals are null where a line only reports.
     */
    record Panel(String title, String axis, List<String> names, List<Double> medians, List<Double> midpoints,
            List<Double> halfWidths, List<Double> goals) {
    }

    private PairedChart() {
    }

    /** The ratio panel, the allocation panel, then the cost panel; panels without lines are left out. */
    static List<Panel> panels(List<PairedLine> lines) {
        List<Panel> panels = new ArrayList<>();
        for (PairedLine.Unit unit : PairedLine.Unit.values()) {
            List<PairedLine> of = lines.stream().filter(line -> line.unit() == unit).toList();
            if (of.isEmpty()) {
                continue;
            }
            panels.add(new Panel(title(unit), axis(unit),
                    of.stream().map(PairedLine::name).toList(),
                    of.stream().map(line -> line.interval().median()).toList(),
                    of.stream().map(line -> (line.interval().lower() + line.interval().upper()) / 2).toList(),
                    of.stream().map(line -> (line.interval().upper() - line.interval().lower()) / 2).toList(),
                    of.stream().map(line -> line.hasGoal() ? line.goal() : null).toList()));
        }
        return panels;
    }

    private static String title(PairedLine.Unit unit) {
        return switch (unit) {
            case RATIO -> "Paired ratios: median, 95% interval, goal (red: a floor)";
            case BYTES_PER_OPERATION -> "Allocation, kernel minus raw: median, 95% interval, goal (red: a ceiling)";
            case COST -> "Paired costs, times the reference operation's time (lower is better): median, 95% "
                    + "interval, goal (red: a ceiling)";
        };
    }

    private static String axis(PairedLine.Unit unit) {
        return switch (unit) {
            case RATIO -> "ratio";
            case BYTES_PER_OPERATION -> "B/op";
            case COST -> "cost (x reference)";
        };
    }

    /** Writes the chart to every target, making their folders. */
    static void write(List<PairedLine> lines, String subtitle, List<Path> targets) throws IOException {
        List<CategoryChart> charts = new ArrayList<>();
        for (Panel panel : panels(lines)) {
            charts.add(chart(panel, subtitle));
        }
        if (charts.isEmpty()) {
            return;
        }
        for (Path target : targets) {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            BitmapEncoder.saveBitmap(charts, charts.size(), 1, target.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static CategoryChart chart(Panel panel, String subtitle) {
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(700)
                .title(panel.title()).xAxisTitle(subtitle).yAxisTitle(panel.axis()).build();
        CategoryStyler styler = chart.getStyler();
        styler.setOverlapped(true);
        // Outside the plot: inside, the legend hid the last line's dot and interval when they were high
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setXAxisLabelRotation(90);
        styler.setErrorBarsColorSeriesColor(true);
        styler.setMarkerSize(9);
        styler.setChartBackgroundColor(Color.WHITE);
        CategorySeries interval = chart.addSeries("95% interval", panel.names(), panel.midpoints(),
                panel.halfWidths());
        interval.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        interval.setMarker(SeriesMarkers.NONE);
        interval.setMarkerColor(new Color(40, 90, 170));
        interval.setLineColor(new Color(40, 90, 170));
        CategorySeries median = chart.addSeries("median", panel.names(), panel.medians());
        median.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        median.setMarker(SeriesMarkers.CIRCLE);
        median.setMarkerColor(new Color(40, 90, 170));
        if (panel.goals().stream().anyMatch(goal -> goal != null)) {
            CategorySeries goal = chart.addSeries("goal", panel.names(), panel.goals());
            goal.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            goal.setMarker(new Dash());
            goal.setMarkerColor(new Color(200, 30, 30));
        }
        return chart;
    }

    /** A horizontal dash three markers wide: a goal level, which a dot would hide behind the median's. */
    private static final class Dash extends Marker {
        @Override
        public void paint(Graphics2D graphics, double x, double y, int size) {
            graphics.setStroke(new BasicStroke(3f));
            graphics.draw(new Line2D.Double(x - 1.5 * size, y, x + 1.5 * size, y));
        }
    }
}
