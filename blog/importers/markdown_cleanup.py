"""Make another generator's Markdown read the same in Quire: nested-list indentation, MDX imports and components.

Quire's pipeline (Python-Markdown) nests a list item only when it is indented by four spaces, while Astro,
Jekyll and Hugo (CommonMark) nest it under the parent's text, often two spaces in. `normalise_list_indentation`
re-indents nested list content to four spaces a level, leaving code blocks and everything else as they are.
"""

import re

FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})")
LIST_MARKER = re.compile(r"^([-*+]|\d{1,9}[.)])([ \t]+|$)")
THEMATIC_BREAK = re.compile(r"^([-*_])(\s*\1){2,}\s*$")
TAB_WIDTH = 4


def split_fenced(body):
    """The body as (is_code, text) pieces, so a rewrite can skip fenced code blocks."""
    pieces, current, fence = [], [], None
    for line in body.splitlines(keepends=True):
        if fence is None:
            opening = FENCE_OPEN.match(line)
            if opening:
                if current:
                    pieces.append((False, "".join(current)))
                current, fence = [line], opening.group(2)
                continue
        elif _closes(line, fence):
            current.append(line)
            pieces.append((True, "".join(current)))
            current, fence = [], None
            continue
        current.append(line)
    if current:
        pieces.append((fence is not None, "".join(current)))
    return pieces


def outside_code(body, rewrite):
    """`body` with `rewrite(text)` applied to everything except fenced code blocks."""
    return "".join(text if is_code else rewrite(text) for is_code, text in split_fenced(body))


def _closes(line, fence):
    stripped = line.strip()
    return stripped.startswith(fence) and set(stripped) == {fence[0]}


def _indent_of(line):
    expanded = line.expandtabs(TAB_WIDTH)
    return len(expanded) - len(expanded.lstrip(" ")), expanded.lstrip(" ")


def _continues_paragraph(text):
    return not (LIST_MARKER.match(text) or FENCE_OPEN.match(text) or THEMATIC_BREAK.match(text) or text[0] in "#>|")


class _Item:
    """A list item being re-indented: where its content starts in the source and in the output."""

    def __init__(self, source_column, output_column):
        self.source_column = source_column
        self.output_column = output_column


def normalise_list_indentation(body):
    """Re-indent nested list items and their content to four spaces per level (Python-Markdown's rule)."""
    output, items = [], []
    fence, fence_source, fence_output = None, 0, 0
    previous_blank, previous_in_list = True, False
    for line in body.split("\n"):
        indent, text = _indent_of(line)
        if fence is not None:
            output.append(" " * fence_output + line.expandtabs(TAB_WIDTH)[min(indent, fence_source):] if items else line)
            if _closes(line, fence):
                fence = None
            continue
        if not text:
            output.append("")
            previous_blank = True
            continue
        while items and indent < items[-1].source_column:
            if not previous_blank and previous_in_list and _continues_paragraph(text):
                break  # a lazy continuation line of the item's paragraph
            items.pop()
        marker = LIST_MARKER.match(text) if not THEMATIC_BREAK.match(text) else None
        parent_output = items[-1].output_column if items else 0
        if marker and (items or indent < TAB_WIDTH):
            if not items and not previous_blank and not previous_in_list:
                output.append("")  # Python-Markdown needs a blank line between a paragraph and a list
            spacing = len(marker.group(2).expandtabs(TAB_WIDTH)) or 1
            content = indent + len(marker.group(1)) + (spacing if spacing <= 4 else 1)
            output.append(" " * parent_output + text)
            items.append(_Item(content, parent_output + TAB_WIDTH))
        elif items:
            top = items[-1]
            relative = indent - top.source_column
            column = top.output_column + (relative if relative >= TAB_WIDTH else 0)
            output.append(" " * column + text)
        else:
            output.append(line)
        if items and FENCE_OPEN.match(text):
            fence = FENCE_OPEN.match(text).group(2)
            fence_source, fence_output = indent, len(output[-1]) - len(output[-1].lstrip(" "))
        elif not items and FENCE_OPEN.match(line):
            fence, fence_source, fence_output = FENCE_OPEN.match(line).group(2), 0, 0
        previous_blank, previous_in_list = False, bool(items)
    return "\n".join(output)


ESM_START = re.compile(r"^(import|export)\b")
IMPORT_NAMES = re.compile(r"^import\s+(.*?)\s+from\s", re.DOTALL)
JSX_SELF_CLOSING = re.compile(r"<([A-Z][\w.]*)\b(?:[^<>{}]|\{[^{}]*\})*/>", re.DOTALL)
JSX_OPEN_OR_CLOSE = re.compile(r"</?([A-Z][\w.]*)\b(?:[^<>{}]|\{[^{}]*\})*>", re.DOTALL)
JSX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.DOTALL)


def strip_mdx(body):
    """(Markdown body, warnings): MDX `import`/`export` statements and JSX components removed, text kept."""
    dropped, components = [], []

    def drop_statements(text):
        kept, statement, depth = [], [], 0
        for line in text.splitlines(keepends=True):
            if statement or (ESM_START.match(line) and depth == 0):
                statement.append(line)
                depth += sum(line.count(c) for c in "{([") - sum(line.count(c) for c in "})]")
                if depth <= 0:
                    dropped.append("".join(statement))
                    statement, depth = [], 0
                continue
            kept.append(line)
        return "".join(kept + statement)

    def drop_components(text):
        def note(match):
            if match.group(1) not in components:
                components.append(match.group(1))
            return ""

        text = JSX_COMMENT.sub("", text)
        text = JSX_SELF_CLOSING.sub(note, text)
        return JSX_OPEN_OR_CLOSE.sub(note, text)

    body = outside_code(body, lambda text: drop_components(drop_statements(text)))
    for statement in dropped:
        names = IMPORT_NAMES.match(statement)
        for name in re.findall(r"[A-Za-z_$][\w$]*", names.group(1)) if names else []:
            if name[0].isupper() and name not in components and name != "as":
                components.append(name)
    warnings = []
    if dropped:
        warnings.append(f"MDX: dropped {len(dropped)} import/export line(s)")
    if components:
        warnings.append("MDX components could not be kept: " + ", ".join(components))
    return outside_code(body, lambda text: re.sub(r"\n{3,}", "\n\n", text)).strip("\n") + "\n", warnings
