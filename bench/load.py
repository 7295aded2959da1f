"""Load N synthetic articles into the configured database, fast enough for a million.

    DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_1m .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_1m .venv/bin/python bench/load.py \
        --n 1000000

The same shape as the Wagtail peer's loader (/work/shared/bench/peer_wagtail/load.py):

  * every article in Ukrainian; every third one also in Russian and English, each language with
    its own published LanguageVersion, title (9-14 words), lead (25-35 words) and 8 body blocks
    (paragraph x5 with an in-text link to an older article and an external link, Quote with who
    said it, Background with a bullet list, Source): about 600 words a language;
  * a section (1 of 12), 2 authors (of 200), 4 tags (of 500), 5 related older articles, a hero
    photo: 6 real Photo rows with their renditions made once, shared by all articles;
  * 12% important, 1% breaking; one in a hundred also has a Russian draft;
  * one rare word per language version (1 of 1,000, `rare_word()`), so a search for it finds
    0.1% of the archive at any size, while the common words are in nearly every article;
  * spread over time at a constant rate, 300 a day by default (a large newsroom), ending now:
    10,000 articles are the last 33 days, a million the last 9 years, so a day, a month or 48
    hours hold as many stories at any size and only the archive's depth changes.
    `--span-days 730` spreads them over two years instead, as the peer's loader does.

Rows are written with PostgreSQL's COPY (psycopg 3 `cursor.copy`) in chunks of 10,000
articles, one transaction each, two at once while the next chunk is generated in Python.
Secondary indexes are dropped first and rebuilt at the end; the search vectors are filled by SQL
with the expression and configuration of `articles/search.py`. On SQLite (small N, tests) the
same rows go through executemany. The database must be migrated and hold no articles
(`--append` adds to an existing archive, further back in time). Without --append a failed run
leaves a partial archive: drop the database and start again.
"""

import argparse
import html
import math
import random
import sys
import tempfile
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO
from pathlib import Path

if __name__ == "__main__":
    import _django  # noqa: F401  (sets Django up; must come first)

from django.contrib.postgres.search import SearchVector
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from articles import search
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleTag,
    Author,
    Block,
    LanguageVersion,
    Photo,
    RelatedArticle,
    Section,
    Status,
)
from newsroom.slugs import transliterate
from tags.models import Tag

CHUNK = 10_000
PER_DAY = 300


@dataclass(frozen=True)
class Pools:
    """How many sections, authors, tags and photos the articles share (tests take fewer)."""

    sections: int = 12
    authors: int = 200
    tags: int = 500
    photos: int = 6
    photo_size: tuple = (1600, 900)


POOLS = Pools()
TAGS_EACH = 4
AUTHORS_EACH = 2
N_RARE = 1000
RELATED = 5
RELATED_WINDOW = 300
IMPORTANT = 0.12
BREAKING = 0.01
TRANSLATED_EVERY = 3
RU_DRAFT_EVERY = 100
LINK_ATTRS = ' rel="noopener noreferrer"'  # what articles/richtext.py adds to every link
BODY_PLAN = [  # (kind, words): about 600 words a language
    ("paragraph", 95),
    ("paragraph", 100),
    ("quote", 30),
    ("paragraph", 95),
    ("background", 70),
    ("paragraph", 100),
    ("paragraph", 95),
    ("source", 8),
]


def _words(text):
    return text.split()


