// Contested facts: events (same type, roles and categories, across articles) that one source asserts and another denies, or that sources report with different counts.
// An event an article states with no claim about it is asserted by that article (its title stands for it).
MATCH (e:Event)
OPTIONAL MATCH (e)-[:AGENT]->(a)
OPTIONAL MATCH (e)-[:RECIPIENT]->(r)
OPTIONAL MATCH (e)-[:AFFECTED]->(x)
OPTIONAL MATCH (e)-[:FROM_DOCUMENT]->(d:Article)
OPTIONAL MATCH (c:Claim)-[:ABOUT]->(e)
OPTIONAL MATCH (c)-[:CLAIMANT]->(who)
WITH e, a, r, x, d,
     collect(CASE WHEN c.certainty = 'Denied' THEN coalesce(who.name, '(unattributed)') END) AS deniers,
     collect(CASE WHEN c.certainty IN ['Confirmed', 'Asserted', 'Believed'] THEN coalesce(who.name, '(unattributed)') END) AS asserters,
     count(c) AS claims
WITH e.type AS event, a.iri AS agent_iri, x.iri AS affected_iri, r.iri AS recipient_iri, e.categories AS categories,
     coalesce(a.name, x.name) AS agent, r.name AS recipient, e.count AS n, deniers,
     asserters + CASE WHEN claims = 0 THEN [coalesce(d.title, d.iri)] ELSE [] END AS asserters,
     coalesce(d.title, d.iri) AS article
WITH event, agent_iri, affected_iri, recipient_iri, categories, agent, recipient,
     collect(DISTINCT n) AS counts,
     collect(CASE WHEN n IS NOT NULL THEN toString(n) + ' (' + article + ')' END) AS told_counts,
     reduce(acc = [], l IN collect(deniers) | acc + [w IN l WHERE NOT w IN acc]) AS denied_by,
     reduce(acc = [], l IN collect(asserters) | acc + [w IN l WHERE NOT w IN acc]) AS asserted_by
WHERE (size(denied_by) > 0 AND size(asserted_by) > 0) OR size(counts) > 1
RETURN event, agent, recipient, categories,
       CASE WHEN size(denied_by) > 0 THEN asserted_by ELSE [] END AS asserted_by,
       CASE WHEN size(asserted_by) > 0 THEN denied_by ELSE [] END AS denied_by,
       CASE WHEN size(counts) > 1 THEN told_counts ELSE [] END AS counts
ORDER BY event, agent, recipient
