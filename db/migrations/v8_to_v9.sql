-- Schema version 9: evaluations to the Magenta Book's headings. An evaluation gains its status (every earlier evaluation is planned), several types (its one type becomes a list of one), designs, counterfactual, indicators, baseline, governance (steering group, quality assurance, peer review), proportionality, publication, registration and management response, its fields in the order the inspector shows them. Evaluation questions name the theory-of-change links they test: a link's list of evaluations that test it becomes one question of each such evaluation, and the list goes, so what is tested is said once. Frozen: never edit it, add a new step instead.

CREATE TABLE evaluation_new (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	subject_id TEXT, 
	status TEXT NOT NULL, 
	planned_date TEXT, 
	timing TEXT NOT NULL, 
	types TEXT NOT NULL, 
	criteria TEXT NOT NULL, 
	designs TEXT NOT NULL, 
	counterfactual TEXT NOT NULL, 
	indicator_ids TEXT NOT NULL, 
	data_sources TEXT NOT NULL, 
	baseline TEXT NOT NULL, 
	steering_group TEXT NOT NULL, 
	quality_assurance TEXT NOT NULL, 
	peer_review TEXT NOT NULL, 
	independence TEXT NOT NULL, 
	conflict_note TEXT NOT NULL, 
	proportionality TEXT NOT NULL, 
	proportionality_note TEXT NOT NULL, 
	budget FLOAT, 
	publication TEXT, 
	registration TEXT NOT NULL, 
	management_response TEXT NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO evaluation_new (id, name, subject_id, status, planned_date, timing, types, criteria, designs, counterfactual,
	indicator_ids, data_sources, baseline, steering_group, quality_assurance, peer_review, independence, conflict_note,
	proportionality, proportionality_note, budget, publication, registration, management_response)
	SELECT id, name, subject_id, 'planned', planned_date, timing, json_array(evaluation_type), criteria, '[]', '',
	'[]', data_sources, '', '', '', '', independence, conflict_note,
	'[]', '', budget, NULL, '', ''
	FROM evaluation;

DROP TABLE evaluation;

ALTER TABLE evaluation_new RENAME TO evaluation;

CREATE INDEX ix_evaluation_subject_id ON evaluation (subject_id);

CREATE TABLE evaluation_question (
	id VARCHAR NOT NULL, 
	evaluation_id TEXT NOT NULL, 
	question TEXT NOT NULL, 
	toc_link_ids TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_evaluation_question_evaluation_id ON evaluation_question (evaluation_id);

INSERT INTO evaluation_question (id, evaluation_id, question, toc_link_ids, position)
	SELECT lower(hex(randomblob(8))), tester, asked, json_array(link_id),
		ROW_NUMBER() OVER (PARTITION BY tester ORDER BY link_id) - 1
	FROM (
		SELECT DISTINCT toc_link.id AS link_id, tested.value AS tester,
			CASE WHEN trim(toc_link.assumption) <> ''
				THEN 'Does the assumption ''' || substr(trim(toc_link.assumption), 1, 440) || ''' hold?'
				ELSE 'Does this step of the theory of change happen as planned?' END AS asked
		FROM toc_link, json_each(toc_link.tested_by_ids) AS tested
		WHERE tested.value IN (SELECT id FROM evaluation)
	);

ALTER TABLE toc_link DROP COLUMN tested_by_ids
