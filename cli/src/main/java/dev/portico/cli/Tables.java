package dev.portico.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Plain aligned columns for people; the first row is the header. */
final class Tables {
    private Tables() {
    }

    static void print(PrintWriter out, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                cells.add(c == columns - 1 ? cell : cell + " ".repeat(widths[c] - cell.length()));
            }
            out.println(String.join("  ", cells).stripTrailing());
        }
        out.flush();
    }
}
