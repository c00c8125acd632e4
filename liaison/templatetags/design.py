"""Small helpers of the design's partials (templates/_page_header.html and its kin).

`{% capture as name %}…{% endcapture %}` keeps what it encloses, rendered, in a variable: a
page header's lead line that has links or dates in it is written where the page is, then handed
to the partial (`{% include "_page_header.html" with lead=name %}`)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from liaison.templatetags.icons import icon

register = template.Library()

# Each state's icon, beside its words.
BADGE_ICONS = {
    "online": "camera-video",
    "in-person": "geo-alt",
    "hybrid": "broadcast-pin",
    "open": "door-open",
    "closed": "lock",
    "private": "lock",
    "language": "translate",
    "stale": "exclamation-triangle",
    "fresh": "check-circle",
}


@register.simple_tag
def badge(kind, label, lang="", wrap=False):
    """`{% badge kind label lang=… wrap=… %}`: a state shown as a badge, the same everywhere
    (templates/_badge.html is this tag). kind: open, closed, online, in-person, hybrid,
    language, stale, fresh, private or tag; label: the words; lang: the label's language; wrap:
    a sentence that may wrap on a phone. Written in Python: a directory page draws a hundred."""
    return format_html(
        '<span class="badge badge-{}{}"{}>{}{}</span>',
        kind,
        " badge-wrap" if wrap else " rounded-pill",
        format_html(' lang="{}"', lang) if lang else "",
        icon(BADGE_ICONS[kind]) if kind in BADGE_ICONS else "",
        label,
    )


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # What the nodes rendered is already escaped where it had to be.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
