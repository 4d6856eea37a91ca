"""The words that ask for each kind of action in English, German and Dutch (data only).

English entries are stems the matcher inflects; German and Dutch list their forms.
"""

from __future__ import annotations

from typing import Final

from clawkeep.policy._intent_kinds import Table

__all__ = ["DE", "EN", "NL"]

# fmt: off
# English: stems; each takes -s, -ed, -ing (and -es, -d where English spells them so).
EN: Final[Table] = {
    "sends_outside": (
        "send", "email", "e-mail", "mail", "forward", "reply", "respond", "message", "tell",
        "share", "post", "invite", "notify", "pay", "transfer", "wire", "text", "dm",
        "schedule", "book", "fetch", "download", "browse", "visit", "delegate", "ask", "upload",
        "submit", "publish", "cc", "write to",
    ),
    "writes_workspace": (
        "save", "write", "create", "edit", "update", "append", "add", "note", "store", "rename",
        "move", "copy", "draft", "put", "record", "log", "change", "set",
    ),
    "destroys": ("delete", "remove", "erase", "wipe", "cancel", "drop", "rm", "purge", "clear"),
    "executes_code": (
        "run", "execute", "exec", "build", "test", "install", "compile", "start", "launch",
    ),
    "controls_gateway": ("restart", "reconfigure", "configure", "config"),
    "calendar": ("calendar", "meeting", "event", "appointment", "agenda"),
    "schedule": (
        "add", "adds", "added", "adding", "put", "create", "set", "block", "reserve",
        "reschedule",
    ),
}

DE: Final[Table] = {
    "sends_outside": (
        "schick", "schicke", "schicken", "schickt", "schicks", "schick's", "sende", "senden",
        "sendet", "verschick", "verschicke", "verschicken", "weiterleiten", "leite weiter",
        "antworte", "antworten", "beantworte", "beantworten", "bezahl", "bezahle", "bezahlen",
        "überweise", "ueberweise", "überweisen", "ueberweisen", "lade", "einladen", "teile",
        "teilen", "poste", "posten", "veröffentliche", "veroeffentliche", "benachrichtige",
        "schreib", "schreibe", "buche", "buchen", "maile", "mailen",
    ),
    "writes_workspace": (
        "speicher", "speichere", "speichern", "schreib", "schreibe", "schreiben", "erstell",
        "erstelle", "erstellen", "füge", "fuege", "hinzufügen", "hinzufuegen", "ergänze",
        "ergaenze", "notiere", "notieren", "trag", "trage", "eintragen", "ändere", "aendere",
        "ändern", "aendern", "aktualisiere", "bearbeite", "kopiere", "verschiebe", "benenne",
    ),
    "destroys": (
        "lösch", "lösche", "löschen", "loesch", "loesche", "loeschen", "lösch's", "entferne",
        "entfernen", "storniere", "stornieren", "absagen", "abzusagen", "streiche", "kündige",
        "kuendige", "kündigen", "kuendigen",
    ),
    "executes_code": (
        "ausführen", "ausfuehren", "starte", "starten", "baue", "bauen", "installiere",
        "installieren", "kompiliere", "kompilieren", "teste", "testen",
    ),
    "controls_gateway": (
        "neustart", "neustarten", "neu starten", "konfiguriere", "konfigurieren",
    ),
    "calendar": ("kalender", "termin", "besprechung", "treffen", "veranstaltung"),
    "schedule": (
        "trag", "trage", "eintragen", "füge", "fuege", "erstelle", "plane", "blocke",
        "blockiere", "reserviere", "verschiebe",
    ),
}

NL: Final[Table] = {
    "sends_outside": (
        "stuur", "sturen", "verstuur", "versturen", "verzend", "verzenden", "doorsturen",
        "beantwoord", "antwoord", "betaal", "betalen", "uitnodigen", "mail", "mailen", "boek",
        "boeken", "publiceer",
    ),
    "writes_workspace": (
        "opslaan", "bewaar", "bewaren", "schrijf", "schrijven", "maak", "aanmaken", "voeg",
        "toevoegen", "noteer", "bewerk", "wijzig", "wijzigen", "kopieer", "verplaats",
        "hernoem", "zet",
    ),
    "destroys": ("verwijder", "verwijderen", "wis", "annuleer", "annuleren", "schrap"),
    "executes_code": (
        "uitvoeren", "bouw", "bouwen", "installeer", "installeren", "compileer", "compileren",
    ),
    "controls_gateway": ("herstart", "herstarten", "configureer", "configureren"),
    "calendar": ("agenda", "kalender", "vergadering", "afspraak", "evenement"),
    "schedule": ("zet", "voeg", "plan", "plannen", "maak", "boek", "blokkeer", "reserveer"),
}
# fmt: on
