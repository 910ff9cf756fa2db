// An actor's profile: its labels, Wikidata id, and every event it takes part in, with its role.
// param: name = "Russia"  -- the actor's English or Arabic name
MATCH (n:Entity)
WHERE $name IN [n.label_en, n.label_ar, n.name] OR $name IN coalesce(n.alt_labels, [])
MATCH (e:Event)-[role:AGENT|RECIPIENT|AFFECTED|LOCATION]->(n)
OPTIONAL MATCH (e)-[:AGENT]->(a)
OPTIONAL MATCH (e)-[:RECIPIENT]->(r)
RETURN n.label_en AS name_en, n.label_ar AS name_ar, n.wikidata AS wikidata, type(role) AS role,
       e.type AS event, a.name AS agent, r.name AS recipient, e.categories AS categories, e.date AS date
ORDER BY event, date
