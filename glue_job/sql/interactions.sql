-- Interactions: one row per rating at or above the watch threshold. A rating at or above the like threshold
-- is a 'like', any other kept rating a 'watch'. Ratings below the watch threshold are left out.
-- Runs on Spark SQL (the Glue job) and on DuckDB (the tests): keep to functions both engines share.
SELECT
  CAST(user_id AS STRING) AS USER_ID,
  CAST(movie_id AS STRING) AS ITEM_ID,
  CASE WHEN rating >= {{like_threshold}} THEN 'like' ELSE 'watch' END AS EVENT_TYPE,
  CAST(rated_at AS BIGINT) AS TIMESTAMP
FROM ratings
WHERE rating >= {{watch_threshold}}
ORDER BY TIMESTAMP, USER_ID, ITEM_ID
