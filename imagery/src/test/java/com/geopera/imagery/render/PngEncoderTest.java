package com.geopera.imagery.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void a_translucent_image_reads_back_pixel_for_pixel_with_its_alpha() throws IOException {
        int width = 67;
        int height = 41;
        int[] argb = new int[width * height];
        Random random = new Random(7);
        for (int p = 0; p < argb.length; p++) {
            int alpha = p % 5 == 0 ? 0 : p % 3 == 0 ? 128 : 255;
            argb[p] = alpha == 0 ? 0 : (alpha << 24) | (random.nextInt() & 0xffffff);
        }

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(argb, width, height)));

        assertThat(read.getWidth()).isEqualTo(width);
        assertThat(read.getHeight()).isEqualTo(height);
        assertThat(read.getColorModel().hasAlpha()).isTrue();
        assertThat(read.getRGB(0, 0, width, height, null, 0, width)).containsExactly(argb);
    }

    @Test
    void an_opaque_image_is_written_without_an_alpha_channel_and_reads_back_exactly() throws IOException {
        int width = 256;
        int height = 256;
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                argb[y * width + x] = 0xff000000 | (x << 16) | (y << 8) | ((x * y) & 0xff);
            }
        }

        byte[] png = PngEncoder.encode(argb, width, height);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(png[25]).as("IHDR colour type").isEqualTo((byte) 2);
        assertThat(read.getColorModel().hasAlpha()).isFalse();
        assertThat(read.getRGB(0, 0, width, height, null, 0, width)).containsExactly(argb);
    }

    @Test
    void the_same_pixels_always_give_the_same_bytes() {
        int[] argb = new int[256 * 256];
        for (int p = 0; p < argb.length; p++) {
            argb[p] = p % 7 == 0 ? 0 : 0xff000000 | (p * 2654435761L > 0 ? p : -p);
        }

        assertThat(PngEncoder.encode(argb, 256, 256)).isEqualTo(PngEncoder.encode(argb.clone(), 256, 256));
    }

    @Test
    void a_smooth_tile_compresses_below_its_raw_size() {
        int[] argb = new int[256 * 256];
        for (int p = 0; p < argb.length; p++) {
            int v = (p % 256 + p / 256) / 2;
            argb[p] = 0xff000000 | (v << 16) | (v << 8) | v;
        }

        assertThat(PngEncoder.encode(argb, 256, 256).length).isLessThan(256 * 256 * 3 / 10);
    }
}
