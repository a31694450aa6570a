-- Schema version 1. Frozen: never edit it, add a new step instead.
CREATE TABLE actor (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	actor_type TEXT NOT NULL, 
	level TEXT NOT NULL, 
	sphere_key TEXT, 
	size TEXT, 
	x FLOAT, 
	y FLOAT, 
	notes TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE capability (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	description TEXT NOT NULL, 
	current INTEGER, 
	required INTEGER, 
	potential INTEGER, 
	instrument_ids TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE evaluation (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	subject_id TEXT, 
	timing TEXT NOT NULL, 
	evaluation_type TEXT NOT NULL, 
	criteria TEXT NOT NULL, 
	independence TEXT NOT NULL, 
	conflict_note TEXT NOT NULL, 
	data_sources TEXT NOT NULL, 
	budget FLOAT, 
	planned_date TEXT, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_evaluation_subject_id ON evaluation (subject_id);

CREATE TABLE experiment (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	experiment_type TEXT NOT NULL, 
	scale TEXT NOT NULL, 
	region TEXT NOT NULL, 
	controlled_conditions TEXT NOT NULL, 
	hypothesis TEXT NOT NULL, 
	decision_rule TEXT NOT NULL, 
	start_date TEXT, 
	end_date TEXT, 
	instrument_id TEXT, 
	result TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_experiment_instrument_id ON experiment (instrument_id);

CREATE TABLE instrument (
	id VARCHAR NOT NULL, 
	instrument_type TEXT NOT NULL, 
	budget FLOAT, 
	level TEXT NOT NULL, 
	status TEXT NOT NULL, 
	lead_actor_id TEXT, 
	target_groups TEXT NOT NULL, 
	stage_from_id TEXT, 
	stage_to_id TEXT, 
	trl_min INTEGER, 
	trl_max INTEGER, 
	mrl_min INTEGER, 
	mrl_max INTEGER, 
	value_role TEXT NOT NULL, 
	start_date TEXT, 
	end_date TEXT, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_instrument_lead_actor_id ON instrument (lead_actor_id);

CREATE INDEX ix_instrument_stage_from_id ON instrument (stage_from_id);

CREATE INDEX ix_instrument_stage_to_id ON instrument (stage_to_id);

CREATE TABLE item (
	id VARCHAR NOT NULL, 
	kind TEXT NOT NULL, 
	name TEXT NOT NULL, 
	description TEXT NOT NULL, 
	x FLOAT NOT NULL, 
	y FLOAT NOT NULL, 
	outside_iip BOOLEAN NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE lesson (
	id VARCHAR NOT NULL, 
	lesson TEXT NOT NULL, 
	source_kind TEXT NOT NULL, 
	source TEXT NOT NULL, 
	context TEXT NOT NULL, 
	transferability TEXT, 
	knowledge_holder TEXT NOT NULL, 
	holder_rotating BOOLEAN NOT NULL, 
	date TEXT, 
	applied_to_ids TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE link (
	id VARCHAR NOT NULL, 
	source_id TEXT NOT NULL, 
	target_id TEXT NOT NULL, 
	link_type TEXT NOT NULL, 
	weight FLOAT NOT NULL, 
	formal BOOLEAN NOT NULL, 
	notes TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_link_source_id ON link (source_id);

CREATE INDEX ix_link_target_id ON link (target_id);

CREATE TABLE meta (
	"key" VARCHAR NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);

CREATE TABLE objective (
	id VARCHAR NOT NULL, 
	statement TEXT NOT NULL, 
	objective_kind TEXT NOT NULL, 
	aim TEXT NOT NULL, 
	indicator TEXT NOT NULL, 
	baseline TEXT NOT NULL, 
	target TEXT NOT NULL, 
	deadline TEXT, 
	set_by TEXT NOT NULL, 
	owner TEXT NOT NULL, 
	tradeoffs TEXT NOT NULL, 
	instrument_ids TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE project (
	id VARCHAR NOT NULL, 
	title TEXT NOT NULL, 
	department TEXT NOT NULL, 
	country TEXT NOT NULL, 
	author TEXT NOT NULL, 
	version TEXT NOT NULL, 
	marking TEXT NOT NULL, 
	caveat TEXT NOT NULL, 
	currency TEXT NOT NULL, 
	summary TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE response (
	id VARCHAR NOT NULL, 
	checklist_id TEXT NOT NULL, 
	question_id TEXT NOT NULL, 
	answer TEXT, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE scaleup (
	id VARCHAR NOT NULL, 
	subject TEXT NOT NULL, 
	production TEXT, 
	production_notes TEXT NOT NULL, 
	supply_chain TEXT, 
	supply_chain_notes TEXT NOT NULL, 
	finance TEXT, 
	finance_notes TEXT NOT NULL, 
	instrument_ids TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE sphere (
	id VARCHAR NOT NULL, 
	"key" TEXT NOT NULL, 
	name TEXT NOT NULL, 
	colour TEXT NOT NULL, 
	cx FLOAT NOT NULL, 
	cy FLOAT NOT NULL, 
	r FLOAT NOT NULL, 
	owner_department TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE stage (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	description TEXT NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO meta (key, value) VALUES ('revision', '0');
