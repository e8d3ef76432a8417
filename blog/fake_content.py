"""Plausible essay and comment text for `generate_fake`: sentences from a small vocabulary, Markdown structure."""

import random

SUBJECTS = [
    "the reader", "a careful writer", "the archive", "every feed", "the small web", "a good permalink", "the editor",
    "a quiet server", "the first draft", "our notes", "the footnote", "a long essay", "the index", "the old blog",
    "a plain page", "the typeface", "the margin", "a well-kept list", "the search box", "the comment thread",
]
VERBS = [
    "remembers", "rewards", "outlasts", "explains", "survives", "welcomes", "shapes", "slows down", "clarifies",
    "collects", "answers", "keeps", "carries", "reveals", "measures", "protects", "invites", "connects",
]
OBJECTS = [
    "patient attention", "the slow craft of revision", "links that never break", "a habit of writing in public",
    "boring, reliable technology", "the reader's time", "a single clear argument", "small tools done well",
    "the cost of every dependency", "pages that load at once", "questions worth a second look", "honest drafts",
    "plain HTML", "an audience of one", "years of quiet notes", "the shape of a paragraph", "good defaults",
]
CLAUSES = [
    "even when nobody is watching", "long after the trend has passed", "if we let it", "one page at a time",
    "without asking for much", "more than we expect", "as every gardener knows", "before the coffee goes cold",
    "in a way no dashboard shows", "and that is the point",
]
HEADINGS = [
    "Why it matters", "A short history", "What changed", "The case against", "Working slowly", "Notes from practice",
    "Small tools", "Keeping it simple", "What readers notice", "Where to start", "A few objections", "In the end",
]
TITLE_WORDS = [
    "Slow", "Quiet", "Plain", "Durable", "Small", "Patient", "Boring", "Honest", "Careful", "Open", "Local", "Lasting",
]
TITLE_NOUNS = [
    "Feeds", "Permalinks", "Archives", "Drafts", "Servers", "Notes", "Essays", "Footnotes", "Pages", "Indexes",
    "Margins", "Readers", "Typefaces", "Links", "Tools", "Habits",
]
TAG_NAMES = [
    "writing", "craft", "web", "typography", "feeds", "indieweb", "software", "tools", "reading", "notes",
    "publishing", "performance", "design", "history", "essays", "markdown", "search", "archives", "habits",
    "servers", "privacy", "accessibility", "open-source", "teaching", "editing", "libraries", "email", "blogging",
    "minimalism", "longform", "research", "books", "systems", "maintenance", "documentation", "community",
    "attention", "time", "craftsmanship", "simplicity",
]
FIRST_NAMES = ["Ada", "Basil", "Cleo", "Dmitri", "Esme", "Farid", "Greta", "Hiro", "Ines", "Jonah", "Kemi", "Lars"]
LAST_NAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Reyes", "Novak", "Singh", "Brennan", "Costa", "Weiss"]
CODE_SAMPLES = [
    "```python\ndef slugify(title):\n    return \"-\".join(title.lower().split())\n```",
    "```sh\nrsync -av public/ server:/var/www/blog/\n```",
    "```html\n<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\">\n```",
]


def sentence(rng):
    words = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.5:
        words += f", {rng.choice(CLAUSES)}"
    return words[0].upper() + words[1:] + "."


def paragraph(rng, sentences=(3, 6)):
    text = " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))
    if rng.random() < 0.3:
        text = text.replace(" the ", " *the* ", 1)
    return text


def essay_body(rng):
    """A Markdown essay of about 600-1,500 words with headings, and now and then a list, a quote or code."""
    blocks = [paragraph(rng), paragraph(rng)]
    for heading in rng.sample(HEADINGS, rng.randint(2, 4)):
        blocks.append(f"## {heading}")
        blocks.extend(paragraph(rng) for _ in range(rng.randint(2, 4)))
        roll = rng.random()
        if roll < 0.2:
            blocks.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(3, 5))))
        elif roll < 0.35:
            blocks.append(f"> {sentence(rng)}")
        elif roll < 0.45:
            blocks.append(rng.choice(CODE_SAMPLES))
    return "\n\n".join(blocks)


def title(rng):
    return f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_NOUNS)} and {rng.choice(OBJECTS)}".capitalize()


def comment_body(rng):
    parts = [paragraph(rng, (1, 3))]
    if rng.random() < 0.25:
        parts.append(paragraph(rng, (1, 2)))
    return "\n\n".join(parts)


def person(rng):
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def make_rng(seed):
    return random.Random(seed)