WORDS = {
    "uk": _words("""
уряд президент війна україна київ харків одеса дніпро львів фронт армія сили оборони міністр
депутат рада верховна закон проєкт бюджет гривня долар економіка енергетика удар ракета дрон
атака обстріл тривога місто область громада мешканці волонтери допомога гуманітарна партнери
союзники європа нато санкції кремль окупанти звільнення наступ оборона позиції бригада командир
генштаб розвідка операція перемовини заява рішення засідання комітет суд прокуратура
розслідування корупція бюро реформа вибори партія опозиція коаліція фракція голосування
підтримка критика скандал посадовець відставка призначення чиновник мер адміністрація
губернатор лікарня школа університет освіта медицина здоров'я вакцина пенсія зарплата податок
інфляція ціни тарифи газ нафта електрика світло відключення графік ремонт відновлення
будівництво інфраструктура залізниця потяг аеропорт кордон митниця експорт зерно врожай аграрії
фермери бізнес компанія банк кредит інвестиції ринок журналісти джерела повідомили зазначив
наголосив підкреслив розповів заявив додав пояснив уточнив відповів попередив важливо новий
великий складний швидкий офіційний державний міжнародний український європейський місцевий
регіональний військовий цивільний економічний політичний соціальний останній наступний минулий
сьогодні вчора тиждень місяць рік ранок вечір ніч години хвилини дні також однак водночас
зокрема навіть вже ще лише майже понад близько щонайменше кілька багато частина половина
більшість
"""),
    "ru": _words("""
правительство президент война украина киев харьков одесса днепр львов фронт армия силы обороны
министр депутат рада закон проект бюджет гривна доллар экономика энергетика удар ракета дрон
атака обстрел тревога город область община жители волонтеры помощь гуманитарная партнеры
союзники европа нато санкции кремль оккупанты освобождение наступление оборона позиции бригада
командир генштаб разведка операция переговоры заявление решение заседание комитет суд
прокуратура расследование коррупция бюро реформа выборы партия оппозиция коалиция фракция
голосование поддержка критика скандал чиновник отставка назначение мэр администрация губернатор
больница школа университет образование медицина здоровье вакцина пенсия зарплата налог инфляция
цены тарифы газ нефть электричество свет отключение график ремонт восстановление строительство
инфраструктура железная дорога поезд аэропорт граница таможня экспорт зерно урожай аграрии
фермеры бизнес компания банк кредит инвестиции рынок журналисты источники сообщили отметил
подчеркнул рассказал заявил добавил пояснил уточнил ответил предупредил важно новый большой
сложный быстрый официальный государственный международный украинский европейский местный
военный гражданский политический социальный последний следующий прошлый сегодня вчера неделя
месяц год утро вечер ночь часы минуты дни также однако вместе с тем в частности даже уже еще
лишь почти более около несколько много часть половина большинство
"""),
    "en": _words("""
government president war ukraine kyiv kharkiv odesa dnipro lviv front army forces defence
minister deputy parliament law draft budget hryvnia dollar economy energy strike missile drone
attack shelling alert city region community residents volunteers aid humanitarian partners
allies europe nato sanctions kremlin occupiers liberation offensive defence positions brigade
commander general staff intelligence operation talks statement decision meeting committee court
prosecutors investigation corruption bureau reform elections party opposition coalition faction
vote support criticism scandal official resignation appointment mayor administration governor
hospital school university education medicine health vaccine pension salary tax inflation
prices tariffs gas oil electricity power outage schedule repair recovery construction
infrastructure railway train airport border customs export grain harvest farmers business
company bank loan investment market journalists sources reported noted stressed said told added
explained clarified answered warned important new large difficult fast official state
international ukrainian european local regional military civilian economic political social
last next previous today yesterday week month year morning evening night hours minutes days also
however meanwhile in particular even already still only almost over about at least several many
part half most
"""),
}
FIRST_NAMES = _words("""
Олександр Олена Андрій Ірина Сергій Наталія Дмитро Оксана Михайло Юлія Віталій
Тетяна Роман Марія Максим Анастасія Богдан Катерина Тарас Софія Євген Людмила Володимир Галина
Ігор Дарина Олег Вікторія Павло Христина""")
LAST_NAMES = _words("""
Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук Бойко Ткачук
Мельник Савченко Руденко Марченко Лисенко Мороз Петренко Клименко Павленко Кузьменко Гончаренко
Левченко Харченко Карпенко Зінченко Романенко Литвиненко Гаврилюк Козак Собко""")
SECTIONS = [
    ("Політика", "Политика", "Politics"),
    ("Війна", "Война", "War"),
    ("Економіка", "Экономика", "Economy"),
    ("Суспільство", "Общество", "Society"),
    ("Світ", "Мир", "World"),
    ("Київ", "Киев", "Kyiv"),
    ("Регіони", "Регионы", "Regions"),
    ("Культура", "Культура", "Culture"),
    ("Спорт", "Спорт", "Sport"),
    ("Технології", "Технологии", "Technology"),
    ("Здоров'я", "Здоровье", "Health"),
    ("Колонки", "Колонки", "Columns"),
]
CREDITS = ["Фото: Getty Images", "Фото: Reuters", "Фото: AFP", "Фото: Суспільне", "Фото: ДСНС"]
# Rare words: made-up place names, none of them in WORDS.
RARE_ROOTS = {
    "uk": _words("""борис зелен крем лук мирн остр перв сосн тарас ясн вільх граб дуб жовт кам лип
    озер піщ руд світл тих хмел чорн ялин бук верб глин дзвін жит коз лоз мох ор під рів сад"""),
    "ru": _words("""борис зелен крем лук мирн остр перв сосн тарас ясн ольх граб дуб желт кам лип
    озер песч руд светл тих хмел черн елин бук верб глин звон жит коз лоз мох ор под ров сад"""),
    "en": _words("""bor zel krem luk mir ost perv sosn taras yas vil grab dub zhovt kam lyp ozer
    pisch rud svitl tykh khmel chorn yalyn buk verb glyn dzvin zhyt koz loz mokh or pid riv sad"""),
}
RARE_SUFFIXES = {
    "uk": _words("""івка ове ичі инці опіль ород ець анка ище ятин авка енці уватка ахове ицьк онне
    ярка ушки ельня овиця ичне асів ибів инь ополь ятичі ошин уньки ерів ахтин"""),
    "ru": _words("""овка ово ичи инцы ополь ород ец анка ище ятин авка енцы уватка ахово ицк онное
    ярка ушки ельня овица ичное асов ибов инь ополье ятичи ошин уньки еров ахтин"""),
    "en": _words("""ivka ove ychi yntsi opil orod ets anka ysche yatyn avka entsi uvatka akhove ytsk
    onne yarka ushky elnia ovytsia ychne asiv ybiv yn opol yatychi oshyn unky eriv akhtyn"""),
}
TAG_WORDS = 2


