-- Items: genres as Personalize's '|'-separated categorical value, the release year taken from the title's
-- trailing "(YYYY)" (character classes, not backslashes: the two engines escape string literals differently), and a creation timestamp: the first time the movie was rated (0 when never rated).
SELECT
  CAST(m.movie_id AS STRING) AS ITEM_ID,
  CASE WHEN TRIM(m.genres) = '' OR m.genres = '(no genres listed)' THEN NULL ELSE m.genres END AS GENRES,
  CAST(NULLIF(regexp_extract(m.title, '[(]([0-9]{4})[)][ ]*$', 1), '') AS INT) AS YEAR,
  CAST(COALESCE(first_rating.first_rated_at, 0) AS BIGINT) AS CREATION_TIMESTAMP
FROM movies m
LEFT JOIN (
  SELECT movie_id, MIN(rated_at) AS first_rated_at FROM ratings GROUP BY movie_id
) first_rating ON first_rating.movie_id = m.movie_id
ORDER BY CAST(m.movie_id AS BIGINT)
