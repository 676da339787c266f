-- Uploaded materials are sealed at rest (secret.FileBox, keyed with the
-- master key's "uploads" derivation, bound to the file's path). Rows written
-- by older versions point at clear files: the application encrypts them in
-- batches at start and by `jiuye migrate`, and sets encrypted once a row's
-- file is sealed. digest is the keyed HMAC-SM3 of the plaintext (dedupe and
-- integrity) and names the sealed file; sha256, the plain hash of a clear
-- file, is emptied when the row is encrypted.
ALTER TABLE uploads ADD COLUMN encrypted BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE uploads ADD COLUMN digest TEXT NOT NULL DEFAULT '';
CREATE INDEX uploads_clear ON uploads(id) WHERE NOT encrypted;
