-- 青创贷 partner banks' own users (role bank): each works for one bank or
-- guarantee agency and sees only the loans referred to it.
ALTER TABLE users ADD COLUMN bank_id INTEGER REFERENCES startup_banks(id);
