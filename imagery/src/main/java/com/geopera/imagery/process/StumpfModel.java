package com.geopera.imagery.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stumpf et al. (2003) log-ratio depth: {@code depth = m1 · ln(n·blue) / ln(n·green) − m0}, metres positive down.
 * Coefficients are given or fitted by ordinary least squares on control points (depth against ratio).
 */
public record StumpfModel(double m0, double m1, double ratioScale) {

    /** The fit of a calibration: its model, R², RMSE (metres) and the number of points used. */
    public record Calibration(StumpfModel model, double r2, double rmse, int points) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("r2", r2);
            m.put("rmse", rmse);
            m.put("points_used", points);
            return m;
        }
    }

    /** The log ratio at one pixel, NaN where it is undefined (non-positive reflectance, ln(n·green) = 0). */
    public static double ratio(double blue, double green, double ratioScale) {
        double lb = Math.log(ratioScale * blue);
        double lg = Math.log(ratioScale * green);
        if (!Double.isFinite(lb) || !Double.isFinite(lg) || lg == 0) {
            return Double.NaN;
        }
        return lb / lg;
    }

    public double depth(double ratio) {
        return m1 * ratio - m0;
    }

    /** Least-squares fit of depth = m1·ratio − m0; null when fewer than 3 points or all ratios are equal. */
    public static Calibration fit(List<double[]> ratioDepthPairs, double ratioScale) {
        int n = ratioDepthPairs.size();
        if (n < 3) {
            return null;
        }
        double sx = 0;
        double sy = 0;
        for (double[] p : ratioDepthPairs) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : ratioDepthPairs) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
            syy += (p[1] - my) * (p[1] - my);
        }
        if (sxx == 0) {
            return null;
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        StumpfModel model = new StumpfModel(-intercept, slope, ratioScale);
        double ssRes = 0;
        for (double[] p : ratioDepthPairs) {
            double e = p[1] - model.depth(p[0]);
            ssRes += e * e;
        }
        double r2 = syy == 0 ? 1 : 1 - ssRes / syy;
        return new Calibration(model, r2, Math.sqrt(ssRes / n), n);
    }
}
