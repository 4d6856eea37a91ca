"""The words that ask for each kind of action in Russian, Ukrainian and Polish (data
only): listed forms, and ``stem*`` where the word inflects.
"""

from __future__ import annotations

from typing import Final

from clawkeep.policy._intent_kinds import Table

__all__ = ["PL", "RU", "UK"]

# fmt: off
RU: Final[Table] = {
    "sends_outside": (
        "отправ*", "пошли", "пошлите", "послать", "перешли", "перешлите", "переслать", "ответь",
        "ответьте", "ответить", "оплати", "оплатите", "оплатить", "заплати", "заплатить",
        "пригласи", "пригласить", "поделись", "поделиться", "опубликуй", "напиши", "забронируй",
    ),
    "writes_workspace": (
        "сохрани", "сохранить", "запиши", "записать", "напиши", "написать", "создай", "создать",
        "добавь", "добавить", "измени", "изменить", "обнови", "обновить", "скопируй",
        "перемести", "переименуй", "отредактируй", "внеси",
    ),
    "destroys": (
        "удали", "удалите", "удалить", "сотри", "стереть", "отмени", "отмените", "отменить",
        "убери", "убрать", "очисти", "очистить",
    ),
    "executes_code": (
        "запусти", "запустите", "запустить", "выполни", "выполнить", "установи", "установить",
        "скомпилируй", "протестируй",
    ),
    "controls_gateway": ("перезапусти", "перезапустить", "перезагрузи", "настроить"),
    "calendar": ("календар*", "встреч*", "событие", "мероприятие"),
    "schedule": ("добавь", "поставь", "назначь", "запланируй", "создай", "забронируй", "перенеси"),
}

UK: Final[Table] = {
    "sends_outside": (
        "надішли", "надіслати", "відправ*", "перешли", "відповідай", "відповісти", "оплати",
        "заплати", "запроси", "поділися", "напиши",
    ),
    "writes_workspace": ("збережи", "зберегти", "запиши", "створи", "додай", "зміни", "онови"),
    "destroys": ("видали", "видалити", "скасуй", "скасувати", "прибери", "очисти"),
    "executes_code": ("запусти", "виконай", "встанови"),
    "controls_gateway": ("перезапусти", "налаштуй"),
    "calendar": ("календар*", "зустріч*", "подія", "подію"),
    "schedule": ("додай", "постав", "признач", "заплануй"),
}

PL: Final[Table] = {
    "sends_outside": (
        "wyślij", "wyslij", "wysłać", "wyslac", "prześlij", "przeslij", "przekaż", "przekaz",
        "odpowiedz", "zapłać", "zaplac", "przelej", "zaproś", "zapros", "udostępnij",
        "udostepnij", "opublikuj", "napisz",
    ),
    "writes_workspace": (
        "zapisz", "zapisać", "utwórz", "utworz", "stwórz", "stworz", "dodaj", "dodać", "zmień",
        "zmien", "zaktualizuj", "skopiuj", "przenieś", "edytuj",
    ),
    "destroys": (
        "usuń", "usun", "usunąć", "usunac", "skasuj", "anuluj", "anulować", "odwołaj",
        "odwolaj", "wyczyść", "wyczysc",
    ),
    "executes_code": ("uruchom", "wykonaj", "zbuduj", "zainstaluj", "skompiluj", "przetestuj"),
    "controls_gateway": ("zrestartuj", "skonfiguruj"),
    "calendar": ("kalendarz*", "spotkani*", "wydarzenie", "termin"),
    "schedule": ("dodaj", "wpisz", "zaplanuj", "umów", "umow", "zarezerwuj", "przełóż"),
}
# fmt: on
