// The shortest chain of events linking two actors (through any roles of shared events).
// param: from = "North Korea"  -- first actor's name
// param: to = "Russia"         -- second actor's name
MATCH (a:Actor) WHERE $from IN [a.label_en, a.label_ar, a.name]
MATCH (b:Actor) WHERE $to IN [b.label_en, b.label_ar, b.name]
MATCH p = shortestPath((a)-[:AGENT|RECIPIENT|AFFECTED|DEPLOYED_TO|SENT_AID*..8]-(b))
RETURN [n IN nodes(p) | coalesce(n.name, n.type)] AS path, length(p) AS hops
