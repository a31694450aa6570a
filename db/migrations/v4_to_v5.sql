-- Schema version 5: a workshop's votes can be anonymous (the summary then shows totals only). Frozen: never edit it, add a new step instead.
ALTER TABLE workshop ADD COLUMN anonymous_votes BOOLEAN NOT NULL DEFAULT 0;
