-- PostgreSQL only (the migrations of both databases are in ../migration; a version used here is not used there).
-- A name search joins the cases to the name keys it finds. PostgreSQL estimates how many rows a key matches from
-- the number of distinct keys it sees in a sample of 300 x the column's statistics target. Name keys mix a few
-- sound codes shared by thousands of persons with tens of thousands of spellings shared by a handful, and the
-- default sample (target 100) saw 14,000 distinct keys among 1.2 million rows that hold 79,000: a search for 39
-- spellings was expected to match 3,100 cases instead of 142, and the planner read all of hw_case to hash-join
-- them (64 ms at 200,000 cases, 360 ms at a million) instead of looking the 142 up (4.7 ms).
ALTER TABLE hw_name_key ALTER COLUMN name_key SET STATISTICS 2000;
ANALYZE hw_name_key;
