"""What the team chose not to show: whole accounts, or single replies (with the replies under them)."""

from __future__ import annotations

from dataclasses import dataclass

from ..networks.base.conversation import Person, Reply


@dataclass(frozen=True)
class Moderation:
    hidden_accounts: frozenset[str] = frozenset()  # handles, without the leading @, lower case
    hidden_replies: frozenset[str] = frozenset()  # reply URLs (or ids)

    @classmethod
    def of(cls, accounts=(), replies=()) -> Moderation:
        return cls(frozenset(a.lower().lstrip("@") for a in accounts), frozenset(replies))

    def hides(self, person: Person) -> bool:
        return person.handle.lower().lstrip("@") in self.hidden_accounts

    def people(self, people) -> tuple[Person, ...]:
        return tuple(p for p in people if not self.hides(p))

    def replies(self, replies) -> tuple[Reply, ...]:
        """Replies left to show: a hidden reply takes its answers with it."""
        gone: set[str] = set()
        kept = []
        for reply in replies:  # oldest first: a parent comes before its answers
            if (
                self.hides(reply.author)
                or reply.url in self.hidden_replies
                or reply.id in self.hidden_replies
                or reply.parent in gone
            ):
                gone.add(reply.id)
            else:
                kept.append(reply)
        return tuple(kept)
