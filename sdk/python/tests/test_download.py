"""Downloads stream the output to disk and resume with Range: the file on disk ends up byte for byte the one the
worker wrote."""

import os
import tempfile
import unittest
from pathlib import Path

import faults
import geopera
import stack


class DownloadTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.job = stack.succeeded_clip()
        self.expected = stack.output_file(self.job, "result").read_bytes()

    def target(self, name: str) -> Path:
        return Path(self.dir.name) / name

    def test_a_download_writes_the_workers_bytes_to_the_path(self):
        download = stack.client().processing.job.download(self.job.job_id, "result", self.target("clip.tif"))
        self.assertEqual(self.expected, self.target("clip.tif").read_bytes())
        self.assertEqual((len(self.expected), 0, len(self.expected)),
                         (download.size_bytes, download.resumed_from, download.bytes_transferred))
        self.assertTrue(download.media_type.startswith("image/tiff"))
        self.assertFalse(os.path.exists(str(self.target("clip.tif")) + ".part"))
        self.assertEqual(b"II*\x00", self.expected[:4])  # a little-endian TIFF

    def test_the_output_operation_under_jobs_outputs_downloads_the_same_bytes(self):
        download = stack.client().processing.jobs.outputs.get(self.job.job_id, "result", self.target("same.tif"))
        self.assertEqual(len(self.expected), download.size_bytes)
        self.assertEqual(self.expected, self.target("same.tif").read_bytes())

    def test_a_partial_file_left_by_an_earlier_call_is_resumed_with_a_range_request(self):
        half = len(self.expected) // 2
        Path(str(self.target("clip.tif")) + ".part").write_bytes(self.expected[:half])
        with faults.FaultProxy(stack.url()) as proxy:
            client = geopera.Client(api_key=stack.env("GEOPERA_API_KEY"), base_url=proxy.url)
            download = client.processing.job.download(self.job.job_id, "result", self.target("clip.tif"))
        self.assertEqual("bytes=%d-" % half, proxy.exchanges[0].header("Range"))
        self.assertTrue(proxy.exchanges[0].answer_head.startswith("HTTP/1.1 206"), proxy.exchanges[0].answer_head)
        self.assertEqual((half, len(self.expected) - half), (download.resumed_from, download.bytes_transferred))
        self.assertEqual(self.expected, self.target("clip.tif").read_bytes())

    def test_a_connection_cut_in_the_middle_of_the_file_is_resumed_where_it_broke(self):
        cut_at = 1000
        with faults.FaultProxy(stack.url(), [faults.cut_answer_after(cut_at)]) as proxy:
            client = geopera.Client(api_key=stack.env("GEOPERA_API_KEY"), base_url=proxy.url, backoff_seconds=0.05)
            download = client.processing.job.download(self.job.job_id, "result", self.target("clip.tif"))
        self.assertEqual([None, "bytes=%d-" % cut_at], [e.header("Range") for e in proxy.exchanges])
        self.assertEqual(len(self.expected), download.bytes_transferred)
        self.assertEqual(self.expected, self.target("clip.tif").read_bytes())

    def test_a_complete_partial_file_is_finished_without_transferring_anything(self):
        Path(str(self.target("clip.tif")) + ".part").write_bytes(self.expected)
        download = stack.client().processing.job.download(self.job.job_id, "result", self.target("clip.tif"))
        self.assertEqual((len(self.expected), 0), (download.resumed_from, download.bytes_transferred))
        self.assertEqual(self.expected, self.target("clip.tif").read_bytes())

    def test_an_unknown_output_is_not_found_and_writes_nothing(self):
        with self.assertRaises(geopera.NotFound):
            stack.client().processing.job.download(self.job.job_id, "no-such-output", self.target("x.tif"))
        self.assertEqual([], os.listdir(self.dir.name))


if __name__ == "__main__":
    unittest.main()
