"""The help centre's topics and the search over them.

The topics are fixed text shipped with the code, so the search index is built once
when the module is imported: a search is a few set look-ups, never a database query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_LENGTH = 100
MAX_WORDS = 10
# Letters (any alphabet), digits, spaces and the punctuation people type in questions.
_ALLOWED = re.compile(r"[\w\s'’?!.,£%&-]*")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class HelpTopic:
    slug: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    # Mentions a rate or the interest-free period, so the page shows the
    # representative example (CONC 3.5).
    shows_representative_example: bool = False

    @property
    def url(self) -> str:
        return f"/help/{self.slug}/"


TOPICS: tuple[HelpTopic, ...] = (
    HelpTopic(
        "making-a-payment",
        "Making a payment",
        "When your payment is due, the ways to pay and what happens if you pay late.",
        (
            "Each monthly statement shows your balance, the minimum payment and the date "
            "it is due, 25 days after the statement date.",
            "You can pay by Direct Debit, which you set up once and which pays the minimum, "
            "a fixed amount or the full balance each month, or by bank transfer using the "
            "details on your statement. A transfer can take a working day to reach us.",
            "If the minimum payment arrives late we charge a late payment fee of £12, and "
            "the late payment may be recorded on your credit file. If you are finding it "
            "hard to pay, call us before the due date: we will talk through what can help.",
        ),
    ),
    HelpTopic(
        "lost-or-stolen-card",
        "Lost or stolen card",
        "What to do straight away if your card is lost, stolen or used without your say-so.",
        (
            "Call us at once on the number in the help centre. We stop the card and send "
            "you a new one with a new number.",
            "You are not responsible for payments you did not make or allow, unless you "
            "acted fraudulently or with gross negligence.",
            "We will never ask for your full card number, your password or a one-time code "
            "by e-mail or text message. If someone does, it is not us.",
        ),
    ),
    HelpTopic(
        "interest-and-fees",
        "How interest and fees work",
        "The interest-free period, when interest is charged and which fees apply.",
        (
            "If you pay the full balance by the due date each month, you pay no interest on "
            "purchases: up to 56 days from the purchase to the due date.",
            "If you do not, interest is charged on purchases from the day they are added to "
            "your account. Interest on cash withdrawals and balance transfers is charged "
            "from the day of the transaction, and cash withdrawals carry a fee of 3% "
            "(minimum £3).",
            "There is no annual fee and no fee for spending abroad. The card page's Summary "
            "Box lists every rate and charge.",
        ),
        shows_representative_example=True,
    ),
    HelpTopic(
        "points-and-vouchers",
        "Earning and spending points",
        "How many points you earn and how they become vouchers.",
        (
            "You earn 3 points for every £1 spent with the Partnership and 1 point for every "
            "£1 spent anywhere else. Each point is worth 1p.",
            "We turn your points into vouchers four times a year. "
            "Points are not earned on cash withdrawals, balance transfers, interest or fees.",
        ),
    ),
    HelpTopic(
        "applying",
        "Applying for the card",
        "Who can apply, what you need to hand and what the credit search means.",
        (
            "You can apply if you are 18 or over, live in the UK permanently and are not "
            "bankrupt. The application takes about 10 minutes.",
            "Have your addresses for the last three years, your yearly income and your "
            "monthly outgoings to hand. We keep your unfinished answers for 30 days.",
            "Sending the application means a search of your credit file, which other "
            "lenders will see. We decide as soon as you send it.",
        ),
    ),
    HelpTopic(
        "signing-in",
        "Trouble signing in",
        "Forgotten passwords, lost authenticator apps and being signed out.",
        (
            "If you have forgotten your password, choose 'Forgotten your password?' on the "
            "sign-in page and we will e-mail you a link to set a new one.",
            "If you no longer have your authenticator app, use one of the recovery codes you "
            "saved when you set it up, or call us so we can check who you are.",
            "For your security we sign you out after a period without activity. Signing in "
            "needs cookies switched on.",
        ),
    ),
    HelpTopic(
        "your-information",
        "Your personal information",
        "Seeing, correcting and downloading the information we hold about you.",
        (
            "Signed-in customers can download a copy of their information, correct their "
            "details and choose their marketing in the privacy centre of their account.",
            "You can also ask us by phone or in writing. Our privacy policy explains your "
            "rights and how long we keep each kind of information.",
        ),
    ),
    HelpTopic(
        "another-format",
        "Large print, audio and other formats",
        "Asking for statements, letters or this website's information in another format.",
        (
            "We can send statements, letters and your credit agreement in large print, "
            "braille or audio, or talk you through them by phone. Call us and tell us which "
            "format suits you; we will use it from then on.",
            "Our accessibility statement says how this website is tested and what we know "
            "does not yet work well.",
        ),
    ),
)

_BY_SLUG = {topic.slug: topic for topic in TOPICS}


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


_INDEX = {
    topic.slug: (_words(topic.title), _words(" ".join((topic.summary, *topic.paragraphs))))
    for topic in TOPICS
}


class BadQuery(ValueError):
    """A search the help centre will not run; the message is shown to the visitor."""


def topic_get(*, slug: str) -> HelpTopic | None:
    return _BY_SLUG.get(slug)


def query_words(query: str) -> list[str]:
    """The words of a visitor's search, or ``BadQuery`` saying what to change."""
    if len(query) > MAX_QUERY_LENGTH:
        raise BadQuery(f"Your search is too long. Use up to {MAX_QUERY_LENGTH} characters.")
    if not _ALLOWED.fullmatch(query):
        raise BadQuery("Your search can only use letters, numbers and ordinary punctuation.")
    words = list(dict.fromkeys(word.casefold() for word in _WORD.findall(query)))
    if len(words) > MAX_WORDS:
        raise BadQuery(f"Your search has too many words. Use up to {MAX_WORDS}.")
    return words


def topic_search(*, words: list[str]) -> list[HelpTopic]:
    """Topics holding every word (a word may be the start of a longer one), best first."""
    if not words:
        return []
    scored = []
    for position, topic in enumerate(TOPICS):
        title, body = _INDEX[topic.slug]
        vocabulary = title | body
        if all(any(term.startswith(word) for term in vocabulary) for word in words):
            in_title = sum(any(term.startswith(word) for term in title) for word in words)
            scored.append((-in_title, position, topic))
    return [topic for _score, _position, topic in sorted(scored)]
