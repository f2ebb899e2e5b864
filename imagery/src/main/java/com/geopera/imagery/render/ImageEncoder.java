package com.geopera.imagery.render;

import com.geopera.imagery.raster.Gdal;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Vector;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.Driver;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Encodes ARGB pixels: PNG with {@link PngEncoder}, JPEG with the JDK's ImageIO (both deterministic: the same pixels
 * give the same bytes), WebP with GDAL's WEBP driver (the JDK has no WebP writer; the bindings cannot read GDAL's in-memory files, so the
 * image passes through a temporary file, on /dev/shm when there is one).
 */
final class ImageEncoder {
    private static final float JPEG_QUALITY = 0.85f;
    private static final String WEBP_QUALITY = "QUALITY=85";
    private static final Path TEMP_DIR = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));

    private ImageEncoder() {
    }

    static byte[] encode(int[] argb, int width, int height, ImageFormat format) {
        return switch (format) {
            case PNG -> PngEncoder.encode(argb, width, height);
            case JPG -> jpeg(argb, width, height);
            case WEBP -> webp(argb, width, height);
        };
    }

    private static byte[] jpeg(int[] argb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] webp(int[] argb, int width, int height) {
        Driver mem = gdal.GetDriverByName("MEM");
        Driver webp = gdal.GetDriverByName("WEBP");
        if (webp == null) {
            throw new IllegalStateException("GDAL has no WEBP driver");
        }
        Dataset image = mem.Create("", width, height, 4, gdalconstConstants.GDT_Byte);
        Path file = null;
        try {
            byte[] channel = new byte[width * height];
            for (int c = 0; c < 4; c++) {
                int shift = c == 3 ? 24 : 16 - 8 * c;
                for (int p = 0; p < channel.length; p++) {
                    channel[p] = (byte) (argb[p] >>> shift);
                }
                image.GetRasterBand(c + 1).WriteRaster(0, 0, width, height, channel);
            }
            file = Files.createTempFile(TEMP_DIR, "geopera-tile-", ".webp");
            gdal.ErrorReset();
            Dataset written = webp.CreateCopy(file.toString(), image, new Vector<>(java.util.List.of(WEBP_QUALITY)));
            if (written == null) {
                throw Gdal.failure("encoding WebP");
            }
            written.delete();
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            image.delete();
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(Path.of(file + ".aux.xml"));
                } catch (IOException e) {
                    // a temporary file left in /dev/shm or the temp dir; nothing else depends on it
                }
            }
        }
    }
}
