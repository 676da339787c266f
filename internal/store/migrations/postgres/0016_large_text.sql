-- 大字模式 remembered for the account: NULL until the person chooses, then
-- true (large text) or false (standard). While NULL the browser's cookie
-- decides; once chosen, the account's choice wins on every device.
ALTER TABLE users ADD COLUMN large_text BOOLEAN;
