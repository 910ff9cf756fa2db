// Aid and arms transfers: who gave what to whom, filtered by provider, recipient, category and dates.
// param: provider = null   -- sending actor's name, or null
// param: recipient = null  -- receiving actor's name, or null
// param: category = null   -- Ammunition, Missiles, Weapons, MilitaryEquipment, MilitaryTechnology, FinancialAid, Food, Energy, HumanitarianAid, Troops
// param: since = null      -- earliest date (ISO prefix, e.g. 2025-01); undated transfers are kept unless a range is given
// param: until = null      -- latest date (ISO prefix)
MATCH (e:AidTransfer)-[:AGENT]->(a:Actor), (e)-[:RECIPIENT]->(b:Actor)
UNWIND e.categories AS category
WITH a, b, e, category
WHERE ($provider IS NULL OR $provider IN [a.label_en, a.label_ar, a.name])
  AND ($recipient IS NULL OR $recipient IN [b.label_en, b.label_ar, b.name])
  AND ($category IS NULL OR category = $category)
  AND ($since IS NULL OR (e.date IS NOT NULL AND e.date >= $since))
  AND ($until IS NULL OR (e.date IS NOT NULL AND left(e.date, size($until)) <= $until))
OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d)
RETURN a.name AS provider, b.name AS recipient, category, min(e.date) AS date, count(DISTINCT d) AS articles
ORDER BY provider, recipient, category
