-- Personal data at rest (security issue 9.1): persons.id_mask (first 6 and
-- last 4 characters), birth_date and male together rebuilt every ID number
-- without the key, and the phone masks kept 7 of 11 digits. Masks are now
-- computed when shown, from the decrypted value; birth date and gender come
-- from the decrypted ID number. Only the birth year stays in clear, for
-- statistics: with the region and gender it leaves about 180,000 candidates.
-- Go code VACUUMs the file after this migration so the dropped values do not
-- linger in free pages.
ALTER TABLE persons ADD COLUMN birth_year INTEGER NOT NULL DEFAULT 0;
UPDATE persons SET birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER);
ALTER TABLE persons DROP COLUMN id_mask;
ALTER TABLE persons DROP COLUMN phone_mask;
ALTER TABLE persons DROP COLUMN birth_date;
ALTER TABLE users DROP COLUMN phone_mask;
