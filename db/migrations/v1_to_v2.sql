-- Schema version 2: briefs (header per template, free-text sections). Frozen: never edit it, add a new step instead.
CREATE TABLE brief (
	id VARCHAR NOT NULL, 
	template TEXT NOT NULL, 
	subject TEXT NOT NULL, 
	sender TEXT NOT NULL, 
	recipient TEXT NOT NULL, 
	date TEXT, 
	copy_to TEXT NOT NULL, 
	omitted_sections TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE brief_section (
	id VARCHAR NOT NULL, 
	template TEXT NOT NULL, 
	section TEXT NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (id)
);
