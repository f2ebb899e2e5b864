"""Tiles, previews, TileJSON and the map page of a finished clip through the SDK's GET methods: the images are PNGs of
the size asked for, revalidate by ETag, and a TileJSON's token opens them without an api key."""

import math
import struct
import unittest
import urllib.parse
from typing import Tuple

import geopera
import stack
from geopera import Image, TileJSON

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> Tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk, which must come first."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise AssertionError("not a PNG: %r" % data[:16])
    return struct.unpack(">II", data[16:24])


def tile_of(lon: float, lat: float, z: int) -> Tuple[int, int]:
    """The Web Mercator (XYZ) tile holding a point."""
    n = 2 ** z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def token_of(url: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["token"][0]


class TilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.job = stack.succeeded_clip()
        cls.client = stack.client()
        cls.anonymous = geopera.Client(api_key="", base_url=stack.url())
        cls.x, cls.y = tile_of(6.13, 49.64, 10)  # inside the clipped pentagon

    def test_a_tile_inside_the_data_is_a_256_pixel_png_with_an_etag(self):
        tile = self.client.processing.jobs.tiles.get(self.job.job_id, 10, self.x, self.y, format="png")
        self.assertIsInstance(tile, Image)
        self.assertEqual((256, 256), png_size(tile.data))
        self.assertTrue(tile.media_type.startswith("image/png"), tile.media_type)
        self.assertTrue(tile.etag, "no ETag")
        self.assertFalse(tile.not_modified)

    def test_a_tile_asked_at_512_pixels_is_512_wide(self):
        tile = self.client.processing.jobs.tiles.get(self.job.job_id, 10, self.x, self.y, tilesize=512)
        self.assertEqual((512, 512), png_size(tile.data))

    def test_the_same_tile_with_its_etag_is_not_modified_and_carries_no_image(self):
        first = self.client.processing.jobs.tiles.get(self.job.job_id, 10, self.x, self.y)
        again = self.client.processing.jobs.tiles.get(self.job.job_id, 10, self.x, self.y,
                                                      if_none_match=first.etag)
        self.assertTrue(again.not_modified)
        self.assertEqual(b"", again.data)
        self.assertEqual(first.etag, again.etag)
        other = self.client.processing.jobs.tiles.get(self.job.job_id, 10, self.x, self.y, if_none_match='"stale"')
        self.assertFalse(other.not_modified)
        self.assertEqual(first.data, other.data)

    def test_a_preview_is_shrunk_to_max_size_and_never_enlarged(self):
        whole = self.client.processing.jobs.preview.get(self.job.job_id, format="png")
        width, height = png_size(whole.data)
        self.assertTrue(16 < max(width, height) <= 1024, (width, height))  # the clip's own size, under the default
        self.assertTrue(whole.etag)
        small = png_size(self.client.processing.jobs.preview.get(self.job.job_id, max_size=16).data)
        self.assertEqual(16, max(small), small)
        self.assertEqual(small[0] >= small[1], width >= height)  # the same orientation
        large = self.client.processing.jobs.preview.get(self.job.job_id, max_size=2048)
        self.assertEqual((width, height), png_size(large.data))

    def test_the_tilejson_has_tiles_and_bounds_and_its_token_opens_a_tile_without_an_api_key(self):
        tilejson = self.client.processing.jobs.tilejson.get(self.job.job_id)
        self.assertIsInstance(tilejson, TileJSON)
        self.assertEqual("3.0.0", tilejson.tilejson)
        west, south, east, north = tilejson.bounds
        self.assertTrue(west < 6.13 < east and south < 49.64 < north, tilejson.bounds)
        self.assertIn("/v1/processing/jobs/%s/tiles/{z}/{x}/{y}.png" % self.job.job_id, tilejson.tiles[0])
        token = token_of(tilejson.tiles[0])
        with_token = self.anonymous.processing.jobs.tiles.get(self.job.job_id, 10, self.x, self.y, token=token)
        with_key = self.client.processing.jobs.tiles.get(self.job.job_id, 10, self.x, self.y)
        self.assertEqual((256, 256), png_size(with_token.data))
        self.assertEqual((with_key.etag, with_key.data), (with_token.etag, with_token.data))
        again = self.anonymous.processing.jobs.tilejson.get(self.job.job_id, token=token)
        self.assertEqual(tilejson.bounds, again.bounds)
        self.assertEqual(token, token_of(again.tiles[0]))  # a token's TileJSON carries that token

    def test_without_token_or_api_key_a_tile_is_refused(self):
        with self.assertRaises(geopera.AuthenticationError) as refused:
            self.anonymous.processing.jobs.tiles.get(self.job.job_id, 10, self.x, self.y)
        self.assertEqual("unauthenticated", refused.exception.code)

    def test_the_map_page_is_html_and_opens_with_the_jobs_token_only(self):
        page = self.client.processing.jobs.map.get(self.job.job_id)
        self.assertTrue(page.lower().startswith("<!doctype html>"), page[:80])
        self.assertIn("<title>Job output map", page)
        self.assertIn('id="map"', page)
        token = token_of(self.client.processing.job.tile_info(job_id=self.job.job_id).tiles[0])
        self.assertEqual(page, self.anonymous.processing.jobs.map.get(self.job.job_id, token=token))
        with self.assertRaises(geopera.PermissionDenied) as refused:
            self.anonymous.processing.jobs.map.get("job_01M8V60Y3CPK6WT221CK0TAVJD", token=token)
        self.assertEqual("tile_token_invalid", refused.exception.code)

if __name__ == "__main__":
    unittest.main()
