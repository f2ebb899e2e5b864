package com.geopera.imagery.render;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A PNG writer tuned for map tiles. The JDK's ImageIO writer tries all five row filters on every row and deflates
 * harder than a tile needs: on the Landsat tiles of the tile benchmark it took 7.6 ms per 256² tile where this one
 * takes 2.6 ms and writes 15 % fewer bytes (docs/BENCHMARKS.md, "Tiles"). Rows are filtered Sub or Up, whichever
 * gives the smaller sum of absolute differences (the usual PNG heuristic, on two filters instead of five), and
 * deflated at level 1. Opaque images are written as RGB, others as RGBA, 8 bits per channel, not interlaced.
 * Deterministic: the same pixels always give the same bytes.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int COLOR_RGB = 2;
    private static final int COLOR_RGBA = 6;
    private static final int FILTER_SUB = 1;
    private static final int FILTER_UP = 2;
    private static final int DEFLATE_LEVEL = 1;

    private PngEncoder() {
    }

    /** {@code argb} (one int per pixel, rows top to bottom) as a PNG file. */
    static byte[] encode(int[] argb, int width, int height) {
        boolean opaque = true;
        for (int pixel : argb) {
            if (pixel >>> 24 != 0xff) {
                opaque = false;
                break;
            }
        }
        int channels = opaque ? 3 : 4;
        byte[] filtered = filter(argb, width, height, channels);
        ByteArrayOutputStream out = new ByteArrayOutputStream(filtered.length / 3 + 64);
        out.writeBytes(SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) (opaque ? COLOR_RGB : COLOR_RGBA)).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array(), header.position());
        byte[] compressed = deflate(filtered);
        chunk(out, "IDAT", compressed, compressed.length);
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /** Each row led by its filter byte: Sub or Up, the one with the smaller sum of absolute filtered values. */
    private static byte[] filter(int[] argb, int width, int height, int channels) {
        int stride = width * channels;
        byte[] out = new byte[height * (stride + 1)];
        byte[] previous = new byte[stride];
        byte[] current = new byte[stride];
        byte[] sub = new byte[stride];
        byte[] up = new byte[stride];
        int at = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0, i = 0; x < width; x++, i += channels) {
                int pixel = argb[row + x];
                current[i] = (byte) (pixel >> 16);
                current[i + 1] = (byte) (pixel >> 8);
                current[i + 2] = (byte) pixel;
                if (channels == 4) {
                    current[i + 3] = (byte) (pixel >>> 24);
                }
            }
            long subCost = 0;
            long upCost = 0;
            for (int i = 0; i < stride; i++) {
                byte s = (byte) (current[i] - (i >= channels ? current[i - channels] : 0));
                byte u = (byte) (current[i] - previous[i]);
                sub[i] = s;
                up[i] = u;
                subCost += Math.abs(s);
                upCost += Math.abs(u);
            }
            boolean useSub = subCost <= upCost;
            out[at++] = (byte) (useSub ? FILTER_SUB : FILTER_UP);
            System.arraycopy(useSub ? sub : up, 0, out, at, stride);
            at += stride;
            byte[] swap = previous;
            previous = current;
            current = swap;
        }
        return out;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(DEFLATE_LEVEL);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
            byte[] buffer = new byte[32 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
        out.writeBytes(name);
        out.write(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
