-- Schema version 4: workshop mode (participants, sticky notes, votes, agenda, snapshots, workshop state). Frozen: never edit it, add a new step instead.

CREATE TABLE agenda_step (
	id VARCHAR NOT NULL, 
	title TEXT NOT NULL, 
	minutes INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	checklist_id TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE participant (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	initials TEXT NOT NULL, 
	colour TEXT NOT NULL, 
	votes INTEGER NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE note (
	id VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	participant_id TEXT, 
	colour TEXT, 
	x FLOAT NOT NULL, 
	y FLOAT NOT NULL, 
	decision BOOLEAN NOT NULL, 
	step_id TEXT, 
	converted_kind TEXT, 
	converted_id TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_note_participant_id ON note (participant_id);

CREATE INDEX ix_note_step_id ON note (step_id);

CREATE TABLE vote (
	id VARCHAR NOT NULL, 
	voter_id TEXT NOT NULL, 
	note_id TEXT, 
	item_id TEXT, 
	count INTEGER NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_vote_item_id ON vote (item_id);

CREATE INDEX ix_vote_note_id ON vote (note_id);

CREATE INDEX ix_vote_voter_id ON vote (voter_id);

CREATE TABLE snapshot (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	step_id TEXT, 
	taken TEXT NOT NULL, 
	board TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_snapshot_step_id ON snapshot (step_id);

CREATE TABLE workshop (
	id VARCHAR NOT NULL, 
	totals_revealed BOOLEAN NOT NULL, 
	current_step_id TEXT, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_workshop_current_step_id ON workshop (current_step_id);
