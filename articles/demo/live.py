"""The demo live story: a fictional day of a winter storm in the west of Ukraine, told in
timestamped updates in uk, ru and en, one of them pinned. Original text, written for the demo.

`seed()` is idempotent: the story is found by its Ukrainian title and left as it is (a story
seeded before updates had blocks gets the demo's blocks once).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles import richtext, services
from articles.models import Article, ArticleAuthor, ArticleTag

STORY = {
    "section": "news",
    "authors": ["oksana-melnychuk", "taras-hnatiuk"],
    "tags": ["погода", "енергетика", "Львів"],
    "photo": "power-lines",
    "hours_ago": 11,
    "title": {
        "uk": "Снігова буря на заході України: головне за день (оновлюється)",
        "ru": "Снежная буря на западе Украины: главное за день (обновляется)",
        "en": "Snowstorm in western Ukraine: the day as it happens",
    },
    "lead": {
        "uk": "Сильний снігопад і вітер до 25 м/с залишили без світла сотні сіл у п’яти областях, "
        "на дорогах — затори, потяги запізнюються. Стежимо за подіями впродовж дня.",
        "ru": "Сильный снегопад и ветер до 25 м/с оставили без света сотни сел в пяти областях, "
        "на дорогах — пробки, поезда опаздывают. Следим за событиями в течение дня.",
        "en": "Heavy snow and winds of up to 25 m/s have cut power to hundreds of villages in five "
        "regions, jammed roads and delayed trains. We follow the day as it unfolds.",
    },
}

# (minutes before now, pinned, headline per language, text per language). Fictional figures.
UPDATES = [
    (
        650,
        False,
        {"uk": "", "ru": "", "en": ""},
        {
            "uk": "<p>Доброго ранку. Синоптики підтвердили штормове попередження для "
            "Львівської, Волинської, Тернопільської, Івано-Франківської та Закарпатської "
            "областей до 22:00.</p>",
            "ru": "<p>Доброе утро. Синоптики подтвердили штормовое предупреждение для "
            "Львовской, Волынской, Тернопольской, Ивано-Франковской и Закарпатской "
            "областей до 22:00.</p>",
            "en": "<p>Good morning. Forecasters have confirmed a storm warning for the Lviv, "
            "Volyn, Ternopil, Ivano-Frankivsk and Zakarpattia regions until 10 p.m.</p>",
        },
    ),
    (
        590,
        False,
        {
            "uk": "Без світла — 312 населених пунктів",
            "ru": "Без света — 312 населённых пунктов",
            "en": "312 towns and villages without power",
        },
        {
            "uk": "<p>Лінії електропередачі обірвалися під вагою снігу. Обленерго вивели на "
            "маршрути 140 бригад; першими відновлюють живлення лікарень і котелень.</p>",
            "ru": "<p>Линии электропередачи оборвались под тяжестью снега. Облэнерго вывели на "
            "маршруты 140 бригад; первыми восстанавливают питание больниц и котельных.</p>",
            "en": "<p>Power lines snapped under the weight of the snow. Regional grid operators "
            "have sent out 140 repair crews, restoring hospitals and boiler houses first.</p>",
        },
    ),
    (
        520,
        False,
        {"uk": "", "ru": "", "en": ""},
        {
            "uk": "<p>На трасі Львів — Луцьк біля Радехова стоять близько двохсот вантажівок. "
            "Поліція просить водіїв без потреби не виїжджати за межі міст.</p>",
            "ru": "<p>На трассе Львов — Луцк возле Радехова стоят около двухсот грузовиков. "
            "Полиция просит водителей без необходимости не выезжать за пределы городов.</p>",
            "en": "<p>About two hundred lorries are stuck on the Lviv–Lutsk highway near Radekhiv. "
            "Police are asking drivers not to leave the cities unless they must.</p>",
        },
    ),
    (
        455,
        False,
        {
            "uk": "Потяги запізнюються до трьох годин",
            "ru": "Поезда опаздывают до трёх часов",
            "en": "Trains up to three hours late",
        },
        {
            "uk": "<p>Залізниця повідомляє про затримки дев’яти нічних потягів на заході країни. "
            "У вагонах працює опалення, пасажирам роздають гарячий чай.</p>",
            "ru": "<p>Железная дорога сообщает о задержке девяти ночных поездов на западе страны. "
            "В вагонах работает отопление, пассажирам раздают горячий чай.</p>",
            "en": "<p>The railway reports delays to nine overnight trains in the west. The "
            "carriages are heated and passengers are being offered hot tea.</p>",
        },
    ),
    (
        380,
        False,
        {"uk": "", "ru": "", "en": ""},
        {
            "uk": "<p>Школи Львова сьогодні працюють дистанційно. Дитячі садки відкриті для "
            "дітей, батьки яких не можуть залишитися вдома.</p>",
            "ru": "<p>Школы Львова сегодня работают дистанционно. Детские сады открыты для детей, "
            "родители которых не могут остаться дома.</p>",
            "en": "<p>Schools in Lviv are teaching online today. Kindergartens are open for "
            "children whose parents cannot stay at home.</p>",
        },
    ),
    (
        300,
        False,
        {
            "uk": "Аеропорт Львова призупинив рейси",
            "ru": "Аэропорт Львова приостановил рейсы",
            "en": "Lviv airport suspends flights",
        },
        {
            "uk": "<p>Злітна смуга закрита для розчищення до 15:00. Два вечірні рейси перенесено "
            "на завтра; пасажирів попередили повідомленнями.</p>",
            "ru": "<p>Взлётная полоса закрыта для расчистки до 15:00. Два вечерних рейса "
            "перенесены на завтра; пассажиров предупредили сообщениями.</p>",
            "en": "<p>The runway is closed for clearing until 3 p.m. Two evening flights have been "
            "moved to tomorrow and passengers have been told by text message.</p>",
        },
    ),
    (
        210,
        False,
        {"uk": "", "ru": "", "en": ""},
        {
            "uk": "<p>Енергетики повернули світло в 97 населених пунктів. Найважче — у гірських "
            "селах Закарпаття, куди бригади пробираються на гусеничній техніці.</p>",
            "ru": "<p>Энергетики вернули свет в 97 населённых пунктов. Труднее всего — в горных "
            "сёлах Закарпатья, куда бригады пробираются на гусеничной технике.</p>",
            "en": "<p>Engineers have restored power to 97 towns and villages. The mountain "
            "villages of Zakarpattia are hardest to reach: crews are getting there on tracked "
            "vehicles.</p>",
        },
    ),
    (
        120,
        False,
        {
            "uk": "Рух трасою Львів — Луцьк відновлено",
            "ru": "Движение по трассе Львов — Луцк восстановлено",
            "en": "Lviv–Lutsk highway reopens",
        },
        {
            "uk": "<p>Снігоочисники розчистили обидві смуги, вантажівки рушили колоною. Поліція "
            "радить тримати дистанцію: під снігом — ожеледь.</p>",
            "ru": "<p>Снегоочистители расчистили обе полосы, грузовики двинулись колонной. "
            "Полиция советует держать дистанцию: под снегом — гололёд.</p>",
            "en": "<p>Snowploughs have cleared both lanes and the lorries are moving in convoy. "
            "Police advise keeping your distance: there is ice under the snow.</p>",
        },
    ),
    (
        45,
        False,
        {"uk": "", "ru": "", "en": ""},
        {
            "uk": "<p>Синоптики прогнозують, що вітер ослабне після 20:00, а снігопад припиниться "
            "вночі. Уранці на дорогах очікується ожеледиця.</p>",
            "ru": "<p>Синоптики прогнозируют, что ветер ослабнет после 20:00, а снегопад "
            "прекратится ночью. Утром на дорогах ожидается гололедица.</p>",
            "en": "<p>Forecasters expect the wind to ease after 8 p.m. and the snow to stop "
            "overnight. Roads are likely to be icy in the morning.</p>",
        },
    ),
    (
        15,
        True,
        {
            "uk": "Головне на цю хвилину",
            "ru": "Главное на эту минуту",
            "en": "What we know so far",
        },
        {
            "uk": "<ul><li>Без світла залишаються 215 населених пунктів.</li>"
            "<li>Траса Львів — Луцьк відкрита, аеропорт Львова — до 15:00 закритий.</li>"
            "<li>Школи Львова навчаються дистанційно.</li></ul>",
            "ru": "<ul><li>Без света остаются 215 населённых пунктов.</li>"
            "<li>Трасса Львов — Луцк открыта, аэропорт Львова — до 15:00 закрыт.</li>"
            "<li>Школы Львова учатся дистанционно.</li></ul>",
            "en": "<ul><li>215 towns and villages are still without power.</li>"
            "<li>The Lviv–Lutsk highway is open; Lviv airport is closed until 3 p.m.</li>"
            "<li>Lviv schools are teaching online.</li></ul>",
        },
    ),
]

# Typed blocks after the text of some updates (by their minutes before now), as in the body:
# a quote, a photo (the story's, if the demo has it) and a background list.
BLOCKS = {
    590: {
        code: [
            {
                "kind": "quote",
                "text": quote,
                "attribution": who,
            }
        ]
        for code, quote, who in [
            (
                "uk",
                "Ми працюємо цілодобово, але в горах бригадам доводиться пробиватися крізь "
                "двометрові замети.",
                "Речниця обленерго",
            ),
            (
                "ru",
                "Мы работаем круглосуточно, но в горах бригадам приходится пробиваться сквозь "
                "двухметровые сугробы.",
                "Пресс-секретарь облэнерго",
            ),
            (
                "en",
                "We are working around the clock, but in the mountains the crews have to dig "
                "through two-metre drifts.",
                "A spokeswoman for the regional grid operator",
            ),
        ]
    },
    210: {code: [{"kind": "photo", "photo": "power-lines"}] for code in ("uk", "ru", "en")},
    45: {
        code: [{"kind": "background", "items": "\n".join(lines)}]
        for code, lines in [
            (
                "uk",
                [
                    "Штормове попередження діє до 22:00.",
                    "Найбільше постраждали Львівська та Закарпатська області.",
                    "Про аварії повідомляйте на гарячу лінію обленерго: 104.",
                ],
            ),
            (
                "ru",
                [
                    "Штормовое предупреждение действует до 22:00.",
                    "Больше всего пострадали Львовская и Закарпатская области.",
                    "Об авариях сообщайте на горячую линию облэнерго: 104.",
                ],
            ),
            (
                "en",
                [
                    "The storm warning is in force until 10 p.m.",
                    "The Lviv and Zakarpattia regions are the worst hit.",
                    "Report outages to the grid operators' hotline: 104.",
                ],
            ),
        ]
    },
}


def _blocks(minutes, code, photos):
    """The update's blocks, a photo block only when the demo has its photo."""
    found = []
    for block in BLOCKS.get(minutes, {}).get(code, []):
        if block["kind"] == "photo":
            photo = photos.get(block["photo"])
            if photo is None:
                continue
            block = {**block, "photo": photo}
        found.append(block)
    return found


