"""The convenience relationships derived from the events: ``DEPLOYED_TO`` and
``SENT_AID {category}`` between the agent and recipient actors, with the events
behind each and the number of articles. Rebuilt after every load and remove."""

from __future__ import annotations

from . import cypher


def derive(store) -> None:
    """(Re)build the derived relationships from the events, in one transaction."""

    def work(tx):
        for statement in cypher.DERIVE:
            tx.run(statement).consume()

    with store.session() as s:
        s.execute_write(store.timed(work))
