"""From extraction records to rows: the people, organisations and events an
issue's articles name, inside the import's transaction.

Each article is read once, from its row as stored (an editor's corrected
text is what the offsets must point into), through the archive's shared
jieba tokenizer. Entities are found by name or alias and created when
missing, a whole issue at a time, so that the number of queries does not grow
with the number of mentions. Curation outlives a re-import: only automatic
mentions are replaced; a mention an editor rejected or added suppresses the
automatic one it matches (same entity, and the same span, or the same
printed text where the text around it has changed); entities, positions,
participants and aliases are only ever added, and never added again once an
editor deleted them (their history records who did).
"""

import functools
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from simple_history.utils import bulk_update_with_history

from archive.lib import pinyin
from archive.lib.extraction import extract, lexicon_words
from archive.lib.extraction.organisations import OTHER, canonical_name, expansions, kind_of
from archive.lib.parsing import masthead_outlets
from archive.lib.segmentation import shared_tokenizer
from archive.models import (
    ENTITY_KINDS,
    Byline,
    ChangeReason,
    Event,
    Issue,
    LexiconEntry,
    Mention,
    Organisation,
    OrganisationAlias,
    Participant,
    Person,
    PersonAlias,
    Position,
)
from archive.segmentations import learn

from .bulk import create_with_history

EXTRACTED = ChangeReason.EXTRACTED  # the change reason of rows this module writes

PERSON, ORGANISATION, EVENT = ENTITY_KINDS


@dataclass(frozen=True)
class _Mention:
    """A mention as the extraction proposes it, or as an automatic row holds it."""

    article_id: int
    kind: str  # PERSON, ORGANISATION or EVENT
    entity_id: int
    text: str
    titles: str
    role: str
    start: int | None
    end: int | None


def record_mentions(issue, found=None, articles=None):
    """Extract the articles of an issue (those of the ids in ``articles``,
    or all) and write what they name. ``found`` gives, for a new issue's
    articles, what was extracted from them already (in the import's
    workers): ``{article id: (Extraction, article_text)}``. Returns the
    words the lexicon learned."""
    if found is not None:
        if not found:
            return []
        extractions = {pk: extraction for pk, (extraction, _) in found.items()}
        texts = {pk: text for pk, (_, text) in found.items()}
        return _Writer(issue, extractions, texts, existing=[]).write()
    rows = issue.articles.all() if articles is None else issue.articles.filter(pk__in=articles)
    articles = list(
        rows.defer("parsed").prefetch_related(
            Prefetch("bylines", Byline.objects.select_related("person").order_by("position", "pk"))
        )
    )
    if not articles:
        return []
    tokenizer = shared_tokenizer()
    outlets = masthead_outlets(bytes(issue.source))
    extractions, texts = {}, {}
    for article in articles:
        parsed = article.as_record()
        extractions[article.pk] = extract(parsed, issue.date, tokenizer, outlets)
        texts[article.pk] = article.text()
    existing = list(Mention.objects.filter(article__in=articles).select_related("event"))
    return _Writer(issue, extractions, texts, existing).write()