def _add_blocks(article, photos):
    """A story seeded before updates had blocks gets the demo's blocks, once: only while none
    of its updates has any (a second run, or blocks a journalist added, leave it as it is)."""
    from liveblog import services as live
    from liveblog.models import LiveUpdate, LiveUpdateBlock

    if LiveUpdateBlock.objects.filter(update__article=article).exists():
        return
    for minutes, _pinned, _headline, text in UPDATES:
        for code in ("uk", "ru", "en"):
            found = _blocks(minutes, code, photos)
            update = LiveUpdate.objects.filter(
                article=article, language=code, text=richtext.sanitize(text[code])
            ).first()
            if found and update is not None:
                live.update_edit(
                    update=update,
                    headline=update.headline,
                    text=update.text,
                    blocks=found,
                    author=update.author,
                )


@transaction.atomic
def seed(sections, authors, tags, photos, now=None):
    """Create the live story with its day of updates, unless it exists; returns it."""
    from liveblog import services as live

    found = Article.objects.filter(title_uk=STORY["title"]["uk"]).first()
    if found is not None:
        _add_blocks(found, photos)
        return found
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    article = Article(
        section=sections[STORY["section"]],
        hero_photo=photos.get(STORY["photo"]),
        is_important=True,
    )
    for code in ("uk", "ru", "en"):
        setattr(article, f"title_{code}", STORY["title"][code])
        setattr(article, f"lead_{code}", STORY["lead"][code])
    article.save()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=authors[slug], position=i)
        for i, slug in enumerate(STORY["authors"])
    )
    ArticleTag.objects.bulk_create(
        ArticleTag(content_object=article, tag=tags[name], position=i)
        for i, name in enumerate(STORY["tags"])
    )
    started = now - timedelta(hours=STORY["hours_ago"])
    for code in ("uk", "ru", "en"):
        services.article_publish(article=article, language=code, at=started)
    coverage = live.coverage_start(article=article)
    coverage.started_at = started
    coverage.save(update_fields=["started_at"])
    signed = [authors[slug] for slug in STORY["authors"]]
    for index, (minutes, pinned, headline, text) in enumerate(UPDATES):
        for code in ("uk", "ru", "en"):
            update = live.update_create(
                article=article,
                language=code,
                headline=headline[code],
                text=text[code],
                blocks=_blocks(minutes, code, photos),
                author=signed[index % len(signed)],
                at=now - timedelta(minutes=minutes),
            )
            if pinned:
                live.update_pin(update=update, pinned=True)
    Article.objects.filter(pk=article.pk).update(updated_at=started)
    return article
