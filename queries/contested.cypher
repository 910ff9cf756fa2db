// Contested facts: events (same type and roles, across articles) stated with different certainties or by several claimants.
MATCH (c:Claim)-[:ABOUT]->(e:Event)
OPTIONAL MATCH (e)-[:AGENT]->(a)
OPTIONAL MATCH (e)-[:RECIPIENT]->(r)
OPTIONAL MATCH (e)-[:AFFECTED]->(x)
OPTIONAL MATCH (c)-[:CLAIMANT]->(who)
WITH e.type AS event, coalesce(a.name, x.name) AS agent, r.name AS recipient,
     collect(DISTINCT c.certainty) AS certainties, collect(DISTINCT coalesce(who.name, '(unattributed)')) AS claimants
WHERE size(certainties) > 1 OR size(claimants) > 1
RETURN event, agent, recipient, certainties, claimants
ORDER BY event, agent
