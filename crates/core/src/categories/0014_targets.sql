-- A brand's target mix: each category may say what share of the posts it should have,
-- in whole percent, at least and/or at most (e.g. promotion at most 20 %).
ALTER TABLE categories ADD COLUMN target_min INTEGER CHECK (target_min BETWEEN 0 AND 100);
ALTER TABLE categories ADD COLUMN target_max INTEGER CHECK (target_max BETWEEN 0 AND 100);
