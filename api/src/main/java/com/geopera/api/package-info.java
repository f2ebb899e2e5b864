/**
 * The api's domain types: the {@code Job} aggregate (every status change is one of its intents, answered by a
 * {@link com.geopera.api.JobChange}), a job being created ({@code JobDraft}), the authenticated {@code Caller} and
 * {@code ApiProblem}, the error every layer throws and the HTTP edge renders as problem+json.
 */
package com.geopera.api;
