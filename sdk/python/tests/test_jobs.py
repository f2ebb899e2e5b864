"""Waiting for a job, paging through lists by cursor, and NDJSON streams."""

import unittest

import geopera
import stack


class WaitTest(unittest.TestCase):
    def test_wait_follows_a_job_to_succeeded_reporting_each_change(self):
        client = stack.client()
        job = client.processing.execute(process_id="clip", inputs=stack.CLIP_INPUTS)
        seen = []
        done = client.processing.job.wait(job.job_id, timeout=120,
                                          on_progress=lambda j: seen.append((j.status, j.progress)))
        self.assertEqual(("succeeded", 100), (done.status, done.progress))
        self.assertEqual(("succeeded", 100), seen[-1])
        self.assertEqual(len(seen), len(set(seen)), "each state is reported once: %s" % seen)
        progress = [p for _, p in seen]
        self.assertEqual(sorted(progress), progress)
        self.assertEqual("settled", done.billing.status)
        self.assertEqual("result", done.outputs[0].name)

    def test_wait_gives_up_after_its_timeout_with_the_last_state(self):
        client = stack.client()
        created = client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        with self.assertRaises(geopera.WaitTimeout) as raised:
            client.processing.job.wait(created.job_id, timeout=1.0, poll_interval=0.2)
        self.assertEqual((created.job_id, "created"), (raised.exception.job.job_id, raised.exception.job.status))

    def test_wait_returns_a_cancelled_job_as_it_is(self):
        client = stack.client()
        created = client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        client.processing.job.delete(created.job_id)
        self.assertEqual("cancelled", client.processing.job.wait(created.job_id, timeout=10).status)


class PagingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tenant = stack.new_tenant(credits=0)
        cls.created = [cls.tenant.client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS,
                                                           project_id=cls.tenant.project_id, title="job %d" % i)
                       for i in range(7)]

    def test_iter_visits_every_job_once_newest_first_across_pages(self):
        ids = [j.job_id for j in self.tenant.client.processing.jobs.iter(limit=3)]
        self.assertEqual([j.job_id for j in reversed(self.created)], ids)

    def test_iter_does_not_repeat_a_job_when_jobs_are_created_while_it_pages(self):
        processing = stack.new_tenant(credits=0).client.processing
        before = [processing.create(process_id="clip", inputs=stack.CLIP_INPUTS).job_id for _ in range(5)]
        seen = []
        for job in processing.jobs.iter(limit=2):
            seen.append(job.job_id)
            processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)  # newer: sorts before the cursor
        self.assertEqual(list(reversed(before)), seen)
        self.assertEqual(10, processing.jobs.list(include=["total"]).total)

    def test_list_pages_chain_by_cursor_and_the_last_has_no_cursor(self):
        jobs = self.tenant.client.processing.jobs
        first = jobs.list(limit=4, status="created")
        self.assertEqual((1, 4, True), (first.page, len(first.jobs), first.has_more))
        second = jobs.list(limit=4, status="created", cursor=first.next_cursor)
        self.assertIsNone(second.page)  # a cursor page has no position
        self.assertFalse(second.has_more)
        self.assertIsNone(second.next_cursor)
        self.assertEqual(set(j.job_id for j in self.created) - {j.job_id for j in first.jobs},
                         {j.job_id for j in second.jobs if j.title and j.title.startswith("job ")})

    def test_a_cursor_of_another_org_is_refused(self):
        cursor = self.tenant.client.processing.jobs.list(limit=1).next_cursor
        with self.assertRaises(geopera.ValidationError) as raised:
            stack.client().processing.jobs.list(limit=1, cursor=cursor)
        self.assertEqual([("/cursor", "invalid_cursor")], [(e.pointer, e.code) for e in raised.exception.errors])

    def test_the_ndjson_stream_yields_every_job_the_json_pages_hold_from_the_first_page_on(self):
        jobs = self.tenant.client.processing.jobs
        paged = list(jobs.iter(limit=5, include=["inputs"]))
        self.assertGreater(len(paged), 5)
        streamed = list(jobs.stream(limit=5, include=["inputs"]))  # the stream does not stop at limit
        self.assertEqual([j.raw for j in paged], [j.raw for j in streamed])
        self.assertEqual(stack.CLIP_INPUTS["aoi"], streamed[0].inputs["aoi"])

    def test_project_jobs_page_by_cursor_and_stream_as_ndjson(self):
        project_jobs = self.tenant.client.processing.project_jobs
        ids = [j.job_id for j in project_jobs.iter(project_id=self.tenant.project_id, limit=3)]
        self.assertEqual([j.job_id for j in reversed(self.created)], ids)
        streamed = [j.job_id for j in project_jobs.stream(project_id=self.tenant.project_id, limit=100)]
        self.assertEqual(ids, streamed)


if __name__ == "__main__":
    unittest.main()
