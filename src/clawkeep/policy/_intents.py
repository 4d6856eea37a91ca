"""Which kinds of side effect the owner's words ask for, in the owner's language.

A table (data): per language, the words that ask for each effect kind, and the calendar
and scheduling words. It decides only *whether* the owner asked for a kind of action;
every destination still needs grounding in the owner's words or the config.

Matching, per entry: a plain word matches a whole word; ``stem*`` a word that starts with
the stem (inflecting scripts with spaces); an entry of Han or kana characters matches as a
substring (Chinese and Japanese write without spaces), after known innocent compounds
(首席执行官, コンテスト) are blanked out; an entry of several words matches those words in a
row. Text and entries are read through NFKC and case folding (Turkish dotted I, Arabic
vowel marks and letter variants normalised). English stems take their regular
inflections; every other language lists its forms. The folding serves this reading only:
destinations are compared exactly, elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final, Literal

from clawkeep.policy.effects import Effect

__all__ = ["LANGUAGES", "asked_effects", "fold", "tokens"]

Kind = Literal[
    "sends_outside",
    "writes_workspace",
    "destroys",
    "executes_code",
    "controls_gateway",
    "calendar",
    "schedule",
]
_Table = Mapping[Kind, tuple[str, ...]]

# fmt: off
# English: stems; each takes -s, -ed, -ing (and -es, -d where English spells them so).
_EN: Final[_Table] = {
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

_ES: Final[_Table] = {
    "sends_outside": (
        "envía", "envia", "envíale", "enviale", "envíalo", "envialo", "envíala", "enviala",
        "envíaselo", "enviaselo", "enviar", "envíe", "envie", "manda", "mándale", "mandale",
        "mándalo", "mandalo", "mandar", "reenvía", "reenvia", "reenvíale", "reenviale",
        "reenvíalo", "reenvialo", "reenviar", "responde", "responder", "respóndele",
        "respondele", "contesta", "contéstale", "contestale", "contestar", "paga", "pagar",
        "págale", "pagale", "transfiere", "transferir", "invita", "invitar", "comparte",
        "compartir", "publica", "publicar", "notifica", "avisa", "avísale", "avisale",
        "escríbele", "escribele", "reserva", "reservar", "agenda", "agendar", "agéndalo",
    ),
    "writes_workspace": (
        "guarda", "guardar", "guárdalo", "guardalo", "escribe", "escribir", "crea", "crear",
        "añade", "anade", "añadir", "anadir", "agrega", "agregar", "anota", "anotar", "apunta",
        "edita", "editar", "actualiza", "actualizar", "copia", "mueve", "renombra", "cambia",
        "cambiar", "pon", "ponlo",
    ),
    "destroys": (
        "borra", "borrar", "bórralo", "borralo", "bórrala", "borrala", "elimina", "eliminar",
        "elimínalo", "eliminalo", "elimínala", "eliminala", "suprime", "cancela", "cancelar",
        "cancélalo", "cancelalo", "cancélala", "cancelala", "anula", "anular", "quita",
        "quitar", "quítalo", "quitalo",
    ),
    "executes_code": (
        "ejecuta", "ejecutar", "ejecútalo", "ejecutalo", "compila", "compilar", "instala",
        "instalar", "construye", "arranca",
    ),
    "controls_gateway": ("reinicia", "reiniciar", "configura", "configurar", "reconfigura"),
    "calendar": ("calendario", "agenda", "reunión", "reunion", "cita", "evento"),
    "schedule": (
        "añade", "anade", "agrega", "pon", "ponlo", "crea", "reserva", "bloquea", "reprograma",
        "agenda", "agendar",
    ),
}

_FR: Final[_Table] = {
    "sends_outside": (
        "envoie", "envoies", "envoyer", "envoyez", "renvoie", "transfère", "transfere",
        "transférer", "transferer", "transférez", "transferez", "réponds", "reponds",
        "répondre", "repondre", "répondez", "repondez", "paie", "paye", "payer", "payez",
        "invite", "inviter", "invitez", "partage", "partager", "partagez", "publie", "publier",
        "notifie", "préviens", "previens", "écris-lui", "ecris-lui", "réserve", "reserve",
        "réserver", "reserver", "mail", "mailer",
    ),
    "writes_workspace": (
        "enregistre", "enregistrer", "sauvegarde", "sauvegarder", "écris", "ecris", "écrire",
        "ecrire", "crée", "créer", "creer", "créez", "creez", "ajoute", "ajouter", "ajoutez",
        "note", "noter", "modifie", "modifier", "mets", "mettre", "copie", "déplace", "deplace",
        "renomme",
    ),
    "destroys": (
        "supprime", "supprimer", "supprimez", "efface", "effacer", "effacez", "annule",
        "annuler", "annulez", "retirer", "enlève", "enleve", "enlever",
    ),
    "executes_code": (
        "exécute", "execute", "exécuter", "executer", "exécutez", "executez", "lance le",
        "lance la", "lance les", "lancer le", "lancer la", "lancer les", "lancez",
        "compile", "compiler", "installe", "installer", "installez", "construis",
        "démarre", "demarre", "démarrer", "demarrer", "teste", "tester",
    ),
    "controls_gateway": (
        "redémarre", "redemarre", "redémarrer", "redemarrer", "configure", "configurer",
        "reconfigure",
    ),
    "calendar": (
        "calendrier", "agenda", "réunion", "reunion", "rendez-vous", "rdv", "événement",
        "evenement",
    ),
    "schedule": (
        "ajoute", "ajouter", "mets", "crée", "planifie", "programme", "réserve", "reserve",
        "bloque", "cale",
    ),
}

_DE: Final[_Table] = {
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

_IT: Final[_Table] = {
    "sends_outside": (
        "invia", "inviare", "inviagli", "inviale", "invialo", "inviala", "manda", "mandare",
        "mandagli", "mandalo", "spedisci", "spedire", "inoltra", "inoltrare", "inoltragli",
        "rispondi", "rispondere", "rispondigli", "paga", "pagare", "invita", "invitare",
        "condividi", "condividere", "pubblica", "scrivigli", "scrivile", "notifica", "prenota",
        "prenotare",
    ),
    "writes_workspace": (
        "salva", "salvare", "scrivi", "scrivere", "crea", "creare", "aggiungi", "aggiungere",
        "annota", "modifica", "modificare", "aggiorna", "aggiornare", "copia", "sposta",
        "rinomina", "metti", "cambia",
    ),
    "destroys": (
        "elimina", "eliminare", "cancella", "cancellare", "cancellalo", "cancellala", "rimuovi",
        "rimuovere", "annulla", "annullare", "togli", "svuota", "disdici", "disdire",
    ),
    "executes_code": (
        "esegui", "eseguire", "avvia", "avviare", "lanciare", "compila", "compilare",
        "installa", "installare", "costruisci",
    ),
    "controls_gateway": ("riavvia", "riavviare", "configura", "configurare", "riconfigura"),
    "calendar": ("calendario", "agenda", "riunione", "appuntamento", "evento"),
    "schedule": ("aggiungi", "metti", "crea", "fissa", "programma", "prenota", "blocca"),
}

_PT: Final[_Table] = {
    "sends_outside": (
        "envia", "envie", "enviar", "manda", "mande", "mandar", "encaminha", "encaminhe",
        "encaminhar", "reencaminha", "responde", "responda", "responder", "paga", "pague",
        "pagar", "transfere", "transfira", "convida", "convide", "convidar", "compartilha",
        "compartilhe", "partilha", "partilhe", "publica", "publique", "notifica", "avisa",
        "avise", "reserva", "reserve", "agende",
    ),
    "writes_workspace": (
        "salva", "salve", "salvar", "guarda", "grava", "gravar", "escreve", "escreva",
        "escrever", "cria", "crie", "criar", "adiciona", "adicione", "adicionar", "acrescenta",
        "anota", "anote", "edita", "edite", "atualiza", "atualize", "copia", "copie", "move",
        "mova", "renomeia", "põe", "poe", "coloca", "coloque", "muda", "altera", "altere",
    ),
    "destroys": (
        "apaga", "apague", "apagar", "exclui", "exclua", "excluir", "deleta", "delete",
        "remove", "remova", "remover", "cancela", "cancele", "cancelar", "elimina", "elimine",
    ),
    "executes_code": (
        "executa", "execute", "executar", "rodar", "compila", "compile", "compilar", "instala",
        "instale", "instalar", "constrói",
    ),
    "controls_gateway": ("reinicia", "reinicie", "reiniciar", "configura", "configurar"),
    "calendar": (
        "calendário", "calendario", "agenda", "reunião", "reuniao", "compromisso", "evento",
    ),
    "schedule": (
        "adiciona", "adicione", "coloca", "coloque", "põe", "poe", "marca", "marque", "agenda",
        "agende", "cria", "crie", "bloqueia", "reserva",
    ),
}

_NL: Final[_Table] = {
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

_RU: Final[_Table] = {
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

_UK: Final[_Table] = {
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

_PL: Final[_Table] = {
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

_TR: Final[_Table] = {
    "sends_outside": (
        "gönder*", "gonder*", "ilet", "iletin", "yanıtla", "yanitla", "cevapla", "öde",
        "ödeyin", "davet", "paylaş", "paylas", "yayınla", "yayinla", "bildir", "yükle", "yukle",
    ),
    "writes_workspace": (
        "kaydet*", "oluştur", "olustur", "ekle", "düzenle", "duzenle", "güncelle", "guncelle",
        "kopyala", "taşı", "tasi", "değiştir", "degistir",
    ),
    "destroys": (
        "sil", "silin", "silsene", "iptal", "kaldır", "kaldir", "temizle", "boşalt", "bosalt",
    ),
    "executes_code": ("çalıştır", "calistir", "yürüt", "yurut", "başlat", "baslat"),
    "controls_gateway": ("yapılandır", "yapilandir"),
    "calendar": ("takvim*", "toplantı*", "toplanti*", "randevu*", "etkinlik"),
    "schedule": ("ekle", "koy", "oluştur", "olustur", "planla", "ayarla"),
}

_ID: Final[_Table] = {
    "sends_outside": (
        "kirim", "kirimkan", "kirimi", "teruskan", "balas", "bayar", "bayarkan", "transfer",
        "mengundang", "bagikan", "posting", "beritahu",
    ),
    "writes_workspace": (
        "simpan", "tulis", "tuliskan", "buat", "buatkan", "tambah", "tambahkan", "catat",
        "edit", "ubah", "perbarui", "salin", "pindahkan",
    ),
    "destroys": ("hapus", "hapuskan", "batal", "batalkan", "buang", "bersihkan"),
    "executes_code": ("jalankan", "eksekusi", "instal", "kompilasi"),
    "controls_gateway": ("konfigurasi", "konfigurasikan"),
    "calendar": ("kalender", "rapat", "janji", "acara"),
    "schedule": ("tambah", "tambahkan", "masukkan", "jadwalkan", "pesan", "blokir"),
}

_HI: Final[_Table] = {
    "sends_outside": (
        "भेज*", "फॉरवर्ड", "जवाब", "भुगतान", "पेमेंट", "आमंत्रित", "शेयर", "मेल",
    ),
    "writes_workspace": ("सेव", "सहेज*", "लिख*", "बनाओ", "बनाएं", "जोड़*", "अपडेट", "बदल*"),
    "destroys": ("हटा*", "मिटा*", "डिलीट", "रद्द"),
    "executes_code": ("चलाओ", "चलाएं", "चलाइए", "चलाना", "इंस्टॉल", "इंस्टाल", "बिल्ड", "कंपाइल"),
    "controls_gateway": ("रीस्टार्ट", "कॉन्फ़िगर"),
    "calendar": ("कैलेंडर", "मीटिंग", "बैठक", "अपॉइंटमेंट"),
    "schedule": ("जोड़*", "डाल*", "बुक", "तय"),
}

_AR: Final[_Table] = {
    "sends_outside": (
        "أرسل*", "ابعث*", "ابعت*", "رد", "ردي", "ادفع*", "سدد", "شارك*", "ادعو", "ادعه",
        "انشر*", "احجز*",
    ),
    "writes_workspace": ("احفظ*", "اكتب*", "أنشئ*", "أضف*", "سجل*", "انسخ*", "انقل*"),
    "destroys": (
        "احذف*", "حذف*", "امسح*", "ألغ", "ألغي", "ألغه", "ألغها", "إلغاء", "أزل", "أزله",
        "أزلها", "إزالة",
    ),
    "executes_code": ("نفذه", "نفذها", "تنفيذ", "تشغيل", "تثبيت"),
    "controls_gateway": ("اضبط", "تهيئة"),
    "calendar": ("تقويم", "اجتماع", "موعد"),
    "schedule": ("أضف*", "ضع", "احجز*", "حدد", "جدول*"),
}

_ZH: Final[_Table] = {
    "sends_outside": (
        "发送", "發送", "发给", "發給", "转发", "轉發", "回复", "回覆", "答复", "支付", "付款",
        "转账", "轉帳", "汇款",
        "匯款", "邀请", "邀請", "分享", "发布", "發布", "通知", "预订", "預訂",
    ),
    "writes_workspace": (
        "保存", "储存", "儲存", "写入", "寫入", "创建", "創建", "新建", "添加", "记下", "記下",
        "编辑", "編輯", "修改",
        "更新", "复制", "複製", "移动", "移動", "重命名", "记录", "記錄",
    ),
    "destroys": ("删除", "刪除", "删掉", "刪掉", "取消", "移除", "清空", "清除", "抹掉"),
    "executes_code": (
        "运行", "運行", "执行", "執行", "构建", "構建", "编译", "編譯", "安装", "安裝", "启动",
        "啟動", "测试", "測試",
    ),
    "controls_gateway": ("重启", "重啟", "配置"),
    "calendar": ("日历", "日曆", "会议", "會議", "约会", "約會", "日程", "活动"),
    "schedule": ("添加", "加到", "加入", "安排", "预订", "預訂", "创建", "新建"),
}

_JA: Final[_Table] = {
    "sends_outside": (
        "送って", "送信", "送る", "転送", "返信", "返事", "支払", "払って", "振り込", "招待",
        "共有", "投稿", "予約", "通知",
    ),
    "writes_workspace": (
        "保存", "書いて", "書き込", "作成", "作って", "追加", "登録", "メモ", "編集", "更新",
        "変更", "コピー", "移動",
    ),
    "destroys": ("削除", "消去", "取り消", "取消", "キャンセル", "除去", "捨てて"),
    "executes_code": ("実行", "走らせ", "ビルド", "インストール", "コンパイル", "起動", "テスト"),
    "controls_gateway": ("再起動", "設定変更", "設定を変更"),
    "calendar": ("カレンダー", "予定", "会議", "ミーティング", "イベント", "打ち合わせ"),
    "schedule": ("入れて", "追加", "登録", "予約", "作成", "設定"),
}

_KO: Final[_Table] = {
    "sends_outside": (
        "보내*", "전송*", "전달*", "답장*", "회신*", "답변*", "결제*", "지불*", "송금*", "이체*",
        "초대*", "공유*",
        "게시*", "예약*",
    ),
    "writes_workspace": (
        "저장*", "작성*", "써줘", "만들*", "생성*", "추가*", "기록*", "메모*", "편집*", "수정*",
        "업데이트*", "복사*",
        "변경*",
    ),
    "destroys": ("삭제*", "지워*", "지우기", "지우고", "취소*", "제거*"),
    "executes_code": ("실행*", "빌드*", "설치*", "컴파일*", "테스트*"),
    "controls_gateway": ("재시작*", "재부팅*"),
    "calendar": ("캘린더*", "달력*", "일정*", "회의*", "미팅*", "약속*"),
    "schedule": ("추가*", "넣어*", "잡아*", "등록*", "예약*"),
}

LANGUAGES: Final[Mapping[str, _Table]] = {
    "en": _EN, "es": _ES, "fr": _FR, "de": _DE, "it": _IT, "pt": _PT, "nl": _NL, "ru": _RU,
    "zh": _ZH, "ja": _JA, "ko": _KO, "ar": _AR, "tr": _TR, "pl": _PL, "uk": _UK, "hi": _HI,
    "id": _ID,
}

# Words that hold a trigger as a substring but mean something else (a CEO, a contest, a
# building): blanked out before the substring match, so they ask for nothing.
_INNOCENT: Final = (
    "首席执行官", "首席執行官", "执行官", "執行官", "执行董事", "執行董事",
    "取消息", "取消费", "运行李", "幸运行", "命运行",
    "消去法", "コンテスト", "プロテスト", "ビルディング", "実行委員", "テストステロン",
)

# fmt: on

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # vowel marks and tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ARABIC_CLITIC = ("و", "ف", "ب", "ل")  # "and", "so", "with", "to" written onto the word


def fold(text: str) -> str:
    """NFKC, case-folded; Turkish dotted I and Arabic letter variants made one."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("i\u0307", "i")
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return unicodedata.normalize("NFC", text)


