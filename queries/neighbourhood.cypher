// An actor's neighbourhood: the actors it is linked to by deployments and aid, in either direction.
// param: name = "Russia"  -- the actor's English or Arabic name
MATCH (n:Actor)
WHERE $name IN [n.label_en, n.label_ar, n.name] OR $name IN coalesce(n.alt_labels, [])
MATCH (n)-[rel:DEPLOYED_TO|SENT_AID]-(other:Actor)
RETURN n.name AS actor, type(rel) AS relation, rel.category AS category,
       CASE WHEN startNode(rel) = n THEN 'out' ELSE 'in' END AS direction, other.name AS other, rel.documents AS articles
ORDER BY relation, other
