-- What each image input was (size, mtime / ETag, Last-Modified) when the api estimated the job: sent to the worker
-- with the dispatch command, which refuses to run on inputs that changed since (input_changed).
ALTER TABLE jobs ADD COLUMN input_pins jsonb;
