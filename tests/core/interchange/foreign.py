"""REFI-QDA projects as other tools write them, for the import tests.

Each document is checked against the published schema (test_refi_published_schema), so the
import tests read files that follow the standard, not files shaped after our own export.
"""

import zipfile
from pathlib import Path

ADA = "11111111-1111-1111-1111-111111111111"
BEN = "11111111-1111-1111-1111-222222222222"
STATISTIC = "22222222-2222-2222-2222-222222222222"
PLEDGE = "22222222-2222-2222-2222-333333333333"
CONDITIONAL = "22222222-2222-2222-2222-444444444444"
MEMO_SOURCE = "33333333-3333-3333-3333-333333333333"
PDF_TEXT = "33333333-3333-3333-3333-444444444444"

CRLF_TEXT = "Line one.\r\nThe pledge: 40%.\r\n"


def crlf_document(start: int) -> str:
    """One text source with Windows line ends and a selection at ``start`` (3 characters)."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="other">
 <Users><User guid="{ADA}" name="Ola"/></Users>
 <CodeBook><Codes><Code guid="{STATISTIC}" name="statistic"
   isCodable="true" color="#44BB99"/></Codes></CodeBook>
 <Sources><TextSource guid="{MEMO_SOURCE}" name="Memo"
   plainTextPath="internal://{MEMO_SOURCE}.txt">
  <PlainTextSelection guid="44444444-4444-4444-4444-444444444444" startPosition="{start}"
    endPosition="{start + 3}" creatingUser="{ADA}">
   <Coding guid="55555555-5555-5555-5555-555555555555" creatingUser="{ADA}">
    <CodeRef targetGUID="{STATISTIC}"/></Coding>
  </PlainTextSelection></TextSource></Sources>
</Project>"""


INLINE_TEXT = "The council pledged 200 new buses, if the grant arrives."
PDF_TEXT_BODY = "Report page one.\nEmissions fell by 12 per cent.\n"


def rich_document() -> str:
    """A project using much of the standard: variables, cases, sets, notes on codes, an inline
    text, a PDF with its text representation and an area selection, and a picture."""
    pledge_at = INLINE_TEXT.index("pledged 200 new buses")
    grant_at = INLINE_TEXT.index("if the grant arrives")
    twelve_at = PDF_TEXT_BODY.index("12 per cent")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="from another tool" origin="Other QDA 5"
  creatingUserGUID="{ADA}" creationDateTime="2024-03-01T10:00:00Z">
 <Users><User guid="{ADA}" name="Ada"/><User guid="{BEN}" name="Ben" id="b"/></Users>
 <CodeBook><Codes>
  <Code guid="{PLEDGE}" name="pledge" isCodable="true" color="#77AADD">
   <Description>A commitment.</Description>
   <NoteRef targetGUID="66666666-6666-6666-6666-000000000001"/>
   <Code guid="{CONDITIONAL}" name="conditional pledge" isCodable="true" color="#BC3"/>
  </Code>
  <Code guid="{STATISTIC}" name="statistic" isCodable="true"/>
 </Codes></CodeBook>
 <Variables><Variable guid="77777777-7777-7777-7777-000000000001" name="outlet"
   typeOfVariable="Text"/></Variables>
 <Cases><Case guid="88888888-8888-8888-8888-000000000001" name="Council">
  <SourceRef targetGUID="{MEMO_SOURCE}"/></Case></Cases>
 <Sources>
  <TextSource guid="{MEMO_SOURCE}" name="Council bus plan" creatingUser="{ADA}"
    creationDateTime="2024-03-01T10:00:00Z">
   <Description>https://example.org/buses</Description>
   <PlainTextContent>{INLINE_TEXT}</PlainTextContent>
   <PlainTextSelection guid="44444444-4444-4444-4444-000000000001" startPosition="{pledge_at}"
     endPosition="{pledge_at + 21}" creatingUser="{ADA}"
     creationDateTime="2024-03-02T09:30:00Z">
    <Coding guid="55555555-5555-5555-5555-000000000001" creatingUser="{ADA}">
     <CodeRef targetGUID="{PLEDGE}"/></Coding>
    <Coding guid="55555555-5555-5555-5555-000000000002" creatingUser="{BEN}">
     <CodeRef targetGUID="{CONDITIONAL}"/></Coding>
    <NoteRef targetGUID="66666666-6666-6666-6666-000000000002"/>
   </PlainTextSelection>
   <PlainTextSelection guid="44444444-4444-4444-4444-000000000002" startPosition="{grant_at}"
     endPosition="{grant_at + 20}" creatingUser="{BEN}">
    <Coding guid="55555555-5555-5555-5555-000000000003" creatingUser="{BEN}">
     <CodeRef targetGUID="99999999-9999-9999-9999-999999999999"/></Coding>
   </PlainTextSelection>
   <VariableValue><VariableRef targetGUID="77777777-7777-7777-7777-000000000001"/>
    <TextValue>Gazette</TextValue></VariableValue>
  </TextSource>
  <PDFSource guid="33333333-3333-3333-3333-000000000002" name="Annual report"
    path="internal://report.pdf">
   <PDFSelection guid="44444444-4444-4444-4444-000000000003" page="1" firstX="10" firstY="10"
     secondX="200" secondY="80"/>
   <Representation guid="{PDF_TEXT}" plainTextPath="internal://{PDF_TEXT}.txt">
    <PlainTextSelection guid="44444444-4444-4444-4444-000000000004"
      startPosition="{twelve_at}" endPosition="{twelve_at + 11}" creatingUser="{ADA}">
     <Coding guid="55555555-5555-5555-5555-000000000004" creatingUser="{ADA}">
      <CodeRef targetGUID="{STATISTIC}"/></Coding>
    </PlainTextSelection>
   </Representation>
  </PDFSource>
  <PictureSource guid="33333333-3333-3333-3333-000000000003" name="Chart"
    path="internal://chart.png"/>
 </Sources>
 <Notes>
  <Note guid="66666666-6666-6666-6666-000000000001" name="About pledges">
   <PlainTextContent>Count only public commitments.</PlainTextContent></Note>
  <Note guid="66666666-6666-6666-6666-000000000002" name="On the buses" creatingUser="{ADA}">
   <PlainTextContent>Conditional on the grant.</PlainTextContent></Note>
 </Notes>
 <Sets><Set guid="aaaaaaaa-aaaa-aaaa-aaaa-000000000001" name="Claims">
  <MemberCode targetGUID="{PLEDGE}"/></Set></Sets>
</Project>"""


def write_rich(out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("project.qde", rich_document())
        archive.writestr(f"sources/{PDF_TEXT}.txt", PDF_TEXT_BODY.encode("utf-8"))
        archive.writestr("sources/report.pdf", b"%PDF-1.4 not read")
        archive.writestr("sources/chart.png", b"\x89PNG not read")
    return out
