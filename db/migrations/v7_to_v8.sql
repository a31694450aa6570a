-- Schema version 8: an objective's indicator, baseline and target live in one place, the indicator register (an objective's own text moves into an indicator linked to it, numbers as values, the words kept in the indicator's notes), and a capability assessment carries its evidence and a confidence. Frozen: never edit it, add a new step instead.

ALTER TABLE indicator ADD COLUMN notes TEXT NOT NULL DEFAULT '';

UPDATE indicator SET notes = trim(
	(SELECT CASE WHEN trim(o.indicator) != '' THEN 'The objective named it: ' || trim(o.indicator) || '.' || char(10) ELSE '' END
		|| CASE WHEN trim(o.baseline) != '' THEN 'Baseline as the objective stated it: ' || trim(o.baseline) || '.' || char(10) ELSE '' END
		|| CASE WHEN trim(o.target) != '' THEN 'Target as the objective stated it: ' || trim(o.target) || '.' ELSE '' END
	FROM objective o WHERE o.id = indicator.objective_id), char(10))
WHERE id IN (SELECT min(i.id) FROM indicator i JOIN objective o ON o.id = i.objective_id
	WHERE trim(o.indicator) != '' OR trim(o.baseline) != '' OR trim(o.target) != '' GROUP BY i.objective_id);

INSERT INTO indicator (id, name, objective_id, unit, baseline_value, baseline_date, target_value, target_date, source, frequency, owner, notes)
SELECT 'indicator-of-' || o.id,
	CASE WHEN trim(o.indicator) != '' THEN trim(o.indicator) ELSE substr('Indicator of: ' || trim(o.statement), 1, 300) END,
	o.id, '',
	CASE WHEN replace(trim(o.baseline), ',', '') GLOB '[0-9]*' AND replace(trim(o.baseline), ',', '') NOT GLOB '*[^0-9.]*'
		THEN CAST(replace(trim(o.baseline), ',', '') AS REAL) END,
	NULL,
	CASE WHEN replace(trim(o.target), ',', '') GLOB '[0-9]*' AND replace(trim(o.target), ',', '') NOT GLOB '*[^0-9.]*'
		THEN CAST(replace(trim(o.target), ',', '') AS REAL) END,
	o.deadline, '', 'yearly', o.owner,
	trim(CASE WHEN trim(o.baseline) != '' THEN 'Baseline as the objective stated it: ' || trim(o.baseline) || '.' || char(10) ELSE '' END
		|| CASE WHEN trim(o.target) != '' THEN 'Target as the objective stated it: ' || trim(o.target) || '.' ELSE '' END, char(10))
FROM objective o
WHERE (trim(o.indicator) != '' OR trim(o.baseline) != '' OR trim(o.target) != '')
	AND NOT EXISTS (SELECT 1 FROM indicator i WHERE i.objective_id = o.id)
	AND NOT EXISTS (SELECT 1 FROM indicator i WHERE i.id = 'indicator-of-' || o.id);

ALTER TABLE objective DROP COLUMN indicator;

ALTER TABLE objective DROP COLUMN baseline;

ALTER TABLE objective DROP COLUMN target;

ALTER TABLE capability ADD COLUMN evidence TEXT NOT NULL DEFAULT '';

ALTER TABLE capability ADD COLUMN confidence TEXT
