package fr.pretadepenser.scoring.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's plots, drawn by JFreeChart into inline SVG (JFreeSVG): the page stays one
 * self-contained file that renders without scripts or network.
 */
final class Charts {

  static final int WIDTH = 560;
  static final int HEIGHT = 360;

  private static final Color BLUE = new Color(0x1f77b4);
  private static final Color ORANGE = new Color(0xff7f0e);
  private static final Color GREY = new Color(0x999999);
  private static final Color RED = new Color(0xd62728);

  private Charts() {}

  /** A named line: x and y values of equal length. */
  record Line(String name, double[] x, double[] y, boolean dashed, boolean markers) {}

  static String lines(String title, String xLabel, String yLabel, List<Line> lines) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Line l : lines) {
      XYSeries s = new XYSeries(l.name(), false, true);
      for (int i = 0; i < l.x().length; i++) {
        s.add(l.x()[i], l.y()[i]);
      }
      data.addSeries(s);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    Color[] palette = {BLUE, ORANGE, GREY, RED};
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      renderer.setSeriesPaint(i, palette[i % palette.length]);
      renderer.setSeriesShapesVisible(i, l.markers());
      renderer.setSeriesLinesVisible(i, !l.markers() || l.x().length > 1);
      renderer.setSeriesStroke(
          i,
          l.dashed()
              ? new BasicStroke(
                  1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f)
              : new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    style(chart);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return svg(chart);
  }

  /** Bars: one series per row key, one bar per column key. */
  static String bars(
      String title,
      String categoryLabel,
      String valueLabel,
      DefaultCategoryDataset data,
      boolean horizontal,
      Double lowerBound) {
    JFreeChart chart =
        ChartFactory.createBarChart(
            title,
            categoryLabel,
            valueLabel,
            data,
            horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL,
            data.getRowCount() > 1,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, BLUE);
    renderer.setSeriesPaint(1, ORANGE);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    if (lowerBound != null) {
      plot.getRangeAxis().setLowerBound(lowerBound);
    }
    if (horizontal) {
      plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
      plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
    }
    style(chart);
    int height = horizontal ? Math.max(HEIGHT, 40 + 18 * data.getColumnCount()) : HEIGHT;
    return svg(chart, WIDTH, height);
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
  }

  private static String svg(JFreeChart chart) {
    return svg(chart, WIDTH, HEIGHT);
  }

  private static String svg(JFreeChart chart, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    chart.draw(g, new Rectangle(0, 0, width, height));
    return g.getSVGElement();
  }
}
