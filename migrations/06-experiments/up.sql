-- gutlog schema, version 6: experiments. A factor is left out and brought
-- back in planned phases while the diary goes on; the verdict is computed
-- from the diary, so only the plan and its changes (pauses, an extension,
-- an early end) are stored. Rows have stable random ids (sync-ready).

CREATE TABLE experiments (
    id             TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    -- 'tag:dairy', 'food:coffee', 'fodmap:lactose', 'intake:nsaid', 'habit:short_sleep'
    factor         TEXT NOT NULL CHECK (length(factor) BETWEEN 3 AND 200 AND instr(factor, ':') > 1),
    -- symptom ids, the main one first
    symptoms       TEXT NOT NULL CHECK (json_valid(symptoms) AND json_type(symptoms) = 'array'
                                        AND json_array_length(symptoms) BETWEEN 1 AND 3),
    design         TEXT NOT NULL CHECK (design IN ('ab', 'abab')),
    -- the phases after the baseline as planned: [{"condition": "without", "days": 10}, …]
    phases         TEXT NOT NULL CHECK (json_valid(phases) AND json_type(phases) = 'array'
                                        AND json_array_length(phases) IN (2, 4)),
    baseline_days  INTEGER NOT NULL CHECK (baseline_days BETWEEN 0 AND 28),
    washout_days   INTEGER NOT NULL CHECK (washout_days BETWEEN 0 AND 7),
    randomised     INTEGER NOT NULL CHECK (randomised IN (0, 1)),
    min_phase_days INTEGER NOT NULL CHECK (min_phase_days BETWEEN 1 AND 28),
    extended_days  INTEGER NOT NULL DEFAULT 0 CHECK (extended_days BETWEEN 0 AND 56),
    started_on     TEXT NOT NULL CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    created_at     TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'),
    -- the last day counted, when ended by hand
    ended_on       TEXT CHECK (ended_on IS NULL OR (ended_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
                                                    AND ended_on >= started_on)),
    coeliac_advice_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (coeliac_advice_confirmed IN (0, 1))
) STRICT, WITHOUT ROWID;

-- Dates from paused_on until the day before resumed_on are not experiment
-- days (the schedule waits); resumed_on is NULL while paused.
CREATE TABLE experiment_pauses (
    experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    paused_on     TEXT NOT NULL CHECK (paused_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    resumed_on    TEXT CHECK (resumed_on IS NULL OR (resumed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
                                                    AND resumed_on > paused_on)),
    PRIMARY KEY (experiment_id, paused_on)
) STRICT, WITHOUT ROWID;
