-- 网谷智聘: paged applicant lists. A popular post has hundreds of
-- applications; its employer pages through them newest first, whole or by
-- status, with a count per status above the list. (post_id, id) serves the
-- whole list in order; (post_id, status, id) serves a status tab in order
-- and the counts from the index alone.
CREATE INDEX job_applications_post ON job_applications(post_id, id);
CREATE INDEX job_applications_post_status ON job_applications(post_id, status, id);
