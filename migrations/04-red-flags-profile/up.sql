-- gutlog schema, version 3: the red flags NICE NG12/CG61 add, an optional
-- profile (year of birth and sex) so age- and sex-specific questions are
-- asked only where relevant, and the parts users give their own dishes.

-- SQLite cannot change a CHECK in place: rebuild red_flags with the new list.
CREATE TABLE red_flags_v3 (
    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    flag TEXT NOT NULL CHECK (flag IN ('blood_in_stool', 'weight_loss', 'night_symptoms',
                                       'persistent_vomiting', 'difficulty_swallowing', 'fever',
                                       'abdominal_or_rectal_lump', 'iron_deficiency_anaemia',
                                       'family_history_cancer', 'bowel_change_over_60',
                                       'ovarian_symptoms')),
    PRIMARY KEY (date, flag)
) STRICT, WITHOUT ROWID;
INSERT INTO red_flags_v3 (date, flag) SELECT date, flag FROM red_flags;
DROP TABLE red_flags;
ALTER TABLE red_flags_v3 RENAME TO red_flags;

-- At most one row; every field optional. No row means no profile.
CREATE TABLE profile (
    id         INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2200),
    sex        TEXT CHECK (sex IN ('female', 'male'))
) STRICT;

-- A user's own dish and its parts (food key → JSON array of food names).
CREATE TABLE food_parts (
    food  TEXT PRIMARY KEY NOT NULL CHECK (length(food) > 0),
    parts TEXT NOT NULL CHECK (json_valid(parts) AND json_type(parts) = 'array'
                               AND json_array_length(parts) > 0)
) STRICT, WITHOUT ROWID;
