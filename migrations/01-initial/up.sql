-- gutlog schema, version 1.
-- Never edit this file once it has landed: add migrations/NN-name/up.sql.
-- Times are local wall-clock 'YYYY-MM-DDTHH:MM:SS'; dates 'YYYY-MM-DD'.
-- The time-series tables (meals, symptom_ratings, stools, intakes) keep
-- SQLite's rowid, so rows sit in the order they were logged and reading a
-- few weeks touches few pages; their random ids are a unique key.

CREATE TABLE meals (
    id    TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    at    TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'),
    slot  TEXT NOT NULL CHECK (slot IN ('breakfast', 'lunch', 'dinner', 'snack', 'drink')),
    foods TEXT NOT NULL CHECK (json_valid(foods) AND json_type(foods) = 'array' AND json_array_length(foods) > 0),
    tags  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    note  TEXT
) STRICT;
CREATE INDEX meals_at ON meals (at);

CREATE TABLE symptom_ratings (
    id       TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    at       TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'),
    symptom  TEXT NOT NULL CHECK (length(symptom) BETWEEN 1 AND 40),
    severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 3),
    note     TEXT
) STRICT;
CREATE INDEX symptom_ratings_at ON symptom_ratings (at);

CREATE TABLE custom_symptoms (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 40)
) STRICT, WITHOUT ROWID;

CREATE TABLE stools (
    id      TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    at      TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'),
    bristol INTEGER NOT NULL CHECK (bristol BETWEEN 1 AND 7)
) STRICT;
CREATE INDEX stools_at ON stools (at);

CREATE TABLE checkins (
    date             TEXT PRIMARY KEY NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    mood             INTEGER CHECK (mood BETWEEN 1 AND 5),
    energy           INTEGER CHECK (energy BETWEEN 1 AND 5),
    stress           INTEGER CHECK (stress BETWEEN 1 AND 5),
    sleep_hours      REAL CHECK (sleep_hours BETWEEN 0 AND 24 AND sleep_hours * 2 = CAST(sleep_hours * 2 AS INTEGER)),
    water_glasses    INTEGER CHECK (water_glasses BETWEEN 0 AND 50),
    movement_minutes INTEGER CHECK (movement_minutes BETWEEN 0 AND 1440),
    note             TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE intakes (
    id   TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    at   TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'),
    name TEXT NOT NULL CHECK (length(name) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('nsaid', 'antibiotic', 'antacid', 'probiotic', 'supplement', 'enzyme', 'other'))
) STRICT;
CREATE INDEX intakes_at ON intakes (at);

CREATE TABLE red_flags (
    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    flag TEXT NOT NULL CHECK (flag IN ('blood_in_stool', 'weight_loss', 'night_symptoms',
                                       'persistent_vomiting', 'difficulty_swallowing', 'fever')),
    PRIMARY KEY (date, flag)
) STRICT, WITHOUT ROWID;

CREATE TABLE plan_runs (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    started_on TEXT NOT NULL CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- when the run was started, to order runs begun on the same date
    created_at TEXT NOT NULL,
    reflection TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE plan_ticks (
    run_id  TEXT NOT NULL REFERENCES plan_runs (id) ON DELETE CASCADE,
    day     INTEGER NOT NULL CHECK (day BETWEEN 1 AND 7),
    done_at TEXT NOT NULL CHECK (done_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'),
    PRIMARY KEY (run_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE habit_ticks (
    date  TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    habit TEXT NOT NULL CHECK (length(habit) BETWEEN 1 AND 40),
    PRIMARY KEY (date, habit)
) STRICT, WITHOUT ROWID;

CREATE TABLE food_tags (
    food TEXT PRIMARY KEY NOT NULL CHECK (length(food) > 0),
    tags TEXT NOT NULL CHECK (json_valid(tags) AND json_type(tags) = 'array')
) STRICT, WITHOUT ROWID;
