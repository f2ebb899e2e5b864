"""Problem documents of the real api become typed exceptions with the api's code; failures in front of the api
(a gateway's 5xx, a 429, a broken connection) are retried or reported as the README says."""

import email.utils
import os
import tempfile
import time
import unittest

import faults
import geopera
import stack


class ProblemsTest(unittest.TestCase):
    def test_invalid_inputs_raise_a_validation_error_listing_every_field_problem(self):
        with self.assertRaises(geopera.ValidationError) as raised:
            stack.client().processing.execute(process_id="clip", inputs={"image": "file:nope.tif"},
                                              workspaceId="ws_does_not_exist")
        error = raised.exception
        self.assertEqual((422, "validation_failed"), (error.status, error.code))
        by_pointer = {e.pointer: e.code for e in error.errors}
        self.assertEqual("input_not_found", by_pointer.get("/inputs/image"), error.errors)
        self.assertEqual("required", by_pointer.get("/inputs/aoi"), error.errors)
        self.assertIn("/workspaceId", by_pointer, error.errors)
        self.assertIn("/inputs/image input_not_found", str(error))

    def test_an_unknown_process_is_not_found_with_its_code(self):
        with self.assertRaises(geopera.NotFound) as raised:
            stack.client().processing.catalog.get(process_id="no-such-process")
        self.assertEqual((404, "process_not_found"), (raised.exception.status, raised.exception.code))

    def test_a_job_of_another_org_is_not_found(self):
        job = stack.succeeded_clip()
        other = stack.new_tenant(credits=0)
        with self.assertRaises(geopera.NotFound) as raised:
            other.client.processing.job.get(job_id=job.job_id)
        self.assertEqual("job_not_found", raised.exception.code)

    def test_a_wrong_key_is_an_authentication_error(self):
        client = geopera.Client(api_key="gpra_abcdefghijkmnotarealsecretnotarealsecret00", base_url=stack.url())
        with self.assertRaises(geopera.AuthenticationError) as raised:
            client.processing.jobs.list()
        self.assertEqual((401, "unauthenticated"), (raised.exception.status, raised.exception.code))

    def test_a_session_without_the_process_scope_is_denied_execute_and_told_which_scope(self):
        client = stack.client()
        reader = client.with_token(client.auth.sessions.create(scopes=["processing:read"]).token)
        with self.assertRaises(geopera.PermissionDenied) as raised:
            reader.processing.execute(process_id="clip", inputs=stack.CLIP_INPUTS)
        self.assertEqual(("insufficient_scope", "processing:process"),
                         (raised.exception.code, raised.exception.required_scope))

    def test_an_org_that_cannot_pay_gets_insufficient_credits_and_no_job(self):
        tenant = stack.new_tenant(credits=1)
        estimate = tenant.client.processing.catalog.estimate(process_id="clip", inputs=stack.CLIP_INPUTS)
        self.assertGreater(estimate.credits, 1)
        with self.assertRaises(geopera.InsufficientCredits) as raised:
            tenant.client.processing.execute(process_id="clip", inputs=stack.CLIP_INPUTS)
        error = raised.exception
        self.assertEqual((402, "insufficient_credits", 1, estimate.credits),
                         (error.status, error.code, error.available, error.required))
        self.assertEqual(0, tenant.client.processing.jobs.list(include=["total"]).total)

    def test_create_and_dispatch_without_credits_keeps_the_created_job_and_names_it(self):
        tenant = stack.new_tenant(credits=1)
        with self.assertRaises(geopera.InsufficientCredits) as raised:
            tenant.client.processing.create_and_dispatch(process_id="clip", inputs=stack.CLIP_INPUTS)
        kept = tenant.client.processing.job.get(raised.exception.job_id)
        self.assertEqual("created", kept.status)

    def test_dispatching_a_queued_job_again_is_a_conflict(self):
        client = stack.client()
        job = client.processing.create_and_dispatch(process_id="clip", inputs=stack.CLIP_INPUTS)
        self.addCleanup(stack.cancel, job.job_id)
        with self.assertRaises(geopera.Conflict) as raised:
            client.processing.dispatch(job_id=job.job_id)
        self.assertEqual((409, "illegal_transition"), (raised.exception.status, raised.exception.code))

    def test_tile_info_before_the_job_succeeded_is_a_conflict(self):
        client = stack.client()
        created = client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        with self.assertRaises(geopera.Conflict) as raised:
            client.processing.job.tile_info(job_id=created.job_id)
        self.assertEqual("output_not_ready", raised.exception.code)

    def test_dispatching_a_version_no_worker_serves_is_a_validation_error_and_the_job_stays_created(self):
        client = stack.client()
        created = client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        with self.assertRaises(geopera.ValidationError) as raised:
            client.processing.dispatch(job_id=created.job_id, version="9.9.9")
        self.assertEqual("process_version_unavailable", raised.exception.code)
        self.assertEqual("created", client.processing.job.get(created.job_id).status)

    def test_inputs_over_the_cap_are_an_invalid_request_and_store_nothing(self):
        tenant = stack.new_tenant(credits=100)
        inputs = dict(stack.CLIP_INPUTS, note="x" * 300_000)
        with self.assertRaises(geopera.InvalidRequest) as raised:
            tenant.client.processing.execute(process_id="clip", inputs=inputs)
        self.assertEqual((413, "inputs_too_large"), (raised.exception.status, raised.exception.code))
        self.assertEqual(0, tenant.client.processing.jobs.list(include=["total"]).total)

    def test_downloading_an_external_output_is_a_conflict_naming_where_it_is(self):
        tenant = stack.new_tenant(credits=100)
        created = tenant.client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        href = "https://data.example.org/clips/%s.tif" % created.job_id
        tenant.client.processing.job.register(job_id=created.job_id, outputs=[
            {"name": "result", "href": href, "media_type": "image/tiff"}])
        with tempfile.TemporaryDirectory() as directory:
            with self.assertRaises(geopera.Conflict) as raised:
                tenant.client.processing.job.download(created.job_id, "result", os.path.join(directory, "x.tif"))
            self.assertEqual([], os.listdir(directory))
        self.assertEqual(("output_external", href), (raised.exception.code, raised.exception.problem["external_href"]))


