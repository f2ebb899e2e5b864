#!/usr/bin/python3
"""Measures the two ways of drawing one XYZ tile from a COG with GDAL (Debian's python3-gdal; the same C library
the api calls through its Java bindings), single-threaded, over a tile set, in CPU time of this process (so a busy machine does not distort it):

  warp-mem   gdal.Warp of the tile's bounds into a 256x256 MEM dataset with an alpha band, per tile (what
             imagery.render.TileRenderer does)
  warped-vrt one warped VRT of the whole COG in EPSG:3857 (AutoCreateWarpedVRT, made once), and per tile a
             ReadRaster of the tile's window resampled to 256x256 (the TiTiler / gdal2tiles way)

Usage: tile-options.py COG TILESET [max_tiles]   (TILESET: "z x y" lines, as tiles.py tileset writes)
"""
import sys
import time
from osgeo import gdal, osr

gdal.UseExceptions()
ORIGIN = 20037508.342789244


def bounds(z, x, y):
    size = 2 * ORIGIN / (1 << z)
    minx = -ORIGIN + x * size
    maxy = ORIGIN - y * size
    return minx, maxy - size, minx + size, maxy


def main():
    cog, tileset = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    with open(tileset) as f:
        tiles = [tuple(int(v) for v in line.split()) for line in f if line.strip()][:limit]
    ds = gdal.Open(cog)

    start = time.process_time()
    for z, x, y in tiles:
        b = bounds(z, x, y)
        out = gdal.Warp("", ds, format="MEM", outputBounds=b, width=256, height=256, dstSRS="EPSG:3857",
                        resampleAlg="bilinear", dstAlpha=True, multithread=False)
        out.ReadRaster(0, 0, 256, 256)
        out = None
    warp = (time.process_time() - start) / len(tiles) * 1000

    merc = osr.SpatialReference()
    merc.ImportFromEPSG(3857)
    start = time.process_time()
    vrt = gdal.AutoCreateWarpedVRT(ds, None, merc.ExportToWkt(), gdal.GRA_Bilinear)
    made = (time.process_time() - start) * 1000
    gt = vrt.GetGeoTransform()
    start = time.process_time()
    for z, x, y in tiles:
        b = bounds(z, x, y)
        x0 = (b[0] - gt[0]) / gt[1]
        x1 = (b[2] - gt[0]) / gt[1]
        y0 = (b[3] - gt[3]) / gt[5]
        y1 = (b[1] - gt[3]) / gt[5]
        # clip the window to the VRT; the tile's part outside stays empty
        cx0, cy0 = max(0, int(x0)), max(0, int(y0))
        cx1, cy1 = min(vrt.RasterXSize, int(x1 + 0.5)), min(vrt.RasterYSize, int(y1 + 0.5))
        if cx1 <= cx0 or cy1 <= cy0:
            continue
        bw = max(1, round((cx1 - cx0) / (x1 - x0) * 256))
        bh = max(1, round((cy1 - cy0) / (y1 - y0) * 256))
        vrt.ReadRaster(cx0, cy0, cx1 - cx0, cy1 - cy0, bw, bh, resample_alg=gdal.GRIORA_Bilinear)
        vrt.GetRasterBand(1).GetMaskBand().ReadRaster(cx0, cy0, cx1 - cx0, cy1 - cy0, bw, bh)
    window = (time.process_time() - start) / len(tiles) * 1000
    print("tiles=%d CPU warp-mem=%.2f ms/tile warped-vrt=%.2f ms/tile (+%.0f ms once to make the VRT)"
          % (len(tiles), warp, window, made))


if __name__ == "__main__":
    main()
