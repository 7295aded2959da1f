"""The demo newsroom's fixed cast: sections, authors, tags and photos. All names are fictional
except places and common topics. Stories live in stories_a.py and stories_b.py."""

SECTIONS = [
    {"slug": "news", "name": {"uk": "Новини", "ru": "Новости", "en": "News"}},
    {"slug": "articles", "name": {"uk": "Статті", "ru": "Статьи", "en": "Articles"}},
    {"slug": "columns", "name": {"uk": "Колонки", "ru": "Колонки", "en": "Columns"}},
    {"slug": "interviews", "name": {"uk": "Інтерв’ю", "ru": "Интервью", "en": "Interviews"}},
    {"slug": "economy", "name": {"uk": "Економіка", "ru": "Экономика", "en": "Economy"}},
    {"slug": "culture", "name": {"uk": "Культура", "ru": "Культура", "en": "Culture"}},
]

AUTHORS = [
    {
        "name": {"uk": "Оксана Мельничук", "ru": "Оксана Мельничук", "en": "Oksana Melnychuk"},
        "bio": {
            "uk": "Редакторка стрічки новин, пише про міста та транспорт.",
            "ru": "Редактор ленты новостей, пишет о городах и транспорте.",
            "en": "News desk editor covering cities and transport.",
        },
    },
    {
        "name": {"uk": "Тарас Гнатюк", "ru": "Тарас Гнатюк", "en": "Taras Hnatiuk"},
        "bio": {
            "uk": "Економічний оглядач, стежить за бюджетом і банками.",
            "ru": "Экономический обозреватель, следит за бюджетом и банками.",
            "en": "Economics correspondent following the budget and banks.",
        },
    },
    {
        "name": {"uk": "Ірина Ковальчук", "ru": "Ирина Ковальчук", "en": "Iryna Kovalchuk"},
        "bio": {
            "uk": "Пише про освіту, медицину й науку.",
            "ru": "Пишет об образовании, медицине и науке.",
            "en": "Writes about education, healthcare and science.",
        },
    },
    {
        "name": {"uk": "Богдан Яремчук", "ru": "Богдан Яремчук", "en": "Bohdan Yaremchuk"},
        "bio": {
            "uk": "Спортивний журналіст.",
            "ru": "Спортивный журналист.",
            "en": "Sports reporter.",
        },
    },
    {
        "name": {"uk": "Марта Зінченко", "ru": "Марта Зинченко", "en": "Marta Zinchenko"},
        "bio": {
            "uk": "Оглядачка культури: театр, кіно, книги.",
            "ru": "Обозреватель культуры: театр, кино, книги.",
            "en": "Culture critic: theatre, film, books.",
        },
    },
    {
        "name": {"uk": "Андрій Поліщук", "ru": "Андрей Полищук", "en": "Andrii Polishchuk"},
        "bio": {
            "uk": "Пише про технології та кібербезпеку.",
            "ru": "Пишет о технологиях и кибербезопасности.",
            "en": "Covers technology and cybersecurity.",
        },
    },
    {
        "name": {"uk": "Світлана Литвин", "ru": "Светлана Литвин", "en": "Svitlana Lytvyn"},
        "bio": {
            "uk": "Кореспондентка з питань політики та дипломатії.",
            "ru": "Корреспондент по вопросам политики и дипломатии.",
            "en": "Politics and diplomacy correspondent.",
        },
    },
    {
        "name": {"uk": "Юрій Ткаченко", "ru": "Юрий Ткаченко", "en": "Yurii Tkachenko"},
        "bio": {
            "uk": "Пише про регіони, аграрну галузь та екологію.",
            "ru": "Пишет о регионах, аграрной отрасли и экологии.",
            "en": "Reports on the regions, farming and the environment.",
        },
    },
]

# Ukrainian, Russian and English names of each tag.
TAGS = [
    ("НАТО", "НАТО", "NATO"),
    ("ЄС", "ЕС", "EU"),
    ("Київ", "Киев", "Kyiv"),
    ("Львів", "Львов", "Lviv"),
    ("Харків", "Харьков", "Kharkiv"),
    ("Одеса", "Одесса", "Odesa"),
    ("Дніпро", "Днепр", "Dnipro"),
    ("енергетика", "энергетика", "energy"),
    ("погода", "погода", "weather"),
    ("освіта", "образование", "education"),
    ("медицина", "медицина", "healthcare"),
    ("економіка", "экономика", "economy"),
    ("бюджет", "бюджет", "budget"),
    ("інфляція", "инфляция", "inflation"),
    ("банки", "банки", "banks"),
    ("транспорт", "транспорт", "transport"),
    ("залізниця", "железная дорога", "railways"),
    ("метро", "метро", "metro"),
    ("футбол", "футбол", "football"),
    ("спорт", "спорт", "sport"),
    ("культура", "культура", "culture"),
    ("кіно", "кино", "cinema"),
    ("театр", "театр", "theatre"),
    ("музика", "музыка", "music"),
    ("книги", "книги", "books"),
    ("технології", "технологии", "technology"),
    ("кібербезпека", "кибербезопасность", "cybersecurity"),
    ("стартапи", "стартапы", "startups"),
    ("екологія", "экология", "environment"),
    ("сільське господарство", "сельское хозяйство", "agriculture"),
    ("зерно", "зерно", "grain"),
    ("відбудова", "восстановление", "reconstruction"),
    ("ППО", "ПВО", "air defence"),
    ("армія", "армия", "army"),
    ("волонтери", "волонтёры", "volunteers"),
    ("дипломатія", "дипломатия", "diplomacy"),
    ("санкції", "санкции", "sanctions"),
    ("Верховна Рада", "Верховная Рада", "Verkhovna Rada"),
    ("уряд", "правительство", "government"),
    ("суди", "суды", "courts"),
    ("корупція", "коррупция", "corruption"),
    ("наука", "наука", "science"),
    ("космос", "космос", "space"),
    ("туризм", "туризм", "tourism"),
    ("Карпати", "Карпаты", "Carpathians"),
    ("Чорне море", "Черное море", "Black Sea"),
]

