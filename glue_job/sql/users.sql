-- Users (when a users file is present): gender, and age as a band, since Personalize's categorical fields
-- suit bands better than raw ages.
SELECT
  CAST(user_id AS STRING) AS USER_ID,
  CASE WHEN gender IS NULL OR TRIM(gender) = '' THEN NULL ELSE UPPER(TRIM(gender)) END AS GENDER,
  CASE
    WHEN age IS NULL THEN NULL
    WHEN age < 18 THEN 'under-18'
    WHEN age < 25 THEN '18-24'
    WHEN age < 35 THEN '25-34'
    WHEN age < 45 THEN '35-44'
    WHEN age < 55 THEN '45-54'
    ELSE '55-plus'
  END AS AGE_BAND
FROM users
ORDER BY CAST(user_id AS BIGINT)
