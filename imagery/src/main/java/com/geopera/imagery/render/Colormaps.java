package com.geopera.imagery.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named colour ramps a single band can be drawn with: 256 opaque ARGB entries each, built by linear interpolation
 * between a few published stops. {@code depth} runs from pale (shallow) to dark blue (deep) for bathymetry in metres
 * positive down; {@code rdylgn} is the diverging red–yellow–green ramp for indices in −1…1.
 */
public final class Colormaps {
    private static final Map<String, int[]> RAMPS = new LinkedHashMap<>();

    static {
        RAMPS.put("greys", ramp(0x000000, 0xffffff));
        RAMPS.put("viridis", ramp(0x440154, 0x482777, 0x3f4a8a, 0x31678e, 0x26838f, 0x1f9d8a, 0x6cce5a, 0xb6de2b,
                0xfee825));
        RAMPS.put("rdylgn", ramp(0xa50026, 0xd73027, 0xf46d43, 0xfdae61, 0xfee08b, 0xffffbf, 0xd9ef8b, 0xa6d96a,
                0x66bd63, 0x1a9850, 0x006837));
        RAMPS.put("depth", ramp(0xdff3fb, 0xa6dcf2, 0x6bbde3, 0x3a95cf, 0x1f6bb0, 0x114a8a, 0x082d5e, 0x031736));
        RAMPS.put("terrain", ramp(0x00a600, 0x63c600, 0xe6e600, 0xe9bd3a, 0xecb176, 0xefc2b3, 0xf2f2f2));
    }

    private Colormaps() {
    }

    /** Every colormap name, in a stable order. */
    public static List<String> names() {
        return List.copyOf(RAMPS.keySet());
    }

    public static boolean exists(String name) {
        return RAMPS.containsKey(name);
    }

    /** The 256 ARGB entries of {@code name} (index 0 = low end); a copy. */
    public static int[] lookup(String name) {
        int[] lut = RAMPS.get(name);
        if (lut == null) {
            throw new IllegalArgumentException("unknown colormap " + name);
        }
        return lut.clone();
    }

    static int[] table(String name) {
        return RAMPS.get(name);
    }

    private static int[] ramp(int... stops) {
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            double position = i / 255.0 * (stops.length - 1);
            int lower = Math.min((int) Math.floor(position), stops.length - 2);
            double t = position - lower;
            lut[i] = 0xff000000 | mix(stops[lower], stops[lower + 1], t);
        }
        return lut;
    }

    private static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return (r << 16) | (g << 8) | bl;
    }
}
