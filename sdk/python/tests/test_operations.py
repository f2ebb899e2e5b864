"""Every operation through the SDK against the running stack, checking what a user reads from the answers."""

import unittest

import geopera
import stack
from geopera import Balance, Estimate, Job, JobPage, ProcessDescription, ProcessList, TileJSON


class CatalogTest(unittest.TestCase):
    def test_the_catalog_lists_clip_with_its_queue_and_is_public(self):
        anonymous = geopera.Client(api_key="", base_url=stack.url())
        catalog = anonymous.processing.catalog.list()
        self.assertIsInstance(catalog, ProcessList)
        clip = next(p for p in catalog.processes if p.id == "clip")
        self.assertEqual(("clip", "clip"), (clip.job_type, clip.queue))
        self.assertEqual(clip.raw, next(p for p in catalog.raw["processes"] if p["id"] == "clip"))

    def test_a_process_description_names_its_inputs(self):
        description = stack.client().processing.catalog.get(process_id="clip")
        self.assertIsInstance(description, ProcessDescription)
        self.assertEqual("clip", description.id)
        self.assertIn("image", description.inputs)
        self.assertIn("aoi", description.inputs)

    def test_valid_inputs_validate_without_an_error(self):
        self.assertIsNone(stack.client().processing.catalog.validate(process_id="clip", inputs=stack.CLIP_INPUTS))

    def test_an_estimate_gives_the_credits_and_their_basis(self):
        estimate = stack.client().processing.catalog.estimate(process_id="clip", inputs=stack.CLIP_INPUTS)
        self.assertIsInstance(estimate, Estimate)
        self.assertEqual("clip", estimate.process_id)
        self.assertGreaterEqual(estimate.credits, 1)
        self.assertGreater(estimate.basis["area_km2"], 100)  # the pentagon is about 317 km²
        self.assertTrue(estimate.expires_at)

    def test_job_types_list_clip_and_filter_by_category(self):
        client = stack.client()
        every = client.processing.job_types.list()
        self.assertIn("clip", [t.name for t in every.job_types])
        clips = client.processing.job_types.list(category="clip")
        self.assertTrue(clips.job_types)
        self.assertEqual({"clip"}, {t.category for t in clips.job_types})
        self.assertIn("clip", clips.job_types[0].processes)


class JobOperationsTest(unittest.TestCase):
    def test_execute_queues_a_job_with_its_credits_reserved_and_job_get_reads_it_back(self):
        client = stack.client()
        job = client.processing.execute(process_id="clip", inputs=stack.CLIP_INPUTS, title="sdk execute")
        self.addCleanup(stack.cancel, job.job_id)
        self.assertIsInstance(job, Job)
        self.assertEqual("queued", job.status)
        self.assertEqual(stack.env("GEOPERA_WORKSPACE_ID"), job.workspace_id)
        self.assertEqual("reserved", job.billing.status)
        self.assertEqual(job.billing.estimated_credits, job.billing.reserved_credits)
        again = client.processing.job.get(job_id=job.job_id)
        self.assertEqual((job.job_id, "sdk execute", stack.CLIP_INPUTS["aoi"]),
                         (again.job_id, again.title, again.inputs["aoi"]))

    def test_create_then_dispatch_moves_a_job_from_created_to_queued(self):
        client = stack.client()
        created = client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        self.assertEqual(("created", "none", 0), (created.status, created.billing.status, created.attempt))
        dispatched = client.processing.dispatch(job_id=created.job_id)
        self.addCleanup(stack.cancel, created.job_id)
        self.assertEqual((created.job_id, "queued", 1), (dispatched.job_id, dispatched.status, dispatched.attempt))
        self.assertEqual("reserved", dispatched.billing.status)

    def test_create_and_dispatch_answers_a_queued_job(self):
        job = stack.client().processing.create_and_dispatch(process_id="clip", inputs=stack.CLIP_INPUTS)
        self.addCleanup(stack.cancel, job.job_id)
        self.assertEqual(("queued", "reserved"), (job.status, job.billing.status))

    def test_deleting_a_created_job_cancels_it(self):
        client = stack.client()
        created = client.processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        deleted = client.processing.job.delete(job_id=created.job_id)
        self.assertEqual("cancelled", deleted.status)
        self.assertEqual("cancelled", client.processing.job.get(created.job_id).status)

    def test_registering_outputs_of_a_created_job_charges_its_estimate_and_serves_the_file(self):
        tenant = stack.new_tenant(credits=100)
        processing = tenant.client.processing
        created = processing.create(process_id="clip", inputs=stack.CLIP_INPUTS)
        source = stack.input_root() / "elev.tif"
        placed = stack.place_in_attempt_dir(tenant.org_id, created.job_id, 0, source, "mine.tif")
        job = processing.job.register(job_id=created.job_id, outputs=[
            {"name": "result", "href": placed.as_uri(), "media_type": "image/tiff"}])
        self.assertEqual(("succeeded", "settled"), (job.status, job.billing.status))
        self.assertEqual(created.billing.estimated_credits, job.billing.charged_credits)
        self.assertEqual(source.stat().st_size, job.output("result").size_bytes)
        balance = stack.admin().admin.credits.balance(org_id=tenant.org_id)
        self.assertEqual((100 - job.billing.charged_credits, 0), (balance.posted, balance.pending))

    def test_tile_info_of_a_finished_clip_is_tilejson_over_the_area(self):
        job = stack.succeeded_clip()
        tiles = stack.client().processing.job.tile_info(job_id=job.job_id)
        self.assertIsInstance(tiles, TileJSON)
        self.assertEqual("3.0.0", tiles.tilejson)
        west, south, east, north = tiles.bounds
        self.assertTrue(5.9 < west < 6.1 and 49.5 < south < 49.6 and 6.2 < east < 6.3 and 49.7 < north < 49.8,
                        tiles.bounds)
        self.assertIn("/v1/processing/jobs/%s/tiles/{z}/{x}/{y}.png" % job.job_id, tiles.tiles[0])

    def test_jobs_list_finds_a_job_by_id_and_counts_on_request(self):
        job = stack.succeeded_clip()
        page = stack.client().processing.jobs.list(ids=[job.job_id], include=["total"])
        self.assertIsInstance(page, JobPage)
        self.assertEqual([job.job_id], [j.job_id for j in page.jobs])
        self.assertEqual((1, False, None), (page.total, page.has_more, page.next_cursor))
        self.assertIsNone(page.jobs[0].inputs)  # lists leave inputs out unless asked

    def test_a_project_member_reads_a_project_job_and_lists_the_project(self):
        job = stack.succeeded_clip()
        client = stack.client()
        self.assertEqual(job.job_id, client.processing.project_job.get(job_id=job.job_id).job_id)
        page = client.processing.project_jobs.list(project_id=stack.env("GEOPERA_PROJECT_ID"), limit=100)
        self.assertIn(job.job_id, [j.job_id for j in page.jobs])
        self.assertEqual(stack.env("GEOPERA_PROJECT_ID"), page.project_id)


