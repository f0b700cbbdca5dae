"""Search inside CVs: name, e-mail, place, job title and the current document's text, ranked, with a snippet.

One function for both databases. The index (`cv_search`, revision 0007) is kept by the database's triggers; here
it is only read: SQLite's FTS5 (`bm25`, `snippet`) or PostgreSQL's `tsvector` (`ts_rank`, `ts_headline`). The
snippet comes from the contact fields when they hold the match, else from the document's text. Every
word of the search must match the start of a word somewhere in the CV (so "pyth kochi" finds a Python developer in
Kochi). Words are letters and digits only, so nothing the user types reaches the query syntax.
"""

from __future__ import annotations

import html
import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Float, Text, TextClause, Uuid, bindparam, text
from sqlmodel import Session, col

from hr_app.kit.access import organization_of
from hr_app.kit.errors import Invalid
from hr_app.kit.limits import CV_SEARCH_MAX_LENGTH, CV_SEARCH_MAX_RESULTS, CV_SEARCH_MAX_WORDS, too_long
from hr_app.models import AppUser, CvStatus, CvTag, UserCvData
from hr_app.schemas.records import CvRecord
from hr_app.services.cvs import LabelFilter, cv_query

FIELD = "search"
_WORD = re.compile(r"[^\W_]+")
_START, _STOP = "\x02", "\x03"  # the snippet's match markers (stored text has no control characters)
# ts_headline drops what its parser takes for an HTML tag, so angle brackets travel as two control characters.
_ANGLES_BACK = str.maketrans({"\x04": "<", "\x05": ">"})
_SNIPPET_WORDS = 16
_TAGGED = (
    "AND c.id IN (SELECT l.cv_id FROM cv_tag_link l JOIN cv_tag t ON t.id = l.tag_id"
    " WHERE t.organization_id = :org AND t.key = :tag_key)"
)
# Weights per column (name, email, place, job title, text): a name or e-mail match outranks one in the text.
_SQLITE_SEARCH = """
SELECT s.cv_id, -bm25(cv_search_fts, 10.0, 8.0, 3.0, 4.0, 1.0) AS score,
       snippet(cv_search_fts, -1, char(2), char(3), '…', {words}) AS snippet
FROM cv_search_fts JOIN cv_search s ON s.id = cv_search_fts.rowid JOIN user_cv_data c ON c.id = s.cv_id
WHERE cv_search_fts MATCH :query AND s.organization_id = :org {status} {labels}
ORDER BY score DESC, lower(c.name), s.cv_id LIMIT :limit
"""
_POSTGRESQL_SEARCH = """
WITH hits AS (
  SELECT s.cv_id,
         CASE WHEN to_tsvector('simple', regexp_replace(concat_ws(' ', s.name, s.email, s.job_title, s.place),
                                                        '[^[:alnum:]]+', ' ', 'g')) @@ q.query
              THEN concat_ws(' · ', s.name, s.email, s.job_title, s.place) ELSE s.body END AS content,
         ts_rank(s.search_vector, q.query) AS score, lower(c.name) AS sort_name, q.query
  FROM cv_search s JOIN user_cv_data c ON c.id = s.cv_id, to_tsquery('simple', :query) AS q(query)
  WHERE s.organization_id = :org AND s.search_vector @@ q.query {status} {labels}
  ORDER BY score DESC, sort_name, s.cv_id LIMIT :limit
)
SELECT cv_id, score, ts_headline('simple', translate(content, '<>', chr(4) || chr(5)), query,
  'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=1, MaxWords={words}, MinWords=6,
   FragmentDelimiter=…') AS snippet
FROM hits ORDER BY score DESC, sort_name, cv_id
"""


@dataclass(frozen=True)
class SearchHit:
    record: CvRecord
    rank: int  # 1 for the best match
    snippet: str  # HTML: the text escaped, each matching word in <mark>


def search_words(search: str | None) -> list[str]:
    """The words a search counts (empty: no search). Refuses a search longer than the limit."""
    if search is None:
        return []
    if len(search) > CV_SEARCH_MAX_LENGTH:
        raise Invalid.on(FIELD, too_long(CV_SEARCH_MAX_LENGTH))
    words = _WORD.findall(unicodedata.normalize("NFC", search).lower())
    return words[:CV_SEARCH_MAX_WORDS]


def search_cvs(
    session: Session,
    *,
    actor: AppUser,
    search: str,
    statuses: Sequence[CvStatus] | None = None,
    limit: int = CV_SEARCH_MAX_RESULTS,
    labels: LabelFilter | None = None,
) -> list[SearchHit]:
    """The organization's CVs matching every word of `search`, best first (at most `limit`)."""
    organization_id = organization_of(actor)
    words = search_words(search)
    if not words:
        return []
    statement = search_statement(session.get_bind().dialect.name, words, statuses, limit, labels)
    rows = session.connection().execute(statement, {"org": organization_id}).all()
    records = _records(session, organization_id, [row.cv_id for row in rows])
    return [
        SearchHit(record=records[row.cv_id], rank=position, snippet=snippet_html(row.snippet or ""))
        for position, row in enumerate(rows, start=1)
        if row.cv_id in records
    ]


def search_statement(
    dialect: str,
    words: Sequence[str],
    statuses: Sequence[CvStatus] | None,
    limit: int,
    labels: LabelFilter | None = None,
) -> TextClause:
    """The ranked search of `words` (from `search_words`) for the dialect; the organization is bound as `org`."""
    postgresql = dialect == "postgresql"
    template = _POSTGRESQL_SEARCH if postgresql else _SQLITE_SEARCH
    query_text = " & ".join(f"{word}:*" for word in words) if postgresql else " ".join(f'"{word}"*' for word in words)
    status = "AND c.status IN :statuses" if statuses else ""
    labels = labels or LabelFilter()
    tagged = _TAGGED if labels.tag is not None else ""
    sourced = "AND c.source = :source" if labels.source else ""
    statement = (
        text(template.format(status=status, labels=f"{tagged} {sourced}", words=_SNIPPET_WORDS))
        .bindparams(bindparam("org", type_=Uuid()), query=query_text, limit=limit)
        .columns(cv_id=Uuid(), score=Float(), snippet=Text())
    )
    if statuses:
        statement = statement.bindparams(bindparam("statuses", [str(s.value) for s in statuses], expanding=True))
    if tagged:
        statement = statement.bindparams(tag_key=CvTag.key_of(labels.tag or ""))
    if sourced:
        statement = statement.bindparams(source=str(labels.source))
    return statement


def _records(session: Session, organization_id: uuid.UUID, cv_ids: list[uuid.UUID]) -> dict[uuid.UUID, CvRecord]:
    if not cv_ids:
        return {}
    query = cv_query(organization_id).where(col(UserCvData.id).in_(cv_ids))
    return {cv.id: CvRecord(cv, job_title_name) for cv, job_title_name in session.exec(query)}


def snippet_html(raw: str) -> str:
    """The database's snippet as safe HTML: everything escaped, the markers turned into <mark> elements."""
    escaped = html.escape(" ".join(raw.translate(_ANGLES_BACK).split()), quote=False)
    return escaped.replace(_START, "<mark>").replace(_STOP, "</mark>")
