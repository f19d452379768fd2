-- gutlog schema, version 2: find one symptom's ratings on a day quickly
-- (the check-in screen replaces a day's rating of a symptom in one step).
CREATE INDEX symptom_ratings_symptom_at ON symptom_ratings (symptom, at);
