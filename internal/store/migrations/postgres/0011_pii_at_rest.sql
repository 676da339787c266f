-- Personal data at rest (security issue 9.1): persons.id_mask (first 6 and
-- last 4 characters), birth_date and male together rebuilt every ID number
-- without the key, and the phone masks kept 7 of 11 digits. Masks are now
-- computed when shown, from the decrypted value; birth date and gender come
-- from the decrypted ID number. Only the birth year stays in clear, for
-- statistics: with the region and gender it leaves about 180,000 candidates.
-- Go code runs VACUUM FULL on both tables after this migration: a dropped
-- column's values stay in the heap until its rows are rewritten.
ALTER TABLE persons ADD COLUMN birth_year INTEGER NOT NULL DEFAULT 0;
UPDATE persons SET birth_year = EXTRACT(YEAR FROM birth_date)::INTEGER;
ALTER TABLE persons DROP COLUMN id_mask;
ALTER TABLE persons DROP COLUMN phone_mask;
ALTER TABLE persons DROP COLUMN birth_date;
ALTER TABLE users DROP COLUMN phone_mask;
