// Timeline: dated events in order, with their roles and the article they come from.
// param: since = null  -- earliest date (ISO prefix), or null
MATCH (e:Event) WHERE e.date IS NOT NULL AND ($since IS NULL OR e.date >= $since)
OPTIONAL MATCH (e)-[:AGENT]->(a)
OPTIONAL MATCH (e)-[:RECIPIENT]->(r)
OPTIONAL MATCH (e)-[:AFFECTED]->(x)
OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d)
RETURN e.date AS date, e.type AS event, coalesce(a.name, x.name) AS agent, r.name AS recipient,
       e.categories AS categories, e.count AS count, d.title AS article
ORDER BY date, event