_CREDIT = {
    "uk": "Ілюстрація: редакція Newsroom",
    "ru": "Иллюстрация: редакция Newsroom",
    "en": "Illustration: Newsroom",
}

# key → colours of the drawing, alt text and caption in three languages.
PHOTOS = {
    "city-skyline": {
        "colors": ((24, 44, 89), (242, 153, 74)),
        "alt": {
            "uk": "Силует міських будинків на тлі вечірнього неба",
            "ru": "Силуэт городских домов на фоне вечернего неба",
            "en": "City buildings against an evening sky",
        },
        "caption": {"uk": "Вечірнє місто", "ru": "Вечерний город", "en": "The city at dusk"},
    },
    "parliament-hall": {
        "colors": ((90, 30, 40), (214, 196, 160)),
        "alt": {
            "uk": "Зала засідань із рядами крісел",
            "ru": "Зал заседаний с рядами кресел",
            "en": "A debating chamber with rows of seats",
        },
        "caption": {"uk": "Зала засідань", "ru": "Зал заседаний", "en": "The chamber"},
    },
    "train-station": {
        "colors": ((40, 60, 70), (230, 200, 90)),
        "alt": {
            "uk": "Перон вокзалу з потягом",
            "ru": "Перрон вокзала с поездом",
            "en": "A station platform with a train",
        },
        "caption": {"uk": "Залізничний вокзал", "ru": "Железнодорожный вокзал", "en": "A station"},
    },
    "wheat-field": {
        "colors": ((70, 130, 200), (230, 190, 70)),
        "alt": {
            "uk": "Пшеничне поле під блакитним небом",
            "ru": "Пшеничное поле под голубым небом",
            "en": "A wheat field under a blue sky",
        },
        "caption": {"uk": "Жнива", "ru": "Жатва", "en": "Harvest time"},
    },
    "stadium": {
        "colors": ((20, 90, 40), (240, 240, 240)),
        # A player by the corner flag.
        "focal": (0.1, 0.62),
        "alt": {
            "uk": "Футбольне поле стадіону",
            "ru": "Футбольное поле стадиона",
            "en": "A stadium football pitch",
        },
        "caption": {"uk": "Стадіон", "ru": "Стадион", "en": "The stadium"},
    },
    "concert-stage": {
        "colors": ((30, 10, 50), (250, 80, 160)),
        # A singer near the right edge (drawn there by seed_demo): the crops keep her in view.
        "focal": (0.86, 0.42),
        "alt": {
            "uk": "Сцена з прожекторами",
            "ru": "Сцена с прожекторами",
            "en": "A stage under spotlights",
        },
        "caption": {"uk": "Сцена", "ru": "Сцена", "en": "On stage"},
    },
    "power-lines": {
        "colors": ((120, 150, 170), (40, 40, 50)),
        "alt": {
            "uk": "Опори лінії електропередачі",
            "ru": "Опоры линии электропередачи",
            "en": "Power line pylons",
        },
        "caption": {"uk": "Лінія електропередачі", "ru": "ЛЭП", "en": "Power lines"},
    },
    "laboratory": {
        "colors": ((220, 235, 245), (30, 110, 160)),
        "alt": {
            "uk": "Лабораторний стіл із пробірками",
            "ru": "Лабораторный стол с пробирками",
            "en": "A laboratory bench with test tubes",
        },
        "caption": {"uk": "Лабораторія", "ru": "Лаборатория", "en": "The laboratory"},
    },
    "harbour": {
        "colors": ((20, 70, 110), (200, 80, 40)),
        "alt": {
            "uk": "Вантажні крани в морському порту",
            "ru": "Грузовые краны в морском порту",
            "en": "Cargo cranes in a sea port",
        },
        "caption": {"uk": "Морський порт", "ru": "Морской порт", "en": "The port"},
    },
    "mountains": {
        "colors": ((60, 120, 90), (235, 240, 245)),
        "alt": {
            "uk": "Гірські вершини з лісом",
            "ru": "Горные вершины с лесом",
            "en": "Wooded mountain peaks",
        },
        "caption": {"uk": "Карпати", "ru": "Карпаты", "en": "The Carpathians"},
    },
    "library": {
        "colors": ((110, 70, 40), (245, 225, 180)),
        "alt": {
            "uk": "Книжкові полиці бібліотеки",
            "ru": "Книжные полки библиотеки",
            "en": "Library bookshelves",
        },
        "caption": {"uk": "Бібліотека", "ru": "Библиотека", "en": "The library"},
    },
    "press-briefing": {
        "colors": ((35, 35, 45), (90, 150, 220)),
        # The speaker at the left-hand lectern.
        "focal": (0.14, 0.5),
        "alt": {
            "uk": "Трибуна з мікрофонами перед брифінгом",
            "ru": "Трибуна с микрофонами перед брифингом",
            "en": "A lectern with microphones before a briefing",
        },
        "caption": {"uk": "Брифінг", "ru": "Брифинг", "en": "A briefing"},
    },
}

for _photo in PHOTOS.values():
    _photo["credit"] = _CREDIT