class AuthAndAdminTest(unittest.TestCase):
    def test_a_session_token_calls_the_api_until_it_logs_out(self):
        client = stack.client()
        session = client.auth.sessions.create(scopes=["processing:read"], ttl_seconds=600)
        self.assertTrue(session.token.startswith("gprs_"))
        self.assertEqual(["processing:read"], session.scopes)
        as_session = geopera.Client(session_token=session.token, base_url=stack.url())
        self.assertEqual("clip", as_session.processing.catalog.get(process_id="clip").id)
        self.assertTrue(as_session.auth.logout().revoked)
        with self.assertRaises(geopera.AuthenticationError) as refused:
            as_session.processing.jobs.list(limit=1)
        self.assertEqual("unauthenticated", refused.exception.code)

    def test_a_revoked_session_is_refused(self):
        client = stack.client()
        session = client.auth.sessions.create()
        revoked = client.auth.sessions.revoke(session_id=session.session_id)
        self.assertEqual((session.session_id, True), (revoked.session_id, revoked.revoked))
        with self.assertRaises(geopera.AuthenticationError):
            client.with_token(session.token).processing.jobs.list(limit=1)

    def test_admin_operations_make_a_tenant_whose_key_works_and_whose_credits_add_up(self):
        tenant = stack.new_tenant(credits=40)
        admin = stack.admin().admin
        again = admin.credits.grant(org_id=tenant.org_id, credits=5, reference="twice-" + tenant.org_id)
        self.assertIsInstance(again, Balance)
        self.assertEqual((45, False), (again.posted, again.already_granted))
        repeated = admin.credits.grant(org_id=tenant.org_id, credits=5, reference="twice-" + tenant.org_id)
        self.assertEqual((45, True), (repeated.posted, repeated.already_granted))
        balance = admin.credits.balance(org_id=tenant.org_id)
        self.assertEqual((45, 0, 45, True, []), (balance.posted, balance.pending, balance.available,
                                                 balance.invariants_ok, balance.violations))
        self.assertEqual(0, tenant.client.processing.jobs.list(include=["total"]).total)
        revoked = admin.api_keys.revoke(key_id=tenant.key_id)
        self.assertTrue(revoked.revoked)
        with self.assertRaises(geopera.AuthenticationError):
            tenant.client.processing.jobs.list()


if __name__ == "__main__":
    unittest.main()
