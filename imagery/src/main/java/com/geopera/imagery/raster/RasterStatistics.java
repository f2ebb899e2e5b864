package com.geopera.imagery.raster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gdal.gdal.Band;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Per-band statistics of an output: min, max, mean, standard deviation (GDAL), and the 2nd and 98th
 * percentiles read from a histogram: one bucket per integer value for integer data (exact), 1024 buckets with
 * linear interpolation inside a bucket otherwise.
 */
public final class RasterStatistics {
    private static final int FLOAT_BUCKETS = 1024;
    private static final int MAX_INTEGER_BUCKETS = 65_536;

    private RasterStatistics() {
    }

    /** Statistics of one band; an empty map when the band has no valid pixel. {@code approx} reads overviews. */
    public static Map<String, Object> of(Band band, boolean approx) {
        double[] min = new double[1];
        double[] max = new double[1];
        double[] mean = new double[1];
        double[] std = new double[1];
        int err;
        try {
            err = band.ComputeStatistics(approx, min, max, mean, std);
        } catch (RuntimeException e) {
            err = 1;
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        if (err != 0 || !Double.isFinite(min[0]) || !Double.isFinite(max[0])) {
            return stats;
        }
        stats.put("minimum", min[0]);
        stats.put("maximum", max[0]);
        stats.put("mean", mean[0]);
        stats.put("stddev", std[0]);
        double[] p = percentiles(band, min[0], max[0], approx);
        if (p != null) {
            stats.put("percentile_2", p[0]);
            stats.put("percentile_98", p[1]);
        }
        return stats;
    }

    private static double[] percentiles(Band band, double min, double max, boolean approx) {
        boolean unitBuckets = isInteger(band.getDataType()) && max - min + 1 <= MAX_INTEGER_BUCKETS;
        int buckets;
        double lo;
        double hi;
        if (unitBuckets) {
            buckets = (int) (max - min + 1);
            lo = min - 0.5;
            hi = max + 0.5;
        } else {
            buckets = FLOAT_BUCKETS;
            lo = min;
            hi = max == min ? min + 1 : max;
        }
        int[] counts = new int[buckets];
        int err;
        try {
            err = band.GetHistogram(lo, hi, counts, false, approx);
        } catch (RuntimeException e) {
            err = 1;
        }
        if (err != 0) {
            return null;
        }
        return new double[] {percentile(counts, lo, hi, 0.02, unitBuckets), percentile(counts, lo, hi, 0.98, unitBuckets)};
    }

    /** The value below which {@code fraction} of the counted pixels lie. */
    static double percentile(int[] counts, double lo, double hi, double fraction, boolean unitBuckets) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double width = (hi - lo) / counts.length;
        double target = fraction * total;
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && cumulative + counts[i] >= target) {
                if (unitBuckets) {
                    return lo + (i + 0.5) * width;
                }
                double within = (target - cumulative) / counts[i];
                return lo + (i + within) * width;
            }
            cumulative += counts[i];
        }
        return hi;
    }

    private static boolean isInteger(int dataType) {
        return dataType == gdalconstConstants.GDT_Byte || dataType == gdalconstConstants.GDT_UInt16
                || dataType == gdalconstConstants.GDT_Int16 || dataType == gdalconstConstants.GDT_UInt32
                || dataType == gdalconstConstants.GDT_Int32;
    }
}