def _separator(c: str) -> bool:
    if c.isspace():
        return True
    if c in ".@_'’-":
        return False  # "notes.md" and "e-mail" stay one word; "s'il" is split below
    return unicodedata.category(c)[0] in "PSZ"


def tokens(text: str) -> list[str]:
    """Folded words of the text: split at spaces, punctuation and symbols (not at a
    vowel sign: Devanagari and Arabic marks belong to their word), dots trimmed."""
    out: list[str] = []
    word: list[str] = []
    for c in fold(text) + " ":
        if _separator(c):
            w = "".join(word).strip(".'’-")
            if w:
                out.append(w)
            word = []
        else:
            word.append(c)
    return out


def _variants(token: str) -> Iterable[str]:
    """The token, and its parts around an apostrophe or a hyphen ("envoie-lui", "l'efface");
    an Arabic token also without one clitic letter in front ("وأرسل", "بحذف") and without
    the article."""
    yield token
    parts = re.split(r"['’-]", token)
    if len(parts) > 1:
        yield from (p for p in parts if p)
    if "\u0600" <= token[-1] <= "\u06ff":
        bare = token[1:] if len(token) > 3 and token[0] in _ARABIC_CLITIC else token
        yield bare
        if bare.startswith("ال") and len(bare) > 4:
            yield bare[2:]  # the article: "التقويم" is "تقويم"


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _inflections(stem: str) -> tuple[str, ...]:
    """Regular English forms; -d only after e ("deleted", never "rund"), -es only after a
    sibilant ("fetches", never "textes")."""
    out = [stem, stem + "s", stem + "ed", stem + "ing"]
    if stem.endswith("e"):
        out += [stem + "d", stem[:-1] + "ing"]
    if stem.endswith(("s", "x", "z", "ch", "sh")):
        out.append(stem + "es")
    return tuple(out)


