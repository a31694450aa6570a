-- Schema version 3: the user's own practices for the practice library. Frozen: never edit it, add a new step instead.
CREATE TABLE practice (
	id VARCHAR NOT NULL, 
	title TEXT NOT NULL, 
	country TEXT NOT NULL, 
	theme TEXT NOT NULL, 
	summary TEXT NOT NULL, 
	lesson TEXT NOT NULL, 
	source TEXT NOT NULL, 
	PRIMARY KEY (id)
);
