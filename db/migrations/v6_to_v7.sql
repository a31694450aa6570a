-- Schema version 7: the theory of change (rationales, results on the chain, causal links) and monitoring (indicators, measurements). Frozen: never edit it, add a new step instead.

CREATE TABLE rationale (
	id VARCHAR NOT NULL, 
	statement TEXT NOT NULL, 
	failure TEXT NOT NULL, 
	evidence TEXT NOT NULL, 
	instrument_ids TEXT NOT NULL, 
	objective_ids TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE toc_node (
	id VARCHAR NOT NULL, 
	result_type TEXT NOT NULL, 
	title TEXT NOT NULL, 
	description TEXT NOT NULL, 
	objective_id TEXT, 
	indicator TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_toc_node_objective_id ON toc_node (objective_id);

CREATE TABLE toc_link (
	id VARCHAR NOT NULL, 
	from_item_id TEXT, 
	from_node_id TEXT, 
	to_node_id TEXT NOT NULL, 
	assumption TEXT NOT NULL, 
	evidence TEXT NOT NULL, 
	tested_by_ids TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_toc_link_from_item_id ON toc_link (from_item_id);

CREATE INDEX ix_toc_link_from_node_id ON toc_link (from_node_id);

CREATE INDEX ix_toc_link_to_node_id ON toc_link (to_node_id);

CREATE TABLE indicator (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	objective_id TEXT, 
	unit TEXT NOT NULL, 
	baseline_value FLOAT, 
	baseline_date TEXT, 
	target_value FLOAT, 
	target_date TEXT, 
	source TEXT NOT NULL, 
	frequency TEXT NOT NULL, 
	owner TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_indicator_objective_id ON indicator (objective_id);

CREATE TABLE measurement (
	id VARCHAR NOT NULL, 
	indicator_id TEXT NOT NULL, 
	date TEXT NOT NULL, 
	value FLOAT NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_measurement_indicator_id ON measurement (indicator_id);