class _Writer:
    def __init__(self, issue, extractions, texts, existing):
        self.issue = issue
        self.extractions = extractions
        self.texts = texts  # article id -> article_text
        self.existing = existing
        self.people = {}  # name -> Person
        self.organisations = {}  # canonical name -> Organisation
        self.events = {}  # event key -> Event

    def write(self):
        self._resolve_people()
        self._resolve_organisations()
        self._resolve_events()
        self._write_positions()
        self._write_participants()
        self._write_mentions()
        return self._teach_lexicon()

    def _teach_lexicon(self):
        """Names stay one token wherever they occur: the lexicon learns
        every name of a person or organisation the archive keeps, those left
        for review included, since the archive knows them and shows them as
        names (an editor who rejects or merges one corrects the lexicon in
        the same admin). Event names are phrases, searched by their words,
        and stay out. Returns the words it learned."""
        sure = set(self.people)
        for extraction in self.extractions.values():
            for found in extraction.organisations:
                if found.canonical in self.organisations:
                    sure.update((found.name, found.canonical))
        created = learn(
            [
                (word, tag)
                for extraction in self.extractions.values()
                for word, tag in lexicon_words(extraction)
                if word in sure
            ],
            LexiconEntry.Source.ENTITY,
        )
        return [entry.word for entry in created or ()]

    # -- people ------------------------------------------------------------

    def _resolve_people(self):
        confident = set()
        names = set()
        for extraction in self.extractions.values():
            for person in extraction.persons:
                names.add(person.name)
                if person.titles or person.title_after or person.credit or person.role:
                    confident.add(person.name)
        self.people = find_by_name(Person, PersonAlias, "person", names)
        missing = sorted(_not_deleted(Person, ("name",), names - self.people.keys()))
        if missing:
            created = create_people(
                [Person(name=name, needs_review=name not in confident) for name in missing], EXTRACTED
            )
            self.people.update((person.name, person) for person in created)

    # -- organisations -----------------------------------------------------

    def _resolve_organisations(self):
        wanted = {}  # canonical -> (kind, parent canonical)
        aliases = defaultdict(set)  # canonical -> other context-free forms
        for extraction in self.extractions.values():
            for found in extraction.organisations:
                wanted.setdefault(found.canonical, (found.kind, found.parent))
                if found.parent:
                    wanted.setdefault(found.parent, (kind_of(found.parent), ""))
                for form in (found.name, *found.aliases):
                    # "市公安局" and "政法委" are a different body in every
                    # city: only forms that expand to the canonical name by
                    # themselves ("省公安厅") and official long forms are aliases.
                    if form != found.canonical and (
                        canonical_name(form) == found.canonical or form in expansions(found.canonical)
                    ):
                        aliases[found.canonical].add(form)
            for person in extraction.persons:
                if person.organisation:
                    wanted.setdefault(person.organisation, (kind_of(person.organisation), ""))
        self.organisations = find_by_name(Organisation, OrganisationAlias, "organisation", set(wanted))
        missing = sorted(_not_deleted(Organisation, ("name",), set(wanted) - self.organisations.keys()))
        if missing:
            created = create_with_history(
                [
                    Organisation(name=name, kind=wanted[name][0], needs_review=wanted[name][0] == OTHER)
                    for name in missing
                ],
                Organisation,
                EXTRACTED,
            )
            self.organisations.update((row.name, row) for row in created)
            with_parent = []
            for row in created:
                parent = self.organisations.get(wanted[row.name][1])
                if parent is not None and parent.pk != row.pk:
                    row.parent = parent
                    with_parent.append(row)
            if with_parent:
                bulk_update_with_history(
                    with_parent, Organisation, ["parent"], default_change_reason=EXTRACTED
                )
        self._add_organisation_aliases(aliases)

    def _add_organisation_aliases(self, aliases):
        aliases = {canonical: forms for canonical, forms in aliases.items() if canonical in self.organisations}
        forms = {form for found in aliases.values() for form in found}
        if not forms:
            return
        taken = set(OrganisationAlias.objects.filter(name__in=forms).values_list("name", flat=True))
        taken |= set(Organisation.objects.filter(name__in=forms).values_list("name", flat=True))
        taken |= forms - _not_deleted(OrganisationAlias, ("name",), forms)
        new = {}
        for canonical, found in sorted(aliases.items()):
            for form in sorted(found - taken):
                new.setdefault(form, OrganisationAlias(organisation=self.organisations[canonical], name=form))
        if new:
            create_with_history(list(new.values()), OrganisationAlias, EXTRACTED)

    # -- events ------------------------------------------------------------

    def _resolve_events(self):
        """An event is the one an earlier import linked to the same span of
        the same article (or, failing that, to the same name there), else
        the dated event of that name and day, else a new one."""
        by_span, by_name = {}, {}
        for mention in self.existing:
            if mention.event_id is not None:
                by_span[(mention.article_id, mention.start, mention.end)] = mention.event
                by_name.setdefault((mention.article_id, mention.event.name), mention.event)
        dated = {}
        wanted = [
            (event, article_id)
            for article_id, extraction in self.extractions.items()
            for event in extraction.events
        ]
        names = {event.name for event, _ in wanted if event.start_date}
        if names:
            for row in Event.objects.filter(name__in=names, start_date__isnull=False):
                dated[(row.name, row.start_date)] = row
        inferred = self.issue.date_source == Issue.DateSource.INFERRED
        new, dating = {}, {}
        for event, article_id in wanted:
            key = _event_key(event)
            row = by_span.get((article_id, event.start, event.end)) or by_name.get((article_id, event.name))
            if row is not None and row.start_date is None and event.start_date is not None:
                # Its issue's date has become known since: the dated event
                # of that day, or this one, dated (see _date_events).
                row = dated.get(key) or dating.setdefault(key, (row, event, inferred))[0]
            row = row or dated.get(key)
            if row is not None:
                self.events.setdefault(key, row)
            elif key not in new:
                new[key] = Event(
                    name=event.name,
                    kind=event.kind,
                    date_text=event.date_text,
                    start_date=event.start_date,
                    end_date=event.end_date,
                    place=event.place,
                    needs_review=event.start_date is None or inferred,
                )
        self._date_events(dating.values())
        allowed = _not_deleted(Event, ("name",), {key[0] for key in new.keys() - self.events.keys()})
        new = {key: row for key, row in new.items() if key not in self.events and key[0] in allowed}
        if new:
            created = create_with_history(list(new.values()), Event, EXTRACTED)
            self.events.update(zip(new, created, strict=True))

    def _date_events(self, dating):
        """Give undated events the dates their articles now resolve to
        ``[(row, extracted event, date inferred)]``: an undated event is
        known only by the articles reporting it. One an editor has changed
        keeps what the editor gave."""
        edited = set(
            _historical(Event).objects.filter(
                id__in=[row.pk for row, _, _ in dating], history_user__isnull=False
            ).values_list("id", flat=True)
        )
        rows = []
        for row, event, inferred in dating:
            if row.pk in edited:
                continue
            row.date_text, row.start_date, row.end_date = event.date_text, event.start_date, event.end_date
            row.needs_review = inferred
            rows.append(row)
        if rows:
            bulk_update_with_history(
                rows, Event, ["date_text", "start_date", "end_date", "needs_review"], default_change_reason=EXTRACTED
            )

    # -- positions and participants ----------------------------------------

    def _write_positions(self):
        titled = {}  # (person id, title) -> organisation canonical
        for extraction in self.extractions.values():
            for person in extraction.persons:
                for title in (person.titles, person.title_after):
                    if title and person.name in self.people:
                        key = (self.people[person.name].pk, title)
                        titled.setdefault(key, person.organisation if title == person.titles else "")
        if not titled:
            return
        existing = {
            (row.person_id, row.title): row
            for row in Position.objects.filter(person__in={pk for pk, _ in titled})
        }
        allowed = _not_deleted(Position, ("person", "title"), titled.keys() - existing.keys())
        changed, new = [], []
        for (person_id, title), organisation in titled.items():
            row = existing.get((person_id, title))
            if row is None and (person_id, title) in allowed:
                organisation = self.organisations.get(organisation)
                row = Position(person_id=person_id, title=title, organisation=organisation)
                row.see(self.issue)
                new.append(row)
            elif row is not None and row.see(self.issue):
                changed.append(row)
        if new:
            create_with_history(new, Position, EXTRACTED)
        if changed:
            bulk_update_with_history(
                changed,
                Position,
                ["first_seen", "last_seen", "first_issue", "last_issue"],
                default_change_reason=EXTRACTED,
            )

    def _write_participants(self):
        wanted = {}  # (event id, person id, role), in order
        for extraction in self.extractions.values():
            for event in extraction.events:
                row = self.events.get(_event_key(event))
                for participant in event.participants:
                    person = self.people.get(participant.name)
                    if row is not None and person is not None:
                        wanted.setdefault((row.pk, person.pk, participant.role), None)
        if not wanted:
            return
        existing = set(
            Participant.objects.filter(event__in={event for event, _, _ in wanted}).values_list(
                "event", "person", "role"
            )
        )
        allowed = _not_deleted(Participant, ("event", "person", "role"), wanted.keys() - existing)
        new = [
            Participant(event_id=event, person_id=person, role=role)
            for event, person, role in wanted
            if (event, person, role) in allowed
        ]
        if new:
            create_with_history(new, Participant, EXTRACTED)

    # -- mentions ----------------------------------------------------------

    def _found(self):
        """Every mention the extraction proposes, entities resolved."""
        found = []
        for article_id, extraction in self.extractions.items():
            for person in extraction.persons:
                if person.name in self.people:
                    found.append(_Mention(
                        article_id, PERSON, self.people[person.name].pk, person.name,
                        person.titles or person.title_after, person.role, person.start, person.end,
                    ))
            for organisation in extraction.organisations:
                if organisation.canonical in self.organisations:
                    found.append(_Mention(
                        article_id, ORGANISATION, self.organisations[organisation.canonical].pk,
                        organisation.name, "", "", organisation.start, organisation.end,
                    ))
            for event in extraction.events:
                if _event_key(event) in self.events:
                    found.append(_Mention(
                        article_id, EVENT, self.events[_event_key(event)].pk,
                        self.texts[article_id][event.start:event.end], "", "", event.start, event.end,
                    ))
        return list(dict.fromkeys(found))

    def _write_mentions(self):
        found = self._found()
        wanted = set(found)
        curated = defaultdict(list)  # article id -> rows an editor added or rejected
        kept = set()  # the automatic mentions already written
        stale = []
        for row in self.existing:
            if row.status != Mention.Status.AUTOMATIC:
                curated[row.article_id].append(row)
                continue
            key = _key_of(row)
            if key in kept or key not in wanted:
                stale.append(row.pk)
            else:
                kept.add(key)
        new = []
        for mention in found:
            if mention in kept or any(
                _suppresses(row, mention, self.texts) for row in curated[mention.article_id]
            ):
                continue
            new.append(Mention(
                article_id=mention.article_id,
                text=mention.text,
                titles=mention.titles,
                role=mention.role,
                start=mention.start,
                end=mention.end,
                **{f"{mention.kind}_id": mention.entity_id},
            ))
        if stale:
            Mention.objects.filter(pk__in=stale).delete()
        if new:
            create_with_history(new, Mention, EXTRACTED)


