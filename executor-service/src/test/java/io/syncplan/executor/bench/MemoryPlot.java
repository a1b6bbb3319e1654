package io.syncplan.executor.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A plot of memory samples as an SVG image: one line per column of a CSV whose first column is the
 * time in seconds and whose other columns are resident memory in MiB, with the executor's 256 MiB
 * target drawn dashed.
 */
final class MemoryPlot {

  private static final int WIDTH = 800;
  private static final int HEIGHT = 400;
  private static final int MARGIN = 50;
  private static final int TARGET_MIB = 256;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

  private MemoryPlot() {}

  static String svg(List<String> csv) {
    String[] names = csv.get(0).split(",");
    List<double[]> rows = new ArrayList<>();
    for (String line : csv.subList(1, csv.size())) {
      if (!line.isBlank()) {
        String[] cells = line.split(",");
        double[] row = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
          row[i] = Double.parseDouble(cells[i]);
        }
        rows.add(row);
      }
    }
    double maxSeconds = Math.max(1, rows.isEmpty() ? 1 : rows.get(rows.size() - 1)[0]);
    double maxMib = TARGET_MIB * 1.25;
    for (double[] row : rows) {
      for (int i = 1; i < row.length; i++) {
        maxMib = Math.max(maxMib, row[i] * 1.1);
      }
    }
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n",
            WIDTH, HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    int plotWidth = WIDTH - 2 * MARGIN;
    int plotHeight = HEIGHT - 2 * MARGIN;
    svg.append(
        String.format(
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
            MARGIN, MARGIN, plotWidth, plotHeight));
    double targetY = MARGIN + plotHeight * (1 - TARGET_MIB / maxMib);
    svg.append(
        String.format(
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#444\""
                + " stroke-dasharray=\"6,4\"/><text x=\"%d\" y=\"%.1f\">%d MiB</text>%n",
            MARGIN, targetY, MARGIN + plotWidth, targetY, MARGIN + 4, targetY - 4, TARGET_MIB));
    for (int column = 1; column < names.length; column++) {
      StringBuilder points = new StringBuilder();
      for (double[] row : rows) {
        points.append(
            String.format(
                "%.1f,%.1f ",
                MARGIN + plotWidth * row[0] / maxSeconds,
                MARGIN + plotHeight * (1 - row[column] / maxMib)));
      }
      String colour = COLOURS[(column - 1) % COLOURS.length];
      svg.append(
          String.format(
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
              colour, points.toString().trim()));
      svg.append(
          String.format(
              "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
              MARGIN + 10 + (column - 1) * 150, MARGIN - 10, colour, names[column]));
    }
    svg.append(
        String.format(
            "<text x=\"%d\" y=\"%d\">0 s</text><text x=\"%d\" y=\"%d\">%.0f s</text>%n",
            MARGIN, HEIGHT - MARGIN + 16, WIDTH - MARGIN - 30, HEIGHT - MARGIN + 16, maxSeconds));
    svg.append(
        String.format(
            "<text x=\"4\" y=\"%d\">%.0f MiB</text><text x=\"4\" y=\"%d\">0</text>%n",
            MARGIN + 4, maxMib, HEIGHT - MARGIN));
    return svg.append("</svg>\n").toString();
  }
}
