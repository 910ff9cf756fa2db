// Claims by source and certainty: who asserts which event, how surely, reported by whom.
// param: claimant = null   -- the claimant's name, or null for all (unattributed claims show an empty claimant)
// param: certainty = null  -- Confirmed, Asserted, Believed, Speculated or Denied
MATCH (c:Claim)-[:ABOUT]->(e:Event)
OPTIONAL MATCH (c)-[:CLAIMANT]->(who)
OPTIONAL MATCH (e)-[:AGENT]->(a)
OPTIONAL MATCH (e)-[:RECIPIENT]->(r)
OPTIONAL MATCH (e)-[:AFFECTED]->(x)
OPTIONAL MATCH (c)-[:REPORTED_BY]->(outlet)
WITH c, e, who, a, r, x, collect(DISTINCT outlet.name) AS outlets
WHERE ($claimant IS NULL OR $claimant IN [who.label_en, who.label_ar, who.name])
  AND ($certainty IS NULL OR c.certainty = $certainty)
RETURN who.name AS claimant, c.certainty AS certainty, e.type AS event,
       coalesce(a.name, x.name) AS agent, r.name AS recipient, e.categories AS categories, outlets,
       c.evidence[0] AS evidence
ORDER BY event, agent, claimant