# English forms that are everyday words of a covered language: "pays" (fr: country).
_NOT_ENGLISH: Final = frozenset({"pays"})


class _Matcher:
    """One kind's entries, compiled: whole words, stems, phrases, substrings."""

    def __init__(self, entries: Iterable[tuple[str, bool]]) -> None:
        self.words: set[str] = set()
        self.stems: list[str] = []
        self.phrases: list[str] = []
        self.substrings: list[str] = []
        for raw, english in entries:
            entry = fold(raw)
            if _CJK.search(entry):
                self.substrings.append(entry)
            elif entry.endswith("*"):
                self.stems.append(entry[:-1])
            elif " " in entry:
                self.phrases.append(" " + entry + " ")
            elif english:
                self.words.update(f for f in _inflections(entry) if f not in _NOT_ENGLISH)
            else:
                self.words.add(entry)

    def match(self, words: list[str], joined: str, blanked: str) -> bool:
        for token in words:
            for v in _variants(token):
                if v in self.words or any(v.startswith(s) for s in self.stems):
                    return True
        if any(p in joined for p in self.phrases):
            return True
        return any(s in blanked for s in self.substrings)


def _compile() -> dict[str, _Matcher]:
    kinds: dict[str, list[tuple[str, bool]]] = {}
    for lang, table in LANGUAGES.items():
        for kind, entries in table.items():
            english = lang == "en" and kind not in ("calendar", "schedule")  # listed as written
            kinds.setdefault(kind, []).extend((e, english) for e in entries)
    return {kind: _Matcher(entries) for kind, entries in kinds.items()}


_MATCHERS: Final = _compile()
_EFFECT_KINDS: Final[tuple[Effect, ...]] = (
    "sends_outside",
    "writes_workspace",
    "destroys",
    "executes_code",
    "controls_gateway",
)
_INNOCENT_FOLDED: Final = tuple(fold(w) for w in _INNOCENT)


def asked_effects(text: str) -> frozenset[Effect]:
    """The effect kinds the owner's text asks for (always ``read_only``)."""
    words = tokens(text)
    joined = " " + " ".join(words) + " "
    blanked = fold(text)
    for innocent in _INNOCENT_FOLDED:
        blanked = blanked.replace(innocent, " ")
    found: set[Effect] = {"read_only"}
    found.update(k for k in _EFFECT_KINDS if _MATCHERS[k].match(words, joined, blanked))
    if "destroys" in found:
        found.add("writes_workspace")  # deleting a file is also a change to the workspace
    if _MATCHERS["calendar"].match(words, joined, blanked) and _MATCHERS["schedule"].match(
        words, joined, blanked
    ):
        found.add("sends_outside")  # "add … to my calendar with X" invites X
    return frozenset(found)