def rare_word(language: str, k: int) -> str:
    """The k-th rare word of `language` (0 <= k < 1,000), lower case: a made-up place name that
    the loader puts in one version in a thousand."""
    roots, suffixes = RARE_ROOTS[language], RARE_SUFFIXES[language]
    root = roots[k % len(roots)]
    suffix = suffixes[(k // len(roots)) % len(suffixes)]
    return f"{root}{suffix}"


class Text:
    """Random text of a language: fresh titles, sentences drawn from a pool for the rest."""

    def __init__(self, rnd, language, pool=4000):
        self.rnd = rnd
        self.words = WORDS[language]
        self.pool = [self.sentence(rnd.randint(8, 16)) for _ in range(pool)]

    def sentence(self, n):
        return " ".join(self.rnd.choices(self.words, k=n)).capitalize() + "."

    def title(self):
        return " ".join(self.rnd.choices(self.words, k=self.rnd.randint(9, 14))).capitalize()

    def sentences(self, words):
        return " ".join(self.rnd.choices(self.pool, k=max(1, math.ceil(words / 12))))

    def phrase(self, n):
        return " ".join(self.rnd.choices(self.words, k=n))


# --- writing rows ---------------------------------------------------------------------------


class Table:
    """A model's table: its columns in order, and a row made from the values given, with every
    other column at the field's default (so fields added later still get a value)."""

    def __init__(self, model, columns, conn):
        self.model = model
        self.name = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        self.columns = list(columns)
        self.extra = [
            (f.column, self._prep(f, f.get_default(), conn))
            for name, f in fields.items()
            if name not in self.columns and not f.primary_key
        ]
        self.extra_values = tuple(value for _column, value in self.extra)
        self.all_columns = [fields[c].column for c in self.columns] + [c for c, _ in self.extra]
        self.sqlite_prep = None
        if conn.vendor != "postgresql":
            # SQLite stores datetimes as text in UTC; the backend's adapters say how.
            self.sqlite_prep = [
                (i, fields[name]) for i, name in enumerate(self.columns) if name in fields
            ]

    @staticmethod
    def _prep(field, value, conn):
        if value is None:
            return None
        return field.get_db_prep_save(value, conn)

    def row(self, values):
        return tuple(values) + self.extra_values


def write(conn, table, rows):
    """Write `rows` (tuples in `table.columns` order) with COPY, or executemany elsewhere."""
    if not rows:
        return
    columns = ", ".join(conn.ops.quote_name(c) for c in table.all_columns)
    if conn.vendor == "postgresql":
        copying = f"COPY {table.name} ({columns}) FROM STDIN"
        with conn.connection.cursor() as cursor, cursor.copy(copying) as copy:
            for row in rows:
                copy.write_row(row)
        return
    fields = dict(table.sqlite_prep)
    prepared = [
        tuple(
            fields[i].get_db_prep_save(value, conn) if i in fields and value is not None else value
            for i, value in enumerate(row)
        )
        for row in rows
    ]
    marks = ", ".join(["%s"] * len(table.all_columns))
    with conn.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", prepared)


def fill_search_vectors(conn, first_id, last_id):
    """The search vectors of the versions of articles first_id..last_id, by one SQL UPDATE per
    language: the expression of articles/search.py (title A, lead B, the rest C, in the
    language's configuration), evaluated by PostgreSQL instead of per row in Python."""
    if conn.vendor != "postgresql":
        return
    for code, config in search.CONFIG.items():
        parts = [(F(f"article__title_{code}"), "A"), (F(f"article__lead_{code}"), "B")]
        parts.append((F("search_text"), "C"))
        vectors = [SearchVector(part, config=config, weight=weight) for part, weight in parts]
        rows = (
            LanguageVersion.objects.using(conn.alias)
            .filter(language=code, article_id__gte=first_id, article_id__lte=last_id)
            .annotate(vector=vectors[0] + vectors[1] + vectors[2])
            .values("id", "vector")
        )
        sql, params = rows.query.sql_with_params()
        with conn.cursor() as cursor:
            cursor.execute(
                f"UPDATE {LanguageVersion._meta.db_table} AS v SET search_vector = s.vector "
                f"FROM ({sql}) AS s WHERE v.id = s.id",
                params,
            )


# --- the archive ----------------------------------------------------------------------------


def _jpeg(seed, size=(1600, 900)):
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, tuple(rnd.randrange(40, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y = rnd.randrange(width), rnd.randrange(height)
        r = rnd.randrange(30, 200)
        colour = tuple(rnd.randrange(256) for _ in range(3))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _pools(rnd, texts, pools):
    """Sections, authors, tags and photos: made once through the ORM (slugs, renditions), and
    reused by --append."""
    sections = list(Section.objects.order_by("pk"))
    for k, (uk, ru, en) in enumerate(SECTIONS[len(sections) : pools.sections], start=len(sections)):
        sections.append(Section.objects.create(name_uk=uk, name_ru=ru, name_en=en, position=k))
    authors = list(Author.objects.order_by("pk"))
    if len(authors) < pools.authors:
        taken = {a.name_uk for a in authors}
        names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        rnd.shuffle(names)
        for name in names:
            if len(authors) >= pools.authors:
                break
            if name in taken:
                continue
            english = " ".join(transliterate(part).capitalize() for part in name.split())
            authors.append(
                Author.objects.create(
                    name_uk=name, name_ru=name, name_en=english, bio_uk="Журналіст редакції."
                )
            )
    tags = list(Tag.objects.order_by("pk"))
    if len(tags) < pools.tags:
        taken = {t.name_uk for t in tags} | {t.name for t in tags}
        while len(tags) < pools.tags:
            k = len(tags)
            names = [texts[code].phrase(TAG_WORDS).capitalize() + f" {k}" for code in WORDS]
            if names[0] in taken:
                continue
            taken.add(names[0])
            tags.append(Tag.objects.create(name_uk=names[0], name_ru=names[1], name_en=names[2]))
    photos = list(Photo.objects.order_by("pk")[: pools.photos])
    for k in range(len(photos), pools.photos):
        photos.append(
            Photo.objects.create(
                image=ContentFile(_jpeg(k, pools.photo_size), name=f"bench-{k}.jpg"),
                alt_text_uk="Ілюстрація",
                alt_text_ru="Иллюстрация",
                alt_text_en="Illustration",
                caption_uk=texts["uk"].sentence(8),
                caption_ru=texts["ru"].sentence(8),
                caption_en=texts["en"].sentence(8),
                credit_uk=CREDITS[k % len(CREDITS)],
                credit_en="Photo: newsroom",
            )
        )
    return sections, authors, tags, photos


def _reserve_ids(conn, n):
    """n consecutive article ids nobody else will get."""
    table = Article._meta.db_table
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM " + table + ")",
                [table],
            )
            sequence, highest = cursor.fetchone()
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = max(cursor.fetchone()[0], (highest or 0) + 1)
            cursor.execute("SELECT setval(%s, %s)", [sequence, first + n - 1])
            return first
        cursor.execute(f"SELECT MAX(id) FROM {table}")
        return (cursor.fetchone()[0] or 0) + 1


class Archive:
    """Generates the rows of articles first..first+n-1 chunk by chunk."""

    def __init__(self, conn, n, *, seed=42, per_day=PER_DAY, span_days=None, end=None, pools=POOLS):
        self.rnd = random.Random(seed)
        self.n = n
        self.texts = {code: Text(self.rnd, code) for code in WORDS}
        self.sections, self.authors, self.tags, self.photos = _pools(self.rnd, self.texts, pools)
        self.first_id = _reserve_ids(conn, n)
        now = timezone.now().replace(microsecond=0)
        end = end or now - timedelta(minutes=1)
        span = timedelta(days=span_days) if span_days else timedelta(days=n / per_day)
        start = end - span
        seconds = max(1, int(span.total_seconds()))
        # Publication order is id order within this load; seconds since `start`.
        self.offsets = sorted(self.rnd.randrange(seconds) for _ in range(n))
        self.start = start
        self.now = now
        self.zone = timezone.get_current_timezone()
        self.tables = {
            "article": Table(Article, ARTICLE_COLUMNS, conn),
            "version": Table(LanguageVersion, VERSION_COLUMNS, conn),
            "block": Table(Block, BLOCK_COLUMNS, conn),
            "byline": Table(ArticleAuthor, ["article_id", "author_id", "position"], conn),
            "tag": Table(ArticleTag, ["content_object_id", "tag_id", "position"], conn),
            "related": Table(RelatedArticle, ["article_id", "related_id", "position"], conn),
        }

    def published(self, i):
        return self.start + timedelta(seconds=self.offsets[i])

    def path(self, i):
        day = timezone.localtime(self.published(i), self.zone)
        return f"/news/{day:%Y/%m/%d}/{self.first_id + i}/"

    def chunk(self, lo, hi):
        """{table: rows} for articles lo..hi-1 of this load."""
        rnd = self.rnd
        rows = {name: [] for name in self.tables}
        tag_names = {code: [getattr(t, f"name_{code}") or "" for t in self.tags] for code in WORDS}
        author_names = {
            code: [getattr(a, f"name_{code}") or "" for a in self.authors] for code in WORDS
        }
        for i in range(lo, hi):
            pk = self.first_id + i
            at = self.published(i)
            translated = i % TRANSLATED_EVERY == 0
            ru_draft = not translated and i % RU_DRAFT_EVERY == 1
            codes = ["uk", "ru", "en"] if translated else ["uk", "ru"] if ru_draft else ["uk"]
            tags = rnd.sample(range(len(self.tags)), min(TAGS_EACH, len(self.tags)))
            authors = rnd.sample(range(len(self.authors)), min(AUTHORS_EACH, len(self.authors)))
            if i >= RELATED:
                related = rnd.sample(range(max(0, i - RELATED_WINDOW), i), RELATED)
            else:
                others = [k for k in range(min(self.n, RELATED + 1)) if k != i]
                related = rnd.sample(others, min(RELATED, len(others)))
            titles, leads = {}, {}
            for code in WORDS:
                if code in codes:
                    titles[code] = self.texts[code].title()
                    leads[code] = self.texts[code].sentences(rnd.randint(25, 35))
                else:
                    titles[code] = leads[code] = None
            rows["article"].append(
                self.tables["article"].row(
                    (
                        pk,
                        titles["uk"],
                        titles["uk"],
                        titles["ru"],
                        titles["en"],
                        leads["uk"],
                        leads["uk"],
                        leads["ru"],
                        leads["en"],
                        self.sections[rnd.randrange(len(self.sections))].pk,
                        self.photos[i % len(self.photos)].pk,
                        rnd.random() < IMPORTANT,
                        rnd.random() < BREAKING,
                        at,
                        at - timedelta(minutes=rnd.randint(5, 90)),
                        at + timedelta(minutes=rnd.randint(0, 3)),
                        1,
                    )
                )
            )
            for position, k in enumerate(authors):
                rows["byline"].append(self.tables["byline"].row((pk, self.authors[k].pk, position)))
            for position, k in enumerate(tags):
                rows["tag"].append(self.tables["tag"].row((pk, self.tags[k].pk, position)))
            for position, k in enumerate(related):
                rows["related"].append(
                    self.tables["related"].row((pk, self.first_id + k, position))
                )
            for code in codes:
                body_plain = self._body(rows["block"], pk, code, related[0] if related else i)
                extra = [tag_names[code][k] for k in tags] + [
                    author_names[code][k] for k in authors
                ]
                text = html.unescape(" ".join(p for p in body_plain + extra if p))
                if code == "ru" and ru_draft:
                    status, publish_at = Status.DRAFT, None
                elif code == "uk":
                    status, publish_at = Status.PUBLISHED, at
                else:
                    later = at + timedelta(minutes=rnd.randint(10, 90))
                    status, publish_at = Status.PUBLISHED, min(later, self.now)
                rows["version"].append(
                    self.tables["version"].row(
                        (
                            pk,
                            code,
                            status,
                            publish_at,
                            publish_at,
                            publish_at,
                            publish_at or at,
                            text,
                        )
                    )
                )
        return rows

    def _body(self, out, pk, code, linked):
        """Append the 8 blocks of one language; return their plain texts in order, as
        search.document() reads them (text without tags, who said it, list items)."""
        texts = self.texts[code]
        rnd = self.rnd
        plain = []
        paragraph = 0
        table = self.tables["block"]
        for position, (kind, words) in enumerate(BODY_PLAN, start=1):
            attribution = items = ""
            if kind == "paragraph":
                body = texts.sentences(words)
                html_body = body
                if paragraph == 1:
                    anchor = texts.phrase(4)
                    link = f'<a href="{self.path(linked)}"{LINK_ATTRS}>{anchor}</a>'
                    html_body, body = f"{body} {link}", f"{body} {anchor}"
                elif paragraph == 2:
                    rare = rare_word(code, rnd.randrange(N_RARE)).capitalize()
                    tail = f"{rare} {texts.phrase(3)}."
                    html_body, body = f"{body} {tail}", f"{body} {tail}"
                elif paragraph == 3:
                    anchor = texts.phrase(3)
                    url = f"https://example.org/news/{rnd.randrange(10**6)}"
                    link = f'<a href="{url}"{LINK_ATTRS}>{anchor}</a>'
                    html_body, body = f"{body} {link}", f"{body} {anchor}"
                if rnd.random() < 0.3:
                    head, _, tail = html_body.partition(" ")
                    html_body = f"<b>{head}</b> {tail}"
                text = f"<p>{html_body}</p>"
                paragraph += 1
            elif kind == "quote":
                text = body = texts.sentences(words)
                attribution = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
            elif kind == "background":
                body = texts.sentences(words // 3)
                text = f"<p>{body}</p>"
                items = "\n".join(texts.sentence(rnd.randint(6, 10)) for _ in range(3))
            else:  # source
                body = texts.phrase(words)
                url = f"https://example.org/source/{rnd.randrange(10**6)}"
                text = f'<a href="{url}"{LINK_ATTRS}>{body}</a>'
            out.append(table.row((pk, code, position * 10, kind, text, attribution, items)))
            plain += [body, attribution, items.replace("\n", " ")]
        return plain


ARTICLE_COLUMNS = [
    "id",
    "title",
    "title_uk",
    "title_ru",
    "title_en",
    "lead",
    "lead_uk",
    "lead_ru",
    "lead_en",
    "section_id",
    "hero_photo_id",
    "is_important",
    "is_breaking",
    "publish_at",
    "created_at",
    "updated_at",
    "edit_count",
]
VERSION_COLUMNS = [
    "article_id",
    "language",
    "status",
    "publish_at",
    "first_published_at",
    "went_live_at",
    "updated_at",
    "search_text",
]
BLOCK_COLUMNS = ["article_id", "language", "position", "kind", "text", "attribution", "items"]
ORDER = ["article", "version", "block", "byline", "tag", "related"]


def write_chunk(conn, archive, rows, first_id, last_id):
    with transaction.atomic(using=conn.alias):
        for name in ORDER:
            write(conn, archive.tables[name], rows[name])
        fill_search_vectors(conn, first_id, last_id)


def load(
    n, *, seed=42, per_day=PER_DAY, span_days=None, end=None, pools=POOLS, chunk=CHUNK, log=None
):
    """Add n articles to the database of `connection`, in its current transaction if there is
    one (tests). Returns the Archive (its first_id, and the n ids after it)."""
    archive = Archive(
        connection, n, seed=seed, per_day=per_day, span_days=span_days, end=end, pools=pools
    )
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        rows = archive.chunk(lo, hi)
        write_chunk(connection, archive, rows, archive.first_id + lo, archive.first_id + hi - 1)
        if log:
            log(hi)
    return archive


# --- the command line: a million, fast ------------------------------------------------------

TABLES = [
    Article._meta.db_table,
    LanguageVersion._meta.db_table,
    Block._meta.db_table,
    ArticleAuthor._meta.db_table,
    ArticleTag._meta.db_table,
    RelatedArticle._meta.db_table,
]


def _secondary_indexes(cursor):
    """(name, definition) of the plain indexes of the loaded tables: not primary keys, not
    unique, not backing a constraint."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(x.indexrelid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY t.relname, i.relname
        """,
        [TABLES],
    )
    return cursor.fetchall()


def _superuser(cursor):
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    return cursor.fetchone()[0]


def _prepare_session(conn):
    """This connection's own settings for bulk work: commits need not wait for the disk (a
    crash loses the last chunks, not consistency) and, for a superuser, foreign keys are not
    checked row by row (the loader writes consistent rows)."""
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        # Faster to compress than the default pglz; only this loader's rows are stored so.
        cursor.execute("SET default_toast_compression = 'lz4'")
        if _superuser(cursor):
            cursor.execute("SET session_replication_role = replica")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to add (default 10000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--per-day", type=float, default=PER_DAY, help="articles a day (default 300)"
    )
    parser.add_argument(
        "--span-days", type=float, help="spread over this many days instead (the peer: 730)"
    )
    parser.add_argument(
        "--append",
        action="store_true",
        help="add to an archive that has articles (further back in time)",
    )
    parser.add_argument("--chunk", type=int, default=CHUNK, help="articles a transaction")
    parser.add_argument(
        "--workers", type=int, default=2, help="chunks written at once (PostgreSQL; default 2)"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    vendor = connection.vendor
    existing = Article.objects.exists()
    if existing and not args.append:
        sys.exit("The database already has articles: use a fresh one, or --append to add more.")
    end = None
    if existing and not args.span_days:
        oldest = Article.objects.filter(publish_at__isnull=False).order_by("publish_at").first()
        end = oldest.publish_at - timedelta(minutes=1) if oldest else None
    print(f"{vendor} database {connection.settings_dict['NAME']}: adding {args.n:,} articles")

    since = [time.perf_counter()]

    def phase(name):
        now = time.perf_counter()
        print(f"  {name}: {now - since[0]:.1f}s", flush=True)
        since[0] = now

    archive = Archive(
        connection, args.n, seed=args.seed, per_day=args.per_day, span_days=args.span_days, end=end
    )
    phase(f"pools and {args.n:,} publication times (articles {archive.first_id:,}…)")

    dropped = []
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            dropped = _secondary_indexes(cursor)
            saved = Path(tempfile.gettempdir()) / f"load-{connection.settings_dict['NAME']}.sql"
            saved.write_text("".join(f"{definition};\n" for _name, definition in dropped))
            for name, _definition in dropped:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        print(f"  dropped {len(dropped)} secondary indexes until the end (saved in {saved})")

    opened = []

    def writer(lo, hi, rows):
        conn = connections["default"]  # this thread's own connection
        if not getattr(conn, "_bench_ready", False):
            conn.ensure_connection()
            _prepare_session(conn)
            conn._bench_ready = True
            opened.append(conn)
        write_chunk(conn, archive, rows, archive.first_id + lo, archive.first_id + hi - 1)
        return hi - lo

    # Two chunks are written at once (PostgreSQL parses the rows and makes the search vectors of
    # each in its own backend) while the main thread generates the next one.
    workers = args.workers if vendor == "postgresql" else 1
    loading = time.perf_counter()
    done = 0
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pending = deque()
            for lo in range(0, args.n, args.chunk):
                hi = min(args.n, lo + args.chunk)
                rows = archive.chunk(lo, hi)
                while len(pending) >= workers:
                    done += pending.popleft().result()
                    _progress(done, args.n, loading)
                pending.append(pool.submit(writer, lo, hi, rows))
                del rows
            while pending:
                done += pending.popleft().result()
                _progress(done, args.n, loading)
        for conn in opened:
            conn.connection.close()  # the raw connection: its wrapper belongs to another thread
        phase("rows")
    finally:
        if dropped:
            _prepare_session(connection)
            with connection.cursor() as cursor:
                for name, definition in dropped:
                    step = time.perf_counter()
                    cursor.execute(definition)
                    print(f"    index {name}: {time.perf_counter() - step:.1f}s", flush=True)
            phase("indexes rebuilt")
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"VACUUM ANALYZE {table}")
            phase("VACUUM ANALYZE")
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            size = cursor.fetchone()[0]
    else:
        size = "?"
    total = Article.objects.count()
    print(
        f"loaded {args.n:,} articles in {time.perf_counter() - started:.0f}s "
        f"({total:,} in the database, size {size})"
    )


def _progress(done, n, since):
    elapsed = time.perf_counter() - since
    rate = done / elapsed if elapsed else 0
    left = (n - done) / rate if rate else 0
    print(
        f"  {done:>9,} / {n:,}  {rate:,.0f} articles/s  elapsed {elapsed / 60:.1f} min, "
        f"about {left / 60:.1f} min to go",
        flush=True,
    )


if __name__ == "__main__":
    main()
