"""Small helpers of the design's partials (templates/_page_header.html and its kin).

`{% capture as name %}…{% endcapture %}` keeps what it encloses, rendered, in a variable: a
page header's lead line that has links or dates in it is written where the page is, then handed
to the partial (`{% include "_page_header.html" with lead=name %}`)."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


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
