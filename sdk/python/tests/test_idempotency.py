"""Spend calls carry an Idempotency-Key (generated unless given) and are retried with it: whatever is lost or
repeated, the api runs the spend once and the org pays once. Each test has an org of its own, so its balance is
exact."""

import unittest
import uuid

import faults
import geopera
import stack


def jobs_of(tenant: stack.Tenant):
    return tenant.client.processing.jobs.list(include=["total"], limit=100)


class IdempotencyTest(unittest.TestCase):
    def test_a_request_repeated_with_the_same_key_returns_the_same_job_and_charges_once(self):
        tenant = stack.new_tenant(credits=100)
        key = "sdk-test-" + uuid.uuid4().hex
        first = tenant.client.processing.execute(process_id="clip", inputs=stack.CLIP_INPUTS, idempotency_key=key)
        second = tenant.client.processing.execute(process_id="clip", inputs=stack.CLIP_INPUTS, idempotency_key=key)
        self.assertEqual(first.job_id, second.job_id)
        self.assertEqual(1, jobs_of(tenant).total)
        reserved = first.billing.reserved_credits
        balance = stack.admin().admin.credits.balance(org_id=tenant.org_id)
        # The stack's workers may already have run and settled the job: held or charged, the org paid it once.
        self.assertEqual(reserved, balance.pending + (100 - balance.posted))
        done = tenant.client.processing.job.wait(first.job_id, timeout=120)
        self.assertEqual("succeeded", done.status)
        settled = stack.admin().admin.credits.balance(org_id=tenant.org_id)
        self.assertEqual((100 - done.billing.charged_credits, 0, True),
                         (settled.posted, settled.pending, settled.invariants_ok))

    def test_every_spend_call_sends_a_fresh_key_unless_given_one(self):
        with faults.FaultProxy(stack.url()) as proxy:
            client = geopera.Client(api_key=stack.env("GEOPERA_API_KEY"), base_url=proxy.url,
                                    workspace_id=stack.env("GEOPERA_WORKSPACE_ID"))
            a = client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
            b = client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
            client.processing.dispatch(job_id=a.job_id, idempotency_key="mine-" + a.job_id)
            client.processing.job.get(job_id=b.job_id)
        keys = [e.header("Idempotency-Key") for e in proxy.exchanges]
        self.assertNotEqual(a.job_id, b.job_id)
        self.assertTrue(keys[0] and keys[1] and keys[0] != keys[1], keys)
        self.assertEqual(["mine-" + a.job_id, None], keys[2:])

    def test_an_execute_whose_answer_is_lost_is_retried_with_its_key_and_runs_once(self):
        tenant = stack.new_tenant(credits=100)
        with faults.FaultProxy(stack.url(), [faults.drop_answer()]) as proxy:
            client = geopera.Client(api_key=tenant.client._transport.token, base_url=proxy.url,  # noqa: SLF001
                                    workspace_id=tenant.workspace_id, backoff_seconds=0.05)
            job = client.processing.execute(process_id="clip", inputs=stack.CLIP_INPUTS)
        self.addCleanup(stack.cancel, job.job_id, tenant.client)
        self.assertEqual(2, len(proxy.exchanges))
        self.assertTrue(all(e.forwarded for e in proxy.exchanges))
        self.assertEqual(proxy.exchanges[0].header("Idempotency-Key"), proxy.exchanges[1].header("Idempotency-Key"))
        self.assertIn("Idempotency-Replayed: true", proxy.exchanges[1].answer_head)
        page = jobs_of(tenant)
        self.assertEqual((1, [job.job_id]), (page.total, [j.job_id for j in page.jobs]))
        balance = stack.admin().admin.credits.balance(org_id=tenant.org_id)
        self.assertEqual(job.billing.reserved_credits, balance.pending + (100 - balance.posted))

    def test_a_gateway_error_after_the_api_created_the_job_is_retried_to_the_same_job(self):
        tenant = stack.new_tenant(credits=100)
        gateway = faults.replace_answer(502, {"status": 502, "code": "bad_gateway", "title": "Bad Gateway"})
        with faults.FaultProxy(stack.url(), [gateway, gateway]) as proxy:
            client = geopera.Client(api_key=tenant.client._transport.token, base_url=proxy.url,  # noqa: SLF001
                                    workspace_id=tenant.workspace_id, backoff_seconds=0.05)
            job = client.processing.create_and_dispatch(process_id="clip", inputs=stack.CLIP_INPUTS)
        self.addCleanup(stack.cancel, job.job_id, tenant.client)
        self.assertEqual(["replace", "replace", "pass"], [e.action for e in proxy.exchanges])
        self.assertEqual(1, len({e.header("Idempotency-Key") for e in proxy.exchanges}))
        self.assertEqual(1, jobs_of(tenant).total)
        self.assertEqual("queued", job.status)  # the first attempt's answer, replayed
        self.assertEqual(job.job_id, tenant.client.processing.job.get(job.job_id).job_id)
        balance = stack.admin().admin.credits.balance(org_id=tenant.org_id)
        self.assertEqual(job.billing.reserved_credits, balance.pending + (100 - balance.posted))

    def test_a_register_whose_answer_is_cut_is_retried_and_charges_once(self):
        tenant = stack.new_tenant(credits=100)
        created = tenant.client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        placed = stack.place_in_attempt_dir(tenant.org_id, created.job_id, 0, stack.input_root() / "elev.tif",
                                            "mine.tif")
        with faults.FaultProxy(stack.url(), [faults.cut_answer_after(10)]) as proxy:
            client = geopera.Client(api_key=tenant.client._transport.token, base_url=proxy.url,  # noqa: SLF001
                                    backoff_seconds=0.05)
            job = client.processing.job.register(job_id=created.job_id, outputs=[
                {"name": "result", "href": placed.as_uri(), "media_type": "image/tiff"}])
        self.assertEqual(["cut", "pass"], [e.action for e in proxy.exchanges])
        self.assertEqual("succeeded", job.status)
        balance = stack.admin().admin.credits.balance(org_id=tenant.org_id)
        self.assertEqual((100 - created.billing.estimated_credits, 0), (balance.posted, balance.pending))

    def test_a_key_reused_for_another_request_is_a_validation_error(self):
        client = stack.client()
        key = "sdk-reuse-" + uuid.uuid4().hex
        client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS, idempotency_key=key)
        with self.assertRaises(geopera.ValidationError) as raised:
            client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS, title="another body",
                                     idempotency_key=key)
        self.assertEqual("idempotency_key_reused", raised.exception.code)


if __name__ == "__main__":
    unittest.main()
