package dev.poolkit.bench.compare;

/** How every report prints a number. */
final class Numbers {
    private Numbers() {
    }

    /** Three significant figures, enough for any benchmark number and no more. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "?";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format("%,.0f", v);
        }
        if (a >= 10) {
            return String.format("%.1f", v);
        }
        return String.format("%.2f", v);
    }
}