def create_people(people, reason):
    """Insert new Person rows and their history, with the sort key
    ``Person.save`` gives them."""
    for person in people:
        person.sort_key = pinyin.sort_key(person.name)
    return create_with_history(people, Person, reason)


def find_by_name(model, alias_model, field, names):
    """Rows of model named, or aliased, by each of names (one query each)."""
    found = model.objects.in_bulk(names, field_name="name")
    rest = names - found.keys()
    if rest:
        for alias in alias_model.objects.filter(name__in=rest).select_related(field):
            found[alias.name] = getattr(alias, field)
    return found


def _not_deleted(model, fields, keys):
    """The keys (values of fields, a tuple each, or one value for one field)
    whose row no editor deleted: what an editor removed, the importer does
    not bring back. One query."""
    keys = set(keys)
    if not keys:
        return keys
    first = {key if len(fields) == 1 else key[0] for key in keys}
    deleted = _historical(model).objects.filter(
        history_type="-", history_user__isnull=False, **{f"{fields[0]}__in": first}
    ).values_list(*fields, flat=len(fields) == 1)
    return keys - set(deleted)


@functools.cache
def _historical(model):
    """The model's history table (``model.history`` builds a manager class
    on every access)."""
    return model.history.model


def _event_key(event):
    """Two extractions of one issue name the same event when they give the
    same name and day (undated: the same name)."""
    return (event.name, event.start_date)


def _entity(row):
    kind = row.entity_kind
    return kind, getattr(row, f"{kind}_id")


def _key_of(row):
    kind, key = _entity(row)
    return _Mention(row.article_id, kind, key, row.text, row.titles, row.role, row.start, row.end)


def _suppresses(row, mention, texts):
    """Does a curated row stand for the automatic mention? Same entity, and
    the same span, or the same text where the row's span no longer holds
    its text (the article was edited since)."""
    if _entity(row) != (mention.kind, mention.entity_id):
        return False
    if (row.start, row.end) == (mention.start, mention.end):
        return True
    holds = row.start is not None and texts[row.article_id][row.start:row.end] == row.text
    return row.text == mention.text and not holds
