"""Real CV documents made by the libraries that write them: PDF by pypdf, DOCX by python-docx, ODT by odfpy."""

from __future__ import annotations

import io
import zipfile

import docx
from odf.opendocument import OpenDocumentText
from odf.text import P
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds `lines` (no lines: a page with no text, as a scan has)."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    if lines:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        shown = " ".join(f"({_pdf_escape(line)}) Tj 0 -16 Td" for line in lines)
        content = DecodedStreamObject()
        content.set_data(f"BT /F1 12 Tf 72 720 Td {shown} ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf_bytes() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Secret CV"))))
    writer.encrypt("open-sesame")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf_bytes() -> bytes:
    whole = pdf_bytes("Anna Bell", "Python developer")
    return whole[: len(whole) * 2 // 3]


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs or ("Curriculum vitae",):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(*paragraphs: str) -> bytes:
    document = OpenDocumentText()
    for paragraph in paragraphs or ("Curriculum vitae",):
        document.text.addElement(P(text=paragraph))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def rezipped(original: bytes, *, add: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    """The same ZIP container with entries added or replaced (how a macro or a script gets into a document)."""
    source = zipfile.ZipFile(io.BytesIO(original))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = (replace or {}).get(entry.filename, source.read(entry.filename))
            target.writestr(entry, data)
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def docm_bytes(*, with_project: bool = True, with_content_type: bool = True) -> bytes:
    """A Word document carrying a VBA project (what Word saves as .docm), renamed to look like a .docx."""
    original = docx_bytes("Enable content to see my CV")
    content_types = zipfile.ZipFile(io.BytesIO(original)).read("[Content_Types].xml")
    if with_content_type:
        content_types = content_types.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml",
        )
    add = {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 fake VBA project"} if with_project else {}
    return rezipped(original, add=add, replace={"[Content_Types].xml": content_types})


def odt_with_basic_macro_bytes() -> bytes:
    module = (
        b'<?xml version="1.0" encoding="UTF-8"?><script:module xmlns:script="http://openoffice.org/2000/script"'
        b' script:name="Module1" script:language="StarBasic">Sub Main\nShell("calc")\nEnd Sub</script:module>'
    )
    return rezipped(odt_bytes("Open me"), add={"Basic/Standard/Module1.xml": module})
