-- Schema version 6: money and options. The project gains its financial year, base year and major-programme threshold, and its currency becomes one from the list. An instrument gains its budget type, private finance and expected loss rate, and its single budget (millions) becomes one spend line of whole units in its start year (else the base year), as evaluation budgets become whole units. Options (business as usual in every document with a project) and their yearly costs and benefits. Frozen: never edit it, add a new step instead.

ALTER TABLE project ADD COLUMN year_start_month INTEGER NOT NULL DEFAULT 1;

ALTER TABLE project ADD COLUMN base_year INTEGER NOT NULL DEFAULT 2026;

ALTER TABLE project ADD COLUMN major_threshold FLOAT NOT NULL DEFAULT 50000000.0;

UPDATE project SET base_year = CAST(strftime('%Y', 'now') AS INTEGER);

UPDATE project SET currency = upper(trim(currency));

UPDATE project SET currency = 'EUR' WHERE currency NOT IN ('GBP', 'EUR', 'USD', 'KRW', 'JPY', 'CNY', 'SEK', 'NOK', 'DKK', 'CHF', 'SGD', 'CAD', 'AUD', 'NZD', 'TWD', 'INR', 'ILS', 'PLN', 'CZK');

ALTER TABLE instrument ADD COLUMN budget_type TEXT NOT NULL DEFAULT 'grant';

ALTER TABLE instrument ADD COLUMN private_finance FLOAT;

ALTER TABLE instrument ADD COLUMN loss_rate FLOAT;

UPDATE instrument SET budget_type = CASE instrument_type
	WHEN 'loan' THEN 'loan'
	WHEN 'equity' THEN 'equity'
	WHEN 'tax_incentive' THEN 'tax_relief'
	WHEN 'procurement' THEN 'procurement'
	WHEN 'infrastructure' THEN 'capital_grant'
	WHEN 'regulation' THEN CASE WHEN budget IS NULL THEN 'regulation' ELSE 'administration' END
	WHEN 'standards' THEN CASE WHEN budget IS NULL THEN 'regulation' ELSE 'administration' END
	ELSE 'grant' END;

CREATE TABLE spend (
	id VARCHAR NOT NULL, 
	instrument_id TEXT NOT NULL, 
	year INTEGER NOT NULL, 
	amount FLOAT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_spend_instrument_id ON spend (instrument_id);

INSERT INTO spend (id, instrument_id, year, amount)
	SELECT lower(hex(randomblob(8))), id,
		COALESCE(CAST(substr(start_date, 1, 4) AS INTEGER), (SELECT base_year FROM project LIMIT 1), CAST(strftime('%Y', 'now') AS INTEGER)),
		budget * 1000000.0
	FROM instrument WHERE budget IS NOT NULL;

ALTER TABLE instrument DROP COLUMN budget;

UPDATE evaluation SET budget = budget * 1000000.0 WHERE budget IS NOT NULL;

CREATE TABLE option (
	id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	description TEXT NOT NULL, 
	adds_ids TEXT NOT NULL, 
	changes_ids TEXT NOT NULL, 
	stops_ids TEXT NOT NULL, 
	non_monetised TEXT NOT NULL, 
	key_risks TEXT NOT NULL, 
	optimism_bias FLOAT NOT NULL, 
	leakage FLOAT NOT NULL, 
	deadweight FLOAT NOT NULL, 
	displacement FLOAT NOT NULL, 
	substitution FLOAT NOT NULL, 
	multiplier FLOAT NOT NULL, 
	outcome TEXT NOT NULL, 
	outcome_units FLOAT, 
	preferred BOOLEAN NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO option (id, name, position, description, adds_ids, changes_ids, stops_ids, non_monetised, key_risks,
	optimism_bias, leakage, deadweight, displacement, substitution, multiplier, outcome, outcome_units, preferred)
	SELECT 'option-bau', 'Business as usual', 0, 'What happens if nothing changes: the instruments already running, as planned.',
	'[]', '[]', '[]', '', '', 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, '', NULL, 0
	WHERE EXISTS (SELECT 1 FROM project);

CREATE TABLE option_flow (
	id VARCHAR NOT NULL, 
	option_id TEXT NOT NULL, 
	flow TEXT NOT NULL, 
	budget_type TEXT, 
	year INTEGER NOT NULL, 
	amount FLOAT NOT NULL, 
	objective_id TEXT, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_option_flow_objective_id ON option_flow (objective_id);

CREATE INDEX ix_option_flow_option_id ON option_flow (option_id)
