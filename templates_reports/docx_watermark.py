"""Word's own watermark ("DRAFT" across every page of a draft), written as Word's Design > Watermark
writes it: a VML shape with text along a path in the page header, light grey, half see-through, diagonal
and behind the text. Word recognises the shape by its name (PowerPlusWaterMarkObject), so a private
office can change or remove it there; LibreOffice shows it too.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from templates_reports.fonts import BOLD

WIDTH_PT = 415  # the text's length on the page, about as long as Word makes it
CAP_HEIGHT = 0.72  # of a capital letter, in ems: the shape's height, so the path does not stretch the letters
NAMESPACES = (
    f'{nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:w10="urn:schemas-microsoft-com:office:word"'
)
# Shape type 136, "text along a straight path", exactly as Word defines it beside each watermark.
TEXT_PATH = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
    ' path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(
        f'<v:f eqn="{eqn}"/>'
        for eqn in (
            "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
            "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7",
            "sum @6 0 @5",
        )
    )
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"'
    ' o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
)


def add_watermark(paragraph: Paragraph, text: str, face: str, n: int) -> None:
    """Put the watermark `text` in `face` on every page that shows the header holding `paragraph`;
    `n` keeps the shapes of different headers apart."""
    height = WIDTH_PT * CAP_HEIGHT / stringWidth(text, BOLD, 1)  # the path stretches the text to the shape
    style = (
        f"position:absolute;margin-left:0;margin-top:0;width:{WIDTH_PT}pt;height:{height:.1f}pt;rotation:315;"
        "z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        "mso-position-vertical:center;mso-position-vertical-relative:margin"
    )
    font = quoteattr(f'font-family:"{face}";font-size:1pt;font-weight:bold')
    paragraph._p.append(
        parse_xml(
            f"<w:r {NAMESPACES}><w:rPr><w:noProof/></w:rPr><w:pict>{TEXT_PATH}"
            f'<v:shape id="PowerPlusWaterMarkObject{n}" o:spid="_x0000_s{2049 + n}" type="#_x0000_t136"'
            f' style="{style}" o:allowincell="f" fillcolor="silver" stroked="f"><v:fill opacity=".5"/>'
            f"<v:textpath style={font} string={quoteattr(text)}/>"
            '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>'
        )
    )
