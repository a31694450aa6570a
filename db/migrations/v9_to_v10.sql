-- Schema version 10: a ministerial submission's purpose, clearance and contact, the optional sections a user adds, and the risk register. Frozen: never edit it, add a new step instead.

ALTER TABLE brief ADD COLUMN purpose TEXT NOT NULL DEFAULT 'for_decision';

ALTER TABLE brief ADD COLUMN clearance TEXT NOT NULL DEFAULT '';

ALTER TABLE brief ADD COLUMN contact TEXT NOT NULL DEFAULT '';

ALTER TABLE brief ADD COLUMN added_sections TEXT NOT NULL DEFAULT '[]';

CREATE TABLE risk (
	id VARCHAR NOT NULL, 
	risk TEXT NOT NULL, 
	category TEXT NOT NULL, 
	likelihood TEXT NOT NULL, 
	impact TEXT NOT NULL, 
	owner TEXT NOT NULL, 
	mitigation TEXT NOT NULL, 
	PRIMARY KEY (id)
);
