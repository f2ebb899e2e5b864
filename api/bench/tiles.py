#!/usr/bin/python3
"""Tile benchmark helpers (standard library + Debian's python3-gdal), used by api/bench/tiles.

  tiles.py metadata COG                      -> the output metadata a worker would register (JSON on stdout)
  tiles.py tileset COG ZMIN ZMAX             -> "z x y" of every XYZ tile that overlaps the COG, one a line
  tiles.py fetch URL_TEMPLATE TILESET N OUT  -> fetches each tile once with N concurrent clients; writes the
                                                per-request latencies (ms) to OUT and prints tiles/s, p50, p99
  tiles.py count DIR                         -> number of .png files below DIR (gdal2tiles' output)
"""
import json
import math
import os
import queue
import sys
import threading
import time
import http.client
import urllib.parse

ORIGIN = 20037508.342789244


def metadata(path):
    from osgeo import gdal, osr
    gdal.UseExceptions()
    ds = gdal.Open(path)
    info = gdal.Info(ds, format="json", stats=False)
    ring = info["wgs84Extent"]["coordinates"][0]
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    gt = ds.GetGeoTransform()
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    merc = osr.SpatialReference()
    merc.ImportFromEPSG(3857)
    for s in (srs, merc):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(srs, merc)
    cx, cy = gt[0] + ds.RasterXSize / 2 * gt[1], gt[3] + ds.RasterYSize / 2 * gt[5]
    a = ct.TransformPoint(cx, cy)
    b = ct.TransformPoint(cx + gt[1], cy)
    pixel = math.hypot(b[0] - a[0], b[1] - a[1])
    maxzoom = math.ceil(math.log2(156543.033928041 / pixel))
    minzoom = max(0, maxzoom - math.ceil(math.log2(max(ds.RasterXSize, ds.RasterYSize) / 256)))
    bands = []
    for i in range(1, ds.RasterCount + 1):
        band = ds.GetRasterBand(i)
        mn, mx, mean, std = band.ComputeStatistics(True)
        bands.append({"band": i, "data_type": gdal.GetDataTypeName(band.DataType), "nodata": band.GetNoDataValue(),
                      "statistics": {"minimum": mn, "maximum": mx, "mean": mean, "stddev": std}})
    return {"bbox": [min(lons), min(lats), max(lons), max(lats)], "crs": "EPSG:3857", "minzoom": minzoom,
            "maxzoom": maxzoom, "width": ds.RasterXSize, "height": ds.RasterYSize, "band_count": ds.RasterCount,
            "bands": bands, "process_id": "cog", "media_type": "image/tiff; application=geotiff; profile=cloud-optimized"}


def tileset(path, zmin, zmax):
    bbox = metadata(path)["bbox"]
    out = []
    for z in range(zmin, zmax + 1):
        n = 2 ** z
        x0, x1 = int((bbox[0] + 180) / 360 * n), int((bbox[2] + 180) / 360 * n)
        y0, y1 = ty(bbox[3], n), ty(bbox[1], n)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                out.append((z, x, y))
    return out


def ty(lat, n):
    r = math.radians(lat)
    return int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)


def fetch(template, tiles, clients, out):
    url = urllib.parse.urlsplit(template)
    work = queue.Queue()
    for t in tiles:
        work.put(t)
    latencies = []
    failures = []
    lock = threading.Lock()

    def client():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        while True:
            try:
                z, x, y = work.get_nowait()
            except queue.Empty:
                break
            path = url.path.replace("{z}", str(z)).replace("{x}", str(x)).replace("{y}", str(y))
            if url.query:
                path += "?" + url.query
            start = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if response.status != 200 or len(body) == 0:
                    failures.append((z, x, y, response.status))
        conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    latencies.sort()
    with open(out, "w") as f:
        f.write("\n".join("%.3f" % v for v in latencies) + "\n")
    p = lambda q: latencies[min(len(latencies) - 1, int(math.ceil(q * len(latencies))) - 1)]
    print("tiles=%d failures=%d seconds=%.2f tiles_per_s=%.1f p50_ms=%.1f p99_ms=%.1f"
          % (len(latencies), len(failures), wall, len(latencies) / wall, p(0.50), p(0.99)))
    if failures:
        print("first failures: %s" % failures[:5], file=sys.stderr)
        sys.exit(1)


def main():
    cmd = sys.argv[1]
    if cmd == "metadata":
        print(json.dumps(metadata(sys.argv[2])))
    elif cmd == "tileset":
        for z, x, y in tileset(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])):
            print(z, x, y)
    elif cmd == "fetch":
        with open(sys.argv[3]) as f:
            tiles = [tuple(int(v) for v in line.split()) for line in f if line.strip()]
        fetch(sys.argv[2], tiles, int(sys.argv[4]), sys.argv[5])
    elif cmd == "count":
        print(sum(1 for _, _, files in os.walk(sys.argv[2]) for f in files if f.endswith(".png")))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