class FailuresInFrontOfTheApiTest(unittest.TestCase):
    GATEWAY = {"type": "about:blank", "title": "Bad Gateway", "status": 502, "code": "bad_gateway"}

    def test_a_429_is_retried_after_its_retry_after_and_the_call_succeeds(self):
        limited = faults.answer_instead(429, {"status": 429, "code": "rate_limited", "retry_after_seconds": 1},
                                        {"Retry-After": "1"})
        with faults.FaultProxy(stack.url(), [limited]) as proxy:
            client = geopera.Client(api_key=stack.env("GEOPERA_API_KEY"), base_url=proxy.url)
            self.assertEqual("clip", client.processing.catalog.get(process_id="clip").id)
        self.assertEqual(["instead", "pass"], [e.action for e in proxy.exchanges])
        self.assertGreaterEqual(proxy.exchanges[1].started - proxy.exchanges[0].started, 0.95)

    def test_rate_limited_is_raised_with_its_retry_after_when_retries_run_out(self):
        limited = faults.answer_instead(429, {"status": 429, "code": "rate_limited", "retry_after_seconds": 0},
                                        {"Retry-After": "0"})
        with faults.FaultProxy(stack.url(), [limited] * 3) as proxy:
            client = geopera.Client(api_key=stack.env("GEOPERA_API_KEY"), base_url=proxy.url, max_retries=2)
            with self.assertRaises(geopera.RateLimited) as raised:
                client.processing.jobs.list(limit=1)
        self.assertEqual(("rate_limited", 0.0), (raised.exception.code, raised.exception.retry_after_seconds))
        self.assertEqual(3, len(proxy.exchanges))

    def test_a_server_error_is_raised_as_server_error_when_retries_run_out(self):
        with faults.FaultProxy(stack.url(), [faults.answer_instead(502, self.GATEWAY)] * 2) as proxy:
            client = geopera.Client(api_key=stack.env("GEOPERA_API_KEY"), base_url=proxy.url, max_retries=1,
                                    backoff_seconds=0.01)
            with self.assertRaises(geopera.ServerError) as raised:
                client.processing.catalog.list()
        self.assertEqual((502, "bad_gateway"), (raised.exception.status, raised.exception.code))

    def test_a_retry_after_beyond_a_minute_is_raised_at_once_instead_of_waited_for(self):
        outage = faults.answer_instead(503, {"status": 503, "code": "service_unavailable"}, {"Retry-After": "120"})
        with faults.FaultProxy(stack.url(), [outage]) as proxy:
            client = geopera.Client(api_key=stack.env("GEOPERA_API_KEY"), base_url=proxy.url)
            with self.assertRaises(geopera.ServerError) as raised:
                client.processing.jobs.list(limit=1)
        self.assertEqual((503, "service_unavailable", "120"),
                         (raised.exception.status, raised.exception.code, raised.exception.headers["Retry-After"]))
        self.assertEqual(1, len(proxy.exchanges))

    def test_a_retry_after_given_as_a_date_is_waited_for(self):
        when = email.utils.formatdate(time.time() + 2, usegmt=True)
        outage = faults.answer_instead(503, {"status": 503, "code": "service_unavailable"}, {"Retry-After": when})
        with faults.FaultProxy(stack.url(), [outage]) as proxy:
            client = geopera.Client(api_key=stack.env("GEOPERA_API_KEY"), base_url=proxy.url)
            self.assertIsInstance(client.processing.jobs.list(limit=1), geopera.JobPage)
        self.assertEqual(["instead", "pass"], [e.action for e in proxy.exchanges])
        self.assertGreaterEqual(proxy.exchanges[1].started - proxy.exchanges[0].started, 0.9)

    def test_a_delete_whose_answer_is_lost_is_not_sent_twice(self):
        client = stack.client()
        created = client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        with faults.FaultProxy(stack.url(), [faults.drop_answer()]) as proxy:
            through = geopera.Client(api_key=stack.env("GEOPERA_API_KEY"), base_url=proxy.url)
            with self.assertRaises(geopera.APIConnectionError):
                through.processing.job.delete(job_id=created.job_id)
        self.assertEqual(1, len(proxy.exchanges))
        self.assertEqual("cancelled", client.processing.job.get(created.job_id).status)

    def test_an_api_that_does_not_listen_is_a_connection_error_after_the_retries(self):
        with faults.FaultProxy(stack.url()) as proxy:
            closed_url = proxy.url
        client = geopera.Client(api_key="gpra_x", base_url=closed_url, max_retries=2, backoff_seconds=0.01)
        with self.assertRaises(geopera.APIConnectionError) as raised:
            client.processing.catalog.list()
        self.assertIn("cannot connect", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
