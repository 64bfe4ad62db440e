package fr.pretadepenser.scoring.monitoring;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * A drifted feature's chart: the share of applicants in each of the reference's bins (and missing),
 * training reference beside current data, drawn by JFreeChart into inline SVG (JFreeSVG) as the
 * training report does, so the page needs no script and no network.
 */
final class DriftCharts {

  static final int WIDTH = 560;
  static final int HEIGHT = 320;

  private static final Color REFERENCE = new Color(0x1f77b4);
  private static final Color CURRENT = new Color(0xff7f0e);

  private DriftCharts() {}

  static String bins(FeatureDrift d) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (FeatureDrift.Bin b : d.bins()) {
      data.addValue(100 * b.reference(), "training reference", b.label());
      data.addValue(100 * b.current(), "current data", b.label());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            d.feature(),
            d.kind() == FeatureKind.CATEGORICAL ? "category" : "bin of the reference",
            "% of applicants",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    if (d.bins().size() > 5) {
      plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, REFERENCE);
    renderer.setSeriesPaint(1, CURRENT);
    renderer.setItemMargin(0.05);
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g.getSVGElement();
  }
}
