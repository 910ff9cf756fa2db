// Which actors deployed forces to which, where and when, with how many supporting articles.
// param: provider = null   -- name (English or Arabic label) of the sending actor, or null for all
// param: recipient = null  -- name of the receiving or host actor, or null for all
MATCH (e:Deployment)-[:AGENT]->(a:Actor), (e)-[:RECIPIENT]->(b:Actor)
WHERE ($provider IS NULL OR $provider IN [a.label_en, a.label_ar, a.name])
  AND ($recipient IS NULL OR $recipient IN [b.label_en, b.label_ar, b.name])
OPTIONAL MATCH (e)-[:LOCATION]->(l)
OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d)
RETURN a.name AS provider, b.name AS recipient, collect(DISTINCT l.name) AS locations,
       min(e.date) AS date, max(e.count) AS count, count(DISTINCT d) AS articles
ORDER BY provider, recipient
