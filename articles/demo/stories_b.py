"""Demo stories, set B: original fictional newsroom content in Ukrainian, Russian and English."""

STORIES = [
    # 1
    {
        "key": "b-odesa-ports-grain",
        "section": "economy",
        "authors": ["yurii-tkachenko", "taras-hnatiuk"],
        "tags": ["зерно", "Одеса", "Чорне море", "економіка"],
        "photo": "harbour",
        "important": True,
        "breaking": False,
        "hours_ago": 3.5,
        "languages": {"uk": 0, "ru": 0.4, "en": 1.5},
        "title": {
            "uk": "Порти Одещини за жовтень відвантажили 4,1 млн тонн зерна",
            "ru": "Порты Одесской области за октябрь отгрузили 4,1 млн тонн зерна",
            "en": "Odesa region ports shipped 4.1m tonnes of grain in October",
        },
        "lead": {
            "uk": (
                "Експорт через порти Великої Одеси зріс на 9% порівняно з вереснем, "
                "передусім завдяки кукурудзі нового врожаю."
            ),
            "ru": (
                "Экспорт через порты Большой Одессы вырос на 9% по сравнению с сентябрём, "
                "прежде всего благодаря кукурузе нового урожая."
            ),
            "en": (
                "Exports through the Greater Odesa ports rose 9% on September, "
                "driven mainly by the new maize crop."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Дані оприлюднила асоціація портових операторів, повідомляє "
                           "<a href=\"https://example.org/ports/october-grain\">«Південний економічний вісник»</a>"),
                ("details", "<p>Із 4,1 млн тонн майже 2,6 млн припало на кукурудзу, ще 1,1 млн — на пшеницю. "
                            "Решта — ячмінь, соя та ріпак. Середній час очікування судна на рейді "
                            "скоротився до двох діб.</p>"),
                ("paragraph", "<p>Найбільше вантажів прийняв порт Південний, далі — Одеса та Чорноморськ. "
                              "Оператори пояснюють зростання тим, що аграрії почали збирати кукурудзу "
                              "на два тижні раніше, ніж торік: осінь видалася сухою й теплою.</p>"),
                ("quote", "Ми вперше за рік працюємо без черг на залізничних під’їздах. Якщо погода "
                          "дозволить, у листопаді вийдемо на схожі обсяги.",
                 "операційний директор зернового терміналу «Лиман-Агро» Віталій Гордієнко"),
                ("photo", "wheat-field"),
                ("paragraph", "<p>Водночас трейдери звертають увагу на вартість фрахту: ставки на перевезення "
                              "до портів Середземномор’я за місяць зросли приблизно на 6%. Частково це "
                              "компенсують нижчі ціни на пальне для суден.</p>"),
                ("background", "Що відомо про сезон:", [
                    "У вересні порти регіону відвантажили 3,76 млн тонн зерна.",
                    "Найбільшими покупцями української кукурудзи залишаються Іспанія, Нідерланди та Єгипет.",
                    "Аналітики прогнозують експорт зернових за сезон на рівні 42–44 млн тонн.",
                ]),
                ("read_also", "b-harvest-results"),
            ],
            "ru": [
                ("source", "Данные обнародовала ассоциация портовых операторов, сообщает "
                           "<a href=\"https://example.org/ports/october-grain\">«Южный экономический вестник»</a>"),
                ("details", "<p>Из 4,1 млн тонн почти 2,6 млн пришлось на кукурузу, ещё 1,1 млн — на пшеницу. "
                            "Остальное — ячмень, соя и рапс. Среднее время ожидания судна на рейде "
                            "сократилось до двух суток.</p>"),
                ("paragraph", "<p>Больше всего грузов принял порт Южный, далее — Одесса и Черноморск. "
                              "Операторы объясняют рост тем, что аграрии начали убирать кукурузу "
                              "на две недели раньше, чем в прошлом году: осень выдалась сухой и тёплой.</p>"),
                ("quote", "Мы впервые за год работаем без очередей на железнодорожных подъездах. Если погода "
                          "позволит, в ноябре выйдем на похожие объёмы.",
                 "операционный директор зернового терминала «Лиман-Агро» Виталий Гордиенко"),
                ("photo", "wheat-field"),
                ("paragraph", "<p>В то же время трейдеры обращают внимание на стоимость фрахта: ставки на перевозку "
                              "в порты Средиземноморья за месяц выросли примерно на 6%. Частично это "
                              "компенсируют более низкие цены на судовое топливо.</p>"),
                ("background", "Что известно о сезоне:", [
                    "В сентябре порты региона отгрузили 3,76 млн тонн зерна.",
                    "Крупнейшими покупателями украинской кукурузы остаются Испания, Нидерланды и Египет.",
                    "Аналитики прогнозируют экспорт зерновых за сезон на уровне 42–44 млн тонн.",
                ]),
                ("read_also", "b-harvest-results"),
            ],
            "en": [
                ("source", "Figures released by the port operators’ association, as reported by "
                           "<a href=\"https://example.org/ports/october-grain\">Southern Economic Herald</a>"),
                ("details", "<p>Of the 4.1m tonnes, almost 2.6m was maize and 1.1m wheat, with barley, soya "
                            "and rapeseed making up the rest. The average time a vessel spent waiting "
                            "at anchor fell to two days.</p>"),
                ("paragraph", "<p>Pivdennyi handled the most cargo, followed by Odesa and Chornomorsk. "
                              "Operators put the increase down to farmers starting the maize harvest two "
                              "weeks earlier than last year after a dry, warm autumn.</p>"),
                ("quote", "For the first time this year we are working without queues on the rail approaches. "
                          "If the weather holds, November volumes should be similar.",
                 "Vitalii Hordiienko, operations director of the Lyman-Agro grain terminal"),
                ("paragraph", "<p>Traders note, however, that freight rates to Mediterranean ports rose by "
                              "about 6% over the month, partly offset by cheaper marine fuel.</p>"),
                ("background", "Key facts about the season:", [
                    "The region’s ports shipped 3.76m tonnes of grain in September.",
                    "Spain, the Netherlands and Egypt remain the biggest buyers of Ukrainian maize.",
                    "Analysts expect grain exports of 42–44m tonnes for the season.",
                ]),
            ],
        },
    },
    # 2
    {
        "key": "b-nbu-key-rate",
        "section": "economy",
        "authors": ["taras-hnatiuk"],
        "tags": ["банки", "інфляція", "економіка"],
        "photo": "city-skyline",
        "important": True,
        "breaking": True,
        "hours_ago": 0.3,
        "languages": {"uk": 0, "ru": 0.1, "en": 0.2},
        "title": {
            "uk": "Нацбанк залишив облікову ставку на рівні 13,5%",
            "ru": "Нацбанк сохранил учётную ставку на уровне 13,5%",
            "en": "National Bank holds key rate at 13.5%",
        },
        "lead": {
            "uk": (
                "Регулятор зберіг ставку без змін удруге поспіль і підвищив прогноз інфляції "
                "на кінець року до 9,2%."
            ),
            "ru": (
                "Регулятор оставил ставку без изменений второй раз подряд и повысил прогноз инфляции "
                "на конец года до 9,2%."
            ),
            "en": (
                "The regulator left the rate unchanged for the second time in a row and raised its "
                "year-end inflation forecast to 9.2%."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про рішення оголосили на брифінгу Національного банку, трансляцію вели "
                           "<a href=\"https://example.org/finance/nbu-briefing\">«Фінансові новини»</a>"),
                ("paragraph", "<p>Рішення збіглося з очікуваннями більшості банківських аналітиків. "
                              "Наступне засідання з монетарної політики заплановане на середину грудня.</p>"),
                ("details", "<p>У регуляторі пояснили, що інфляційний тиск посилюють ціни на продукти після "
                            "слабкого врожаю овочів і вищі витрати бізнесу на електроенергію. Водночас "
                            "кредитування бізнесу зростає, а гривневі депозити населення за місяць "
                            "збільшилися на 2,4%.</p>"),
                ("quote", "Ставка тримається на рівні, який зберігає привабливість гривневих заощаджень. "
                          "Підстав для її зниження до кінця першого кварталу я не бачу.",
                 "головна економістка інвестиційної компанії «Дельта Капітал» Олена Шевчишин"),
                ("paragraph", "<p>Банки, з якими поспілкувалася редакція, не планують змінювати ставки за "
                              "депозитами найближчими тижнями. Умови пільгової іпотеки також лишаються "
                              "незмінними.</p>"),
                ("background", "", [
                    "Облікова ставка — базовий орієнтир для ставок за кредитами й депозитами в банках.",
                    "Востаннє ставку змінювали в липні.",
                    "Інфляція у вересні становила 8,6% у річному вимірі.",
                ]),
                ("read_also", "b-inflation-september"),
            ],
            "ru": [
                ("source", "О решении объявили на брифинге Национального банка, трансляцию вели "
                           "<a href=\"https://example.org/finance/nbu-briefing\">«Финансовые новости»</a>"),
                ("paragraph", "<p>Решение совпало с ожиданиями большинства банковских аналитиков. "
                              "Следующее заседание по монетарной политике запланировано на середину декабря.</p>"),
                ("details", "<p>В регуляторе пояснили, что инфляционное давление усиливают цены на продукты "
                            "после слабого урожая овощей и более высокие расходы бизнеса на электроэнергию. "
                            "При этом кредитование бизнеса растёт, а гривневые депозиты населения за месяц "
                            "увеличились на 2,4%.</p>"),
                ("quote", "Ставка держится на уровне, который сохраняет привлекательность гривневых сбережений. "
                          "Оснований для её снижения до конца первого квартала я не вижу.",
                 "главный экономист инвестиционной компании «Дельта Капитал» Елена Шевчишин"),
                ("paragraph", "<p>Банки, с которыми пообщалась редакция, не планируют менять ставки по "
                              "депозитам в ближайшие недели. Условия льготной ипотеки также остаются "
                              "прежними.</p>"),
                ("background", "", [
                    "Учётная ставка — базовый ориентир для ставок по кредитам и депозитам в банках.",
                    "Последний раз ставку меняли в июле.",
                    "Инфляция в сентябре составила 8,6% в годовом выражении.",
                ]),
                ("read_also", "b-inflation-september"),
            ],
            "en": [
                ("source", "The decision was announced at a National Bank briefing, broadcast by "
                           "<a href=\"https://example.org/finance/nbu-briefing\">Finance News</a>"),
                ("paragraph", "<p>The move was in line with most bank analysts’ expectations. The next "
                              "monetary policy meeting is scheduled for mid-December.</p>"),
                ("details", "<p>The regulator said inflationary pressure was being fuelled by food prices after "
                            "a weak vegetable harvest and by higher electricity costs for businesses. "
                            "Business lending is growing, however, and household hryvnia deposits rose 2.4% "
                            "over the month.</p>"),
                ("quote", "The rate is at a level that keeps hryvnia savings attractive. I see no grounds "
                          "for a cut before the end of the first quarter.",
                 "Olena Shevchyshyn, chief economist at the investment firm Delta Capital"),
                ("background", "", [
                    "The key rate is the benchmark for banks’ lending and deposit rates.",
                    "The rate was last changed in July.",
                    "Annual inflation stood at 8.6% in September.",
                ]),
            ],
        },
    },
    # 3
    {
        "key": "b-inflation-september",
        "section": "economy",
        "authors": ["taras-hnatiuk"],
        "tags": ["інфляція", "економіка", "сільське господарство"],
        "photo": None,
        "important": False,
        "breaking": False,
        "hours_ago": 27.0,
        "languages": {"uk": 0, "ru": 0.5, "en": 3.0},
        "title": {
            "uk": "Інфляція у вересні прискорилася до 8,6%: найбільше подорожчали овочі",
            "ru": "Инфляция в сентябре ускорилась до 8,6%: сильнее всего подорожали овощи",
            "en": "Inflation rises to 8.6% in September as vegetable prices climb",
        },
        "lead": {
            "uk": (
                "Споживчі ціни за місяць зросли на 1,1%. Статистики пояснюють це слабким урожаєм "
                "картоплі й капусти та дорожчими перевезеннями."
            ),
            "ru": (
                "Потребительские цены за месяц выросли на 1,1%. Статистики объясняют это слабым урожаем "
                "картофеля и капусты и подорожанием перевозок."
            ),
            "en": (
                "Consumer prices rose 1.1% over the month, which statisticians attribute to poor potato "
                "and cabbage harvests and higher haulage costs."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Дані Державної служби статистики, повідомляє "
                           "<a href=\"https://example.org/stat/cpi-september\">«Бізнес-огляд»</a>"),
                ("subheading", "Що подорожчало"),
                ("paragraph", "<p>Найбільше за місяць зросли ціни на овочі — на 7,8%. Картопля подорожчала "
                              "на 12%, капуста — на 9%. Натомість фрукти подешевшали на 3,5% завдяки "
                              "рекордному врожаю яблук.</p>"),
                ("paragraph", "<p>Серед інших груп товарів і послуг:</p><ul><li>хліб і хлібопродукти — "
                              "+0,9%;</li><li>пальне — +1,6%;</li><li>послуги зв’язку — +2,1%;</li>"
                              "<li>одяг і взуття — −0,4%.</li></ul>"),
                ("subheading", "Прогнози"),
                ("quote", "Осінній стрибок цін на овочі — явище сезонне, але цього року його підсилила "
                          "посуха в південних областях. До весни ціни, найімовірніше, стабілізуються.",
                 "економіст аналітичного центру «Ринкові індикатори» Максим Дорошенко"),
                ("paragraph", "<p>Базова інфляція, яка не враховує сезонних і регульованих цін, залишилася "
                              "на рівні 6,9%. Саме на цей показник найбільше зважає Національний банк, "
                              "ухвалюючи рішення щодо облікової ставки.</p>"),
                ("background", "Динаміка інфляції цього року:", [
                    "червень — 7,1%",
                    "липень — 7,5%",
                    "серпень — 8,0%",
                    "вересень — 8,6%",
                ]),
            ],
            "ru": [
                ("source", "Данные Государственной службы статистики, сообщает "
                           "<a href=\"https://example.org/stat/cpi-september\">«Бизнес-обзор»</a>"),
                ("subheading", "Что подорожало"),
                ("paragraph", "<p>Сильнее всего за месяц выросли цены на овощи — на 7,8%. Картофель подорожал "
                              "на 12%, капуста — на 9%. Зато фрукты подешевели на 3,5% благодаря "
                              "рекордному урожаю яблок.</p>"),
                ("paragraph", "<p>Среди других групп товаров и услуг:</p><ul><li>хлеб и хлебопродукты — "
                              "+0,9%;</li><li>топливо — +1,6%;</li><li>услуги связи — +2,1%;</li>"
                              "<li>одежда и обувь — −0,4%.</li></ul>"),
                ("subheading", "Прогнозы"),
                ("quote", "Осенний скачок цен на овощи — явление сезонное, но в этом году его усилила "
                          "засуха в южных областях. К весне цены, скорее всего, стабилизируются.",
                 "экономист аналитического центра «Рыночные индикаторы» Максим Дорошенко"),
                ("paragraph", "<p>Базовая инфляция, не учитывающая сезонные и регулируемые цены, осталась "
                              "на уровне 6,9%. Именно на этот показатель больше всего ориентируется "
                              "Национальный банк, принимая решения по учётной ставке.</p>"),
                ("background", "Динамика инфляции в этом году:", [
                    "июнь — 7,1%",
                    "июль — 7,5%",
                    "август — 8,0%",
                    "сентябрь — 8,6%",
                ]),
            ],
            "en": [
                ("source", "State Statistics Service data, as reported by "
                           "<a href=\"https://example.org/stat/cpi-september\">Business Review</a>"),
                ("subheading", "What got more expensive"),
                ("paragraph", "<p>Vegetables saw the sharpest monthly rise, at 7.8%. Potatoes went up by 12% "
                              "and cabbage by 9%, while fruit fell 3.5% thanks to a record apple crop.</p>"),
                ("paragraph", "<p>Among other goods and services:</p><ul><li>bread and bakery products — "
                              "+0.9%;</li><li>fuel — +1.6%;</li><li>telecoms — +2.1%;</li>"
                              "<li>clothing and footwear — −0.4%.</li></ul>"),
                ("subheading", "The outlook"),
                ("quote", "An autumn jump in vegetable prices is seasonal, but this year it was amplified by "
                          "drought in the southern regions. Prices are likely to settle by spring.",
                 "Maksym Doroshenko, economist at the Market Indicators think tank"),
                ("paragraph", "<p>Core inflation, which excludes seasonal and regulated prices, held at 6.9%. "
                              "It is the measure the National Bank watches most closely when setting "
                              "the key rate.</p>"),
                ("background", "Inflation so far this year:", [
                    "June — 7.1%",
                    "July — 7.5%",
                    "August — 8.0%",
                    "September — 8.6%",
                ]),
            ],
        },
    },
    # 4
    {
        "key": "b-lviv-book-fair",
        "section": "culture",
        "authors": ["marta-zinchenko"],
        "tags": ["книги", "Львів", "культура"],
        "photo": "library",
        "important": False,
        "breaking": False,
        "hours_ago": 12.0,
        "languages": {"uk": 0, "ru": 0.3, "en": 2.0},
        "title": {
            "uk": "У Львові стартував книжковий ярмарок «Сторінка»: 240 видавництв і окремий простір для підлітків",
            "ru": "Во Львове открылась книжная ярмарка «Сторінка»: 240 издательств и отдельное пространство для подростков",
            "en": "Storinka book fair opens in Lviv with 240 publishers and a space for teenagers",
        },
        "lead": {
            "uk": (
                "Чотириденний ярмарок цьогоріч присвячений темі родинної пам’яті. "
                "Організатори очікують понад 40 тисяч відвідувачів."
            ),
            "ru": (
                "Четырёхдневная ярмарка в этом году посвящена теме семейной памяти. "
                "Организаторы ожидают более 40 тысяч посетителей."
            ),
            "en": (
                "This year the four-day fair is devoted to family memory, and organisers expect "
                "more than 40,000 visitors."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про це повідомили організатори на "
                           "<a href=\"https://example.org/storinka/programme\">офіційному сайті ярмарку</a>"),
                ("details", "<p>Ярмарок триватиме до неділі. Вхід вільний, але на зустрічі з авторами у Великій "
                            "залі потрібна безкоштовна реєстрація. Програма налічує 180 подій: презентації, "
                            "дискусії, читання для дітей і майстер-класи з ілюстрації.</p>"),
                ("paragraph", "<p>Уперше організатори облаштували окремий простір для підлітків — «Зону 13+». "
                              "Там виступатимуть книжкові блогери, а також відбудеться конкурс коротких "
                              "оповідань серед школярів Львівщини.</p>"),
                ("quote", "Ми хотіли, щоб підлітки не просто ходили за батьками між стендами, а мали власну "
                          "програму й власних героїв.",
                 "директорка ярмарку Соломія Бондар"),
                ("embed", "https://youtu.be/k3Rt8StoRnA"),
                ("paragraph", "<p>Серед найочікуваніших презентацій — новий роман харківської письменниці "
                              "Дарини Гук «Сад за залізницею» та збірка есеїв про старі львівські кав’ярні, "
                              "яку уклали студенти-історики.</p>"),
                ("background", "Ярмарок у цифрах:", [
                    "240 видавництв із 19 міст",
                    "180 подій за чотири дні",
                    "12 іноземних гостей із Польщі, Литви та Чехії",
                ]),
                ("read_also", "b-column-libraries"),
            ],
            "ru": [
                ("source", "Об этом сообщили организаторы на "
                           "<a href=\"https://example.org/storinka/programme\">официальном сайте ярмарки</a>"),
                ("details", "<p>Ярмарка продлится до воскресенья. Вход свободный, но на встречи с авторами "
                            "в Большом зале нужна бесплатная регистрация. В программе 180 событий: презентации, "
                            "дискуссии, чтения для детей и мастер-классы по иллюстрации.</p>"),
                ("paragraph", "<p>Впервые организаторы обустроили отдельное пространство для подростков — "
                              "«Зону 13+». Там выступят книжные блогеры и пройдёт конкурс коротких рассказов "
                              "среди школьников Львовской области.</p>"),
                ("quote", "Мы хотели, чтобы подростки не просто ходили за родителями между стендами, а имели "
                          "собственную программу и собственных героев.",
                 "директор ярмарки Соломия Бондарь"),
                ("embed", "https://youtu.be/k3Rt8StoRnA"),
                ("paragraph", "<p>Среди самых ожидаемых презентаций — новый роман харьковской писательницы "
                              "Дарины Гук «Сад за железной дорогой» и сборник эссе о старых львовских кофейнях, "
                              "составленный студентами-историками.</p>"),
                ("background", "Ярмарка в цифрах:", [
                    "240 издательств из 19 городов",
                    "180 событий за четыре дня",
                    "12 иностранных гостей из Польши, Литвы и Чехии",
                ]),
                ("read_also", "b-column-libraries"),
            ],
            "en": [
                ("source", "Announced by the organisers on "
                           "<a href=\"https://example.org/storinka/programme\">the fair’s official website</a>"),
                ("details", "<p>The fair runs until Sunday. Entry is free, but meetings with authors in the "
                            "Great Hall require free registration. The programme lists 180 events: launches, "
                            "debates, children’s readings and illustration workshops.</p>"),
                ("paragraph", "<p>For the first time there is a dedicated area for teenagers, Zone 13+, with "
                              "book bloggers on stage and a short-story competition for pupils from the "
                              "Lviv region.</p>"),
                ("quote", "We wanted teenagers not just to trail their parents between the stands, but to have "
                          "their own programme and their own heroes.",
                 "fair director Solomiia Bondar"),
                ("embed", "https://youtu.be/k3Rt8StoRnA"),
                ("paragraph", "<p>Among the most eagerly awaited launches are Kharkiv novelist Daryna Huk’s "
                              "new book, The Garden Beyond the Railway, and a collection of essays on Lviv’s "
                              "old coffee houses compiled by history students.</p>"),
                ("background", "The fair in numbers:", [
                    "240 publishers from 19 cities",
                    "180 events over four days",
                    "12 international guests from Poland, Lithuania and Czechia",
                ]),
                ("read_also", "b-column-libraries"),
            ],
        },
    },
    # 5
    {
        "key": "b-kharkiv-metro-hours",
        "section": "news",
        "authors": ["oksana-melnychuk"],
        "tags": ["метро", "Харків", "транспорт"],
        "photo": "train-station",
        "important": False,
        "breaking": False,
        "hours_ago": 8.2,
        "languages": {"uk": 0, "ru": 0.2},
        "title": {
            "uk": "Харківське метро з понеділка працюватиме на годину довше",
            "ru": "Харьковское метро с понедельника будет работать на час дольше",
        },
        "lead": {
            "uk": (
                "Останні потяги вирушатимуть із кінцевих станцій о 23:00, а ввечері інтервали "
                "скоротять до семи хвилин."
            ),
            "ru": (
                "Последние поезда будут отправляться с конечных станций в 23:00, а вечером интервалы "
                "сократят до семи минут."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про це повідомив міський метрополітен у своєму "
                           "<a href=\"https://t.me/kharkiv_metro_info/2417\">Telegram-каналі</a>"),
                ("details", "<p>Новий графік діятиме на всіх трьох лініях. Вестибюлі відкриватимуться, "
                            "як і раніше, о 5:30, а зачинятимуться о 23:20.</p>"),
                ("paragraph", "<p>У підприємстві пояснюють, що рішення ухвалили після опитування пасажирів: "
                              "понад 60% із 14 тисяч учасників назвали раннє закриття метро головною "
                              "незручністю. Вечірній пасажиропотік за пів року зріс приблизно на чверть.</p>"),
                ("quote", "Раніше після другої зміни я добирався додому двома маршрутками. Тепер встигатиму "
                          "на метро — це хвилин сорок економії щодня.",
                 "пасажир, медбрат обласної лікарні Дмитро Лисенко"),
                ("embed", "https://t.me/kharkiv_metro_info/2417"),
                ("paragraph", "<p>Додаткові витрати на електроенергію та зарплати міська рада оцінює "
                              "у 18 млн гривень на рік. Їх передбачать у бюджеті на наступний рік.</p>"),
                ("background", "", [
                    "У харківському метро 30 станцій на трьох лініях.",
                    "Середній добовий пасажиропотік восени — близько 420 тисяч поїздок.",
                    "Вартість проїзду не змінюється.",
                ]),
            ],
            "ru": [
                ("source", "Об этом сообщил городской метрополитен в своём "
                           "<a href=\"https://t.me/kharkiv_metro_info/2417\">Telegram-канале</a>"),
                ("details", "<p>Новый график будет действовать на всех трёх линиях. Вестибюли будут "
                            "открываться, как и прежде, в 5:30, а закрываться в 23:20.</p>"),
                ("paragraph", "<p>На предприятии объясняют, что решение приняли после опроса пассажиров: "
                              "более 60% из 14 тысяч участников назвали раннее закрытие метро главным "
                              "неудобством. Вечерний пассажиропоток за полгода вырос примерно на четверть.</p>"),
                ("quote", "Раньше после второй смены я добирался домой на двух маршрутках. Теперь буду "
                          "успевать на метро — это минут сорок экономии каждый день.",
                 "пассажир, медбрат областной больницы Дмитрий Лысенко"),
                ("embed", "https://t.me/kharkiv_metro_info/2417"),
                ("paragraph", "<p>Дополнительные расходы на электроэнергию и зарплаты горсовет оценивает "
                              "в 18 млн гривен в год. Их предусмотрят в бюджете на следующий год.</p>"),
                ("background", "", [
                    "В харьковском метро 30 станций на трёх линиях.",
                    "Средний суточный пассажиропоток осенью — около 420 тысяч поездок.",
                    "Стоимость проезда не меняется.",
                ]),
            ],
        },
    },
    # 6
    {
        "key": "b-rail-winter-timetable",
        "section": "news",
        "authors": ["oksana-melnychuk"],
        "tags": ["залізниця", "транспорт", "Карпати", "туризм"],
        "photo": "train-station",
        "important": False,
        "breaking": False,
        "hours_ago": 20.5,
        "languages": {"uk": 0, "ru": 0.6, "en": 4.0},
        "title": {
            "uk": "Залізниця оприлюднила зимовий розклад: нові поїзди до Карпат і нічний рейс Харків — Ужгород",
            "ru": "Железная дорога обнародовала зимнее расписание: новые поезда в Карпаты и ночной рейс Харьков — Ужгород",
            "en": "Railway unveils winter timetable with new trains to the Carpathians and a Kharkiv–Uzhhorod sleeper",
        },
        "lead": {
            "uk": "З 10 грудня курсуватимуть 14 додаткових поїздів, більшість — до гірськолижних курортів.",
            "ru": "С 10 декабря будут курсировать 14 дополнительных поездов, большинство — к горнолыжным курортам.",
            "en": "Fourteen extra trains will run from 10 December, most of them to ski resorts.",
        },
        "blocks": {
            "uk": [
                ("source", "Про це повідомила пресслужба національного залізничного перевізника, передає "
                           "<a href=\"https://example.org/transport/winter-timetable\">«Транспортний портал»</a>"),
                ("details", "<p>Зимовий розклад діятиме з 10 грудня до 31 березня. Найбільше нових рейсів "
                            "призначено з Києва, Дніпра та Одеси до Ворохти, Яремчі й Рахова. Квитки вже "
                            "продаються в застосунку та касах.</p>"),
                ("subheading", "Що змінюється"),
                ("paragraph", "<p>Серед головних змін:</p><ul><li>щоденний нічний поїзд Харків — Ужгород "
                              "через Полтаву, Київ і Львів;</li><li>денний експрес Київ — Ворохта по п’ятницях "
                              "і неділях;</li><li>додаткові купейні вагони в поїзді Одеса — Рахів.</li></ul>"),
                ("quote", "Ми розраховуємо, що в пікові вихідні карпатський напрямок дасть до 30% більше "
                          "пасажирів, ніж торік.",
                 "заступник директора пасажирської компанії з комерційної роботи Олег Ковтун"),
                ("photo", "mountains"),
                ("paragraph", "<p>Перевізник також обіцяє, що в усіх нових поїздах можна буде безкоштовно "
                              "перевозити лижі й сноуборди, якщо спорядження запаковане в чохол.</p>"),
                ("read_also", "b-carpathian-trails"),
            ],
            "ru": [
                ("source", "Об этом сообщила пресс-служба национального железнодорожного перевозчика, передаёт "
                           "<a href=\"https://example.org/transport/winter-timetable\">«Транспортный портал»</a>"),
                ("details", "<p>Зимнее расписание будет действовать с 10 декабря по 31 марта. Больше всего "
                            "новых рейсов назначено из Киева, Днепра и Одессы в Ворохту, Яремче и Рахов. "
                            "Билеты уже продаются в приложении и кассах.</p>"),
                ("subheading", "Что меняется"),
                ("paragraph", "<p>Среди главных изменений:</p><ul><li>ежедневный ночной поезд Харьков — Ужгород "
                              "через Полтаву, Киев и Львов;</li><li>дневной экспресс Киев — Ворохта по пятницам "
                              "и воскресеньям;</li><li>дополнительные купейные вагоны в поезде Одесса — Рахов.</li></ul>"),
                ("quote", "Мы рассчитываем, что в пиковые выходные карпатское направление даст до 30% больше "
                          "пассажиров, чем в прошлом году.",
                 "заместитель директора пассажирской компании по коммерческой работе Олег Ковтун"),
                ("photo", "mountains"),
                ("paragraph", "<p>Перевозчик также обещает, что во всех новых поездах можно будет бесплатно "
                              "перевозить лыжи и сноуборды, если снаряжение упаковано в чехол.</p>"),
                ("read_also", "b-carpathian-trails"),
            ],
            "en": [
                ("source", "Announced by the national rail operator’s press office, as reported by "
                           "<a href=\"https://example.org/transport/winter-timetable\">Transport Portal</a>"),
                ("details", "<p>The winter timetable runs from 10 December to 31 March. Most of the new services "
                            "link Kyiv, Dnipro and Odesa with Vorokhta, Yaremche and Rakhiv. Tickets are "
                            "already on sale in the app and at station ticket offices.</p>"),
                ("subheading", "What is changing"),
                ("paragraph", "<p>The main changes:</p><ul><li>a daily Kharkiv–Uzhhorod sleeper via Poltava, Kyiv "
                              "and Lviv;</li><li>a daytime Kyiv–Vorokhta express on Fridays and Sundays;</li>"
                              "<li>extra sleeping cars on the Odesa–Rakhiv train.</li></ul>"),
                ("quote", "We expect up to 30% more passengers on Carpathian routes at peak weekends than "
                          "last year.",
                 "Oleh Kovtun, deputy commercial director of the passenger company"),
                ("paragraph", "<p>Skis and snowboards will travel free on all the new trains, provided they "
                              "are packed in a bag.</p>"),
            ],
        },
    },
    # 7
    {
        "key": "b-dnipro-football",
        "section": "news",
        "authors": ["bohdan-yaremchuk"],
        "tags": ["футбол", "спорт", "Дніпро"],
        "photo": "stadium",
        "important": False,
        "breaking": False,
        "hours_ago": 14.0,
        "languages": {"uk": 0, "ru": 0.5, "en": 1.0},
        "title": {
            "uk": "«Придніпров’я» обіграло «Слобожанщину» й очолило таблицю Першої ліги",
            "ru": "«Приднепровье» обыграло «Слобожанщину» и возглавило таблицу Первой лиги",
            "en": "Prydniprovia beat Slobozhanshchyna to go top of the First League",
        },
        "lead": {
            "uk": "Дніпряни перемогли 2:1 завдяки голу на 88-й хвилині й відірвалися від переслідувачів на два очки.",
            "ru": "Днепряне победили 2:1 благодаря голу на 88-й минуте и оторвались от преследователей на два очка.",
            "en": "The Dnipro side won 2–1 with an 88th-minute goal and now lead their nearest rivals by two points.",
        },
        "blocks": {
            "uk": [
                ("source", "За даними <a href=\"https://example.org/football/match-report-15\">офіційного "
                           "протоколу матчу</a>"),
                ("paragraph", "<p>Гості відкрили рахунок уже на 12-й хвилині: після кутового точно пробив "
                              "головою захисник Ілля Бабенко. Господарі зрівняли наприкінці першого тайму — "
                              "з пенальті влучив капітан Назар Петрів.</p>"),
                ("paragraph", "<p>Переможний м’яч забив 19-річний вихованець клубу Артем Сидоренко, який вийшов "
                              "на заміну за десять хвилин до фінального свистка. Це його перший гол "
                              "у професійній кар’єрі.</p>"),
                ("quote", "Ми довго не могли знайти ключ до їхньої оборони. Артем додав свіжості, і я радий, "
                          "що він скористався шансом.",
                 "головний тренер «Придніпров’я» Віктор Заяць"),
                ("embed", "https://youtu.be/Qm7nDp88xKe"),
                ("subheading", "Турнірне становище"),
                ("background", "Після 15 турів:", [
                    "«Придніпров’я» — 34 очки",
                    "«Буковинський сокіл» — 32 очки",
                    "«Слобожанщина» — 29 очок",
                ]),
            ],
            "ru": [
                ("source", "По данным <a href=\"https://example.org/football/match-report-15\">официального "
                           "протокола матча</a>"),
                ("paragraph", "<p>Гости открыли счёт уже на 12-й минуте: после углового точно пробил головой "
                              "защитник Илья Бабенко. Хозяева сравняли счёт в конце первого тайма — "
                              "с пенальти забил капитан Назар Петрив.</p>"),
                ("paragraph", "<p>Победный мяч забил 19-летний воспитанник клуба Артём Сидоренко, вышедший "
                              "на замену за десять минут до финального свистка. Это его первый гол "
                              "в профессиональной карьере.</p>"),
                ("quote", "Мы долго не могли найти ключ к их обороне. Артём добавил свежести, и я рад, "
                          "что он воспользовался шансом.",
                 "главный тренер «Приднепровья» Виктор Заяц"),
                ("embed", "https://youtu.be/Qm7nDp88xKe"),
                ("subheading", "Турнирное положение"),
                ("background", "После 15 туров:", [
                    "«Приднепровье» — 34 очка",
                    "«Буковинский сокол» — 32 очка",
                    "«Слобожанщина» — 29 очков",
                ]),
            ],
            "en": [
                ("source", "According to <a href=\"https://example.org/football/match-report-15\">the official "
                           "match report</a>"),
                ("paragraph", "<p>The visitors went ahead in the 12th minute when defender Illia Babenko headed "
                              "in from a corner. The hosts levelled just before half-time through a penalty "
                              "from captain Nazar Petriv.</p>"),
                ("paragraph", "<p>The winner came from 19-year-old academy graduate Artem Sydorenko, who came "
                              "off the bench ten minutes from time. It was his first goal as a "
                              "professional.</p>"),
                ("quote", "We struggled for a long time to find a way through their defence. Artem brought fresh "
                          "legs, and I’m glad he took his chance.",
                 "Prydniprovia head coach Viktor Zaiats"),
                ("embed", "https://youtu.be/Qm7nDp88xKe"),
                ("subheading", "The table"),
                ("background", "After 15 rounds:", [
                    "Prydniprovia — 34 points",
                    "Bukovynskyi Sokil — 32 points",
                    "Slobozhanshchyna — 29 points",
                ]),
            ],
        },
    },
    # 8
    {
        "key": "b-youth-athletics",
        "section": "news",
        "authors": ["bohdan-yaremchuk"],
        "tags": ["спорт", "Київ", "освіта"],
        "photo": "stadium",
        "important": False,
        "breaking": False,
        "hours_ago": 44.0,
        "languages": {"uk": 0},
        "title": {
            "uk": "Юніорський кубок із легкої атлетики в Києві: два національні рекорди у стрибках",
        },
        "lead": {
            "uk": (
                "17-річна Вероніка Мазур стрибнула у висоту на 1,91 м, а 18-річний Данило Кравець "
                "оновив юніорський рекорд у потрійному стрибку."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Результати оприлюднила федерація легкої атлетики, повідомляє "
                           "<a href=\"https://example.org/sport/junior-cup-results\">«Спортивний оглядач»</a>"),
                ("details", "<p>Змагання в столичному манежі тривали два дні. Участь у них узяли понад "
                            "400 спортсменів віком до 20 років із 22 областей. Це перший великий старт "
                            "зимового сезону.</p>"),
                ("paragraph", "<p>Вероніка Мазур із Житомира подолала 1,91 м із другої спроби й покращила "
                              "попереднє досягнення серед юніорок на сантиметр. Данило Кравець, який "
                              "тренується в Черкасах, показав у потрійному 16,42 м.</p>"),
                ("quote", "Вероніка цілий рік працювала над розбігом, і сьогодні це нарешті спрацювало. "
                          "Ми не форсуємо: головний старт для неї — літній юніорський чемпіонат Європи.",
                 "тренерка спортсменки Алла Гребенюк"),
                ("paragraph", "<p>У командному заліку перемогла збірна Київщини, друге місце посіла "
                              "Дніпропетровщина, третє — Львівщина. Наступний етап кубка федерація "
                              "планує провести в січні.</p>"),
                ("read_also", "b-dnipro-football"),
            ],
        },
    },
    # 9
    {
        "key": "b-odesa-film-festival",
        "section": "culture",
        "authors": ["marta-zinchenko"],
        "tags": ["кіно", "Одеса", "культура"],
        "photo": "concert-stage",
        "important": False,
        "breaking": False,
        "hours_ago": 33.0,
        "languages": {"uk": 0, "ru": 1.0, "en": None},
        "title": {
            "uk": "Фестиваль «Хвиля» в Одесі оголосив програму: 48 короткометражок і ретроспектива одеської анімації",
            "ru": "Фестиваль «Хвиля» в Одессе объявил программу: 48 короткометражек и ретроспектива одесской анимации",
            "en": "Odesa’s Khvylia festival announces 48 short films and an Odesa animation retrospective",
        },
        "lead": {
            "uk": "Покази відбуватимуться наприкінці листопада в трьох кінозалах міста.",
            "ru": "Показы пройдут в конце ноября в трёх кинозалах города.",
            "en": "Screenings will take place in three of the city’s cinemas in late November.",
        },
        "blocks": {
            "uk": [
                ("source", "Програму представили на пресконференції фестивалю, повідомляє "
                           "<a href=\"https://example.org/odesa-culture/khvylia-programme\">«Культурна Одеса»</a>"),
                ("details", "<p>До конкурсу відібрали 48 фільмів із 730 заявок. Окрема секція — студентські "
                            "роботи кіношкіл Києва, Одеси та Львова. Квитки коштуватимуть від 80 "
                            "до 150 гривень.</p>"),
                ("paragraph", "<p>Ретроспектива присвячена одеській школі анімації 1970–1980-х років. Глядачі "
                              "побачать відреставровані копії дев’яти мультфільмів, частину з яких оцифрували "
                              "лише цього року.</p>"),
                ("quote", "Нам важливо показати, що анімація — це не лише дитяче кіно. Ці стрічки знімали "
                          "сміливі люди, і вони досі звучать сучасно.",
                 "програмна директорка фестивалю Ганна Кушнір"),
                ("embed", "https://youtu.be/Hv1lyaOd3sA"),
                ("paragraph", "<p>Журі очолить литовська режисерка Рута Даукшене. Переможець отримає грант "
                              "у 200 тисяч гривень на виробництво наступного фільму.</p>"),
                ("read_also", "b-kyiv-museum-wing"),
            ],
            "ru": [
                ("source", "Программу представили на пресс-конференции фестиваля, сообщает "
                           "<a href=\"https://example.org/odesa-culture/khvylia-programme\">«Культурная Одесса»</a>"),
                ("details", "<p>В конкурс отобрали 48 фильмов из 730 заявок. Отдельная секция — студенческие "
                            "работы киношкол Киева, Одессы и Львова. Билеты будут стоить от 80 "
                            "до 150 гривен.</p>"),
                ("paragraph", "<p>Ретроспектива посвящена одесской школе анимации 1970–1980-х годов. Зрители "
                              "увидят отреставрированные копии девяти мультфильмов, часть которых оцифровали "
                              "только в этом году.</p>"),
                ("quote", "Нам важно показать, что анимация — это не только детское кино. Эти ленты снимали "
                          "смелые люди, и они до сих пор звучат современно.",
                 "программный директор фестиваля Анна Кушнир"),
                ("embed", "https://youtu.be/Hv1lyaOd3sA"),
                ("paragraph", "<p>Жюри возглавит литовский режиссёр Рута Даукшене. Победитель получит грант "
                              "в 200 тысяч гривен на производство следующего фильма.</p>"),
                ("read_also", "b-kyiv-museum-wing"),
            ],
            "en": [
                ("source", "The programme was presented at the festival’s press conference, as reported by "
                           "<a href=\"https://example.org/odesa-culture/khvylia-programme\">Cultural Odesa</a>"),
                ("details", "<p>The competition features 48 films chosen from 730 submissions, with a separate "
                            "strand for student work from film schools in Kyiv, Odesa and Lviv. Tickets "
                            "will cost 80 to 150 hryvnias.</p>"),
                ("paragraph", "<p>The retrospective is devoted to the Odesa school of animation of the 1970s and "
                              "1980s, with restored prints of nine cartoons, some digitised only this year.</p>"),
                ("quote", "We want to show that animation isn’t just for children. These films were made by "
                          "bold people, and they still feel contemporary.",
                 "festival programme director Hanna Kushnir"),
                ("paragraph", "<p>The jury will be chaired by Lithuanian director Rūta Daukšienė. The winner "
                              "receives a grant of 200,000 hryvnias towards their next film.</p>"),
            ],
        },
    },
    # 10
    {
        "key": "b-kyiv-museum-wing",
        "section": "culture",
        "authors": ["marta-zinchenko", "oksana-melnychuk"],
        "tags": ["культура", "Київ", "відбудова"],
        "photo": "city-skyline",
        "important": False,
        "breaking": False,
        "hours_ago": 50.0,
        "languages": {"uk": 0, "ru": 0.5, "en": 2.5},
        "title": {
            "uk": "Музей міського побуту на Подолі після трирічної реставрації відкрив східне крило",
            "ru": "Музей городского быта на Подоле после трёхлетней реставрации открыл восточное крыло",
            "en": "Podil museum of city life reopens east wing after three-year restoration",
        },
        "lead": {
            "uk": (
                "Відвідувачі побачать реконструйовану аптеку початку ХХ століття, кравецьку майстерню "
                "та колекцію старих крамничних вивісок."
            ),
            "ru": (
                "Посетители увидят реконструированную аптеку начала ХХ века, портновскую мастерскую "
                "и коллекцию старых магазинных вывесок."
            ),
            "en": (
                "Visitors can now see a reconstructed early 20th-century pharmacy, a tailor’s workshop "
                "and a collection of old shop signs."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про відкриття повідомили в музеї, передає "
                           "<a href=\"https://example.org/kyiv/podil-museum-wing\">«Столичний вісник»</a>"),
                ("details", "<p>Роботи коштували 46 млн гривень: дві третини суми надав міжнародний фонд "
                            "збереження спадщини, решту — міський бюджет. Реставратори зберегли оригінальні "
                            "дерев’яні сходи та кахляні печі.</p>"),
                ("photo", "library"),
                ("paragraph", "<p>Нова експозиція займає вісім залів. Найбільше уваги привертає аптека "
                              "з оригінальними дубовими шафами, які музей викупив у приватного "
                              "колекціонера.</p>"),
                ("quote", "Ми хотіли, щоб людина зайшла сюди й відчула запах старого Подолу: дерева, ліків, "
                          "тканини.",
                 "кураторка експозиції Вікторія Левченко"),
                ("paragraph", "<p>Музей працює із середи до неділі з 10:00 до 18:00. Щочетверга школярі "
                              "та студенти можуть відвідати його безкоштовно.</p>"),
                ("background", "Про будинок:", [
                    "Зведений 1874 року як прибутковий будинок купця.",
                    "У радянські часи тут були комунальні квартири.",
                    "Музей отримав будівлю 2009 року.",
                ]),
                ("read_also", "b-lviv-book-fair"),
            ],
            "ru": [
                ("source", "Об открытии сообщили в музее, передаёт "
                           "<a href=\"https://example.org/kyiv/podil-museum-wing\">«Столичный вестник»</a>"),
                ("details", "<p>Работы обошлись в 46 млн гривен: две трети суммы предоставил международный фонд "
                            "сохранения наследия, остальное — городской бюджет. Реставраторы сохранили "
                            "оригинальные деревянные лестницы и изразцовые печи.</p>"),
                ("photo", "library"),
                ("paragraph", "<p>Новая экспозиция занимает восемь залов. Больше всего внимания привлекает аптека "
                              "с оригинальными дубовыми шкафами, которые музей выкупил у частного "
                              "коллекционера.</p>"),
                ("quote", "Мы хотели, чтобы человек зашёл сюда и почувствовал запах старого Подола: дерева, "
                          "лекарств, ткани.",
                 "куратор экспозиции Виктория Левченко"),
                ("paragraph", "<p>Музей работает со среды по воскресенье с 10:00 до 18:00. По четвергам "
                              "школьники и студенты могут посетить его бесплатно.</p>"),
                ("background", "О доме:", [
                    "Построен в 1874 году как доходный дом купца.",
                    "В советское время здесь были коммунальные квартиры.",
                    "Музей получил здание в 2009 году.",
                ]),
                ("read_also", "b-lviv-book-fair"),
            ],
            "en": [
                ("source", "Announced by the museum, as reported by "
                           "<a href=\"https://example.org/kyiv/podil-museum-wing\">Capital Herald</a>"),
                ("details", "<p>The work cost 46m hryvnias, two-thirds of it provided by an international "
                            "heritage fund and the rest by the city budget. Restorers kept the original "
                            "wooden staircases and tiled stoves.</p>"),
                ("paragraph", "<p>The new display fills eight rooms. The highlight is the pharmacy, fitted "
                              "with original oak cabinets the museum bought from a private collector.</p>"),
                ("quote", "We wanted people to walk in and smell old Podil: wood, medicine, fabric.",
                 "exhibition curator Viktoriia Levchenko"),
                ("background", "About the building:", [
                    "Built in 1874 as a merchant’s apartment house.",
                    "It was divided into communal flats in Soviet times.",
                    "The museum moved in in 2009.",
                ]),
            ],
        },
    },
    # 11
    {
        "key": "b-science-grants",
        "section": "news",
        "authors": ["iryna-kovalchuk"],
        "tags": ["наука", "освіта", "бюджет"],
        "photo": "laboratory",
        "important": False,
        "breaking": False,
        "hours_ago": 18.0,
        "languages": {"uk": 0, "ru": 0.4, "en": 1.2},
        "title": {
            "uk": "Національний фонд досліджень профінансує 87 проєктів молодих науковців",
            "ru": "Национальный фонд исследований профинансирует 87 проектов молодых учёных",
            "en": "National Research Foundation to fund 87 projects by young scientists",
        },
        "lead": {
            "uk": (
                "Загальна сума грантів — 312 млн гривень на два роки. Найбільше переможців "
                "у матеріалознавстві, медицині та аграрних науках."
            ),
            "ru": (
                "Общая сумма грантов — 312 млн гривен на два года. Больше всего победителей "
                "в материаловедении, медицине и аграрных науках."
            ),
            "en": (
                "The grants total 312m hryvnias over two years, with most winners working in materials "
                "science, medicine and agricultural science."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Результати конкурсу оприлюднив Національний фонд досліджень на "
                           "<a href=\"https://example.org/research-fund/young-scientists-results\">своєму сайті</a>"),
                ("details", "<p>На конкурс надійшло 1140 заявок від дослідницьких груп, керівникам яких "
                            "не більше 35 років. Максимальний грант — 4,5 млн гривень; частину коштів "
                            "дозволено витратити на обладнання.</p>"),
                ("subheading", "Хто переміг"),
                ("paragraph", "<p>Серед переможців — харківська група, що розробляє біорозкладні плівки "
                              "для теплиць, львівська команда, яка вивчає посухостійкість озимої пшениці, "
                              "і дніпровські фізики, що створюють сенсори для малих супутників.</p>"),
                ("quote", "Уперше за п’ять років ми зможемо купити власний спектрометр, а не возити проби "
                          "до сусіднього інституту.",
                 "керівниця харківської групи, кандидатка хімічних наук Ольга Тимошенко"),
                ("paragraph", "<p>Переможці мають підписати угоди до кінця листопада. Перших проміжних звітів "
                              "фонд чекає за рік.</p>"),
                ("read_also", "b-dnipro-cubesat"),
            ],
            "ru": [
                ("source", "Результаты конкурса обнародовал Национальный фонд исследований на "
                           "<a href=\"https://example.org/research-fund/young-scientists-results\">своём сайте</a>"),
                ("details", "<p>На конкурс поступило 1140 заявок от исследовательских групп, руководителям "
                            "которых не больше 35 лет. Максимальный грант — 4,5 млн гривен; часть средств "
                            "разрешено потратить на оборудование.</p>"),
                ("subheading", "Кто победил"),
                ("paragraph", "<p>Среди победителей — харьковская группа, разрабатывающая биоразлагаемые плёнки "
                              "для теплиц, львовская команда, изучающая засухоустойчивость озимой пшеницы, "
                              "и днепровские физики, создающие сенсоры для малых спутников.</p>"),
                ("quote", "Впервые за пять лет мы сможем купить собственный спектрометр, а не возить пробы "
                          "в соседний институт.",
                 "руководитель харьковской группы, кандидат химических наук Ольга Тимошенко"),
                ("paragraph", "<p>Победители должны подписать соглашения до конца ноября. Первых промежуточных "
                              "отчётов фонд ждёт через год.</p>"),
                ("read_also", "b-dnipro-cubesat"),
            ],
            "en": [
                ("source", "Results published by the National Research Foundation on "
                           "<a href=\"https://example.org/research-fund/young-scientists-results\">its website</a>"),
                ("details", "<p>The call attracted 1,140 applications from research groups led by scientists "
                            "aged 35 or under. The maximum grant is 4.5m hryvnias, part of which may be "
                            "spent on equipment.</p>"),
                ("subheading", "Who won"),
                ("paragraph", "<p>The winners include a Kharkiv group developing biodegradable greenhouse film, "
                              "a Lviv team studying drought tolerance in winter wheat and Dnipro physicists "
                              "building sensors for small satellites.</p>"),
                ("quote", "For the first time in five years we can buy our own spectrometer instead of taking "
                          "samples to the institute next door.",
                 "Olha Tymoshenko, chemist and head of the Kharkiv group"),
                ("paragraph", "<p>Grant agreements must be signed by the end of November, and the foundation "
                              "expects the first interim reports in a year’s time.</p>"),
                ("read_also", "b-dnipro-cubesat"),
            ],
        },
    },
    # 12
    {
        "key": "b-dnipro-cubesat",
        "section": "economy",
        "authors": ["andrii-polishchuk", "iryna-kovalchuk"],
        "tags": ["космос", "стартапи", "технології", "Дніпро"],
        "photo": "laboratory",
        "important": True,
        "breaking": False,
        "hours_ago": 6.0,
        "languages": {"uk": 0, "ru": 0.3, "en": 0.9},
        "title": {
            "uk": "Дніпровський стартап «Орбіта-Лаб» залучив 2,3 млн доларів на перший наносупутник",
            "ru": "Днепровский стартап «Орбита-Лаб» привлёк 2,3 млн долларов на первый наноспутник",
            "en": "Dnipro start-up Orbita-Lab raises $2.3m for its first nanosatellite",
        },
        "lead": {
            "uk": (
                "Кубсат розміром із коробку для взуття вимірюватиме вологість ґрунту на полях. "
                "Запуск запланований на наступну осінь."
            ),
            "ru": (
                "Кубсат размером с обувную коробку будет измерять влажность почвы на полях. "
                "Запуск запланирован на следующую осень."
            ),
            "en": (
                "The shoebox-sized CubeSat will measure soil moisture on farmland, with launch planned "
                "for next autumn."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про інвестиції повідомила компанія, передає "
                           "<a href=\"https://example.org/tech/orbita-lab-round\">«Техно-Стартап»</a>"),
                ("details", "<p>Раунд очолив польський венчурний фонд Vistula Ventures, участь узяли також "
                            "двоє українських бізнес-ангелів. Кошти підуть на виготовлення льотного зразка "
                            "й випробування у вакуумній камері.</p>"),
                ("paragraph", "<p>Команда з 14 інженерів працює в колишньому цеху машинобудівного заводу. "
                              "Більшість — випускники фізико-технічного факультету місцевого університету.</p>"),
                ("quote", "Ми продаватимемо не супутник, а дані: агрохолдинг отримуватиме карту вологості "
                          "своїх полів раз на три дні.",
                 "співзасновник «Орбіта-Лаб» Кирило Мороз"),
                ("photo", "wheat-field"),
                ("subheading", "Як це працюватиме"),
                ("paragraph", "<p>Апарат масою 4 кг виведуть на сонячно-синхронну орбіту висотою близько "
                              "550 км попутним запуском одного з європейських провайдерів. Розрахунковий "
                              "строк служби — три роки.</p>"),
                ("background", "Довідка:", [
                    "Кубсат — стандартизований малий супутник, зібраний із модулів 10×10×10 см.",
                    "Щороку у світі запускають кілька сотень таких апаратів.",
                    "Перші українські кубсати створили студенти ще в 2010-х роках.",
                ]),
            ],
            "ru": [
                ("source", "Об инвестициях сообщила компания, передаёт "
                           "<a href=\"https://example.org/tech/orbita-lab-round\">«Техно-Стартап»</a>"),
                ("details", "<p>Раунд возглавил польский венчурный фонд Vistula Ventures, участие приняли также "
                            "двое украинских бизнес-ангелов. Средства пойдут на изготовление лётного образца "
                            "и испытания в вакуумной камере.</p>"),
                ("paragraph", "<p>Команда из 14 инженеров работает в бывшем цехе машиностроительного завода. "
                              "Большинство — выпускники физико-технического факультета местного университета.</p>"),
                ("quote", "Мы будем продавать не спутник, а данные: агрохолдинг будет получать карту влажности "
                          "своих полей раз в три дня.",
                 "сооснователь «Орбита-Лаб» Кирилл Мороз"),
                ("photo", "wheat-field"),
                ("subheading", "Как это будет работать"),
                ("paragraph", "<p>Аппарат массой 4 кг выведут на солнечно-синхронную орбиту высотой около "
                              "550 км попутным запуском одного из европейских провайдеров. Расчётный срок "
                              "службы — три года.</p>"),
                ("background", "Справка:", [
                    "Кубсат — стандартизированный малый спутник, собранный из модулей 10×10×10 см.",
                    "Ежегодно в мире запускают несколько сотен таких аппаратов.",
                    "Первые украинские кубсаты создали студенты ещё в 2010-х годах.",
                ]),
            ],
            "en": [
                ("source", "Announced by the company, as reported by "
                           "<a href=\"https://example.org/tech/orbita-lab-round\">Techno-Startup</a>"),
                ("details", "<p>The round was led by the Polish venture fund Vistula Ventures, with two "
                            "Ukrainian angel investors taking part. The money will pay for a flight model "
                            "and vacuum-chamber testing.</p>"),
                ("paragraph", "<p>The 14-strong engineering team works in a former machine-building workshop. "
                              "Most are graduates of the local university’s physics and technology "
                              "faculty.</p>"),
                ("quote", "We won’t be selling a satellite, we’ll be selling data: an agricultural holding "
                          "will get a moisture map of its fields every three days.",
                 "Orbita-Lab co-founder Kyrylo Moroz"),
                ("photo", "wheat-field"),
                ("subheading", "How it will work"),
                ("paragraph", "<p>The 4kg spacecraft will ride to a sun-synchronous orbit of about 550km on a "
                              "rideshare launch with a European provider, and is designed to last three "
                              "years.</p>"),
                ("background", "Background:", [
                    "A CubeSat is a standardised small satellite built from 10×10×10cm units.",
                    "Several hundred such satellites are launched worldwide each year.",
                    "Ukrainian students built the country’s first CubeSats back in the 2010s.",
                ]),
            ],
        },
    },
    # 13
    {
        "key": "b-carpathian-trails",
        "section": "articles",
        "authors": ["yurii-tkachenko"],
        "tags": ["Карпати", "туризм", "екологія"],
        "photo": "mountains",
        "important": False,
        "breaking": False,
        "hours_ago": 38.0,
        "languages": {"uk": 0, "ru": 1.5, "en": 6.0},
        "title": {
            "uk": "Нові стежки й нові правила: як Карпати готуються до зимового сезону",
            "ru": "Новые тропы и новые правила: как Карпаты готовятся к зимнему сезону",
            "en": "New trails, new rules: how the Carpathians are getting ready for winter",
        },
        "lead": {
            "uk": (
                "За літо в горах промаркували 120 км стежок, а в заповідних зонах запроваджують "
                "обов’язкову реєстрацію туристичних груп."
            ),
            "ru": (
                "За лето в горах промаркировали 120 км троп, а в заповедных зонах вводят "
                "обязательную регистрацию туристических групп."
            ),
            "en": (
                "Volunteers marked 120km of trails over the summer, and group registration is becoming "
                "compulsory in protected areas."
            ),
        },
        "blocks": {
            "uk": [
                ("paragraph", "<p>Жовтень у Карпатах — час, коли літні туристи вже роз’їхалися, а лижники ще "
                              "не приїхали. Саме тоді громади встигають підготувати стежки, притулки й "
                              "графіки чергування рятувальників. Ми побували у Ворохті, Верховині та "
                              "Славському, щоб дізнатися, що зміниться цієї зими.</p>"),
                ("subheading", "Маркування і притулки"),
                ("paragraph", "<p>Волонтери туристичного клубу «Ґорґани» разом із працівниками національного "
                              "парку промаркували 120 км стежок і відремонтували чотири притулки. На кожному "
                              "роздоріжжі тепер є табличка з QR-кодом, що відкриває офлайн-карту.</p>"),
                ("quote", "Раніше люди губилися на перевалі за кілометр від притулку, бо старі знаки "
                          "вицвіли. Тепер маршрут видно навіть у туман.",
                 "голова туристичного клубу «Ґорґани» Роман Палійчук"),
                ("subheading", "Нові правила"),
                ("paragraph", "<p>У заповідних зонах запроваджують обов’язкову онлайн-реєстрацію груп, а на "
                              "найпопулярніших вершинах кількість відвідувачів у вихідні обмежать "
                              "600 особами на день. Реєстрація безкоштовна, але без неї до зони охорони "
                              "не пустять.</p>"),
                ("background", "Перед походом варто знати:", [
                    "Рятувальників можна викликати за номером 112.",
                    "З грудня прогноз лавинної небезпеки публікуватимуть щоранку.",
                    "У притулках немає постійного опалення, тож потрібен спальник до −10 °C.",
                ]),
                ("read_also", "b-rail-winter-timetable"),
            ],
            "ru": [
                ("paragraph", "<p>Октябрь в Карпатах — время, когда летние туристы уже разъехались, а лыжники ещё "
                              "не приехали. Именно тогда громады успевают подготовить тропы, приюты и графики "
                              "дежурств спасателей. Мы побывали в Ворохте, Верховине и Славском, чтобы узнать, "
                              "что изменится этой зимой.</p>"),
                ("subheading", "Маркировка и приюты"),
                ("paragraph", "<p>Волонтёры туристического клуба «Горганы» вместе с сотрудниками национального "
                              "парка промаркировали 120 км троп и отремонтировали четыре приюта. На каждой "
                              "развилке теперь есть табличка с QR-кодом, открывающим офлайн-карту.</p>"),
                ("quote", "Раньше люди терялись на перевале в километре от приюта, потому что старые знаки "
                          "выцвели. Теперь маршрут видно даже в туман.",
                 "глава туристического клуба «Горганы» Роман Палийчук"),
                ("subheading", "Новые правила"),
                ("paragraph", "<p>В заповедных зонах вводят обязательную онлайн-регистрацию групп, а на самых "
                              "популярных вершинах число посетителей в выходные ограничат 600 людьми в день. "
                              "Регистрация бесплатная, но без неё в зону охраны не пустят.</p>"),
                ("background", "Перед походом стоит знать:", [
                    "Спасателей можно вызвать по номеру 112.",
                    "С декабря прогноз лавинной опасности будут публиковать каждое утро.",
                    "В приютах нет постоянного отопления, поэтому нужен спальник до −10 °C.",
                ]),
                ("read_also", "b-rail-winter-timetable"),
            ],
            "en": [
                ("paragraph", "<p>October in the Carpathians is the lull between the summer hikers and the "
                              "skiers. It is when local communities prepare trails, mountain huts and rescue "
                              "rotas. We visited Vorokhta, Verkhovyna and Slavske to find out what will "
                              "change this winter.</p>"),
                ("subheading", "Waymarks and huts"),
                ("paragraph", "<p>Volunteers from the Gorgany hiking club and national park staff marked 120km "
                              "of trails and repaired four huts. Every junction now has a sign with a QR code "
                              "linking to an offline map.</p>"),
                ("quote", "People used to get lost on the pass a kilometre from the hut because the old "
                          "markings had faded. Now you can follow the route even in fog.",
                 "Roman Paliichuk, head of the Gorgany hiking club"),
                ("paragraph", "<p>Online registration for groups is becoming compulsory in protected areas, and "
                              "weekend visitor numbers on the most popular peaks will be capped at 600 a day. "
                              "Registration is free, but without it you will be turned away.</p>"),
                ("background", "Before you go:", [
                    "Mountain rescue can be reached on 112.",
                    "Avalanche forecasts will be published every morning from December.",
                    "The huts are unheated, so bring a sleeping bag rated to −10°C.",
                ]),
            ],
        },
    },
    # 14
    {
        "key": "b-black-sea-dolphins",
        "section": "news",
        "authors": ["yurii-tkachenko", "iryna-kovalchuk"],
        "tags": ["Чорне море", "екологія", "волонтери", "наука", "Одеса"],
        "photo": None,
        "important": False,
        "breaking": False,
        "hours_ago": 56.0,
        "languages": {"uk": 0},
        "title": {
            "uk": "Науковці й волонтери порахували дельфінів біля одеського узбережжя та прибрали 3 тонни сміття",
        },
        "lead": {
            "uk": (
                "Осінній моніторинг зафіксував 212 дельфінів на ділянці від Затоки до Григорівського "
                "лиману — більше, ніж торік."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про результати повідомили в Інституті морської біології, передає "
                           "<a href=\"https://example.org/green/dolphin-count\">«Зелений портал»</a>"),
                ("details", "<p>Облік тривав тиждень: науковці спостерігали з трьох човнів і двох дронів. "
                            "Найчастіше фіксували афалін, рідше — морських свиней.</p>"),
                ("paragraph", "<p>Паралельно понад 300 волонтерів прибрали 14 пляжів. Найбільше зібрали "
                              "пластикових пляшок і покинутих рибальських сіток — їх передадуть "
                              "на переробку.</p>"),
                ("quote", "Тварин біля берега більше передусім тому, що восени сюди заходять зграї хамси. "
                          "Робити висновки про всю популяцію ще зарано.",
                 "науковий співробітник інституту, біолог Андрій Стоянов"),
                ("paragraph", "<p>Дані передадуть до міжнародної бази спостережень за китоподібними "
                              "Чорного моря. Наступний облік заплановано на квітень.</p>"),
                ("background", "", [
                    "У Чорному морі живуть три види дельфінів: афаліна, білобочка та морська свиня.",
                    "Усі три види занесені до Червоної книги України.",
                    "Якщо побачили дельфіна на березі, не штовхайте його у воду, а зателефонуйте "
                    "на гарячу лінію інституту.",
                ]),
            ],
        },
    },
    # 15
    {
        "key": "b-court-agro-trading",
        "section": "news",
        "authors": ["taras-hnatiuk"],
        "tags": ["суди", "зерно", "економіка"],
        "photo": "press-briefing",
        "important": False,
        "breaking": False,
        "hours_ago": 23.0,
        "languages": {"uk": 0, "ru": 0.7},
        "title": {
            "uk": "Апеляційний суд підтвердив стягнення 38 млн гривень з агротрейдера «Степ-Експорт»",
            "ru": "Апелляционный суд подтвердил взыскание 38 млн гривен с агротрейдера «Степ-Экспорт»",
        },
        "lead": {
            "uk": (
                "Компанія намагалася оскаржити висновки податкової перевірки щодо відшкодування ПДВ "
                "за експорт ячменю."
            ),
            "ru": (
                "Компания пыталась оспорить выводы налоговой проверки по возмещению НДС "
                "за экспорт ячменя."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про рішення стало відомо з "
                           "<a href=\"https://example.org/court-registry/step-export\">реєстру судових рішень</a>"),
                ("details", "<p>Податківці встановили, що за два роки компанія заявила до відшкодування ПДВ "
                            "за поставки, частину яких насправді здійснювали інші експортери. Суд першої "
                            "інстанції погодився з ними ще навесні.</p>"),
                ("paragraph", "<p>В апеляційній скарзі «Степ-Експорт» наполягав, що всі договори були реальними, "
                              "а зерно фізично проходило через його склади на Миколаївщині. Колегія суддів "
                              "дійшла висновку, що документів для цього недостатньо: у накладних не збігалися "
                              "номери вагонів і дати відвантаження.</p>"),
                ("quote", "Ми не погоджуємося з рішенням і готуємо касаційну скаргу.",
                 "адвокат компанії Сергій Пасічник"),
                ("paragraph", "<p>Постанова набрала законної сили з моменту ухвалення. Касаційну скаргу "
                              "компанія може подати протягом 30 днів.</p>"),
                ("background", "Про компанію:", [
                    "«Степ-Експорт» зареєстрована в Одесі 2016 року.",
                    "За даними відкритих реєстрів, торік компанія експортувала близько 400 тисяч тонн зерна.",
                    "Вона має ще два податкові спори на загальну суму 6 млн гривень.",
                ]),
            ],
            "ru": [
                ("source", "О решении стало известно из "
                           "<a href=\"https://example.org/court-registry/step-export\">реестра судебных решений</a>"),
                ("details", "<p>Налоговики установили, что за два года компания заявила к возмещению НДС "
                            "по поставкам, часть которых на самом деле осуществляли другие экспортёры. Суд "
                            "первой инстанции согласился с ними ещё весной.</p>"),
                ("paragraph", "<p>В апелляционной жалобе «Степ-Экспорт» настаивал, что все договоры были "
                              "реальными, а зерно физически проходило через его склады в Николаевской области. "
                              "Коллегия судей пришла к выводу, что документов для этого недостаточно: в "
                              "накладных не совпадали номера вагонов и даты отгрузки.</p>"),
                ("quote", "Мы не согласны с решением и готовим кассационную жалобу.",
                 "адвокат компании Сергей Пасечник"),
                ("paragraph", "<p>Постановление вступило в законную силу с момента принятия. Кассационную жалобу "
                              "компания может подать в течение 30 дней.</p>"),
                ("background", "О компании:", [
                    "«Степ-Экспорт» зарегистрирована в Одессе в 2016 году.",
                    "По данным открытых реестров, в прошлом году компания экспортировала около 400 тысяч тонн зерна.",
                    "У неё есть ещё два налоговых спора на общую сумму 6 млн гривен.",
                ]),
            ],
        },
    },
    # 16
    {
        "key": "b-road-agency-audit",
        "section": "articles",
        "authors": ["svitlana-lytvyn", "oksana-melnychuk"],
        "tags": ["корупція", "відбудова", "бюджет", "транспорт"],
        "photo": "press-briefing",
        "important": True,
        "breaking": False,
        "hours_ago": 10.0,
        "languages": {"uk": 0, "ru": 0.5, "en": 3.0},
        "title": {
            "uk": "Аудитори знайшли 112 млн гривень переплат у мостовому агентстві «Центрміст»",
            "ru": "Аудиторы нашли 112 млн гривен переплат в мостовом агентстве «Центрмост»",
            "en": "Auditors find 112m hryvnias of overpayments at bridge agency Tsentrmist",
        },
        "lead": {
            "uk": (
                "Рахункова палата перевірила 19 контрактів на ремонт мостів: у більшості з них "
                "вартість матеріалів завищено в середньому на 27%."
            ),
            "ru": (
                "Счётная палата проверила 19 контрактов на ремонт мостов: в большинстве из них "
                "стоимость материалов завышена в среднем на 27%."
            ),
            "en": (
                "The Accounting Chamber examined 19 bridge repair contracts and found materials were "
                "overpriced by an average of 27% in most of them."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Звіт оприлюднила Рахункова палата, з документом ознайомилися журналісти "
                           "<a href=\"https://example.org/open-budget/tsentrmist-audit\">«Прозорого бюджету»</a>"),
                ("details", "<p>Аудит охопив роботи за останні два роки на загальну суму 640 млн гривень. "
                            "Агентство «Центрміст» відповідає за ремонт і утримання мостів у трьох "
                            "областях центральної України.</p>"),
                ("subheading", "Що знайшли аудитори"),
                ("paragraph", "<p>Основні порушення, за даними звіту:</p><ul><li>бітум і арматуру закуповували "
                              "за цінами, вищими за середньоринкові на 18–40%;</li><li>у шести випадках обсяги "
                              "робіт в актах не відповідали фактичним;</li><li>два мости прийняли в "
                              "експлуатацію без обов’язкових випробувань навантаженням.</li></ul>"),
                ("quote", "Агентство не погоджується з частиною висновків і надасть пояснення щодо кожного "
                          "контракту. Ціни на бітум і метал у той період справді стрімко зростали.",
                 "речниця агентства «Центрміст» Інна Бойко"),
                ("paragraph", "<p>Громадські експерти зауважують, що проблема не лише в цінах. За їхніми "
                              "словами, у більшості тендерів був лише один учасник, а технічні вимоги "
                              "писали так, що конкурентам було складно подати пропозицію.</p>"),
                ("quote", "Коли на тендер на мільйони гривень приходить одна компанія, це сигнал не для "
                          "аудиторів, а для замовника, який мав би переглянути умови.",
                 "аналітик громадської організації «Дорожній контроль» Павло Гуменюк"),
                ("background", "Що далі:", [
                    "Агентство має 60 днів, щоб звітувати про виконання рекомендацій.",
                    "Матеріали щодо чотирьох контрактів передано правоохоронним органам.",
                    "Усі 19 тендерів можна переглянути в системі публічних закупівель.",
                ]),
                ("read_also", "b-budget-first-reading"),
            ],
            "ru": [
                ("source", "Отчёт обнародовала Счётная палата, с документом ознакомились журналисты "
                           "<a href=\"https://example.org/open-budget/tsentrmist-audit\">«Прозрачного бюджета»</a>"),
                ("details", "<p>Аудит охватил работы за последние два года на общую сумму 640 млн гривен. "
                            "Агентство «Центрмост» отвечает за ремонт и содержание мостов в трёх областях "
                            "центральной Украины.</p>"),
                ("subheading", "Что нашли аудиторы"),
                ("paragraph", "<p>Основные нарушения, по данным отчёта:</p><ul><li>битум и арматуру закупали "
                              "по ценам выше среднерыночных на 18–40%;</li><li>в шести случаях объёмы работ "
                              "в актах не соответствовали фактическим;</li><li>два моста приняли в "
                              "эксплуатацию без обязательных испытаний нагрузкой.</li></ul>"),
                ("quote", "Агентство не согласно с частью выводов и предоставит пояснения по каждому "
                          "контракту. Цены на битум и металл в тот период действительно стремительно росли.",
                 "пресс-секретарь агентства «Центрмост» Инна Бойко"),
                ("paragraph", "<p>Общественные эксперты отмечают, что проблема не только в ценах. По их словам, "
                              "в большинстве тендеров был лишь один участник, а технические требования "
                              "составляли так, что конкурентам было сложно подать предложение.</p>"),
                ("quote", "Когда на тендер на миллионы гривен приходит одна компания, это сигнал не для "
                          "аудиторов, а для заказчика, который должен был бы пересмотреть условия.",
                 "аналитик общественной организации «Дорожный контроль» Павел Гуменюк"),
                ("background", "Что дальше:", [
                    "У агентства есть 60 дней, чтобы отчитаться о выполнении рекомендаций.",
                    "Материалы по четырём контрактам переданы правоохранительным органам.",
                    "Все 19 тендеров можно просмотреть в системе публичных закупок.",
                ]),
                ("read_also", "b-budget-first-reading"),
            ],
            "en": [
                ("source", "The report was published by the Accounting Chamber and reviewed by journalists at "
                           "<a href=\"https://example.org/open-budget/tsentrmist-audit\">Open Budget</a>"),
                ("details", "<p>The audit covered two years of work worth 640m hryvnias in total. Tsentrmist "
                            "is responsible for repairing and maintaining bridges in three regions of "
                            "central Ukraine.</p>"),
                ("subheading", "What the auditors found"),
                ("paragraph", "<p>The main findings:</p><ul><li>bitumen and reinforcing steel were bought at "
                              "18–40% above average market prices;</li><li>in six cases the work signed off "
                              "did not match what was actually done;</li><li>two bridges were reopened "
                              "without the mandatory load tests.</li></ul>"),
                ("quote", "The agency disagrees with some of the findings and will explain each contract. "
                          "Bitumen and steel prices really did rise sharply at the time.",
                 "Tsentrmist spokeswoman Inna Boiko"),
                ("paragraph", "<p>Campaigners say prices are not the only problem: most tenders drew a single "
                              "bidder, and technical requirements were written in a way that made it hard "
                              "for competitors to take part.</p>"),
                ("quote", "When only one company bids for a contract worth millions, that is a signal not "
                          "for the auditors but for the client, who ought to rethink the terms.",
                 "Pavlo Humeniuk, analyst at the NGO Road Watch"),
                ("background", "What happens next:", [
                    "The agency has 60 days to report on how it has acted on the recommendations.",
                    "Files on four contracts have been passed to law enforcement.",
                    "All 19 tenders can be viewed in the public procurement system.",
                ]),
                ("read_also", "b-budget-first-reading"),
            ],
        },
    },
    # 17
    {
        "key": "b-school-heat-pumps",
        "section": "articles",
        "authors": ["iryna-kovalchuk"],
        "tags": ["енергетика", "освіта", "Харків"],
        "photo": "power-lines",
        "important": False,
        "breaking": False,
        "hours_ago": 47.0,
        "languages": {"uk": 0, "ru": 0.8, "en": None},
        "title": {
            "uk": "Тепловий насос замість котельні: три школи Харківщини скоротили витрати на опалення на 40%",
            "ru": "Тепловой насос вместо котельной: три школы Харьковщины сократили расходы на отопление на 40%",
            "en": "Heat pumps instead of boilers: three Kharkiv-region schools cut heating bills by 40%",
        },
        "lead": {
            "uk": (
                "Пілотний проєкт громади профінансували міжнародний фонд і місцевий бюджет. "
                "Тепер досвід хочуть поширити ще на 20 закладів."
            ),
            "ru": (
                "Пилотный проект громады профинансировали международный фонд и местный бюджет. "
                "Теперь опыт хотят распространить ещё на 20 учреждений."
            ),
            "en": (
                "The pilot was paid for by an international fund and the local budget, and the community "
                "now wants to extend it to 20 more buildings."
            ),
        },
        "blocks": {
            "uk": [
                ("paragraph", "<p>Ще минулої зими директорка ліцею в селищі Зелений Гай щомісяця рахувала, "
                              "на скільки тижнів вистачить вугілля. Цієї осені котельня стоїть холодна, "
                              "а в класах тепло: опалення забезпечує тепловий насос.</p>"),
                ("subheading", "Як це працює"),
                ("details", "<p>У кожній із трьох шкіл установили повітряний тепловий насос потужністю "
                            "120 кВт і сонячні панелі на даху. Старі котли залишили як резервні на випадок "
                            "сильних морозів.</p>"),
                ("quote", "Торік ми заплатили за тепло 1,2 млн гривень, цьогоріч розраховуємо на трохи більше "
                          "ніж 700 тисяч. А в класах стабільно 20 градусів.",
                 "директорка Зеленогайського ліцею Людмила Коваленко"),
                ("embed", "https://youtu.be/Ht9PmpSch0L"),
                ("subheading", "Скільки це коштує"),
                ("paragraph", "<p>Обладнання для трьох шкіл коштувало 21 млн гривень: 70% надав міжнародний "
                              "фонд енергоефективності, решту — громада. За розрахунками інженерів, "
                              "вкладення окупляться за сім років.</p>"),
                ("background", "", [
                    "Тепловий насос забирає тепло з повітря, ґрунту чи води й переносить його в будівлю.",
                    "На 1 кВт·год електроенергії він дає 3–4 кВт·год тепла.",
                    "У громаді 23 навчальні заклади, 17 із них досі опалюють вугіллям або газом.",
                ]),
            ],
            "ru": [
                ("paragraph", "<p>Ещё прошлой зимой директор лицея в посёлке Зелёный Гай каждый месяц считала, "
                              "на сколько недель хватит угля. Этой осенью котельная стоит холодной, "
                              "а в классах тепло: отопление обеспечивает тепловой насос.</p>"),
                ("subheading", "Как это работает"),
                ("details", "<p>В каждой из трёх школ установили воздушный тепловой насос мощностью 120 кВт "
                            "и солнечные панели на крыше. Старые котлы оставили как резервные на случай "
                            "сильных морозов.</p>"),
                ("quote", "В прошлом году мы заплатили за тепло 1,2 млн гривен, в этом рассчитываем на чуть "
                          "больше 700 тысяч. А в классах стабильно 20 градусов.",
                 "директор Зеленогайского лицея Людмила Коваленко"),
                ("embed", "https://youtu.be/Ht9PmpSch0L"),
                ("subheading", "Сколько это стоит"),
                ("paragraph", "<p>Оборудование для трёх школ стоило 21 млн гривен: 70% предоставил "
                              "международный фонд энергоэффективности, остальное — громада. По расчётам "
                              "инженеров, вложения окупятся за семь лет.</p>"),
                ("background", "", [
                    "Тепловой насос забирает тепло из воздуха, грунта или воды и переносит его в здание.",
                    "На 1 кВт·ч электроэнергии он даёт 3–4 кВт·ч тепла.",
                    "В громаде 23 учебных заведения, 17 из них до сих пор отапливают углём или газом.",
                ]),
            ],
            "en": [
                ("paragraph", "<p>Last winter the head of the lyceum in the village of Zelenyi Hai was counting "
                              "each month how many weeks of coal she had left. This autumn the boiler house "
                              "is cold, yet the classrooms are warm: a heat pump now does the job.</p>"),
                ("details", "<p>Each of the three schools has a 120kW air-source heat pump and solar panels on "
                            "the roof. The old boilers remain as back-up for hard frosts.</p>"),
                ("quote", "Last year we paid 1.2m hryvnias for heating; this year we expect a little over "
                          "700,000. And the classrooms are a steady 20 degrees.",
                 "Liudmyla Kovalenko, head of the Zelenyi Hai lyceum"),
                ("paragraph", "<p>The equipment for the three schools cost 21m hryvnias, 70% of it from an "
                              "international energy efficiency fund. Engineers expect it to pay for itself "
                              "in seven years.</p>"),
                ("background", "", [
                    "A heat pump draws heat from air, ground or water and moves it into a building.",
                    "It delivers 3–4kWh of heat for every 1kWh of electricity.",
                    "Seventeen of the community’s 23 schools and nurseries still burn coal or gas.",
                ]),
            ],
        },
    },
    # 18
    {
        "key": "b-budget-first-reading",
        "section": "news",
        "authors": ["svitlana-lytvyn", "taras-hnatiuk"],
        "tags": ["Верховна Рада", "бюджет", "уряд", "освіта"],
        "photo": "parliament-hall",
        "important": True,
        "breaking": True,
        "hours_ago": 1.2,
        "languages": {"uk": 0, "ru": 0.2, "en": 0.8},
        "title": {
            "uk": "Верховна Рада ухвалила проєкт бюджету на наступний рік у першому читанні",
            "ru": "Верховная Рада приняла проект бюджета на следующий год в первом чтении",
            "en": "Parliament passes next year’s draft budget at first reading",
        },
        "lead": {
            "uk": (
                "За документ проголосували 256 народних депутатів. До другого читання уряд має врахувати "
                "пропозиції щодо фінансування освіти та місцевих бюджетів."
            ),
            "ru": (
                "За документ проголосовали 256 народных депутатов. Ко второму чтению правительство должно "
                "учесть предложения по финансированию образования и местных бюджетов."
            ),
            "en": (
                "The bill was backed by 256 MPs. Before the second reading the government must take "
                "account of proposals on education spending and local budgets."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Результати голосування оприлюднено на сайті парламенту, трансляцію засідання вів "
                           "<a href=\"https://example.org/parliament/budget-first-reading\">«Парламентський канал»</a>"),
                ("details", "<p>Доходи загального фонду заплановано на рівні 1,98 трлн гривень, видатки — "
                            "2,87 трлн. Дефіцит покриватимуть переважно за рахунок міжнародної фінансової "
                            "допомоги та внутрішніх запозичень.</p>"),
                ("paragraph", "<p>Бюджетний комітет отримав понад 1,6 тисячі поправок. Найбільше пропозицій "
                              "стосуються підвищення зарплат учителям, субвенцій громадам на ремонт шкіл "
                              "і відбудову житла.</p>"),
                ("quote", "Ми підтримали документ за основу, але до другого читання наполягатимемо на "
                          "збільшенні освітньої субвенції щонайменше на 8 мільярдів.",
                 "народна депутатка, членкиня бюджетного комітету Ніна Гаврилюк"),
                ("embed", "https://x.com/parliament_live_ua/status/1852210000000000001"),
                ("paragraph", "<p>Друге читання заплановане на середину листопада. Бюджетний кодекс вимагає "
                              "ухвалити кошторис держави до 1 грудня.</p>"),
                ("background", "Ключові показники проєкту:", [
                    "мінімальна зарплата з 1 січня — 8 600 гривень;",
                    "прогноз інфляції на кінець року — 9,5%;",
                    "видатки на освіту — 198 млрд гривень.",
                ]),
                ("read_also", "b-road-agency-audit"),
            ],
            "ru": [
                ("source", "Результаты голосования опубликованы на сайте парламента, трансляцию заседания вёл "
                           "<a href=\"https://example.org/parliament/budget-first-reading\">«Парламентский канал»</a>"),
                ("details", "<p>Доходы общего фонда запланированы на уровне 1,98 трлн гривен, расходы — "
                            "2,87 трлн. Дефицит будут покрывать преимущественно за счёт международной "
                            "финансовой помощи и внутренних заимствований.</p>"),
                ("paragraph", "<p>Бюджетный комитет получил более 1,6 тысячи поправок. Больше всего предложений "
                              "касаются повышения зарплат учителям, субвенций громадам на ремонт школ "
                              "и восстановление жилья.</p>"),
                ("quote", "Мы поддержали документ за основу, но ко второму чтению будем настаивать на "
                          "увеличении образовательной субвенции минимум на 8 миллиардов.",
                 "народный депутат, член бюджетного комитета Нина Гаврилюк"),
                ("embed", "https://x.com/parliament_live_ua/status/1852210000000000001"),
                ("paragraph", "<p>Второе чтение запланировано на середину ноября. Бюджетный кодекс требует "
                              "принять смету государства до 1 декабря.</p>"),
                ("background", "Ключевые показатели проекта:", [
                    "минимальная зарплата с 1 января — 8 600 гривен;",
                    "прогноз инфляции на конец года — 9,5%;",
                    "расходы на образование — 198 млрд гривен.",
                ]),
                ("read_also", "b-road-agency-audit"),
            ],
            "en": [
                ("source", "Voting results were published on parliament’s website; the session was broadcast by "
                           "<a href=\"https://example.org/parliament/budget-first-reading\">Parliament TV</a>"),
                ("details", "<p>General fund revenue is projected at 1.98tn hryvnias and spending at 2.87tn. "
                            "The deficit is to be financed mainly through international financial aid "
                            "and domestic borrowing.</p>"),
                ("paragraph", "<p>The budget committee received more than 1,600 amendments, most of them on "
                              "teachers’ pay, grants to communities for school repairs and housing "
                              "reconstruction.</p>"),
                ("quote", "We backed the bill in principle, but before the second reading we will push for "
                          "the education grant to rise by at least 8bn.",
                 "Nina Havryliuk, MP and member of the budget committee"),
                ("paragraph", "<p>The second reading is scheduled for mid-November. The Budget Code requires "
                              "the state budget to be adopted by 1 December.</p>"),
                ("background", "Key figures in the draft:", [
                    "minimum wage from 1 January — 8,600 hryvnias;",
                    "year-end inflation forecast — 9.5%;",
                    "education spending — 198bn hryvnias.",
                ]),
            ],
        },
    },
    # 19
    {
        "key": "b-air-defence-simulator",
        "section": "news",
        "authors": ["oksana-melnychuk"],
        "tags": ["ППО", "волонтери", "армія", "Дніпро"],
        "photo": "city-skyline",
        "important": False,
        "breaking": False,
        "hours_ago": 29.5,
        "languages": {"uk": 0, "ru": 0.5, "en": 2.0},
        "title": {
            "uk": "Волонтери Дніпра за місяць зібрали 6,4 млн гривень на тренажер для операторів ППО",
            "ru": "Волонтёры Днепра за месяц собрали 6,4 млн гривен на тренажёр для операторов ПВО",
            "en": "Dnipro volunteers raise 6.4m hryvnias in a month for an air defence training simulator",
        },
        "lead": {
            "uk": (
                "Комп’ютерний тренажер дасть змогу курсантам навчального центру відпрацьовувати дії "
                "на симуляторі, а не на справжній техніці."
            ),
            "ru": (
                "Компьютерный тренажёр позволит курсантам учебного центра отрабатывать действия "
                "на симуляторе, а не на настоящей технике."
            ),
            "en": (
                "The computer simulator will let trainees at a training centre practise on screens "
                "rather than on real equipment."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про завершення збору повідомив благодійний фонд «Дніпровський щит» у "
                           "<a href=\"https://t.me/dnipro_shield_fund/905\">Telegram-каналі</a>"),
                ("details", "<p>Збір тривав 31 день, у ньому взяли участь понад 18 тисяч донорів. Найбільший "
                            "внесок — 400 тисяч гривень — зробила місцева ІТ-компанія, решта — невеликі "
                            "перекази від 50 до 500 гривень.</p>"),
                ("paragraph", "<p>Тренажер розробила українська інженерна компанія. Він складається з двох "
                              "робочих місць оператора, сервера й програми, що моделює різні погодні умови. "
                              "Передати його навчальному центру планують у грудні.</p>"),
                ("quote", "Кожна година на тренажері — це менше зношення справжньої техніки й краще "
                          "підготовлені екіпажі.",
                 "співзасновниця фонду «Дніпровський щит» Тетяна Рибак"),
                ("embed", "https://t.me/dnipro_shield_fund/905"),
                ("paragraph", "<p>Фонд публікує звіти про кожен збір. Після передачі тренажера організатори "
                              "обіцяють оприлюднити акт приймання-передачі та відео з навчального центру.</p>"),
                ("background", "Про фонд:", [
                    "Працює з 2015 року.",
                    "Закрив 46 зборів на загальну суму понад 90 млн гривень.",
                    "Щороку звітність фонду перевіряє незалежний аудитор.",
                ]),
            ],
            "ru": [
                ("source", "О завершении сбора сообщил благотворительный фонд «Днепровский щит» в "
                           "<a href=\"https://t.me/dnipro_shield_fund/905\">Telegram-канале</a>"),
                ("details", "<p>Сбор длился 31 день, в нём приняли участие более 18 тысяч доноров. Самый крупный "
                            "взнос — 400 тысяч гривен — сделала местная IT-компания, остальное — небольшие "
                            "переводы от 50 до 500 гривен.</p>"),
                ("paragraph", "<p>Тренажёр разработала украинская инженерная компания. Он состоит из двух "
                              "рабочих мест оператора, сервера и программы, моделирующей разные погодные "
                              "условия. Передать его учебному центру планируют в декабре.</p>"),
                ("quote", "Каждый час на тренажёре — это меньший износ настоящей техники и лучше "
                          "подготовленные экипажи.",
                 "соосновательница фонда «Днепровский щит» Татьяна Рыбак"),
                ("embed", "https://t.me/dnipro_shield_fund/905"),
                ("paragraph", "<p>Фонд публикует отчёты о каждом сборе. После передачи тренажёра организаторы "
                              "обещают обнародовать акт приёма-передачи и видео из учебного центра.</p>"),
                ("background", "О фонде:", [
                    "Работает с 2015 года.",
                    "Закрыл 46 сборов на общую сумму более 90 млн гривен.",
                    "Ежегодно отчётность фонда проверяет независимый аудитор.",
                ]),
            ],
            "en": [
                ("source", "The Dnipro Shield charity announced the end of the appeal on its "
                           "<a href=\"https://t.me/dnipro_shield_fund/905\">Telegram channel</a>"),
                ("details", "<p>The appeal ran for 31 days and drew more than 18,000 donors. The largest gift, "
                            "400,000 hryvnias, came from a local IT company; the rest was small transfers "
                            "of 50 to 500 hryvnias.</p>"),
                ("paragraph", "<p>The simulator was designed by a Ukrainian engineering firm and consists of two "
                              "operator workstations, a server and software that models different weather "
                              "conditions. It is due to be handed over to the training centre in "
                              "December.</p>"),
                ("quote", "Every hour on the simulator means less wear on real equipment and better-trained "
                          "crews.",
                 "Tetiana Rybak, co-founder of the Dnipro Shield charity"),
                ("embed", "https://t.me/dnipro_shield_fund/905"),
                ("paragraph", "<p>The charity publishes a report on every appeal and has promised to release "
                              "the handover certificate and footage from the training centre.</p>"),
                ("background", "About the charity:", [
                    "Founded in 2015.",
                    "Has completed 46 appeals raising more than 90m hryvnias.",
                    "Its accounts are checked by an independent auditor every year.",
                ]),
            ],
        },
    },
    # 20
    {
        "key": "b-first-frost",
        "section": "news",
        "authors": ["yurii-tkachenko"],
        "tags": ["погода", "сільське господарство"],
        "photo": None,
        "important": False,
        "breaking": False,
        "hours_ago": 4.8,
        "languages": {"uk": 0},
        "title": {
            "uk": "Синоптики попереджають про перші заморозки: уночі на півночі та сході до −4 °C",
        },
        "lead": {
            "uk": (
                "Похолодання прийде в ніч проти четверга. Аграріям радять захистити пізні овочі, "
                "а водіям — подбати про зимові шини."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Прогноз оприлюднив Український гідрометеорологічний центр, повідомляє "
                           "<a href=\"https://example.org/weather/first-frost\">«Погода сьогодні»</a>"),
                ("details", "<p>У ночі проти четверга та п’ятниці на Чернігівщині, Сумщині, Харківщині та Полтавщині "
                            "температура повітря знизиться до −1…−4 °C, на поверхні ґрунту — до −6 °C. "
                            "На решті території вночі від 0 до +5 °C.</p>"),
                ("paragraph", "<p>Удень переважно сухо й сонячно, +8…+12 °C. На вихідні прогнозують "
                              "потепління на півдні до +14 °C.</p>"),
                ("quote", "Перші заморозки в середині жовтня — звичайна річ для цих регіонів. Незвичним "
                          "цього року був хіба що надто теплий початок місяця.",
                 "синоптикиня Галина Сидоряк"),
                ("paragraph", "<p>Агрономи радять до четверга зібрати пізню капусту й перець або накрити "
                              "грядки агроволокном. Озимим культурам легкі морози, навпаки, не зашкодять: "
                              "вони допомагають рослинам загартуватися перед зимою.</p>"),
                ("read_also", "b-harvest-results"),
            ],
        },
    },
    # 21
    {
        "key": "b-bank-cyber-drill",
        "section": "news",
        "authors": ["andrii-polishchuk"],
        "tags": ["кібербезпека", "банки", "технології"],
        "photo": "press-briefing",
        "important": False,
        "breaking": False,
        "hours_ago": 36.0,
        "languages": {"uk": 0, "ru": 0.4, "en": 2.5},
        "title": {
            "uk": "Банки провели спільні кібернавчання: умовну атаку на платіжну систему відбили за 47 хвилин",
            "ru": "Банки провели совместные киберучения: условную атаку на платёжную систему отбили за 47 минут",
            "en": "Banks hold joint cyber exercise, repelling a simulated payment system attack in 47 minutes",
        },
        "lead": {
            "uk": (
                "У дводенних навчаннях узяли участь 28 банків і три платіжні оператори. Сценарій "
                "поєднував DDoS-атаку та фішингову розсилку клієнтам."
            ),
            "ru": (
                "В двухдневных учениях приняли участие 28 банков и три платёжных оператора. Сценарий "
                "сочетал DDoS-атаку и фишинговую рассылку клиентам."
            ),
            "en": (
                "Twenty-eight banks and three payment operators took part in the two-day exercise, which "
                "combined a DDoS attack with a phishing campaign aimed at customers."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про результати повідомили організатори навчань, передає "
                           "<a href=\"https://example.org/it-review/bank-cyber-drill\">«ІТ-Огляд»</a>"),
                ("details", "<p>Навчання проводили на тестовій інфраструктурі, тому реальні клієнти їх не "
                            "помітили. Команди банків не знали сценарію заздалегідь: про «атаку» вони "
                            "дізнавалися з моніторингових систем, як і в справжній ситуації.</p>"),
                ("subheading", "Що перевіряли"),
                ("paragraph", "<p>Учасники відпрацьовували три завдання:</p><ul><li>утримати роботу "
                              "інтернет-банкінгу під навантаженням;</li><li>заблокувати фішингові сайти, що "
                              "імітують сторінки банків;</li><li>оперативно обмінятися даними про загрозу "
                              "з іншими установами.</li></ul>"),
                ("quote", "Найслабшим місцем виявилися не сервери, а комунікація: деякі банки майже годину "
                          "з’ясовували, кому телефонувати в інших установах.",
                 "керівник навчань, експерт із кібербезпеки Євген Литвиненко"),
                ("paragraph", "<p>За підсумками організатори рекомендують банкам створити єдиний захищений "
                              "канал для обміну інформацією про інциденти та проводити такі навчання "
                              "двічі на рік.</p>"),
                ("background", "Як захиститися від фішингу:", [
                    "Банк ніколи не просить CVV-код і пароль із SMS.",
                    "Перевіряйте адресу сайту, перш ніж вводити дані картки.",
                    "Якщо сумніваєтеся, зателефонуйте за номером, указаним на звороті картки.",
                ]),
                ("read_also", "b-lviv-demo-day"),
            ],
            "ru": [
                ("source", "О результатах сообщили организаторы учений, передаёт "
                           "<a href=\"https://example.org/it-review/bank-cyber-drill\">«ИТ-Обзор»</a>"),
                ("details", "<p>Учения проводили на тестовой инфраструктуре, поэтому реальные клиенты их не "
                            "заметили. Команды банков не знали сценарий заранее: об «атаке» они узнавали "
                            "из систем мониторинга, как и в настоящей ситуации.</p>"),
                ("subheading", "Что проверяли"),
                ("paragraph", "<p>Участники отрабатывали три задачи:</p><ul><li>сохранить работу "
                              "интернет-банкинга под нагрузкой;</li><li>заблокировать фишинговые сайты, "
                              "имитирующие страницы банков;</li><li>оперативно обменяться данными об угрозе "
                              "с другими учреждениями.</li></ul>"),
                ("quote", "Самым слабым местом оказались не серверы, а коммуникация: некоторые банки почти час "
                          "выясняли, кому звонить в других учреждениях.",
                 "руководитель учений, эксперт по кибербезопасности Евгений Литвиненко"),
                ("paragraph", "<p>По итогам организаторы рекомендуют банкам создать единый защищённый канал "
                              "для обмена информацией об инцидентах и проводить такие учения дважды "
                              "в год.</p>"),
                ("background", "Как защититься от фишинга:", [
                    "Банк никогда не просит CVV-код и пароль из SMS.",
                    "Проверяйте адрес сайта, прежде чем вводить данные карты.",
                    "Если сомневаетесь, позвоните по номеру, указанному на обороте карты.",
                ]),
                ("read_also", "b-lviv-demo-day"),
            ],
            "en": [
                ("source", "Results announced by the exercise organisers, as reported by "
                           "<a href=\"https://example.org/it-review/bank-cyber-drill\">IT Review</a>"),
                ("details", "<p>The exercise ran on test infrastructure, so real customers were unaffected. "
                            "Bank teams were not told the scenario in advance and learned of the "
                            "“attack” from their monitoring systems, just as they would in reality.</p>"),
                ("paragraph", "<p>Participants had three tasks: keep online banking running under heavy load, "
                              "take down phishing sites imitating bank pages, and share threat data quickly "
                              "with other institutions.</p>"),
                ("quote", "The weakest point wasn’t the servers but communication: some banks spent almost "
                          "an hour working out whom to call at other institutions.",
                 "exercise lead and cybersecurity expert Yevhen Lytvynenko"),
                ("paragraph", "<p>The organisers recommend a single secure channel for sharing incident "
                              "information and holding such exercises twice a year.</p>"),
                ("background", "How to protect yourself from phishing:", [
                    "Your bank will never ask for your CVV or a password sent by text message.",
                    "Check the website address before entering card details.",
                    "If in doubt, call the number on the back of your card.",
                ]),
            ],
        },
    },
    # 22
    {
        "key": "b-sanctions-conference",
        "section": "news",
        "authors": ["svitlana-lytvyn"],
        "tags": ["санкції", "дипломатія", "ЄС", "Київ"],
        "photo": "parliament-hall",
        "important": False,
        "breaking": False,
        "hours_ago": 60.0,
        "languages": {"uk": 0, "ru": 0.5, "en": 0.5},
        "title": {
            "uk": "У Києві пройде міжнародна конференція з контролю за дотриманням санкцій",
            "ru": "В Киеве пройдёт международная конференция по контролю за соблюдением санкций",
            "en": "Kyiv to host international conference on sanctions enforcement",
        },
        "lead": {
            "uk": (
                "Представники митних служб і фінансових розвідок 17 країн ЄС та України обговорять, "
                "як відстежувати обхід обмежень через треті країни."
            ),
            "ru": (
                "Представители таможенных служб и финансовых разведок 17 стран ЕС и Украины обсудят, "
                "как отслеживать обход ограничений через третьи страны."
            ),
            "en": (
                "Customs and financial intelligence officials from 17 EU countries and Ukraine will "
                "discuss how to track attempts to evade restrictions via third countries."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Програму оприлюднили організатори — аналітичний центр "
                           "<a href=\"https://example.org/econ-security/sanctions-conference\">«Інститут "
                           "економічної безпеки»</a>"),
                ("details", "<p>Дводенна конференція відбудеться наступного тижня в одному з конгрес-центрів "
                            "столиці. Частина сесій буде відкритою для журналістів, решта пройде "
                            "в закритому форматі.</p>"),
                ("subheading", "Програма"),
                ("paragraph", "<p>Перший день присвятять товарам подвійного призначення: як митники "
                              "розпізнають мікросхеми й верстати в партіях побутової техніки. Другий день — "
                              "фінансовим потокам, зокрема розрахункам через криптовалютні платформи.</p>"),
                ("quote", "Санкції працюють настільки, наскільки ефективно їх контролюють. Нам важливо, щоб "
                          "митники різних країн бачили однакові дані й говорили однією мовою.",
                 "директорка «Інституту економічної безпеки» Ярослава Кравчук"),
                ("paragraph", "<p>Організатори планують представити на конференції відкриту базу торговельних "
                              "маршрутів, яку їхні аналітики збирали пів року на основі митної статистики.</p>"),
                ("background", "", [
                    "Санкційні пакети ЄС регулярно доповнюють новими обмеженнями на товари подвійного "
                    "призначення.",
                    "Обхід санкцій через треті країни — одна з головних тем останніх пакетів.",
                    "Попередня зустріч у такому форматі відбулася навесні у Варшаві.",
                ]),
            ],
            "ru": [
                ("source", "Программу обнародовали организаторы — аналитический центр "
                           "<a href=\"https://example.org/econ-security/sanctions-conference\">«Институт "
                           "экономической безопасности»</a>"),
                ("details", "<p>Двухдневная конференция пройдёт на следующей неделе в одном из конгресс-центров "
                            "столицы. Часть сессий будет открыта для журналистов, остальные пройдут "
                            "в закрытом формате.</p>"),
                ("subheading", "Программа"),
                ("paragraph", "<p>Первый день посвятят товарам двойного назначения: как таможенники распознают "
                              "микросхемы и станки в партиях бытовой техники. Второй день — финансовым "
                              "потокам, в частности расчётам через криптовалютные платформы.</p>"),
                ("quote", "Санкции работают настолько, насколько эффективно их контролируют. Нам важно, чтобы "
                          "таможенники разных стран видели одинаковые данные и говорили на одном языке.",
                 "директор «Института экономической безопасности» Ярослава Кравчук"),
                ("paragraph", "<p>Организаторы планируют представить на конференции открытую базу торговых "
                              "маршрутов, которую их аналитики собирали полгода на основе таможенной "
                              "статистики.</p>"),
                ("background", "", [
                    "Санкционные пакеты ЕС регулярно дополняют новыми ограничениями на товары двойного "
                    "назначения.",
                    "Обход санкций через третьи страны — одна из главных тем последних пакетов.",
                    "Предыдущая встреча в таком формате прошла весной в Варшаве.",
                ]),
            ],
            "en": [
                ("source", "The programme was published by the organisers, the "
                           "<a href=\"https://example.org/econ-security/sanctions-conference\">Institute for "
                           "Economic Security</a> think tank"),
                ("details", "<p>The two-day conference takes place next week at a conference centre in the "
                            "capital. Some sessions will be open to the press; the rest will be held "
                            "behind closed doors.</p>"),
                ("subheading", "The programme"),
                ("paragraph", "<p>Day one is devoted to dual-use goods and how customs officers can spot "
                              "microchips and machine tools hidden in shipments of household appliances. "
                              "Day two covers financial flows, including payments via cryptocurrency "
                              "platforms.</p>"),
                ("quote", "Sanctions work only as well as they are enforced. We want customs officers in "
                          "different countries to see the same data and speak the same language.",
                 "Yaroslava Kravchuk, director of the Institute for Economic Security"),
                ("paragraph", "<p>The organisers plan to unveil an open database of trade routes that their "
                              "analysts have compiled from customs statistics over six months.</p>"),
                ("background", "", [
                    "EU sanctions packages are regularly extended with new restrictions on dual-use goods.",
                    "Evasion via third countries has been a central theme of recent packages.",
                    "The previous meeting in this format was held in Warsaw in the spring.",
                ]),
            ],
        },
    },
    # 23
    {
        "key": "b-medic-instructors",
        "section": "news",
        "authors": ["iryna-kovalchuk"],
        "tags": ["медицина", "армія", "НАТО", "Львів"],
        "photo": "laboratory",
        "important": False,
        "breaking": False,
        "hours_ago": 65.0,
        "languages": {"uk": 0, "ru": 1.0},
        "title": {
            "uk": "У Львові стартували курси інструкторів із домедичної допомоги за стандартами НАТО",
            "ru": "Во Львове стартовали курсы инструкторов по домедицинской помощи по стандартам НАТО",
        },
        "lead": {
            "uk": (
                "Перший набір — 36 слухачів. Після шеститижневого навчання вони викладатимуть "
                "домедичну допомогу у своїх підрозділах."
            ),
            "ru": (
                "Первый набор — 36 слушателей. После шестинедельного обучения они будут преподавать "
                "домедицинскую помощь в своих подразделениях."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Про старт курсів повідомили в обласному центрі екстреної медичної допомоги, передає "
                           "<a href=\"https://example.org/lviv-news/medic-instructors\">«Львівський кур’єр»</a>"),
                ("details", "<p>Програму розробили разом з інструкторами з Канади та Литви. Вона поєднує лекції, "
                            "роботу з манекенами-симуляторами й практичні заняття на навчальному полігоні. "
                            "Випускники отримають сертифікати, визнані в країнах Альянсу.</p>"),
                ("paragraph", "<p>Для слухачів навчання безкоштовне: його фінансують у межах міжнародної програми "
                              "медичної підготовки, а обладнання для класу передали благодійники.</p>"),
                ("quote", "Інструктор має вміти не лише накласти турнікет, а й пояснити, чому саме так. "
                          "Ми вчимо вчити.",
                 "керівник курсів, лікар екстреної медицини Остап Федорів"),
                ("paragraph", "<p>Наступний набір запланований на січень. Заявки подають через командирів "
                              "підрозділів.</p>"),
                ("background", "Що входить до програми:", [
                    "зупинка масивних кровотеч і накладання турнікета;",
                    "забезпечення прохідності дихальних шляхів;",
                    "евакуація та медичне сортування;",
                    "методика навчання дорослих.",
                ]),
            ],
            "ru": [
                ("source", "О старте курсов сообщили в областном центре экстренной медицинской помощи, передаёт "
                           "<a href=\"https://example.org/lviv-news/medic-instructors\">«Львовский курьер»</a>"),
                ("details", "<p>Программу разработали вместе с инструкторами из Канады и Литвы. Она сочетает "
                            "лекции, работу с манекенами-симуляторами и практические занятия на учебном "
                            "полигоне. Выпускники получат сертификаты, признанные в странах Альянса.</p>"),
                ("paragraph", "<p>Для слушателей обучение бесплатное: его финансируют в рамках международной "
                              "программы медицинской подготовки, а оборудование для класса передали "
                              "благотворители.</p>"),
                ("quote", "Инструктор должен уметь не только наложить турникет, но и объяснить, почему именно "
                          "так. Мы учим учить.",
                 "руководитель курсов, врач экстренной медицины Остап Федорив"),
                ("paragraph", "<p>Следующий набор запланирован на январь. Заявки подают через командиров "
                              "подразделений.</p>"),
                ("background", "Что входит в программу:", [
                    "остановка массивных кровотечений и наложение турникета;",
                    "обеспечение проходимости дыхательных путей;",
                    "эвакуация и медицинская сортировка;",
                    "методика обучения взрослых.",
                ]),
            ],
        },
    },
    # 24
    {
        "key": "b-column-local-budgets",
        "section": "columns",
        "authors": ["taras-hnatiuk"],
        "tags": ["бюджет", "корупція"],
        "photo": None,
        "important": False,
        "breaking": False,
        "hours_ago": 40.0,
        "languages": {"uk": 0},
        "title": {
            "uk": "Бюджет громади — не таємниця. Чому так важко дізнатися, куди йдуть наші податки",
        },
        "lead": {
            "uk": (
                "Відкриті дані є, але користуватися ними вміють одиниці. Громадам варто навчитися "
                "розповідати про свої кошториси людською мовою."
            ),
        },
        "blocks": {
            "uk": [
                ("paragraph", "<p>Минулого тижня я провів простий експеримент: спробував з’ясувати, скільки моя "
                              "громада торік витратила на ремонт доріг. Формально всі дані відкриті — є "
                              "портал публічних фінансів, система закупівель, рішення сесій міської ради. "
                              "На практиці пошук забрав три вечори, дві таблиці й один дзвінок знайомій "
                              "бухгалтерці.</p>"),
                ("paragraph", "<p>Проблема не в тому, що хтось щось приховує. Проблема в тому, що бюджети пишуть "
                              "бухгалтери для бухгалтерів. Коди економічної класифікації, «інші видатки», "
                              "«субвенція з державного бюджету місцевим бюджетам на…» — для звичайної "
                              "людини це шифр, а не звіт.</p>"),
                ("subheading", "Як може бути інакше"),
                ("paragraph", "<p>Кілька громад уже показали, як це може виглядати. В одній на сайті ради є "
                              "інфографіка «Куди пішла ваша тисяча гривень податків»: 412 гривень — на школи "
                              "й садочки, 138 — на дороги, 96 — на вивезення сміття. В іншій щокварталу "
                              "публікують п’ятихвилинне відео, де заступниця голови пояснює головні "
                              "витрати.</p>"),
                ("paragraph", "<p>Для цього не потрібні великі гроші. Потрібне бажання говорити з людьми як із "
                              "платниками податків, а не як із прохачами. І це окупиться: там, де люди "
                              "розуміють бюджет, вони охочіше приходять на обговорення й рідше вірять "
                              "чуткам.</p>"),
                ("paragraph", "<p>Після аудиту мостового агентства, про який ми писали цього тижня, читачі "
                              "питають: як контролювати великі контракти? Відповідь починається з малого — "
                              "з того, щоб кожен міг за десять хвилин знайти, скільки коштував ремонт "
                              "його вулиці.</p>"),
                ("read_also", "b-road-agency-audit"),
            ],
        },
    },
    # 25
    {
        "key": "b-column-libraries",
        "section": "columns",
        "authors": ["marta-zinchenko"],
        "tags": ["книги", "освіта", "культура"],
        "photo": "library",
        "important": False,
        "breaking": False,
        "hours_ago": 52.0,
        "languages": {"uk": 0, "ru": 2.0},
        "title": {
            "uk": "Бібліотека як вітальня міста",
            "ru": "Библиотека как гостиная города",
        },
        "lead": {
            "uk": (
                "Районні бібліотеки непомітно стали найдемократичнішими громадськими просторами. "
                "Їм бракує не читачів, а сміливості визнати цю нову роль."
            ),
            "ru": (
                "Районные библиотеки незаметно стали самыми демократичными общественными пространствами. "
                "Им не хватает не читателей, а смелости признать эту новую роль."
            ),
        },
        "blocks": {
            "uk": [
                ("paragraph", "<p>У суботу зранку в бібліотеці на моїй вулиці тісно. Пенсіонерки вчаться "
                              "оплачувати комуналку в застосунку, двоє підлітків готуються до олімпіади "
                              "з фізики, у дитячій залі мама читає вголос казку, а в кутку чоловік працює "
                              "за ноутбуком, бо вдома в нього ремонт.</p>"),
                ("paragraph", "<p>Десять років тому ми охоче ховали бібліотеки як пережиток минулого. Кількість "
                              "виданих книжок справді падала. Але кількість відвідувань — ні, і в цьому вся "
                              "різниця.</p>"),
                ("quote", "Люди приходять не лише по книжки. Вони приходять, бо тут тепло, безкоштовно "
                          "й ніхто не питає, навіщо ти прийшов.",
                 "завідувачка районної бібліотеки Ніна Самойленко"),
                ("paragraph", "<p>Біда в тому, що фінансування досі рахують за книговидачею. Бібліотека, яка "
                              "веде клуб розмовної англійської й курси цифрової грамотності, у звітах "
                              "виглядає гірше за ту, що тихо видає детективи.</p>"),
                ("paragraph", "<p>Книжковий ярмарок у Львові цього тижня знову показав: попит на читання є, "
                              "особливо серед підлітків. Тож, можливо, час перестати питати, чи потрібні "
                              "бібліотеки, і почати питати, якими вони мають бути.</p>"),
                ("read_also", "b-lviv-book-fair"),
            ],
            "ru": [
                ("paragraph", "<p>В субботу утром в библиотеке на моей улице тесно. Пенсионерки учатся "
                              "оплачивать коммуналку в приложении, двое подростков готовятся к олимпиаде "
                              "по физике, в детском зале мама читает вслух сказку, а в углу мужчина работает "
                              "за ноутбуком, потому что дома у него ремонт.</p>"),
                ("paragraph", "<p>Десять лет назад мы охотно хоронили библиотеки как пережиток прошлого. "
                              "Количество выданных книг действительно падало. Но количество посещений — нет, "
                              "и в этом вся разница.</p>"),
                ("quote", "Люди приходят не только за книгами. Они приходят, потому что здесь тепло, бесплатно "
                          "и никто не спрашивает, зачем ты пришёл.",
                 "заведующая районной библиотекой Нина Самойленко"),
                ("paragraph", "<p>Беда в том, что финансирование до сих пор считают по книговыдаче. Библиотека, "
                              "которая ведёт клуб разговорного английского и курсы цифровой грамотности, "
                              "в отчётах выглядит хуже той, что тихо выдаёт детективы.</p>"),
                ("paragraph", "<p>Книжная ярмарка во Львове на этой неделе снова показала: спрос на чтение есть, "
                              "особенно среди подростков. Так что, возможно, пора перестать спрашивать, "
                              "нужны ли библиотеки, и начать спрашивать, какими они должны быть.</p>"),
                ("read_also", "b-lviv-book-fair"),
            ],
        },
    },
    # 26
    {
        "key": "b-column-night-trains",
        "section": "columns",
        "authors": ["oksana-melnychuk"],
        "tags": ["залізниця", "туризм", "транспорт"],
        "photo": "train-station",
        "important": False,
        "breaking": False,
        "hours_ago": -30.0,
        "languages": {"uk": 0},
        "title": {
            "uk": "Нічний поїзд — найкращий спосіб побачити країну",
        },
        "lead": {
            "uk": (
                "Чому купе з чаєм у підскляннику досі виграє в автобуса й автівки — і що залізниці "
                "варто змінити, щоб так і залишилося."
            ),
        },
        "blocks": {
            "uk": [
                ("paragraph", "<p>Я сідаю в поїзд о дев’ятій вечора на київському вокзалі й прокидаюся о сьомій "
                              "ранку в Ужгороді. Між цими двома моментами — склянка чаю, розмова з сусідкою "
                              "по купе про її онуків у Тернополі та десять годин сну під рівний стукіт "
                              "коліс. Жоден автобус такого не запропонує.</p>"),
                ("paragraph", "<p>Нічний поїзд економить найцінніше — день. Ти не витрачаєш його на дорогу, "
                              "а приїжджаєш відпочилим і одразу йдеш у справах. Для країни завдовжки "
                              "понад тисячу кілометрів це не романтика, а практичний аргумент.</p>"),
                ("subheading", "Що варто змінити"),
                ("paragraph", "<p>Утім, щоб нічні поїзди й надалі вигравали конкуренцію, їм потрібні прості "
                              "речі:</p><ul><li>розетки й стабільний зв’язок у кожному купе;</li>"
                              "<li>нормальні душові хоча б в одному вагоні складу;</li>"
                              "<li>місця для велосипедів і лиж без окремих квитків;</li>"
                              "<li>чесний розклад без багатогодинних стоянок на вузлових станціях.</li></ul>"),
                ("quote", "Пасажири найбільше скаржаться не на швидкість, а на розетки й туалети. "
                          "Виправте це — і люди їздитимуть із задоволенням.",
                 "провідниця нічного поїзда Київ — Ужгород Марія Данилюк"),
                ("paragraph", "<p>Новий зимовий розклад — добрий знак: рейсів стає більше. Тепер черга "
                              "за якістю. Бо поїзд, у якому хочеться прокинутися, — це теж частина того, "
                              "як ми бачимо власну країну.</p>"),
                ("read_also", "b-rail-winter-timetable"),
            ],
        },
    },
    # 27
    {
        "key": "b-interview-diagnostics-lab",
        "section": "interviews",
        "authors": ["iryna-kovalchuk"],
        "tags": ["медицина", "наука", "Київ"],
        "photo": "laboratory",
        "important": False,
        "breaking": False,
        "hours_ago": 16.0,
        "languages": {"uk": 0, "ru": 1.0, "en": 5.0},
        "title": {
            "uk": "Дарія Берегова: «Наш експрес-тест на грип удвічі дешевший за імпортні»",
            "ru": "Дарья Берегова: «Наш экспресс-тест на грипп вдвое дешевле импортных»",
            "en": "Dariia Berehova: “Our rapid flu test costs half as much as imported ones”",
        },
        "lead": {
            "uk": (
                "Керівниця університетської лабораторії молекулярної діагностики розповіла, як команда "
                "з дев’яти людей створила тест і що заважає вивести його на ринок."
            ),
            "ru": (
                "Руководитель университетской лаборатории молекулярной диагностики рассказала, как команда "
                "из девяти человек создала тест и что мешает вывести его на рынок."
            ),
            "en": (
                "The head of a university molecular diagnostics lab explains how a team of nine built "
                "the test and what stands in the way of bringing it to market."
            ),
        },
        "blocks": {
            "uk": [
                ("paragraph", "<p>Лабораторія, яку очолює Дарія Берегова, займає кілька кімнат на третьому "
                              "поверсі старого корпусу медичного університету в Києві. Минулого місяця "
                              "команда завершила клінічні випробування експрес-тесту, який за 20 хвилин "
                              "розрізняє грип A, грип B і COVID-19.</p>"),
                ("subheading", "Про розробку"),
                ("quote", "Ми почали три роки тому з простого питання: чому сімейний лікар у районній "
                          "амбулаторії має чекати результату ПЛР два дні? Наш тест роблять просто в кабінеті, "
                          "а його точність — 94%.",
                 "Дарія Берегова"),
                ("subheading", "Про гроші"),
                ("quote", "Собівартість — близько 90 гривень, тоді як імпортні аналоги в аптеках коштують "
                          "200–250. Але для серійного виробництва потрібна лінія за 30 мільйонів. Частину "
                          "покриває грант, решту шукаємо в інвесторів.",
                 "Дарія Берегова"),
                ("subheading", "Про команду"),
                ("quote", "Найбільше я пишаюся тим, що з дев’яти людей у команді шестеро — мої колишні "
                          "студенти. Ніхто з них не поїхав, хоча пропозиції були.",
                 "Дарія Берегова"),
                ("paragraph", "<p>Реєстрацію тесту лабораторія планує завершити навесні. Якщо все вдасться, "
                              "перші партії надійдуть до амбулаторій Київщини вже наступного сезону "
                              "грипу.</p>"),
                ("read_also", "b-science-grants"),
            ],
            "ru": [
                ("paragraph", "<p>Лаборатория, которую возглавляет Дарья Берегова, занимает несколько комнат "
                              "на третьем этаже старого корпуса медицинского университета в Киеве. В прошлом "
                              "месяце команда завершила клинические испытания экспресс-теста, который за "
                              "20 минут различает грипп A, грипп B и COVID-19.</p>"),
                ("subheading", "О разработке"),
                ("quote", "Мы начали три года назад с простого вопроса: почему семейный врач в районной "
                          "амбулатории должен ждать результата ПЦР два дня? Наш тест делают прямо в кабинете, "
                          "а его точность — 94%.",
                 "Дарья Берегова"),
                ("subheading", "О деньгах"),
                ("quote", "Себестоимость — около 90 гривен, тогда как импортные аналоги в аптеках стоят "
                          "200–250. Но для серийного производства нужна линия за 30 миллионов. Часть "
                          "покрывает грант, остальное ищем у инвесторов.",
                 "Дарья Берегова"),
                ("subheading", "О команде"),
                ("quote", "Больше всего я горжусь тем, что из девяти человек в команде шестеро — мои бывшие "
                          "студенты. Никто из них не уехал, хотя предложения были.",
                 "Дарья Берегова"),
                ("paragraph", "<p>Регистрацию теста лаборатория планирует завершить весной. Если всё получится, "
                              "первые партии поступят в амбулатории Киевской области уже в следующий сезон "
                              "гриппа.</p>"),
                ("read_also", "b-science-grants"),
            ],
            "en": [
                ("paragraph", "<p>Dariia Berehova’s laboratory occupies a few rooms on the third floor of an old "
                              "medical university building in Kyiv. Last month her team completed clinical "
                              "trials of a rapid test that distinguishes influenza A, influenza B and "
                              "COVID-19 in 20 minutes.</p>"),
                ("subheading", "On the test"),
                ("quote", "We started three years ago with a simple question: why should a family doctor in "
                          "a district clinic wait two days for a PCR result? Our test is done right there "
                          "in the surgery, and it is 94% accurate.",
                 "Dariia Berehova"),
                ("subheading", "On money"),
                ("quote", "It costs about 90 hryvnias to make, while imported tests sell for 200–250 in "
                          "pharmacies. But mass production needs a 30m-hryvnia line. A grant covers part "
                          "of it; we are looking to investors for the rest.",
                 "Dariia Berehova"),
                ("paragraph", "<p>The lab hopes to complete registration in the spring, which would put the "
                              "first batches in clinics around Kyiv by next flu season.</p>"),
            ],
        },
    },
    # 28
    {
        "key": "b-interview-kharkiv-theatre",
        "section": "interviews",
        "authors": ["marta-zinchenko"],
        "tags": ["театр", "Харків", "культура"],
        "photo": "concert-stage",
        "important": False,
        "breaking": False,
        "hours_ago": 70.5,
        "languages": {"uk": 0, "ru": 1.5, "en": 4.0},
        "title": {
            "uk": "Режисер Левко Стасюк: «Глядач хоче не втечі, а чесної розмови»",
            "ru": "Режиссёр Левко Стасюк: «Зритель хочет не бегства, а честного разговора»",
            "en": "Director Levko Stasiuk: “Audiences want an honest conversation, not escape”",
        },
        "lead": {
            "uk": (
                "Харківський театр «Арка» відкриває сезон прем’єрою за п’єсою молодої драматургині. "
                "Ми поговорили з головним режисером про репертуар, камерну сцену й нових глядачів."
            ),
            "ru": (
                "Харьковский театр «Арка» открывает сезон премьерой по пьесе молодого драматурга. "
                "Мы поговорили с главным режиссёром о репертуаре, камерной сцене и новых зрителях."
            ),
            "en": (
                "Kharkiv’s Arka theatre opens its season with a premiere of a play by a young writer. "
                "We spoke to its artistic director about the repertoire, the studio stage and new audiences."
            ),
        },
        "blocks": {
            "uk": [
                ("paragraph", "<p>Театр «Арка» вже третій сезон грає на камерній сцені на 120 місць. Квитки на "
                              "прем’єру розкупили за два дні. Ми зустрілися з Левком Стасюком у репетиційній "
                              "залі за кілька годин до генерального прогону.</p>"),
                ("subheading", "Про прем’єру"),
                ("quote", "«Вікна на південь» — історія трьох сестер, які повертаються в батьківську квартиру, "
                          "щоб її продати. Це п’єса про те, як ми ділимо пам’ять. Для мене це найкраща "
                          "комедія, яку я прочитав за останні роки, хоча плакати на ній теж будуть.",
                 "Левко Стасюк"),
                ("subheading", "Про глядачів"),
                ("quote", "Зал помолодшав. Приходять студенти, які раніше в театр не ходили взагалі. Вони дуже "
                          "чесні: якщо нудно — дістають телефон. Кращого зворотного зв’язку не буває.",
                 "Левко Стасюк"),
                ("photo", "city-skyline"),
                ("subheading", "Про плани"),
                ("quote", "Хочемо повезти виставу до Львова й Ужгорода, а навесні — на фестиваль до Кракова. "
                          "Але головне — щоб у Харкові щовечора світилася вивіска над нашим входом.",
                 "Левко Стасюк"),
                ("paragraph", "<p>Прем’єра «Вікон на південь» — у суботу о 18:00. Квитки коштують від 150 "
                              "до 300 гривень, для студентів діє знижка 50%.</p>"),
            ],
            "ru": [
                ("paragraph", "<p>Театр «Арка» уже третий сезон играет на камерной сцене на 120 мест. Билеты на "
                              "премьеру раскупили за два дня. Мы встретились с Левком Стасюком в "
                              "репетиционном зале за несколько часов до генерального прогона.</p>"),
                ("subheading", "О премьере"),
                ("quote", "«Окна на юг» — история трёх сестёр, которые возвращаются в родительскую квартиру, "
                          "чтобы её продать. Это пьеса о том, как мы делим память. Для меня это лучшая "
                          "комедия, которую я прочитал за последние годы, хотя плакать на ней тоже будут.",
                 "Левко Стасюк"),
                ("subheading", "О зрителях"),
                ("quote", "Зал помолодел. Приходят студенты, которые раньше в театр не ходили вообще. Они очень "
                          "честные: если скучно — достают телефон. Лучшей обратной связи не бывает.",
                 "Левко Стасюк"),
                ("photo", "city-skyline"),
                ("subheading", "О планах"),
                ("quote", "Хотим повезти спектакль во Львов и Ужгород, а весной — на фестиваль в Краков. "
                          "Но главное — чтобы в Харькове каждый вечер светилась вывеска над нашим входом.",
                 "Левко Стасюк"),
                ("paragraph", "<p>Премьера «Окон на юг» — в субботу в 18:00. Билеты стоят от 150 до 300 гривен, "
                              "для студентов действует скидка 50%.</p>"),
            ],
            "en": [
                ("paragraph", "<p>Arka is in its third season on a 120-seat studio stage, and the premiere sold "
                              "out in two days. We met Levko Stasiuk in the rehearsal room a few hours before "
                              "the dress rehearsal.</p>"),
                ("subheading", "On the premiere"),
                ("quote", "Windows Facing South is about three sisters who return to their parents’ flat to "
                          "sell it. It’s a play about how we divide up memory. For me it’s the best comedy "
                          "I’ve read in years, though there will be tears too.",
                 "Levko Stasiuk"),
                ("subheading", "On audiences"),
                ("quote", "The audience has got younger. Students come who never went to the theatre before. "
                          "They are very honest: if they are bored, out come the phones. There’s no better "
                          "feedback.",
                 "Levko Stasiuk"),
                ("photo", "city-skyline"),
                ("subheading", "On plans"),
                ("quote", "We want to take the show to Lviv and Uzhhorod, and to a festival in Kraków in the "
                          "spring. But above all, we want the sign above our door in Kharkiv lit every "
                          "evening.",
                 "Levko Stasiuk"),
                ("paragraph", "<p>Windows Facing South premieres on Saturday at 6pm. Tickets cost 150–300 "
                              "hryvnias, with half price for students.</p>"),
            ],
        },
    },
    # 29
    {
        "key": "b-interview-farm-coop",
        "section": "interviews",
        "authors": ["yurii-tkachenko"],
        "tags": ["сільське господарство", "зерно", "економіка"],
        "photo": "wheat-field",
        "important": False,
        "breaking": False,
        "hours_ago": 42.0,
        "languages": {"uk": 0, "ru": 1.0, "en": None},
        "title": {
            "uk": "Голова кооперативу «Злагода» Микола Гребінь: «Разом ми продаємо зерно на 15% дорожче»",
            "ru": "Глава кооператива «Злагода» Николай Гребинь: «Вместе мы продаём зерно на 15% дороже»",
            "en": "Zlahoda co-operative chair Mykola Hrebin: “Together we sell grain for 15% more”",
        },
        "lead": {
            "uk": (
                "П’ять років тому дванадцять фермерських господарств Кіровоградщини об’єдналися "
                "в кооператив. Ми запитали, що це їм дало і чому інші не поспішають наслідувати приклад."
            ),
            "ru": (
                "Пять лет назад двенадцать фермерских хозяйств Кировоградской области объединились "
                "в кооператив. Мы спросили, что это им дало и почему другие не спешат последовать примеру."
            ),
            "en": (
                "Five years ago twelve family farms in the Kirovohrad region formed a co-operative. "
                "We asked what it has given them and why others are slow to follow."
            ),
        },
        "blocks": {
            "uk": [
                ("paragraph", "<p>Микола Гребінь зустрічає нас біля нового зерноскладу, який кооператив "
                              "добудував минулого літа. Поки ми говоримо, до ваг під’їжджає вже третя "
                              "вантажівка з кукурудзою.</p>"),
                ("subheading", "Про об’єднання"),
                ("quote", "Кожен із нас окремо мав 300–500 гектарів. Цього замало, щоб купити сушарку чи "
                          "домовитися з терміналом. А разом у нас майже 5 тисяч гектарів — і з нами вже "
                          "говорять інакше.",
                 "Микола Гребінь"),
                ("subheading", "Про експорт"),
                ("quote", "Раніше кожен продавав трейдерові біля елеватора за ту ціну, яку назвуть. Тепер "
                          "ми збираємо партію на 5–6 тисяч тонн і самі домовляємося з терміналом "
                          "в Одесі. Різниця — близько 15% на тонні.",
                 "Микола Гребінь"),
                ("subheading", "Про довіру"),
                ("quote", "Найважче — не техніка й не гроші, а довіра. Люди пам’ятають колгоспи, і слово "
                          "«кооператив» багатьох лякає. Переконує тільки приклад сусіда.",
                 "Микола Гребінь"),
                ("background", "Кооператив «Злагода» в цифрах:", [
                    "12 господарств і 4 800 гектарів;",
                    "власний зерносклад на 9 тисяч тонн;",
                    "спільна сушарка та два комбайни.",
                ]),
            ],
            "ru": [
                ("paragraph", "<p>Николай Гребинь встречает нас у нового зерносклада, который кооператив "
                              "достроил прошлым летом. Пока мы разговариваем, к весам подъезжает уже третий "
                              "грузовик с кукурузой.</p>"),
                ("subheading", "Об объединении"),
                ("quote", "У каждого из нас по отдельности было 300–500 гектаров. Этого мало, чтобы купить "
                          "сушилку или договориться с терминалом. А вместе у нас почти 5 тысяч гектаров — "
                          "и с нами уже разговаривают иначе.",
                 "Николай Гребинь"),
                ("subheading", "Об экспорте"),
                ("quote", "Раньше каждый продавал трейдеру возле элеватора по той цене, какую назовут. Теперь "
                          "мы собираем партию на 5–6 тысяч тонн и сами договариваемся с терминалом "
                          "в Одессе. Разница — около 15% на тонне.",
                 "Николай Гребинь"),
                ("subheading", "О доверии"),
                ("quote", "Труднее всего — не техника и не деньги, а доверие. Люди помнят колхозы, и слово "
                          "«кооператив» многих пугает. Убеждает только пример соседа.",
                 "Николай Гребинь"),
                ("background", "Кооператив «Злагода» в цифрах:", [
                    "12 хозяйств и 4 800 гектаров;",
                    "собственный зерносклад на 9 тысяч тонн;",
                    "общая сушилка и два комбайна.",
                ]),
            ],
            "en": [
                ("paragraph", "<p>Mykola Hrebin meets us by the new grain store the co-operative finished last "
                              "summer. As we talk, the third lorry of maize pulls up to the weighbridge.</p>"),
                ("subheading", "On joining forces"),
                ("quote", "Each of us had 300 to 500 hectares. That’s not enough to buy a dryer or strike a "
                          "deal with a terminal. Together we have almost 5,000 hectares, and people talk "
                          "to us differently.",
                 "Mykola Hrebin"),
                ("subheading", "On exports"),
                ("quote", "We used to sell to whichever trader was at the elevator, at whatever price he "
                          "named. Now we put together 5,000–6,000-tonne lots and negotiate with a "
                          "terminal in Odesa ourselves. The difference is about 15% a tonne.",
                 "Mykola Hrebin"),
                ("background", "Zlahoda in numbers:", [
                    "12 farms and 4,800 hectares;",
                    "its own 9,000-tonne grain store;",
                    "a shared dryer and two combine harvesters.",
                ]),
            ],
        },
    },
    # 30
    {
        "key": "b-kyiv-jazz-weekend",
        "section": "culture",
        "authors": ["marta-zinchenko"],
        "tags": ["музика", "Київ", "культура"],
        "photo": "concert-stage",
        "important": False,
        "breaking": False,
        "hours_ago": -2.0,
        "languages": {"uk": 0, "ru": 0.5, "en": 1.0},
        "title": {
            "uk": "«Джаз на Подолі» цього вікенду: 14 концертів у дворах і на дахах",
            "ru": "«Джаз на Подоле» в эти выходные: 14 концертов во дворах и на крышах",
            "en": "Jazz in Podil this weekend: 14 concerts in courtyards and on rooftops",
        },
        "lead": {
            "uk": (
                "Більшість виступів безкоштовні. Хедлайнером стане квінтет саксофоністки Олесі Дарчук "
                "із програмою на основі поліських пісень."
            ),
            "ru": (
                "Большинство выступлений бесплатные. Хедлайнером станет квинтет саксофонистки Олеси Дарчук "
                "с программой на основе полесских песен."
            ),
            "en": (
                "Most of the shows are free. The headliner is saxophonist Olesia Darchuk’s quintet with a "
                "programme based on Polissia folk songs."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Програму оприлюднили організатори на "
                           "<a href=\"https://example.org/podil-jazz/programme\">сайті фестивалю</a>"),
                ("details", "<p>Концерти відбуватимуться в суботу й неділю з 12:00 до 22:00 у семи дворах "
                            "Подолу та на двох дахах — бізнес-центру на Набережно-Хрещатицькій і старого "
                            "млина біля Контрактової площі.</p>"),
                ("paragraph", "<p>Окрім квінтету Олесі Дарчук, виступлять тріо піаніста Богдана Савчука, "
                              "студентський біг-бенд музичної академії та гості з Вільнюса — дует контрабаса "
                              "й вібрафона.</p>"),
                ("quote", "Ми свідомо обираємо двори, а не великі зали. Джаз народжувався там, де люди жили, "
                          "і на Подолі він звучить природно.",
                 "співзасновник фестивалю Ростислав Ліщук"),
                ("embed", "https://www.youtube.com/watch?v=JzP0dilQx4s"),
                ("background", "Корисно знати:", [
                    "Денні концерти безкоштовні, на вечірні — квитки від 250 гривень.",
                    "У разі дощу концерти з дворів перенесуть до клубу на Контрактовій площі.",
                    "Усі локації, крім двох дахів, доступні для людей на кріслах колісних.",
                ]),
                ("read_also", "b-odesa-film-festival"),
            ],
            "ru": [
                ("source", "Программу обнародовали организаторы на "
                           "<a href=\"https://example.org/podil-jazz/programme\">сайте фестиваля</a>"),
                ("details", "<p>Концерты пройдут в субботу и воскресенье с 12:00 до 22:00 в семи дворах "
                            "Подола и на двух крышах — бизнес-центра на Набережно-Крещатицкой и старой "
                            "мельницы у Контрактовой площади.</p>"),
                ("paragraph", "<p>Кроме квинтета Олеси Дарчук, выступят трио пианиста Богдана Савчука, "
                              "студенческий биг-бэнд музыкальной академии и гости из Вильнюса — дуэт "
                              "контрабаса и вибрафона.</p>"),
                ("quote", "Мы сознательно выбираем дворы, а не большие залы. Джаз рождался там, где люди жили, "
                          "и на Подоле он звучит естественно.",
                 "сооснователь фестиваля Ростислав Лищук"),
                ("embed", "https://www.youtube.com/watch?v=JzP0dilQx4s"),
                ("background", "Полезно знать:", [
                    "Дневные концерты бесплатные, на вечерние — билеты от 250 гривен.",
                    "В случае дождя концерты из дворов перенесут в клуб на Контрактовой площади.",
                    "Все локации, кроме двух крыш, доступны для людей на креслах-колясках.",
                ]),
                ("read_also", "b-odesa-film-festival"),
            ],
            "en": [
                ("source", "The programme was published by the organisers on "
                           "<a href=\"https://example.org/podil-jazz/programme\">the festival website</a>"),
                ("details", "<p>Concerts run from noon to 10pm on Saturday and Sunday in seven Podil "
                            "courtyards and on two rooftops: an office building on the embankment and an old "
                            "mill near Kontraktova Square.</p>"),
                ("paragraph", "<p>Besides Olesia Darchuk’s quintet, the line-up includes pianist Bohdan "
                              "Savchuk’s trio, the music academy’s student big band and a double bass and "
                              "vibraphone duo from Vilnius.</p>"),
                ("quote", "We deliberately choose courtyards rather than big halls. Jazz was born where people "
                          "lived, and in Podil it sounds natural.",
                 "festival co-founder Rostyslav Lishchuk"),
                ("embed", "https://www.youtube.com/watch?v=JzP0dilQx4s"),
                ("background", "Good to know:", [
                    "Daytime concerts are free; evening tickets start at 250 hryvnias.",
                    "If it rains, the courtyard concerts move to a club on Kontraktova Square.",
                    "All venues except the two rooftops are wheelchair accessible.",
                ]),
                ("read_also", "b-odesa-film-festival"),
            ],
        },
    },
    # 31
    {
        "key": "b-harvest-results",
        "section": "economy",
        "authors": ["yurii-tkachenko", "taras-hnatiuk"],
        "tags": ["сільське господарство", "зерно", "економіка", "погода"],
        "photo": "wheat-field",
        "important": True,
        "breaking": False,
        "hours_ago": 9.5,
        "languages": {"uk": 0, "ru": 0.5, "en": 2.0},
        "title": {
            "uk": "Аграрії намолотили 49 млн тонн зернових, прогноз на сезон підвищили до 58 млн",
            "ru": "Аграрии намолотили 49 млн тонн зерновых, прогноз на сезон повысили до 58 млн",
            "en": "Farmers have harvested 49m tonnes of grain as season forecast is raised to 58m",
        },
        "lead": {
            "uk": (
                "Збирання пшениці та ячменю завершено, кукурудзу обмолотили на 70% площ. Її врожай "
                "може стати найбільшим за три роки."
            ),
            "ru": (
                "Уборка пшеницы и ячменя завершена, кукурузу обмолотили на 70% площадей. Её урожай "
                "может стать крупнейшим за три года."
            ),
            "en": (
                "The wheat and barley harvest is complete and 70% of the maize has been brought in, "
                "putting the maize crop on course to be the largest in three years."
            ),
        },
        "blocks": {
            "uk": [
                ("source", "Дані обласних департаментів агропромислового розвитку узагальнила галузева асоціація, "
                           "повідомляє <a href=\"https://example.org/agro-week/harvest-update\">«Агротиждень»</a>"),
                ("details", "<p>Середня врожайність кукурудзи поки становить 7,4 тонни з гектара, що на 0,6 тонни "
                            "більше, ніж торік. Пшениця дала в середньому 4,3 тонни з гектара.</p>"),
                ("subheading", "Регіони-лідери"),
                ("paragraph", "<p>Найбільше зерна зібрали:</p><ul><li>Полтавщина — 5,2 млн тонн;</li>"
                              "<li>Вінниччина — 4,9 млн тонн;</li><li>Черкащина — 4,1 млн тонн.</li></ul>"),
                ("quote", "Найкращі результати показали господарства, які вклалися в зрошення й точне "
                          "землеробство. Різниця у врожайності із сусідами часом сягає 30%.",
                 "аналітикиня консалтингової компанії «АгроМетрика» Вікторія Ничипорук"),
                ("photo", "harbour"),
                ("paragraph", "<p>Попри великий урожай, внутрішні ціни на кукурудзу поки стабільні: порти "
                              "працюють ритмічно, а попит з боку європейських покупців залишається високим. "
                              "Трейдери очікують тиску на ціни лише в грудні, коли завершиться збирання.</p>"),
                ("background", "Що вже зібрано:", [
                    "пшениця — 22,1 млн тонн;",
                    "ячмінь — 5,6 млн тонн;",
                    "кукурудза — 19,8 млн тонн із прогнозованих 28,4 млн;",
                    "інші зернові — 1,5 млн тонн.",
                ]),
                ("read_also", "b-odesa-ports-grain"),
            ],
            "ru": [
                ("source", "Данные областных департаментов агропромышленного развития обобщила отраслевая "
                           "ассоциация, сообщает <a href=\"https://example.org/agro-week/harvest-update\">«Агронеделя»</a>"),
                ("details", "<p>Средняя урожайность кукурузы пока составляет 7,4 тонны с гектара, что на "
                            "0,6 тонны больше, чем в прошлом году. Пшеница дала в среднем 4,3 тонны "
                            "с гектара.</p>"),
                ("subheading", "Регионы-лидеры"),
                ("paragraph", "<p>Больше всего зерна собрали:</p><ul><li>Полтавская область — 5,2 млн тонн;</li>"
                              "<li>Винницкая область — 4,9 млн тонн;</li><li>Черкасская область — "
                              "4,1 млн тонн.</li></ul>"),
                ("quote", "Лучшие результаты показали хозяйства, которые вложились в орошение и точное "
                          "земледелие. Разница в урожайности с соседями порой достигает 30%.",
                 "аналитик консалтинговой компании «АгроМетрика» Виктория Нечипорук"),
                ("photo", "harbour"),
                ("paragraph", "<p>Несмотря на большой урожай, внутренние цены на кукурузу пока стабильны: "
                              "порты работают ритмично, а спрос со стороны европейских покупателей остаётся "
                              "высоким. Трейдеры ожидают давления на цены лишь в декабре, когда уборка "
                              "завершится.</p>"),
                ("background", "Что уже собрано:", [
                    "пшеница — 22,1 млн тонн;",
                    "ячмень — 5,6 млн тонн;",
                    "кукуруза — 19,8 млн тонн из прогнозируемых 28,4 млн;",
                    "другие зерновые — 1,5 млн тонн.",
                ]),
                ("read_also", "b-odesa-ports-grain"),
            ],
            "en": [
                ("source", "Regional agriculture department figures compiled by an industry association, as "
                           "reported by <a href=\"https://example.org/agro-week/harvest-update\">Agro Week</a>"),
                ("details", "<p>Maize is yielding an average of 7.4 tonnes a hectare so far, 0.6 tonnes more "
                            "than last year. Wheat averaged 4.3 tonnes a hectare.</p>"),
                ("subheading", "Leading regions"),
                ("paragraph", "<p>The largest harvests so far:</p><ul><li>Poltava region — 5.2m tonnes;</li>"
                              "<li>Vinnytsia region — 4.9m tonnes;</li><li>Cherkasy region — "
                              "4.1m tonnes.</li></ul>"),
                ("quote", "The best results came from farms that invested in irrigation and precision "
                          "farming. Their yields are sometimes 30% higher than their neighbours’.",
                 "Viktoriia Nychyporuk, analyst at the consultancy AgroMetryka"),
                ("paragraph", "<p>Despite the large crop, domestic maize prices are steady for now as the ports "
                              "are running smoothly and European demand remains strong. Traders expect "
                              "prices to come under pressure only in December, once the harvest is in.</p>"),
                ("background", "Harvested so far:", [
                    "wheat — 22.1m tonnes;",
                    "barley — 5.6m tonnes;",
                    "maize — 19.8m tonnes of an expected 28.4m;",
                    "other grains — 1.5m tonnes.",
                ]),
            ],
        },
    },
    # 32
    {
        "key": "b-lviv-demo-day",
        "section": "economy",
        "authors": ["andrii-polishchuk"],
        "tags": ["стартапи", "Львів", "кібербезпека", "технології"],
        "photo": "city-skyline",
        "important": False,
        "breaking": False,
        "hours_ago": 31.0,
        "languages": {"uk": 0, "ru": 0.6, "en": 1.5},
        "title": {
            "uk": "На демодні львівського акселератора 11 стартапів показали продукти для кібербезпеки й медицини",
            "ru": "На демодне львовского акселератора 11 стартапов показали продукты для кибербезопасности и медицины",
            "en": "Eleven start-ups pitch cybersecurity and health products at Lviv accelerator demo day",
        },
        "lead": {
            "uk": (
                "Інвестори оголосили про попередні домовленості з чотирма командами на загальну суму "
                "3,1 млн доларів."
            ),
            "ru": (
                "Инвесторы объявили о предварительных договорённостях с четырьмя командами на общую сумму "
                "3,1 млн долларов."
            ),
            "en": "Investors announced preliminary deals with four teams worth a total of $3.1m.",
        },
        "blocks": {
            "uk": [
                ("source", "Про підсумки демодня повідомили в акселераторі «Левова брама», передає "
                           "<a href=\"https://example.org/tech/lviv-gate-demo-day\">«Техно-Стартап»</a>"),
                ("details", "<p>Демодень завершив чотиримісячну програму, до якої відібрали 11 команд із "
                            "240 заявок. Послухати виступи прийшли представники 30 венчурних фондів "
                            "з України, Польщі, Естонії та Німеччини.</p>"),
                ("subheading", "Хто виступав"),
                ("paragraph", "<p>Найбільше уваги інвесторів привернули три проєкти:</p><ul><li>«Вартовий» — "
                              "сервіс, що автоматично перевіряє налаштування хмарних акаунтів малого "
                              "бізнесу;</li><li>«Черга.Мед» — електронна черга й нагадування для "
                              "амбулаторій;</li><li>«Ключ» — апаратний ключ для входу в банківські "
                              "застосунки без паролів.</li></ul>"),
                ("quote", "Цього разу ми бачимо менше ідей на папері й більше команд із реальними клієнтами. "
                          "Троє учасників уже мають продажі в Польщі.",
                 "керівниця акселератора «Левова брама» Христина Оліфіренко"),
                ("embed", "https://x.com/lviv_gate_accel/status/1851999000000000777"),
                ("paragraph", "<p>Прийом заявок до наступного набору відкриється в січні. Акселератор не бере "
                              "частки в компаніях, а фінансується коштом партнерів — двох банків "
                              "і міжнародної донорської програми.</p>"),
                ("read_also", "b-bank-cyber-drill"),
            ],
            "ru": [
                ("source", "Об итогах демодня сообщили в акселераторе «Левова брама», передаёт "
                           "<a href=\"https://example.org/tech/lviv-gate-demo-day\">«Техно-Стартап»</a>"),
                ("details", "<p>Демодень завершил четырёхмесячную программу, в которую отобрали 11 команд "
                            "из 240 заявок. Послушать выступления пришли представители 30 венчурных фондов "
                            "из Украины, Польши, Эстонии и Германии.</p>"),
                ("subheading", "Кто выступал"),
                ("paragraph", "<p>Больше всего внимания инвесторов привлекли три проекта:</p><ul><li>«Вартовий» — "
                              "сервис, который автоматически проверяет настройки облачных аккаунтов малого "
                              "бизнеса;</li><li>«Черга.Мед» — электронная очередь и напоминания для "
                              "амбулаторий;</li><li>«Ключ» — аппаратный ключ для входа в банковские "
                              "приложения без паролей.</li></ul>"),
                ("quote", "На этот раз мы видим меньше идей на бумаге и больше команд с реальными клиентами. "
                          "У троих участников уже есть продажи в Польше.",
                 "руководитель акселератора «Левова брама» Кристина Олифиренко"),
                ("embed", "https://x.com/lviv_gate_accel/status/1851999000000000777"),
                ("paragraph", "<p>Приём заявок в следующий набор откроется в январе. Акселератор не берёт долю "
                              "в компаниях, а финансируется за счёт партнёров — двух банков и международной "
                              "донорской программы.</p>"),
                ("read_also", "b-bank-cyber-drill"),
            ],
            "en": [
                ("source", "Results announced by the Lviv Gate accelerator, as reported by "
                           "<a href=\"https://example.org/tech/lviv-gate-demo-day\">Techno-Startup</a>"),
                ("details", "<p>The demo day wrapped up a four-month programme for 11 teams selected from 240 "
                            "applicants. Representatives of 30 venture funds from Ukraine, Poland, Estonia "
                            "and Germany attended.</p>"),
                ("subheading", "Who pitched"),
                ("paragraph", "<p>Three projects drew the most investor interest:</p><ul><li>Vartovyi, which "
                              "automatically audits small businesses’ cloud account settings;</li>"
                              "<li>Cherha.Med, an online queue and reminder system for clinics;</li>"
                              "<li>Kliuch, a hardware key for password-free login to banking apps.</li></ul>"),
                ("quote", "This time we saw fewer ideas on paper and more teams with real customers. Three "
                          "of them are already selling in Poland.",
                 "Khrystyna Olifirenko, head of the Lviv Gate accelerator"),
                ("embed", "https://x.com/lviv_gate_accel/status/1851999000000000777"),
                ("paragraph", "<p>Applications for the next cohort open in January. The accelerator takes no "
                              "equity and is funded by partners: two banks and an international donor "
                              "programme.</p>"),
                ("read_also", "b-bank-cyber-drill"),
            ],
        },
    },
]
